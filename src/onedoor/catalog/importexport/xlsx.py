"""The catalog as an XLSX workbook: sheets about / items / materials / criteria / stages, one row per thing,
a header row of canonical keys (docs/catalog-format.md)."""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException

from onedoor.catalog.canonical import (
    CRITERION_FIELDS,
    FORMAT,
    ITEM_FIELDS,
    MATERIAL_FIELDS,
    STAGE_FIELDS,
    Field,
)
from onedoor.catalog.importexport.cells import CellError, from_cell, to_cell
from onedoor.catalog.importexport.report import ImportReport, Location, ParsedItem

_CODE = Field("str", required=True)
SHEETS: dict[str, dict[str, Field]] = {
    "items": ITEM_FIELDS,
    "materials": {"item_code": _CODE, **MATERIAL_FIELDS},
    "criteria": {"item_code": _CODE, "material_code": _CODE, **CRITERION_FIELDS},
    "stages": {"item_code": _CODE, **STAGE_FIELDS},
}
MAX_ROWS = 500_000


# --- writing ---------------------------------------------------------------------------------------
def _row(sheet, values: list, specs: list[Field]) -> list:
    cells = []
    for value, spec in zip(values, specs, strict=True):
        cell = WriteOnlyCell(sheet, to_cell(value, spec))
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with
        cells.append(cell)
    return cells


