"""Supervision pages under /staff/supervision/: a case's trace (with the correction form), the trail search
and the accountability report (HTML and XLSX). Thin: access and reads in access.py and selectors.py."""

from __future__ import annotations

import base64
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onedoor.cases.models import Case, Status
from onedoor.cases.queues import step_label
from onedoor.core import clock
from onedoor.core.calendar import SHANGHAI
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.districts.models import Role
from onedoor.people.masking import mask_name, mask_number
from onedoor.supervision import access, accountability, export, selectors
from onedoor.supervision.corrections import trail_correct
from onedoor.supervision.headings import HEADINGS
from onedoor.supervision.trace import CORRECT, CORRECTABLE
from onedoor.supervision.trail_rows import FIELD_LABELS, corrections_shown

STATUS_LABELS = dict(Status.choices)
ROLE_LABELS = dict(Role.choices)


def status_label(code: str):
    return STATUS_LABELS.get(code, code)


def hours(value: timedelta) -> str:
    return f"{value.total_seconds() / 3600:.1f}"


def _refused(exc: DomainError):
    if isinstance(exc, NotFound):
        raise Http404 from None
    raise PermissionDenied(str(exc.message)) from None


# --- the trace of a case ---------------------------------------------------------------------------------


@login_required
@require_GET
def trace_page(request, number: str):
    try:
        view = selectors.case_trace_get(staff=request.user, number=number)
    except (NotFound, Forbidden) as exc:
        _refused(exc)
    return _trace_response(request, view)


