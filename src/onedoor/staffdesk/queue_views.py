"""The back office's work queue (待办): the caller's departments' cases waiting in the stages their roles act
on, oldest deadline first, each with its traffic light as text and colour; the departments' overdue list; and
for supervisors the district's overdue list. Key-set pages, never counted."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from onedoor.cases import queues
from onedoor.core.errors import DomainError, Forbidden
from onedoor.districts.calendar import calendar_for
from onedoor.districts.selectors import access_staff_district

PAGE = 30


def _rows(cases, calendar, now) -> list[dict]:
    return [{"case": c, "timing": queues.case_timing(c, calendar=calendar, now=now)} for c in cases]


def _page_of(fetch, cursor: str | None, calendar, now) -> dict:
    cases = fetch(after=queues.cursor_read(cursor), limit=PAGE + 1)
    more = len(cases) > PAGE
    cases = cases[:PAGE]
    return {"rows": _rows(cases, calendar, now), "next": queues.cursor_of(cases[-1]) if more else None}


@login_required
def work_queue(request):
    staff = request.user
    try:
        district = access_staff_district(staff)
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None
    calendar, now = calendar_for(district), timezone.now()
    supervisor = queues.may_see_district_overdue(staff)
    try:
        context = {
            "has_queue": bool(queues.queue_statuses(staff)),
            "queue": _page_of(
                lambda **kw: queues.work_queue(staff=staff, **kw), request.GET.get("after"), calendar, now
            ),
            "overdue": _page_of(
                lambda **kw: queues.overdue_of_departments(staff=staff, now=now, **kw),
                request.GET.get("overdue_after"),
                calendar,
                now,
            ),
            "post_reviews": [
                (c, c.post_review_deadline is not None and c.post_review_deadline < now)
                for c in queues.post_reviews_due(staff=staff, limit=PAGE)
            ],
            "to_confirm": queues.awaiting_my_confirmation(staff=staff, limit=PAGE),
            "stopped": queues.stopped_in_departments(staff=staff, limit=PAGE),
            "supervisor": supervisor,
        }
        if supervisor:
            context["district_overdue"] = _page_of(
                lambda **kw: queues.overdue_of_district(staff=staff, now=now, **kw),
                request.GET.get("district_after"),
                calendar,
                now,
            )
    except DomainError as exc:
        return HttpResponseBadRequest(str(exc.message))
    return render(request, "staffdesk/queue.html", context)
