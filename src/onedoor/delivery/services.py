"""Choosing how the result reaches the applicant, dispatching it by express, and recording the handover.
Every change is audited; a dispatch tells the applicant by SMS with the tracking number.

Rules (docs/delivery.md): express only where the item offers it; the choice may change until the result is
dispatched or picked up; an express needs a recipient, an 11-digit mobile and an address; dispatch needs the
case completed (there is a result) and a tracking number of 6–30 letters and digits; dispatching again with
the same tracking number changes nothing (a retry), with another one is refused; a closed case without a
result (rejected, withdrawn, revoked, stopped) has nothing to deliver."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import Case
from onedoor.cases.selectors import case_get
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, DomainError, Forbidden
from onedoor.delivery.models import Delivery, DeliveryStatus, Method
from onedoor.districts.models import Role
from onedoor.notifications.models import Topic
from onedoor.notifications.services import notify

NO_RESULT = ("rejected", "withdrawn", "revoked", "stopped")
PHONE = re.compile(r"^1[3-9]\d{9}$")
TRACKING = re.compile(r"^[A-Za-z0-9]{6,30}$")
CARRIERS = ("EMS", "中国邮政", "顺丰速运", "京东物流", "圆通速递", "中通快递")


def staff_case(staff, number: str) -> Case:
    if not (staff.has_role(Role.WINDOW_GENERALIST) or staff.has_role(Role.CHIEF_REPRESENTATIVE)):
        raise Forbidden("role_required", _("Window staff record the delivery of results."))
    return case_get(staff=staff, number=number)


def _locked(case) -> Delivery | None:
    return Delivery.objects.select_for_update().filter(case=case).first()


def delivery_choose(
    *, case, method: str, recipient: str = "", phone: str = "", address: str = "", actor=None
) -> Delivery:
    """`actor` is the staff member, or None when the applicant chose online."""
    recipient, phone, address = recipient.strip()[:60], phone.strip(), address.strip()
    if method not in Method.values:
        raise DomainError("bad_method", _("Choose pickup at a window or express delivery."), field="method")
    if case.status in NO_RESULT:
        raise Conflict("no_result", _("This case has no result to deliver."))
    if method == Method.EXPRESS:
        if not case.version.express:
            raise DomainError(
                "express_not_offered",
                _("This item's result cannot be sent by express: pick it up at a window."),
            )
        problems = {}
        if not recipient:
            problems["recipient"] = str(_("Give the recipient's name."))
        if not PHONE.match(phone):
            problems["phone"] = str(_("Give the recipient's 11-digit mobile number."))
        if len(address) < 5 or len(address) > 200:
            problems["address"] = str(_("Give the full postal address (5 to 200 characters)."))
        if problems:
            raise DomainError("address_invalid", _("The express address is incomplete."), fields=problems)
    with transaction.atomic():
        delivery = _locked(case)
        if delivery is not None and delivery.status != DeliveryStatus.WAITING:
            raise Conflict("delivery_under_way", _("The result has already been dispatched or picked up."))
        delivery = delivery or Delivery(district_id=case.district_id, case=case)
        delivery.method = method
        delivery.recipient, delivery.phone = (recipient, phone) if method == Method.EXPRESS else ("", "")
        delivery.address = address if method == Method.EXPRESS else ""
        delivery.chosen_at = clock.now()
        delivery.chosen_by = getattr(actor, "username", "") or "applicant"
        delivery.updated_by = actor
        delivery.save()
        audit(
            district=case.district,
            actor=actor,
            action="delivery.chosen",
            obj=case,
            data={"method": method},
        )
    return delivery


def delivery_choose_by_staff(*, staff, number: str, **fields) -> Delivery:
    return delivery_choose(case=staff_case(staff, number), actor=staff, **fields)


def delivery_dispatch(*, staff, number: str, carrier: str, tracking_number: str) -> Delivery:
    case = staff_case(staff, number)
    carrier, tracking_number = carrier.strip()[:40], tracking_number.strip().upper()
    if not carrier:
        raise DomainError("carrier_required", _("Say which carrier takes the parcel."), field="carrier")
    if not TRACKING.match(tracking_number):
        raise DomainError(
            "bad_tracking_number",
            _("A tracking number is 6 to 30 letters and digits."),
            field="tracking_number",
        )
    with transaction.atomic():
        delivery = _locked(case)
        if delivery is None or delivery.method != Method.EXPRESS:
            raise Conflict("not_express", _("The applicant has not chosen express delivery."))
        if delivery.status != DeliveryStatus.WAITING:
            if delivery.tracking_number == tracking_number:
                return delivery  # a retried dispatch
            raise Conflict("already_dispatched", _("The result was already dispatched with another number."))
        if case.status != "completed":
            raise Conflict("no_result_yet", _("The case is not completed yet: there is no result to send."))
        now = clock.now()
        delivery.status, delivery.carrier, delivery.tracking_number = (
            DeliveryStatus.DISPATCHED,
            carrier,
            tracking_number,
        )
        delivery.dispatched_at, delivery.updated_by = now, staff
        delivery.save()
        audit(
            district=case.district,
            actor=staff,
            action="delivery.dispatched",
            obj=case,
            data={"carrier": carrier, "tracking_number": tracking_number},
        )
        notify(
            person=case.person,
            topic=Topic.COMPLETED,
            body=f"【一门式】办件{case.number}（{case.version.name}）的结果已由{carrier}寄出，运单号{tracking_number}。",
            case=case,
            to=delivery.phone,
        )
    return delivery


def delivery_hand_over(*, staff, number: str) -> Delivery:
    """The parcel arrived (express) or the applicant collected the result at a window (pickup)."""
    case = staff_case(staff, number)
    with transaction.atomic():
        delivery = _locked(case)
        if delivery is None:
            delivery = delivery_choose(case=case, method=Method.PICKUP, actor=staff)
        if delivery.status in (DeliveryStatus.DELIVERED, DeliveryStatus.PICKED_UP):
            return delivery  # recorded already
        if delivery.method == Method.EXPRESS and delivery.status != DeliveryStatus.DISPATCHED:
            raise Conflict("not_dispatched", _("The result has not been dispatched yet."))
        if case.status != "completed":
            raise Conflict(
                "no_result_yet", _("The case is not completed yet: there is no result to hand over.")
            )
        delivery.status = (
            DeliveryStatus.DELIVERED if delivery.method == Method.EXPRESS else DeliveryStatus.PICKED_UP
        )
        delivery.done_at, delivery.updated_by = clock.now(), staff
        delivery.save()
        audit(district=case.district, actor=staff, action=f"delivery.{delivery.status}", obj=case)
    return delivery
