"""Checking the fields of a person or enterprise before it is written, row by row.

Shared by the single registration and the bulk import so both refuse exactly the same input. Each check
returns the cleaned values and a list of problems (field, code, lazy message); it never touches the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from onedoor.people import idnumbers
from onedoor.people.idnumbers import lazy_format
from onedoor.people.models import IdentityLevel

PHONE_CHARS = frozenset("0123456789+-() ")
IDENTITY_LEVELS = frozenset(IdentityLevel.values)


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: Any

    def as_dict(self, row: int | None = None) -> dict[str, Any]:
        data = {"field": self.field, "code": self.code, "message": self.message}
        return data if row is None else {"row": row, **data}


def _text(values: Mapping[str, Any], name: str) -> str:
    value = values.get(name)
    return "" if value is None else str(value).strip()


def _check_length(problems: list[Problem], name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        message = lazy_format(_("At most %(limit)s characters."), {"limit": limit})
        problems.append(Problem(name, "too_long", message))


def _check_phone(problems: list[Problem], value: str) -> None:
    digits = sum(c.isdigit() for c in value)
    if value and (any(c not in PHONE_CHARS for c in value) or not 7 <= digits <= 15 or len(value) > 20):
        problems.append(Problem("phone", "bad_phone", _("A phone number has 7 to 15 digits.")))


def _check_required(problems: list[Problem], name: str, value: str) -> None:
    if not value:
        problems.append(Problem(name, "required", _("This field is required.")))


def clean_person(values: Mapping[str, Any], *, today: date | None = None) -> tuple[dict, list[Problem]]:
    """Cleaned fields of a Person (including those derived from the ID number) and the problems found."""
    problems: list[Problem] = []
    result = idnumbers.check_resident(values.get("id_number"), today=today)
    if not result.valid:
        problems.append(Problem("id_number", result.error, result.message))
    name, phone, address = _text(values, "name"), _text(values, "phone"), _text(values, "address")
    _check_required(problems, "name", name)
    _check_length(problems, "name", name, 60)
    _check_phone(problems, phone)
    _check_length(problems, "address", address, 200)
    level = values.get("identity_level", IdentityLevel.L2)
    try:
        level = int(level if level not in (None, "") else IdentityLevel.L2)
    except (TypeError, ValueError):
        level = None
    if level not in IDENTITY_LEVELS:
        problems.append(
            Problem("identity_level", "bad_identity_level", _("The identity level is 2, 3, 4 or 5."))
        )
    cleaned = {
        "id_number": result.number,
        "name": name,
        "phone": phone,
        "address": address,
        "identity_level": level,
        "birth_date": result.birth_date,
        "sex": result.sex,
        "region_code": result.region_code,
    }
    return cleaned, problems


def clean_enterprise(values: Mapping[str, Any], *, today: date | None = None) -> tuple[dict, list[Problem]]:
    """Cleaned fields of an Enterprise and the problems found."""
    problems: list[Problem] = []
    result = idnumbers.check_uscc(values.get("uscc"))
    if not result.valid:
        problems.append(Problem("uscc", result.error, result.message))
    cleaned = {"uscc": result.number}
    limits = {"name": 200, "legal_representative": 60, "phone": 20, "address": 200, "industry": 60}
    for name, limit in limits.items():
        cleaned[name] = _text(values, name)
        _check_length(problems, name, cleaned[name], limit)
    _check_required(problems, "name", cleaned["name"])
    _check_phone(problems, cleaned["phone"])
    representative = _text(values, "representative_id_number")
    if representative:
        rep = idnumbers.check_resident(representative, today=today)
        if not rep.valid:
            problems.append(Problem("representative_id_number", rep.error, rep.message))
        representative = rep.number
    cleaned["representative_id_number"] = representative
    return cleaned, problems
