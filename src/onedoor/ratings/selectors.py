"""Reads of 好差评, scoped to the caller: the visit a window's pad offers, a citizen's rating of a case, and
the rectifications a department's staff or a supervisor sees."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from onedoor.core import clock
from onedoor.ratings import access
from onedoor.ratings.models import Rating, RatingPad, Rectification, Status
from onedoor.tickets.models import Ticket, TicketStatus


def pad_offer(pad: RatingPad) -> Ticket | None:
    """The visit the pad asks about: the window's latest served ticket, unrated, finished within the last
    ONEDOOR_RATING_PAD_MINUTES (3). Once it is rated, or after those minutes, the pad goes back to its
    welcome screen. "Call next" finishes a ticket and calls the next at once: the pad still asks the leaving
    visitor for those minutes, unless they rate."""
    since = clock.now() - timedelta(minutes=settings.ONEDOOR_RATING_PAD_MINUTES)
    latest = (
        Ticket.objects.filter(window_id=pad.window_id, finished_at__isnull=False)
        .order_by("-finished_at", "-id")
        .only("pk", "number", "status", "finished_at", "window_id")
        .first()
    )
    if latest is None or latest.status != TicketStatus.DONE or latest.finished_at < since:
        return None
    if Rating.objects.filter(ticket_id=latest.pk).exists():
        return None
    return latest


def case_rating(case) -> Rating | None:
    """The case's first rating, with its rectification and follow-up when there are."""
    return (
        Rating.objects.filter(case=case, follow_up_of__isnull=True)
        .select_related("rectification", "follow_up")
        .first()
    )


def rectifications_for(
    staff,
    *,
    status: str | None = None,
    overdue: bool = False,
    now=None,
    before_id: int | None = None,
    limit: int = 50,
):
    """The rectifications the caller may see, newest first: a supervisor all of the district's, others those
    of their own departments; `overdue`: only those not closed whose contact with the rater or whose fix is
    past due. Key-set paginated by id; never counted."""
    departments = access.access_list(staff)
    rows = Rectification.objects.filter(district_id=staff.district_id)
    if departments is not None:
        rows = rows.filter(department_id__in=departments)
    if status:
        rows = rows.filter(status=status)
    if overdue:
        now = now or clock.now()
        rows = rows.exclude(status=Status.CLOSED).filter(
            Q(contacted_at__isnull=True, contact_due__lt=now) | Q(closed_at__isnull=True, fix_due__lt=now)
        )
    if before_id:
        rows = rows.filter(pk__lt=before_id)
    follow_ups = Rating.objects.filter(follow_up_of=OuterRef("rating_id"))
    return list(
        rows.select_related(
            "rating__person",
            "rating__case",
            "rating__ticket",
            "rating__window__centre",
            "department",
            "rating__follow_up",
        )
        .annotate(followed_up=Exists(follow_ups))
        .order_by("-id")[:limit]
    )


def rectification_steps(rectification) -> list:
    return list(rectification.steps.select_related("actor").order_by("at", "id"))
