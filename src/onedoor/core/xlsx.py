"""Spreadsheets we hand out: no cell is ever a formula. openpyxl stores any text starting with "=" as a formula,
so a name or a reason someone typed ("=HYPERLINK(…)") would run in the reader's spreadsheet program."""

from __future__ import annotations

from io import BytesIO


def saved_without_formulas(book) -> bytes:
    """The workbook's bytes, every cell that openpyxl took for a formula written back as the text it is."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
