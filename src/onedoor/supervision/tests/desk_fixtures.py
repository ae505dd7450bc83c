"""A small district for the supervision desk, as of Thursday 20 November 2025 10:00 (NOW): an overdue case
and a yellow one, an old complaint escalated at three times its limit and a newer overdue one, a 1-star
rating whose rectification missed its contact deadline, a dead letter to the BDC system; and an old
complaint in the second district (Hetang) that Chancheng's supervisor must not see."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from onedoor.cases.services import case_accept
from onedoor.complaints import rules as complaint_rules
from onedoor.complaints.escalation import complaints_sweep
from onedoor.complaints.services import complaint_submit
from onedoor.core.clock import frozen_at
from onedoor.districts.services import backend_system_register
from onedoor.integrations import delivery
from onedoor.integrations.models import OutboxMessage
from onedoor.integrations.services import connector_configure, route_set
from onedoor.integrations.tests.backend import Backend
from onedoor.ratings.services import rating_for_case
from onedoor.staffdesk.tests.casework import TRANSFER, instant_item, item
from onedoor.supervision.tests.conftest import accept_at, act_at, at, findings, received

NOW = at(11, 20, 10)
SECRET = "the-secret-for-the-supervision-desk"
FILER, FILER_PHONE = "陈大文", "13912345678"
OTHER_FILER, OTHER_PHONE = "何小燕", "13700001111"


@dataclass
class Desk:
    overdue_case: object
    yellow_case: object
    escalated: object
    overdue_complaint: object
    rating: object
    dead_letter: object
    other_complaint: object


def _record(staff, district, subject, phone, name, moment):
    with frozen_at(moment):
        return complaint_submit(
            district=district,
            staff=staff,
            kind=complaint_rules.COMPLAINT,
            channel=complaint_rules.PHONE,
            category="delay",
            subject=subject,
            text="办件超过承诺时限仍未办结，窗口说在等材料，但没有人告诉我缺什么材料，请问什么时候能办好？",
            filer_name=name,
            filer_phone=phone,
            department_code="BDC",
        ).complaint


@pytest.fixture
def desk_data(chancheng, hetang, alice, olivia, bob, applicant, bdc_item, demo_catalog):
    # A case accepted on 25 September and never undertaken: long past its deadline.
    overdue_case = accept_at(at(9, 25, 10), alice, bdc_item, applicant)
    # A 3-day case accepted Tuesday 18 November: due Friday 21, one working day left on Thursday: yellow.
    transfer = item(demo_catalog, TRANSFER)
    yellow_case = accept_at(at(11, 18, 10), alice, transfer, applicant)
    act_at(at(11, 18, 15), olivia, yellow_case, "undertake", opinion="齐全", criteria=findings(transfer))
    # Complaints: one of August (escalated at 45 working days), one of October (overdue, not escalated).
    escalated = _record(alice, chancheng, "八月的投诉", FILER_PHONE, FILER, at(8, 1, 10))
    overdue_complaint = _record(alice, chancheng, "十月的投诉", FILER_PHONE, FILER, at(10, 20, 10))
    other_complaint = _record(bob, hetang, "荷塘的投诉", OTHER_PHONE, OTHER_FILER, at(8, 1, 10))
    complaints_sweep(now=NOW)
    # A 1-star rating of an instant case on Friday 14 November: the rater was to be contacted by Monday 17.
    instant = instant_item(demo_catalog)
    rated_case = accept_at(at(11, 14, 10), alice, instant, applicant)
    with frozen_at(at(11, 14, 15)):
        rating = rating_for_case(
            person=applicant, number=rated_case.number, level=1, tags=["poor_attitude"]
        ).rating
    # A dead letter: the BDC system refused the event of a case accepted on Wednesday 19 November.
    backend = Backend(SECRET)
    system = backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )
    connector, _ = connector_configure(system=system, base_url=backend.url, secret=SECRET)
    route_set(connector=connector)
    with frozen_at(at(11, 19, 9)):
        case_accept(
            staff=alice,
            item_code=transfer["code"],
            applicant=applicant.id_number,
            materials=received(transfer),
        )
        backend.failures = [410]
        delivery.deliver_due()
    dead_letter = OutboxMessage.objects.get(status="dead")
    yield Desk(overdue_case, yellow_case, escalated, overdue_complaint, rating, dead_letter, other_complaint)
    backend.close()
