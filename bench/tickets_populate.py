"""Bench helper for the queue benchmark, run inside Django (DATABASE_URL set by bench/tickets.py).

fill N      the demo district's organisation and catalog (the demo generator), N waiting tickets at the
            district hall through `ticket_take`, and an API token for the hall's window generalist; prints
            {"token", "centre", "windows", "waiting"} as JSON
"""

from __future__ import annotations

import json
import os
import random
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onedoor.settings")
django.setup()

from django.db import transaction  # noqa: E402

from onedoor.catalog.importexport import catalog_import  # noqa: E402
from onedoor.catalog.models import Item  # noqa: E402
from onedoor.demo import data  # noqa: E402
from onedoor.demo.generator import org as org_gen  # noqa: E402
from onedoor.districts import services  # noqa: E402
from onedoor.districts.auth import token_create  # noqa: E402
from onedoor.districts.models import Role  # noqa: E402
from onedoor.tickets.models import Kind, Source, Ticket, TicketStatus  # noqa: E402
from onedoor.tickets.services import ticket_take  # noqa: E402


def fill(count: int) -> None:
    rng = random.Random(5)
    with transaction.atomic():
        org = org_gen.build_chancheng(rng=rng, communities=3, departments=data.chancheng_departments())
    district, hall = org.district, org.centre
    staff = services.staff_create(
        district=district,
        username="bench-window",
        password="bench-password-123",
        centre=hall,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    payload = json.dumps(
        {"format": "onedoor-catalog/1", "district": district.code, "items": data.chancheng_items()}
    )
    catalog_import(district=district, payload=payload.encode(), fmt="json", actor=staff, publish=True)
    items = list(Item.objects.filter(district=district))
    for n in range(count):
        kind = Kind.PRIORITY if n % 20 == 0 else Kind.APPOINTMENT if n % 7 == 0 else Kind.WALK_IN
        ticket_take(
            centre=hall,
            kind=kind,
            source=Source.KIOSK,
            item=rng.choice(items),
            priority_reason="老年人" if kind == Kind.PRIORITY else "",
        )
    _token, secret = token_create(staff=staff, name="bench")
    windows = list(hall.windows.filter(active=True).order_by("number").values_list("number", flat=True))
    waiting = Ticket.objects.filter(centre=hall, status=TicketStatus.WAITING).count()
    print(json.dumps({"token": secret, "centre": hall.code, "windows": windows, "waiting": waiting}))


if __name__ == "__main__":
    if sys.argv[1:2] != ["fill"] or len(sys.argv) != 3:
        raise SystemExit(__doc__)
    fill(int(sys.argv[2]))
