""".xlsx / .xlsm → one list of rows per sheet, for the interpreter (shape ``xlsx``, ref ``sheet!B12``).

Every sheet is read, hidden ones too, and hidden rows and columns are kept. Values are the
cached results of formulas as Excel last saved them (formulas are never evaluated); a number
shown as a percentage reads as ``95%``, a date as ``2023-12-19``.

The package is opened as openpyxl's read-only mode opened it (:class:`_Workbook`), but only the
parts the reader uses are parsed, with lxml (:mod:`package`): the content types, the workbook and
its relationships, the shared strings, the cell styles' number formats. Each sheet is streamed
row by row (memory stays small), and each cell is read by openpyxl's own ``parse_cell``. Merged
ranges are read from the sheet's XML (``<mergeCell ref="A3:A9"/>``) in a first quick pass that
also counts the rows (a sheet of noise is refused before it is parsed). The declared size
(``<dimension>``) is checked against ``max_sheet_rows`` / ``max_sheet_cols`` too, then ignored
while reading, so a wrong one can neither hide data nor let a larger sheet through.

Merged cells, decided for the interpreter: a range's anchor text is filled *down* the range's
first column (a level label merged over six indicator rows is repeated on each, which the
interpreter reads as the same label); the columns a range covers to the right are dropped, so
a horizontally merged title or value stays one cell, as in Word's tables and text exports.
"""

from __future__ import annotations

import datetime
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from lxml import etree
from openpyxl.packaging.relationship import get_rels_path
from openpyxl.styles.numbers import (
    BUILTIN_FORMATS,
    BUILTIN_FORMATS_MAX_SIZE,
    BUILTIN_FORMATS_REVERSE,
    builtin_format_code,
    is_date_format,
    is_timedelta_format,
)
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900
from openpyxl.workbook.child import INVALID_TITLE_REGEX
from openpyxl.worksheet._reader import WorkSheetParser

from lib import settings
from lib.errors import FormError
from lib.readers.grid import Cell, Row, rows_without_empties
from lib.readers.package import (
    CONTENT_TYPES,
    PACKAGE_RELS,
    count_tags,
    damaged_file_errors,
    iter_xml_part,
    open_zip,
    xml_part,
)

_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
_CHUNK, _OVERLAP = 1 << 20, 256  # the overlap is longer than any tag matched
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)\"")
_Bounds = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROW_TAG, _DIMENSION_TAG, _DATA_TAG = f"{_MAIN}row", f"{_MAIN}dimension", f"{_MAIN}sheetData"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_WORKBOOK_TYPES = (  # in the order openpyxl looks for them
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    f"{_SPREADSHEET}.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    f"{_SPREADSHEET}.sheet.main+xml",
)
_SHARED_STRINGS_TYPE = f"{_SPREADSHEET}.sharedStrings+xml"


@dataclass
class Sheet:
    title: str
    rows: list[Row]


@dataclass
class _NumberStyle:
    """What a cell style tells the reader: its number format, and whether it shows a date or a duration."""

    number_format: str | None
    is_date: bool
    is_timedelta: bool


def read_xlsx(data: bytes, source: str) -> list[Sheet]:
    """The rows of every worksheet, in workbook order; FormError for a damaged or oversized one."""
    with damaged_file_errors(source, ".xlsx"):
        archive = open_zip(data, source)
        merges = _scan_sheets(archive, source)
        workbook = _Workbook(archive)
        return [
            _read_sheet(workbook, title, name, merges.get(name, []), source)
            for title, name in workbook.worksheets()
        ]


