"""Reads for the work pages (待办): a department's work queue by role, overdue lists for a department and for
supervisors, trust-first post-reviews due, who may confirm a deviating decision, and a case's timing as pages
show it (deadline, working days left, traffic light). Read-only; scoped through `cases_visible_to`.

Lists are key-set paginated on (deadline, id), oldest deadline first, and never counted."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onedoor.cases import deadlines, workflow
from onedoor.cases.models import Case, Mode
from onedoor.cases.selectors import cases_visible_to
from onedoor.core.errors import DomainError, Forbidden
from onedoor.districts.models import Role, Staff
from onedoor.districts.selectors import access_staff_district

# The statuses each departmental role works on. The chief representative stands in for every deciding stage
# of the department, and for completion as the approver does.
QUEUE_STATUSES: dict[str, tuple[str, ...]] = {
    Role.UNDERTAKER: ("undertake", "other"),
    Role.REVIEWER: ("review", "other"),
    Role.APPROVER: ("approve", "complete", "other"),
    Role.CHIEF_REPRESENTATIVE: (*workflow.DECIDING, "complete", "other"),
}
POST_REVIEW_ROLES = {Role.UNDERTAKER, Role.REVIEWER, Role.APPROVER, Role.CHIEF_REPRESENTATIVE}
DISTRICT_OVERDUE_ROLES = {Role.SUPERVISOR}

# What each trail action means to a reader of the trail or the public progress page.
STEP_LABELS = {
    "accept": _("Accepted"),
    "undertake": _("Undertaken (承办)"),
    "review": _("Reviewed (审核)"),
    "approve": _("Approved (批准)"),
    "complete": _("Completed (办结)"),
    "deliver": _("Delivered (送达)"),
    "other": _("Special stage finished"),
    "reject": _("Rejected (不予办理)"),
    "confirm": _("Decision confirmed by the second approver (二次审批)"),
    "overrule": _("Decision not confirmed by the second approver"),
    "request_correction": _("Correction requested (补正)"),
    "supply": _("Missing materials supplied"),
    "suspend": _("Suspended for a special procedure"),
    "resume": _("Resumed"),
    "extend": _("Time limit extended"),
    "withdraw": _("Withdrawn by the applicant"),
    "supply_gap": _("Later material supplied"),
    "stop_for_gaps": _("Stopped: later materials missing"),
    "post_review_pass": _("Post-review passed"),
    "revoke": _("Result revoked (撤销)"),
}


def step_label(action: str):
    return STEP_LABELS.get(action, action)


# --- the caller's work ----------------------------------------------------------------------------------


def queue_statuses(staff: Staff) -> dict[int, set[str]]:
    """{department id: statuses the caller acts on there}, from the caller's departmental roles."""
    staff.role_set()
    found: dict[int, set[str]] = {}
    for role, department_id in staff._role_cache:
        if department_id is not None and role in QUEUE_STATUSES:
            found.setdefault(department_id, set()).update(QUEUE_STATUSES[role])
    return found


def _by_deadline(cases: QuerySet[Case], after, limit: int) -> list[Case]:
    """Oldest deadline first (none last), key-set paginated on (deadline, id)."""
    if after:
        deadline, pk = after
        if deadline is None:
            cases = cases.filter(deadline__isnull=True, pk__gt=pk)
        else:
            cases = cases.filter(
                Q(deadline__gt=deadline) | Q(deadline=deadline, pk__gt=pk) | Q(deadline__isnull=True)
            )
    ordered = cases.order_by(F("deadline").asc(nulls_last=True), "id")
    return list(
        ordered.select_related("item", "version", "department").prefetch_related("clock_stops")[:limit]
    )


def work_queue(*, staff: Staff, after=None, limit: int = 50) -> list[Case]:
    """Cases of the caller's departments waiting in a stage one of the caller's roles acts on."""
    wanted = queue_statuses(staff)
    if not wanted:
        return []
    condition = Q()
    for department_id, statuses in sorted(wanted.items()):
        condition |= Q(department_id=department_id, status__in=sorted(statuses))
    return _by_deadline(cases_visible_to(staff).filter(condition), after, limit)


def stopped_in_departments(*, staff: Staff, limit: int = 50) -> list[Case]:
    """Cases of the caller's departments whose clock is stopped (correction, suspension), longest stopped
    first: they leave the work queue until the applicant supplies or the special procedure ends, and this keeps
    them in sight."""
    departments = staff.department_ids()
    if not departments:
        return []
    cases = cases_visible_to(staff).filter(department_id__in=departments, status__in=workflow.CLOCK_STOPPED)
    return list(cases.select_related("version").order_by("clock_stopped_at", "id")[:limit])


def awaiting_my_confirmation(*, staff: Staff, limit: int = 50) -> list[Case]:
    """Decisions that deviate from the criteria and name the caller as their second approver (二次审批), oldest
    deadline first."""
    cases = cases_visible_to(staff).filter(status=workflow.CONFIRM, pending_decision__second=staff.pk)
    return list(cases.select_related("version").order_by(F("deadline").asc(nulls_last=True), "id")[:limit])


