"""The complaint pages: a citizen files online and follows their complaint (accept the reply or reopen it);
staff record one from a window or a phone call; the department's list at /staff/complaints/ (overdue first,
with the case spine's lights) and the complaint's page with the reply form, whose automatic checks can be
seen before sending, and the supervisor's review, assignment, closing and reopening."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onedoor.citizens.views import current
from onedoor.complaints import access, rules, selectors, services
from onedoor.core import clock
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.core.numbers import ascii_int
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Department
from onedoor.people.masking import mask_name, mask_phone
from onedoor.people.models import Person
from onedoor.people.selectors import person_find

FORM_FIELDS = ("kind", "category", "subject", "text", "case", "item", "department")


def choices() -> dict:
    return {"kinds": list(rules.KINDS.items()), "categories": list(rules.CATEGORIES.items())}


def submit_args(post) -> dict:
    return {
        "kind": post.get("kind", ""),
        "category": post.get("category", ""),
        "subject": post.get("subject", ""),
        "text": post.get("text", ""),
        "case_number": post.get("case", ""),
        "item_code": post.get("item", ""),
        "department_code": post.get("department", ""),
        "key": post.get("key", ""),
    }


# --- the citizen's pages ---------------------------------------------------------------------------------


def _citizen(request):
    citizen = current(request)
    if citizen is None:
        return None
    return Person.objects.select_related("district").get(pk=citizen["person"])


@require_http_methods(["GET", "POST"])
def citizen_new(request):
    person = _citizen(request)
    if person is None:
        return redirect(f"{reverse('citizen-login')}?next={request.path}")
    error, values = None, {f: request.GET.get(f, "") for f in FORM_FIELDS}
    if request.method == "POST":
        values = {f: request.POST.get(f, "") for f in FORM_FIELDS}
        try:
            result = services.complaint_submit(
                district=person.district, channel=rules.ONLINE, person=person, **submit_args(request.POST)
            )
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("Received. You will find the reply here and under My cases."))
            return redirect("citizen-complaint", number=result.complaint.number)
    context = {"error": error, "values": values, "key": uuid.uuid4().hex, "person": person, **choices()}
    return render(request, "complaints/citizen_new.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
def citizen_complaint(request, number: str):
    person = _citizen(request)
    if person is None:
        return redirect(f"{reverse('citizen-login')}?next={request.path}")
    complaint = selectors.citizen_complaint(person, number)
    if complaint is None:
        raise Http404
    error = None
    if request.method == "POST":
        write = {"close": services.complaint_close, "reopen": services.complaint_reopen}.get(
            request.POST.get("action")
        )
        if write is None:
            raise Http404
        try:
            write(
                complaint_id=complaint.pk,
                person=person,
                note=request.POST.get("note", ""),
                key=request.POST.get("key", ""),
            )
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(request, _("Saved."))
            return redirect("citizen-complaint", number=number)
    now = clock.now()
    context = {
        "complaint": complaint,
        "reply": selectors.accepted_reply(complaint),
        "error": error,
        "key": uuid.uuid4().hex,
        "may_close": complaint.status == rules.REVIEWED,
        "may_reopen": complaint.status in (rules.REVIEWED, rules.CLOSED)
        and complaint.reviewed_at is not None
        and now <= rules.may_reopen_until(complaint.reviewed_at),
        "reopen_until": rules.may_reopen_until(complaint.reviewed_at) if complaint.reviewed_at else None,
    }
    return render(request, "complaints/citizen_complaint.html", context, status=400 if error else 200)


# --- staff: recording, the list, the complaint's page ----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_new(request):
    staff = request.user
    if not access.may_record(staff):
        raise PermissionDenied(
            _("Only window staff, chief representatives and supervisors record complaints.")
        )
    error, values = None, {f: "" for f in (*FORM_FIELDS, "channel", "id_number", "filer_name", "filer_phone")}
    if request.method == "POST":
        values = {f: request.POST.get(f, "") for f in values}
        number = values["id_number"].strip()
        try:
            person = person_find(staff=staff, number=number) if number else None
            if number and person is None:
                raise DomainError("person_not_found", _("No person with this number is registered here."))
            result = services.complaint_submit(
                district=staff.district,
                channel=values["channel"],
                staff=staff,
                person=person,
                filer_name=values["filer_name"],
                filer_phone=values["filer_phone"],
                **submit_args(request.POST),
            )
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(
                request,
                _("Recorded as %(number)s. Tell the filer this number.")
                % {"number": result.complaint.number},
            )
            return redirect("staff-complaint", pk=result.complaint.pk)
    context = {
        "error": error,
        "values": values,
        "key": uuid.uuid4().hex,
        "channels": [(c, rules.CHANNELS[c]) for c in rules.STAFF_CHANNELS],
        **choices(),
    }
    return render(request, "complaints/staff_new.html", context, status=400 if error else 200)


@login_required
@require_GET
def staff_list(request):
    view = request.GET.get("view") if request.GET.get("view") in selectors.VIEWS else "open"
    escalated = request.GET.get("escalated") == "1"
    try:
        rows = selectors.complaints_for(
            request.user, view=view, escalated=escalated, after=request.GET.get("after"), limit=51
        )
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from None
    except DomainError:
        rows = []
    calendar, now = calendar_for(request.user.district), clock.now()
    shown = rows[:50]
    context = {
        "rows": [
            {
                "complaint": c,
                "timing": selectors.timing(c, calendar=calendar, now=now),
                "filer": f"{mask_name(c.filer_name)} {mask_phone(c.filer_phone)}".strip(),
            }
            for c in shown
        ],
        "next": selectors.cursor_of(shown[-1]) if len(rows) > 50 and view != "done" else None,
        "view": view,
        "escalated": escalated,
        "views": [
            ("open", _("Waiting for a reply")),
            ("replied", _("Replied, waiting for review")),
            ("done", _("Reviewed and closed")),
        ],
        "supervisor": access.is_supervisor(request.user),
        "may_record": access.may_record(request.user),
    }
    return render(request, "complaints/staff_list.html", context)


def _complaint(request, pk):
    try:
        return services.complaint_for(request.user, pk)
    except NotFound:
        raise Http404 from None


def _page(request, complaint, *, status=200, error=None, draft="", checks=None, filer=None):
    staff = request.user
    timing = selectors.timing(complaint, calendar=calendar_for(complaint.district))
    context = {
        "complaint": complaint,
        "timing": timing,
        "error": error,
        "draft": draft,
        "checks": [{"result": r, "label": services.CHECK_LABELS[r.code]} for r in checks] if checks else None,
        "filer": filer,
        "filer_masked": f"{mask_name(complaint.filer_name)} {mask_phone(complaint.filer_phone)}".strip(),
        "key": uuid.uuid4().hex,
        "may_reply": complaint.status == rules.ASSIGNED and access.may(staff, complaint, "reply"),
        "may_review": complaint.status == rules.REPLIED and access.may(staff, complaint, "review"),
        "supervisor": access.is_supervisor(staff),
        "may_see_filer": access.is_supervisor(staff)
        or access.serves_department(staff, complaint.department_id),
        "allowed": rules.allowed(complaint.status),
        "departments": Department.objects.filter(district_id=complaint.district_id).order_by("code"),
        "reasons": list(services.REVIEW_REASONS.items()),
        "check_labels": services.CHECK_LABELS,
        **selectors.complaint_page(complaint),
    }
    response = render(request, "complaints/staff_complaint.html", context, status=status)
    if filer is not None:  # the filer's full name and phone: not kept in any cache
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def staff_complaint(request, pk: int):
    return _page(request, _complaint(request, pk))


@login_required
@require_POST
def staff_act(request, pk: int):
    complaint, post, staff = _complaint(request, pk), request.POST, request.user
    action, key, note = post.get("action", ""), post.get("key", ""), post.get("note", "")
    revision = ascii_int(post.get("revision"))
    try:
        if action == "check":
            access.access_act(staff, complaint, "reply")
            text = post.get("text", "")
            return _page(request, complaint, draft=text, checks=services.reply_checks(complaint, text))
        if action == "filer":
            services.filer_full_view(staff=staff, complaint=complaint, purpose=post.get("purpose", ""))
            return _page(
                request, complaint, filer={"name": complaint.filer_name, "phone": complaint.filer_phone}
            )
        if action == "reply":
            reply = services.complaint_reply(
                staff=staff, complaint_id=pk, text=post.get("text", ""), key=key, expected_revision=revision
            )
            if reply.outcome == "returned":
                failed = [
                    services.CHECK_LABELS[c["code"]]
                    for c in reply.checks
                    if c["severity"] == "hard" and not c["passed"]
                ]
                messages.error(
                    request,
                    _("The reply was sent back: %(reasons)s") % {"reasons": " ".join(str(f) for f in failed)},
                )
                return redirect("staff-complaint", pk=pk)
        elif action == "review":
            score = ascii_int(post.get("score")) or 0
            services.complaint_review(
                staff=staff,
                complaint_id=pk,
                score=score,
                reasons=post.getlist("reasons"),
                note=note,
                key=key,
                expected_revision=revision,
            )
        elif action == "assign":
            department = post.get("department", "")
            services.complaint_assign(
                staff=staff,
                complaint_id=pk,
                department_id=ascii_int(department) or 0,
                note=note,
                key=key,
                expected_revision=revision,
            )
        elif action == "close":
            services.complaint_close(staff=staff, complaint_id=pk, note=note, key=key)
        elif action == "reopen":
            services.complaint_reopen(staff=staff, complaint_id=pk, note=note, key=key)
        else:
            raise DomainError("unknown_action", _("Unknown action."))
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from None
    except DomainError as refused:
        complaint = _complaint(request, pk)
        return _page(
            request, complaint, status=refused.status, error=refused.message, draft=post.get("text", "")
        )
    messages.success(request, _("Saved."))
    return redirect("staff-complaint", pk=pk)
