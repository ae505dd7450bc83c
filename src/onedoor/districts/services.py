"""Writes of organisation data. Each is atomic and leaves an audit record."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.core.audit import audit
from onedoor.core.errors import DomainError
from onedoor.districts.models import (
    DEPARTMENT_ROLES,
    BackendSystem,
    Centre,
    CentreLevel,
    Department,
    District,
    Role,
    RoleAssignment,
    Staff,
    Window,
)


@transaction.atomic
def district_create(*, code: str, name: str, actor: Staff | None = None, **fields) -> District:
    if not (len(code) == 6 and code.isdigit()):
        raise DomainError("bad_region_code", _("A district's region code has six digits."), region_code=code)
    if District.objects.filter(code=code).exists():
        raise DomainError(
            "district_exists", _("A district with this region code already exists."), region_code=code
        )
    district = District.objects.create(code=code, name=name, **fields)
    audit(district=district, actor=actor, action="district.created", obj=district)
    return district


@transaction.atomic
def centre_create(
    *,
    district: District,
    code: str,
    name: str,
    level: str,
    parent: Centre | None = None,
    actor=None,
    **fields,
) -> Centre:
    if level not in CentreLevel.values:
        raise DomainError("bad_level", _("Unknown centre level."), level=level)
    if parent is not None and parent.district_id != district.id:
        raise DomainError("cross_district", _("The parent centre belongs to another district."))
    centre = Centre.objects.create(
        district=district, code=code, name=name, level=level, parent=parent, **fields
    )
    audit(district=district, actor=actor, action="centre.created", obj=centre)
    return centre


@transaction.atomic
def windows_open(*, centre: Centre, count: int, actor=None, start: int = 1) -> list[Window]:
    windows = [
        Window.objects.create(
            district_id=centre.district_id, centre=centre, number=f"{n:02d}", name=f"综合窗口{n:02d}"
        )
        for n in range(start, start + count)
    ]
    audit(district=centre.district, actor=actor, action="windows.opened", obj=centre, data={"count": count})
    return windows


@transaction.atomic
def department_create(*, district: District, code: str, name: str, actor=None, **fields) -> Department:
    department = Department.objects.create(district=district, code=code, name=name, **fields)
    audit(district=district, actor=actor, action="department.created", obj=department)
    return department


@transaction.atomic
def backend_system_register(
    *, department: Department, code: str, name: str, actor=None, **fields
) -> BackendSystem:
    system = BackendSystem.objects.create(
        district_id=department.district_id, department=department, code=code, name=name, **fields
    )
    audit(district=department.district, actor=actor, action="backend_system.registered", obj=system)
    return system


@transaction.atomic
def staff_create(
    *,
    district: District,
    username: str,
    password: str,
    roles: Iterable[tuple[str, Department | None]] = (),
    display_name: str = "",
    centre: Centre | None = None,
    actor=None,
) -> Staff:
    """Create a staff account with its roles. Departmental roles need a department of the same district."""
    if Staff.objects.filter(username=username).exists():
        raise DomainError("username_taken", _("This username is taken."), username=username)
    staff = Staff(username=username, district=district, display_name=display_name, centre=centre)
    staff.set_password(password)
    roles = list(roles)
    staff.is_staff = any(role == Role.DISTRICT_ADMIN for role, _d in roles)  # may use the admin site
    staff.save()
    for role, department in roles:
        role_grant(staff=staff, role=role, department=department, actor=actor)
    audit(
        district=district,
        actor=actor,
        action="staff.created",
        obj=staff,
        data={"roles": [r for r, _ in roles]},
    )
    return staff


@transaction.atomic
def role_grant(
    *, staff: Staff, role: str, department: Department | None = None, actor=None
) -> RoleAssignment:
    if role not in Role.values:
        raise DomainError("bad_role", _("Unknown role."), role=role)
    if role in DEPARTMENT_ROLES and department is None:
        raise DomainError("department_required", _("This role is held for a department."), role=role)
    if department is not None and department.district_id != staff.district_id:
        raise DomainError("cross_district", _("The department belongs to another district."))
    assignment = RoleAssignment.objects.create(
        district_id=staff.district_id, staff=staff, role=role, department=department
    )
    staff.__dict__.pop("_role_cache", None)
    if role == Role.DISTRICT_ADMIN and not staff.is_staff:
        staff.is_staff = True  # a district admin works in the admin site
        staff.save(update_fields=["is_staff"])
    audit(district=staff.district, actor=actor, action="role.granted", obj=staff, data={"role": role})
    return assignment
