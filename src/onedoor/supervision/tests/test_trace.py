"""The node trace, without a database: segments, working time, stops, waits and delay attribution."""

from datetime import datetime, timedelta

from onedoor.cases import deadlines
from onedoor.core.calendar import SHANGHAI, WorkCalendar
from onedoor.supervision.trace import Step, Stop, apply_corrections, case_trace, stage_budgets

STAGES = [("accept", 10), ("undertake", 30), ("review", 30), ("approve", 30)]
CALENDAR = WorkCalendar()


def at(month, day, hour, minute=0):
    return datetime(2025, month, day, hour, minute, tzinfo=SHANGHAI)


# Accepted Thu 25 Sep 2025; a correction stops the clock from Mon 29 Sep over the National Day holiday
# (1–8 Oct, a weekend inside it) to Thu 9 Oct; Sun 28 Sep and Sat 11 Oct are make-up working days.
TRAIL = [
    Step(1, at(9, 25, 10), "accept", "", "undertake", "alice", 1, "window_generalist", "中心", "A01"),
    Step(2, at(9, 26, 16), "undertake", "undertake", "review", "olivia", 2, "undertaker"),
    Step(3, at(9, 29, 11), "request_correction", "review", "correction", "oscar", 3, "reviewer"),
    Step(4, at(10, 9, 9, 30), "supply", "correction", "review", "alice", 1, "window_generalist"),
    Step(5, at(10, 13, 15), "review", "review", "approve", "olivia", 2, "reviewer"),
    Step(6, at(10, 17, 11), "approve", "approve", "completed", "arthur", 4, "approver"),
]
STOPS = [Stop("correction", at(9, 29, 11), at(10, 9, 9, 30))]


LATER = at(10, 20, 9)


def trace(steps=TRAIL, stops=STOPS, now=LATER, **kw):
    kw.setdefault("promised_days", 5)
    return case_trace(steps=steps, stops=stops, stages=STAGES, calendar=CALENDAR, now=now, **kw)


def test_budgets_are_the_differences_of_the_rounded_cumulative_shares():
    assert stage_budgets(5, [10, 30, 30, 30]) == [1, 1, 2, 1]
    assert sum(stage_budgets(7, [10, 30, 30, 30])) == 7
    assert stage_budgets(0, [50, 50]) == [0, 0]


def test_each_status_change_starts_a_segment_held_by_whoever_acted_at_its_end():
    segments = trace().segments
    assert [(s.status, s.kind, s.held_by) for s in segments] == [
        ("undertake", "held", "olivia"),
        ("review", "held", "oscar"),
        ("correction", "stop", "alice"),
        ("review", "held", "olivia"),
        ("approve", "held", "arthur"),
    ]
    assert segments[0].centre == "中心" and segments[0].window == "A01"
    assert all(not s.open for s in segments)


def test_counted_days_skip_the_holiday_the_weekend_and_every_day_the_clock_stopped():
    t = trace()
    assert [s.days for s in t.segments] == [1, 1, 0, 3, 4]
    # the same count the deadline rules give for the whole case
    stops = [deadlines.ClockStop(s.started_at, s.ended_at) for s in STOPS]
    assert t.used_days == deadlines.working_days_used(CALENDAR, at(9, 25, 10), at(10, 17, 11), stops) == 9
    assert t.closed and t.allowed_days == 5 and t.delay_days == 4


def test_working_time_counts_hours_on_working_days_outside_the_stop():
    undertake, review, stop, review_again, _approve = trace().segments
    assert undertake.working_time == timedelta(hours=14 + 16)
    # Fri 16:00 → Mon 11:00: 8 h on Friday, Saturday a rest day, Sunday a make-up working day (24 h), 11 h
    assert review.working_time == timedelta(hours=8 + 24 + 11)
    assert review.elapsed == timedelta(days=2, hours=19)
    # the stop itself: Mon 13 h + Tue 24 h, nothing over the holiday, Thu 9.5 h
    assert stop.working_time == timedelta(hours=13 + 24 + 9.5) == trace().stopped_time
    assert review_again.working_time == timedelta(hours=14.5 + 24 + 24 + 15)