# The workbook is opened as openpyxl's read-only mode opened it (the workbook part found by its
# content type, the sheets in workbook order through its relationships, chart sheets and sheets
# whose part is missing skipped, shared strings, cell styles' number formats and the 1904 date
# system read the same way), but only those parts are parsed, with lxml: openpyxl also built the
# style sheet's fonts, fills and borders, the document properties and the theme, and parsed the
# sheets with Python's ElementTree, which took half of a .xlsx's reading.
class _Workbook:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        types = xml_part(archive, "/[Content_Types].xml")
        self.part = _workbook_part(types)
        self.shared_strings = self._shared_strings(types)
        self.styles = self._number_styles()

    def worksheets(self) -> list[tuple[str, str]]:
        """(title, part name) of each worksheet, in workbook order."""
        root = xml_part(self.archive, "/" + self.part)
        properties = root.find(f"{_MAIN}workbookPr")
        self.epoch = CALENDAR_WINDOWS_1900
        if properties is not None and properties.get("date1904") in ("1", "true"):
            self.epoch = CALENDAR_MAC_1904
        targets = self._relationships()
        names = set(self.archive.namelist())
        sheets = []
        for sheet in root.iterfind(f"{_MAIN}sheets/{_MAIN}sheet"):
            if not sheet.get(_REL_ID):
                continue
            reltype, target = targets[sheet.get(_REL_ID)]
            if target in names and "chartsheet" not in reltype:
                sheets.append((_title(sheet.get("name")), target))
        return sheets

    def _relationships(self) -> dict[str, tuple[str, str]]:
        """Id → (type, target) of the workbook's relationships, targets resolved as openpyxl does."""
        rels_name = get_rels_path(self.part)
        parent = posixpath.split(posixpath.dirname(rels_name))[0]
        targets = {}
        for rel in xml_part(self.archive, "/" + rels_name).iter(f"{{{PACKAGE_RELS}}}Relationship"):
            target = rel.get("Target")
            if rel.get("TargetMode") != "External":
                target = (
                    target[1:]
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(parent, target))
                )
            targets[rel.get("Id")] = (rel.get("Type"), target)
        return targets

    def _shared_strings(self, types: etree._Element) -> list[str]:
        names = [
            o.get("PartName")
            for o in types.iter(f"{{{CONTENT_TYPES}}}Override")
            if o.get("ContentType") == _SHARED_STRINGS_TYPE
        ]
        if not names:
            return []
        strings = []
        for element in iter_xml_part(self.archive, names[0][1:], f"{_MAIN}si"):
            strings.append(_text_content(element).replace("x005F_", ""))
            element.clear()
        return strings

    def _number_styles(self) -> list[_NumberStyle]:
        """Each cell style's number format, rebased and indexed as openpyxl's style sheet does."""
        try:
            root = xml_part(self.archive, "/xl/styles.xml")
        except KeyError:
            return [_NumberStyle("General", False, False)]
        custom = {
            int(f.get("numFmtId")): f.get("formatCode")
            for f in root.iterfind(f"{_MAIN}numFmts/{_MAIN}numFmt")
        }
        xfs = [int(xf.get("numFmtId", 0)) for xf in root.iterfind(f"{_MAIN}cellXfs/{_MAIN}xf")]
        if not xfs:
            return [_NumberStyle("General", False, False)]
        added: list[str] = []  # custom formats, numbered from 164 in the order styles use them
        numbered: list[tuple[int, str | None]] = []  # each style's format number and code
        for number_id in xfs:
            code = custom[number_id] if number_id in custom else builtin_format_code(number_id)
            if number_id in custom and code in BUILTIN_FORMATS_REVERSE:
                number_id = BUILTIN_FORMATS_REVERSE[code]
            elif number_id in custom:
                if code not in added:
                    added.append(code)
                number_id = added.index(code) + BUILTIN_FORMATS_MAX_SIZE
            numbered.append((number_id, code))
        return [
            _NumberStyle(_shown_format(number_id, added), is_date_format(code), is_timedelta_format(code))
            for number_id, code in numbered
        ]


def _shown_format(number_id: int, added: list[str]) -> str | None:
    """The format a cell of this number shows; None where openpyxl failed on it (a custom
    number that the style sheet never defines)."""
    if number_id < BUILTIN_FORMATS_MAX_SIZE:
        return BUILTIN_FORMATS.get(number_id, "General")
    index = number_id - BUILTIN_FORMATS_MAX_SIZE
    return added[index] if index < len(added) else None


def _workbook_part(types: etree._Element) -> str:
    overrides = [
        (o.get("ContentType"), o.get("PartName")) for o in types.iter(f"{{{CONTENT_TYPES}}}Override")
    ]
    for workbook_type in _WORKBOOK_TYPES:
        for override_type, partname in overrides:
            if override_type == workbook_type:
                return partname[1:]
    defaults = {d.get("ContentType") for d in types.iter(f"{{{CONTENT_TYPES}}}Default")}
    if defaults & set(_WORKBOOK_TYPES):
        return "xl/workbook.xml"
    raise OSError("File contains no valid workbook part")


def _title(name: str | None) -> str:
    """The sheet's name, refused where openpyxl refused it (empty, or with a character Excel forbids)."""
    if not name:
        raise ValueError("Title must have at least one character")
    if found := INVALID_TITLE_REGEX.search(name):
        raise ValueError(f"Invalid character {found.group(0)} found in sheet title")
    return name


