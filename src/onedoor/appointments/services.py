"""Booking, cancelling, moving and checking in appointments; the plans that offer the slots; the no-show sweep.
Every change is audited; a booking with a client key is idempotent.

Rules (decided here, documented in docs/appointments.md): a person holds at most ACTIVE_LIMIT future bookings
in the district and one per item and day; NO_SHOW_LIMIT no-shows within NO_SHOW_DAYS stop new bookings until
NO_SHOW_BLOCK_DAYS after the last one; check-in opens CHECK_IN_EARLY before the slot and closes CHECK_IN_LATE
after its start; a booking nobody checked in for is a no-show NO_SHOW_GRACE after its slot ends. Two bookings
for the last place of a slot never both succeed: booking locks the plan's row (PostgreSQL; SQLite's writes are
serial anyway) and counts the slot's places inside that lock."""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onedoor.appointments.models import Appointment, AppointmentStatus, SlotPlan
from onedoor.catalog.models import Item
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, DomainError, NotFound
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Centre
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.models import Person
from onedoor.tickets.models import Kind, Source
from onedoor.tickets.services import ticket_take

ACTIVE_LIMIT = 3
NO_SHOW_LIMIT, NO_SHOW_DAYS, NO_SHOW_BLOCK_DAYS = 3, 90, 30
CHECK_IN_EARLY, CHECK_IN_LATE = timedelta(minutes=30), timedelta(minutes=15)
NO_SHOW_GRACE = timedelta(minutes=30)
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _clock_time(text: str) -> time:
    return time(int(text[:2]), int(text[3:]))


# --- plans ------------------------------------------------------------------------------------------------


def plan_check(*, sessions, slot_minutes: int, capacity: int, horizon_days: int) -> None:
    """A plan's figures as the booking rules need them (the admin's form checks with this too)."""
    if (
        not isinstance(sessions, list)
        or not sessions
        or not all(
            isinstance(s, list | tuple)
            and len(s) == 2
            and all(isinstance(t, str) and HHMM.match(t) for t in s)
            for s in sessions
        )
    ):
        raise DomainError(
            "bad_sessions", _("Give opening sessions as pairs of HH:MM times."), field="sessions"
        )
    ordered = [(_clock_time(a), _clock_time(b)) for a, b in sessions]
    if any(a >= b for a, b in ordered) or any(
        ordered[n][1] > ordered[n + 1][0] for n in range(len(ordered) - 1)
    ):
        raise DomainError("bad_sessions", _("Sessions must run forward and not overlap."), field="sessions")
    if not 5 <= slot_minutes <= 240 or not 1 <= capacity <= 500 or not 1 <= horizon_days <= 90:
        raise DomainError(
            "bad_plan",
            _("Slots last 5 to 240 minutes, hold 1 to 500 people, and are offered 1 to 90 days ahead."),
        )


@transaction.atomic
def plan_set(
    *,
    centre: Centre,
    item: Item | None = None,
    sessions: list | None = None,
    slot_minutes: int = 30,
    capacity: int = 4,
    horizon_days: int = 14,
    enabled: bool = True,
    actor=None,
) -> SlotPlan:
    """Create or change the plan of (centre, item); no item: the centre's plan for any item."""
    sessions = sessions if sessions is not None else [["09:00", "12:00"], ["13:30", "17:00"]]
    plan_check(sessions=sessions, slot_minutes=slot_minutes, capacity=capacity, horizon_days=horizon_days)
    if item is not None and item.district_id != centre.district_id:
        raise DomainError(
            "item_of_another_district", _("This item belongs to another district."), field="item"
        )
    plan, _created = SlotPlan.objects.update_or_create(
        centre=centre,
        item=item,
        defaults={
            "district_id": centre.district_id,
            "sessions": [list(s) for s in sessions],
            "slot_minutes": slot_minutes,
            "capacity": capacity,
            "horizon_days": horizon_days,
            "enabled": enabled,
        },
    )
    audit(
        district=centre.district,
        actor=actor,
        action="appointments.plan_set",
        obj=plan,
        data={"item": item.code if item else None, "sessions": plan.sessions, "capacity": capacity},
    )
    return plan


