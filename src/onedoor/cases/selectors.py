"""Reads of cases, scoped to the caller's district and role: a department's officers see their department's
cases; window generalists, supervisors, analysts and the district admin see the district's."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import Case
from onedoor.core.errors import NotFound
from onedoor.districts.models import Role
from onedoor.districts.selectors import access_staff_district

DISTRICT_WIDE = {Role.WINDOW_GENERALIST, Role.SUPERVISOR, Role.ANALYST, Role.DISTRICT_ADMIN}


def cases_visible_to(staff) -> QuerySet[Case]:
    district = access_staff_district(staff)
    cases = Case.objects.filter(district=district)
    if staff.role_set() & DISTRICT_WIDE:
        return cases
    return cases.filter(department_id__in=staff.department_ids())


def case_get(*, staff, number: str) -> Case:
    case = (
        cases_visible_to(staff)
        .select_related("item", "version", "department", "centre", "accepted_by", "person", "enterprise")
        .filter(number=number)
        .first()
    )
    if case is None:
        raise NotFound("case_not_found", _("No case with this number that you may see."))
    return case


def case_list(*, staff, status=None, department=None, applicant=None, after=None, limit=50) -> list[Case]:
    """Newest first, key-set paginated on (accepted_at, id): `after` is the last (accepted_at, id) seen."""
    cases = cases_visible_to(staff).select_related("item", "version", "department")
    if status:
        cases = cases.filter(status=status)
    if department:
        cases = cases.filter(department__code=department)
    if applicant:
        cases = cases.filter(applicant_number=applicant.strip().upper())
    if after:
        at, pk = after
        cases = cases.filter(Q(accepted_at__lt=at) | Q(accepted_at=at, pk__lt=pk))
    return list(cases.order_by("-accepted_at", "-id")[:limit])


def case_public(*, district, number: str, applicant_tail: str) -> Case | None:
    """The public progress query: only with the right last four characters of the applicant's number."""
    tail = (applicant_tail or "").strip().upper()
    if len(tail) != 4:
        return None
    case = (
        Case.objects.filter(district=district, number=number).select_related("version", "department").first()
    )
    if case is None or not case.applicant_number.endswith(tail):
        return None
    return case
