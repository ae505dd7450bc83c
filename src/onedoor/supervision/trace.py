"""The node trace of a case (节点留痕、过程可溯、责任可追): pure Python over the trail and the clock stops.

Plain values in, plain values out; no models, no database. docs/supervision.md gives the definitions with a
worked example. In short:

Segments
    Each trail entry that changes the status starts a segment in the new status and ends the one before.
    A segment in a stage (undertake, review, approve, complete, deliver, other) is *held*; one in
    `correction` or `suspended` is a *stop* (the clock stands still); an outcome (completed, rejected …)
    ends the trace. Entries that keep the status (extend, a later material, a correction of an error) are
    events of the segment they fall in.

Who held it, where
    The officer who acted at the segment's end (the actor of the entry that left it), with that entry's role,
    centre and window; while the segment is open nobody has acted yet: it waits in the department's queue.
    The department is the case's department: the front desk acts on its behalf.

Time
    `elapsed`: wall-clock time from entering to leaving (or to `now`).
    `working_time`: the part of that time falling on working days of the district's calendar (whole days of
    24 hours in the calendar's zone) and outside every clock stop.
    `days`: counted working days, by the rule of the time limits (cases/deadlines.py): working days d with
    day(entered) < d <= day(left) on which the clock did not stop at any moment. Summed over a case's held
    segments they give the counted working days from acceptance, so they add up against the limit.
    `waiting`: working time from entering the segment until the first action of anyone on the case in it
    (an event such as an extension, or the leaving entry itself).

Delay attribution
    The limit (promised + extension days) is shared among the process's stages: stage i's budget is
    round-half-up(N × cumulative share / 100) minus the same for the stage before, so the budgets add up to N.
    A stage's used days are the days of all its held segments (it is held again after a correction). Its
    overrun is used − budget when positive; it is attributed, segment by segment in order, to whoever held
    the stage when the budget ran out: the days of a segment beyond the budget are that segment's overrun.
    The case's delay is its counted days beyond N; the stages' overruns add up to at least the delay (a stage
    finishing early does not excuse a later one).

Corrections
    An entry of action `correct` names in its payload the sequence number it corrects (`corrects`) and the
    corrected values (`fields`: {field: {"from": …, "to": …}}); the latest correction of a field wins. The
    trace works on the corrected values and keeps the originals for display.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from onedoor.cases import workflow
from onedoor.core.calendar import WorkCalendar

CORRECT = "correct"
# Fields of a trail entry a correction may change, and how the trace reads each (`at` as ISO 8601).
CORRECTABLE = ("actor", "at", "reason", "centre", "window")
HELD, STOP = "held", "stop"


@dataclass(frozen=True, slots=True)
class Step:
    """One trail entry as the trace reads it. `actor` is the label the trail shows (the username or
    `system:<code>`), `actor_id` the staff member's id when there is one; `centre` and `window` are labels."""

    seq: int
    at: datetime
    action: str
    from_status: str
    to_status: str
    actor: str = ""
    actor_id: int | None = None
    role: str = ""
    centre: str = ""
    window: str = ""
    reason: str = ""
    payload: Mapping = field(default_factory=dict)
    centre_id: int | None = None


@dataclass(frozen=True, slots=True)
class Stop:
    kind: str  # correction / suspension
    started_at: datetime
    ended_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """A `correct` entry as applied: which entry, which fields from what to what, by whom and why."""

    seq: int
    corrects: int
    fields: Mapping[str, Mapping[str, object]]
    by: str
    at: datetime
    reason: str


@dataclass(slots=True)
class Segment:
    status: str
    kind: str  # HELD or STOP
    entered_at: datetime
    entered_seq: int
    left_at: datetime | None = None
    left_seq: int | None = None
    held_by: str = ""
    held_by_id: int | None = None
    role: str = ""
    centre: str = ""
    window: str = ""
    centre_id: int | None = None
    elapsed: timedelta = timedelta(0)
    working_time: timedelta = timedelta(0)
    waiting: timedelta = timedelta(0)
    days: int = 0
    overrun_days: int = 0
    events: list[int] = field(default_factory=list)  # seqs of entries within it that kept the status

    @property
    def open(self) -> bool:
        return self.left_at is None


