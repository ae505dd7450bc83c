"""What the applicant is told at each trail entry (pure), and that a window case sends its messages through
the outbox sender."""

from types import SimpleNamespace

import pytest

from onedoor.cases.services import case_accept
from onedoor.notifications.models import Notification
from onedoor.notifications.services import case_body, notifications_send
from onedoor.people import idnumbers
from onedoor.people import services as people_services


def _case(**kw):
    base = {"version": SimpleNamespace(name="普通护照签发"), "number": "440604-20261126-00001"}
    base.update({"instant": False, "promised_days": 7, **kw})
    return SimpleNamespace(**base)


def _entry(action, to_status, reason=""):
    return SimpleNamespace(action=action, to_status=to_status, reason=reason)


def test_the_messages_of_a_promised_case():
    case = _case()
    topic, body = case_body(case, _entry("accept", "undertake"))
    assert topic == "accepted" and "00001" in body and "7个工作日" in body
    topic, body = case_body(case, _entry("correct", "correction", "缺少照片"))
    assert topic == "correction" and "缺少照片" in body
    assert case_body(case, _entry("approve", "complete"))[0] == "decision"
    topic, body = case_body(case, _entry("reject", "rejected", "不符合条件"))
    assert topic == "decision" and "不予办理" in body and "不符合条件" in body
    assert case_body(case, _entry("complete", "completed"))[0] == "completed"
    assert case_body(case, _entry("undertake", "review")) is None  # inner stages are not messaged


def test_an_instant_case_sends_only_its_completion():
    case = _case(instant=True)
    assert case_body(case, _entry("accept", "completed")) is None
    assert case_body(case, _entry("complete", "completed"))[0] == "completed"


@pytest.mark.django_db
def test_a_window_case_notifies_the_applicant_and_the_worker_sends_it(chancheng, alice, demo_catalog):
    item = next(i for i in demo_catalog if i["kind"] == "promised" and i["subject"] == "person")
    number = "440604197003031235"
    number = number[:17] + idnumbers.resident_check_char(number[:17])
    person = people_services.person_register(
        district=chancheng, id_number=number, name="陈小明", identity_level=5, actor=alice
    )
    person.phone = "13900139000"
    person.save(update_fields=["phone"])
    materials = [
        {"code": m["code"], "received": True, "criteria": {c["id"]: True for c in m["criteria"]}}
        for m in item["materials"]
    ]
    case = case_accept(staff=alice, item_code=item["code"], applicant=number, materials=materials).case
    note = Notification.objects.get(case=case)
    assert note.topic == "accepted" and note.to == "13900139000" and note.sent_at is None
    assert notifications_send() == 1
    note.refresh_from_db()
    assert note.sent_at and note.sender == "outbox-page" and note.attempts == 1
    assert notifications_send() == 0  # sent once, never twice