def plan_for(centre: Centre, item: Item) -> SlotPlan:
    plan = (
        SlotPlan.objects.filter(centre=centre, enabled=True, item=item).first()
        or SlotPlan.objects.filter(centre=centre, enabled=True, item__isnull=True).first()
    )
    if plan is None:
        raise NotFound("no_appointments", _("This centre takes no appointments for this item."))
    return plan


def slot_starts(plan: SlotPlan, day: date) -> list[datetime]:
    """Every slot start of `day` by the plan's sessions (whether or not the day is a working day)."""
    starts = []
    for a, b in plan.sessions:
        moment = datetime.combine(day, _clock_time(a), _zone())
        end = datetime.combine(day, _clock_time(b), _zone())
        while moment + timedelta(minutes=plan.slot_minutes) <= end:
            starts.append(moment)
            moment += timedelta(minutes=plan.slot_minutes)
    return starts


def bookable_days(plan: SlotPlan, now: datetime) -> list[date]:
    calendar = calendar_for(plan.centre.district)
    today = timezone.localdate(now)
    return [
        today + timedelta(days=n)
        for n in range(plan.horizon_days + 1)
        if calendar.is_workday(today + timedelta(days=n))
    ]


# --- booking ----------------------------------------------------------------------------------------------


def _person(*, district, number: str, name: str, phone: str, actor) -> Person:
    result = idnumbers.identify(number)
    if not result.valid or result.kind != "resident":
        raise DomainError("invalid_number", _("Give the resident ID number of the person who will come."))
    person = Person.objects.filter(district=district, id_number=result.number).first()
    if person is not None:
        return person
    if not name.strip():
        raise NotFound(
            "applicant_unknown",
            _("No person with this ID number is registered yet: give the name to register them."),
        )
    # Booked by phone or online: the identity is self-declared (level 2) until checked at the centre.
    return people_services.person_register(
        district=district,
        id_number=result.number,
        name=name.strip(),
        phone=phone,
        identity_level=2,
        actor=actor,
    )


def _check_person_may_book(
    person: Person, item: Item, starts_at: datetime, now: datetime, moving=None
) -> None:
    active = Appointment.objects.filter(person=person, status=AppointmentStatus.BOOKED, starts_at__gt=now)
    if moving is not None:
        active = active.exclude(pk=moving.pk)
    if active.count() >= ACTIVE_LIMIT:
        raise Conflict(
            "too_many_bookings",
            _("A person may hold at most %(n)d bookings at a time.") % {"n": ACTIVE_LIMIT},
        )
    day = timezone.localdate(starts_at)
    if any(timezone.localdate(a.starts_at) == day for a in active.filter(item=item)):
        raise Conflict("already_booked", _("This person already has a booking for this item on that day."))
    missed = list(
        Appointment.objects.filter(
            person=person, status=AppointmentStatus.NO_SHOW, starts_at__gte=now - timedelta(days=NO_SHOW_DAYS)
        )
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)[:NO_SHOW_LIMIT]
    )
    if len(missed) >= NO_SHOW_LIMIT and now < missed[0] + timedelta(days=NO_SHOW_BLOCK_DAYS):
        until = timezone.localdate(missed[0] + timedelta(days=NO_SHOW_BLOCK_DAYS))
        raise Conflict(
            "no_show_block",
            _(
                "%(n)d bookings were not kept in %(days)d days: new bookings are possible again from %(until)s."
            )
            % {"n": NO_SHOW_LIMIT, "days": NO_SHOW_DAYS, "until": until.isoformat()},
        )


