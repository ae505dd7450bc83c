"""Who may see a case's trace, search the trail, read the accountability report and correct an entry; one
condition per line (the access_* pattern). Every function raises Forbidden or returns what the caller may do.

- trace of a case: a supervisor of its district; staff holding a departmental role in its department.
- trail search and accountability report: a supervisor, for the whole district; a department's approver or
  chief representative, for their own department's cases only.
- correction of an entry: a supervisor; the approver or chief representative of the case's department.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onedoor.core.errors import Forbidden, NotFound
from onedoor.districts.models import DEPARTMENT_ROLES, Role

DEPARTMENT_HEADS = (Role.APPROVER, Role.CHIEF_REPRESENTATIVE)


def is_supervisor(staff) -> bool:
    return staff.is_authenticated and staff.district_id is not None and staff.has_role(Role.SUPERVISOR)


def _serves(staff, department_id, roles) -> bool:
    return any(staff.has_role(role, department_id) for role in roles)


def access_trace(staff, case) -> None:
    if not staff.is_authenticated or staff.district_id != case.district_id:
        raise NotFound("case_not_found", _("No case with this number that you may see."))
    if is_supervisor(staff):
        return
    if _serves(staff, case.department_id, DEPARTMENT_ROLES):
        return
    raise Forbidden("trace_not_allowed", _("Only supervisors and the case's department see its trace."))


def access_report(staff) -> set[int] | None:
    """The departments the caller's search and report cover: None for the whole district (a supervisor)."""
    if not staff.is_authenticated or staff.district_id is None:
        raise Forbidden("no_district", _("This account does not belong to a district."))
    if is_supervisor(staff):
        return None
    heads = {d for d in staff.department_ids() if _serves(staff, d, DEPARTMENT_HEADS)}
    if heads:
        return heads
    raise Forbidden(
        "supervisor_required",
        _("Only supervisors, and a department's approvers for their department, see this."),
    )


def access_correct(staff, case) -> str:
    """The role the correction is recorded under."""
    access_trace(staff, case)
    if is_supervisor(staff):
        return Role.SUPERVISOR
    for role in DEPARTMENT_HEADS:
        if staff.has_role(role, case.department_id):
            return role
    raise Forbidden(
        "correction_not_allowed",
        _("Only a supervisor or the department's approver corrects the trail."),
    )
