"""Reads of organisation data, always scoped to a district. Access checks live here too, one condition per
line (Zulip's access_* pattern)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from onedoor.core.errors import Forbidden, NotFound
from onedoor.districts.models import Centre, Department, District, Role, Staff


def district_by_code(code: str | None) -> District:
    """The district public pages and endpoints show: the one named, or the default."""
    district = District.objects.filter(code=code or settings.DEFAULT_DISTRICT).first()
    if district is None:
        district = District.objects.order_by("id").first() if not code else None
    if district is None:
        raise NotFound("district_not_found", _("No such district."))
    return district


def access_staff_district(staff: Staff) -> District:
    """The caller's district; staff without one (platform operators) cannot act on tenant data."""
    if not staff.is_authenticated:
        raise Forbidden("not_authenticated", _("Please log in."))
    if staff.district_id is None:
        raise Forbidden("no_district", _("This account does not belong to a district."))
    return staff.district


def access_role(staff: Staff, *roles: str) -> None:
    if not any(staff.has_role(role) for role in roles):
        raise Forbidden("role_required", _("Your role does not allow this."))


def is_district_admin(staff: Staff) -> bool:
    return staff.is_authenticated and staff.district_id is not None and staff.has_role(Role.DISTRICT_ADMIN)


def centres_of(district: District) -> QuerySet[Centre]:
    return Centre.objects.filter(district=district).select_related("parent")


def departments_of(district: District) -> QuerySet[Department]:
    return Department.objects.filter(district=district)


def department_by_code(district: District, code: str) -> Department:
    department = Department.objects.filter(district=district, code=code).first()
    if department is None:
        raise NotFound("department_not_found", _("No such department in this district."), code=code)
    return department


def staff_centre(staff, snapshot) -> Centre | None:
    """The staff member's centre (None for none), through a `core.config_cache` snapshot unless already loaded."""
    centre_id = getattr(staff, "centre_id", None)
    if centre_id is None or "centre" in staff._state.fields_cache:
        return getattr(staff, "centre", None)
    return snapshot.get(("centre_id", centre_id), lambda: Centre.objects.get(pk=centre_id))
