"""Through HTTP: filing online and by staff, the deadline around a statutory holiday, routing by item and by
category with the fallback, replies sent back by the automatic checks and by the supervisor, escalation at
3x the limit, reopening, scoping and idempotent submission."""

from __future__ import annotations

import pytest

from onedoor.catalog.models import Item
from onedoor.complaints.escalation import complaints_sweep
from onedoor.complaints.models import Complaint, ReplyTemplate, RoutingRule, TimeLimit
from onedoor.complaints.tests import helpers
from onedoor.complaints.tests.helpers import GOOD_REPLY, at, day, file_online, key, post
from onedoor.core import clock
from onedoor.core.audit import AuditRecord
from onedoor.districts.models import Department

pytestmark = pytest.mark.django_db


def test_a_complaint_filed_the_working_day_before_a_statutory_holiday_gets_the_right_deadline(
    client, chancheng, zhang
):
    with clock.frozen_at(at("2025-09-30 16:30")):  # Tuesday; 1–8 October are rest days, Sat 11 Oct is worked
        complaint = file_online(client, zhang, kind="complaint")
        consultation = file_online(client, zhang, kind="consultation", category="policy")
    assert complaint.status_code == 201, complaint.content
    # 15 working days: 9, 10, 11 (调休 Saturday), 13–17, 20–24, 27, 28 October
    assert day(complaint.json()["deadline"]) == "2025-10-28"
    # 3 working days: 9, 10 and Saturday 11 October
    assert day(consultation.json()["deadline"]) == "2025-10-11"
    # escalation at 3 x 15 = 45 working days
    assert day(complaint.json()["escalation_due"]) == "2025-12-09"
    TimeLimit.objects.create(district=chancheng, kind="consultation", working_days=5, source="区政府决定")
    with clock.frozen_at(at("2025-09-30 16:30")):
        own = file_online(client, zhang, kind="consultation", category="policy")
    assert day(own.json()["deadline"]) == "2025-10-14"
    assert own.json()["number"].startswith("ZX20250930")


def test_it_routes_by_item_then_by_category_then_to_the_district_default(
    client, chancheng, zhang, demo_catalog
):
    departments = {d.code: d for d in Department.objects.filter(district=chancheng)}
    item = Item.objects.get(district=chancheng, code="440604-GA-001")
    RoutingRule.objects.create(district=chancheng, item=item, department=departments["MZ"])
    RoutingRule.objects.create(district=chancheng, category="fees", department=departments["SJ"])
    RoutingRule.objects.create(district=chancheng, department=departments["BDC"])

    by_item = file_online(client, zhang, item=item.code, category="fees").json()
    assert (by_item["department"], by_item["routed_by"], by_item["status"]) == ("MZ", "rule", "assigned")
    by_category = file_online(client, zhang, category="fees").json()
    assert (by_category["department"], by_category["routed_by"]) == ("SJ", "rule")
    linked = file_online(client, zhang, item="440604-GA-002", category="attitude").json()
    assert (linked["department"], linked["routed_by"]) == ("GA", "linked")  # the item's own department
    fallback = file_online(client, zhang, category="attitude").json()
    assert (fallback["department"], fallback["routed_by"]) == ("BDC", "default")
    RoutingRule.objects.filter(item__isnull=True, category="").delete()
    waiting = file_online(client, zhang, category="attitude").json()
    assert (waiting["department"], waiting["status"]) == (None, "received")


def _assigned(client, zhang, chancheng):
    RoutingRule.objects.create(district=chancheng, department=chancheng.test_department)
    body = file_online(client, zhang).json()
    return Complaint.objects.get(pk=body["id"])


