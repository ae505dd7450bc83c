"""Reads of cases, scoped to the caller's district and role: a department's officers see their department's
cases; window generalists, supervisors, analysts and the district admin see the district's."""

from __future__ import annotations

import json
import uuid

from django.db import connection
from django.db.models import Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from onedoor.cases import shown
from onedoor.cases.models import Case
from onedoor.core import config_cache, rawrows
from onedoor.core.errors import NotFound
from onedoor.districts.models import Department, District, Role
from onedoor.districts.selectors import access_staff_district
from onedoor.people.models import Person

DISTRICT_WIDE = {Role.WINDOW_GENERALIST, Role.SUPERVISOR, Role.ANALYST, Role.DISTRICT_ADMIN}


def _scope(staff) -> tuple[object, list[int] | None]:
    """(district, departments): None when the caller sees the whole district; [] when no case at all."""
    district = access_staff_district(staff)
    if staff.role_set() & DISTRICT_WIDE:
        return district, None
    return district, sorted(staff.department_ids())


def cases_visible_to(staff) -> QuerySet[Case]:
    district, departments = _scope(staff)
    cases = Case.objects.filter(district=district)
    return cases if departments is None else cases.filter(department_id__in=departments)


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


_CERTIFICATE_ID = (
    "(SELECT ct.public_id FROM cases_certificate ct WHERE ct.case_id = c.id "
    "ORDER BY ct.issued_at DESC, ct.id DESC LIMIT 1)"
)


def _materials(value) -> list[dict]:
    """The materials aggregate as rows of MATERIAL_KEYS, in the order they were written (by id)."""
    rows = sorted((json.loads(value) if isinstance(value, str) else value) or [], key=lambda r: r[0])
    return [dict(zip(shown.MATERIAL_KEYS, r[1:], strict=True)) for r in rows]


def _certificate_id(value) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def case_parts(case_id: int) -> dict:
    """{"materials", "certificate_id"} of a case as its stored answer lists them (shown.py), in one statement."""
    return case_parts_many([case_id])[case_id]


def case_parts_many(case_ids: list[int]) -> dict[int, dict]:
    """`case_parts` of several cases, in one statement: {case id: parts}."""
    if not case_ids:
        return {}
    with connection.cursor() as cursor:
        # Fixed SQL; the ids are parameters.
        cursor.execute(
            f"SELECT c.id, {_MATERIALS_JSON[connection.vendor]}, {_CERTIFICATE_ID} "  # noqa: S608
            f"FROM cases_case c WHERE c.id IN ({', '.join(['%s'] * len(case_ids))})",
            list(case_ids),
        )
        rows = cursor.fetchall()
    return {
        case_id: {"materials": _materials(materials), "certificate_id": _certificate_id(certificate_id)}
        for case_id, materials, certificate_id in rows
    }


def case_answer_row(*, staff, number: str) -> tuple[int, str, int, str]:
    """(id, status, department id, stored answer) of a case the caller may see: the API's read of one case, one
    row by its unique (district, number) and no join. The same scope as `cases_visible_to`."""
    district, departments = _scope(staff)
    row = None
    if departments != []:
        scope = (
            "" if departments is None else f" AND department_id IN ({', '.join(['%s'] * len(departments))})"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                # Fixed SQL; every value is a parameter.
                "SELECT id, status, department_id, shown FROM cases_case "  # noqa: S608
                f"WHERE district_id = %s AND number = %s{scope}",
                [district.pk, number, *(departments or [])],
            )
            row = cursor.fetchone()
    if row is None:
        raise NotFound("case_not_found", _("No case with this number that you may see."))
    return row


def stored_answer(case_id: int) -> str:
    """The stored part of a case's answer built from its tables, for a case written before `Case.shown`."""
    return stored_answers([case_id])[case_id]


def stored_answers(case_ids: list[int]) -> dict[int, str]:
    """`stored_answer` of several cases, in two statements: {case id: text}."""
    cases = (
        Case.objects.select_related("item", "version", "department")
        .only(*SHOWN_FIELDS)
        .filter(pk__in=case_ids)
    )
    parts = case_parts_many(list(case_ids))
    return {case.pk: shown.text_of(case, **parts[case.pk]) for case in cases}


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


def case_public_by_number(number: str, applicant_tail: str) -> Case | None:
    """`case_public` in the district the number names: a case number starts with its district's region code,
    so a receipt's QR code or a number typed in any district's hall finds the case."""
    if not number or len(number) > Case._meta.get_field("number").max_length:
        return None
    district = District.objects.filter(code=number.split("-", 1)[0]).first()
    if district is None:
        return None
    return case_public(district=district, number=number, applicant_tail=applicant_tail)


_LAST_ENTRY = "(SELECT t.{} FROM cases_trailentry t WHERE t.case_id = c.id ORDER BY t.seq DESC LIMIT 1)"


def case_for_change(district, number: str) -> Case | None:
    """The case an action changes, locked until the transaction ends (PostgreSQL), with its applicant, its
    trail's head (`trail_seq`, `trail_hash`: what the next entry chains to) and the configuration generation
    (`config_generation`, for `config_cache.Snapshot`); None when there is none.

    One statement, written out: the ORM spent more building this query (two subqueries, a join) than the
    database spent running it."""
    sql = (  # fixed names; the values are parameters
        f"SELECT {rawrows.columns(Case, 'c')}, {_LAST_ENTRY.format('seq')}, {_LAST_ENTRY.format('entry_hash')}, "  # noqa: S608
        f"({config_cache.GENERATION_SQL}), "
        f"{rawrows.columns(Person, 'p')} FROM cases_case c LEFT JOIN people_person p ON p.id = c.person_id "
        "WHERE c.district_id = %s AND c.number = %s"
    )
    if connection.features.has_select_for_update:
        sql += " FOR UPDATE OF c"
    with connection.cursor() as cursor:
        cursor.execute(sql, [district.pk, number])
        row = cursor.fetchone()
    if row is None:
        return None
    case, at = rawrows.instance(Case, row, 0)
    case.trail_seq, case.trail_hash, case.config_generation = row[at : at + 3]
    if case.person_id is not None:
        case.person = rawrows.instance(Person, row, at + 3)[0]
    return case
