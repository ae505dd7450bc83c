"""Time limits without a database: deadlines around the 2025 holidays, clock stops, stage shares, the traffic
light at its exact thresholds, extensions, 容缺 supply deadlines, 2027, and properties of the arithmetic."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onedoor.cases.deadlines import (
    ClockStop,
    ExtensionReason,
    Light,
    case_deadline,
    clock_stopped_since,
    current_stage_deadline,
    extension_allowed,
    gaps_deadline,
    stage_days,
    stage_deadlines,
    stage_light,
    stopped_working_days,
    traffic_light,
    working_days_left,
    working_days_used,
)
from onedoor.core.calendar import SHANGHAI, WorkCalendar

national = WorkCalendar()
DEFAULT_STAGES = [("accept", 10), ("undertake", 30), ("review", 25), ("approve", 20), ("complete", 15)]


def at(text: str) -> datetime:
    """A Shanghai moment from 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def end_of(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(
        hour=23, minute=59, second=59, microsecond=999999, tzinfo=SHANGHAI
    )


def stop(start: str, end: str | None = None) -> ClockStop:
    return ClockStop(at(start), at(end) if end else None)


# --- the case deadline ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "accepted,days,stops,due",
    [
        # 2025 Spring Festival: make-up Sun 26 Jan, off 28 Jan – 4 Feb, make-up Sat 8 Feb
        ("2025-01-24 10:00", 3, [], "2025-02-05"),
        # a correction spanning the holiday: Mon 27 Jan, Wed 5 and Thu 6 Feb are stopped working days
        ("2025-01-24 10:00", 3, [("2025-01-27 10:00", "2025-02-06 15:00")], "2025-02-08"),
        # 2025 National Day: make-up Sun 28 Sep, off 1–8 Oct, make-up Sat 11 Oct
        ("2025-09-26 10:00", 4, [], "2025-10-09"),
        # a suspension for expert review across it: Tue 30 Sep and Thu 9 Oct are stopped
        ("2025-09-26 10:00", 4, [("2025-09-30 09:00", "2025-10-09 11:00")], "2025-10-11"),
        # an ordinary week: accepted Monday, 5 days, due the next Monday
        ("2025-03-03 10:00", 5, [], "2025-03-10"),
        # a stop within one working day costs that whole day
        ("2025-03-03 10:00", 5, [("2025-03-05 09:00", "2025-03-05 11:00")], "2025-03-11"),
        # two stops on the same day cost it once
        (
            "2025-03-03 10:00",
            5,
            [("2025-03-05 09:00", "2025-03-05 10:00"), ("2025-03-05 14:00", "2025-03-05 15:00")],
            "2025-03-11",
        ),
        # Friday evening to Monday morning: Friday and Monday are both stopped, the weekend costs nothing
        ("2025-03-03 10:00", 5, [("2025-03-07 17:00", "2025-03-10 09:00")], "2025-03-12"),
        # a stop on the due day moves the due day past the restart
        ("2025-03-03 10:00", 5, [("2025-03-10 10:00", "2025-03-12 10:00")], "2025-03-13"),
        # a correction inside a suspension: the days are counted once (Tue 4 – Fri 7)
        (
            "2025-03-03 10:00",
            5,
            [("2025-03-04 09:00", "2025-03-07 12:00"), ("2025-03-05 09:00", "2025-03-06 16:00")],
            "2025-03-14",
        ),
    ],
)
def test_the_deadline_counts_working_days_and_skips_the_days_the_clock_was_stopped(
    accepted, days, stops, due
):
    assert case_deadline(national, at(accepted), days, [stop(*s) for s in stops]) == end_of(due)


@pytest.mark.parametrize(
    "stops",
    [
        [("2025-03-03 14:00", "2025-03-03 16:00")],  # on the acceptance day, which is never counted
        [("2025-03-08 10:00", "2025-03-09 18:00")],  # over a weekend
        [("2025-03-11 09:00", "2025-03-13 09:00")],  # after the deadline has passed
        [("2025-03-01 09:00", "2025-03-02 09:00")],  # before acceptance
    ],
)
def test_a_stop_that_touches_no_counted_working_day_leaves_the_deadline_alone(stops):
    deadline = case_deadline(national, at("2025-03-03 10:00"), 5, [stop(*s) for s in stops])
    assert deadline == end_of("2025-03-10")


