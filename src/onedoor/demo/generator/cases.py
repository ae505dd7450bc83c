"""Generated case history: N applications over the last two years of the district's working days, taken by
its generalists at its centres and windows and carried on by the departments' officers — every one through
`case_accept` and `case_act`, the services a window and an officer use, run "at" its moment of the past with
the services' clock frozen (`onedoor.core.clock.frozen_at`).

The run is a discrete-event simulation in time order: acceptances of each working day at office hours, and
each open case's next planned action (case_plans) on a heap, so every service call sees the district as it
was at that moment — results issued earlier waive materials later, a revoked promise refuses trust first to
that applicant afterwards. Actions planned after now are not taken: recent cases are still in progress."""

from __future__ import annotations

import heapq
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from itertools import accumulate

from django.db import transaction
from django.utils import timezone

from onedoor.cases.actions import case_act
from onedoor.cases.models import Mode
from onedoor.cases.services import case_accept
from onedoor.core import clock, writebehind
from onedoor.core.errors import DomainError
from onedoor.demo.generator import case_plans as plans
from onedoor.demo.generator import case_world, signing
from onedoor.demo.generator import people as people_gen

YEARS = 2
INSTANT_SHARE = 0.68  # of applications, for instant items (the seed: more than six in ten)
TRUST_FIRST_SHARE = 0.55  # of applications for items that allow it
WITH_GAPS_SHARE = 0.3  # of applications for items that allow it
NEW_PERSON_SHARE = 0.02  # applicants the window registers on the spot
CHANNELS = {"window": 0.86, "online": 0.09, "kiosk": 0.03, "mobile": 0.02}
CHIEF_SHARE = 0.1  # of a department's decisions taken by its chief representative, where it has one
MORNING, AFTERNOON = (9 * 60, 12 * 60), (13 * 60 + 30, 17 * 60 + 30)  # office hours, minutes of the day


@dataclass
class OpenCase:
    number: str
    department_id: int
    desk: case_world.Desk
    accepted_day: date
    deadline: datetime | None
    promised: int
    steps: list  # (moment, Step) still to come, in order


@dataclass
class Tally:
    accepted: int = 0
    actions: int = 0
    instant: int = 0
    modes: Counter = field(default_factory=Counter)
    actions_by_name: Counter = field(default_factory=Counter)
    trust_refused: int = 0
    new_persons: int = 0
    finished_promised: int = 0
    finished_late: int = 0
    days_saved: int = 0


