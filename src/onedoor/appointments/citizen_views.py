"""Appointments for the logged-in citizen (办事预约 in the online hall and on the phone): book a slot for an
item at a centre that handles it, see one's bookings, cancel or move them — the same services and rules as the
window's booking form (per-person limits, no-show blocks, the last place never given twice), channel `online`."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from onedoor.appointments import selectors, services
from onedoor.appointments.models import Appointment, AppointmentStatus, SlotPlan
from onedoor.catalog.models import Item
from onedoor.citizens.views import current
from onedoor.core import clock
from onedoor.core.errors import DomainError
from onedoor.districts.models import Centre
from onedoor.people.models import Person


def _person(request):
    citizen = current(request)
    if citizen is None:
        return None
    return Person.objects.select_related("district").filter(pk=citizen["person"]).first()


def _login(request):
    return redirect(f"{reverse('citizen-login')}?next={request.get_full_path()}")


def _centres_for(item) -> list[Centre]:
    """Centres taking bookings for the item (an item's plan or a general one) at a level that handles it."""
    plans = SlotPlan.objects.filter(district_id=item.district_id, enabled=True).filter(
        Q(item=item) | Q(item__isnull=True)
    )
    centres = Centre.objects.filter(pk__in=plans.values("centre_id")).order_by("level", "code")
    levels = item.current.levels if item.current_id else []
    return [c for c in centres if not levels or c.level in levels]


def _starts(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if timezone.is_aware(moment) else None


@require_http_methods(["GET", "POST"])
def book(request, code: str):
    person = _person(request)
    if person is None:
        return _login(request)
    item = (
        Item.objects.filter(district=person.district, code=code, current__isnull=False)
        .select_related("current")
        .first()
    )
    if item is None or not item.current.appointment:
        messages.error(request, _("This item takes no appointments."))
        return redirect("citizen-appointments")
    centres = _centres_for(item)
    chosen = next(
        (c for c in centres if c.code == (request.POST.get("centre") or request.GET.get("centre"))), None
    )
    chosen = chosen or (centres[0] if centres else None)
    status = 200
    if request.method == "POST" and chosen is not None:
        try:
            appointment, _created = services.appointment_book(
                centre=chosen,
                item=item,
                starts_at=_starts(request.POST.get("starts_at", "")) or clock.now(),
                applicant=person.id_number,
                channel="online",
                key=request.POST.get("key") or None,
            )
        except DomainError as error:
            messages.error(request, error.message)
            status = error.status
        else:
            messages.success(
                request,
                _("Booked: %(number)s, %(when)s at %(centre)s. Show the number at the kiosk or reception.")
                % {
                    "number": appointment.number,
                    "when": timezone.localtime(appointment.starts_at).strftime("%Y-%m-%d %H:%M"),
                    "centre": chosen.name,
                },
            )
            return redirect("citizen-appointments")
    slots = []
    if chosen is not None:
        try:
            slots = [s for s in selectors.free_slots(services.plan_for(chosen, item)) if s["free"] > 0]
        except DomainError:
            slots = []
    days = sorted({timezone.localdate(s["starts_at"]) for s in slots})
    wanted = request.GET.get("day") or request.POST.get("day") or ""
    day = next((d for d in days if d.isoformat() == wanted), days[0] if days else None)
    return render(
        request,
        "appointments/citizen_book.html",
        {
            "item": item,
            "centres": centres,
            "chosen": chosen,
            "days": days,
            "day": day,
            "slots": [s for s in slots if timezone.localdate(s["starts_at"]) == day],
            "key": uuid.uuid4().hex,
        },
        status=status,
    )


def mine(request):
    person = _person(request)
    if person is None:
        return _login(request)
    rows = list(
        Appointment.objects.filter(person=person)
        .select_related("centre", "item__current", "ticket")
        .order_by("-starts_at")[:30]
    )
    now = clock.now()
    return render(
        request,
        "appointments/citizen_mine.html",
        {
            "rows": rows,
            "open": [a for a in rows if a.status == AppointmentStatus.BOOKED and a.starts_at > now],
        },
    )


@require_POST
def change(request, number: str):
    """Cancel, or move to another free slot of the same plan — only one's own booking."""
    person = _person(request)
    if person is None:
        return _login(request)
    if not Appointment.objects.filter(person=person, number=(number or "").upper()).exists():
        messages.error(request, _("No such appointment of yours."))
        return redirect("citizen-appointments")
    try:
        if request.POST.get("action") == "move":
            starts_at = _starts(request.POST.get("starts_at", ""))
            if starts_at is None:
                raise DomainError("bad_slot", _("Choose one of the free slots."))
            moved = services.appointment_move(district=person.district, number=number, starts_at=starts_at)
            messages.success(
                request, _("Moved: the new appointment number is %(number)s.") % {"number": moved.number}
            )
        else:
            services.appointment_cancel(
                district=person.district, number=number, reason=str(_("cancelled by the applicant online"))
            )
            messages.success(request, _("Appointment %(number)s cancelled.") % {"number": number.upper()})
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("citizen-appointments")


def move_choices(request, number: str):
    """The free slots to move a booking to."""
    person = _person(request)
    if person is None:
        return _login(request)
    appointment = (
        Appointment.objects.filter(
            person=person, number=(number or "").upper(), status=AppointmentStatus.BOOKED
        )
        .select_related("plan", "centre", "item__current")
        .first()
    )
    if appointment is None:
        messages.error(request, _("No such appointment of yours."))
        return redirect("citizen-appointments")
    slots = [
        s
        for s in selectors.free_slots(appointment.plan)
        if s["free"] > 0 and s["starts_at"] != appointment.starts_at
    ][:60]
    return render(request, "appointments/citizen_move.html", {"a": appointment, "slots": slots})