def test_an_open_stop_counts_up_to_now_and_the_deadline_moves_each_working_day():
    open_stop = [stop("2025-03-05 09:00")]
    accepted = at("2025-03-03 10:00")
    # stopped Wed 5, Thu 6, Fri 7 and today Mon 10: counted Tue 4, then Tue 11 – Fri 14
    assert case_deadline(national, accepted, 5, open_stop, now=at("2025-03-10 15:00")) == end_of("2025-03-14")
    assert case_deadline(national, accepted, 5, open_stop, now=at("2025-03-11 08:00")) == end_of("2025-03-17")
    # Saturday is no working day: the deadline as of Saturday is the one as of Friday
    friday = case_deadline(national, accepted, 5, open_stop, now=at("2025-03-07 18:00"))
    assert case_deadline(national, accepted, 5, open_stop, now=at("2025-03-08 12:00")) == friday


def test_an_open_stop_without_now_is_refused():
    with pytest.raises(ValueError, match="pass now"):
        case_deadline(national, at("2025-03-03 10:00"), 5, [stop("2025-03-05 09:00")])


def test_stops_are_read_as_known_at_now():
    stops = [stop("2025-03-05 09:00", "2025-03-07 09:00")]
    accepted = at("2025-03-03 10:00")
    assert case_deadline(national, accepted, 5, stops, now=at("2025-03-04 12:00")) == end_of("2025-03-10")
    assert case_deadline(national, accepted, 5, stops, now=at("2025-03-06 12:00")) == end_of("2025-03-12")
    assert case_deadline(national, accepted, 5, stops, now=at("2025-03-20 12:00")) == end_of("2025-03-13")


def test_an_approved_extension_adds_working_days():
    assert case_deadline(national, at("2025-03-03 10:00"), 5, [], 3) == end_of("2025-03-13")
    assert case_deadline(national, at("2025-01-24 10:00"), 1, [], 2) == end_of("2025-02-05")


@pytest.mark.parametrize(
    "accepted",
    ["2025-01-27 15:00", "2025-01-30 11:00", "2025-03-08 09:00"],  # a working day, a holiday, a Saturday
)
def test_an_instant_item_is_due_at_the_end_of_the_acceptance_day(accepted):
    deadline = case_deadline(national, at(accepted), 0)
    assert deadline == end_of(accepted[:10])
    later = [stop(accepted, (at(accepted) + timedelta(days=3)).strftime("%Y-%m-%d %H:%M"))]
    assert case_deadline(national, at(accepted), 0, later) == deadline


def test_a_deadline_running_into_2027_skips_new_years_day_before_the_official_notice():
    accepted = at("2026-12-10 10:00")
    # 2027 is not in the library yet: the fallback still rests on 1 Jan (a fixed statutory holiday)
    assert case_deadline(national, accepted, 20) == end_of("2027-01-08")
    # stopped Wed 30 Dec – Tue 5 Jan: 4 working days (1 Jan is a rest day), so 4 more at the end
    stops = [stop("2026-12-30 10:00", "2027-01-05 10:00")]
    deadline = case_deadline(national, accepted, 20, stops)
    assert deadline == end_of("2027-01-14")
    assert national.years_without_official_data(accepted, deadline) == [2027]
    district = WorkCalendar({date(2027, 1, 4): False})  # a district's own override still comes first
    assert case_deadline(district, accepted, 20) == end_of("2027-01-11")


def test_the_deadline_is_given_in_the_zone_of_the_acceptance_moment():
    accepted = at("2025-03-03 10:00").astimezone(UTC)
    deadline = case_deadline(national, accepted, 5)
    assert deadline.tzinfo is UTC
    assert deadline == end_of("2025-03-10")


@pytest.mark.parametrize(
    "call",
    [
        lambda: case_deadline(national, datetime(2025, 3, 3, 10), 5),
        lambda: case_deadline(national, at("2025-03-03 10:00"), -1),
        lambda: case_deadline(national, at("2025-03-03 10:00"), 5, [], -2),
        lambda: ClockStop(at("2025-03-05 10:00"), at("2025-03-04 10:00")),
        lambda: ClockStop(datetime(2025, 3, 5, 10)),
    ],
)
def test_bad_input_is_refused(call):
    with pytest.raises(ValueError):
        call()