def _check_slot(plan: SlotPlan, starts_at: datetime, now: datetime) -> None:
    if starts_at <= now:
        raise DomainError("slot_past", _("This slot has already begun."), field="starts_at")
    day = timezone.localtime(starts_at, _zone()).date()
    if day not in bookable_days(plan, now) or starts_at not in slot_starts(plan, day):
        raise DomainError(
            "no_such_slot", _("There is no slot at this time: choose one from the list."), field="starts_at"
        )


def _code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(8))


def _place(plan: SlotPlan, starts_at: datetime) -> None:
    """Lock the plan and make sure the slot still has a place (inside the booking's transaction)."""
    SlotPlan.objects.select_for_update().filter(pk=plan.pk).values_list("pk").first()
    taken = Appointment.objects.filter(
        plan=plan, starts_at=starts_at, status__in=(AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)
    ).count()
    if taken >= plan.capacity:
        raise Conflict("slot_full", _("This slot is full: choose another."), field="starts_at")


def appointment_book(
    *,
    centre: Centre,
    item: Item,
    starts_at: datetime,
    applicant: str,
    applicant_name: str = "",
    phone: str = "",
    channel: str = "window",
    actor=None,
    key: str | None = None,
) -> tuple[Appointment, bool]:
    """Book a place; returns (appointment, created). The same `key` again returns the first booking."""
    if key is not None and not 1 <= len(key) <= 100:
        raise DomainError("bad_idempotency_key", _("Send an Idempotency-Key header of 1 to 100 characters."))
    if key:
        existing = Appointment.objects.filter(district_id=centre.district_id, key=key).first()
        if existing is not None:
            return existing, False
    now = clock.now()
    plan = plan_for(centre, item)
    _check_slot(plan, starts_at, now)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                person = _person(
                    district=centre.district, number=applicant, name=applicant_name, phone=phone, actor=actor
                )
                _check_person_may_book(person, item, starts_at, now)
                _place(plan, starts_at)
                appointment = _create(plan, centre, item, person, starts_at, channel, actor, key, now)
                return appointment, True
        except IntegrityError:
            if key and Appointment.objects.filter(district_id=centre.district_id, key=key).exists():
                return Appointment.objects.get(district_id=centre.district_id, key=key), False
    raise Conflict("busy", _("Too many bookings at once; try again."))


def _create(plan, centre, item, person, starts_at, channel, actor, key, now, moved_from=None) -> Appointment:
    appointment = Appointment.objects.create(
        district_id=centre.district_id,
        number=_code(),
        plan=plan,
        centre=centre,
        item=item,
        person=person,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=plan.slot_minutes),
        status=AppointmentStatus.BOOKED,
        channel=channel,
        booked_at=now,
        booked_by=actor if getattr(actor, "pk", None) else None,
        moved_from=moved_from,
        key=key or None,
    )
    audit(
        district=centre.district,
        actor=actor,
        action="appointment.booked",
        obj=appointment,
        data={
            "number": appointment.number,
            "item": item.code,
            "centre": centre.code,
            "starts_at": starts_at.isoformat(),
            "channel": channel,
            "moved_from": moved_from.number if moved_from else None,
        },
    )
    return appointment


def appointment_get(*, district, number: str) -> Appointment:
    appointment = (
        Appointment.objects.select_related(
            "centre", "item__current", "person", "plan__centre__district", "ticket"
        )
        .filter(district=district, number=(number or "").strip().upper())
        .first()
    )
    if appointment is None:
        raise NotFound("no_appointment", _("No appointment with this number."))
    return appointment


def _open(appointment: Appointment, now: datetime) -> None:
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict(
            "not_booked",
            _("This appointment is %(status)s.") % {"status": appointment.get_status_display()},
            status=appointment.status,
        )


