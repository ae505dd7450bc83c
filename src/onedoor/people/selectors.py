"""Reads of people data. Every function takes the caller (`staff`) and sees only the caller's district.

Lookups by number are exact and use the (district, number) unique index. Lists show masked numbers and
names; the unmasked data comes only from a full view, which needs a purpose and is logged (DataAccess).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.districts.models import Role
from onedoor.districts.selectors import access_staff_district
from onedoor.people import idnumbers
from onedoor.people.masking import mask_name, mask_number, mask_phone
from onedoor.people.models import AccessKind, DataAccess, Enterprise, Person, VerifiedRecord

SEARCH_LIMIT_MAX = 100
# Ordered as both PostgreSQL (any collation) and SQLite order these characters: digits, then capitals.
NUMBER_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


# --- exact lookups --------------------------------------------------------------------------------


def person_find(*, staff, number: str) -> Person | None:
    """The person with this resident ID number in the caller's district, or None."""
    district = access_staff_district(staff)
    value = idnumbers.normalise(number)
    if len(value) != 18:
        return None
    return Person.objects.filter(district=district, id_number=value).first()


def enterprise_find(*, staff, uscc: str) -> Enterprise | None:
    """The enterprise with this unified social credit code in the caller's district, or None."""
    district = access_staff_district(staff)
    value = idnumbers.normalise(uscc)
    if len(value) != 18:
        return None
    return Enterprise.objects.filter(district=district, uscc=value).first()


def person_get(*, staff, pk) -> Person:
    """A person of the caller's district by database id; NotFound for any other (same as unknown)."""
    district = access_staff_district(staff)
    person = Person.objects.filter(district=district, pk=pk).first()
    if person is None:
        raise NotFound("person_not_found", _("No person with this number is registered here."))
    return person


def enterprise_get(*, staff, pk) -> Enterprise:
    district = access_staff_district(staff)
    enterprise = Enterprise.objects.filter(district=district, pk=pk).first()
    if enterprise is None:
        raise NotFound("enterprise_not_found", _("No enterprise with this code is registered here."))
    return enterprise


# --- full views (logged) --------------------------------------------------------------------------


def _clean_purpose(purpose: str | None) -> str:
    purpose = (purpose or "").strip()
    if not purpose:
        raise DomainError("purpose_required", _("Say why you need the full details; it is recorded."))
    if len(purpose) > 200:
        raise DomainError("purpose_too_long", _("Keep the purpose under 200 characters."))
    return purpose


def _log_full_view(
    *, staff, district, purpose: str, channel: str, person=None, enterprise=None
) -> DataAccess:
    return DataAccess.objects.create(
        district=district,
        kind=AccessKind.FULL_VIEW,
        staff=staff,
        person=person,
        enterprise=enterprise,
        purpose=purpose,
        channel=(channel or "page")[:20],
    )


@dataclass(frozen=True)
class FullView:
    """The unmasked data shown on a full view, with its current records (payload included)."""

    holder: Person | Enterprise
    records: list[VerifiedRecord]
    access: DataAccess


# Who may see a holder's unmasked data at all: the window serves anyone who walks in, supervisors investigate.
# Department officers only for holders with a case in their department; analysts and administrators never
# (they work with aggregates and configuration, not with people).
FULL_VIEW_ROLES = {Role.WINDOW_GENERALIST, Role.SUPERVISOR}


def may_view_full(staff, holder: Person | Enterprise) -> bool:
    if staff.role_set() & FULL_VIEW_ROLES:
        return True
    departments = staff.department_ids()
    return bool(departments) and holder.cases.filter(department_id__in=departments).exists()


def _access_full_view(staff, holder: Person | Enterprise) -> None:
    if not may_view_full(staff, holder):
        raise Forbidden(
            "full_view_not_allowed",
            _(
                "Your role does not allow seeing this person's full details: only the window, supervisors "
                "and officers of a department handling their case may."
            ),
        )


def person_full_view(*, staff, person: Person, purpose: str, channel: str = "page") -> FullView:
    """Unmasked person data; writes a DataAccess(kind=full_view) row naming the caller and the purpose."""
    district = access_staff_district(staff)
    if person.district_id != district.id:
        raise NotFound("person_not_found", _("No person with this number is registered here."))
    _access_full_view(staff, person)
    purpose = _clean_purpose(purpose)
    access = _log_full_view(staff=staff, district=district, purpose=purpose, channel=channel, person=person)
    return FullView(holder=person, records=list(records_of(staff=staff, person=person)), access=access)


def enterprise_full_view(*, staff, enterprise: Enterprise, purpose: str, channel: str = "page") -> FullView:
    district = access_staff_district(staff)
    if enterprise.district_id != district.id:
        raise NotFound("enterprise_not_found", _("No enterprise with this code is registered here."))
    _access_full_view(staff, enterprise)
    purpose = _clean_purpose(purpose)
    access = _log_full_view(
        staff=staff, district=district, purpose=purpose, channel=channel, enterprise=enterprise
    )
    return FullView(
        holder=enterprise, records=list(records_of(staff=staff, enterprise=enterprise)), access=access
    )


