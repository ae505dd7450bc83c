"""Scores pages under /staff/scores/: the ranked table of one unit kind for a period (HTML and XLSX) and one
unit's trend by month (an ECharts chart over the same figures as a table). Thin: reads in selectors.py."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.scores import rules, selectors
from onedoor.scores.columns import COLUMNS, KIND_LABELS, SCORE, UNIT_HEADINGS, shown
from onedoor.scores.export import table_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _period(request) -> tuple[date | None, date | None]:
    return _day(request.GET.get("from", "")), _day(request.GET.get("to", ""))


def _kind(request) -> str:
    kind = request.GET.get("unit", rules.DEPARTMENT)
    return kind if kind in rules.KINDS else rules.DEPARTMENT


@login_required
@require_GET
def table_page(request):
    kind = _kind(request)
    start, end = _period(request)
    try:
        table = selectors.scores_table(staff=request.user, kind=kind, start=start, end=end)
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None
    except DomainError as exc:
        context = {
            "error": exc.message,
            "kind": kind,
            "kinds": KIND_LABELS.items(),
            "start": start,
            "end": end,
        }
        return render(request, "scores/table.html", context, status=400)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(table_xlsx(table), content_type=XLSX)
        name = f"scores-{kind}-{table.start:%Y%m%d}-{table.end:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    rows = [
        {
            "row": row,
            "composite": shown(row.composite, SCORE),
            "cells": [(heading, shown(getattr(row.metrics, attr), k)) for attr, heading, k in COLUMNS],
        }
        for row in table.rows
    ]
    context = {
        "table": table,
        "kind": kind,
        "kinds": KIND_LABELS.items(),
        "unit_heading": UNIT_HEADINGS[kind],
        "headings": [heading for _a, heading, _k in COLUMNS],
        "rows": rows,
        "start": table.start,
        "end": table.end,
        "weights": [(rules.COMPONENT_LABELS[c], table.weights[c]) for c in rules.COMPONENTS],
    }
    return render(request, "scores/table.html", context)


@login_required
@require_GET
def trend_page(request, kind: str, unit_id: int):
    if kind not in rules.KINDS:
        raise Http404
    start, end = _period(request)
    try:
        trend = selectors.scores_trend(staff=request.user, kind=kind, unit_id=unit_id, start=start, end=end)
    except NotFound:
        raise Http404 from None
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None
    except DomainError as exc:
        return render(request, "scores/trend.html", {"error": exc.message, "kind": kind}, status=400)
    series = {
        "months": [f"{m.month:%Y-%m}" for m in trend.months],
        "composite": [_round(m.composite) for m in trend.months],
        "on_time": [_round(_pct(m.metrics.on_time_rate)) for m in trend.months],
        "instant": [_round(_pct(m.metrics.instant_share)) for m in trend.months],
        "not_bad": [
            _round(_pct(1 - m.metrics.bad_share if m.metrics.bad_share is not None else None))
            for m in trend.months
        ],
        "reply_on_time": [_round(_pct(m.metrics.reply_on_time_rate)) for m in trend.months],
        "labels": {
            "composite": str(_("Composite score")),
            "on_time": str(COLUMNS[1][1]),
            "instant": str(COLUMNS[2][1]),
            "not_bad": str(rules.COMPONENT_LABELS["not_bad"]),
            "reply_on_time": str(COLUMNS[8][1]),
        },
    }
    months = [
        {
            "month": m.month,
            "composite": shown(m.composite, SCORE),
            "cells": [(heading, shown(getattr(m.metrics, attr), k)) for attr, heading, k in COLUMNS],
        }
        for m in trend.months
    ]
    context = {
        "trend": trend,
        "kind": kind,
        "unit_heading": UNIT_HEADINGS[kind],
        "headings": [heading for _a, heading, _k in COLUMNS],
        "months": months,
        "series": series,
    }
    return render(request, "scores/trend.html", context)


def _pct(value):
    return value * 100 if value is not None else None


def _round(value):
    return round(value, 1) if value is not None else None
