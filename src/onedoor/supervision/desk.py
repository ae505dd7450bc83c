"""Reads for the supervision desk (监督台, issue 7 §5): overdue cases by department with their red and yellow
counts, overdue and escalated complaints, bad ratings and overdue rectifications, and dead letters of the
back-end integration; plus the district's overdue-case list with filters.

Every read is scoped to the caller's district and refused to anyone but a supervisor (`access_desk`).
Complaints and rectifications come through their own apps' selectors (the same scoping and order as their
lists). Every query is bounded: lists are capped (`SHORT` rows on the desk; key-set pages on the full list),
counts stop at `COUNT_CAP` (a COUNT over a LIMITed subquery, never a COUNT(*) of a table), and the per-
department counts read only the district's running cases (index `district, department, status`).

Personal data leaves here masked only (people/masking.py); full values are behind the access-logged views
they link to (the complaint's filer, the person's card, the trail search by number)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from onedoor.cases import queues, workflow
from onedoor.cases.models import Case
from onedoor.cases.selectors import cases_visible_to
from onedoor.complaints import selectors as complaint_selectors
from onedoor.core import clock
from onedoor.core.errors import Forbidden
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Department
from onedoor.districts.selectors import access_staff_district
from onedoor.integrations.models import MessageStatus, OutboxMessage
from onedoor.people.masking import mask_name, mask_number, mask_phone
from onedoor.ratings import rules as rating_rules
from onedoor.ratings import selectors as rating_selectors
from onedoor.ratings.models import Rating
from onedoor.supervision import access

SHORT = 5  # rows per section on the desk
COUNT_CAP = 999  # counts above this read "999+"
RATING_DAYS = 30  # bad ratings of the last 30 days
PAGE = 30  # rows per page of the full overdue list
RED, YELLOW = "red", "yellow"
LIGHTS = {
    RED: _("red: overdue"),
    YELLOW: _("yellow: at most one working day left or four fifths of the time used"),
}


def access_desk(staff):
    """The caller's district; a supervisor's only."""
    district = access_staff_district(staff)
    if not access.is_supervisor(staff):
        raise Forbidden("supervisor_required", _("Only supervisors see the supervision desk."))
    return district


@dataclass(frozen=True)
class Capped:
    """A count that stops at COUNT_CAP: `more` when there are more."""

    value: int
    more: bool

    def __str__(self) -> str:
        return f"{self.value}+" if self.more else str(self.value)


def capped_count(rows: QuerySet) -> Capped:
    found = rows.order_by()[: COUNT_CAP + 1].count()  # SELECT COUNT(*) FROM (… LIMIT 1000)
    return Capped(min(found, COUNT_CAP), found > COUNT_CAP)


def masked_applicant(case: Case) -> str:
    """An enterprise's name is public; a person's is masked. The number is masked either way."""
    name = case.applicant_name if case.enterprise_id else mask_name(case.applicant_name)
    return f"{name} · {mask_number(case.applicant_number)}"


# --- overdue cases: red and yellow -----------------------------------------------------------------------


def red_condition(now: datetime) -> Q:
    """Overdue as the case spine's lists define it (`cases.queues`): running past the deadline, or stopped
    only after it had passed."""
    running = Q(status__in=workflow.RUNNING, deadline__lt=now)
    stopped_late = Q(status__in=workflow.CLOCK_STOPPED, clock_stopped_at__gt=F("deadline"))
    return running | stopped_late


def yellow_condition(calendar, now: datetime, largest_limit: int) -> Q:
    """Yellow among cases whose clock runs, as `deadlines.traffic_light` decides it, in SQL.

    For a running case the counted days used plus left equal its limit N (promised + extension), and
    left = the working days after today up to the due day. Yellow is left ≤ 1 or used ≥ 80 % of N, that is
    left ≤ K(N) = max(1, N // 5) (N − ceil(0.8 N) = floor(N / 5)); so the deadline falls on or before the end
    of the K-th working day after today, and not yet passed. One branch per K up to the largest limit.
    A stopped case's light is frozen at its stop; it is not counted yellow here (red when stopped late)."""
    condition = Q()
    for k in range(1, max(1, largest_limit // 5) + 1):
        low, high = (0 if k == 1 else 5 * k), 5 * k + 4
        condition |= Q(limit__gte=low, limit__lte=high, deadline__lte=calendar.add_working_days(now, k))
    return Q(status__in=workflow.RUNNING, deadline__gte=now) & condition


def _with_limit(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.annotate(limit=F("promised_days") + F("extension_days"))


def _largest_limit(cases: QuerySet[Case], now: datetime) -> int:
    """The largest N among running cases not yet overdue: how many yellow branches are needed."""
    row = (
        _with_limit(cases.filter(status__in=workflow.RUNNING, deadline__gte=now))
        .order_by("-limit")
        .values_list("limit", flat=True)
        .first()
    )
    return row or 0


def light_condition(light: str, calendar, now: datetime, cases: QuerySet[Case]) -> Q:
    if light == YELLOW:
        return yellow_condition(calendar, now, _largest_limit(cases, now))
    return red_condition(now)


@dataclass(frozen=True)
class DepartmentLights:
    department: Department
    red: int
    yellow: int


def lights_by_department(*, staff, now: datetime | None = None) -> list[DepartmentLights]:
    """Red and yellow counts per department of the district, most red first (departments with neither are
    left out). One GROUP BY over the district's cases in progress."""
    district = access_desk(staff)
    now = now or clock.now()
    calendar = calendar_for(district)
    cases = cases_visible_to(staff).filter(status__in=workflow.IN_PROGRESS)
    red = red_condition(now)
    yellow = yellow_condition(calendar, now, _largest_limit(cases, now))
    grouped = (
        _with_limit(cases)
        .filter(red | yellow)
        .values("department_id")
        .annotate(red=Count("id", filter=red), yellow=Count("id", filter=yellow))
    )
    counts = {row["department_id"]: row for row in grouped}
    departments = Department.objects.filter(district=district, pk__in=counts).in_bulk()
    rows = [
        DepartmentLights(departments[pk], row["red"], row["yellow"])
        for pk, row in counts.items()
        if pk in departments
    ]
    return sorted(rows, key=lambda r: (-r.red, -r.yellow, r.department.code))


def overdue_cases(
    *,
    staff,
    light: str = RED,
    department: str = "",
    after=None,
    limit: int = PAGE,
    now: datetime | None = None,
) -> list[Case]:
    """The district's red (overdue) or yellow cases, oldest deadline first (the most overdue), optionally of
    one department (by code); key-set paginated on (deadline, id) with the case spine's cursors."""
    district = access_desk(staff)
    now = now or clock.now()
    cases = cases_visible_to(staff)
    if department:
        cases = cases.filter(department__code=department)
    condition = light_condition(light, calendar_for(district), now, cases)
    cases = _with_limit(cases).filter(condition)
    if after:
        deadline, pk = after
        cases = cases.filter(Q(deadline__gt=deadline) | Q(deadline=deadline, pk__gt=pk))
    return list(
        cases.order_by("deadline", "id")
        .select_related("item", "version", "department")
        .prefetch_related("clock_stops")[:limit]
    )


def case_rows(cases: list[Case], *, district, now: datetime) -> list[dict]:
    calendar = calendar_for(district)
    return [
        {
            "case": c,
            "applicant": masked_applicant(c),
            "timing": queues.case_timing(c, calendar=calendar, now=now),
        }
        for c in cases
    ]


def red_count(*, staff, now: datetime | None = None) -> Capped:
    access_desk(staff)
    return capped_count(cases_visible_to(staff).filter(red_condition(now or clock.now())))


# --- complaints ------------------------------------------------------------------------------------------


def complaint_rows(complaints, *, district, now: datetime) -> list[dict]:
    calendar = calendar_for(district)
    return [
        {
            "complaint": c,
            "timing": complaint_selectors.timing(c, calendar=calendar, now=now),
            "filer": f"{mask_name(c.filer_name)} {mask_phone(c.filer_phone)}".strip(),
        }
        for c in complaints
    ]


def complaints_overdue(*, staff, now: datetime | None = None) -> tuple[list, Capped]:
    """Unanswered complaints past their deadline, the earliest deadline first (complaints' own selector)."""
    access_desk(staff)
    rows = complaint_selectors.complaints_for(staff, view="open", overdue=True, limit=COUNT_CAP + 1)
    return rows[:SHORT], Capped(min(len(rows), COUNT_CAP), len(rows) > COUNT_CAP)


def complaints_escalated(*, staff) -> tuple[list, Capped]:
    """Unanswered complaints escalated to the supervisor (at three times the limit)."""
    access_desk(staff)
    rows = complaint_selectors.complaints_for(staff, view="open", escalated=True, limit=COUNT_CAP + 1)
    return rows[:SHORT], Capped(min(len(rows), COUNT_CAP), len(rows) > COUNT_CAP)


# --- ratings and rectifications ---------------------------------------------------------------------------

BAD_LEVELS = [level for level in rating_rules.LEVELS if rating_rules.is_bad(level)]


def bad_ratings(*, staff, now: datetime | None = None) -> tuple[list[Rating], Capped]:
    """Bad ratings (1–2) of the last 30 days, newest first (index `rating_newest`: district, -rated_at)."""
    district = access_desk(staff)
    since = (now or clock.now()) - timedelta(days=RATING_DAYS)
    rows = Rating.objects.filter(district=district, rated_at__gte=since, level__in=BAD_LEVELS)
    shown = list(
        rows.select_related(
            "person", "case", "ticket", "window__centre", "department", "rectification"
        ).order_by("-rated_at", "-id")[:SHORT]
    )
    return shown, capped_count(rows)


def rater(rating: Rating) -> str:
    person = rating.person
    return f"{mask_name(person.name)} {mask_phone(person.phone)}".strip() if person else ""


def rectifications_overdue(*, staff, now: datetime | None = None) -> tuple[list, Capped]:
    """Rectifications whose contact with the rater or whose fix is overdue, newest first (ratings' own
    selector and scoping)."""
    access_desk(staff)
    rows = rating_selectors.rectifications_for(staff, overdue=True, now=now, limit=COUNT_CAP + 1)
    return rows[:SHORT], Capped(min(len(rows), COUNT_CAP), len(rows) > COUNT_CAP)


def rectification_row(rect, now: datetime) -> dict:
    return {
        "rect": rect,
        "rater": rater(rect.rating),
        "contact_overdue": rect.contacted_at is None and now > rect.contact_due,
        "fix_overdue": rect.closed_at is None and now > rect.fix_due,
    }


# --- dead letters of the back-end integration ------------------------------------------------------------


def dead_letters(*, staff) -> tuple[list[OutboxMessage], Capped]:
    """Messages a department's system never took (dead letters), newest first; replayed from the
    integration's page (`staff-dead-letters`, `integrations.delivery.replay`, audited)."""
    district = access_desk(staff)
    rows = OutboxMessage.objects.filter(district=district, status=MessageStatus.DEAD)
    shown = list(rows.select_related("connector__system", "case").order_by("-created_at", "-id")[:SHORT])
    return shown, capped_count(rows)