@dataclass(frozen=True, slots=True)
class StageShare:
    stage: str
    share: int
    budget_days: int
    used_days: int
    overrun_days: int


@dataclass(frozen=True, slots=True)
class Trace:
    segments: list[Segment]
    stages: list[StageShare]
    steps: list[Step]  # with corrections applied
    originals: dict[int, Step]  # seq -> the entry as first written, for corrected entries only
    corrections: list[Correction]
    allowed_days: int
    used_days: int
    delay_days: int
    stopped_time: timedelta
    closed: bool

    @property
    def overruns(self) -> list[Segment]:
        return [s for s in self.segments if s.overrun_days]


# --- corrections ---------------------------------------------------------------------------------------


def apply_corrections(steps: Sequence[Step]) -> tuple[list[Step], dict[int, Step], list[Correction]]:
    """The steps with every correction applied (corrections themselves kept in place), the originals of the
    corrected steps, and the corrections in order."""
    by_seq = {s.seq: s for s in steps}
    originals: dict[int, Step] = {}
    corrections: list[Correction] = []
    for step in steps:
        if step.action != CORRECT:
            continue
        target = step.payload.get("corrects")
        changes = {k: v for k, v in (step.payload.get("fields") or {}).items() if k in CORRECTABLE}
        if target not in by_seq or target >= step.seq or by_seq[target].action == CORRECT:
            continue
        corrections.append(Correction(step.seq, target, changes, step.actor, step.at, step.reason))
        originals.setdefault(target, by_seq[target])
        values = {name: change.get("to") for name, change in changes.items()}
        if "at" in values:
            values["at"] = datetime.fromisoformat(str(values["at"]))
        if "actor" in values:
            values["actor_id"] = step.payload.get("actor_id")
        if "centre" in values:
            values["centre_id"] = step.payload.get("centre_id")
        by_seq[target] = replace(by_seq[target], **values)
    return [by_seq[s.seq] for s in steps], originals, corrections


# --- time ----------------------------------------------------------------------------------------------


def stage_budgets(total_days: int, shares: Sequence[int]) -> list[int]:
    """Each stage's own working days out of `total_days`: differences of the rounded cumulative shares."""
    budgets, before, cumulative = [], 0, 0
    for share in shares:
        cumulative += share
        boundary = (total_days * cumulative + 50) // 100  # round half up, as cases/deadlines.py does
        budgets.append(boundary - before)
        before = boundary
    return budgets


class _Clock:
    """Working time and counted days of one case's calendar and stops."""

    def __init__(self, calendar: WorkCalendar, stops: Iterable[Stop], now: datetime) -> None:
        self.calendar, self.now = calendar, now
        self.stretches = sorted((s.started_at, s.ended_at or now) for s in stops if s.started_at <= now)
        stopped: set[int] = set()
        for start, end in self.stretches:
            first, last = calendar.local_date(start).toordinal(), calendar.local_date(end).toordinal()
            stopped.update(o for o in range(first, last + 1) if calendar.is_workday(date.fromordinal(o)))
        self.stopped_workdays = sorted(stopped)

    def days(self, entered: datetime, left: datetime) -> int:
        """Counted working days d, day(entered) < d <= day(left), on which the clock never stopped."""
        first, last = self.calendar.local_date(entered), self.calendar.local_date(left)
        if last <= first:
            return 0
        lo, hi = first.toordinal(), last.toordinal()
        stopped = sum(1 for o in self.stopped_workdays if lo < o <= hi)
        return self.calendar.working_days_between(first, last) - stopped

    def working_time(self, start: datetime, end: datetime, *, count_stops: bool = False) -> timedelta:
        """Time within [start, end) on working days; outside clock stops unless `count_stops`."""
        if end <= start:
            return timedelta(0)
        total = timedelta(0)
        tz = self.calendar.tz
        day = self.calendar.local_date(start)
        while True:
            day_start = datetime.combine(day, time.min, tzinfo=tz)
            if day_start >= end:
                break
            day_end = day_start + timedelta(days=1)  # calendar days of Asia/Shanghai have no DST
            if self.calendar.is_workday(day):
                lo, hi = max(start, day_start), min(end, day_end)
                if hi > lo:
                    total += hi - lo
                    if not count_stops:
                        total -= self._stopped_within(lo, hi)
            day += timedelta(days=1)
        return total

    def _stopped_within(self, lo: datetime, hi: datetime) -> timedelta:
        covered, cursor = timedelta(0), lo
        for start, end in self.stretches:  # sorted; overlapping stretches counted once via the cursor
            a, b = max(start, cursor), min(end, hi)
            if b > a:
                covered += b - a
                cursor = b
        return covered


