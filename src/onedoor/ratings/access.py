"""Who may see and act on rectifications, one condition per line (the access_* pattern)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onedoor.core.errors import Forbidden
from onedoor.districts.models import DEPARTMENT_ROLES, Role


def is_supervisor(staff) -> bool:
    return staff.district_id is not None and staff.has_role(Role.SUPERVISOR)


def serves_department(staff, department_id: int | None) -> bool:
    """The staff member holds a departmental role (undertaker, reviewer, approver, chief representative) there."""
    if department_id is None or staff.district_id is None:
        return False
    return any(staff.has_role(role, department_id) for role in DEPARTMENT_ROLES)


def may_view(staff, rectification) -> bool:
    if staff.district_id != rectification.district_id:
        return False
    return is_supervisor(staff) or serves_department(staff, rectification.department_id)


def access_list(staff) -> set[int] | None:
    """The departments whose rectifications the caller lists: None for all of the district (supervisor)."""
    if staff.district_id is None:
        raise Forbidden("no_district", _("This account does not belong to a district."))
    if is_supervisor(staff):
        return None
    departments = {d for d in staff.department_ids() if serves_department(staff, d)}
    if not departments:
        raise Forbidden(
            "role_required", _("Only a department's staff or a supervisor see rectifications of bad ratings.")
        )
    return departments


def access_act(staff, rectification, action: str) -> None:
    """Departmental actions by the department's staff (a supervisor stands in, and handles ratings of no
    department); filing an appeal by the department only; deciding it by a supervisor only."""
    if staff.district_id != rectification.district_id:
        raise Forbidden("other_district", _("This rectification belongs to another district."))
    own = serves_department(staff, rectification.department_id)
    if action == "decide_appeal":
        if not is_supervisor(staff):
            raise Forbidden("supervisor_only", _("Only a supervisor decides an appeal."))
        return
    if action == "appeal":
        if not own and not (rectification.department_id is None and is_supervisor(staff)):
            raise Forbidden("department_only", _("Only the rated department appeals against a rating."))
        return
    if not own and not is_supervisor(staff):
        raise Forbidden("department_only", _("Only the rated department's staff act on this rectification."))
