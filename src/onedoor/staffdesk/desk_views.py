"""The front desk (综合窗口): any window takes any item of the district.

Identify the applicant by number (typed, or an ID-card reader that types it and presses Enter) → register
someone not yet known, on the spot → the applicant's profile: open and past cases, settled records, credit →
find the item (only items this centre's level may handle) → the acceptance form → `case_accept` → the case.

Numbers travel in POST bodies, never in URLs; later pages address the applicant by database id. Each rendered
acceptance form carries its own idempotency key, so a double submit never makes two cases.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from onedoor.cases import selectors as case_selectors
from onedoor.cases import signatures, workflow
from onedoor.cases.services import acceptance_preview, case_accept, commitment_for
from onedoor.catalog import selectors as catalog_selectors
from onedoor.catalog.search import search
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.districts.models import Role
from onedoor.districts.selectors import access_staff_district
from onedoor.people import idnumbers
from onedoor.people import selectors as people_selectors
from onedoor.people import services as people_services
from onedoor.people.credit import LEVEL_LABELS, credit_assessment, credit_of, refusal_for
from onedoor.people.masking import mask_name, mask_number
from onedoor.people.models import CreditKind
from onedoor.staffdesk import desk_forms
from onedoor.staffdesk.people_views import _record_rows

SEARCH_LIMIT = 20
CASES_SHOWN = 20
KINDS = ("person", "enterprise")
DONE_KEYS, DONE_KEYS_KEPT = "desk_done", 20  # forms this session already turned into cases


class IdentifyForm(forms.Form):
    number = forms.CharField(label=_("Applicant's ID number or credit code"), max_length=40)


class RegisterForm(forms.Form):
    number = forms.CharField(widget=forms.HiddenInput, max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)


def _desk_access(request) -> None:
    """Window generalists of a district only; anyone else is refused (403)."""
    try:
        access_staff_district(request.user)
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None
    if not request.user.has_role(Role.WINDOW_GENERALIST):
        raise PermissionDenied(str(_("Only window generalists work at the front desk.")))


def _holder(request, kind: str, pk: int):
    if kind not in KINDS:
        raise Http404
    try:
        if kind == "person":
            return people_selectors.person_get(staff=request.user, pk=pk)
        return people_selectors.enterprise_get(staff=request.user, pk=pk)
    except NotFound:
        raise Http404 from None


def _number_of(holder) -> str:
    return getattr(holder, "id_number", None) or holder.uscc


def _kind_of(holder) -> str:
    return "person" if hasattr(holder, "id_number") else "enterprise"


# --- identify and register ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def desk_start(request):
    """Who is at the window? A known number opens the profile; an unknown valid one offers registration."""
    _desk_access(request)
    form = IdentifyForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        result = idnumbers.identify(form.cleaned_data["number"])
        if not result.valid:
            context["problem"] = result.message
        else:
            if result.kind == idnumbers.RESIDENT:
                holder = people_selectors.person_find(staff=request.user, number=result.number)
            else:
                holder = people_selectors.enterprise_find(staff=request.user, uscc=result.number)
            if holder is not None:
                return redirect("staff-desk-holder", kind=_kind_of(holder), pk=holder.pk)
            context["unknown"] = mask_number(result.number)
            context["unknown_kind"] = result.kind
            context["register_form"] = RegisterForm(initial={"number": result.number})
    return render(request, "staffdesk/desk.html", context)


@transaction.atomic
def _register(staff, number: str, name: str, phone: str):
    """A person whose ID card the window has just read: identity level L5 (counter check) and a level-B
    identity record, as `case_accept` registers an applicant; an enterprise under its credit code."""
    result = idnumbers.identify(number)
    if not result.valid:
        raise DomainError("invalid_number", result.message)
    if result.kind == idnumbers.USCC:
        return people_services.enterprise_register(
            district=staff.district, uscc=result.number, name=name, phone=phone, actor=staff
        )
    person = people_services.person_register(
        district=staff.district,
        id_number=result.number,
        name=name,
        phone=phone,
        identity_level=5,
        actor=staff,
    )
    people_services.record_add(
        district=staff.district,
        person=person,
        record_type="id_card",
        payload={"checked": "counter"},
        source_kind="document",
        source_ref="居民身份证（窗口核验）",
        trust_level="B",
        verified_by=staff,
        actor=staff,
    )
    return person


@login_required
@require_POST
def desk_register(request):
    _desk_access(request)
    form = RegisterForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            holder = _register(request.user, data["number"], data["name"], data["phone"])
        except DomainError as exc:
            problems = exc.details.get("problems") or [{"message": exc.message}]
            for problem in problems:
                form.add_error(None, str(problem.get("message", exc.message)))
        else:
            messages.success(request, _("Registered. Their identity was checked at the window."))
            return redirect("staff-desk-holder", kind=_kind_of(holder), pk=holder.pk)
    number = idnumbers.normalise(form.data.get("number"))
    context = {
        "form": IdentifyForm(),
        "register_form": form,
        "unknown": mask_number(number),
        "unknown_kind": idnumbers.identify(number).kind,
    }
    return render(request, "staffdesk/desk.html", context, status=400)


# --- profile and item search ----------------------------------------------------------------------------


def _profile(request, holder) -> dict:
    staff, kind = request.user, _kind_of(holder)
    holder_kw = {kind: holder}
    cases = case_selectors.case_list(staff=staff, applicant=_number_of(holder), limit=CASES_SHOWN + 1)
    bad = credit_of(district=staff.district, **holder_kw).filter(kind=CreditKind.BAD)
    credit = credit_assessment(district=staff.district, **holder_kw)
    return {
        "holder": holder,
        "kind": kind,
        "masked_number": mask_number(_number_of(holder)),
        "display_name": mask_name(holder.name) if kind == "person" else holder.name,
        "open_cases": [c for c in cases[:CASES_SHOWN] if c.status in workflow.IN_PROGRESS],
        "past_cases": [c for c in cases[:CASES_SHOWN] if c.status not in workflow.IN_PROGRESS],
        "more_cases": len(cases) > CASES_SHOWN,
        "records": _record_rows(people_selectors.records_of(staff=staff, **holder_kw)),
        "refusal": refusal_for(credit),
        "credit": credit,
        "credit_level": LEVEL_LABELS[credit.level],
        "bad_credit": list(bad[:10]),
    }


def _items_for(request, holder, q: str) -> tuple[list, int]:
    """Published items matching q for this kind of applicant, and how many were left out because this
    centre's level may not handle them."""
    staff = request.user
    district = staff.district
    subject = "person" if _kind_of(holder) == "person" else "enterprise"
    hits = search(district, q, subject=subject, limit=SEARCH_LIMIT)
    versions = catalog_selectors.published_versions(district).filter(pk__in=[h.version_id for h in hits])
    by_id = {v.pk: v for v in versions}
    level = staff.centre.level if staff.centre_id else None
    found, hidden = [], 0
    for hit in hits:
        version = by_id.get(hit.version_id)
        if version is None:
            continue
        if version.levels and level not in version.levels:
            hidden += 1
            continue
        found.append(version)
    return found, hidden


