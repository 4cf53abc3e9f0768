"""Old binary Office files for the reader tests: .xls written by xlwt, .doc made once by LibreOffice.

An .xls rendition copies a workbook built by :mod:`fixtures_office` (so it has the same cells and
merged ranges as the .xlsx rendition) into Excel 97–2003's format with xlwt, number formats
included. The .doc renditions cannot be written from Python: tests/data/old-office/ holds each sample's
.docx rendition saved as Word 97–2003 by LibreOffice (tests/data/make_old_office_fixtures.py).
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import xlwt

DOC_FIXTURES = Path(__file__).resolve().parent / "data" / "old-office"


def xls_from_xlsx(
    xlsx: bytes, hidden_sheets: tuple[str, ...] = (), hidden_rows: tuple[int, ...] = ()
) -> bytes:
    """The workbook as an .xls: every sheet, value, number format and merged range.

    ``hidden_sheets`` are saved hidden, and ``hidden_rows`` (1-based) are hidden on every sheet.
    """
    source = openpyxl.load_workbook(io.BytesIO(xlsx))
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, xlwt.XFStyle] = {}
    for sheet in source.worksheets:
        target = book.add_sheet(sheet.title, cell_overwrite_ok=True)
        if sheet.title in hidden_sheets:
            target.visibility = 1
        anchors = {(r.min_row, r.min_col): r for r in sheet.merged_cells.ranges}
        covered = {
            (row, column)
            for r in sheet.merged_cells.ranges
            for row in range(r.min_row, r.max_row + 1)
            for column in range(r.min_col, r.max_col + 1)
        } - set(anchors)
        for row in sheet.iter_rows():
            for cell in row:
                if (cell.row, cell.column) in covered:
                    continue
                style = _style(styles, cell.number_format)
                value = "" if cell.value is None else cell.value
                merged = anchors.get((cell.row, cell.column))
                if merged is not None:
                    target.write_merge(
                        merged.min_row - 1,
                        merged.max_row - 1,
                        merged.min_col - 1,
                        merged.max_col - 1,
                        value,
                        style,
                    )
                elif cell.value is not None:
                    target.write(cell.row - 1, cell.column - 1, value, style)
        for row in hidden_rows:
            target.row(row - 1).hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _style(styles: dict[str, xlwt.XFStyle], number_format: str) -> xlwt.XFStyle:
    if number_format not in styles:
        styles[number_format] = xlwt.XFStyle()
        styles[number_format].num_format_str = number_format
    return styles[number_format]


def doc_fixture(stem: str) -> bytes:
    """The sample's .docx rendition as LibreOffice saved it in Word 97–2003 format."""
    return (DOC_FIXTURES / f"{stem}.doc").read_bytes()
