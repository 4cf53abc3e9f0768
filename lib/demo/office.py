"""Renditions of a text form as Word, Excel and CSV files, the way those hold such a form.

The text's rows (as ``lib.readers.grid`` reads them) become:
- a one-cell row outside a table (a title, a paragraph): a paragraph in Word and, in Excel, a
  cell merged across the sheet;
- a run of table rows: one table as wide as its widest row; a shorter row's last cell spans
  the rest (what a merged cell leaves in Word's text export: fewer cells on that row);
- a level label, function label (职能1:) or the 绩效指标 caption with empty cells below it:
  merged down over them, as the originals merge them (Word: vMerge; Excel: a merged range).
In Excel every table cell has a thin border (a real form's grid), text is stored as text (so
``=60元`` stays text), and a number that reads back the same is stored as a number.
Used by the synthetic corpus and by the reader tests' fixtures. :func:`lines_as_rows` makes the
plainer table a user makes by hand: each line of the text one row, split on tabs.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import docx
import openpyxl
from docx.oxml import parse_xml
from openpyxl.styles import Border, Side

from lib.normalize.taxonomy import normalize_level1, normalize_level2
from lib.readers import vocab
from lib.readers.grid import text_rows
from lib.readers.sheets import cell_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)
_DOC_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def reproducible(data: bytes) -> bytes:
    """The same Office file with fixed zip entry times and document dates (same input, same bytes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _DOC_DATES.sub(rb"\g<1>2020-01-01T00:00:00Z\g<2>", content)
            target.writestr(zipfile.ZipInfo(item.filename, _FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@dataclass
class Table:
    """Rows of cell texts, and the vertical merges: (first row, cell index, last row)."""

    rows: list[list[str]]
    merges: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max(len(row) for row in self.rows)


Block = str | Table  # a paragraph or a table


def blocks_of(text: str) -> list[Block]:
    """The text's rows as paragraphs and tables, with the merges the originals would have."""
    blocks: list[Block] = []
    for row in text_rows(text):
        if row.shape == "line":
            blocks.append(row.cells[0].text)
            continue
        if not blocks or not isinstance(blocks[-1], Table):
            blocks.append(Table([]))
        blocks[-1].rows.append([cell.text for cell in row.cells])
    for block in blocks:
        if isinstance(block, Table):
            block.merges = vertical_merges(block.rows)
    return blocks


def _merged_down(text: str) -> bool:
    return bool(
        normalize_level1(text)
        or normalize_level2(text)
        or vocab.GROUP_LABEL.match(text)
        or vocab.section_heading(text) == "indicator_heading"
    )


def vertical_merges(rows: list[list[str]]) -> list[tuple[int, int, int]]:
    """Labels merged down over the empty cells below them, within the block of the labels to their left."""
    merges = []
    for top, row in enumerate(rows):
        for index, text in enumerate(row):
            if not text or not _merged_down(text):
                continue
            bottom = top
            while bottom + 1 < len(rows) and _continues(rows[bottom + 1], len(row), index):
                bottom += 1
            if bottom > top:
                merges.append((top, index, bottom))
    return merges


def _continues(below: list[str], width: int, index: int) -> bool:
    """The row below is as wide, empty under the label and left of it (a label to the left starts a new block)."""
    return len(below) == width and not any(below[: index + 1])


def lines_as_rows(text: str) -> list[Block]:
    """The text made into a table the obvious way: each line one row, its cells split on tabs (what
    a user gets by pasting a text export into Excel or Word), every row as wide as the widest, no merges."""
    rows = [line.split("\t") for line in text.rstrip("\n").split("\n")]
    width = max(len(row) for row in rows)
    return [Table([row + [""] * (width - len(row)) for row in rows])]


# ---- .docx ------------------------------------------------------------------------------------
def docx_bytes(blocks: list[Block]) -> bytes:
    """A Word document holding the blocks in order."""
    document = docx.Document()
    end = document.element.body.sectPr  # the section properties stay last
    for block in blocks:
        xml = (
            table_xml(block)
            if isinstance(block, Table)
            else f'<w:body xmlns:w="{W_NS}">{paragraphs_xml(block)}</w:body>'
        )
        element = parse_xml(xml)
        for child in [element] if isinstance(block, Table) else list(element):
            end.addprevious(child)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue())


def table_xml(table: Table) -> str:
    width = table.width
    starts = {(top, index): bottom for top, index, bottom in table.merges}
    covered = {(r, index) for top, index, bottom in table.merges for r in range(top + 1, bottom + 1)}
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(width))
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for index, text in enumerate(row):
            span = width - index if index == len(row) - 1 else 1
            merge = (
                '<w:vMerge w:val="restart"/>'
                if (r, index) in starts
                else "<w:vMerge/>"
                if (r, index) in covered
                else ""
            )
            props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + merge
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs_xml(text)}</w:tc>")
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def paragraphs_xml(text: str) -> str:
    """A cell's text as Word paragraphs (one per line; an empty cell holds one empty paragraph)."""
    lines = text.split("\n") if text else [""]
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines)


# ---- .csv -------------------------------------------------------------------------------------
def csv_text(blocks: list[Block]) -> str:
    """The blocks as a comma-separated export: one record per row, quoted where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for block in blocks:
        for row in block.rows if isinstance(block, Table) else [[block]]:
            writer.writerow(row)
    return buffer.getvalue()


# ---- .xlsx ------------------------------------------------------------------------------------
def xlsx_bytes(sheets: dict[str, list[Block]]) -> bytes:
    """A workbook with one sheet per entry, each holding its blocks from row 1 down."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, blocks in sheets.items():
        fill_sheet(workbook.create_sheet(title), blocks)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return reproducible(buffer.getvalue())


def fill_sheet(sheet: openpyxl.worksheet.worksheet.Worksheet, blocks: list[Block]) -> None:
    width = max([b.width for b in blocks if isinstance(b, Table)] or [1])
    row_number = 1
    for block in blocks:
        if isinstance(block, Table):
            _write_table(sheet, block, row_number, width)
            row_number += len(block.rows)
        else:
            write_text(sheet, row_number, 1, block)
            if width > 1:
                sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
            row_number += 1


def _write_table(sheet: openpyxl.worksheet.worksheet.Worksheet, table: Table, first: int, width: int) -> None:
    for offset, row in enumerate(table.rows):
        for index, text in enumerate(row):
            write_text(sheet, first + offset, index + 1, text).border = BORDER
        if len(row) < width:
            for column in range(len(row) + 1, width + 1):
                sheet.cell(first + offset, column).border = BORDER
            sheet.merge_cells(
                start_row=first + offset, start_column=len(row), end_row=first + offset, end_column=width
            )
    for top, index, bottom in table.merges:
        last = width if index == len(table.rows[top]) - 1 else index + 1
        for row in range(first + top, first + bottom + 1):  # a cell spanning right is unmerged first
            if last > index + 1:
                sheet.unmerge_cells(start_row=row, start_column=index + 1, end_row=row, end_column=last)
        sheet.merge_cells(
            start_row=first + top, start_column=index + 1, end_row=first + bottom, end_column=last
        )


def write_text(sheet: openpyxl.worksheet.worksheet.Worksheet, row: int, column: int, text: str):
    """Write a cell: a number when it reads back as the same text, else text (never a formula)."""
    cell = sheet.cell(row, column)
    if not text:
        return cell
    if _NUMBER.fullmatch(text) and cell_text(_as_number(text), None) == text:
        cell.value = _as_number(text)
    else:
        cell.value = text
        cell.data_type = "s"
    return cell


def _as_number(text: str) -> int | float:
    return float(text) if "." in text else int(text)
