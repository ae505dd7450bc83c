"""Supervision API (tag `supervision`, under /api/v1/supervision/trace/…; Bearer token): a case's trace and
the accountability report for a period, with the same access rules as the pages (access.py)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Query, Router, Schema

from onedoor.core.api_schemas import Text, errors
from onedoor.districts.auth import BearerToken
from onedoor.supervision import accountability, selectors

router = Router(tags=["supervision"], auth=BearerToken())


class SegmentOut(Schema):
    status: str
    kind: str  # held / stop
    entered_at: datetime
    entered_seq: int
    left_at: datetime | None
    left_seq: int | None
    held_by: str  # the officer who acted at its end; empty while open (in the department's queue)
    role: str
    centre: str
    window: str
    elapsed_seconds: int
    working_seconds: int  # on working days, clock stops excluded (a stop's own time: stops included)
    waiting_seconds: int
    days: int  # counted working days (docs/supervision.md)
    budget_days: int | None
    overrun_days: int
    events: list[int]


class StageOverrunOut(Schema):
    stage: str
    share: int
    budget_days: int
    used_days: int
    overrun_days: int


class CorrectionOut(Schema):
    seq: int
    corrects: int
    fields: dict
    by: str
    at: datetime
    reason: str


class TraceOut(Schema):
    number: str
    department: str
    status: str
    accepted_at: datetime
    allowed_days: int
    used_days: int
    delay_days: int
    stopped_seconds: int
    closed: bool
    as_of: datetime
    segments: list[SegmentOut]
    stages: list[StageOverrunOut]
    corrections: list[CorrectionOut]


@router.get("/cases/{number}", response={200: TraceOut, **errors(401, 403, 404)}, summary="A case's trace")
def case_trace(request, number: Text):
    """Stage segments (who held the case, where, for how long, waits, stops), the delay attributed to each
    stage and holder, and the trail's corrections. Supervisors; the case's own department."""
    view = selectors.case_trace_get(staff=request.auth, number=number)
    trace, case = view.trace, view.case
    budgets = {s.stage: s.budget_days for s in trace.stages}
    return {
        "number": case.number,
        "department": case.department.code,
        "status": case.status,
        "accepted_at": case.accepted_at,
        "allowed_days": trace.allowed_days,
        "used_days": trace.used_days,
        "delay_days": trace.delay_days,
        "stopped_seconds": int(trace.stopped_time.total_seconds()),
        "closed": trace.closed,
        "as_of": view.now,
        "segments": [
            {
                **{k: getattr(s, k) for k in ("status", "kind", "entered_at", "entered_seq", "left_at")},
                **{k: getattr(s, k) for k in ("left_seq", "held_by", "role", "centre", "window", "days")},
                "elapsed_seconds": int(s.elapsed.total_seconds()),
                "working_seconds": int(s.working_time.total_seconds()),
                "waiting_seconds": int(s.waiting.total_seconds()),
                "budget_days": budgets.get(s.status) if s.kind == "held" else None,
                "overrun_days": s.overrun_days,
                "events": s.events,
            }
            for s in trace.segments
        ],
        "stages": [_stage(s) for s in trace.stages],
        "corrections": [_correction(c) for c in trace.corrections],
    }


def _stage(s) -> dict:
    return {k: getattr(s, k) for k in ("stage", "share", "budget_days", "used_days", "overrun_days")}


def _correction(c) -> dict:
    return {
        "seq": c.seq,
        "corrects": c.corrects,
        "fields": dict(c.fields),
        "by": c.by,
        "at": c.at,
        "reason": c.reason,
    }


class AccountabilityPeriodIn(Schema):
    start: date
    end: date


class DepartmentRow(Schema):
    department: str
    closed: int
    delayed: int
    delay_days: int
    spans: int
    overruns: int
    overrun_days: int
    corrections: int


class OfficerRow(Schema):
    officer: str  # empty: stages not taken yet
    department: str
    spans: int
    overruns: int
    overrun_days: int


class StageRow(Schema):
    stage: str
    spans: int
    overruns: int
    overrun_days: int
    average_days: float


class Attributed(Schema):
    stage: str
    officer: str
    overrun_days: int


class DelayedCase(Schema):
    number: str
    department: str
    closed_at: datetime
    used_days: int
    allowed_days: int
    delay_days: int
    attributed: list[Attributed]


class ReportOut(Schema):
    start: date
    end: date
    as_of: datetime
    totals: dict[str, int]
    departments: list[DepartmentRow]
    officers: list[OfficerRow]
    stages: list[StageRow]
    delayed: list[DelayedCase]


@router.get(
    "/accountability",
    response={200: ReportOut, **errors(400, 401, 403, 422)},
    summary="Accountability report",
)
def accountability_report(request, period: Query[AccountabilityPeriodIn]):
    """Delayed cases by department and officer with the delay attributed, stage overruns and corrections,
    for cases closed and stages finished between start and end (inclusive). Supervisors: the district;
    a department's approver or chief representative: that department."""
    report = accountability.accountability_report(staff=request.auth, start=period.start, end=period.end)
    return {
        "start": report.start,
        "end": report.end,
        "as_of": report.refreshed_at,
        "totals": report.totals,
        "departments": report.departments,
        "officers": [
            {**r, "officer": r["officer_label"], "overrun_days": r["overrun_days"] or 0}
            for r in report.officers
        ],
        "stages": [
            {**r, "overrun_days": r["overrun_days"] or 0, "average_days": round(r["avg_days"] or 0, 2)}
            for r in report.stages
        ],
        "delayed": [
            {
                "number": r["case__number"],
                "department": r["department"],
                "closed_at": r["closed_at"],
                "used_days": r["used_days"],
                "allowed_days": r["allowed_days"],
                "delay_days": r["delay_days"],
                "attributed": [
                    {"stage": o["stage"], "officer": o["officer_label"], "overrun_days": o["overrun_days"]}
                    for o in r["overruns"]
                ],
            }
            for r in report.delayed
        ],
    }