# --- masked lists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MaskedRow:
    kind: str  # "resident" or "uscc"
    id: int
    number: str  # masked
    name: str  # masked for persons; an enterprise's registered name is public
    sex: str | None = None


def person_row(person: Person) -> MaskedRow:
    return MaskedRow(
        kind=idnumbers.RESIDENT,
        id=person.pk,
        number=mask_number(person.id_number),
        name=mask_name(person.name),
        sex=person.sex,
    )


def enterprise_row(enterprise: Enterprise) -> MaskedRow:
    return MaskedRow(
        kind=idnumbers.USCC, id=enterprise.pk, number=mask_number(enterprise.uscc), name=enterprise.name
    )


def _prefix_range(field: str, prefix: str) -> Q:
    """`field` starts with `prefix` as a range on the (district, number) index, not a LIKE that the index
    cannot serve under a linguistic collation. Valid because numbers use only NUMBER_ALPHABET."""
    condition = Q(**{f"{field}__gte": prefix})
    stem = prefix
    while stem and stem[-1] == NUMBER_ALPHABET[-1]:
        stem = stem[:-1]
    if stem:
        upper = stem[:-1] + NUMBER_ALPHABET[NUMBER_ALPHABET.index(stem[-1]) + 1]
        condition &= Q(**{f"{field}__lt": upper})
    return condition


def _is_number_prefix(q: str) -> bool:
    """At least 4 letters and digits, one of them a digit (so a Latin name is searched as a name)."""
    return len(q) >= 4 and any(c.isdigit() for c in q) and all(c in NUMBER_ALPHABET for c in q)


def people_search(*, staff, q: str, limit: int = 20) -> list[MaskedRow]:
    """Persons, then enterprises, whose number or name starts with `q`: masked rows, at most `limit`,
    never counted. A number prefix needs 4 characters; a name prefix 1."""
    district = access_staff_district(staff)
    name = unicodedata.normalize("NFKC", q or "").strip()
    limit = max(1, min(int(limit), SEARCH_LIMIT_MAX))
    if not name:
        return []
    if _is_number_prefix(name.upper()):
        prefix = name.upper()
        persons = Person.objects.filter(_prefix_range("id_number", prefix), district=district).order_by(
            "id_number"
        )
        enterprises = Enterprise.objects.filter(_prefix_range("uscc", prefix), district=district).order_by(
            "uscc"
        )
    else:
        persons = Person.objects.filter(district=district, name__startswith=name).order_by("name", "id")
        enterprises = Enterprise.objects.filter(district=district, name__startswith=name).order_by(
            "name", "id"
        )
    rows = [person_row(p) for p in persons.only("id", "id_number", "name", "sex")[:limit]]
    whole_number_found = len(name) == 18 and rows
    if len(rows) < limit and not whole_number_found:
        rows += [enterprise_row(e) for e in enterprises.only("id", "uscc", "name")[: limit - len(rows)]]
    return rows


def person_summary(person: Person) -> dict:
    """What a masked summary card shows."""
    return {
        "number": mask_number(person.id_number),
        "name": mask_name(person.name),
        "sex": person.get_sex_display(),
        "birth_year": person.birth_date.year,
        "phone": mask_phone(person.phone),
        "identity_level": person.get_identity_level_display(),
    }


# --- records and access log -----------------------------------------------------------------------


def _holder_in_district(district, person, enterprise) -> Q:
    if (person is None) == (enterprise is None):
        raise ValueError("give exactly one of person or enterprise")
    holder = person if person is not None else enterprise
    if holder.district_id != district.id:
        raise NotFound("not_found", _("Not found in your district."))
    return Q(person=person) if person is not None else Q(enterprise=enterprise)


def records_of(
    *, staff, person: Person | None = None, enterprise: Enterprise | None = None, today: date | None = None
) -> QuerySet[VerifiedRecord]:
    """Current records: not revoked, already valid and not expired."""
    district = access_staff_district(staff)
    holder = _holder_in_district(district, person, enterprise)
    today = today or timezone.localdate()
    return (
        VerifiedRecord.objects.filter(holder, district=district, revoked_at__isnull=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("source_department", "verified_by")
        .order_by("record_type", "-verified_at")
    )


def data_accesses_of(
    *, staff, person: Person | None = None, enterprise: Enterprise | None = None, limit: int = 200
) -> list[DataAccess]:
    """Who viewed or used this person's (or enterprise's) data, when and why: newest first."""
    district = access_staff_district(staff)
    holder = _holder_in_district(district, person, enterprise)
    return list(
        DataAccess.objects.filter(holder, district=district)
        .select_related("staff", "department", "record")
        .order_by("-at", "-id")[:limit]
    )