# --- stages ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "total,shares,due",
    [
        (20, [10, 30, 25, 20, 15], [2, 8, 13, 17, 20]),
        (5, [10, 30, 25, 20, 15], [1, 2, 3, 4, 5]),  # 0.5 rounds up to 1
        (3, [10, 30, 25, 20, 15], [1, 1, 2, 3, 3]),  # accept has no whole day: due with undertake
        (2, [10, 30, 25, 20, 15], [1, 1, 2, 2, 2]),  # review has none: due with approve
        (1, [10, 30, 25, 20, 15], [1, 1, 1, 1, 1]),
        (0, [10, 30, 25, 20, 15], [0, 0, 0, 0, 0]),  # an instant item: every stage on the day
        (10, [100], [10]),
        (10, [0, 50, 0, 50], [5, 5, 10, 10]),
    ],
)
def test_stages_are_due_after_their_cumulative_share_of_the_limit(total, shares, due):
    assert stage_days(total, shares) == due


@pytest.mark.parametrize("shares", [[], [50, 40], [60, 50], [110, -10], [50.0, 50]])
def test_shares_must_be_whole_percentages_adding_up_to_100(shares):
    with pytest.raises(ValueError):
        stage_days(10, shares)


def test_stage_deadlines_fall_on_working_days_and_the_last_is_the_case_deadline():
    deadlines = stage_deadlines(national, at("2025-03-03 10:00"), 20, DEFAULT_STAGES)
    assert deadlines == [
        ("accept", end_of("2025-03-05")),
        ("undertake", end_of("2025-03-13")),
        ("review", end_of("2025-03-20")),
        ("approve", end_of("2025-03-26")),
        ("complete", end_of("2025-03-31")),
    ]
    assert deadlines[-1][1] == case_deadline(national, at("2025-03-03 10:00"), 20)


def test_a_stop_pushes_the_stages_due_after_it_but_not_those_before():
    stops = [stop("2025-03-10 09:00", "2025-03-11 16:00")]  # two working days during undertaking
    deadlines = dict(stage_deadlines(national, at("2025-03-03 10:00"), 20, DEFAULT_STAGES, stops))
    assert deadlines["accept"] == end_of("2025-03-05")
    assert deadlines["undertake"] == end_of("2025-03-17")
    assert deadlines["complete"] == end_of("2025-04-02")


def test_an_extension_stretches_every_stage_by_its_share():
    deadlines = stage_deadlines(national, at("2025-03-03 10:00"), 10, DEFAULT_STAGES, [], 10)
    assert deadlines == stage_deadlines(national, at("2025-03-03 10:00"), 20, DEFAULT_STAGES)


def test_the_current_stage_is_due_at_its_cumulative_share_and_an_unknown_stage_has_no_deadline():
    accepted = at("2025-03-03 10:00")
    assert current_stage_deadline(national, accepted, 20, DEFAULT_STAGES, "review") == end_of("2025-03-20")
    stops = [stop("2025-03-10 09:00", "2025-03-11 16:00")]
    assert current_stage_deadline(national, accepted, 20, DEFAULT_STAGES, "review", stops) == end_of(
        "2025-03-24"
    )
    assert current_stage_deadline(national, accepted, 20, DEFAULT_STAGES, "deliver") is None


@pytest.mark.parametrize(
    "now,expected",
    [
        ("2025-03-17 10:00", Light.GREEN),  # 3 working days of review left
        ("2025-03-19 10:00", Light.YELLOW),  # due tomorrow
        ("2025-03-20 18:00", Light.YELLOW),  # due today
        ("2025-03-21 09:00", Light.RED),
    ],
)
def test_a_stages_light_turns_yellow_on_its_last_working_day_and_red_after_it(now, expected):
    due = current_stage_deadline(national, at("2025-03-03 10:00"), 20, DEFAULT_STAGES, "review")
    assert stage_light(national, at(now), due) is expected


# --- the traffic light ----------------------------------------------------------------------------------


def light(now: str, accepted: str, days: int, stops=()) -> Light:
    stops = list(stops)
    deadline = case_deadline(national, at(accepted), days, stops, now=at(now))
    return traffic_light(national, at(now), at(accepted), deadline, stops)


