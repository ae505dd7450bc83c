"""Turning spreadsheet cells into canonical values and back. Lists are joined with " | " in one cell."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _

from onedoor.catalog.canonical import Field

LIST_SEPARATOR = "|"
_TRUE = {"true", "yes", "y", "1", "是", "√"}
_FALSE = {"false", "no", "n", "0", "否", "×"}
# Columns holding codes: surrounding spaces from hand-edited sheets are dropped.
CODE_COLUMNS = {
    "code",
    "department",
    "item_code",
    "material_code",
    "id",
    "subject",
    "item_type",
    "kind",
    "exercise_level",
    "necessity",
    "form",
    "source",
    "role",
}


class CellError(ValueError):
    pass


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number or code typed as a number
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def from_cell(value, spec: Field, column: str):
    """The canonical value of one cell, or CellError with a localized reason. Empty → the default."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return list(spec.default) if spec.type == "list" else spec.default
    if spec.type == "str":
        text = _text(value)
        return text.strip() if column in CODE_COLUMNS else text
    if spec.type == "int":
        if isinstance(value, bool):
            raise CellError(_("a whole number is expected"))
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value.strip())
        raise CellError(_("a whole number is expected"))
    if spec.type == "bool":
        if isinstance(value, bool):
            return value
        text = _text(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise CellError(_("TRUE or FALSE is expected"))
    if spec.type == "list":
        return [part.strip() for part in _text(value).split(LIST_SEPARATOR) if part.strip()]
    if spec.type == "date":
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(_text(value).strip()).isoformat()
        except ValueError:
            raise CellError(_("a date (YYYY-MM-DD) is expected")) from None
    raise ValueError(spec.type)


def to_cell(value, spec: Field):
    if spec.type == "list":
        return f" {LIST_SEPARATOR} ".join(value)
    if spec.type == "date":
        return date.fromisoformat(value) if value else None
    return value
