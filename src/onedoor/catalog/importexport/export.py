"""Exporting a district's published catalog (the current version of every item, by item code)."""

from __future__ import annotations

from onedoor.catalog import selectors
from onedoor.catalog.canonical import FORMAT, version_to_dict
from onedoor.catalog.importexport.xlsx import write_xlsx


def catalog_items(district) -> list[dict]:
    versions = selectors.with_content(selectors.published_versions(district)).order_by("item__code")
    return [version_to_dict(v) for v in versions]


def catalog_export_json(district) -> dict:
    return {"format": FORMAT, "district": district.code, "items": catalog_items(district)}


def catalog_export_xlsx(district) -> bytes:
    return write_xlsx(district.code, catalog_items(district))
