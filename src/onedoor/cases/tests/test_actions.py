"""Back-office actions: undertake → review → approve → complete, clock stops, decisions, revocation."""

import pytest

from onedoor.cases import workflow
from onedoor.cases.actions import case_act, case_facts
from onedoor.cases.models import Certificate, StageResult
from onedoor.cases.services import case_accept
from onedoor.cases.trail import trail_verify
from onedoor.core.errors import Conflict, DomainError, Forbidden
from onedoor.notifications.models import Notification
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.credit import trust_refusal


def _received(item, met=True):
    return [
        {"code": m["code"], "received": True, "criteria": {c["id"]: met for c in m["criteria"]}}
        for m in item["materials"]
    ]


def _payload_hash(payload) -> str:
    import hashlib
    import json

    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _findings(item, met=True):
    return {c["id"]: met for m in item["materials"] for c in m["criteria"]}


@pytest.fixture
def applicant(chancheng, alice):
    body = "44060419850203123"
    return people_services.person_register(
        district=chancheng, id_number=body + idnumbers.resident_check_char(body), name="梁美玲", actor=alice
    )


@pytest.fixture
def bdc_item(demo_catalog):
    return next(
        i
        for i in demo_catalog
        if i["department"] == "BDC"
        and i["kind"] == "promised"
        and (not i["levels"] or "district" in i["levels"])
        and [s["code"] for s in i["stages"]][:4] == ["accept", "undertake", "review", "approve"]
    )


@pytest.fixture
def case(bdc_item, alice, applicant):
    return case_accept(
        staff=alice, item_code=bdc_item["code"], applicant=applicant.id_number, materials=_received(bdc_item)
    ).case


def _approve_against_the_criteria(case, arthur, bdc_item):
    """arthur approves although no criterion is met, with a reason, naming chloe as second approver."""
    return case_act(
        staff=arthur,
        number=case.number,
        action="approve",
        criteria=_findings(bdc_item, met=False),
        reason="原件已补验",
        second_approver="chloe",
    )


def _to_approve(case, olivia, bdc_item):
    case_act(
        staff=olivia, number=case.number, action="undertake", opinion="材料齐全", criteria=_findings(bdc_item)
    )
    return case_act(
        staff=olivia, number=case.number, action="review", opinion="同意", criteria=_findings(bdc_item)
    )


def test_officers_take_a_case_through_every_stage_to_a_certificate(case, olivia, arthur, alice, bdc_item):
    assert _to_approve(case, olivia, bdc_item).status == "approve"
    case = case_act(
        staff=arthur, number=case.number, action="approve", opinion="准予", criteria=_findings(bdc_item)
    )
    while case.status not in ("completed",):
        case = case_act(
            staff=alice if case.status == "deliver" else arthur, number=case.number, action=case.status
        )
    assert Certificate.objects.filter(case=case).count() == 1
    assert [r.stage for r in StageResult.objects.filter(case=case)][:3] == ["undertake", "review", "approve"]
    assert trail_verify(case) == []


def test_the_result_is_issued_at_completion_before_it_is_delivered(chancheng, demo_catalog, alice, applicant):
    from onedoor.districts import services
    from onedoor.districts.models import Department, Role

    item = next(
        i
        for i in demo_catalog
        if i["kind"] == "promised"
        and (not i["levels"] or "district" in i["levels"])
        and [s["code"] for s in i["stages"]][-2:] == ["complete", "deliver"]
    )
    department = Department.objects.get(district=chancheng, code=item["department"])
    officer = services.staff_create(
        district=chancheng,
        username="dora",
        password="Correct-Horse-9-Battery",
        roles=[(role, department) for role in (Role.UNDERTAKER, Role.REVIEWER, Role.APPROVER)],
    )
    case = case_accept(
        staff=alice, item_code=item["code"], applicant=applicant.id_number, materials=_received(item)
    ).case
    while case.status != "complete":
        case = case_act(staff=officer, number=case.number, action=case.status, criteria=_findings(item))
    case = case_act(staff=officer, number=case.number, action="complete")
    assert case.status == "deliver"
    issued = Certificate.objects.get(case=case)  # the result exists before it is handed over
    case = case_act(staff=alice, number=case.number, action="deliver")
    assert case.status == "completed"
    assert list(Certificate.objects.filter(case=case)) == [issued]


