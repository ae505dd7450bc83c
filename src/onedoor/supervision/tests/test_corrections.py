"""Corrections of trail errors: a new entry linked to the one it corrects; the chain still verifies."""

import pytest

from onedoor.cases.models import TrailEntry
from onedoor.cases.trail import trail_verify
from onedoor.conftest import PASSWORD
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.core.models import AuditRecord
from onedoor.districts import services
from onedoor.districts.models import Role
from onedoor.notifications.models import Notification
from onedoor.supervision.corrections import trail_correct
from onedoor.supervision.models import TrailCorrection
from onedoor.supervision.selectors import case_trace_get
from onedoor.supervision.tests.conftest import act_at, at


@pytest.fixture
def rita(chancheng):
    return services.staff_create(
        district=chancheng,
        username="rita",
        password=PASSWORD,
        roles=[(Role.REVIEWER, chancheng.test_department)],
    )


def test_a_correction_is_appended_linked_to_its_entry_and_the_chain_still_verifies(late_case, sam, rita):
    original = TrailEntry.objects.get(case=late_case, seq=5)
    texts = Notification.objects.count()
    entry = trail_correct(
        case=late_case,
        entry_seq=5,
        staff=sam,
        reason="以 olivia 账号登录，实为 rita 审核",
        corrected_fields={"actor": "rita"},
    )
    assert entry.seq == 7 and entry.action == "correct" and entry.role == "supervisor"
    assert entry.payload["corrects"] == 5
    assert entry.payload["fields"] == {"actor": {"from": "olivia", "to": "rita"}}
    assert TrailEntry.objects.get(case=late_case, seq=5).actor_label == original.actor_label == "olivia"
    assert trail_verify(late_case) == []
    assert TrailCorrection.objects.get(case=late_case).corrected_seq == 5
    assert AuditRecord.objects.filter(action="trail.correct", object_id=str(late_case.pk)).exists()
    assert Notification.objects.count() == texts  # nothing is sent to the applicant

    trace = case_trace_get(staff=sam, number=late_case.number).trace
    review = [s for s in trace.segments if s.status == "review"][-1]
    assert review.held_by == "rita" and review.held_by_id == rita.pk
    assert trace.originals[5].actor == "olivia"


def test_the_approver_corrects_the_departments_entries_but_not_their_own(late_case, arthur, olivia, alice):
    with pytest.raises(Forbidden):
        trail_correct(case=late_case, entry_seq=6, staff=arthur, reason="x", corrected_fields={"reason": "y"})
    with pytest.raises(Forbidden):
        trail_correct(
            case=late_case, entry_seq=5, staff=arthur, reason="x", corrected_fields={"actor": "arthur"}
        )
    with pytest.raises(Forbidden):
        trail_correct(case=late_case, entry_seq=6, staff=olivia, reason="x", corrected_fields={"reason": "y"})
    with pytest.raises(Forbidden):
        trail_correct(case=late_case, entry_seq=6, staff=alice, reason="x", corrected_fields={"reason": "y"})
    entry = trail_correct(
        case=late_case, entry_seq=2, staff=arthur, reason="意见录错", corrected_fields={"reason": "材料齐全"}
    )
    assert entry.role == "approver" and trail_verify(late_case) == []


def test_another_districts_supervisor_cannot_correct(late_case, hugo):
    with pytest.raises(NotFound):
        trail_correct(case=late_case, entry_seq=2, staff=hugo, reason="x", corrected_fields={"reason": "y"})


def test_a_correction_needs_a_reason_a_change_and_a_time_in_order(late_case, sam):
    def fails(code, **kw):
        args = {"case": late_case, "entry_seq": 5, "staff": sam, "reason": "录入错误", **kw}
        with pytest.raises(DomainError) as caught:
            trail_correct(**args)
        assert caught.value.code == code

    fails("reason_required", reason=" ", corrected_fields={"reason": "y"})
    fails("nothing_changed", corrected_fields={"actor": "olivia"})
    fails("not_correctable", corrected_fields={"to_status": "completed"})
    fails("time_out_of_order", corrected_fields={"at": at(10, 20, 9).isoformat()})
    fails("bad_time", corrected_fields={"at": "2025-10-10 10:00"})
    fails("unknown_officer", corrected_fields={"actor": "nobody"})
    assert TrailEntry.objects.filter(case=late_case, action="correct").count() == 0


def test_a_corrected_time_moves_the_days_between_stages(late_case, sam):
    trail_correct(
        case=late_case,
        entry_seq=5,
        staff=sam,
        reason="审核时间录错",
        corrected_fields={"at": at(10, 10, 15).isoformat()},
    )
    segments = case_trace_get(staff=sam, number=late_case.number).trace.segments
    assert [(s.status, s.days) for s in segments if s.kind == "held"][2:4] == [("review", 1), ("approve", 6)]


def test_a_correction_of_a_correction_is_refused(late_case, sam, arthur):
    entry = trail_correct(
        case=late_case, entry_seq=2, staff=sam, reason="r", corrected_fields={"reason": "新"}
    )
    with pytest.raises(DomainError) as caught:
        trail_correct(
            case=late_case, entry_seq=entry.seq, staff=arthur, reason="r", corrected_fields={"reason": "x"}
        )
    assert caught.value.code == "correction_of_correction"


def test_the_case_goes_on_after_a_correction(late_case, sam, arthur):
    trail_correct(case=late_case, entry_seq=2, staff=sam, reason="r", corrected_fields={"reason": "新"})
    case = act_at(at(10, 17, 11, 5), arthur, late_case, "complete")
    assert case.status == "completed" and trail_verify(case) == []