def _trace_response(request, view, *, error=None, posted=None, status=200):
    trace, case = view.trace, view.case
    corrected_by: dict[int, list[int]] = {}
    for c in trace.corrections:
        corrected_by.setdefault(c.corrects, []).append(c.seq)
    stage_budget = {s.stage: s for s in trace.stages}
    context = {
        "case": case,
        "trace": trace,
        "now": view.now,
        "segments": [
            {
                "s": s,
                "status": status_label(s.status),
                "role": ROLE_LABELS.get(s.role, s.role),
                "elapsed": hours(s.elapsed),
                "working": hours(s.working_time),
                "waiting": hours(s.waiting),
                "budget": stage_budget[s.status].budget_days if s.status in stage_budget else None,
            }
            for s in trace.segments
        ],
        "stages": [{"row": s, "label": status_label(s.stage)} for s in trace.stages],
        "stopped": hours(trace.stopped_time),
        "trail": trail_rows(trace),
        "corrected_by": corrected_by,
        "may_correct": _may_correct(request.user, case),
        "fields": [(name, FIELD_LABELS[name]) for name in CORRECTABLE],
        "correctable": [s.seq for s in trace.steps if s.action != CORRECT],
        "error": error,
        "posted": posted or {},
    }
    response = render(request, "supervision/trace.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def trail_rows(trace) -> list[dict]:
    shown = corrections_shown([trace.originals.get(s.seq, s) for s in trace.steps])
    rows = []
    for row in shown.values():
        step = row["step"]
        rows.append(
            {
                **row,
                "label": step_label(step.action) if step.action != CORRECT else _("Correction of an entry"),
                "role": ROLE_LABELS.get(step.role, step.role),
                "from": status_label(step.from_status) if step.from_status else "",
                "to": status_label(step.to_status),
            }
        )
    return rows


def _may_correct(staff, case) -> bool:
    try:
        access.access_correct(staff, case)
    except DomainError:
        return False
    return True


@login_required
@require_POST
def correct(request, number: str):
    try:
        view = selectors.case_trace_get(staff=request.user, number=number)
    except (NotFound, Forbidden) as exc:
        _refused(exc)
    field = request.POST.get("field", "")
    value = request.POST.get("value", "").strip()
    try:
        seq = int(request.POST.get("seq", ""))
    except ValueError:
        seq = 0
    if field == "at" and value:
        value = _local_time(value)
    try:
        entry = trail_correct(
            case=view.case,
            entry_seq=seq,
            staff=request.user,
            reason=request.POST.get("reason", ""),
            corrected_fields={field: value} if field else {},
        )
    except DomainError as exc:
        view = selectors.case_trace_get(staff=request.user, number=number)
        return _trace_response(request, view, error=exc.message, posted=request.POST, status=exc.status)
    messages.success(
        request, _("Entry #%(seq)d corrected by entry #%(new)d.") % {"seq": seq, "new": entry.seq}
    )
    return redirect("supervision-trace", number=number)


def _local_time(value: str) -> str:
    """A datetime-local field (no zone) read in the district's zone; anything else is passed on as is."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=SHANGHAI)
    return moment.isoformat()


# --- trail search --------------------------------------------------------------------------------------


def _cursor(after) -> str:
    if not after:
        return ""
    return base64.urlsafe_b64encode(f"{after[0].isoformat()}|{after[1]}".encode()).decode()


def _read_cursor(text: str):
    try:
        at, pk = base64.urlsafe_b64decode(text.encode()).decode().split("|")
        return datetime.fromisoformat(at), int(pk)
    except (ValueError, UnicodeDecodeError):
        return None


def _day(text: str) -> date | None:
    try:
        day = date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return day if accountability.YEARS[0] <= day.year <= accountability.YEARS[1] else None


@login_required
@require_http_methods(["GET", "POST"])
def trail_search_page(request):
    """GET for searches by case, officer and time; the form POSTs, so a person's full number never sits in a
    URL (server logs, browser history)."""
    try:
        departments = access.access_report(request.user)
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None
    q = request.POST if request.method == "POST" else request.GET
    start, end = _day(q.get("from", "")), _day(q.get("to", ""))
    filters = {
        "person": q.get("person", "").strip(),
        "case": q.get("case", "").strip(),
        "officer": q.get("officer", "").strip(),
        "start": datetime.combine(start, time.min, tzinfo=SHANGHAI) if start else None,
        "end": datetime.combine(end + timedelta(days=1), time.min, tzinfo=SHANGHAI) if end else None,
    }
    page, error = None, None
    if any(filters.values()):
        try:
            page = selectors.trail_search(
                staff=request.user,
                purpose=q.get("purpose", ""),
                after=_read_cursor(q.get("after", "")) if q.get("after") else None,
                **filters,
            )
        except DomainError as exc:
            error = exc.message
    rows = []
    for entry in page.rows if page else []:
        case: Case = entry.case
        rows.append(
            {
                "entry": entry,
                "case": case,
                "applicant": f"{case.applicant_name if case.enterprise_id else mask_name(case.applicant_name)}"
                f" · {mask_number(case.applicant_number)}",
                "step": step_label(entry.action) if entry.action != CORRECT else _("Correction of an entry"),
                "role": ROLE_LABELS.get(entry.role, entry.role),
                "to": status_label(entry.to_status),
            }
        )
    more = {k: v for k, v in q.items() if k not in ("csrfmiddlewaretoken", "after")}
    more["after"] = _cursor(page.next_after) if page and page.next_after else ""
    context = {
        "q": q,
        "rows": rows,
        "error": error,
        "searched": page is not None,
        "logged": page.access if page else None,
        "next_query": more if page and page.next_after else None,
        "scope_all": departments is None,
    }
    response = render(request, "supervision/trail_search.html", context, status=400 if error else 200)
    response["Cache-Control"] = "no-store"
    return response


# --- accountability ------------------------------------------------------------------------------------


@login_required
@require_GET
def accountability_page(request):
    today = clock.localdate()
    start = _day(request.GET.get("from", "")) or today.replace(day=1)
    end = _day(request.GET.get("to", "")) or today
    try:
        report = accountability.accountability_report(staff=request.user, start=start, end=end)
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None
    except DomainError as exc:
        return render(
            request,
            "supervision/accountability.html",
            {"error": exc.message, "start": start, "end": end},
            status=400,
        )
    if request.GET.get("format") == "xlsx":
        body = export.report_xlsx(report, status_label)
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        name = f"accountability-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    columns = ("closed", "delayed", "delay_days", "spans", "overruns", "overrun_days", "corrections")
    context = {
        "report": report,
        "start": start,
        "end": end,
        "headings": [HEADINGS[c] for c in columns],
        "departments": [(r, [(HEADINGS[c], r[c]) for c in columns]) for r in report.departments],
        "totals": [report.totals[c] for c in columns],
        "stages": [
            {**r, "label": status_label(r["stage"]), "avg_waiting": (r["avg_waiting"] or 0) / 3600}
            for r in report.stages
        ],
        "open_overruns": [{**r, "label": status_label(r["stage"])} for r in report.open_overruns],
        "delayed": [
            {**r, "attributed": [{**o, "label": status_label(o["stage"])} for o in r["overruns"]]}
            for r in report.delayed
        ],
    }
    return render(request, "supervision/accountability.html", context)