def test_each_stage_has_its_own_deadline_that_a_correction_pushes(case, olivia, arthur, alice, bdc_item):
    from onedoor.cases import deadlines
    from onedoor.core import clock
    from onedoor.districts.calendar import calendar_for

    calendar = calendar_for(case.district)
    due = dict(deadlines.stage_deadlines(calendar, case.accepted_at, case.promised_days, case.stages))
    assert case.status == "undertake" and case.stage_deadline == due["undertake"] < case.deadline
    case = case_act(staff=olivia, number=case.number, action="undertake", criteria=_findings(bdc_item))
    assert case.stage_deadline == due["review"]
    asked = clock.now()
    case = case_act(
        staff=olivia,
        number=case.number,
        action="request_correction",
        reason="材料不清晰",
        materials=[bdc_item["materials"][0]["code"]],
    )
    assert case.status == "correction" and case.stage_deadline == due["review"]
    later = calendar.add_working_days(asked, 3)
    with clock.frozen_at(later):
        case = case_act(staff=alice, number=case.number, action="supply", reason="已补齐")
    assert case.status == "review" and case.stage_deadline > due["review"]
    assert case.deadline > due[case.stages[-1][0]]  # the case deadline moved by the same stopped days
    while case.status not in workflow.OUTCOMES:
        actor = alice if case.status == "deliver" else olivia if case.status == "review" else arthur
        case = case_act(staff=actor, number=case.number, action=case.status, criteria=_findings(bdc_item))
    assert case.stage_deadline is None


def test_a_correction_notice_lists_everything_once(case, olivia, alice, bdc_item):
    first, second = [m["code"] for m in bdc_item["materials"]][:2]
    case = case_act(
        staff=olivia, number=case.number, action="request_correction", reason="不清晰", materials=[first]
    )
    # olivia undertakes and reviews: asked during undertaking, she asked as its undertaker
    assert case.trail.order_by("-seq").first().role == "undertaker"
    case_act(staff=alice, number=case.number, action="supply", reason="已补齐")
    with pytest.raises(DomainError) as caught:
        case_act(
            staff=olivia,
            number=case.number,
            action="request_correction",
            reason="又发现缺少",
            materials=[first, second],
        )
    assert caught.value.code == "correction_not_once" and second in str(caught.value.message)
    # what came back still not right may be asked for again
    case = case_act(
        staff=olivia,
        number=case.number,
        action="request_correction",
        reason="补正后仍不清晰",
        materials=[first],
    )
    assert case.status == "correction"


def test_an_officer_of_another_role_or_department_is_refused(case, alice, bob):
    with pytest.raises(Forbidden):
        case_act(staff=alice, number=case.number, action="undertake")


def test_another_districts_officer_cannot_find_the_case(case, bob):
    with pytest.raises(Exception) as caught:
        case_act(staff=bob, number=case.number, action="undertake")
    assert getattr(caught.value, "status", None) in (403, 404)


def test_approving_against_the_criteria_needs_a_reason_and_a_second_approver(
    case, olivia, arthur, chloe, bdc_item
):
    _to_approve(case, olivia, bdc_item)
    unmet = _findings(bdc_item, met=False)
    with pytest.raises(DomainError) as caught:
        case_act(staff=arthur, number=case.number, action="approve", criteria=unmet)
    assert caught.value.code == "deviation_needs_reason"
    with pytest.raises(DomainError) as caught:
        case_act(staff=arthur, number=case.number, action="approve", criteria=unmet, reason="原件已补验")
    assert caught.value.code == "second_approver_required"
    case = _approve_against_the_criteria(case, arthur, bdc_item)
    result = StageResult.objects.get(case=case, stage="approve")
    assert result.second_approver == chloe and result.deviation_reason == "原件已补验"
    # the decision waits for chloe: it has not taken effect, and nobody else can make it do so
    assert case.status == "confirm" and case.pending_decision["second_name"] == "chloe"
    assert not Certificate.objects.filter(case=case).exists()
    decided = Notification.objects.filter(case=case, topic="decision")
    assert not decided.exists()  # the applicant hears of a decision only once it takes effect
    with pytest.raises(Forbidden) as refused:
        case_act(staff=arthur, number=case.number, action="confirm")
    assert refused.value.code == "not_the_second_approver"
    case = case_act(staff=chloe, number=case.number, action="confirm", opinion="同意")
    assert case.status == "complete" and case.pending_decision == {}
    assert [n.body for n in decided] == [f"【一门式】办件{case.number}（{case.version.name}）已审批通过。"]
    confirmed = StageResult.objects.filter(case=case, decision="confirm").get()
    assert confirmed.officer == chloe and confirmed.stage == "approve"
    assert [e.action for e in case.trail.order_by("seq")][-2:] == ["approve", "confirm"]
    assert trail_verify(case) == []


