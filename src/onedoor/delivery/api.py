"""Result delivery API (tag `delivery`), for window staff and a district's logistics desk: read a case's
delivery, choose pickup or express (with the address), record the dispatch with the tracking number, record the
handover. Retries are safe: the same dispatch again, or a handover already recorded, changes nothing."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema

from onedoor.core.api_schemas import ObjectIn, Text, errors
from onedoor.core.errors import NotFound
from onedoor.delivery import services
from onedoor.delivery.models import Delivery
from onedoor.districts.auth import BearerToken
from onedoor.people.masking import mask_phone

router = Router(tags=["delivery"], auth=BearerToken())


class ChooseIn(ObjectIn):
    method: Text = Field(description="pickup | express")
    recipient: Text = ""
    phone: Text = ""
    address: Text = ""


class DispatchIn(ObjectIn):
    carrier: Text
    tracking_number: Text


class DeliveryOut(Schema):
    case_number: str
    method: str
    status: str = Field(description="waiting | dispatched | delivered | picked_up")
    recipient: str
    phone: str = Field(description="masked")
    address: str
    carrier: str
    tracking_number: str
    chosen_at: datetime
    dispatched_at: datetime | None
    done_at: datetime | None


def delivery_out(delivery: Delivery, number: str) -> dict:
    return {
        "case_number": number,
        "method": delivery.method,
        "status": delivery.status,
        "recipient": delivery.recipient,
        "phone": mask_phone(delivery.phone) if delivery.phone else "",
        "address": delivery.address,
        "carrier": delivery.carrier,
        "tracking_number": delivery.tracking_number,
        "chosen_at": delivery.chosen_at,
        "dispatched_at": delivery.dispatched_at,
        "done_at": delivery.done_at,
    }


@router.get("/{number}", response={200: DeliveryOut, **errors(401, 403, 404)}, summary="A case's delivery")
def one(request, number: Text):
    case = services.staff_case(request.auth, number)
    delivery = Delivery.objects.filter(case=case).first()
    if delivery is None:
        raise NotFound("no_delivery", _("No delivery method has been chosen for this case."))
    return delivery_out(delivery, number)


@router.put(
    "/{number}",
    response={200: DeliveryOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Choose the method",
)
def choose(request, number: Text, body: ChooseIn):
    """Pickup at a window, or express where the item offers it (recipient, 11-digit mobile, address)."""
    delivery = services.delivery_choose_by_staff(staff=request.auth, number=number, **body.dict())
    return delivery_out(delivery, number)


@router.post(
    "/{number}/dispatch",
    response={200: DeliveryOut, **errors(400, 401, 403, 404, 409, 422)},
    summary="Record the dispatch",
)
def dispatch(request, number: Text, body: DispatchIn):
    """The case must be completed and its delivery express; the applicant gets the tracking number by SMS."""
    delivery = services.delivery_dispatch(
        staff=request.auth, number=number, carrier=body.carrier, tracking_number=body.tracking_number
    )
    return delivery_out(delivery, number)


@router.post(
    "/{number}/hand-over",
    response={200: DeliveryOut, **errors(401, 403, 404, 409, 422)},
    summary="Record the delivery or pickup",
)
def hand_over(request, number: Text):
    return delivery_out(services.delivery_hand_over(staff=request.auth, number=number), number)