@pytest.mark.parametrize(
    "now,expected",
    [
        # 10 days from Mon 3 Mar, due Mon 17 Mar
        ("2025-03-03 11:00", Light.GREEN),
        ("2025-03-12 17:00", Light.GREEN),  # 7 of 10 used (70 %), 3 left
        ("2025-03-13 08:00", Light.YELLOW),  # 8 of 10 used: exactly 80 %, though 2 are left
        ("2025-03-17 23:59", Light.YELLOW),  # due today
        ("2025-03-18 00:00", Light.RED),  # overdue from the first moment after the due day
    ],
)
def test_the_light_turns_yellow_at_80_percent_used(now, expected):
    assert light(now, "2025-03-03 10:00", 10) is expected


@pytest.mark.parametrize(
    "now,expected",
    [
        # 3 days from Mon 3 Mar, due Thu 6 Mar
        ("2025-03-04 16:00", Light.GREEN),  # 1 of 3 used, 2 left
        ("2025-03-05 09:00", Light.YELLOW),  # 1 left (and 67 % used, below 80 %)
        ("2025-03-06 09:00", Light.YELLOW),  # 0 left: due today
    ],
)
def test_the_light_turns_yellow_when_one_working_day_is_left(now, expected):
    assert light(now, "2025-03-03 10:00", 3) is expected


def test_the_light_is_red_one_microsecond_after_the_deadline():
    deadline = case_deadline(national, at("2025-03-03 10:00"), 3)
    started = at("2025-03-03 10:00")
    assert traffic_light(national, deadline, started, deadline) is Light.YELLOW
    assert traffic_light(national, deadline + timedelta(microseconds=1), started, deadline) is Light.RED


def test_an_instant_item_is_yellow_on_its_day_and_red_the_next():
    assert light("2025-03-03 16:00", "2025-03-03 10:00", 0) is Light.YELLOW
    assert light("2025-03-04 09:00", "2025-03-03 10:00", 0) is Light.RED


def test_with_the_clock_stopped_the_light_stays_as_it_was_when_it_stopped():
    # 5 days from Mon 3 Mar (due Mon 10 Mar); suspended on Tue 4 Mar and still suspended weeks later
    suspended = [stop("2025-03-04 10:00")]
    assert light("2025-03-04 11:00", "2025-03-03 10:00", 5, suspended) is Light.GREEN
    assert light("2025-03-31 11:00", "2025-03-03 10:00", 5, suspended) is Light.GREEN
    # 3 days, stopped on the due day (Thu 6 Mar) with 1 counted day left: yellow, and yellow it stays
    corrected = [stop("2025-03-06 10:00")]
    assert light("2025-03-06 11:00", "2025-03-03 10:00", 3, corrected) is Light.YELLOW
    assert light("2025-03-20 11:00", "2025-03-03 10:00", 3, corrected) is Light.YELLOW


def test_a_case_stopped_when_already_overdue_stays_red():
    assert light("2025-03-20 11:00", "2025-03-03 10:00", 5, [stop("2025-03-12 10:00")]) is Light.RED


def test_after_the_clock_restarts_the_light_runs_again():
    corrected = [stop("2025-03-06 10:00", "2025-03-12 11:00")]  # due day moves to Thu 13 Mar
    assert light("2025-03-12 15:00", "2025-03-03 10:00", 3, corrected) is Light.YELLOW
    assert light("2025-03-14 00:00", "2025-03-03 10:00", 3, corrected) is Light.RED


def test_a_stage_has_its_own_light():
    started = at("2025-03-05 15:00")  # undertaking began when acceptance's stage ended
    deadline = dict(stage_deadlines(national, at("2025-03-03 10:00"), 20, DEFAULT_STAGES))["undertake"]
    assert traffic_light(national, at("2025-03-07 10:00"), started, deadline) is Light.GREEN
    assert traffic_light(national, at("2025-03-12 10:00"), started, deadline) is Light.YELLOW
    assert traffic_light(national, at("2025-03-14 10:00"), started, deadline) is Light.RED