def office_moment(day: date, rng: random.Random, tz) -> datetime:
    minute = rng.randrange((MORNING[1] - MORNING[0]) + (AFTERNOON[1] - AFTERNOON[0]))
    minute += MORNING[0] if minute < MORNING[1] - MORNING[0] else AFTERNOON[0] - (MORNING[1] - MORNING[0])
    moment = datetime.combine(day, clock_time(minute // 60, minute % 60, rng.randrange(60)), tzinfo=tz)
    return moment + timedelta(microseconds=rng.randrange(1_000_000))


def spread(count: int, days: list[date], rng: random.Random) -> list[int]:
    """Applications per working day: Mondays busiest, a slow rise over the years, day-to-day noise; the
    parts add up to `count` exactly (largest remainder)."""
    weekday = (1.2, 1.05, 1.0, 0.95, 0.9, 0.8, 0.8)
    weights = [
        weekday[d.weekday()] * (0.9 + 0.2 * n / max(1, len(days) - 1)) * rng.uniform(0.85, 1.15)
        for n, d in enumerate(days)
    ]
    total = sum(weights)
    exact = [count * w / total for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(days)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in by_remainder[: count - sum(parts)]:
        parts[i] += 1
    return parts


class Simulation:
    def __init__(self, world: case_world.World, rng: random.Random, end: datetime, seed: int = 0) -> None:
        self.world, self.rng, self.end = world, rng, end
        self.calendar, self.tz = world.calendar, world.calendar.tz
        self.cum_weights = list(accumulate(i.weight for i in world.items))
        self.promised_quotas = plans.Quotas(plans.PROMISED_SHARES, rng)
        self.rare_quotas = plans.Quotas(
            {"revoked": plans.REVOKED_SHARE, "missed": plans.GAPS_MISSED_SHARE}, rng
        )
        self.heap: list = []
        self.seq = 0
        self.tally = Tally()
        self.pads = signing.PadSigning(world.district, seed)

    # --- acceptance -------------------------------------------------------------------------------------
    def accept(self, at: datetime) -> None:
        rng, world = self.rng, self.world
        item = rng.choices(world.items, cum_weights=self.cum_weights)[0]
        desk = case_world.pick_desk(world, item, rng)
        staff = rng.choice(desk.staff)
        channel = rng.choices(list(CHANNELS), weights=list(CHANNELS.values()))[0]
        window = rng.choice(desk.windows) if channel == "window" and desk.windows else None
        applicant, name = self._applicant(item)
        mode = Mode.NORMAL
        if item.trust_first and rng.random() < TRUST_FIRST_SHARE:
            mode = Mode.TRUST_FIRST
        elif item.with_gaps and rng.random() < WITH_GAPS_SHARE:
            mode = Mode.WITH_GAPS
        with clock.frozen_at(at):
            try:
                case = self._accept(staff, item, applicant, name, mode, channel, window)
            except DomainError as exc:  # a bad credit record or a past false promise: the normal way
                if exc.code != "trust_refused":
                    raise
                self.tally.trust_refused += 1
                mode = Mode.NORMAL
                case = self._accept(staff, item, applicant, name, mode, channel, window)
        self.tally.accepted += 1
        self.tally.instant += case.instant
        self.tally.modes[mode] += 1
        self._plan(case, item, desk, mode)

    def _accept(self, staff, item, applicant, name, mode, channel, window):
        materials = self._materials(item, mode)
        signature = None
        if mode == Mode.TRUST_FIRST and window is not None and not name:  # at a window, someone known
            signature = self.pads.signature_for(
                staff=staff,
                window=window,
                item=item,
                applicant=applicant,
                materials=materials,
                n=self.tally.accepted,
            )
        return case_accept(
            staff=staff,
            item_code=item.code,
            applicant=applicant,
            applicant_name=name,
            materials=materials,
            mode=mode,
            channel=channel,
            window=window,
            commitment_signed=mode == Mode.TRUST_FIRST and signature is None,  # online, or on paper
            commitment_signature=signature,
        ).case

    def _applicant(self, item) -> tuple[str, str]:
        world, rng = self.world, self.rng
        if item.subject == "enterprise":
            return rng.choice(world.enterprises), ""
        if rng.random() < NEW_PERSON_SHARE or not world.persons:
            row = people_gen.person_rows(rng, 1, world.known)[0]
            world.persons.append(row["id_number"])
            self.tally.new_persons += 1
            return row["id_number"], row["name"]
        return rng.choice(world.persons), ""

    def _materials(self, item, mode: str) -> list[dict]:
        """What the applicant brings: everything, except optional papers now and then, the 'later' ones
        when accepted with gaps, and, under trust first, what the commitment stands in for."""
        given = []
        for m in item.materials:
            if m.necessity == "optional" and self.rng.random() < 0.5:
                continue
            if (m.necessity == "later" and mode == Mode.WITH_GAPS) or (
                mode == Mode.TRUST_FIRST and m.source != "applicant"
            ):
                continue
            given.append(
                {"code": m.code, "received": True, "criteria": {c["id"]: True for c in m.criteria or []}}
            )
        return given

    # --- what comes after --------------------------------------------------------------------------------
    def _plan(self, case, item, desk, mode: str) -> None:
        rng, cal = self.rng, self.calendar
        if case.status == "completed":
            steps = []
            if mode == Mode.TRUST_FIRST:
                days = cal.working_days_between(case.accepted_at, case.post_review_deadline)
                revoked = self.rare_quotas.deal({"revoked"}) == "revoked"
                steps = plans.post_review_steps(revoked, days, rng)
            elif mode == Mode.WITH_GAPS:
                steps = plans.gaps_steps(
                    item, cal.working_days_between(case.accepted_at, case.gaps_deadline), False, rng
                )
        else:
            codes = [code for code, _share in case.stages if code != "accept"]
            scenario = self.promised_quotas.deal(plans.eligible_scenarios(item, codes))
            unmet = self._unmet(case, item) if scenario == "rejection" else None
            if scenario == "rejection" and unmet is None:
                scenario = None
            steps = plans.promised_plan(item, case.stages, scenario, rng, unmet=unmet)
            if mode == Mode.WITH_GAPS:
                missed = self.rare_quotas.deal({"missed"}) == "missed"
                gap_days = cal.working_days_between(case.accepted_at, case.gaps_deadline)
                steps = plans.merge_gaps(steps, plans.gaps_steps(item, gap_days, missed, rng))
        if not steps:
            return
        open_case = OpenCase(
            case.number,
            case.department_id,
            desk,
            cal.local_date(case.accepted_at),
            case.deadline,
            case.promised_days,
            [],
        )
        previous = case.accepted_at
        for step in steps:
            moment = office_moment(cal.add_working_days(open_case.accepted_day, step.day), rng, self.tz)
            if moment <= previous:
                moment = previous + timedelta(minutes=rng.randint(2, 40), seconds=rng.randrange(60))
            open_case.steps.append((moment, step))
            previous = moment
        self._push(open_case)

    @staticmethod
    def _unmet(case, item) -> str | None:
        """A material the window received whose criteria a rejecting approver finds not met."""
        received = {m.code for m in case.materials.all() if m.status == "received"}
        return next((m.code for m in item.materials if m.code in received and m.criteria), None)

    def _push(self, open_case: OpenCase) -> None:
        if open_case.steps:
            self.seq += 1
            heapq.heappush(self.heap, (open_case.steps[0][0], self.seq, open_case))

    # --- officers' actions -------------------------------------------------------------------------------
    def run_until(self, moment: datetime) -> None:
        while self.heap and self.heap[0][0] <= moment:
            at, _seq, open_case = heapq.heappop(self.heap)
            _at, step = open_case.steps.pop(0)
            self._act(open_case, step, at)
            self._push(open_case)

    def _act(self, open_case: OpenCase, step, at: datetime) -> None:
        staff = self._actor(open_case, step.actor)
        with clock.frozen_at(at):
            case = case_act(staff=staff, number=open_case.number, action=step.action, **step.kwargs)
        open_case.deadline = case.deadline
        self.tally.actions += 1
        self.tally.actions_by_name[step.action] += 1
        if case.status == "completed" and step.action in ("complete", "deliver") and case.closed_at:
            used = self.calendar.working_days_between(case.accepted_at, case.closed_at)
            self.tally.finished_promised += 1
            self.tally.days_saved += case.promised_days - used
            self.tally.finished_late += bool(case.deadline and case.closed_at > case.deadline)

    def _actor(self, open_case: OpenCase, role: str):
        if role == "desk":
            return self.rng.choice(open_case.desk.staff)
        chief = self.world.chiefs.get(open_case.department_id)
        if role == "approver" and chief is not None and self.rng.random() < CHIEF_SHARE:
            return chief
        return self.world.officers[open_case.department_id][role]

    def overdue_open(self) -> int:
        return sum(1 for _at, _s, c in self.heap if c.deadline and c.deadline < self.end)


def working_days(calendar, first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if calendar.is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def generate_cases(
    *,
    district,
    count: int,
    seed: int,
    progress: Callable[[str], None],
    every: int = 1000,
    end: datetime | None = None,
) -> dict:
    """Accept `count` cases over the two years before `end` (default: now) and carry them on until `end`."""
    rng = random.Random(f"cases-{seed}")
    with transaction.atomic():
        case_world.ensure_staff(district)
    world = case_world.load(district, rng=rng, instant_share=INSTANT_SHARE)
    end = end or timezone.now()
    sim = Simulation(world, rng, end, seed)
    last = world.calendar.local_date(end) - timedelta(days=1)  # whole days only: up to yesterday
    days = working_days(world.calendar, last - timedelta(days=365 * YEARS - 1), last)
    started, reported = time.monotonic(), 0
    for day, n in zip(days, spread(count, days, rng), strict=True):
        moments = sorted(office_moment(day, rng, sim.tz) for _ in range(n))
        with transaction.atomic(), writebehind.deferred():  # a day's appended rows go in few round trips
            for at in moments:
                sim.run_until(at)
                sim.accept(at)
                if sim.tally.accepted - reported >= every:
                    reported = sim.tally.accepted
                    progress(_progress_line(sim, count, day, time.monotonic() - started))
    with transaction.atomic(), writebehind.deferred():
        sim.run_until(end)
    return _summary(sim, time.monotonic() - started)


def _progress_line(sim: Simulation, count: int, day: date, elapsed: float) -> str:
    done = sim.tally.accepted
    rate = done / elapsed if elapsed else 0.0
    eta = (count - done) / rate if rate else 0.0
    return (
        f"cases {done:,}/{count:,} (accepted up to {day}): {rate:,.0f} cases/s, "
        f"{sim.tally.actions:,} officer actions, about {_duration(eta)} to go"
    )


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _summary(sim: Simulation, elapsed: float) -> dict:
    t = sim.tally
    return {
        "cases": t.accepted,
        "officer actions": t.actions,
        "instant %": round(100 * t.instant / max(1, t.accepted), 1),
        "trust first": t.modes[Mode.TRUST_FIRST],
        "with gaps": t.modes[Mode.WITH_GAPS],
        "trust first refused": t.trust_refused,
        "registered at the window": t.new_persons,
        "corrections": t.actions_by_name["request_correction"],
        "suspensions": t.actions_by_name["suspend"],
        "extensions": t.actions_by_name["extend"],
        "rejections": t.actions_by_name["reject"],
        "withdrawals": t.actions_by_name["withdraw"],
        "revocations": t.actions_by_name["revoke"],
        "stopped for missing materials": t.actions_by_name["stop_for_gaps"],
        "promised finished": t.finished_promised,
        "finished late": t.finished_late,
        "open and overdue": sim.overdue_open(),
        "working days saved per promised case": round(t.days_saved / max(1, t.finished_promised), 1),
        "cases/s": round(t.accepted / elapsed, 1) if elapsed else 0,
    }
