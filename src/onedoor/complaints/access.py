"""Who may record, see and act on complaints and consultations, one condition per line (the access_*
pattern). A supervisor sees the district's; a department's staff their department's; the staff member who
recorded one at a window or from a phone call sees it too (read only)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onedoor.core.errors import Forbidden
from onedoor.districts.models import DEPARTMENT_ROLES, Role

RECORDING_ROLES = {Role.WINDOW_GENERALIST, Role.CHIEF_REPRESENTATIVE, Role.SUPERVISOR}


def is_supervisor(staff) -> bool:
    return staff.district_id is not None and staff.has_role(Role.SUPERVISOR)


def serves_department(staff, department_id: int | None) -> bool:
    if department_id is None or staff.district_id is None:
        return False
    return any(staff.has_role(role, department_id) for role in DEPARTMENT_ROLES)


def may_record(staff) -> bool:
    return staff.district_id is not None and bool(staff.role_set() & RECORDING_ROLES)


def may_view(staff, complaint) -> bool:
    if staff.district_id != complaint.district_id:
        return False
    if is_supervisor(staff) or serves_department(staff, complaint.department_id):
        return True
    return complaint.recorded_by_id is not None and complaint.recorded_by_id == staff.pk


def access_record(staff) -> None:
    if not may_record(staff):
        raise Forbidden(
            "role_required",
            _(
                "Only window staff, chief representatives and supervisors record complaints and consultations."
            ),
        )


def access_list(staff) -> set[int] | None:
    """The departments whose complaints the caller lists: None for all of the district (supervisor). Those
    the caller recorded are listed too (`selectors.complaints_for`)."""
    if staff.district_id is None:
        raise Forbidden("no_district", _("This account does not belong to a district."))
    if is_supervisor(staff):
        return None
    departments = {d for d in staff.department_ids() if serves_department(staff, d)}
    if not departments and not may_record(staff):
        raise Forbidden(
            "role_required", _("Only a department's staff or a supervisor see complaints and consultations.")
        )
    return departments


def access_act(staff, complaint, action: str) -> None:
    """reply: the handling department's staff; review, assign, close, reopen: a supervisor."""
    if staff.district_id != complaint.district_id:
        raise Forbidden("other_district", _("This complaint belongs to another district."))
    if action == "reply":
        if not serves_department(staff, complaint.department_id):
            raise Forbidden("department_only", _("Only the staff of the department handling it reply."))
        return
    if not is_supervisor(staff):
        raise Forbidden("supervisor_only", _("Only a supervisor does this."))


def may(staff, complaint, action: str) -> bool:
    try:
        access_act(staff, complaint, action)
    except Forbidden:
        return False
    return True