# --- working days used and left -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "now,used,left",
    [
        ("2025-03-03 18:00", 0, 5),  # the acceptance day is not counted
        ("2025-03-06 10:00", 3, 2),  # "2 working days left"
        ("2025-03-08 10:00", 4, 1),  # Saturday: Friday was the 4th
        ("2025-03-10 10:00", 5, 0),  # due today
        ("2025-03-13 10:00", 8, -3),  # overdue by 3 working days
    ],
)
def test_used_and_left_read_as_the_page_shows_them(now, used, left):
    deadline = case_deadline(national, at("2025-03-03 10:00"), 5)
    assert working_days_used(national, at("2025-03-03 10:00"), at(now)) == used
    assert working_days_left(national, at(now), deadline) == left


def test_a_rest_day_after_the_due_day_reads_as_overdue_not_as_due_today():
    deadline = case_deadline(national, at("2025-03-03 10:00"), 4)  # due Fri 7 Mar
    assert working_days_left(national, at("2025-03-08 10:00"), deadline) == -1


def test_used_and_left_do_not_move_while_the_clock_is_stopped():
    accepted, suspended = at("2025-03-03 10:00"), [stop("2025-03-05 10:00")]
    readings = set()
    for now in ("2025-03-05 12:00", "2025-03-06 12:00", "2025-03-10 12:00", "2025-03-12 12:00"):
        deadline = case_deadline(national, accepted, 10, suspended, now=at(now))
        readings.add(
            (
                working_days_used(national, accepted, at(now), suspended),
                working_days_left(national, at(now), deadline, suspended),
            )
        )
    assert readings == {(1, 9)}  # Tue 4 Mar counted; Wed 5 Mar onwards stopped


def test_the_stopped_working_days_and_since_when_are_reported():
    stops = [stop("2025-01-27 10:00", "2025-02-06 15:00"), stop("2025-02-10 09:00")]
    now = at("2025-02-11 09:00")
    assert stopped_working_days(national, at("2025-01-24 10:00"), now, stops) == 5  # 27 Jan, 5, 6, 10, 11 Feb
    assert clock_stopped_since(stops, now) == at("2025-02-10 09:00")
    assert clock_stopped_since(stops, at("2025-02-07 09:00")) is None


# --- extensions and supply deadlines --------------------------------------------------------------------


@pytest.mark.parametrize(
    "promised,legal,already,requested,allowed,reason,available",
    [
        (10, 20, 0, 10, True, ExtensionReason.ALLOWED, 10),  # up to the legal limit exactly
        (10, 20, 0, 11, False, ExtensionReason.BEYOND_LEGAL_LIMIT, 10),
        (10, 20, 6, 4, True, ExtensionReason.ALLOWED, 4),  # a second extension uses the rest
        (10, 20, 6, 5, False, ExtensionReason.BEYOND_LEGAL_LIMIT, 4),
        (20, 20, 0, 1, False, ExtensionReason.BEYOND_LEGAL_LIMIT, 0),  # promised at the legal limit
        (0, 0, 0, 1, False, ExtensionReason.NO_LEGAL_LIMIT, 0),  # an instant item
        (5, 0, 0, 1, False, ExtensionReason.NO_LEGAL_LIMIT, 0),  # no legal limit recorded
        (10, 20, 0, 0, False, ExtensionReason.NOTHING_REQUESTED, 10),
        (10, 20, 0, -3, False, ExtensionReason.NOTHING_REQUESTED, 10),
        (25, 20, 0, 1, False, ExtensionReason.BEYOND_LEGAL_LIMIT, 0),  # a catalog error never widens it
    ],
)
def test_an_extension_never_takes_the_case_beyond_the_legal_limit(
    promised, legal, already, requested, allowed, reason, available
):
    check = extension_allowed(promised, legal, already, requested)
    assert (bool(check), check.reason, check.available) == (allowed, reason, available)


@pytest.mark.parametrize(
    "requested,promised,due",
    [
        # from Thu 23 Jan 2025: Fri 24, Sun 26 (make-up), Mon 27, then the Spring Festival, Wed 5, Thu 6 Feb
        (3, 20, "2025-01-27"),
        (20, 5, "2025-02-06"),  # capped at the promised limit
        (5, 5, "2025-02-06"),
        (3, 0, "2025-01-23"),  # an instant item: by the end of the day
    ],
)
def test_the_supply_deadline_for_later_materials_is_capped_at_the_promised_limit(requested, promised, due):
    accepted = at("2025-01-23 10:00")
    assert gaps_deadline(national, accepted, requested, promised) == end_of(due)
    assert gaps_deadline(national, accepted, requested, promised) <= case_deadline(
        national, accepted, promised
    )


