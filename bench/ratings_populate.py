"""Fill for the rating benchmark: one district with a centre, a window, a department and its generalist,
N visits served at the window (bulk-inserted tickets, status done, finished now), and the window's rating
pad paired through the service. Prints one JSON line: {"secret", "tickets": [ids]}.

    DATABASE_URL=… python bench/ratings_populate.py 5000
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onedoor.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from onedoor.districts import services  # noqa: E402
from onedoor.districts.models import Role  # noqa: E402
from onedoor.ratings.services import pad_pair  # noqa: E402
from onedoor.tickets.models import Kind, Source, Ticket, TicketStatus  # noqa: E402


def main(count: int) -> None:
    district = services.district_create(code="440604", name="禅城区")
    centre = services.centre_create(
        district=district, code="440604-C", name="禅城区行政服务中心", level="district"
    )
    services.windows_open(centre=centre, count=1)
    department = services.department_create(district=district, code="BDC", name="不动产登记中心")
    alice = services.staff_create(
        district=district,
        username="alice",
        password="bench-only-password",
        centre=centre,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    window = centre.windows.get()
    now = timezone.now()
    day = timezone.localdate(now)
    Ticket.objects.bulk_create(
        [
            Ticket(
                district=district,
                centre=centre,
                day=day,
                kind=Kind.WALK_IN,
                rank=3,
                seq=n + 1,
                number=f"A{n + 1:03d}",
                source=Source.STAFF,
                department=department,
                status=TicketStatus.DONE,
                taken_at=now,
                called_at=now,
                finished_at=now,
                window=window,
                called_by=alice,
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    _pad, secret = pad_pair(staff=alice, window=window)
    ids = list(Ticket.objects.filter(window=window).order_by("id").values_list("id", flat=True))
    print(json.dumps({"secret": secret, "tickets": ids}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
