"""The rating pages beside the pad: a citizen's online rating of their own concluded case (from "My cases")
and the rectification list at /staff/rectifications/ (a department's own; a supervisor's whole district)
with its actions."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onedoor.citizens.views import acting_enterprise, current
from onedoor.core import clock
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.core.numbers import ascii_int
from onedoor.people.masking import mask_name, mask_phone
from onedoor.people.models import Person
from onedoor.ratings import access, forms, rules, selectors, services
from onedoor.ratings.models import Classification, Status

# --- the citizen's rating of a case ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def rate_case(request, number: str):
    citizen = current(request)
    if citizen is None:
        return redirect(f"{reverse('citizen-login')}?next={request.path}")
    person = Person.objects.select_related("district").get(pk=citizen["person"])
    enterprise = acting_enterprise(request)
    try:
        case = services.own_case(person=person, enterprise=enterprise, number=number)
    except NotFound:
        raise Http404 from None
    rating = selectors.case_rating(case)
    follow_up = rating is not None and "1" in (request.GET.get("follow_up"), request.POST.get("follow_up"))
    error, chosen = None, None
    if request.method == "POST":
        data = forms.details(request.POST, rules.ONLINE)
        write = services.rating_follow_up_case if follow_up else services.rating_for_case
        try:
            write(
                person=person, enterprise=enterprise, number=number, key=request.POST.get("key", ""), **data
            )
        except DomainError as refused:
            error, chosen = refused.message, data
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("citizen-rate-case", number=number)
    level = forms.level_of(request.GET.get("level")) or (chosen or {}).get("level") or None
    context = {
        "case": case,
        "rating": rating,
        "follow_up": follow_up,
        "error": error,
        "key": uuid.uuid4().hex,
        "may_rate": rating is None and case.status in services.RATEABLE_CASES,
        "may_follow_up": _may_follow_up(rating),
        "scale": [(n, rules.LEVELS[n]) for n in (5, 4, 3, 2, 1)],
    }
    if level in rules.LEVELS:
        context.update(forms.choices(rules.ONLINE, level))
    return render(request, "ratings/citizen_rate.html", context, status=400 if error else 200)


def _may_follow_up(rating) -> bool:
    if rating is None or not rules.is_bad(rating.level) or rating.excluded:
        return False
    rectification = getattr(rating, "rectification", None)
    return (
        rectification is not None
        and rectification.status == Status.CLOSED
        and not hasattr(rating, "follow_up")
    )


# --- the rectification list ------------------------------------------------------------------------------


def _row(staff, rect, now) -> dict:
    rating, person = rect.rating, rect.rating.person
    actions = [a for a in rules.allowed(rect.status, rect.appeal_status) if _may(staff, rect, a)]
    return {
        "rect": rect,
        "rating": rating,
        "rater": f"{mask_name(person.name)} {mask_phone(person.phone)}".strip() if person else "",
        "contact_overdue": rect.contacted_at is None and now > rect.contact_due,
        "fix_overdue": rect.closed_at is None and now > rect.fix_due,
        "actions": actions,
        "may_record_follow_up": rect.status == Status.CLOSED
        and not rating.excluded
        and not rect.followed_up
        and access.serves_department(staff, rect.department_id),
    }


def _may(staff, rect, action) -> bool:
    try:
        access.access_act(staff, rect, action)
    except Forbidden:
        return False
    return True


def _list(request, status=200, error=None):
    chosen = request.GET.get("status") or None
    before = request.GET.get("before")
    overdue = request.GET.get("overdue") == "1"
    try:
        rows = selectors.rectifications_for(
            request.user,
            status=chosen if chosen in Status.values else None,
            overdue=overdue,
            before_id=ascii_int(before),
            limit=51,
        )
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from None
    now = clock.now()
    context = {
        "rows": [_row(request.user, r, now) for r in rows[:50]],
        "next": rows[49].pk if len(rows) > 50 else None,
        "statuses": Status.choices,
        "chosen": chosen,
        "overdue": overdue,
        "classifications": Classification.choices,
        "supervisor": access.is_supervisor(request.user),
        "key": uuid.uuid4().hex,
        "error": error,
        "now": timezone.localtime(now),
        "scale": [(n, rules.LEVELS[n]) for n in (5, 4, 3, 2, 1)],
    }
    return render(request, "ratings/rectifications.html", context, status=status)


@login_required
@require_GET
def rectifications(request):
    return _list(request)


@login_required
@require_POST
def rectification_act(request, pk: int):
    post = request.POST
    outcome = post.get("outcome", "")
    revision = post.get("revision", "")
    try:
        if post.get("action") == "follow_up":
            services.rating_follow_up_recorded(
                staff=request.user,
                rectification_id=pk,
                key=post.get("key", ""),
                **forms.details(post, rules.WINDOW),
            )
        else:
            services.rectification_act(
                staff=request.user,
                rectification_id=pk,
                action=post.get("action", ""),
                note=post.get("note", ""),
                classification=post.get("classification", ""),
                upheld={"upheld": True, "rejected": False}.get(outcome),
                key=post.get("key", ""),
                expected_revision=ascii_int(revision),
            )
    except Forbidden as refused:
        raise PermissionDenied(refused.message) from None
    except NotFound:
        raise Http404 from None
    except DomainError as error:
        return _list(request, status=error.status, error=error.message)
    messages.success(request, _("Saved."))
    return redirect(f"{reverse('staff-rectifications')}#rect-{pk}")
