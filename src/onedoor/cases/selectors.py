"""Reads of cases, scoped to the caller's district and role: a department's officers see their department's
cases; window generalists, supervisors, analysts and the district admin see the district's."""

from __future__ import annotations

from django.db.models import Aggregate, JSONField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import JSONArray
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import Case, CaseMaterial, Certificate
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


class _JsonRows(Aggregate):
    """Rows aggregated into one JSON array (jsonb_agg / json_group_array)."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra)


def with_materials_and_certificate(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Fold the case's materials ([id, code, name, status, record_id, waived_reason] rows, any order) and its
    newest certificate's public id into the case's own query: one query shows a whole case."""
    row = JSONArray("id", "code", "name", "status", "record_id", "waived_reason")
    materials = (
        CaseMaterial.objects.filter(case_id=OuterRef("pk"))
        .order_by()
        .values("case_id")
        .annotate(rows=_JsonRows(row))
        .values("rows")[:1]
    )
    certificate = Certificate.objects.filter(case_id=OuterRef("pk")).order_by("-issued_at", "-id")
    return cases.annotate(
        material_rows=Subquery(materials, output_field=JSONField()),
        certificate_public_id=Subquery(certificate.values("public_id")[:1]),
    )


def case_shown(*, staff, number: str) -> Case:
    """`case_get` with materials and certificate folded in (`with_materials_and_certificate`)."""
    case = (
        with_materials_and_certificate(cases_visible_to(staff))
        .select_related("item", "version", "department")
        .only(*SHOWN_FIELDS)
        .filter(number=number)
        .first()
    )
    if case is None:
        raise NotFound("case_not_found", _("No case with this number that you may see."))
    return case


# What a list row and a case shown through the API read: the case's own columns and three names, not the
# whole item version (its guide texts are large).
SHOWN_FIELDS = (
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
    "department_id",
    "item__code",
    "version__name",
    "department__code",
)


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
