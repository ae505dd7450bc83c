"""The accountability report for a period (责任可追): delayed cases by department and officer with the delay
attributed, stage overruns, corrections made, with totals.

Computed with GROUP BY queries over the trace rollup (`rollup.py`), never by loading the period's cases:
  * cases closed in the period (CaseTrace by district and closed_at: an index range) — closed, delayed,
    delay days, per department;
  * stage segments left in the period (StageSpan by district and left_at) — held, overrun, overrun days,
    per department, per officer and per stage; the attributed overruns of the delayed cases listed;
  * stage segments still open and already over their share, as of the refresh (StageSpan with left_at null);
  * corrections made in the period (TrailCorrection by district and at), per department, and the latest.
Cost: one incremental refresh (the cases changed since the last one), then ten aggregate statements
whose work grows with the rows of the period, not with the district's history. Lists stop at LIST_LIMIT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from onedoor.core import clock
from onedoor.core.calendar import SHANGHAI
from onedoor.core.errors import DomainError
from onedoor.districts.models import Department
from onedoor.districts.selectors import access_staff_district
from onedoor.supervision import access
from onedoor.supervision.models import CaseTrace, StageSpan, TraceWatermark, TrailCorrection
from onedoor.supervision.rollup import trace_refresh

LIST_LIMIT = 100
PERIOD_MAX_DAYS = 366 * 3
YEARS = (2000, 2100)  # cases exist in this range; outside it a date is a typing error (or a fuzzer)


@dataclass
class Report:
    start: date
    end: date
    refreshed_at: datetime
    departments: list[dict]
    officers: list[dict]
    stages: list[dict]
    delayed: list[dict]  # the most delayed cases closed in the period, with their overruns
    open_overruns: list[dict]
    corrections: list[dict]
    totals: dict = field(default_factory=dict)


def period(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in the district's zone."""
    if end < start:
        raise DomainError("bad_period", _("The period ends before it starts."))
    if start.year < YEARS[0] or end.year > YEARS[1]:
        raise DomainError("bad_period", _("Ask for a period between 2000 and 2100."))
    if (end - start).days > PERIOD_MAX_DAYS:
        raise DomainError("period_too_long", _("Ask for at most three years at a time."))
    return (
        datetime.combine(start, time.min, tzinfo=SHANGHAI),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=SHANGHAI),
    )


def accountability_report(*, staff, start: date, end: date, now: datetime | None = None) -> Report:
    district = access_staff_district(staff)
    departments = access.access_report(staff)
    low, high = period(start, end)
    now = now or clock.now()
    trace_refresh(district=district, now=now)

    def scoped(rows):
        rows = rows.filter(district=district)
        return rows if departments is None else rows.filter(department_id__in=departments)

    closed = scoped(CaseTrace.objects).filter(closed_at__gte=low, closed_at__lt=high)
    spans = scoped(StageSpan.objects).filter(left_at__gte=low, left_at__lt=high)
    corrections = scoped(TrailCorrection.objects).filter(at__gte=low, at__lt=high)
    names = dict(Department.objects.filter(district=district).values_list("id", "name"))
    overrun = Q(overrun_days__gt=0)

    by_department: dict[int, dict] = {}

    def row(department_id):
        return by_department.setdefault(
            department_id,
            {
                "department_id": department_id,
                "department": names.get(department_id, ""),
                "closed": 0,
                "delayed": 0,
                "delay_days": 0,
                "spans": 0,
                "overruns": 0,
                "overrun_days": 0,
                "corrections": 0,
            },
        )

    for r in closed.values("department_id").annotate(
        closed=Count("id"), delayed=Count("id", filter=Q(delay_days__gt=0)), delay_days=Sum("delay_days")
    ):
        row(r["department_id"]).update(
            closed=r["closed"], delayed=r["delayed"], delay_days=r["delay_days"] or 0
        )
    for r in spans.values("department_id").annotate(
        spans=Count("id"), overruns=Count("id", filter=overrun), overrun_days=Sum("overrun_days")
    ):
        row(r["department_id"]).update(
            spans=r["spans"], overruns=r["overruns"], overrun_days=r["overrun_days"] or 0
        )
    for r in corrections.values("department_id").annotate(n=Count("id")):
        row(r["department_id"])["corrections"] = r["n"]
    department_rows = sorted(by_department.values(), key=lambda r: (-r["delay_days"], -r["overrun_days"]))

    officers = list(
        spans.values("officer_id", "officer_label", "department_id")
        .annotate(
            spans=Count("id"),
            overruns=Count("id", filter=overrun),
            overrun_days=Sum("overrun_days"),
            avg_days=Avg("days"),
        )
        .order_by("-overrun_days", "officer_label")
    )
    for r in officers:
        r["department"] = names.get(r["department_id"], "")
    stages = list(
        spans.values("stage")
        .annotate(
            spans=Count("id"),
            overruns=Count("id", filter=overrun),
            overrun_days=Sum("overrun_days"),
            avg_days=Avg("days"),
            avg_waiting=Avg("waiting_seconds"),
        )
        .order_by("stage")
    )
    delayed = _delayed(closed, scoped, names)
    open_overruns = [
        {**r, "department": names.get(r["department_id"], "")}
        for r in scoped(StageSpan.objects)
        .filter(left_at__isnull=True, overrun_days__gt=0)
        .values("case__number", "stage", "department_id", "entered_at", "days", "budget_days", "overrun_days")
        .order_by("-overrun_days", "entered_at")[:LIST_LIMIT]
    ]
    correction_rows = [
        {**r, "department": names.get(r["department_id"], "")}
        for r in corrections.values(
            "case__number", "corrected_seq", "entry_seq", "at", "corrected_by__username", "department_id",
            "fields", "reason",
        ).order_by("-at")[:LIST_LIMIT]
    ]  # fmt: skip
    totals = {
        key: sum(r[key] for r in department_rows)
        for key in ("closed", "delayed", "delay_days", "spans", "overruns", "overrun_days", "corrections")
    }
    mark = TraceWatermark.objects.filter(district=district).values_list("refreshed_at", flat=True).first()
    return Report(
        start=start,
        end=end,
        refreshed_at=mark or now,
        departments=department_rows,
        officers=officers,
        stages=stages,
        delayed=delayed,
        open_overruns=open_overruns,
        corrections=correction_rows,
        totals=totals,
    )


def _delayed(closed, scoped, names) -> list[dict]:
    cases = list(
        closed.filter(delay_days__gt=0)
        .values(
            "case_id", "case__number", "department_id", "closed_at", "used_days", "allowed_days", "delay_days"
        )
        .order_by("-delay_days", "-closed_at")[:LIST_LIMIT]
    )
    ids = [c["case_id"] for c in cases]
    attributed: dict[int, list[dict]] = {}
    for span in (
        scoped(StageSpan.objects)
        .filter(case_id__in=ids, overrun_days__gt=0)
        .values("case_id", "stage", "officer_label", "overrun_days")
        .order_by("case_id", "entered_at")
    ):
        attributed.setdefault(span["case_id"], []).append(span)
    return [
        {**c, "department": names.get(c["department_id"], ""), "overruns": attributed.get(c["case_id"], [])}
        for c in cases
    ]
