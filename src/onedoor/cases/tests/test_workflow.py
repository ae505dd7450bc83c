"""The allowed-transition table, as pure rules."""

import pytest

from onedoor.cases import workflow
from onedoor.cases.workflow import NotAllowed, apply

DEFAULT = ["accept", "undertake", "review", "approve", "complete"]
LICENSING = ["accept", "undertake", "review", "approve", "complete", "deliver"]


def test_acceptance_moves_a_case_to_the_stage_after_accept():
    assert workflow.first_status(DEFAULT) == "undertake"
    assert workflow.first_status(["accept"]) == "completed"


def test_each_stage_action_moves_to_the_next_stage_then_completed():
    status = "undertake"
    for action, expected in [
        ("undertake", "review"),
        ("review", "approve"),
        ("approve", "complete"),
        ("complete", "deliver"),
        ("deliver", "completed"),
    ]:
        status = apply(status=status, action=action, stages=LICENSING)
        assert status == expected


def test_an_item_may_define_its_own_stages():
    stages = ["accept", "review", "approve", "complete"]
    assert workflow.first_status(stages) == "review"
    assert apply(status="review", action="review", stages=stages) == "approve"


def test_a_stage_action_is_refused_in_another_stage():
    with pytest.raises(NotAllowed) as caught:
        apply(status="undertake", action="approve", stages=DEFAULT)
    assert caught.value.code == "not_in_this_status"


def test_only_the_approver_or_chief_representative_may_reject():
    assert apply(status="review", action="reject", stages=DEFAULT, roles={"approver"}) == "rejected"
    assert (
        apply(status="review", action="reject", stages=DEFAULT, roles={"chief_representative"}) == "rejected"
    )
    with pytest.raises(NotAllowed) as caught:
        apply(status="review", action="reject", stages=DEFAULT, roles={"reviewer"})
    assert caught.value.code == "role_not_allowed"


def test_correction_stops_the_clock_and_supply_resumes_where_it_stopped():
    assert apply(status="review", action="request_correction", stages=DEFAULT) == "correction"
    assert apply(status="correction", action="supply", stages=DEFAULT, resume_to="review") == "review"


def test_suspension_resumes_at_the_stage_it_left():
    assert apply(status="approve", action="suspend", stages=DEFAULT) == "suspended"
    assert apply(status="suspended", action="resume", stages=DEFAULT, resume_to="approve") == "approve"


def test_a_resume_without_a_stage_to_return_to_is_refused():
    with pytest.raises(NotAllowed):
        apply(status="suspended", action="resume", stages=DEFAULT, resume_to="")


def test_outcomes_are_final_except_that_a_completed_result_may_be_revoked():
    for outcome in ["rejected", "withdrawn", "revoked", "stopped"]:
        assert workflow.allowed_actions(outcome) == []
    assert "revoke" in workflow.allowed_actions("completed")
    assert apply(status="completed", action="revoke", stages=DEFAULT) == "revoked"


def test_extension_does_not_change_the_stage():
    assert apply(status="approve", action="extend", stages=DEFAULT) == "approve"


def test_an_unknown_action_is_refused():
    with pytest.raises(NotAllowed) as caught:
        apply(status="undertake", action="teleport", stages=DEFAULT)
    assert caught.value.code == "unknown_action"


def test_every_row_has_a_reason_and_known_statuses():
    known = set(workflow.IN_PROGRESS) | set(workflow.OUTCOMES)
    for row in workflow.TABLE:
        assert len(row.reason) > 20, row.action
        assert set(row.sources) <= known, row.action
        assert row.roles, row.action


def test_the_same_inputs_always_give_the_same_status():
    results = {apply(status="review", action="review", stages=DEFAULT) for _ in range(100)}
    assert results == {"approve"}


def test_allowed_actions_respect_roles():
    assert workflow.allowed_actions("undertake", roles={"undertaker"}) == [
        "undertake",
        "request_correction",
        "suspend",
        "supply_gap",
        "stop_for_gaps",
    ]
    assert "withdraw" in workflow.allowed_actions("undertake", roles={"window_generalist"})


def test_actions_that_need_more_than_the_status_are_offered_only_when_they_can_succeed():
    roles = {"window_generalist", "undertaker", "approver"}
    nothing = workflow.CaseFacts()
    offered = workflow.allowed_actions("completed", roles, nothing)
    assert not {"supply_gap", "stop_for_gaps", "post_review_pass", "revoke"} & set(offered)
    awaited = workflow.CaseFacts(awaited=True)
    assert "supply_gap" in workflow.allowed_actions("undertake", roles, awaited)
    assert "stop_for_gaps" not in workflow.allowed_actions("undertake", roles, awaited)
    overdue = workflow.CaseFacts(awaited=True, gaps_overdue=True)
    assert "stop_for_gaps" in workflow.allowed_actions("undertake", roles, overdue)
    review = workflow.CaseFacts(post_review_open=True)
    assert {"post_review_pass", "revoke"} <= set(workflow.allowed_actions("completed", roles, review))
    assert "extend" not in workflow.allowed_actions("approve", roles, nothing)
    assert "extend" in workflow.allowed_actions("approve", roles, workflow.CaseFacts(extension_left=3))
