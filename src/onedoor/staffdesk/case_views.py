"""The case page (办件详情) and its actions, and the acceptance receipt (受理回执) as PDF.

The page shows everything about the case — item, masked applicant, mode, status, deadline and time left,
materials (and the record that waived each), stage results criterion by criterion, clock stops, the whole
trail, the certificate — and one form per action the caller may take now (the workflow table decides, for
the caller's roles on this case). Each form carries the revision it was rendered at, so acting on a stale
page is a clear conflict instead of a surprise.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from onedoor.cases import queues, selectors, workflow
from onedoor.cases.actions import case_act, case_facts, roles_on
from onedoor.cases.models import CommitmentSignature, MaterialStatus, Status
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.delivery.models import Delivery
from onedoor.delivery.services import CARRIERS
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Role
from onedoor.documents import render_receipt
from onedoor.integrations import jumps
from onedoor.integrations.models import LogEntry
from onedoor.people.masking import mask_name, mask_number
from onedoor.people.record_types import RECORD_TYPES, record_type_label
from onedoor.staffdesk.case_actions import action_forms, read_action
from onedoor.supervision import access as supervision_access
from onedoor.supervision.corrections import as_step
from onedoor.supervision.trail_rows import corrections_shown

ROLE_LABELS = dict(Role.choices)
STATUS_LABELS = dict(Status.choices)
DECISIONS = {
    "pass": _("passed"),
    "approve": _("approved"),
    "reject": _("rejected"),
    "confirm": _("confirmed (second approver)"),
    "overrule": _("not confirmed (second approver)"),
}


def _case(request, number: str):
    try:
        return selectors.case_get(staff=request.user, number=number)
    except NotFound:
        raise Http404 from None
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None


def _applicant(case) -> str:
    name = case.applicant_name if case.enterprise_id else mask_name(case.applicant_name)
    return f"{name} · {mask_number(case.applicant_number)}"


def _criterion_texts(case) -> dict[str, str]:
    return {c["id"]: c.get("text", c["id"]) for m in case.version.materials.all() for c in m.criteria or []}


def _materials(case) -> list[dict]:
    rows = []
    for m in case.materials.select_related("record").order_by("id"):
        waived_by = ""
        if m.status == MaterialStatus.WAIVED:
            if m.record_id:
                waived_by = _record_label(m.record)
            elif m.waived_reason == "commitment":
                waived_by = str(_("the applicant's signed commitment (告知承诺)"))
        rows.append({"line": m, "waived_by": waived_by})
    return rows


def _record_label(record) -> str:
    """e.g. "居民身份证（窗口核验） (B)": a known type by its label, with the source; the trust level last."""
    parts = [str(record_type_label(record.record_type))] if record.record_type in RECORD_TYPES else []
    parts += [record.source_ref] if record.source_ref else []
    return f"{' · '.join(parts) or record.record_type} ({record.trust_level})"


def _stage_results(case, texts: dict[str, str]) -> list[dict]:
    return [
        {
            "result": r,
            "role": ROLE_LABELS.get(r.role, r.role),
            "stage": status_label(r.stage),
            "decision": DECISIONS.get(r.decision, r.decision),
            "criteria": [(texts.get(cid, cid), met) for cid, met in (r.criteria or {}).items()],
        }
        for r in case.stage_results.select_related("officer", "second_approver")
    ]


def status_label(status: str):
    return STATUS_LABELS.get(status, status)


def _clock_stops(case) -> list[dict]:
    names = {m.code: m.name for m in case.version.materials.all()}
    return [
        {"stop": s, "missing": [names.get(c, c) for c in s.missing or []]} for s in case.clock_stops.all()
    ]


def _trail(case) -> list[dict]:
    entries = list(case.trail.select_related("actor", "centre", "window").order_by("seq"))
    shown = corrections_shown([as_step(t) for t in entries])  # corrected values, originals struck through
    return [
        {
            "entry": t,
            "step_label": queues.step_label(t.action)
            if t.action != "correct"
            else _("Correction of an entry"),
            "role": ROLE_LABELS.get(t.role, t.role),
            "from": status_label(t.from_status) if t.from_status else "",
            "to": status_label(t.to_status),
            **shown[t.seq],
        }
        for t in entries
    ]


def _page(request, case, *, error=None, open_action: str = "", posted=None, status: int = 200):
    texts = _criterion_texts(case)
    roles = roles_on(request.user, case)
    allowed = workflow.allowed_actions(case.status, roles, case_facts(case))
    certificate = case.certificates.order_by("-issued_at").first()
    signature = CommitmentSignature.objects.filter(case=case).first() if case.commitment_text else None
    context = {
        "case": case,
        "applicant": _applicant(case),
        "timing": queues.case_timing(case, calendar=calendar_for(case.district)),
        "materials": _materials(case),
        "stage_results": _stage_results(case, texts),
        "clock_stops": _clock_stops(case),
        "trail": _trail(case),
        "may_trace": _may_trace(request.user, case),
        "certificate": certificate,
        "signature": signature,
        "signature_lines": signature_points(signature.strokes) if signature is not None else [],
        "actions": action_forms(request.user, case, allowed, open_action=open_action, posted=posted),
        "error": error,
        "is_generalist": request.user.has_role(Role.WINDOW_GENERALIST),
        "jump_targets": jumps.jump_targets(case),
        "delivery": Delivery.objects.filter(case=case).first(),
        "may_deliver": request.user.has_role(Role.WINDOW_GENERALIST)
        or request.user.has_role(Role.CHIEF_REPRESENTATIVE),
        "carriers": CARRIERS,
        "outbox": list(case.outbox.select_related("connector__system").order_by("connector_id", "sequence")),
        "message_log": list(
            LogEntry.objects.filter(district_id=case.district_id, case_number=case.number)
            .select_related("connector__system")
            .order_by("at", "id")
        ),
    }
    response = render(request, "staffdesk/case_page.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _may_trace(staff, case) -> bool:
    try:
        supervision_access.access_trace(staff, case)
    except DomainError:
        return False
    return True


@login_required
def case_page(request, number: str):
    return _page(request, _case(request, number))


@login_required
@require_POST
def case_action(request, number: str):
    case = _case(request, number)
    action = request.POST.get("action", "")
    try:
        arguments = read_action(case, request.POST)
        case = case_act(staff=request.user, number=case.number, **arguments)
    except DomainError as exc:
        case = _case(request, number)  # reread: the page shows the case as it is now
        return _page(
            request, case, error=exc.message, open_action=action, posted=request.POST, status=exc.status
        )
    messages.success(
        request,
        _("%(step)s: the case is now “%(status)s”.")
        % {"step": queues.step_label(action), "status": case.get_status_display()},
    )
    return redirect("staff-case", number=case.number)


@login_required
@require_POST
def case_jump(request, number: str, system: str):
    """Open the case in the department's own system: a signed, one-use link for this officer (2 minutes)."""
    case = _case(request, number)
    try:
        url = jumps.jump_link_create(staff=request.user, case=case, system_code=system)
    except DomainError:
        raise Http404 from None
    return redirect(url)


