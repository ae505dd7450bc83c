"""Appointments API (tag `appointments`): free slots (public), and booking, cancelling, moving and checking in
(window staff, e.g. for a caller on the phone or a visitor at reception)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Header, Router, Schema, Status

from onedoor.appointments import selectors, services
from onedoor.appointments.models import Appointment
from onedoor.catalog.models import Item
from onedoor.core.api_schemas import ObjectIn, Text, errors
from onedoor.core.errors import Forbidden, NotFound
from onedoor.districts.auth import BearerToken
from onedoor.districts.models import Centre, Role
from onedoor.districts.selectors import district_by_code
from onedoor.people.masking import mask_name, mask_number

router = Router(tags=["appointments"], auth=BearerToken())
slots_router = Router(tags=["appointments"], auth=None)


class SlotOut(Schema):
    starts_at: datetime
    ends_at: datetime
    capacity: int
    free: int


class BookIn(ObjectIn):
    item_code: Text
    starts_at: datetime
    applicant: Text = Field(description="resident ID number of the person who will come")
    applicant_name: Text = Field("", description="needed only to register a person not yet known")
    phone: Text = ""
    centre: Text | None = Field(None, description="centre code; defaults to the staff member's own")
    channel: Text = Field("phone", description="phone | window | online")


class MoveIn(ObjectIn):
    starts_at: datetime


class CancelIn(ObjectIn):
    reason: Text = ""


class AppointmentOut(Schema):
    number: str
    status: str
    centre: str
    item_code: str
    item_name: str
    starts_at: datetime
    ends_at: datetime
    person: str = Field(description="masked name and ID number")
    ticket: str | None


def appointment_out(a: Appointment) -> dict:
    return {
        "number": a.number,
        "status": a.status,
        "centre": a.centre.code,
        "item_code": a.item.code,
        "item_name": a.item.current.name if a.item.current_id else "",
        "starts_at": a.starts_at,
        "ends_at": a.ends_at,
        "person": f"{mask_name(a.person.name)} {mask_number(a.person.id_number)}",
        "ticket": a.ticket.number if a.ticket_id else None,
    }


def _window_staff(staff) -> None:
    if staff.district_id is None or not staff.role_set() & {
        Role.WINDOW_GENERALIST,
        Role.CHIEF_REPRESENTATIVE,
    }:
        raise Forbidden("role_not_allowed", _("Only window staff handle appointments."))


def _item(district_id: int, code: str) -> Item:
    item = Item.objects.filter(district_id=district_id, code=code).first()
    if item is None:
        raise NotFound("no_item", _("No such item in your district."), field="item_code")
    return item


@slots_router.get(
    "/{district}/{centre}/{item_code}",
    response={200: list[SlotOut], **errors(404, 422)},
    summary="Free slots",
)
def free_slots(request, district: Text, centre: Text, item_code: Text, days: int = 14):
    """The future slots of the centre's appointment plan for the item, with their free places."""
    found = Centre.objects.filter(district=district_by_code(district), code=centre).select_related("district")
    found = found.first()
    if found is None:
        raise NotFound("no_centre", _("No such centre."))
    plan = services.plan_for(found, _item(found.district_id, item_code))
    return selectors.free_slots(plan, days=max(1, min(days, 90)))


@router.post(
    "",
    response={201: AppointmentOut, 200: AppointmentOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Book",
)
def book(request, body: BookIn, idempotency_key: str = Header(..., alias="Idempotency-Key")):
    """Book a place for a person. The same Idempotency-Key returns the same booking (200)."""
    staff = request.auth
    _window_staff(staff)
    query = Centre.objects.filter(district_id=staff.district_id).select_related("district")
    centre = (
        query.filter(code=body.centre).first() if body.centre else query.filter(pk=staff.centre_id).first()
    )
    if centre is None:
        raise NotFound("no_centre", _("No such centre in your district."), field="centre")
    appointment, created = services.appointment_book(
        centre=centre,
        item=_item(staff.district_id, body.item_code),
        starts_at=body.starts_at,
        applicant=body.applicant,
        applicant_name=body.applicant_name,
        phone=body.phone,
        channel=body.channel if body.channel in ("phone", "window", "online") else "phone",
        actor=staff,
        key=idempotency_key.strip(),
    )
    return Status(201 if created else 200, appointment_out(appointment))


@router.get("/{number}", response={200: AppointmentOut, **errors(401, 403, 404)}, summary="One appointment")
def one(request, number: Text):
    _window_staff(request.auth)
    return appointment_out(services.appointment_get(district=request.auth.district, number=number))


@router.post(
    "/{number}/cancel",
    response={200: AppointmentOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Cancel",
)
def cancel(request, number: Text, body: CancelIn):
    _window_staff(request.auth)
    appointment = services.appointment_cancel(
        district=request.auth.district, number=number, reason=body.reason, actor=request.auth
    )
    return appointment_out(appointment)


@router.post(
    "/{number}/move", response={200: AppointmentOut, **errors(400, 401, 403, 404, 409, 422)}, summary="Move"
)
def move(request, number: Text, body: MoveIn):
    """Move to another slot: returns the new booking (the old one is cancelled with it)."""
    _window_staff(request.auth)
    appointment = services.appointment_move(
        district=request.auth.district, number=number, starts_at=body.starts_at, actor=request.auth
    )
    return appointment_out(appointment)


@router.post(
    "/{number}/check-in",
    response={200: AppointmentOut, **errors(401, 403, 404, 409, 422)},
    summary="Check in",
)
def check_in(request, number: Text):
    """The person is at the centre: a queue ticket ahead of the walk-ins."""
    staff = request.auth
    _window_staff(staff)
    appointment = services.appointment_get(district=staff.district, number=number)
    if appointment.centre_id != staff.centre_id and not staff.has_role(Role.CHIEF_REPRESENTATIVE):
        raise Forbidden("other_centre", _("This appointment is at another centre."))
    return appointment_out(services.appointment_check_in(district=staff.district, number=number, actor=staff))