@login_required
def desk_holder(request, kind: str, pk: int):
    _desk_access(request)
    holder = _holder(request, kind, pk)
    context = _profile(request, holder)
    q = (request.GET.get("q") or "").strip()[:64]
    context["q"] = q
    if q:
        context["items"], context["hidden"] = _items_for(request, holder, q)
    response = render(request, "staffdesk/desk_holder.html", context)
    response["Cache-Control"] = "no-store"
    return response


# --- the acceptance form --------------------------------------------------------------------------------


def _preview(request, holder, code: str):
    try:
        return acceptance_preview(staff=request.user, item_code=code, **{_kind_of(holder): holder})
    except NotFound:
        raise Http404 from None


def _form_context(request, holder, preview, submission, key: str) -> dict:
    staff = request.user
    records = {r.pk: r for r in people_selectors.records_of(staff=staff, **{_kind_of(holder): holder})}
    rows = desk_forms.material_rows(preview, records, submission)
    waived = desk_forms.commitment_waived(preview, submission)
    windows = list(staff.centre.windows.filter(active=True)) if staff.centre_id else []
    return {
        "holder": holder,
        "kind": _kind_of(holder),
        "masked_number": mask_number(_number_of(holder)),
        "display_name": mask_name(holder.name) if _kind_of(holder) == "person" else holder.name,
        "version": preview.version,
        "stages": list(preview.version.stages.all()),
        "level_allowed": preview.level_allowed,
        "no_centre": not staff.centre_id,
        "rows": rows,
        "modes": desk_forms.mode_choices(preview),
        "submission": submission,
        "commitment_waived": waived,
        "commitment_text": commitment_for(preview, submission.received),
        "trust_first_open": preview.version.trust_first and preview.trust_first_refusal is None,
        "windows": windows,
        "window": submission.window or str(request.session.get("desk_window", "")),
        "key": key,
    }


