"""The supervision desk (监督台) at /staff/supervision/ and its full list of overdue cases at
/staff/supervision/overdue/: supervisors only. Thin: reads and access in `desk.py`; every row shows masked
personal data only, and links to the pages that show more (each access-logged where it shows it in full)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onedoor.cases import queues
from onedoor.core import clock
from onedoor.core.errors import DomainError, Forbidden
from onedoor.districts.models import Department
from onedoor.supervision import desk


def _private(response):
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def desk_page(request):
    staff = request.user
    try:
        district = desk.access_desk(staff)
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None
    now = clock.now()
    oldest = desk.overdue_cases(staff=staff, limit=desk.SHORT, now=now)
    overdue, overdue_count = desk.complaints_overdue(staff=staff, now=now)
    escalated, escalated_count = desk.complaints_escalated(staff=staff)
    ratings, ratings_count = desk.bad_ratings(staff=staff, now=now)
    rectifications, rectifications_count = desk.rectifications_overdue(staff=staff, now=now)
    letters, letters_count = desk.dead_letters(staff=staff)
    context = {
        "district": district,
        "now": now,
        "lights": desk.lights_by_department(staff=staff, now=now),
        "cases": desk.case_rows(oldest, district=district, now=now),
        "cases_count": desk.red_count(staff=staff, now=now),
        "complaints_overdue": desk.complaint_rows(overdue, district=district, now=now),
        "complaints_overdue_count": overdue_count,
        "complaints_escalated": desk.complaint_rows(escalated, district=district, now=now),
        "complaints_escalated_count": escalated_count,
        "ratings": [{"rating": r, "rater": desk.rater(r)} for r in ratings],
        "ratings_count": ratings_count,
        "rating_days": desk.RATING_DAYS,
        "rectifications": [desk.rectification_row(r, now) for r in rectifications],
        "rectifications_count": rectifications_count,
        "letters": letters,
        "letters_count": letters_count,
    }
    return _private(render(request, "supervision/desk.html", context))


@login_required
@require_GET
def overdue_page(request):
    """The district's red or yellow cases, filtered by department and light, 30 a page by (deadline, id)."""
    staff = request.user
    try:
        district = desk.access_desk(staff)
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None
    light = request.GET.get("light") if request.GET.get("light") in desk.LIGHTS else desk.RED
    departments = list(Department.objects.filter(district=district).order_by("code"))
    codes = {d.code for d in departments}
    department = request.GET.get("department", "")
    department = department if department in codes else ""
    now = clock.now()
    try:
        cases = desk.overdue_cases(
            staff=staff,
            light=light,
            department=department,
            after=queues.cursor_read(request.GET.get("after")),
            limit=desk.PAGE + 1,
            now=now,
        )
    except DomainError as exc:
        return HttpResponseBadRequest(str(exc.message))
    more = len(cases) > desk.PAGE
    cases = cases[: desk.PAGE]
    context = {
        "rows": desk.case_rows(cases, district=district, now=now),
        "next": queues.cursor_of(cases[-1]) if more else None,
        "light": light,
        "lights": list(desk.LIGHTS.items()),
        "department": department,
        "departments": departments,
    }
    return _private(render(request, "supervision/overdue.html", context))
