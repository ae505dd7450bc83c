"""Reads of complaints and consultations, scoped to the caller: a department's list (its own), the
supervisor's (the district's), the overdue list, one complaint with its steps and replies, and a citizen's
own. Lists are key-set paginated and never counted."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onedoor.cases import deadlines
from onedoor.cases.queues import Timing
from onedoor.complaints import access, rules
from onedoor.complaints.models import Complaint
from onedoor.core import clock
from onedoor.core.errors import DomainError

VIEWS = {
    "open": rules.OPEN_STATES,
    "replied": (rules.REPLIED,),
    "done": (rules.REVIEWED, rules.CLOSED),
}


def timing(complaint: Complaint, *, calendar, now: datetime | None = None) -> Timing:
    """The reply deadline, working days left and the case spine's traffic light while nobody has answered
    acceptably (received, assigned); no light once replied."""
    now = now or clock.now()
    if not complaint.is_open:
        return Timing(complaint.deadline, None, None, False)
    light = deadlines.traffic_light(calendar, now, complaint.clock_from, complaint.deadline)
    left = deadlines.working_days_left(calendar, now, complaint.deadline)
    return Timing(complaint.deadline, str(light), left, False)


def parse_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    if not cursor:
        return None
    try:
        moment, pk = cursor.rsplit("|", 1)
        value = datetime.fromisoformat(moment)
        if value.tzinfo is None:
            raise ValueError("naive")
        return value, int(pk)
    except ValueError:
        raise DomainError(
            "bad_cursor", _("This cursor is not valid; start again from the first page.")
        ) from None


def cursor_of(complaint: Complaint) -> str:
    return f"{complaint.deadline.isoformat()}|{complaint.pk}"


def complaints_for(
    staff,
    *,
    view: str = "open",
    overdue: bool = False,
    escalated: bool = False,
    after: str | None = None,
    limit: int = 50,
) -> list[Complaint]:
    """The complaints the caller may see: open ones by deadline (overdue first), replied ones by deadline,
    done ones newest first. A department's staff see their departments'; a supervisor the district's."""
    departments = access.access_list(staff)
    rows = Complaint.objects.filter(
        district_id=staff.district_id, status__in=VIEWS.get(view, rules.OPEN_STATES)
    )
    if departments is not None:
        rows = rows.filter(Q(department_id__in=departments) | Q(recorded_by=staff))
    if overdue:
        rows = rows.filter(deadline__lt=clock.now())
    if escalated:
        rows = rows.filter(escalated_at__isnull=False)
    rows = rows.select_related("department", "item", "person")
    if view == "done":
        return list(rows.order_by("-id")[:limit])
    position = parse_cursor(after)
    if position is not None:
        moment, pk = position
        rows = rows.filter(Q(deadline__gt=moment) | Q(deadline=moment, pk__gt=pk))
    return list(rows.order_by("deadline", "id")[:limit])


def complaint_page(complaint: Complaint) -> dict:
    """What the complaint's page shows besides the complaint: its steps and replies, oldest first."""
    return {
        "steps": list(complaint.steps.select_related("actor").order_by("at", "id")),
        "replies": list(
            complaint.replies.select_related("author", "reviewed_by", "department").order_by("at", "id")
        ),
    }


def complaints_of_citizen(person, *, limit: int = 20) -> list[Complaint]:
    return list(
        Complaint.objects.filter(district_id=person.district_id, person=person)
        .select_related("department")
        .order_by("-received_at", "-id")[:limit]
    )


def citizen_complaint(person, number: str) -> Complaint | None:
    return (
        Complaint.objects.filter(district_id=person.district_id, person=person, number=number)
        .select_related("department", "district", "case", "item")
        .first()
    )


def accepted_reply(complaint: Complaint):
    """The reply the filer sees: the last that passed review (a reply waiting for review or sent back is
    not shown to the filer)."""
    return complaint.replies.filter(outcome="passed").order_by("-at", "-id").first()
