"""The scores table as an XLSX workbook (openpyxl): the period, the weights, then one row per unit."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from onedoor.core.xlsx import saved_without_formulas
from onedoor.scores import rules
from onedoor.scores.columns import COLUMNS, KIND_LABELS, RATE, UNIT_HEADINGS
from onedoor.scores.selectors import Table


def table_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(KIND_LABELS[table.kind])[:31]
    sheet.append([_("Period"), f"{table.start:%Y-%m-%d} – {table.end:%Y-%m-%d}"])
    as_of = table.refreshed_at.strftime("%Y-%m-%d %H:%M") if table.refreshed_at else _("never refreshed")
    sheet.append([_("As of"), as_of])
    sheet.append(
        [_("Weights"), "; ".join(f"{rules.COMPONENT_LABELS[c]} {table.weights[c]}" for c in rules.COMPONENTS)]
    )
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(
        [_("Rank"), str(UNIT_HEADINGS[table.kind]), _("Composite score"), *[str(h) for _a, h, _k in COLUMNS]]
    )
    for row in table.rows:
        values = [getattr(row.metrics, attr) for attr, _h, _k in COLUMNS]
        composite = round(row.composite, 2) if row.composite is not None else None
        sheet.append([row.rank or None, row.label, composite, *values])
        for offset, (_attr, _h, kind) in enumerate(COLUMNS):
            if kind == RATE:
                sheet.cell(row=sheet.max_row, column=4 + offset).number_format = "0.0%"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    return saved_without_formulas(book)