def write_xlsx(district_code: str, items: list[dict]) -> bytes:
    book = Workbook(write_only=True)
    about = book.create_sheet("about")
    about.append(["format", FORMAT])
    about.append(["district", district_code])
    sheets = {name: book.create_sheet(name) for name in SHEETS}
    for name, sheet in sheets.items():
        sheet.append(list(SHEETS[name]))
    specs = {name: list(fields.values()) for name, fields in SHEETS.items()}
    for item in items:
        sheets["items"].append(_row(sheets["items"], [item[k] for k in ITEM_FIELDS], specs["items"]))
        for material in item["materials"]:
            values = [item["code"], *(material[k] for k in MATERIAL_FIELDS)]
            sheets["materials"].append(_row(sheets["materials"], values, specs["materials"]))
            for criterion in material["criteria"]:
                values = [item["code"], material["code"], *(criterion[k] for k in CRITERION_FIELDS)]
                sheets["criteria"].append(_row(sheets["criteria"], values, specs["criteria"]))
        for stage in item["stages"]:
            values = [item["code"], *(stage[k] for k in STAGE_FIELDS)]
            sheets["stages"].append(_row(sheets["stages"], values, specs["stages"]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading ---------------------------------------------------------------------------------------
def _rows(book, name: str, report: ImportReport) -> list[tuple[int, dict]] | None:
    """(row number, {column: value}) for each non-empty row, or None when the sheet is unusable."""
    if name not in book.sheetnames:
        report.add((name, None, ""), _("The sheet %(sheet)s is missing.") % {"sheet": name}, "missing_sheet")
        return None
    fields = SHEETS[name]
    rows = book[name].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    missing = [c for c in fields if c not in header]
    for column in missing:
        report.add(
            (name, 1, column), _("The column %(column)s is missing.") % {"column": column}, "missing_column"
        )
    for column in header:
        if column and column not in fields:
            report.add(
                (name, 1, column),
                _("%(column)s is not a column of this sheet.") % {"column": column},
                "unknown_column",
            )
    if missing:
        return None
    out = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS:
            report.add((name, number, ""), _("The sheet has too many rows."), "too_many_rows")
            return None
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        raw = dict(zip(header, values, strict=False))
        row = {}
        for column, spec in fields.items():
            try:
                row[column] = from_cell(raw.get(column), spec, column)
            except CellError as error:
                report.add(
                    (name, number, column),
                    _("%(value)s: %(reason)s.") % {"value": raw.get(column), "reason": error},
                    "bad_value",
                )
                row[column] = raw.get(column)
        out.append((number, row))
    return out


def _locator(item_row: int, material_rows: list[int], criterion_rows: list[list[int]], stage_rows: list[int]):
    def locate(path: str) -> Location:
        head, _, column = path.rpartition(".")
        if not head:
            if path == "stages":
                return ("stages", stage_rows[0] if stage_rows else None, "share")
            if path == "materials":
                return ("materials", material_rows[0] if material_rows else None, "")
            return ("items", item_row, path)
        parts = head.replace("]", "").split(".")
        i = int(parts[0].split("[")[1])
        if parts[0].startswith("stages"):
            return ("stages", stage_rows[i], column)
        if len(parts) == 1:
            return ("materials", material_rows[i], column)
        j = int(parts[1].split("[")[1])
        return ("criteria", criterion_rows[i][j], column)

    return locate


def _check_about(book, report: ImportReport) -> None:
    """The optional about sheet names the format; another format is refused."""
    if "about" not in book.sheetnames:
        return
    for number, row in enumerate(book["about"].iter_rows(values_only=True, max_row=20), start=1):
        if row and row[0] == "format" and (len(row) < 2 or row[1] != FORMAT):
            report.add(
                ("about", number, "format"),
                _("This file is not in the %(format)s format.") % {"format": FORMAT},
                "bad_format",
            )


def read_xlsx(payload: bytes, report: ImportReport) -> list[ParsedItem]:
    try:
        book = load_workbook(io.BytesIO(payload), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        report.add(("file", None, ""), _("This is not a readable XLSX workbook."), "unreadable_file")
        return []
    try:
        _check_about(book, report)
        sheets = {name: _rows(book, name, report) for name in SHEETS}
    finally:
        book.close()
    if any(rows is None for rows in sheets.values()):
        return []
    return _assemble(sheets, report)


def _assemble(sheets: dict, report: ImportReport) -> list[ParsedItem]:
    items: dict[str, dict] = {}
    rows: dict[str, dict] = {}
    for number, row in sheets["items"]:
        if row["code"] in items:
            report.add(
                ("items", number, "code"),
                _("The item code %(code)s appears twice.") % {"code": row["code"]},
                "duplicate_item",
            )
            continue
        items[row["code"]] = {**row, "materials": [], "stages": []}
        rows[row["code"]] = {"item": number, "materials": [], "criteria": [], "stages": [], "by_code": {}}
    for number, row in sheets["materials"]:
        code = row.pop("item_code")
        if code not in items:
            report.add(
                ("materials", number, "item_code"),
                _("No item %(code)s in the items sheet.") % {"code": code},
                "unknown_item",
            )
            continue
        rows[code]["by_code"].setdefault(row["code"], len(items[code]["materials"]))
        items[code]["materials"].append({**row, "criteria": []})
        rows[code]["materials"].append(number)
        rows[code]["criteria"].append([])
    for number, row in sheets["criteria"]:
        code, material_code = row.pop("item_code"), row.pop("material_code")
        index = rows[code]["by_code"].get(material_code) if code in rows else None
        if index is None:
            report.add(
                ("criteria", number, "material_code"),
                _("No material %(material)s of item %(code)s in the materials sheet.")
                % {"material": material_code, "code": code},
                "unknown_material",
            )
            continue
        items[code]["materials"][index]["criteria"].append(row)
        rows[code]["criteria"][index].append(number)
    for number, row in sheets["stages"]:
        code = row.pop("item_code")
        if code not in items:
            report.add(
                ("stages", number, "item_code"),
                _("No item %(code)s in the items sheet.") % {"code": code},
                "unknown_item",
            )
            continue
        items[code]["stages"].append(row)
        rows[code]["stages"].append(number)
    return [
        ParsedItem(data, _locator(r["item"], r["materials"], r["criteria"], r["stages"]))
        for data, r in ((items[code], rows[code]) for code in items)
    ]