def test_a_withdrawal_while_a_decision_waits_leaves_no_decision_pending(
    case, olivia, arthur, chloe, alice, bdc_item
):
    _to_approve(case, olivia, bdc_item)
    case = _approve_against_the_criteria(case, arthur, bdc_item)
    case = case_act(staff=alice, number=case.number, action="withdraw", reason="申请人撤回")
    assert case.status == "withdrawn" and case.pending_decision == {}


def test_a_second_approver_who_does_not_confirm_sends_the_case_back_to_approval(
    case, olivia, arthur, chloe, bdc_item
):
    _to_approve(case, olivia, bdc_item)
    case = case_act(
        staff=arthur,
        number=case.number,
        action="reject",
        criteria=_findings(bdc_item),
        reason="申请人曾有违法记录",
        basis="《不动产登记暂行条例》第二十二条",
        second_approver="chloe",
    )
    assert case.status == "confirm" and case.closed_at is None
    with pytest.raises(DomainError):
        case_act(staff=chloe, number=case.number, action="overrule")  # a reason is required
    case = case_act(staff=chloe, number=case.number, action="overrule", reason="要点均已满足，不应不予许可")
    assert case.status == "approve" and case.pending_decision == {} and case.outcome_reason == ""
    case = case_act(staff=arthur, number=case.number, action="approve", criteria=_findings(bdc_item))
    assert case.status == "complete"  # a decision in line with the criteria takes effect at once


def test_a_rejection_needs_reason_and_legal_basis(case, olivia, arthur, bdc_item):
    _to_approve(case, olivia, bdc_item)
    with pytest.raises(DomainError):
        case_act(staff=arthur, number=case.number, action="reject", criteria=_findings(bdc_item, False))
    case = case_act(
        staff=arthur,
        number=case.number,
        action="reject",
        criteria=_findings(bdc_item, False),
        reason="权属来源材料不符",
        basis="《不动产登记暂行条例》第二十二条",
        opinion="不予登记",
    )
    assert case.status == "rejected" and case.closed_at is not None
    # the reason, the legal basis and the opinion are under the entry's hash, not only in its columns
    entry = case.trail.order_by("-seq").first()
    assert entry.payload["reason"] == "权属来源材料不符" and entry.payload["opinion"] == "不予登记"
    assert entry.payload["basis"] == "《不动产登记暂行条例》第二十二条"
    assert entry.payload_hash == _payload_hash(entry.payload)
    assert entry.payload_hash != _payload_hash({**entry.payload, "basis": "第二十三条"})


def test_a_correction_stops_the_clock_and_supply_resumes_at_the_same_stage(case, olivia):
    deadline = case.deadline
    case = case_act(
        staff=olivia,
        number=case.number,
        action="request_correction",
        reason="缺少共有人同意书",
        materials=["M01"],
    )
    assert case.status == "correction" and case.clock_stopped_at is not None
    case = case_act(staff=olivia, number=case.number, action="supply")
    assert case.status == "undertake" and case.clock_stopped_at is None
    assert case.deadline >= deadline


def test_a_stale_revision_is_a_conflict(case, olivia, bdc_item):
    findings = _findings(bdc_item)
    case_act(staff=olivia, number=case.number, action="undertake", criteria=findings, expected_revision=0)
    with pytest.raises(Conflict):
        case_act(staff=olivia, number=case.number, action="review", expected_revision=0)


def test_a_stage_must_judge_every_criterion_of_the_materials_held(case, olivia, bdc_item):
    findings = _findings(bdc_item)
    skipped = next(iter(findings))
    partial = {cid: met for cid, met in findings.items() if cid != skipped}
    with pytest.raises(DomainError) as caught:
        case_act(staff=olivia, number=case.number, action="undertake", criteria=partial)
    assert caught.value.code == "findings_incomplete" and skipped in str(caught.value.message)
    with pytest.raises(DomainError) as caught:
        case_act(staff=olivia, number=case.number, action="undertake", criteria={**findings, "no-such": True})
    assert caught.value.code == "unknown_criterion"
    case.refresh_from_db()
    assert case.status == "undertake" and case.revision == 0
    assert (
        case_act(staff=olivia, number=case.number, action="undertake", criteria=findings).status == "review"
    )


