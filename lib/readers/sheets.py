""".xlsx / .xlsm → one list of rows per sheet, for the interpreter (shape ``xlsx``, ref ``sheet!B12``).

Every sheet is read, hidden ones too, and hidden rows and columns are kept. Values are the
cached results of formulas as Excel last saved them (formulas are never evaluated); a number
shown as a percentage reads as ``95%``, a date as ``2023-12-19``.

openpyxl's read-only mode streams the sheet (memory stays small and a sheet of noise can be
stopped after ``max_sheet_rows`` rows) but forgets merged ranges, so those are read from the
sheet's XML (``<mergeCell ref="A3:A9"/>``), where the rows are first counted (a sheet of noise
is refused before openpyxl parses it). The declared size (``<dimension>``) is checked against
``max_sheet_rows`` / ``max_sheet_cols`` too, then ignored while reading, so a wrong one can
neither hide data nor let a larger sheet through.

Merged cells, decided for the interpreter: a range's anchor text is filled *down* the range's
first column (a level label merged over six indicator rows is repeated on each, which the
interpreter reads as the same label); the columns a range covers to the right are dropped, so
a horizontally merged title or value stays one cell, as in Word's tables and text exports.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser

from lib import settings
from lib.errors import FormError
from lib.readers.grid import Cell, Row, rows_without_empties
from lib.readers.package import count_tags, damaged_file_errors, open_zip

_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
_CHUNK, _OVERLAP = 1 << 20, 256  # the overlap is longer than any tag matched
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)\"")
_Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row


@dataclass
class Sheet:
    title: str
    rows: list[Row]


def read_xlsx(data: bytes, source: str) -> list[Sheet]:
    """The rows of every worksheet, in workbook order; FormError for a damaged or oversized one."""
    with damaged_file_errors(source, ".xlsx"):
        merges = _scan_sheets(open_zip(data, source), source)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            return [
                _read_sheet(sheet, merges.get(sheet._worksheet_path.lstrip("/"), []), source)  # noqa: SLF001
                for sheet in workbook.worksheets
            ]
        finally:
            workbook.close()


def _scan_sheets(archive: zipfile.ZipFile, source: str) -> dict[str, list[_Bounds]]:
    """Each sheet's merged ranges, read from its XML (read-only mode forgets them), after a
    quick count of its rows: openpyxl itself walks a whole sheet that declares no size. The
    shared strings are counted first: openpyxl reads them all before any sheet."""
    _count_shared_strings(archive, source)
    merges = {}
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with archive.open(name) as stream:
                merges[name] = _scan_sheet(stream, name.rsplit("/", 1)[-1], source)
    return merges


def _count_shared_strings(archive: zipfile.ZipFile, source: str) -> None:
    most = int(settings.get("max_shared_strings"))
    for name in (n for n in archive.namelist() if n.lower().endswith("sharedstrings.xml")):
        with archive.open(name) as stream:
            if count_tags(stream, _SHARED_STRING, most) > most:
                raise FormError(source, "too_many_strings", limit=most)


def _scan_sheet(stream: io.BufferedIOBase, name: str, source: str) -> list[_Bounds]:
    """Stream one sheet's XML in chunks: refuse it past ``max_sheet_rows``, collect its merges."""
    max_rows = sheet_limits()[0]
    rows, refs, tail = 0, [], b""
    while True:
        chunk = stream.read(_CHUNK)
        data = tail + chunk
        cut = len(data) if not chunk else max(len(data) - _OVERLAP, 0)  # a tag may straddle chunks
        rows += sum(1 for match in _ROW.finditer(data) if match.start() < cut)
        refs += [match[1] for match in _MERGE.finditer(data) if match.start() < cut]
        if rows > max_rows:
            raise FormError(source, "sheet_rows_over", sheet=name, limit=max_rows)
        if len(refs) > int(settings.get("max_sheet_merges")):
            raise FormError(source, "sheet_merges", sheet=name, limit=settings.get("max_sheet_merges"))
        if not chunk:
            return [range_boundaries(ref.decode("ascii")) for ref in refs]
        tail = data[cut:]


def _read_sheet(sheet: object, merges: list[_Bounds], source: str) -> Sheet:
    _check_declared_size(sheet, source)
    sheet.reset_dimensions()
    grid, width = _values(sheet, source)
    return Sheet(sheet.title, grid_rows(sheet.title, grid, width, merges, source))


def sheet_limits() -> tuple[int, int]:
    return int(settings.get("max_sheet_rows")), int(settings.get("max_sheet_cols"))


def _check_declared_size(sheet: object, source: str) -> None:
    max_rows, max_cols = sheet_limits()
    if (sheet.max_row or 0) > max_rows:
        raise FormError(source, "sheet_rows", sheet=sheet.title, rows=sheet.max_row, limit=max_rows)
    if (sheet.max_column or 0) > max_cols:
        raise FormError(source, "sheet_columns", sheet=sheet.title, columns=sheet.max_column, limit=max_cols)