# --- the trace -----------------------------------------------------------------------------------------


def case_trace(
    *,
    steps: Sequence[Step],
    stops: Iterable[Stop],
    stages: Sequence[tuple[str, int]],
    promised_days: int,
    extension_days: int = 0,
    calendar: WorkCalendar,
    now: datetime,
) -> Trace:
    """The trace of one case from its trail (`steps`, in sequence order) and clock stops."""
    effective, originals, corrections = apply_corrections(sorted(steps, key=lambda s: s.seq))
    stops = list(stops)
    clock = _Clock(calendar, stops, now)
    segments = _segments(effective, clock, now)
    allowed = promised_days + extension_days
    shares = [(code, share) for code, share in stages]
    budgets = stage_budgets(allowed, [share for _c, share in shares]) if shares else []
    stage_rows = []
    for (code, share), budget in zip(shares, budgets, strict=True):
        held = [s for s in segments if s.kind == HELD and s.status == code]
        used = 0
        for segment in held:
            before, used = used, used + segment.days
            segment.overrun_days = max(0, used - max(budget, before))
        stage_rows.append(StageShare(code, share, budget, used, max(0, used - budget)))
    used_days = sum(s.days for s in segments if s.kind == HELD)
    stopped = sum((clock.working_time(s.entered_at, s.left_at or now, count_stops=True)
                   for s in segments if s.kind == STOP), timedelta(0))  # fmt: skip
    closed = any(s.to_status in workflow.OUTCOMES for s in effective if s.action != CORRECT)
    return Trace(
        segments=segments,
        stages=stage_rows,
        steps=effective,
        originals=originals,
        corrections=corrections,
        allowed_days=allowed,
        used_days=used_days,
        delay_days=max(0, used_days - allowed) if shares else 0,
        stopped_time=stopped,
        closed=closed,
    )


def _segments(steps: Sequence[Step], clock: _Clock, now: datetime) -> list[Segment]:
    segments: list[Segment] = []
    current: Segment | None = None
    at = {s.seq: s.at for s in steps}
    for step in steps:
        if step.action == CORRECT:
            continue
        if current is not None and step.to_status == step.from_status:
            current.events.append(step.seq)
            continue
        if current is not None:
            current.left_at, current.left_seq = step.at, step.seq
            current.held_by, current.held_by_id, current.role = step.actor, step.actor_id, step.role
            if step.centre:
                current.centre, current.window, current.centre_id = step.centre, step.window, step.centre_id
            current = None
        if step.to_status in workflow.IN_PROGRESS:
            kind = STOP if step.to_status in workflow.CLOCK_STOPPED else HELD
            # waiting for the second approver is still the approval stage's time, held by that approver
            status = "approve" if step.to_status == workflow.CONFIRM else step.to_status
            current = Segment(status, kind, step.at, step.seq)
            current.centre, current.window, current.centre_id = step.centre, step.window, step.centre_id
            segments.append(current)
    for segment in segments:
        end = segment.left_at or now
        first_action = at[segment.events[0]] if segment.events else end
        # A stop's own time is the clock standing still: measured on working days, stops included.
        stop = segment.kind == STOP
        segment.elapsed = end - segment.entered_at
        segment.working_time = clock.working_time(segment.entered_at, end, count_stops=stop)
        segment.waiting = clock.working_time(segment.entered_at, first_action, count_stops=stop)
        segment.days = 0 if stop else clock.days(segment.entered_at, end)
    return segments
