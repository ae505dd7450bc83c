"""What the booking pages and the API read: the free places of a plan's slots, and a centre's day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count

from onedoor.appointments.models import Appointment, AppointmentStatus, SlotPlan
from onedoor.appointments.services import bookable_days, slot_starts
from onedoor.core import clock

HELD = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)


def free_slots(plan: SlotPlan, *, days: int | None = None) -> list[dict]:
    """Every future slot of the plan's bookable working days with its free places (one counting query)."""
    now = clock.now()
    bookable = bookable_days(plan, now)[: days or None]
    if not bookable:
        return []
    first, last = bookable[0], bookable[-1] + timedelta(days=1)
    starts = [s for day in bookable for s in slot_starts(plan, day) if s > now]
    taken = dict(
        Appointment.objects.filter(
            plan=plan,
            status__in=HELD,
            starts_at__gte=starts[0] if starts else now,
            starts_at__lt=_end(first, last),
        )
        .values("starts_at")
        .annotate(n=Count("id"))
        .values_list("starts_at", "n")
    )
    return [
        {
            "starts_at": s,
            "ends_at": s + timedelta(minutes=plan.slot_minutes),
            "capacity": plan.capacity,
            "free": max(0, plan.capacity - taken.get(s, 0)),
        }
        for s in starts
    ]


def _end(first: date, last: date) -> datetime:
    return datetime.combine(last, time.min, ZoneInfo(settings.TIME_ZONE))


def centre_day(centre, day: date) -> list[Appointment]:
    """The centre's bookings of `day`, in slot order."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(day, time.min, zone)
    return list(
        Appointment.objects.filter(
            centre=centre, starts_at__gte=start, starts_at__lt=start + timedelta(days=1)
        )
        .exclude(status=AppointmentStatus.CANCELLED)
        .select_related("item", "person", "ticket")
        .order_by("starts_at", "id")
    )