# --- properties -----------------------------------------------------------------------------------------

accept_moments = st.datetimes(min_value=datetime(2024, 12, 1), max_value=datetime(2027, 6, 30)).map(
    lambda moment: moment.replace(tzinfo=SHANGHAI)
)
limits = st.integers(min_value=0, max_value=60)
stop_shapes = st.tuples(
    st.integers(min_value=-3, max_value=90),  # days after acceptance
    st.integers(min_value=0, max_value=24 * 60 - 1),  # minute of the day
    st.integers(min_value=0, max_value=20 * 24 * 60),  # duration in minutes
)


def make_stops(accepted: datetime, shapes) -> list[ClockStop]:
    stops = []
    for day, minute, duration in shapes:
        start = accepted.replace(hour=0, minute=0) + timedelta(days=day, minutes=minute)
        stops.append(ClockStop(start, start + timedelta(minutes=duration)))
    return stops


@given(accept_moments, limits, st.lists(stop_shapes, max_size=3), stop_shapes, st.integers(0, 10))
@settings(max_examples=300)
def test_a_stop_never_makes_the_deadline_earlier(accepted, days, shapes, extra, extension):
    stops = make_stops(accepted, shapes)
    before = case_deadline(national, accepted, days, stops, extension)
    assert (
        case_deadline(national, accepted, days, [*stops, *make_stops(accepted, [extra])], extension) >= before
    )


@given(accept_moments, limits, stop_shapes, st.integers(min_value=1, max_value=10 * 24 * 60))
@settings(max_examples=300)
def test_a_longer_stop_never_shortens_the_limit(accepted, days, shape, longer_by):
    (short,) = make_stops(accepted, [shape])
    longer = ClockStop(short.started_at, short.ended_at + timedelta(minutes=longer_by))
    assert case_deadline(national, accepted, days, [longer]) >= case_deadline(
        national, accepted, days, [short]
    )


@given(accept_moments, limits, st.lists(stop_shapes, max_size=3))
@settings(max_examples=300)
def test_the_deadline_is_a_counted_working_day_exactly_the_limit_away(accepted, days, shapes):
    stops = make_stops(accepted, shapes)
    deadline = case_deadline(national, accepted, days, stops)
    assert working_days_used(national, accepted, deadline, stops) == days
    if days:
        assert national.is_workday(deadline)
        assert all(
            not national.local_date(s.started_at)
            <= national.local_date(deadline)
            <= national.local_date(s.ended_at)
            for s in stops
        )


share_lists = st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=7).map(
    lambda cuts: [b - a for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), 100], strict=True)]
)


@given(accept_moments, limits, share_lists, st.lists(stop_shapes, max_size=2), st.integers(0, 10))
@settings(max_examples=300)
def test_stage_deadlines_never_go_backwards_and_the_last_is_the_case_deadline(
    accepted, days, shares, shapes, extension
):
    stops = make_stops(accepted, shapes)
    stages = [(f"s{i}", share) for i, share in enumerate(shares)]
    deadlines = [d for _, d in stage_deadlines(national, accepted, days, stages, stops, extension)]
    assert deadlines == sorted(deadlines)
    assert deadlines[-1] == case_deadline(national, accepted, days, stops, extension)


@given(
    accept_moments,
    limits,
    st.integers(min_value=0, max_value=24 * 60 * 40),  # the stop starts this many minutes after acceptance
    st.integers(min_value=0, max_value=24 * 60 * 30),
    st.integers(min_value=0, max_value=24 * 60 * 30),
)
@settings(max_examples=300)
def test_while_the_clock_is_stopped_the_light_and_the_days_left_do_not_change(
    accepted, days, after, wait1, wait2
):
    stopped_at = accepted + timedelta(minutes=after)
    stops = [ClockStop(stopped_at)]
    readings = set()
    for now in (stopped_at, stopped_at + timedelta(minutes=wait1), stopped_at + timedelta(minutes=wait2)):
        deadline = case_deadline(national, accepted, days, stops, now=now)
        readings.add(
            (
                traffic_light(national, now, accepted, deadline, stops),
                working_days_left(national, now, deadline, stops),
                working_days_used(national, accepted, now, stops),
            )
        )
    assert len(readings) == 1
