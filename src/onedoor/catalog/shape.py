"""Shape of a canonical item dict: known keys, types, allowed values and lengths (part of the lint)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from onedoor.catalog.canonical import CRITERION_FIELDS, ITEM_FIELDS, MATERIAL_FIELDS, STAGE_FIELDS, Field


@dataclass(frozen=True)
class Problem:
    code: str
    field: str
    message: str
    blocking: bool = True


# --- shape: keys, types, allowed values, lengths ---------------------------------------------------
def _type_ok(value, field: Field) -> bool:
    if field.type == "str":
        return isinstance(value, str)
    if field.type == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if field.type == "bool":
        return isinstance(value, bool)
    if field.type == "list":
        return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    if field.type == "date":
        if value is None or isinstance(value, date):
            return True
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        return True
    raise ValueError(field.type)


_TYPE_NAMES = {
    "str": gettext_noop("text"),
    "int": gettext_noop("a whole number"),
    "bool": gettext_noop("true or false"),
    "list": gettext_noop("a list of text"),
    "date": gettext_noop("an ISO date (YYYY-MM-DD) or empty"),
}


def check_value(key: str, value, field: Field, path: str) -> list[Problem]:
    if not _type_ok(value, field):
        return [
            Problem(
                "bad_type",
                path,
                _("%(field)s must be %(type)s.") % {"field": path, "type": _(_TYPE_NAMES[field.type])},
            )
        ]
    if field.required and field.type == "str" and not value.strip():
        return [Problem("required", path, _("%(field)s must not be empty.") % {"field": path})]
    if field.choices is not None:
        values = value if field.type == "list" else [value]
        bad = [v for v in values if v not in field.choices]
        if bad:
            allowed = ", ".join(str(c) for c in field.choices)
            return [
                Problem(
                    "bad_choice",
                    path,
                    _("%(field)s: %(value)s is not one of %(allowed)s.")
                    % {"field": path, "value": ", ".join(map(str, bad)), "allowed": allowed},
                )
            ]
    if field.max_length and isinstance(value, str) and len(value) > field.max_length:
        return [
            Problem(
                "too_long",
                path,
                _("%(field)s is longer than %(n)d characters.") % {"field": path, "n": field.max_length},
            )
        ]
    if field.type == "int" and value < 0:
        return [Problem("negative", path, _("%(field)s must not be negative.") % {"field": path})]
    return []


def check_object(obj, fields: dict[str, Field], prefix: str, nested: tuple[str, ...] = ()) -> list[Problem]:
    if not isinstance(obj, dict):
        return [Problem("bad_type", prefix, _("%(field)s must be an object.") % {"field": prefix or "item"})]
    problems = []
    for key in obj:
        if key not in fields and key not in nested:
            path = f"{prefix}.{key}" if prefix else key
            problems.append(
                Problem(
                    "unknown_field",
                    path,
                    _("%(field)s is not a field of the catalog format.") % {"field": path},
                )
            )
    for key, field in fields.items():
        path = f"{prefix}.{key}" if prefix else key
        if key not in obj:
            if field.required:
                problems.append(Problem("required", path, _("%(field)s is missing.") % {"field": path}))
            continue
        problems.extend(check_value(key, obj[key], field, path))
    return problems


def list_of(data: dict, key: str) -> list:
    value = data.get(key, [])
    return value if isinstance(value, list) else []


def check_shape(data: dict) -> list[Problem]:
    """Keys, types, allowed values and lengths of the whole item dict (materials, criteria, stages)."""
    problems = check_object(data, ITEM_FIELDS, "", nested=("materials", "stages"))
    if not isinstance(data, dict):
        return problems
    for key in ("materials", "stages"):
        if key in data and not isinstance(data[key], list):
            problems.append(Problem("bad_type", key, _("%(field)s must be a list.") % {"field": key}))
    for i, material in enumerate(list_of(data, "materials")):
        problems += check_object(material, MATERIAL_FIELDS, f"materials[{i}]", nested=("criteria",))
        if isinstance(material, dict):
            criteria = material.get("criteria", [])
            if not isinstance(criteria, list):
                problems.append(
                    Problem(
                        "bad_type",
                        f"materials[{i}].criteria",
                        _("%(field)s must be a list.") % {"field": f"materials[{i}].criteria"},
                    )
                )
                continue
            for j, criterion in enumerate(criteria):
                problems += check_object(criterion, CRITERION_FIELDS, f"materials[{i}].criteria[{j}]")
    for i, stage in enumerate(list_of(data, "stages")):
        problems += check_object(stage, STAGE_FIELDS, f"stages[{i}]")
    return problems
