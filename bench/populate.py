"""Fills a benchmark database through the real services: one district, its departments, N catalog items
(through the catalog importer) and M persons (through the population-register import), plus a staff token.

Run by bench/run.py with DATABASE_URL set: `python bench/populate.py ITEMS PERSONS` fills and prints the
token; `python bench/populate.py sample N` prints N ID numbers of persons in the database."""

from __future__ import annotations

import json
import os
import random
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onedoor.settings")

import django  # noqa: E402

django.setup()

from onedoor.catalog.importexport import catalog_import  # noqa: E402
from onedoor.demo import data  # noqa: E402
from onedoor.demo.generator import people as people_gen  # noqa: E402
from onedoor.districts import services  # noqa: E402
from onedoor.districts.auth import token_create  # noqa: E402
from onedoor.districts.models import Role  # noqa: E402
from onedoor.people.services import persons_import  # noqa: E402

PLACES = ["祖庙", "石湾", "张槎", "南庄", "季华", "汾江", "岭南", "澜石", "紫洞", "罗格"]


def item_variants(count: int) -> list[dict]:
    """The demo catalog, then variants of it (per place and year) until there are `count` items."""
    base = data.chancheng_items()
    items: list[dict] = []
    round_no = 0
    while len(items) < count:
        for template in base:
            if len(items) == count:
                break
            item = json.loads(json.dumps(template))
            if round_no:
                place = PLACES[round_no % len(PLACES)]
                item["code"] = f"{template['code']}-V{round_no:03d}"[:36]
                item["name"] = f"{template['name']}（{place}片区第{round_no}批）"
            items.append(item)
        round_no += 1
    return items


def sample_numbers(count: int) -> list[str]:
    """ID numbers of `count` random persons of the benchmark district."""
    from onedoor.people.models import Person

    top = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    picks = random.Random(3).sample(range(1, top + 1), min(count, top))
    return list(Person.objects.filter(pk__in=picks).values_list("id_number", flat=True))


def main() -> None:
    if sys.argv[1] == "sample":
        print("\n".join(sample_numbers(int(sys.argv[2]))))
        return
    n_items, n_persons = int(sys.argv[1]), int(sys.argv[2])
    started = time.monotonic()
    district = services.district_create(code="440604", name="禅城区")
    for spec in data.chancheng_departments():
        services.department_create(district=district, code=spec["code"], name=spec["name"])
    staff = services.staff_create(
        district=district,
        username="bench",
        password="bench-password-123",
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    payload = json.dumps(
        {"format": "onedoor-catalog/1", "district": "440604", "items": item_variants(n_items)}
    )
    report = catalog_import(
        district=district, payload=payload.encode(), fmt="json", actor=staff, publish=True
    )
    if not report.ok:
        raise SystemExit(f"catalog import failed: {report.problems[:5]}")
    rng = random.Random(7)
    chunk, used = 50_000, set()
    for start in range(0, n_persons, chunk):
        persons_import(
            district=district,
            rows=people_gen.person_rows(rng, min(chunk, n_persons - start), used),
            actor=staff,
        )
        print(f"  persons {min(start + chunk, n_persons):,}/{n_persons:,}", file=sys.stderr)
    _token, secret = token_create(staff=staff, name="bench")
    print(f"  populated in {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(secret)


if __name__ == "__main__":
    main()