def _values(sheet: object, source: str) -> tuple[dict[int, dict[int, str]], int]:
    """Row → column → text of every non-empty cell, and the table's width; stops at the limits.

    The width counts cells present in the sheet without a value (a bordered empty cell is
    part of the table), up to ``max_sheet_cols``.
    """
    max_rows, max_cols = sheet_limits()
    grid: dict[int, dict[int, str]] = {}
    width = 0
    for row_number, row in _raw_rows(sheet):
        if row_number > max_rows:
            raise FormError(source, "sheet_rows_over", sheet=sheet.title, limit=max_rows)
        width = max(width, min(row[-1]["column"] if row else 0, max_cols))
        texts = {
            raw["column"]: cell_text(cell.value, cell.number_format)
            for raw in row
            if raw["value"] is not None and (cell := ReadOnlyCell(sheet, **raw))
        }
        texts = {column: text for column, text in texts.items() if text.strip()}
        if texts and max(texts) > max_cols:
            raise FormError(
                source, "sheet_column_value", sheet=sheet.title, column=max(texts), limit=max_cols
            )
        if texts:
            grid[row_number] = texts
    return grid, width


def _raw_rows(sheet: object) -> Iterator[tuple[int, list[dict]]]:
    """(row number, the cells written in it) from openpyxl's sheet parser, without the padding
    ``iter_rows`` adds: one empty cell at column XFD made every row 16,384 cells (D1)."""
    workbook = sheet.parent
    with sheet._get_source() as stream:  # noqa: SLF001 - the read-only sheet's own XML
        parser = WorkSheetParser(
            stream,
            sheet._shared_strings,  # noqa: SLF001
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,  # noqa: SLF001
            timedelta_formats=workbook._timedelta_formats,  # noqa: SLF001
        )
        yield from parser.parse()


def cell_text(value: object, number_format: str | None) -> str:
    """A cell's value as the text Excel shows for it (percentages and dates as written)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return f"{_number(value * 100)}%"
        return _number(value)
    return str(value)


def _number(value: float) -> str:
    """Whole numbers without a decimal point; others to the 15 digits Excel shows."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def grid_rows(
    title: str,
    grid: dict[int, dict[int, str]],
    width: int,
    merges: list[_Bounds],
    source: str,
    shape: str = "xlsx",
) -> list[Row]:
    """Rows of cells with merges applied (filled down, covered columns dropped); the .xls reader's too."""
    if not grid:
        return []
    last_row = max(grid)
    max_cols = sheet_limits()[1]
    width = max([width] + [min(max_col, max_cols) for _, _, max_col, _ in merges])
    if last_row * width > int(settings.get("max_sheet_cells")):
        limit = settings.get("max_sheet_cells")
        raise FormError(source, "sheet_cells", sheet=title, rows=last_row, columns=width, limit=limit)
    _check_merged_area(title, merges, last_row, width, source)
    covered = _fill_merges(grid, merges, last_row, width)
    rows = []
    for row_number in sorted(grid):
        skip = covered.get(row_number, ())
        values = grid[row_number]
        cells = [
            Cell(values.get(column, ""), f"{title}!{get_column_letter(column)}{row_number}")
            for column in range(1, width + 1)
            if column not in skip
        ]
        rows.append(Row(cells, f"{title}!{row_number}", shape))
    return rows_without_empties(rows)


def _check_merged_area(title: str, merges: list[_Bounds], last_row: int, width: int, source: str) -> None:
    """Refuse merged ranges covering more than ``max_sheet_cells`` cells in all: ranges never overlap
    in a real sheet, so only ranges piled on one another (filling each costs its area) get there."""
    area = sum(
        (min(max_row, last_row) - min_row + 1) * (min(max_col, width) - min_col + 1)
        for min_col, min_row, max_col, max_row in merges
        if min_row <= last_row and min_col <= width
    )
    if area > int(settings.get("max_sheet_cells")):
        limit = settings.get("max_sheet_cells")
        raise FormError(source, "sheet_merged_cells", sheet=title, area=area, limit=limit)


def _fill_merges(
    grid: dict[int, dict[int, str]], merges: list[_Bounds], last_row: int, width: int
) -> dict[int, set[int]]:
    """Fill each range's anchor down its first column; return the columns each row's ranges cover."""
    covered: dict[int, set[int]] = {}
    for min_col, min_row, max_col, max_row in merges:
        if min_row > last_row or min_col > width:
            continue
        anchor = grid.get(min_row, {}).get(min_col)
        for row_number in range(min_row, min(max_row, last_row) + 1):
            if anchor is not None and row_number > min_row:
                grid.setdefault(row_number, {})[min_col] = anchor
            covered.setdefault(row_number, set()).update(range(min_col + 1, min(max_col, width) + 1))
    return covered