def test_an_action_not_allowed_now_is_a_conflict_and_changes_nothing(case, arthur):
    with pytest.raises(Conflict):
        case_act(staff=arthur, number=case.number, action="approve")
    case.refresh_from_db()
    assert case.status == "undertake" and case.revision == 0


def _trust_first_case(demo_catalog, alice, applicant):
    item = next(
        i for i in demo_catalog if i["trust_first"] and i["department"] == "BDC" and i["subject"] == "person"
    )
    return case_accept(
        staff=alice,
        item_code=item["code"],
        applicant=applicant.id_number,
        mode="trust_first",
        materials=[],
        commitment_signed=True,
    ).case


def test_a_failed_post_review_revokes_the_result_and_refuses_trust_first_next_time(
    demo_catalog, alice, arthur, applicant, chancheng
):
    case = _trust_first_case(demo_catalog, alice, applicant)
    item = {"code": case.item.code}
    assert case.status == "completed" and case.commitment_text
    certificate = Certificate.objects.get(case=case)
    case_act(staff=arthur, number=case.number, action="revoke", reason="核查发现承诺不实")
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert trust_refusal(district=chancheng, person=applicant) is not None
    with pytest.raises(DomainError) as caught:
        case_accept(
            staff=alice,
            item_code=item["code"],
            applicant=applicant.id_number,
            mode="trust_first",
            materials=[],
            commitment_signed=True,
        )
    assert caught.value.code == "trust_refused"


def test_only_an_open_post_review_can_revoke_and_only_what_can_succeed_is_offered(
    case, demo_catalog, alice, olivia, arthur, applicant, chancheng, bdc_item
):
    # an ordinary result: no post-review, so no revocation by this action, and none offered
    for action in ("undertake", "review", "approve", "complete"):
        case = case_act(
            staff=arthur if action in ("approve", "complete") else olivia,
            number=case.number,
            action=action,
            criteria=_findings(bdc_item),
        )
    assert case.status == "completed"
    assert workflow.allowed_actions("completed", {"approver"}, case_facts(case)) == []
    with pytest.raises(DomainError) as caught:
        case_act(staff=arthur, number=case.number, action="revoke", reason="材料不实")
    assert caught.value.code == "no_post_review"
    assert Certificate.objects.get(case=case).revoked_at is None

    # a trust-first result: revoke and pass are offered while the post-review is open …
    trusted = _trust_first_case(demo_catalog, alice, applicant)
    assert {"post_review_pass", "revoke"} <= set(
        workflow.allowed_actions("completed", {"approver"}, case_facts(trusted))
    )
    trusted = case_act(staff=arthur, number=trusted.number, action="post_review_pass")
    # … and once it passed, the result stands: neither is offered, and revoking it is refused
    assert workflow.allowed_actions("completed", {"approver"}, case_facts(trusted)) == []
    with pytest.raises(DomainError) as caught:
        case_act(staff=arthur, number=trusted.number, action="revoke", reason="核查发现承诺不实")
    assert caught.value.code == "no_post_review"
    assert trust_refusal(district=chancheng, person=applicant) is None  # no false promise on record


def test_a_withdrawal_during_a_correction_ends_the_clock_stop(case, olivia, alice):
    case_act(staff=olivia, number=case.number, action="request_correction", reason="缺少", materials=["M01"])
    case = case_act(staff=alice, number=case.number, action="withdraw", reason="申请人撤回")
    assert case.status == "withdrawn" and case.clock_stopped_at is None
    assert not case.clock_stops.filter(ended_at__isnull=True).exists()


def test_the_gaps_actions_are_offered_only_when_something_is_awaited_and_overdue(case):
    facts = case_facts(case)
    assert not facts.awaited and not facts.gaps_overdue
    assert "supply_gap" not in workflow.allowed_actions(case.status, {"window_generalist"}, facts)
    assert "stop_for_gaps" not in workflow.allowed_actions(case.status, {"window_generalist"}, facts)
