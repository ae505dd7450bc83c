"""Fills the case benchmark database and picks the requests to send. Run by bench/cases.py with DATABASE_URL
and DJANGO_SETTINGS_MODULE=trivial_settings set:

    python bench/cases_populate.py fill PERSONS ENTERPRISES CASES TOTAL   # prints a JSON line last
    python bench/cases_populate.py sample N                                # prints the requests as JSON

`fill` builds the demo organisation and catalog of Chancheng through the districts services and the catalog
importer, PERSONS and ENTERPRISES through the population-register import, then CASES cases through the case
services (the generator behind `onedoor seed --cases`), timing it; when TOTAL is larger, it adds copies of
those cases up to TOTAL (bench/case_fill.py — a bulk fill, not the product's write path). It also creates the
bench-only table behind the trivial endpoints (bench/trivial.py) and a window generalist's API token.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trivial_settings")

import django  # noqa: E402

django.setup()

import case_fill  # noqa: E402
import trivial  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from onedoor.cases.api import _encode  # noqa: E402  (the API's own cursor format)
from onedoor.cases.models import Case  # noqa: E402
from onedoor.catalog.importexport import catalog_import  # noqa: E402
from onedoor.catalog.selectors import published_versions, with_content  # noqa: E402
from onedoor.demo import data  # noqa: E402
from onedoor.demo.generator import org as org_gen  # noqa: E402
from onedoor.demo.generator import people as people_gen  # noqa: E402
from onedoor.demo.generator.cases import generate_cases  # noqa: E402
from onedoor.districts import services  # noqa: E402
from onedoor.districts.auth import token_create  # noqa: E402
from onedoor.districts.models import District, Role  # noqa: E402
from onedoor.people.models import Person  # noqa: E402
from onedoor.people.services import enterprises_import, persons_import  # noqa: E402

SEED = 2015
BENCH_ROWS = 10_000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _organisation(n_persons: int, n_enterprises: int):
    rng = random.Random(SEED)
    with transaction.atomic():
        org = org_gen.build_chancheng(rng=rng, communities=30, departments=data.chancheng_departments())
    district = org.district
    staff = services.staff_create(
        district=district,
        username="bench",
        password="bench-password-123",
        centre=org.centre,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    payload = json.dumps(
        {"format": "onedoor-catalog/1", "district": district.code, "items": data.chancheng_items()}
    )
    report = catalog_import(
        district=district, payload=payload.encode(), fmt="json", actor=staff, publish=True
    )
    if not report.ok:
        raise SystemExit(f"catalog import failed: {report.problems[:5]}")
    used: set[str] = set()
    sample: list[dict] = []
    for start in range(0, n_persons, 50_000):
        rows = people_gen.person_rows(rng, min(50_000, n_persons - start), used)
        sample = sample or rows[:1000]
        persons_import(district=district, rows=rows, actor=staff)
        log(f"  persons {start + len(rows):,}/{n_persons:,}")
    enterprises_import(
        district=district, rows=people_gen.enterprise_rows(rng, n_enterprises, sample), actor=staff
    )
    with transaction.atomic():
        people_gen.settle_records(
            rng=rng,
            district=district,
            persons=district.person_set.order_by("id")[:20_000],
            enterprises=district.enterprise_set.order_by("id")[:2_000],
            departments=org.departments,
            share=0.2,
        )
    return district, staff


def _bench_rows(district) -> None:
    trivial.create_table()
    with connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(trivial.COLUMNS))
        cursor.executemany(
            f"INSERT INTO bench_row ({', '.join(trivial.COLUMNS)}) VALUES ({placeholders})",
            [trivial._values(district.pk) for _ in range(BENCH_ROWS)],
        )


def fill(n_persons: int, n_enterprises: int, n_cases: int, total: int) -> None:
    started = time.monotonic()
    district, staff = _organisation(n_persons, n_enterprises)
    _bench_rows(district)
    log(f"  organisation, catalog and people in {time.monotonic() - started:.0f} s")
    t0, cpu0 = time.monotonic(), time.process_time()
    summary = generate_cases(
        district=district,
        count=n_cases,
        seed=SEED,
        every=max(100, n_cases // 10),
        progress=lambda m: log(f"  {m}"),
    )
    seed = {"cases": n_cases, "seconds": time.monotonic() - t0, "cpu_seconds": time.process_time() - cpu0}
    seed["actions"] = summary["officer actions"]
    t0 = time.monotonic()
    copies = case_fill.replicate(district=district, total=total, progress=log)
    copy = {"cases": copies, "seconds": time.monotonic() - t0}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    _token, secret = token_create(staff=staff, name="bench")
    log(f"  filled in {time.monotonic() - started:.0f} s")
    print(json.dumps({"token": secret, "seed": seed, "copies": copy}))


def _bodies(district, applicants: list[str], rng: random.Random) -> list[str]:
    """POST /api/v1/cases bodies: an instant and a promised item in turn, every material received with every
    criterion met, for persons of the district, at the bench generalist's centre (the district hall)."""
    versions = [
        v
        for v in with_content(published_versions(district)).order_by("item__code")
        if v.item.subject == "person" and (not v.levels or "district" in v.levels)
    ]
    instant = [v for v in versions if v.kind == "instant"][:8]
    promised = [v for v in versions if v.kind == "promised"][:8]
    bodies = []
    for n, applicant in enumerate(applicants):
        version = (instant, promised)[n % 2][n // 2 % 8]
        materials = [
            {"code": m.code, "received": True, "criteria": {c["id"]: True for c in m.criteria or []}}
            for m in version.materials.all()
        ]
        bodies.append(
            json.dumps({"item_code": version.item.code, "applicant": applicant, "materials": materials})
        )
    return bodies


def sample(count: int) -> None:
    rng = random.Random(5)
    district = District.objects.get(code="440604")
    cases = Case.objects.filter(district=district)
    top = cases.order_by("-id").values_list("id", flat=True).first()
    low = cases.order_by("id").values_list("id", flat=True).first()
    picked = list(cases.filter(id__in=rng.sample(range(low, top + 1), min(count * 2, top - low + 1)))[:count])
    departments = sorted({c.department.code for c in picked[:200]})
    persons = Person.objects.filter(district=district)
    last_person = persons.order_by("-id").values_list("id", flat=True).first()
    ids = rng.sample(range(1, last_person + 1), min(count * 2, last_person))
    applicants = list(persons.filter(id__in=ids).values_list("id_number", flat=True)[:count])
    print(
        json.dumps(
            {
                "numbers": [c.number for c in picked],
                "rows": [rng.randrange(1, BENCH_ROWS + 1) for _ in range(count)],
                "bodies": _bodies(district, applicants, rng),
                "lists": ["/api/v1/cases"]
                + [f"/api/v1/cases?status={s}" for s in ("completed", "review", "approve", "rejected")]
                + [f"/api/v1/cases?department={d}" for d in departments[:10]],
                "pages": [f"/api/v1/cases?cursor={_encode(c)}" for c in picked[:200]],
                "searches": [f"/api/v1/cases?applicant={c.applicant_number}" for c in picked],
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1] == "fill":
        fill(*(int(a) for a in sys.argv[2:6]))
    else:
        sample(int(sys.argv[2]))
