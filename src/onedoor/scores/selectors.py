"""Reads of the scores, scoped to the caller's district and role: the ranked table of one unit kind for a
period, one unit's trend by month, and the district's weights. Every figure is a SUM over the daily rollup
(UnitDay) — a year of a district is at most 366 rows per unit, never a scan of cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from onedoor.core import clock
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.districts.models import Centre, Department, Role, Staff, Window
from onedoor.districts.selectors import access_staff_district
from onedoor.scores import rules
from onedoor.scores.models import ScoresWatermark, ScoreWeights, UnitDay

VIEWER_ROLES = (Role.SUPERVISOR, Role.ANALYST)
LONGEST = 3 * 366  # days in one request: a period longer than three years is refused


def access_scores(staff):
    """Supervisors (监督) and analysts (分析) of a district see its scores; nobody else does."""
    district = access_staff_district(staff)
    if not any(staff.has_role(role) for role in VIEWER_ROLES):
        raise Forbidden("scores_not_allowed", _("Only supervisors and analysts see the scores."))
    return district


def weights_of(district) -> dict[str, int]:
    row = ScoreWeights.objects.filter(district=district).first()
    return row.as_dict() if row else dict(rules.DEFAULT_WEIGHTS)


def period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period asked for, defaulting to this year so far; the end is never after today (rectifications
    count on the day they fall due, so a future day would count some not yet due)."""
    today = clock.localdate()
    end = min(end or today, today)
    start = start or end.replace(month=1, day=1)
    if start > end:
        raise DomainError("bad_period", _("The period starts after it ends."))
    if (end - start).days >= LONGEST:
        raise DomainError("period_too_long", _("Ask for at most three years at a time."))
    return start, end


def _kind(kind: str) -> str:
    if kind not in rules.KINDS:
        raise DomainError("bad_unit_kind", _("Unknown unit kind."), kind=kind)
    return kind


def labels(district, kind: str, ids) -> dict[int, str]:
    """Display names of the units (a window with its centre, an officer by display name or login)."""
    ids = list(ids)
    if kind == rules.DEPARTMENT:
        return dict(Department.objects.filter(district=district, id__in=ids).values_list("id", "name"))
    if kind == rules.CENTRE:
        return dict(Centre.objects.filter(district=district, id__in=ids).values_list("id", "name"))
    if kind == rules.WINDOW:
        rows = Window.objects.filter(district=district, id__in=ids).values_list(
            "id", "centre__name", "number"
        )
        return {pk: f"{centre} · {number}" for pk, centre, number in rows}
    rows = Staff.objects.filter(district=district, id__in=ids).values_list("id", "display_name", "username")
    return {pk: display or username for pk, display, username in rows}


@dataclass(frozen=True)
class Row:
    rank: int
    unit_id: int
    label: str
    metrics: rules.Metrics
    composite: float | None


@dataclass(frozen=True)
class Table:
    kind: str
    start: date
    end: date
    weights: dict[str, int]
    rows: list[Row]
    refreshed_at: datetime | None


SUMS = {f"s_{c}": Sum(c) for c in rules.COUNTERS}


def _totals(row: dict) -> dict[str, int]:
    return {c: row[f"s_{c}"] or 0 for c in rules.COUNTERS}


def scores_table(*, staff, kind: str, start: date | None = None, end: date | None = None) -> Table:
    """Every unit of one kind with data in the period, ranked by the composite."""
    district = access_scores(staff)
    kind = _kind(kind)
    start, end = period(start, end)
    sums = (
        UnitDay.objects.filter(district=district, kind=kind, day__gte=start, day__lte=end)
        .values("unit_id")
        .order_by()
        .annotate(**SUMS)
    )
    summed = [(row["unit_id"], rules.metrics(_totals(row))) for row in sums]
    weights = weights_of(district)
    ranked = rules.rank(summed, weights)
    names = labels(district, kind, [r.unit_id for r in ranked])
    rows = [
        Row(r.rank, r.unit_id, names.get(r.unit_id, str(r.unit_id)), r.metrics, r.composite) for r in ranked
    ]
    return Table(kind, start, end, weights, rows, refreshed_at(district))


def refreshed_at(district) -> datetime | None:
    return ScoresWatermark.objects.filter(district=district).values_list("refreshed_at", flat=True).first()


@dataclass(frozen=True)
class Month:
    month: date  # the first day of the month
    metrics: rules.Metrics
    composite: float | None


@dataclass(frozen=True)
class Trend:
    kind: str
    unit_id: int
    label: str
    start: date
    end: date
    months: list[Month]
    total: rules.Metrics  # the whole period
    composite: float | None
    weights: dict[str, int]
    refreshed_at: datetime | None


def scores_trend(
    *, staff, kind: str, unit_id: int, start: date | None = None, end: date | None = None
) -> Trend:
    """One unit's metrics and composite for each month of the period (months without data included)."""
    district = access_scores(staff)
    kind = _kind(kind)
    start, end = period(start, end)
    name = labels(district, kind, [unit_id]).get(unit_id)
    if name is None:
        raise NotFound("unit_not_found", _("No such unit in this district."))
    by_month: dict[date, dict[str, int]] = {}
    rows = UnitDay.objects.filter(
        district=district, kind=kind, unit_id=unit_id, day__gte=start, day__lte=end
    ).values_list("day", *rules.COUNTERS)
    for day, *counters in rows:
        month = by_month.setdefault(day.replace(day=1), dict.fromkeys(rules.COUNTERS, 0))
        for counter, value in zip(rules.COUNTERS, counters, strict=True):
            month[counter] += value
    weights = weights_of(district)
    whole = {c: sum(m[c] for m in by_month.values()) for c in rules.COUNTERS}
    total = rules.metrics(whole)
    months = []
    cursor = start.replace(day=1)
    while cursor <= end:
        m = rules.metrics(by_month.get(cursor, {}))
        months.append(Month(cursor, m, rules.composite(m, weights)))
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return Trend(
        kind,
        unit_id,
        name,
        start,
        end,
        months,
        total,
        rules.composite(total, weights),
        weights,
        refreshed_at(district),
    )