# --- the receipt ----------------------------------------------------------------------------------------


def receipt_data(request, case) -> dict:
    """The receipt's content, in Chinese: it is the official paper the applicant takes home."""
    with translation.override("zh-hans"):
        lines = list(case.materials.select_related("record").order_by("id"))
        received = [
            {"name": m.name, "note": str(_("checked against the original")) if m.checked_original else ""}
            for m in lines
            if m.status in (MaterialStatus.RECEIVED, MaterialStatus.SUPPLIED)
        ]
        waived = [
            {"name": m.name, "satisfied_by": row["waived_by"]}
            for row in _materials(case)
            if (m := row["line"]).status == MaterialStatus.WAIVED
        ]
        later = [
            {"name": m.name, "deadline": case.gaps_deadline or case.deadline}
            for m in lines
            if m.status == MaterialStatus.LATER
        ]
        limit = (
            str(_("%(n)s working days") % {"n": case.promised_days})
            if case.promised_days
            else str(_("finished on the spot"))
        )
        progress = request.build_absolute_uri(reverse("public-progress")) + f"?number={case.number}"
        staff = case.accepted_by
        extra = {"commitment": _commitment_signed(case)} if case.commitment_text else {}
        return {
            **extra,
            "district": case.district.name,
            "centre": case.centre.name,
            "number": case.number,
            "applicant_name": case.applicant_name,
            "applicant_id": mask_number(case.applicant_number),
            "item": case.version.name,
            "item_code": case.item.code,
            "department": case.department.name,
            "accepted_at": case.accepted_at,
            "mode": case.mode,
            "materials_received": received,
            "materials_waived": waived,
            "materials_later": later,
            "deadline": case.deadline or case.accepted_at,
            "time_limit": limit,
            "window": str(case.window) if case.window_id else "",
            "staff": staff.display_name or staff.username,
            "progress_url": progress,
            "consultation_phone": case.version.contact_phone or case.district.consultation_phone,
            "complaint_phone": case.version.complaint_phone or case.district.complaint_phone,
        }


def _commitment_signed(case) -> dict:
    """The trust-first commitment as signed: by hand on the window's pad (strokes and digest) or on paper."""
    signature = CommitmentSignature.objects.filter(case=case).first()
    signed = {"text": case.commitment_text, "signed_at": case.commitment_signed_at}
    if signature is None:
        return {
            **signed,
            "how": "纸质签名（窗口确认）" if case.channel == "window" else "申请人签署（受理人员确认）",
        }
    return {**signed, "how": "窗口评价器手写签名", "digest": signature.digest, "strokes": signature.strokes}


def signature_points(strokes: list) -> list[str]:
    """SVG polyline `points` of each stroke, in a 300 × 100 box (the pad's proportions)."""
    return [" ".join(f"{x * 300:.1f},{y * 100:.1f}" for x, y in stroke) for stroke in strokes]


@login_required
def case_receipt(request, number: str):
    case = _case(request, number)
    pdf = render_receipt(receipt_data(request, case))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{case.number}.pdf"'
    response["Cache-Control"] = "no-store"  # it names the applicant
    return response
