"""The centre's appointments (办事预约) for window staff: the day's bookings with check-in (the booking becomes a
queue ticket ahead of the walk-ins) and cancel, and booking for a caller on the phone or a visitor at
reception: item → day → a slot with free places → the person. Names and numbers are masked in the list."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from onedoor.appointments import selectors, services
from onedoor.catalog.models import Item
from onedoor.core import clock
from onedoor.core.errors import DomainError
from onedoor.people.masking import mask_name, mask_number
from onedoor.staffdesk.ticket_views import _centre


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else timezone.localdate(clock.now())
    except ValueError:
        return timezone.localdate(clock.now())


@login_required
@require_http_methods(["GET", "POST"])
def appointments(request):
    centre = _centre(request)
    staff = request.user
    if request.method == "POST":
        action, number = request.POST.get("action"), request.POST.get("number", "")
        try:
            if action == "check_in":
                done = services.appointment_check_in(district=centre.district, number=number, actor=staff)
                messages.success(
                    request,
                    _("Checked in: ticket %(ticket)s, called before the walk-ins.")
                    % {"ticket": done.ticket.number},
                )
            elif action == "cancel":
                services.appointment_cancel(
                    district=centre.district,
                    number=number,
                    reason=request.POST.get("reason", ""),
                    actor=staff,
                )
                messages.success(request, _("Appointment %(number)s cancelled.") % {"number": number})
            elif action == "book":
                item = Item.objects.filter(
                    district_id=centre.district_id, code=request.POST.get("item", "")
                ).first()
                if item is None:
                    raise DomainError("no_item", _("No such item in your district."))
                booked, _created = services.appointment_book(
                    centre=centre,
                    item=item,
                    starts_at=datetime.fromisoformat(request.POST.get("starts_at", "")),
                    applicant=request.POST.get("applicant", ""),
                    applicant_name=request.POST.get("applicant_name", ""),
                    phone=request.POST.get("phone", ""),
                    channel=request.POST.get("channel", "phone"),
                    actor=staff,
                    key=request.POST.get("key") or None,
                )
                messages.success(
                    request,
                    _("Booked: appointment %(number)s at %(time)s.")
                    % {
                        "number": booked.number,
                        "time": timezone.localtime(booked.starts_at).strftime("%m-%d %H:%M"),
                    },
                )
        except DomainError as error:
            messages.error(request, error.message)
        except ValueError:
            messages.error(request, _("Choose a slot from the list."))
        return redirect(
            f"{request.path}?day={request.POST.get('day', '')}&item={request.POST.get('item', '')}"
        )
    day = _day(request.GET.get("day"))
    item_code = request.GET.get("item", "").strip()
    slots, plan_error = [], ""
    if item_code:
        item = Item.objects.filter(district_id=centre.district_id, code=item_code).first()
        try:
            if item is None:
                raise DomainError("no_item", _("No such item in your district."))
            plan = services.plan_for(centre, item)
            slots = [
                s for s in selectors.free_slots(plan) if timezone.localtime(s["starts_at"]).date() == day
            ]
        except DomainError as error:
            plan_error = error.message
    rows = [
        {"a": a, "who": f"{mask_name(a.person.name)} {mask_number(a.person.id_number)}"}
        for a in selectors.centre_day(centre, day)
    ]
    return render(
        request,
        "staffdesk/appointments.html",
        {
            "centre": centre,
            "day": day,
            "rows": rows,
            "item_code": item_code,
            "slots": slots,
            "plan_error": plan_error,
            "key": uuid.uuid4().hex,
        },
    )
