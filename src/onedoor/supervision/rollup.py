"""The trace rollup: each case's held segments and figures as `trace.py` computes them, kept in
`CaseTrace` and `StageSpan` so the accountability report is a few GROUP BY queries over a period.

Refreshing is incremental: the cases with trail entries newer than the district's watermark (the last
entry id taken in; corrections are trail entries too), and the open cases last computed before today (their
days grow by the calendar, not by entries). Each case is recomputed whole from its trail and clock stops,
in batches of BATCH cases with seven statements each (three reads, two deletes, two bulk inserts). A page
or API call refreshes before reading, so the report is as of the request; `onedoor supervision refresh`
does the same for every district (from cron, and once after a bulk import: the first fill)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Max

from onedoor.cases.models import Case, ClockStop, TrailEntry
from onedoor.core import clock
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Centre, Window
from onedoor.supervision.models import CaseTrace, StageSpan, TraceWatermark
from onedoor.supervision.trace import HELD, Step, Stop, case_trace

BATCH = 500
CASE_FIELDS = (
    "id",
    "department_id",
    "accepted_at",
    "closed_at",
    "status",
    "stages",
    "promised_days",
    "extension_days",
)
ENTRY_FIELDS = (
    "case_id",
    "seq",
    "at",
    "action",
    "from_status",
    "to_status",
    "actor_label",
    "actor_id",
    "role",
    "centre_id",
    "window_id",
    "reason",
    "payload",
)


def trace_refresh(*, district, now: datetime | None = None) -> int:
    """Bring the district's rollup up to date; returns how many cases were recomputed."""
    now = now or clock.now()
    calendar = calendar_for(district)
    today = calendar.local_date(now)
    with transaction.atomic():
        TraceWatermark.objects.get_or_create(district=district)
        mark = TraceWatermark.objects.select_for_update().get(district=district)  # one refresh at a time
        top = TrailEntry.objects.filter(district=district).aggregate(top=Max("id"))["top"] or 0
        changed = set(
            TrailEntry.objects.filter(district=district, id__gt=mark.last_entry_id, id__lte=top)
            .values_list("case_id", flat=True)
            .distinct()
        )
        stale = CaseTrace.objects.filter(district=district, closed_at__isnull=True, computed_on__lt=today)
        ids = sorted(changed | set(stale.values_list("case_id", flat=True)))
        names = _Names(district)
        for start in range(0, len(ids), BATCH):
            _recompute(district, ids[start : start + BATCH], calendar, now, today, names)
        mark.last_entry_id, mark.refreshed_at = top, now
        mark.save(update_fields=["last_entry_id", "refreshed_at"])
    return len(ids)


class _Names:
    """Centre names and window numbers of the district, read once per refresh instead of joined per entry."""

    def __init__(self, district) -> None:
        self.centres = dict(Centre.objects.filter(district=district).values_list("id", "name"))
        self.windows = dict(Window.objects.filter(district=district).values_list("id", "number"))


def _recompute(district, ids, calendar, now, today, names: _Names) -> None:
    steps: dict[int, list[Step]] = {i: [] for i in ids}
    for row in (
        TrailEntry.objects.filter(case_id__in=ids).order_by("case_id", "seq").values_list(*ENTRY_FIELDS)
    ):
        case_id, seq, at, action, before, after, actor, actor_id, role, centre, window, reason, payload = row
        steps[case_id].append(
            Step(
                seq,
                at,
                action,
                before,
                after,
                actor,
                actor_id,
                role,
                names.centres.get(centre, ""),
                names.windows.get(window, ""),
                reason,
                payload or {},
                centre,
            )
        )
    stops: dict[int, list[Stop]] = {i: [] for i in ids}
    for case_id, kind, started, ended in ClockStop.objects.filter(case_id__in=ids).values_list(
        "case_id", "kind", "started_at", "ended_at"
    ):
        stops[case_id].append(Stop(kind, started, ended))
    traces, spans = [], []
    for case in Case.objects.filter(id__in=ids).values(*CASE_FIELDS):
        trace = case_trace(
            steps=steps[case["id"]],
            stops=stops[case["id"]],
            stages=[(code, share) for code, share in case["stages"] or []],
            promised_days=case["promised_days"],
            extension_days=case["extension_days"],
            calendar=calendar,
            now=now,
        )
        traces.append(
            CaseTrace(
                district=district,
                case_id=case["id"],
                department_id=case["department_id"],
                accepted_at=case["accepted_at"],
                closed_at=case["closed_at"] if trace.closed else None,
                used_days=trace.used_days,
                allowed_days=trace.allowed_days,
                delay_days=trace.delay_days,
                last_seq=max((s.seq for s in steps[case["id"]]), default=0),
                computed_on=today,
            )
        )
        budgets = {s.stage: s.budget_days for s in trace.stages}
        spans += [
            StageSpan(
                district=district,
                case_id=case["id"],
                department_id=case["department_id"],
                stage=segment.status,
                officer_id=segment.held_by_id,
                officer_label=segment.held_by,
                centre_id=segment.centre_id,
                entered_at=segment.entered_at,
                left_at=segment.left_at,
                days=segment.days,
                working_seconds=int(segment.working_time.total_seconds()),
                waiting_seconds=int(segment.waiting.total_seconds()),
                budget_days=budgets.get(segment.status, 0),
                overrun_days=segment.overrun_days,
            )
            for segment in trace.segments
            if segment.kind == HELD
        ]
    CaseTrace.objects.filter(case_id__in=ids).delete()
    StageSpan.objects.filter(case_id__in=ids).delete()
    CaseTrace.objects.bulk_create(traces)
    StageSpan.objects.bulk_create(spans)