@transaction.atomic
def appointment_cancel(*, district, number: str, reason: str = "", actor=None) -> Appointment:
    appointment = appointment_get(district=district, number=number)
    now = clock.now()
    _open(appointment, now)
    if appointment.starts_at <= now:
        raise Conflict("slot_past", _("This slot has already begun."))
    Appointment.objects.filter(pk=appointment.pk).update(
        status=AppointmentStatus.CANCELLED, closed_at=now, reason=reason[:200]
    )
    appointment.status, appointment.closed_at = AppointmentStatus.CANCELLED, now
    audit(district=district, actor=actor, action="appointment.cancelled", obj=appointment, reason=reason)
    return appointment


@transaction.atomic
def appointment_move(*, district, number: str, starts_at: datetime, actor=None) -> Appointment:
    """Move a booking to another slot: the new booking and the old one's cancellation happen together."""
    old = appointment_get(district=district, number=number)
    now = clock.now()
    _open(old, now)
    if old.starts_at <= now:
        raise Conflict("slot_past", _("This slot has already begun."))
    _check_slot(old.plan, starts_at, now)
    _check_person_may_book(old.person, old.item, starts_at, now, moving=old)
    Appointment.objects.filter(pk=old.pk).update(
        status=AppointmentStatus.CANCELLED, closed_at=now, reason="moved"
    )
    _place(old.plan, starts_at)
    new = _create(
        old.plan, old.centre, old.item, old.person, starts_at, old.channel, actor, None, now, moved_from=old
    )
    audit(
        district=district,
        actor=actor,
        action="appointment.moved",
        obj=old,
        data={"from": old.starts_at.isoformat(), "to": starts_at.isoformat(), "new": new.number},
    )
    return new


@transaction.atomic
def appointment_check_in(*, district, number: str, actor=None, source: str = Source.STAFF) -> Appointment:
    """The person is at the centre: their booking becomes a queue ticket ahead of the walk-ins."""
    appointment = appointment_get(district=district, number=number)
    now = clock.now()
    if appointment.status == AppointmentStatus.CHECKED_IN:
        return appointment  # checked in already: the same ticket
    _open(appointment, now)
    if now < appointment.starts_at - CHECK_IN_EARLY:
        raise Conflict(
            "too_early",
            _("Check-in opens at %(time)s.")
            % {"time": timezone.localtime(appointment.starts_at - CHECK_IN_EARLY).strftime("%H:%M")},
        )
    if now > appointment.starts_at + CHECK_IN_LATE:
        raise Conflict("too_late", _("The appointment's check-in has closed: take a walk-in ticket instead."))
    ticket, _created = ticket_take(
        centre=appointment.centre,
        kind=Kind.APPOINTMENT,
        source=Source.APPOINTMENT if source == Source.STAFF else source,
        item=appointment.item,
        actor=actor,
        key=f"appointment-{appointment.pk}",
    )
    Appointment.objects.filter(pk=appointment.pk).update(
        status=AppointmentStatus.CHECKED_IN, closed_at=now, ticket=ticket
    )
    appointment.status, appointment.closed_at, appointment.ticket = AppointmentStatus.CHECKED_IN, now, ticket
    audit(
        district=district,
        actor=actor,
        action="appointment.checked_in",
        obj=appointment,
        data={"ticket": ticket.number},
    )
    return appointment


def appointments_sweep(now: datetime | None = None) -> int:
    """Mark the bookings nobody checked in for as no-shows (the worker runs this every minute)."""
    now = now or clock.now()
    missed = list(
        Appointment.objects.filter(
            status=AppointmentStatus.BOOKED, ends_at__lt=now - NO_SHOW_GRACE
        ).select_related("district")[:1000]
    )
    for appointment in missed:
        with transaction.atomic():
            changed = Appointment.objects.filter(pk=appointment.pk, status=AppointmentStatus.BOOKED).update(
                status=AppointmentStatus.NO_SHOW, closed_at=now
            )
            if changed:
                audit(
                    district=appointment.district,
                    actor=None,
                    action="appointment.no_show",
                    obj=appointment,
                    data={"number": appointment.number},
                )
    return len(missed)