def test_an_overrun_is_attributed_to_whoever_held_the_stage_when_its_share_ran_out():
    t = trace()
    shares = {s.stage: (s.budget_days, s.used_days, s.overrun_days) for s in t.stages}
    assert shares == {"accept": (1, 0, 0), "undertake": (1, 1, 0), "review": (2, 4, 2), "approve": (1, 4, 3)}
    assert [(s.status, s.held_by, s.overrun_days) for s in t.overruns] == [
        ("review", "olivia", 2),
        ("approve", "arthur", 3),
    ]
    assert sum(s.overrun_days for s in t.overruns) >= t.delay_days


def test_an_extension_raises_the_budgets_and_is_an_event_of_its_segment():
    steps = [*TRAIL[:4], Step(5, at(10, 10, 10), "extend", "review", "review", "arthur", 4, "approver"),
             *(Step(s.seq + 1, s.at, s.action, s.from_status, s.to_status, s.actor, s.actor_id, s.role)
               for s in TRAIL[4:])]  # fmt: skip
    t = trace(steps, extension_days=2)
    review_again = t.segments[3]
    assert review_again.events == [5]
    # waiting: from the supply (Thu 09:30) to the approver's extension (Fri 10:00)
    assert review_again.waiting == timedelta(hours=14.5 + 10)
    assert {s.stage: s.budget_days for s in t.stages} == {
        "accept": 1,
        "undertake": 2,
        "review": 2,
        "approve": 2,
    }
    assert t.delay_days == 2


def test_an_open_stage_counts_up_to_now_and_waits_in_the_queue():
    t = trace(TRAIL[:5], now=at(10, 16, 12))
    approve = t.segments[-1]
    assert approve.open and approve.held_by == "" and approve.days == 3
    assert approve.waiting == approve.working_time == timedelta(hours=9 + 24 + 24 + 12)
    assert not t.closed and t.delay_days == 3


def test_an_open_stop_counts_no_days_and_freezes_the_stage():
    t = trace(TRAIL[:3], stops=[Stop("correction", at(9, 29, 11))], now=at(10, 10, 12))
    assert t.segments[-1].kind == "stop" and t.segments[-1].open
    assert t.used_days == 2


def test_a_correction_changes_the_value_the_trace_uses_and_keeps_the_original():
    fix = Step(
        7,
        at(10, 18, 9),
        "correct",
        "completed",
        "completed",
        "sam",
        9,
        "supervisor",
        reason="recorded under a colleague's login",
        payload={"corrects": 5, "fields": {"actor": {"from": "olivia", "to": "rita"}}, "actor_id": 5},
    )
    t = trace([*TRAIL, fix])
    assert t.segments[3].held_by == "rita" and t.segments[3].held_by_id == 5
    assert t.originals[5].actor == "olivia"
    assert [(c.corrects, c.by) for c in t.corrections] == [(5, "sam")]
    assert [s.held_by for s in t.overruns] == ["rita", "arthur"]


def test_a_corrected_time_moves_the_segment_boundary():
    fix = Step(7, at(10, 18, 9), "correct", "completed", "completed", "sam", 9, "supervisor",
               payload={"corrects": 5, "fields": {"at": {"from": at(10, 13, 15).isoformat(),
                                                         "to": at(10, 10, 15).isoformat()}}})  # fmt: skip
    t = trace([*TRAIL, fix])
    assert [s.days for s in t.segments] == [1, 1, 0, 1, 6]  # Sat 11 Oct is a make-up working day


def test_corrections_of_corrections_or_of_later_entries_are_ignored():
    bad = [
        Step(7, at(10, 18, 9), "correct", "completed", "completed", "sam", payload={"corrects": 9}),
        Step(8, at(10, 18, 9), "correct", "completed", "completed", "sam", payload={"corrects": 7}),
    ]
    steps, originals, corrections = apply_corrections([*TRAIL, *bad])
    assert steps[:6] == TRAIL and originals == {} and corrections == []


def test_an_instant_case_has_no_segment_and_no_delay():
    t = case_trace(
        steps=[Step(1, at(9, 25, 10), "accept", "", "completed", "alice")],
        stops=[],
        stages=[("accept", 100)],
        promised_days=0,
        calendar=CALENDAR,
        now=at(9, 26, 10),
    )
    assert t.segments == [] and t.delay_days == 0 and t.closed
