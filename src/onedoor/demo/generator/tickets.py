"""The demo's queue history (取号叫号): the district hall's last working days, visitor by visitor, through the
ticket services (`ticket_take`, `ticket_call_next`) on a frozen clock — a discrete-event simulation of one
pooled queue served by WINDOWS windows. Visitors arrive at random (Poisson, ARRIVALS_PER_HOUR from 09:00 to
17:00) for an item of any department; each is served for a random time (exponential, mean SERVICE_MINUTES);
the next ticket is called when a window frees up. The recorded times are the capacity planner's defaults.

With 12 windows 90 % busy (64.8 arrivals an hour, 10 minutes each) the pooled queue waits about 5 minutes on
average — the seed's 5–10 minutes after the reform."""

from __future__ import annotations

import heapq
import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from onedoor.catalog.models import Item
from onedoor.core import clock
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Centre, Role, Staff
from onedoor.tickets.models import Kind, Source
from onedoor.tickets.services import ticket_call_next, ticket_take

WINDOWS = 12
SERVICE_MINUTES = 10.0
ARRIVALS_PER_HOUR = 0.93 * WINDOWS * 60 / SERVICE_MINUTES
OPEN, CLOSE = time(9, 0), time(17, 0)
SHARES = {Kind.PRIORITY: 0.05, Kind.APPOINTMENT: 0.15}  # the rest walk in
PRIORITY_REASONS = ("老年人", "残疾人", "孕妇")


def _working_days(district, days: int) -> list:
    calendar = calendar_for(district)
    day, found = timezone.localdate(clock.now()), []
    while len(found) < days:
        day -= timedelta(days=1)
        if calendar.is_workday(day):
            found.append(day)
    return sorted(found)


def _kind(rng: random.Random) -> str:
    roll = rng.random()
    if roll < SHARES[Kind.PRIORITY]:
        return Kind.PRIORITY
    if roll < SHARES[Kind.PRIORITY] + SHARES[Kind.APPOINTMENT]:
        return Kind.APPOINTMENT
    return Kind.WALK_IN


def simulate_day(*, centre, windows, staff, items, day, rng: random.Random) -> int:
    """One day of the hall; returns how many tickets were taken."""
    zone = ZoneInfo(settings.TIME_ZONE)
    opening, closing = datetime.combine(day, OPEN, zone), datetime.combine(day, CLOSE, zone)
    events: list = []  # (moment, order, kind, window index)
    t, order = opening, 0
    while True:
        t += timedelta(hours=rng.expovariate(ARRIVALS_PER_HOUR))
        if t >= closing:
            break
        order += 1
        heapq.heappush(events, (t, order, "arrive", -1))
    idle = set(range(len(windows)))
    taken = 0
    while events:
        moment, _order, what, w = heapq.heappop(events)
        with clock.frozen_at(moment):
            if what == "arrive":
                kind = _kind(rng)
                ticket_take(
                    centre=centre,
                    kind=kind,
                    source=rng.choice((Source.STAFF, Source.KIOSK)),
                    item=rng.choice(items),
                    priority_reason=rng.choice(PRIORITY_REASONS) if kind == Kind.PRIORITY else "",
                )
                taken += 1
                if not idle:
                    continue
                w = min(idle)
            # a window is free (just freed, or idle when someone arrived): it calls the next ticket
            ticket = ticket_call_next(staff=staff[w % len(staff)], window=windows[w])
        if ticket is None:
            idle.add(w)
        else:
            idle.discard(w)
            order += 1
            service = timedelta(minutes=rng.expovariate(1 / SERVICE_MINUTES))
            heapq.heappush(events, (moment + service, order, "free", w))
    return taken


def generate_queue_history(*, district, days: int, rng: random.Random) -> int:
    """The district hall's last `days` working days; returns how many tickets were taken."""
    if days <= 0:
        return 0
    centre = Centre.objects.get(district=district, level="district", parent__isnull=True)
    windows = list(centre.windows.filter(active=True).order_by("number")[:WINDOWS])
    staff = [
        s
        for s in Staff.objects.filter(district=district, centre=centre).order_by("id")
        if s.has_role(Role.WINDOW_GENERALIST)
    ]
    items = list(Item.objects.filter(district=district).order_by("code"))
    return sum(
        simulate_day(centre=centre, windows=windows, staff=staff, items=items, day=day, rng=rng)
        for day in _working_days(district, days)
    )