def _overdue(cases: QuerySet[Case], now: datetime) -> QuerySet[Case]:
    """Running past the deadline, or stopped only after it had passed (the stop does not excuse it)."""
    running = Q(status__in=workflow.RUNNING, deadline__lt=now)
    stopped_late = Q(status__in=workflow.CLOCK_STOPPED, clock_stopped_at__gt=F("deadline"))
    return cases.filter(running | stopped_late)


def overdue_of_departments(*, staff: Staff, after=None, limit: int = 50, now=None) -> list[Case]:
    """Overdue cases of every department the caller holds a role in, most overdue first."""
    departments = staff.department_ids()
    if not departments:
        return []
    cases = cases_visible_to(staff).filter(department_id__in=sorted(departments))
    return _by_deadline(_overdue(cases, now or timezone.now()), after, limit)


def may_see_district_overdue(staff: Staff) -> bool:
    return bool(staff.role_set() & DISTRICT_OVERDUE_ROLES)


def overdue_of_district(*, staff: Staff, after=None, limit: int = 50, now=None) -> list[Case]:
    """Every overdue case of the district, for supervisors (督办)."""
    access_staff_district(staff)
    if not may_see_district_overdue(staff):
        raise Forbidden("supervisor_required", _("Only supervisors see the district's overdue list."))
    return _by_deadline(_overdue(cases_visible_to(staff), now or timezone.now()), after, limit)


def post_reviews_due(*, staff: Staff, limit: int = 50) -> list[Case]:
    """Trust-first cases of the caller's departments whose post-review (事后核查) is still open, the
    earliest post-review deadline first."""
    staff.role_set()
    departments = sorted({d for role, d in staff._role_cache if d is not None and role in POST_REVIEW_ROLES})
    if not departments:
        return []
    cases = cases_visible_to(staff).filter(
        department_id__in=departments,
        mode=Mode.TRUST_FIRST,
        status="completed",
        post_review_done_at__isnull=True,
    )
    return list(
        cases.order_by(F("post_review_deadline").asc(nulls_last=True), "id").select_related(
            "item", "version", "department"
        )[:limit]
    )


def second_approvers(*, staff: Staff, case: Case) -> list[Staff]:
    """Others who may confirm a decision on this case that deviates from the criteria: the department's
    approvers and chief representatives."""
    district = access_staff_district(staff)
    if case.district_id != district.id:
        return []
    return list(
        Staff.objects.filter(
            district=district,
            is_active=True,
            roles__role__in=[Role.APPROVER, Role.CHIEF_REPRESENTATIVE],
            roles__department_id=case.department_id,
        )
        .exclude(pk=staff.pk)
        .distinct()
        .order_by("username")
    )


# --- cursors ---------------------------------------------------------------------------------------------


def cursor_of(case: Case) -> str:
    value = case.deadline
    raw = json.dumps([value.isoformat() if value else None, case.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_read(cursor: str | None):
    """(deadline or None, id) from a cursor; a damaged cursor is a DomainError, never a crash."""
    if not cursor:
        return None
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        moment = datetime.fromisoformat(value) if value is not None else None
        if moment is not None and moment.tzinfo is None:
            raise ValueError("naive")
        return moment, int(pk)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise DomainError(
            "bad_cursor", _("This cursor is not valid; start again from the first page.")
        ) from None


# --- timing as pages show it -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    deadline: datetime | None
    light: str | None  # green / yellow / red; None once the case is closed or has no deadline
    days_left: int | None  # working days after today up to the due day; negative = overdue by that many
    stopped: bool  # the clock is stopped (correction, suspension)
    stage_deadline: datetime | None = None  # the current stage's own limit
    stage_light: str | None = None  # red once the stage is overdue, yellow with ≤ 1 working day of it left

    @property
    def overdue_by(self) -> int:
        """Working days overdue (0 when not overdue)."""
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def case_timing(case: Case, *, calendar, now: datetime | None = None) -> Timing:
    """The case's deadline, working days left and traffic light (see `deadlines`). Reads `clock_stops`
    (prefetch them for lists)."""
    now = now or timezone.now()
    stopped = case.status in workflow.CLOCK_STOPPED
    if case.deadline is None or case.status in workflow.OUTCOMES:
        return Timing(case.deadline, None, None, stopped)
    stops = [deadlines.ClockStop(s.started_at, s.ended_at) for s in case.clock_stops.all()]
    light = deadlines.traffic_light(calendar, now, case.accepted_at, case.deadline, stops)
    left = deadlines.working_days_left(calendar, now, case.deadline, stops)
    stage_light = None
    if case.stage_deadline is not None:
        stage_light = str(deadlines.stage_light(calendar, now, case.stage_deadline, stops))
    return Timing(case.deadline, str(light), left, stopped, case.stage_deadline, stage_light)