def test_a_reply_failing_a_hard_check_goes_back_and_a_good_one_waits_for_review(
    client, bearer, chancheng, zhang, olivia
):
    complaint = _assigned(client, zhang, chancheng)
    ReplyTemplate.objects.create(
        district=chancheng,
        title="通用",
        text="您好，您反映的问题已收悉，我单位高度重视，已责成相关科室认真研究处理，并将在规定时限内向您反馈处理结果，感谢您对我们工作的监督和支持。",
    )
    empty = post(client, bearer, olivia, f"/{complaint.pk}/reply", text="   ")
    assert empty.status_code == 200 and empty.json()["outcome"] == "returned"
    short = post(client, bearer, olivia, f"/{complaint.pk}/reply", text="已处理。")
    assert [c["code"] for c in short.json()["checks"] if c["severity"] == "hard" and not c["passed"]] == [
        "too_short"
    ]
    template = post(
        client,
        bearer,
        olivia,
        f"/{complaint.pk}/reply",
        text="您好！您反映的问题已收悉，我单位高度重视，已责成相关科室认真研究处理，并将在规定时限内向您反馈处理结果，感谢您对我们工作的监督和支持。",
    )
    assert template.json()["outcome"] == "returned"
    assert [c["code"] for c in template.json()["checks"] if c["severity"] == "hard" and not c["passed"]] == [
        "template_copy"
    ]
    complaint.refresh_from_db()
    assert (complaint.status, complaint.returned_count) == ("assigned", 3)

    preview = post(client, bearer, olivia, f"/{complaint.pk}/checks", text=GOOD_REPLY)
    assert all(c["passed"] for c in preview.json())
    assert complaint.replies.count() == 3  # checking wrote nothing
    good = post(client, bearer, olivia, f"/{complaint.pk}/reply", text=GOOD_REPLY)
    assert good.json()["outcome"] == "pending"
    complaint.refresh_from_db()
    assert complaint.status == "replied"
    assert [s.action for s in complaint.steps.order_by("at", "id")] == [
        "receive",
        "assign",
        "reply",
        "return",
        "reply",
        "return",
        "reply",
        "return",
        "reply",
    ]
    assert AuditRecord.objects.filter(action="complaint.return", object_id=str(complaint.pk)).count() == 3


def test_the_supervisors_failing_score_sends_the_reply_back_with_its_reasons(
    client, bearer, chancheng, zhang, olivia
):
    sam = helpers.supervisor(chancheng)
    complaint = _assigned(client, zhang, chancheng)
    post(client, bearer, olivia, f"/{complaint.pk}/reply", text=GOOD_REPLY)
    bare = post(client, bearer, sam, f"/{complaint.pk}/review", score=2)
    assert bare.status_code == 400 and bare.json()["code"] == "reasons_required"
    assert post(client, bearer, olivia, f"/{complaint.pk}/review", score=5).status_code == 403
    failed = post(
        client, bearer, sam, f"/{complaint.pk}/review", score=2, reasons=["no_basis"], note="未说明依据"
    )
    assert failed.json()["outcome"] == "failed" and failed.json()["reasons"] == ["no_basis"]
    detail = client.get(f"/api/v1/complaints/{complaint.pk}", **bearer(olivia)).json()
    assert detail["status"] == "assigned" and detail["allowed_actions"] == ["assign", "reply"]
    post(
        client,
        bearer,
        olivia,
        f"/{complaint.pk}/reply",
        text=GOOD_REPLY + "办理依据为《不动产登记暂行条例》。",
    )
    passed = post(client, bearer, sam, f"/{complaint.pk}/review", score=4, reasons=["answered"])
    assert passed.json()["outcome"] == "passed"
    complaint.refresh_from_db()
    assert complaint.status == "reviewed" and complaint.returned_count == 1


def test_it_escalates_to_the_supervisor_at_three_times_the_limit_once(client, bearer, chancheng, zhang):
    sam = helpers.supervisor(chancheng)
    with clock.frozen_at(at("2025-09-30 16:30")):
        complaint = _assigned(client, zhang, chancheng)
    assert complaints_sweep(now=at("2025-12-09 12:00")).escalated == []  # the 45th working day runs
    with clock.frozen_at(at("2025-12-10 09:00")):
        assert complaints_sweep().escalated == [complaint.number]
        assert complaints_sweep().escalated == []  # idempotent
        listed = client.get("/api/v1/complaints/overdue", {"escalated": True}, **bearer(sam)).json()
    assert [c["id"] for c in listed["items"]] == [complaint.pk]
    assert listed["items"][0]["light"] == "red" and listed["items"][0]["escalated_at"]
    assert complaint.steps.filter(action="escalate").count() == 1


