"""Scores API (tag `supervision`, issue 7 §6, under /api/v1/scores/…; Bearer token): the ranked table of a
unit kind for a period, and one unit's figures for a period with its months. Supervisors and analysts of
the district, as on the pages (selectors.access_scores)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Path, Query, Router, Schema
from pydantic import Field

from onedoor.core.api_schemas import errors
from onedoor.districts.auth import BearerToken
from onedoor.scores import rules, selectors

router = Router(tags=["supervision"], auth=BearerToken())

Kind = Literal["department", "centre", "window", "officer"]
UnitId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class ScoresPeriodIn(Schema):
    start: date | None = None  # default: 1 January of the end's year
    end: date | None = None  # default and latest: today


class ScoreMetricsOut(Schema):
    concluded: int
    on_time_rate: float | None
    instant_share: float | None
    avg_processing_hours: float | None
    avg_processing_days: float | None
    overdue: int
    complaints: int
    replies: int
    reply_on_time_rate: float | None
    reply_quality: float | None
    ratings: int
    rating_average: float | None
    bad_share: float | None
    rectifications_due: int
    rectification_on_time_rate: float | None


class ScoreRowOut(Schema):
    rank: int  # 1 = best; ties share a rank; 0 = no composite (no data in any weighted component)
    unit_id: int
    label: str
    composite: float | None  # 0–100
    metrics: ScoreMetricsOut


class ScoreTableOut(Schema):
    kind: str
    start: date
    end: date
    as_of: datetime | None  # the rollup's last refresh
    weights: dict[str, int]
    rows: list[ScoreRowOut]


class ScoreMonthOut(Schema):
    month: date
    composite: float | None
    metrics: ScoreMetricsOut


class ScoreUnitOut(Schema):
    kind: str
    unit_id: int
    label: str
    start: date
    end: date
    as_of: datetime | None
    weights: dict[str, int]
    composite: float | None
    metrics: ScoreMetricsOut
    months: list[ScoreMonthOut]


def _metrics(m: rules.Metrics) -> dict:
    return {name: getattr(m, name) for name in ScoreMetricsOut.model_fields}


@router.get(
    "/{kind}", response={200: ScoreTableOut, **errors(400, 401, 403, 422)}, summary="Scores of a unit kind"
)
def scores_table(request, kind: Path[Kind], period: Query[ScoresPeriodIn]):
    """Every department, centre, window or officer with data in the period, ranked by the composite score,
    with every metric (docs/scores.md has their definitions)."""
    table = selectors.scores_table(staff=request.auth, kind=kind, start=period.start, end=period.end)
    return {
        "kind": table.kind,
        "start": table.start,
        "end": table.end,
        "as_of": table.refreshed_at,
        "weights": table.weights,
        "rows": [
            {
                "rank": r.rank,
                "unit_id": r.unit_id,
                "label": r.label,
                "composite": r.composite,
                "metrics": _metrics(r.metrics),
            }
            for r in table.rows
        ],
    }


@router.get(
    "/{kind}/{unit_id}",
    response={200: ScoreUnitOut, **errors(400, 401, 403, 404, 422)},
    summary="Scores of one unit for a period",
)
def scores_unit(request, kind: Path[Kind], unit_id: Path[UnitId], period: Query[ScoresPeriodIn]):
    """One unit's metrics and composite for the period, and for each of its months."""
    trend = selectors.scores_trend(
        staff=request.auth, kind=kind, unit_id=unit_id, start=period.start, end=period.end
    )
    return {
        "kind": trend.kind,
        "unit_id": trend.unit_id,
        "label": trend.label,
        "start": trend.start,
        "end": trend.end,
        "as_of": trend.refreshed_at,
        "weights": trend.weights,
        "composite": trend.composite,
        "metrics": _metrics(trend.total),
        "months": [
            {"month": m.month, "composite": m.composite, "metrics": _metrics(m.metrics)} for m in trend.months
        ],
    }