@login_required
@require_http_methods(["GET", "POST"])
def desk_accept(request, kind: str, pk: int, code: str):
    _desk_access(request)
    holder = _holder(request, kind, pk)
    preview = _preview(request, holder, code)
    if request.method == "GET":
        context = _form_context(request, holder, preview, desk_forms.Submission(), uuid.uuid4().hex)
        return render(request, "staffdesk/desk_accept.html", context)
    submission = desk_forms.submission_from(request.POST)
    key = request.POST.get("key") or uuid.uuid4().hex
    done = request.session.get(DONE_KEYS, {})
    if key in done:  # a second click on the same form: show the case the first one made
        messages.info(request, _("This form was already submitted: here is the case it made."))
        return redirect("staff-case", number=done[key])
    context = _form_context(request, holder, preview, submission, key)
    if request.POST.get("sign_on_pad"):
        return _show_on_pad(request, holder, context, submission)
    if request.POST.get("pad_cancel") and submission.pad_signature is not None:
        return _take_off_pad(request, context, submission)
    try:
        result = _accept(request, holder, code, context, submission, key)
    except DomainError as exc:
        context["error"] = exc.message
        context["problems"] = desk_forms.problem_messages(exc.details.get("problems") or [], context["rows"])
        if exc.code in ("commitment_required", "commitment_changed"):
            context["submission"].signed = False
        if exc.code in PAD_SIGNATURE_SPENT:
            context["submission"].pad_signature = None
        context["pad_signature"] = _pad_signature(request, context["submission"])
        return render(request, "staffdesk/desk_accept.html", context, status=exc.status)
    case = result.case
    done[key] = case.number
    request.session[DONE_KEYS] = dict(list(done.items())[-DONE_KEYS_KEPT:])
    if result.replayed:
        messages.info(request, _("This form was already submitted: here is the case it made."))
    else:
        messages.success(request, _("Accepted as case %(number)s.") % {"number": case.number})
    return redirect("staff-case", number=case.number)


# A pad signature that can no longer serve this form: ask for a new one.
PAD_SIGNATURE_SPENT = ("commitment_changed", "signature_used", "signature_lapsed", "signature_mismatch")


def _pad_signature(request, submission):
    if submission.pad_signature is None:
        return None
    return signatures.signature_for_desk(staff=request.user, signature_id=submission.pad_signature)


def _show_on_pad(request, holder, context: dict, submission):
    """Show the commitment, as the ticks now make it, on the chosen window's pad for the applicant to sign;
    the form comes back with the request, to accept once it is signed."""
    window = next((w for w in context["windows"] if str(w.pk) == submission.window), None)
    submission.mode, submission.signed = "trust_first", False
    try:
        if window is None:
            raise DomainError("window_required", _("Choose the window whose pad the applicant signs on."))
        signature = signatures.signature_request(
            staff=request.user,
            window=window,
            version=context["version"],
            applicant_number=_number_of(holder),
            text=context["commitment_text"],
        )
    except DomainError as exc:
        context["error"] = exc.message
        return render(request, "staffdesk/desk_accept.html", context, status=exc.status)
    request.session["desk_window"] = str(window.pk)
    submission.pad_signature = signature.pk
    context["pad_signature"] = signature
    return render(request, "staffdesk/desk_accept.html", context)


def _accept(request, holder, code: str, context: dict, submission, key: str):
    signed_another_text = submission.commitment_shown != context["commitment_waived"]
    if submission.mode == "trust_first" and submission.signed and signed_another_text:
        raise DomainError(
            "commitment_changed",
            _(
                "The materials the commitment replaces changed: read the updated commitment to the "
                "applicant and have them sign it again."
            ),
        )
    window = next((w for w in context["windows"] if str(w.pk) == submission.window), None)
    if window is not None:
        request.session["desk_window"] = str(window.pk)
    trust_first = submission.mode == "trust_first"
    pad = _pad_signature(request, submission) if trust_first else None
    # Signed on paper while the pad still waits: the paper is the signature, and the pad is freed.
    on_paper_instead = pad is not None and pad.signed_at is None and submission.signed
    result = case_accept(
        staff=request.user,
        item_code=code,
        applicant=_number_of(holder),
        materials=desk_forms.materials_payload(context["version"], submission),
        mode=submission.mode,
        channel="window",
        window=window,
        commitment_signed=trust_first and submission.signed,
        commitment_signature=None if pad is None or on_paper_instead else pad.pk,
        idempotency_key=f"desk:{key}"[:100],
    )
    if on_paper_instead and pad.requested_by_id == request.user.pk:
        signatures.signature_cancel(staff=request.user, signature_id=pad.pk)
    return result


def _take_off_pad(request, context: dict, submission):
    """The desk takes its unsigned request off the pad: the applicant signs on paper instead, or leaves."""
    try:
        signatures.signature_cancel(staff=request.user, signature_id=submission.pad_signature)
    except DomainError as exc:
        context["error"] = exc.message
        context["pad_signature"] = _pad_signature(request, submission)
        return render(request, "staffdesk/desk_accept.html", context, status=exc.status)
    submission.pad_signature = None
    context["pad_signature"] = None
    context["notice"] = _("Taken off the window's pad.")
    return render(request, "staffdesk/desk_accept.html", context)