def _text_content(element: etree._Element) -> str:
    """A string item's text without its formatting or phonetic guide (openpyxl's ``Text.content``)."""
    plain, runs = None, []
    for child in element:
        tag = child.tag.rpartition("}")[2] if isinstance(child.tag, str) else ""
        if tag == "t":
            plain = child.text
        elif tag == "r":
            run_text = None
            for part in child:
                if isinstance(part.tag, str) and part.tag.rpartition("}")[2] == "t":
                    run_text = part.text
            if run_text is not None:
                runs.append(run_text)
    return "".join(([plain] if plain is not None else []) + runs)


def _scan_sheets(archive: zipfile.ZipFile, source: str) -> dict[str, list[_Bounds]]:
    """Each sheet's merged ranges, read from its XML, after a quick count of its rows (a sheet
    of noise is refused before it is parsed). The shared strings are counted first: they are
    all read before any sheet."""
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


def _scan_sheet(stream: IO[bytes], name: str, source: str) -> list[_Bounds]:
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


def sheet_limits() -> tuple[int, int]:
    return int(settings.get("max_sheet_rows")), int(settings.get("max_sheet_cols"))


def _read_sheet(workbook: _Workbook, title: str, name: str, merges: list[_Bounds], source: str) -> Sheet:
    grid, width = _values(workbook, title, name, source)
    return Sheet(title, grid_rows(title, grid, width, merges, source))


def _check_declared_size(dimension: etree._Element, title: str, source: str) -> None:
    """The size the sheet declares (``<dimension ref="A1:H40"/>``), refused past the limits."""
    max_rows, max_cols = sheet_limits()
    _, _, max_col, max_row = range_boundaries(dimension.get("ref"))
    if (max_row or 0) > max_rows:
        raise FormError(source, "sheet_rows", sheet=title, rows=max_row, limit=max_rows)
    if (max_col or 0) > max_cols:
        raise FormError(source, "sheet_columns", sheet=title, columns=max_col, limit=max_cols)


def _values(workbook: _Workbook, title: str, name: str, source: str) -> tuple[dict[int, dict[int, str]], int]:
    """Row → column → text of every non-empty cell, and the table's width; stops at the limits.

    The width counts cells present in the sheet without a value (a bordered empty cell is
    part of the table), up to ``max_sheet_cols``.
    """
    max_rows, max_cols = sheet_limits()
    grid: dict[int, dict[int, str]] = {}
    width = 0
    for row_number, row in _raw_rows(workbook, title, name, source):
        if row_number > max_rows:
            raise FormError(source, "sheet_rows_over", sheet=title, limit=max_rows)
        width = max(width, min(row[-1]["column"] if row else 0, max_cols))
        texts = {
            raw["column"]: cell_text(raw["value"], _number_format(workbook, raw["style_id"]))
            for raw in row
            if raw["value"] is not None
        }
        texts = {column: text for column, text in texts.items() if text.strip()}
        if texts and max(texts) > max_cols:
            raise FormError(source, "sheet_column_value", sheet=title, column=max(texts), limit=max_cols)
        if texts:
            grid[row_number] = texts
    return grid, width


def _number_format(workbook: _Workbook, style_id: int) -> str:
    number_format = workbook.styles[style_id].number_format
    if number_format is None:
        raise IndexError(f"cell style {style_id} has no number format")
    return number_format


def _raw_rows(workbook: _Workbook, title: str, name: str, source: str) -> Iterator[tuple[int, list[dict]]]:
    """(row number, the cells written in it), each cell read by openpyxl's own sheet parser from
    lxml's elements, without the padding ``iter_rows`` adds: one empty cell at column XFD made
    every row 16,384 cells (D1). The declared size is checked when it comes, before the rows."""
    dates = {index for index, style in enumerate(workbook.styles) if style.is_date}
    durations = {index for index, style in enumerate(workbook.styles) if style.is_timedelta}
    parser = WorkSheetParser(
        None,
        workbook.shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=dates,
        timedelta_formats=durations,
    )
    data_read = dimension_read = False
    for element in iter_xml_part(workbook.archive, name, (_ROW_TAG, _DIMENSION_TAG, _DATA_TAG)):
        if element.tag == _ROW_TAG:
            yield parser.parse_row(element)
            element.clear()
        elif element.tag == _DATA_TAG:
            data_read = True
        elif not (data_read or dimension_read):
            dimension_read = True
            _check_declared_size(element, title, source)


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
