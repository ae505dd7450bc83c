"""Time limits of a case (办理时限): deadlines, clock stops, stage shares, the traffic light, extensions.

Pure Python over `core.calendar.WorkCalendar`: plain values in, plain values out; no models, no database.
docs/time-limits.md explains every rule with worked examples. In short:

Counting
    A limit of N working days runs from the working day after the day of acceptance (the calendar's rule)
    and ends at the end of the N-th *counted* working day. 0 days (即办件) ends with the acceptance day,
    and clock stops do not move it.

Clock stops (补正 correction; 特别程序 suspension for a hearing, testing, expert review)
    A working day on which the clock was stopped at any moment is not counted: the stop's first day, its
    last day and every working day between. Stops that overlap or share a day count each day once. The
    acceptance day is never counted anyway, so a stop within it costs nothing; rest days cost nothing. A
    stop starting after the deadline has passed does not move it. An open stop counts up to `now`, so the
    deadline shown while the clock is stopped is "if it restarted today" and moves a day per stopped
    working day.

Stages
    Stage i is due when the cumulative share of the limit up to and including it has run:
    round-half-up(N x cumulative % / 100) counted days. A stage left with 0 whole days shares the next
    stage's deadline; the last stage always ends on the case deadline.

Traffic light
    red once the deadline has passed; yellow when at most 1 working day is left or at least 80 % of the
    counted working days are used; green otherwise. While the clock is stopped the light, the days used
    and the days left are frozen at their values at the moment the clock stopped (that day already counted
    as stopped, so stopping can turn yellow into green, never the reverse).

Extensions
    promised + extensions <= legal limit; none when the legal limit is 0.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from onedoor.core.calendar import WorkCalendar

YELLOW_USED_PERCENT = 80  # yellow at or above this share of the counted working days used
YELLOW_DAYS_LEFT = 1  # yellow when this many working days or fewer are left


class Light(enum.StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class ExtensionReason(enum.StrEnum):
    ALLOWED = "allowed"
    NOTHING_REQUESTED = "nothing_requested"  # 0 or fewer days asked for
    NO_LEGAL_LIMIT = "no_legal_limit"  # legal limit 0: decided on the spot, or no limit recorded
    BEYOND_LEGAL_LIMIT = "beyond_legal_limit"  # promised + extensions would exceed the legal limit


@dataclass(frozen=True, slots=True)
class ClockStop:
    """A stretch during which the clock was stopped; `ended_at` is None while it lasts. Corrections and
    suspensions count alike, so the kind and reason stay with the caller."""

    started_at: datetime
    ended_at: datetime | None = None

    def __post_init__(self) -> None:
        _require_aware(self.started_at)
        if self.ended_at is not None:
            _require_aware(self.ended_at)
            if self.ended_at < self.started_at:
                raise ValueError("a clock stop cannot end before it starts")


@dataclass(frozen=True, slots=True)
class ExtensionCheck:
    """The answer to "may this case be extended by n days?"; true when it may."""

    allowed: bool
    reason: ExtensionReason
    available: int  # working days still available under the legal limit

    def __bool__(self) -> bool:
        return self.allowed


# --- public rules --------------------------------------------------------------------------------------


def case_deadline(
    calendar: WorkCalendar,
    accepted_at: datetime,
    promised_days: int,
    stops: Iterable[ClockStop] = (),
    extension_days: int = 0,
    *,
    now: datetime | None = None,
) -> datetime:
    """The end of the case's last counted working day, in `accepted_at`'s time zone.

    `now` is required when a stop is still open (it then counts up to now); stops starting after `now` are
    ignored and stops ending after it are cut there, so the answer is the deadline as known at `now`."""
    _require_aware(accepted_at)
    days = _require_days(promised_days, "promised_days") + _require_days(extension_days, "extension_days")
    stopped = _StoppedDays(calendar, stops, now)
    return _deadline(calendar, accepted_at, days, stopped)


def stage_days(total_days: int, shares: Sequence[int]) -> list[int]:
    """Counted working days from acceptance to each stage's deadline (see the module docstring)."""
    _require_days(total_days, "total_days")
    if not shares:
        raise ValueError("a process has at least one stage")
    if any(isinstance(s, bool) or not isinstance(s, int) or s < 0 for s in shares):
        raise ValueError("stage shares are whole percentages >= 0")
    if sum(shares) != 100:
        raise ValueError(f"stage shares add up to {sum(shares)} %, not 100 %")
    boundaries, cumulative = [], 0
    for share in shares:
        cumulative += share
        boundaries.append((total_days * cumulative + 50) // 100)  # round half up, in integers
    due = boundaries[:]
    for i in range(len(due) - 2, -1, -1):
        previous = boundaries[i - 1] if i else 0
        if boundaries[i] == previous:  # no whole day of its own: due with the next stage
            due[i] = due[i + 1]
    return due


def stage_deadlines(
    calendar: WorkCalendar,
    accepted_at: datetime,
    promised_days: int,
    stages: Sequence[tuple[str, int]],
    stops: Iterable[ClockStop] = (),
    extension_days: int = 0,
    *,
    now: datetime | None = None,
) -> list[tuple[str, datetime]]:
    """Each stage's (code, deadline), from its share of promised + extension days; clock stops push every
    stage due after them. The last deadline equals `case_deadline` for the same arguments."""
    _require_aware(accepted_at)
    total = _require_days(promised_days, "promised_days") + _require_days(extension_days, "extension_days")
    days = stage_days(total, [share for _, share in stages])
    stopped = _StoppedDays(calendar, stops, now)
    return [
        (code, _deadline(calendar, accepted_at, n, stopped))
        for (code, _), n in zip(stages, days, strict=True)
    ]


def current_stage_deadline(
    calendar: WorkCalendar,
    accepted_at: datetime,
    promised_days: int,
    stages: Sequence[tuple[str, int]],
    stage: str,
    stops: Iterable[ClockStop] = (),
    extension_days: int = 0,
    *,
    now: datetime | None = None,
) -> datetime | None:
    """The deadline of `stage` (the stage a case is in, or resumes to after a stop): its entry in
    `stage_deadlines`; None when the process has no such stage."""
    for code, due in stage_deadlines(
        calendar, accepted_at, promised_days, stages, stops, extension_days, now=now
    ):
        if code == stage:
            return due
    return None


def stage_light(
    calendar: WorkCalendar, now: datetime, deadline: datetime, stops: Iterable[ClockStop] = ()
) -> Light:
    """The light of the stage a case is in: red once its deadline has passed, yellow when at most 1 working day
    of it is left, green otherwise (a stage's start is not kept, so the case's "80 % used" rule has no stage
    counterpart). Frozen while the clock is stopped, as the case's light is."""
    left = working_days_left(calendar, now, deadline, stops)
    return Light.RED if left < 0 else Light.YELLOW if left <= 1 else Light.GREEN


def traffic_light(
    calendar: WorkCalendar,
    now: datetime,
    started_at: datetime,
    deadline: datetime,
    stops: Iterable[ClockStop] = (),
) -> Light:
    """green / yellow / red for a case (started_at = acceptance) or a stage (started_at = its start).

    Pass a deadline computed with the same stops and `now`. While the clock is stopped the light is
    evaluated at the moment it stopped, so it stays as it was then."""
    _require_aware(now)
    stopped = _StoppedDays(calendar, stops, now)
    moment = stopped.open_since or now
    if moment > deadline:
        return Light.RED
    day = calendar.local_date(moment)
    used = stopped.counted(calendar.local_date(started_at), day)
    left = stopped.counted(day, calendar.local_date(deadline))
    total = used + left
    if left <= YELLOW_DAYS_LEFT or (total and used * 100 >= YELLOW_USED_PERCENT * total):
        return Light.YELLOW
    return Light.GREEN


def working_days_used(
    calendar: WorkCalendar, started_at: datetime, now: datetime, stops: Iterable[ClockStop] = ()
) -> int:
    """Counted working days from the day after `started_at` up to and including today (0 on the day of
    acceptance). Days on which the clock was stopped are not counted, so it does not grow while stopped
    (it is taken at the moment the clock stopped)."""
    _require_aware(now)
    stopped = _StoppedDays(calendar, stops, now)
    moment = stopped.open_since or now
    return stopped.counted(calendar.local_date(started_at), calendar.local_date(moment))


def working_days_left(
    calendar: WorkCalendar, now: datetime, deadline: datetime, stops: Iterable[ClockStop] = ()
) -> int:
    """Counted working days after today up to the due day: 2 = "2 working days left", 0 = "due today".

    Negative once overdue: -n = "overdue by n working days", counting the working days after the due day
    up to today on which the clock ran; at least -1, so a rest day right after the due day does not read
    as "due today". While the clock is stopped the count is taken at the moment it stopped, so it stays
    put (as the light does). Pass a deadline computed with the same stops and `now`."""
    _require_aware(now)
    stopped = _StoppedDays(calendar, stops, now)
    moment = stopped.open_since or now  # frozen while the clock is stopped, as the light is
    today, due = calendar.local_date(moment), calendar.local_date(deadline)
    if moment <= deadline:
        return stopped.counted(today, due)
    return -max(1, stopped.counted(due, today))


def stopped_working_days(
    calendar: WorkCalendar, started_at: datetime, now: datetime, stops: Iterable[ClockStop] = ()
) -> int:
    """Working days after `started_at` up to today that were not counted because the clock was stopped."""
    _require_aware(now)
    stopped = _StoppedDays(calendar, stops, now)
    first, last = calendar.local_date(started_at), calendar.local_date(now)
    return max(0, calendar.working_days_between(first, last)) - stopped.counted(first, last)


def clock_stopped_since(stops: Iterable[ClockStop], now: datetime) -> datetime | None:
    """When the clock stopped, if it is stopped at `now` (overlapping stops form one stretch)."""
    _require_aware(now)
    return _stretches(stops, now)[1]


def extension_allowed(
    promised_days: int, legal_days: int, already_extended: int, requested: int
) -> ExtensionCheck:
    """May the case be extended by `requested` working days?

    Administrative Licensing Law art. 42: a decision within 20 days of acceptance, extendable by 10 with the
    approval of the head of the organ (45 + 15 for joint or centralized handling). Our rule is stricter: the
    promised limit plus every extension stays within the item's legal limit, so an extension never breaks
    the law's limit as recorded in the catalog; with a legal limit of 0 there is nothing to extend."""
    for value, name in ((promised_days, "promised_days"), (legal_days, "legal_days")):
        _require_days(value, name)
    _require_days(already_extended, "already_extended")
    available = max(0, legal_days - promised_days - already_extended)
    if legal_days == 0:
        return ExtensionCheck(False, ExtensionReason.NO_LEGAL_LIMIT, 0)
    if isinstance(requested, bool) or not isinstance(requested, int) or requested <= 0:
        return ExtensionCheck(False, ExtensionReason.NOTHING_REQUESTED, available)
    if requested > available:
        return ExtensionCheck(False, ExtensionReason.BEYOND_LEGAL_LIMIT, available)
    return ExtensionCheck(True, ExtensionReason.ALLOWED, available)


def gaps_deadline(
    calendar: WorkCalendar, accepted_at: datetime, requested_days: int, promised_days: int
) -> datetime:
    """When the materials of a 容缺受理 case must be supplied: `requested_days` working days after
    acceptance, capped at the promised limit (the notice's deadline may not be later than it)."""
    _require_aware(accepted_at)
    days = min(_require_days(requested_days, "requested_days"), _require_days(promised_days, "promised_days"))
    return calendar.add_working_days(accepted_at, days)


# --- counting around stops -------------------------------------------------------------------------------


class _StoppedDays:
    """The days on which the clock was stopped, as known at `now`: merged inclusive spans of ordinals."""

    def __init__(self, calendar: WorkCalendar, stops: Iterable[ClockStop], now: datetime | None) -> None:
        self.calendar = calendar
        self.stretches, self.open_since = _stretches(stops, now)
        spans: list[tuple[int, int]] = []
        for start, end in self.stretches:
            first = calendar.local_date(start).toordinal()
            last = calendar.local_date(end).toordinal()
            if spans and first <= spans[-1][1] + 1:
                spans[-1] = (spans[-1][0], max(spans[-1][1], last))
            else:
                spans.append((first, last))
        self.spans = spans

    def counted(self, first: date, last: date) -> int:
        """Counted working days d with first < d <= last; 0 when last is not after first."""
        if last <= first:
            return 0
        total = self.calendar.working_days_between(first, last)
        for a, b in self.spans:
            lo, hi = max(a, first.toordinal() + 1), min(b, last.toordinal())
            if lo <= hi:
                total -= self.calendar.working_days_between(date.fromordinal(lo - 1), date.fromordinal(hi))
        return total

    def nth_counted_after(self, day: date, n: int) -> date:
        """The n-th counted working day after `day` (the day itself for n = 0)."""
        cursor = day
        for a, b in self.spans:
            if b <= cursor.toordinal():
                continue
            first = max(a, cursor.toordinal() + 1)
            before = self.calendar.working_days_between(cursor, date.fromordinal(first - 1))
            if n <= before:
                break
            n -= before
            cursor = date.fromordinal(b)
        return self.calendar.add_working_days(cursor, n)


def _stretches(
    stops: Iterable[ClockStop], now: datetime | None
) -> tuple[list[tuple[datetime, datetime]], datetime | None]:
    """Merged (start, end) stretches of stopped clock as known at `now`, and the start of the stretch still
    open at `now` (None when the clock runs)."""
    items: list[tuple[datetime, datetime, bool]] = []
    for stop in stops:
        end, is_open = stop.ended_at, False
        if now is not None:
            if stop.started_at > now:
                continue
            if end is None or end > now:
                end, is_open = now, True
        elif end is None:
            raise ValueError("a clock stop is still open: pass now")
        items.append((stop.started_at, end, is_open))
    items.sort(key=lambda item: (item[0], item[1]))
    merged: list[list] = []  # [start, end, is_open]
    for start, end, is_open in items:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] = merged[-1][2] or is_open
        else:
            merged.append([start, end, is_open])
    open_since = next((start for start, _, is_open in merged if is_open), None)
    return [(start, end) for start, end, _ in merged], open_since


def _deadline(calendar: WorkCalendar, accepted_at: datetime, days: int, stopped: _StoppedDays) -> datetime:
    due = stopped.nth_counted_after(calendar.local_date(accepted_at), days)
    return _end_of_day(due, calendar.tz, accepted_at.tzinfo)


def _end_of_day(day: date, calendar_tz: tzinfo, out_tz: tzinfo | None) -> datetime:
    # as WorkCalendar.add_working_days does: the last microsecond of the day in the calendar's zone
    return datetime.combine(day, time.max, tzinfo=calendar_tz).astimezone(out_tz)


def _require_aware(moment: datetime) -> None:
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("deadlines need aware datetimes: a naive one has no calendar day")


def _require_days(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} is a whole number of working days >= 0")
    return value
