"""The catalog as one JSON text: {"format": "onedoor-catalog/1", "district": "<code>", "items": [...]}."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from onedoor.catalog.canonical import FORMAT
from onedoor.catalog.importexport.report import ImportReport, Location, ParsedItem


def dump_json(catalog: dict) -> bytes:
    return json.dumps(catalog, ensure_ascii=False, indent=1).encode("utf-8")


def _locator(number: int):
    def locate(path: str) -> Location:
        return ("items", number, path)

    return locate


def read_json(payload: bytes, report: ImportReport) -> list[ParsedItem]:
    try:
        document = json.loads(payload.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        report.add(
            ("file", None, ""),
            _("This is not a readable JSON text: %(error)s") % {"error": error},
            "unreadable_file",
        )
        return []
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        report.add(
            ("file", None, "format"),
            _("This file is not in the %(format)s format.") % {"format": FORMAT},
            "bad_format",
        )
        return []
    items = document.get("items")
    if not isinstance(items, list):
        report.add(("file", None, "items"), _("items must be a list."), "bad_format")
        return []
    parsed = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            report.add(("items", number, ""), _("Each item must be an object."), "bad_type")
            continue
        parsed.append(ParsedItem(item, _locator(number)))
    return parsed
