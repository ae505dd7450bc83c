"""The pages: a citizen files online and follows it from My cases; window staff record a phone call; the
department's list shows it with its light; the reply's checks are shown before sending; the supervisor
reviews; the filer's full details are logged; the filer reopens."""

from __future__ import annotations

import pytest
from django.test import Client

from onedoor.complaints.models import Complaint, RoutingRule
from onedoor.complaints.tests import helpers
from onedoor.complaints.tests.helpers import GOOD_REPLY, QUESTION, at
from onedoor.core import clock
from onedoor.people.models import DataAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def routed(chancheng):
    return RoutingRule.objects.create(district=chancheng, department=chancheng.test_department)


def test_a_citizen_files_online_and_follows_the_reply_from_my_cases(client, chancheng, zhang, olivia, routed):
    helpers.citizen(client, zhang)
    form = client.get("/citizen/complaints/new/")
    assert form.status_code == 200 and "complaint-form" in form.content.decode()
    refused = client.post(
        "/citizen/complaints/new/", {"kind": "complaint", "category": "nonsense", "subject": "x", "text": "y"}
    )
    assert refused.status_code == 400 and "complaint-error" in refused.content.decode()
    sent = client.post(
        "/citizen/complaints/new/",
        {"kind": "complaint", "category": "delay", "subject": "办件超时", "text": QUESTION, "key": "k1"},
    )
    complaint = Complaint.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/citizen/complaints/{complaint.number}/"
    assert (complaint.channel, complaint.person_id, complaint.status) == ("online", zhang.pk, "assigned")
    mine = client.get("/citizen/cases/").content.decode()
    assert complaint.number in mine and "my-complaints" in mine

    sam, desk = helpers.supervisor(chancheng), Client()  # staff on their own browser
    desk.force_login(olivia)
    desk.post(f"/staff/complaints/{complaint.pk}/act/", {"action": "reply", "text": GOOD_REPLY, "key": "r1"})
    page = client.get(f"/citizen/complaints/{complaint.number}/").content.decode()
    assert "no-reply-yet" in page and GOOD_REPLY not in page  # not shown before the review
    desk.force_login(sam)
    reviewed = desk.post(
        f"/staff/complaints/{complaint.pk}/act/", {"action": "review", "score": "4", "reasons": ["answered"]}
    )
    assert reviewed.status_code == 302
    page = client.get(f"/citizen/complaints/{complaint.number}/").content.decode()
    assert GOOD_REPLY in page and "reopen-form" in page
    reopened = client.post(
        f"/citizen/complaints/{complaint.number}/", {"action": "reopen", "note": "证书还没收到", "key": "o1"}
    )
    assert reopened.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.reopened_count) == ("assigned", 1)
    assert complaint.steps.get(action="reopen").actor_label == "filer"


def test_a_phone_call_is_recorded_and_answered_from_the_departments_list(
    client, chancheng, alice, olivia, routed
):
    client.force_login(alice)
    with clock.frozen_at(at("2025-09-30 10:00")):
        recorded = client.post(
            "/staff/complaints/new/",
            {
                "channel": "phone",
                "kind": "complaint",
                "category": "delay",
                "subject": "办件超时",
                "text": QUESTION,
                "filer_name": "李四",
                "filer_phone": "13900002222",
                "key": "p1",
            },
        )
    complaint = Complaint.objects.get()
    assert recorded.status_code == 302 and complaint.recorded_by_id == alice.pk
    assert client.get(f"/staff/complaints/{complaint.pk}/").status_code == 200  # who recorded it sees it

    client.force_login(olivia)
    with clock.frozen_at(at("2025-10-27 10:00")):  # one working day before the deadline of 28 October
        listing = client.get("/staff/complaints/").content.decode()
    assert complaint.number in listing and "light-yellow" in listing and "李*" in listing
    assert "13900002222" not in listing and "139****2222" in listing

    checked = client.post(f"/staff/complaints/{complaint.pk}/act/", {"action": "check", "text": "已处理。"})
    body = checked.content.decode()
    assert 'id="check-too_short"' in body and "check-hard" in body and complaint.replies.count() == 0
    shown = client.post(
        f"/staff/complaints/{complaint.pk}/act/", {"action": "filer", "purpose": "回电告知处理结果"}
    )
    assert "13900002222" in shown.content.decode()
    assert DataAccess.objects.filter(staff=olivia, purpose__contains=complaint.number).count() == 1
    back = client.post(
        f"/staff/complaints/{complaint.pk}/act/", {"action": "reply", "text": "已处理。", "key": "a"}
    )
    assert back.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "assigned" and complaint.returned_count == 1
    client.post(f"/staff/complaints/{complaint.pk}/act/", {"action": "reply", "text": GOOD_REPLY, "key": "b"})
    complaint.refresh_from_db()
    assert complaint.status == "replied"
    assert "review-form" not in client.get(f"/staff/complaints/{complaint.pk}/").content.decode()


def test_other_departments_and_districts_get_no_page(client, chancheng, hetang, zhang, demo_catalog, routed):
    complaint = Complaint.objects.get(pk=helpers.file_online(client, zhang).json()["id"])
    from onedoor.districts.models import Department

    otto = helpers.department_staff(chancheng, "otto", Department.objects.get(district=chancheng, code="GA"))
    henry = helpers.supervisor(hetang, "henry")
    for staff in (otto, henry):
        client.force_login(staff)
        assert client.get(f"/staff/complaints/{complaint.pk}/").status_code == 404
        assert complaint.number not in client.get("/staff/complaints/").content.decode()


def test_digits_that_are_not_ascii_are_refused_not_a_server_error(client, chancheng, zhang, olivia, routed):
    helpers.citizen(client, zhang)
    client.post(
        "/citizen/complaints/new/",
        {"kind": "complaint", "category": "delay", "subject": "办件超时", "text": QUESTION, "key": "k9"},
    )
    complaint = Complaint.objects.get()
    sam, desk = helpers.supervisor(chancheng), Client()
    desk.force_login(sam)
    for fields in (
        {"action": "review", "score": "²", "reasons": ["answered"]},
        {"action": "assign", "department": "²", "revision": "²", "note": "转办"},
    ):
        answer = desk.post(f"/staff/complaints/{complaint.pk}/act/", fields)
        assert answer.status_code < 500, fields
