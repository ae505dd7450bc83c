"""Reads of cases, scoped to the caller's district and role: a department's officers see their department's
cases; window generalists, supervisors, analysts and the district admin see the district's."""

from __future__ import annotations

import json
import uuid

from django.db import connection
from django.db.models import Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import Case
from onedoor.catalog.models import Item, ItemVersion
from onedoor.core import rawrows
from onedoor.core.errors import NotFound
from onedoor.districts.models import Department, Role
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


# The case's own columns a list row and a case shown through the API read (not the whole row).
CASE_COLUMNS = (
    "id",
    "number",
    "status",
    "mode",
    "instant",
    "applicant_number",
    "accepted_at",
    "deadline",
    "gaps_deadline",
    "closed_at",
    "revision",
    "district_id",
    "item_id",
    "version_id",
    "department_id",
)
# …and the three names from related rows (not the whole item version: its guide texts are large).
SHOWN_FIELDS = (*CASE_COLUMNS, "item__code", "version__name", "department__code")

_MATERIALS_JSON = {
    "postgresql": "(SELECT jsonb_agg(jsonb_build_array(m.id, m.code, m.name, m.status, m.record_id, "
    "m.waived_reason)) FROM cases_casematerial m WHERE m.case_id = c.id)",
    "sqlite": "(SELECT json_group_array(json_array(m.id, m.code, m.name, m.status, m.record_id, "
    "m.waived_reason)) FROM cases_casematerial m WHERE m.case_id = c.id)",
}


def _shown_sql(vendor: str, departments: int) -> str:
    scope = f" AND c.department_id IN ({', '.join(['%s'] * departments)})" if departments else ""
    # Columns from the models and fixed SQL; every value is a parameter.
    return (
        f"SELECT {rawrows.columns(Case, 'c', CASE_COLUMNS)}, i.code, v.name, dp.code, "  # noqa: S608
        f"{_MATERIALS_JSON[vendor]}, "
        "(SELECT ct.public_id FROM cases_certificate ct WHERE ct.case_id = c.id "
        "ORDER BY ct.issued_at DESC, ct.id DESC LIMIT 1) "
        "FROM cases_case c JOIN catalog_item i ON i.id = c.item_id "
        "JOIN catalog_itemversion v ON v.id = c.version_id "
        "JOIN districts_department dp ON dp.id = c.department_id "
        f"WHERE c.district_id = %s AND c.number = %s{scope}"
    )


def case_shown(*, staff, number: str) -> Case:
    """One case as the API shows it, in one plain statement (the most frequent read: windows, back-ends and
    progress pages ask for cases one by one): the columns of CASE_COLUMNS, the item code, version name and
    department code, `material_rows` ([id, code, name, status, record_id, waived_reason], any order) and
    `certificate_public_id` (the newest certificate's). The same scope as `cases_visible_to`."""
    district = access_staff_district(staff)
    departments = [] if staff.role_set() & DISTRICT_WIDE else sorted(staff.department_ids())
    row = None
    if departments or staff.role_set() & DISTRICT_WIDE:
        with connection.cursor() as cursor:
            cursor.execute(
                _shown_sql(connection.vendor, len(departments)), [district.pk, number, *departments]
            )
            row = cursor.fetchone()
    if row is None:
        raise NotFound("case_not_found", _("No case with this number that you may see."))
    case, at = rawrows.instance(Case, row, 0, CASE_COLUMNS)
    item_code, version_name, department_code, materials, public_id = row[at:]
    case.item = Item.from_db(connection.alias, ["id", "code"], [case.item_id, item_code])
    case.version = ItemVersion.from_db(connection.alias, ["id", "name"], [case.version_id, version_name])
    case.department = Department.from_db(
        connection.alias, ["id", "code"], [case.department_id, department_code]
    )
    case.material_rows = (json.loads(materials) if isinstance(materials, str) else materials) or []
    case.certificate_public_id = uuid.UUID(str(public_id)) if public_id else None
    return case


def case_list(*, staff, status=None, department=None, applicant=None, after=None, limit=50) -> list[Case]:
    """Newest first, key-set paginated on (accepted_at, id): `after` is the last (accepted_at, id) seen.
    Every filter has an index ending in that order (see Case.Meta), so a page deep in 3M cases is a short
    index range: `accepted_at <= at` bounds the range, the OR only breaks ties within one moment."""
    cases = cases_visible_to(staff).select_related("item", "version", "department").only(*SHOWN_FIELDS)
    if status:
        cases = cases.filter(status=status)
    if department:
        wanted = Department.objects.filter(district_id=staff.district_id, code=department).values("pk")[:1]
        cases = cases.filter(department_id=Subquery(wanted))
    if applicant:
        cases = cases.filter(applicant_number=applicant.strip().upper())
    if after:
        at, pk = after
        cases = cases.filter(accepted_at__lte=at).filter(Q(accepted_at__lt=at) | Q(pk__lt=pk))
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
