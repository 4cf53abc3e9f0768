""".xls / .et (Excel 97–2003 and Kingsoft's spreadsheet) → one list of rows per sheet, as for .xlsx.

The workbook's records (its ``Workbook`` stream, taken out of the OLE container by :mod:`ole`)
are read by xlrd with ``formatting_info=True``, which keeps merged ranges and each cell's number
format. The rows are then built exactly as for a .xlsx (:func:`sheets.grid_rows`, shape ``xls``,
ref ``sheet!B12``): every worksheet, hidden ones and hidden rows too; cached formula results;
a number shown as a percentage reads as ``95%``, a date as ``2023-12-19``; a merged range's
anchor is filled down its first column and the columns it covers to the right are dropped.
"""

from __future__ import annotations

import xlrd

from lib.errors import FormError
from lib.readers.ole import workbook_stream
from lib.readers.package import damaged_file_errors
from lib.readers.sheets import Sheet, cell_text, grid_rows, sheet_limits

_EMPTY = (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)


def read_xls(data: bytes, source: str) -> list[Sheet]:
    """The rows of every worksheet, in workbook order; FormError for a damaged or oversized one."""
    records = workbook_stream(data, source)
    with damaged_file_errors(source, ".xls"):
        try:
            book = xlrd.open_workbook(
                file_contents=records,
                formatting_info=True,
                on_demand=True,
                ragged_rows=True,
                logfile=_Silent(),
            )
        except xlrd.XLRDError as error:
            if "encrypted" in str(error).lower():
                raise FormError(source, "encrypted", program="Excel/WPS") from None
            raise
        try:
            return [_read_sheet(book, index, source) for index in range(book.nsheets)]
        finally:
            book.release_resources()


def _read_sheet(book: xlrd.book.Book, index: int, source: str) -> Sheet:
    """One worksheet, loaded on its own and unloaded after (a sheet's rows are not padded)."""
    sheet = book.sheet_by_index(index)
    try:
        return _sheet_rows(book, sheet, source)
    finally:
        book.unload_sheet(index)


def _sheet_rows(book: xlrd.book.Book, sheet: xlrd.sheet.Sheet, source: str) -> Sheet:
    max_rows, max_cols = sheet_limits()
    if sheet.nrows > max_rows:
        raise FormError(source, "sheet_rows", sheet=sheet.name, rows=sheet.nrows, limit=max_rows)
    if sheet.ncols > max_cols:
        raise FormError(source, "sheet_columns", sheet=sheet.name, columns=sheet.ncols, limit=max_cols)
    grid: dict[int, dict[int, str]] = {}
    for row_index in range(sheet.nrows):
        texts = {
            column + 1: _text(book, cell)
            for column, cell in enumerate(sheet.row(row_index))
            if cell.ctype not in _EMPTY
        }
        texts = {column: text for column, text in texts.items() if text.strip()}
        if texts:
            grid[row_index + 1] = texts
    merges = [(clo + 1, rlo + 1, chi, rhi) for rlo, rhi, clo, chi in sheet.merged_cells]
    return Sheet(sheet.name, grid_rows(sheet.name, grid, sheet.ncols, merges, source, shape="xls"))


def _text(book: xlrd.book.Book, cell: xlrd.sheet.Cell) -> str:
    """The text Excel shows for the cell, as :func:`sheets.cell_text` gives it for a .xlsx."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), None)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return cell_text(cell.value, None)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value), None)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell_text(cell.value, _number_format(book, cell.xf_index))


def _number_format(book: xlrd.book.Book, xf_index: int | None) -> str | None:
    if xf_index is None or xf_index >= len(book.xf_list):
        return None
    number_format = book.format_map.get(book.xf_list[xf_index].format_key)
    return number_format.format_str if number_format else None


class _Silent:
    """xlrd writes warnings about odd records to a log file; the reader has no use for them."""

    def write(self, _text: str) -> None:
        return None