def test_the_filer_or_a_supervisor_reopens_within_thirty_days_of_the_review(
    client, bearer, chancheng, zhang, olivia
):
    sam = helpers.supervisor(chancheng)
    with clock.frozen_at(at("2025-11-03 10:00")):
        complaint = _assigned(client, zhang, chancheng)
        post(client, bearer, olivia, f"/{complaint.pk}/reply", text=GOOD_REPLY)
        post(client, bearer, sam, f"/{complaint.pk}/review", score=4, reasons=["answered"])
    with clock.frozen_at(at("2025-11-20 10:00")):
        bare = post(client, bearer, sam, f"/{complaint.pk}/actions", action="reopen")
        assert bare.json()["code"] == "note_required"
        reopened = post(
            client,
            bearer,
            sam,
            f"/{complaint.pk}/actions",
            action="reopen",
            note="回访时申请人表示证书仍未领到",
        )
    assert reopened.status_code == 200, reopened.content
    assert reopened.json()["status"] == "assigned"
    assert day(reopened.json()["deadline"]) == "2025-12-11"  # 15 working days from 20 November
    with clock.frozen_at(at("2025-11-21 10:00")):
        post(client, bearer, olivia, f"/{complaint.pk}/reply", text=GOOD_REPLY + "证书已于今日寄出。")
        post(client, bearer, sam, f"/{complaint.pk}/review", score=5, reasons=["resolved"])
    with clock.frozen_at(at("2025-12-22 10:00")):  # 31 days after the review
        late = post(client, bearer, sam, f"/{complaint.pk}/actions", action="reopen", note="再次反映")
        assert late.status_code == 409 and late.json()["code"] == "reopen_window_over"
        assert complaints_sweep().closed == [complaint.number]


def test_other_departments_and_other_districts_cannot_see_it(
    client, bearer, chancheng, hetang, zhang, olivia, demo_catalog
):
    complaint = _assigned(client, zhang, chancheng)
    otto = helpers.department_staff(chancheng, "otto", Department.objects.get(district=chancheng, code="GA"))
    henry = helpers.supervisor(hetang, "henry")
    with clock.frozen_at(at("2030-01-01 10:00")):
        mine = client.get("/api/v1/complaints/overdue", **bearer(olivia)).json()["items"]
        assert [c["id"] for c in mine] == [complaint.pk]
        assert mine[0]["filer_name"] == "张**" and mine[0]["filer_phone"] == "138****5678"
        assert client.get("/api/v1/complaints/overdue", **bearer(otto)).json()["items"] == []
        assert client.get("/api/v1/complaints/overdue", **bearer(henry)).json()["items"] == []
    assert client.get(f"/api/v1/complaints/{complaint.pk}", **bearer(otto)).status_code == 404
    assert client.get(f"/api/v1/complaints/{complaint.pk}", **bearer(henry)).status_code == 404
    assert post(client, bearer, otto, f"/{complaint.pk}/reply", text=GOOD_REPLY).status_code == 404


def test_a_submission_retried_with_the_same_key_is_one_complaint(client, bearer, chancheng, zhang, alice):
    headers = key()
    first = file_online(client, zhang, headers=headers)
    again = file_online(client, zhang, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Complaint.objects.count() == 1
    body = {
        "kind": "consultation",
        "category": "policy",
        "subject": "社保转移",
        "text": "外地社保如何转入？",
        "channel": "phone",
        "filer_name": "李四",
        "filer_phone": "13900002222",
    }
    recorded = post(client, bearer, alice, "/recorded", headers=headers, **body)
    assert recorded.status_code == 409 and recorded.json()["code"] == "key_in_use"
    phoned = post(client, bearer, alice, "/recorded", **body)
    assert phoned.status_code == 201 and phoned.json()["channel"] == "phone"
    assert phoned.json()["filer_phone"] == "139****2222"
    assert (
        post(client, bearer, alice, "/recorded", **{**body, "filer_phone": ""}).json()["code"]
        == "phone_required"
    )


def test_the_sweep_command_and_the_worker_escalate(client, chancheng, zhang):
    from io import StringIO

    from django.core.management import call_command

    with clock.frozen_at(at("2025-09-30 16:30")):
        complaint = _assigned(client, zhang, chancheng)
    complaint.escalation_due = at("2025-10-01 00:00")
    complaint.save(update_fields=["escalation_due"])
    out = StringIO()
    call_command("complaints", "sweep", "--district", chancheng.code, stdout=out)
    assert out.getvalue().strip() == "complaints: 1 escalated, 0 closed"
    call_command("worker", "--once", stdout=StringIO())
    assert complaint.steps.filter(action="escalate").count() == 1
