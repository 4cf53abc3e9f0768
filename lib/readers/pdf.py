"""A PDF with a text layer → rows of cells, through pdfplumber.

Each page gives its tables (found by their ruling lines) as rows of cells (shape ``pdf-table``,
ref ``page 2 table 1 row 3 cell 2``) and the text outside them as one-cell line rows (shape
``pdf-line``, ref ``page 2 line 5``), in reading order from the top. A merged cell's text stands
in its first row and column and the cells it covers read as empty, as in Word's text export. A
cell's text wrapped over several lines is joined again (Chinese needs no space between lines).

A PDF with no text on any page is a scan and is refused: OCR is not supported yet.
"""

from __future__ import annotations

import io
import re
import zlib

import pdfplumber
from pdfplumber.page import Page

from lib import settings
from lib.errors import FormError
from lib.readers.grid import Cell, Row, rows_without_empties
from lib.readers.package import damaged_file_errors

_LATIN_BREAK = re.compile(r"(?<=[A-Za-z])\n(?=[A-Za-z])")
_Box = tuple[float, float, float, float]
_FLATE_STREAM = re.compile(rb"/FlateDecode[^>]*>>\s*stream\r?\n")  # a stream's dictionary ends just before it
_PIECE = 1 << 22


def read_pdf(data: bytes, source: str) -> list[Row]:
    """The rows of every page; FormError for a scan, a locked, damaged or overlong PDF."""
    check_inflation(data, source)
    rows: list[Row] = []
    with damaged_file_errors(source, ".pdf"), pdfplumber.open(io.BytesIO(data)) as document:
        pages = document.pages
        limit = int(settings.get("max_pdf_pages"))
        if len(pages) > limit:
            raise FormError(source, "pdf_too_many_pages", pages=len(pages), limit=limit)
        for number, page in enumerate(pages, start=1):
            rows.extend(_page_rows(page, number))
            page.close()
    rows = rows_without_empties(rows)
    if not rows:
        raise FormError(source, "pdf_no_text")
    if all("(cid:" in cell.text for row in rows for cell in row.filled()):
        raise FormError(source, "pdf_no_unicode")
    return rows


def check_inflation(data: bytes, source: str) -> None:
    """Refuse a PDF whose Flate streams inflate past ``max_pdf_stream_mb`` together, measured by
    inflating them piecewise and dropping the output: pdfminer inflates a stream whole (a 1.5 MB
    file whose one stream held 1.5 GB took 3.2 GB)."""
    limit = int(settings.get("max_pdf_stream_mb")) * 1024 * 1024
    total = 0
    for match in _FLATE_STREAM.finditer(data):
        inflater = zlib.decompressobj()
        packed = data[match.end() : data.find(b"endstream", match.end())]
        try:
            while packed and total <= limit:
                total += len(inflater.decompress(packed, _PIECE))
                packed = inflater.unconsumed_tail
        except zlib.error:
            continue  # a damaged stream: pdfminer will say so, or skip it
        if total > limit:
            raise FormError(source, "pdf_stream_too_large", limit_mb=limit // 1048576)


def _page_rows(page: Page, number: int) -> list[Row]:
    if not page.chars:
        return []
    tables = page.find_tables()
    placed: list[tuple[float, list[Row]]] = []
    for index, table in enumerate(tables, start=1):
        placed.append((table.bbox[1], _table_rows(table.extract(), f"page {number} table {index}")))
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    for index, line in enumerate(outside.extract_text_lines(), start=1):
        ref = f"page {number} line {index}"
        placed.append((line["top"], [Row([Cell(line["text"], ref)], ref, "pdf-line")]))
    placed.sort(key=lambda item: item[0])
    return [row for _, rows in placed for row in rows]


def _table_rows(table: list[list[str | None]], label: str) -> list[Row]:
    rows = []
    for row_number, values in enumerate(table, start=1):
        cells = [
            Cell(_unwrap(value or ""), f"{label} row {row_number} cell {cell_number}")
            for cell_number, value in enumerate(values, start=1)
        ]
        rows.append(Row(cells, f"{label} row {row_number}", "pdf-table"))
    return rows


def _unwrap(text: str) -> str:
    """Lines a cell was wrapped into, joined: with a space between Latin words, else directly."""
    return _LATIN_BREAK.sub(" ", text).replace("\n", "")


def _inside(obj: dict, boxes: list[_Box]) -> bool:
    """Is the object's centre inside one of the boxes?"""
    x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)
