"""Puts the demo together, step by step, each step through the domain services."""

from __future__ import annotations

import json
import random
from collections.abc import Callable

from django.db import transaction

from onedoor.catalog.importexport import catalog_import
from onedoor.demo import data
from onedoor.demo.generator import applications as applications_gen
from onedoor.demo.generator import appointments as appointments_gen
from onedoor.demo.generator import org as org_gen
from onedoor.demo.generator import people as people_gen
from onedoor.demo.generator import tickets as tickets_gen
from onedoor.districts.models import Staff
from onedoor.people import services as people_services


def _import_catalog(district, items: list[dict], actor) -> int:
    payload = json.dumps({"format": "onedoor-catalog/1", "district": district.code, "items": items}).encode()
    report = catalog_import(district=district, payload=payload, fmt="json", actor=actor, publish=True)
    if not report.ok:
        problems = "; ".join(str(p) for p in report.problems[:10])
        raise RuntimeError(f"the demo catalog of {district.name} does not pass the import checks: {problems}")
    return len(items)


def generate(
    *,
    seed: int,
    communities: int,
    persons: int,
    enterprises: int,
    progress: Callable[[str], None],
    queue_days: int = 5,
):
    rng = random.Random(seed)
    with transaction.atomic():
        chancheng = org_gen.build_chancheng(
            rng=rng, communities=communities, departments=data.chancheng_departments()
        )
        org_gen.build_staff(chancheng)
    district = chancheng.district
    admin = Staff.objects.get(username="admin")
    progress(
        f"{district.name}: {1 + len(chancheng.streets) + len(chancheng.communities)} centres, "
        f"{len(chancheng.departments)} departments"
    )
    items = _import_catalog(district, data.chancheng_items(), admin)
    progress(f"{district.name}: {items} items published")

    person_rows = people_gen.person_rows(rng, persons)
    people_services.persons_import(district=district, rows=person_rows, actor=admin)
    enterprise_rows = people_gen.enterprise_rows(rng, enterprises, person_rows)
    people_services.enterprises_import(district=district, rows=enterprise_rows, actor=admin)
    progress(f"{district.name}: {persons} persons, {enterprises} enterprises")
    with transaction.atomic():
        records = people_gen.settle_records(
            rng=rng,
            district=district,
            persons=district.person_set.order_by("id"),
            enterprises=district.enterprise_set.order_by("id"),
            departments=chancheng.departments,
            share=0.2,
        )
    progress(f"{district.name}: {records} verified records settled")

    with transaction.atomic():
        hetang = org_gen.build_hetang(departments=data.hetang_departments())
    hetang_admin = Staff.objects.get(username="hetang-admin")
    hetang_items = _import_catalog(hetang.district, data.hetang_items(), hetang_admin)
    people_services.persons_import(
        district=hetang.district,
        rows=people_gen.person_rows(random.Random(seed + 1), 200),
        actor=hetang_admin,
    )
    progress(f"{hetang.district.name}: {hetang_items} items, 200 persons")
    tickets = tickets_gen.generate_queue_history(
        district=district, days=queue_days, rng=random.Random(seed + 2)
    )
    progress(f"{district.name}: {tickets} queue tickets over the hall's last {queue_days} working days")
    booked = appointments_gen.generate_appointments(
        district=district, bookings=40, rng=random.Random(seed + 3)
    )
    progress(f"{district.name}: {booked} appointments booked at the district hall")
    online = applications_gen.generate_applications(district=district, count=12, rng=random.Random(seed + 4))
    progress(
        f"{district.name}: online applications — {online['submitted']} waiting for pre-review, "
        f"{online['fix_needed']} returned for a fix, {online['accepted']} accepted"
    )
    return {
        "districts": 2,
        "centres": 1 + len(chancheng.streets) + len(chancheng.communities),
        "items": items,
        "persons": persons,
        "enterprises": enterprises,
        "records": records,
        "tickets": tickets,
        "appointments": booked,
        "online_applications": sum(online.values()),
    }
