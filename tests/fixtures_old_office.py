"""Old binary Office files for the reader tests: .xls written by xlwt, .doc made once by LibreOffice,
and small .doc files written here byte by byte.

An .xls rendition copies a workbook built by :mod:`fixtures_office` (so it has the same cells and
merged ranges as the .xlsx rendition) into Excel 97–2003's format with xlwt, number formats
included. The .doc renditions cannot be written from Python: tests/data/old-office/ holds each sample's
.docx rendition saved as Word 97–2003 by LibreOffice (tests/data/make_old_office_fixtures.py).
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import docx
import openpyxl
import xlwt
from fixtures_hostile import ole_file

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


def nested_table_docx() -> bytes:
    """A .docx with a table nested in a cell, between two paragraphs, under a page header and over
    a page footer (saved as nested.doc too)."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉：部门整体支出绩效目标表"
    document.sections[0].footer.paragraphs[0].text = "第1页"
    document.add_paragraph("单位名称：甲县乙镇人民政府")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目名称"
    holder = table.cell(0, 1)
    holder.text = "分项目"
    inner = holder.add_table(rows=2, cols=2)
    for (row, column), text in {
        (0, 0): "村道维护",
        (0, 1): "20公里",
        (1, 0): "路灯安装",
        (1, 1): "50盏",
    }.items():
        inner.cell(row, column).text = text
    table.cell(1, 0).text = "资金总额"
    table.cell(1, 1).text = "120"
    document.add_paragraph("填表日期：2024.01.05")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def doc_fixture(stem: str) -> bytes:
    """The sample's .docx rendition (or ``nested``'s) as LibreOffice saved it in Word 97–2003 format."""
    return (DOC_FIXTURES / f"{stem}.doc").read_bytes()


# ---- a Word 97 document written by hand --------------------------------------------------------
WordBlock = str | list[list[str]]  # a paragraph, or a table's rows of cell texts
_IN_TABLE = struct.pack("<HB", 0x2416, 1)  # sprmPFInTable
_ROW_END = _IN_TABLE + struct.pack("<HB", 0x2417, 1)  # sprmPFTtp
_TEXT_AT = 1024
_RUNS_A_PAGE = 20  # paragraphs described on one 512-byte page of properties


def word_document(blocks: list[WordBlock], compressed: bool = False) -> bytes:
    """A minimal .doc of the blocks: the FIB, one piece of text, pages of paragraph properties.

    Table cells end with ``\\x07`` (a cell's further paragraphs with ``\\r``, marked in-table) and
    each row with a ``\\x07`` paragraph marked as the row's end, as Word writes them. ``compressed``
    stores the text one byte a character (Word does so for text all in code page 1252). Text
    between :data:`DELETED_FROM` and :data:`DELETED_TO` is stored as a deleted revision (track
    changes), in a page of character properties.
    """
    paragraphs: list[tuple[str, bytes]] = []  # (text with its mark, property modifiers)
    for block in blocks:
        if isinstance(block, str):
            paragraphs.append((block + "\r", b""))
            continue
        for row in block:
            for cell in row:
                *firsts, last = cell.split("\n")
                paragraphs += [(line + "\r", _IN_TABLE) for line in firsts] + [(last + "\x07", _IN_TABLE)]
            paragraphs.append(("\x07", _ROW_END))
    encoding, width = ("cp1252", 1) if compressed else ("utf-16-le", 2)
    text, deleted = _without_deletion_marks("".join(part for part, _ in paragraphs), encoding)
    encoded = text.encode(encoding)
    first_page = -(-(_TEXT_AT + len(encoded)) // 512)
    bounds = [_TEXT_AT]
    for part, _ in paragraphs:  # positions count UTF-16 units: a character beyond U+FFFF is two
        bounds.append(
            bounds[-1] + len(part.replace(DELETED_FROM, "").replace(DELETED_TO, "").encode(encoding))
        )
    document = bytearray(first_page * 512)
    document[_TEXT_AT : _TEXT_AT + len(encoded)] = encoded
    starts = list(range(0, len(paragraphs), _RUNS_A_PAGE))
    for start in starts:
        end = min(start + _RUNS_A_PAGE, len(paragraphs))
        document += _properties_page(bounds[start : end + 1], [grpprl for _, grpprl in paragraphs[start:end]])
    document += _deletions_page([_TEXT_AT + at for at in deleted], _TEXT_AT + len(encoded))
    fc = _TEXT_AT * 2 | 0x40000000 if compressed else _TEXT_AT
    characters = len(encoded) // width
    pieces = struct.pack("<IIHIH", 0, characters, 0, fc, 0)
    clx = b"\x02" + struct.pack("<I", len(pieces)) + pieces
    page_bounds = [bounds[start] for start in starts] + [bounds[-1]]
    pages = [first_page + number for number in range(len(starts))]
    papx_bins = struct.pack(f"<{2 * len(starts) + 1}I", *page_bounds, *pages)
    chpx_bins = struct.pack("<III", _TEXT_AT, _TEXT_AT + len(encoded), first_page + len(starts))
    _write_fib(
        document,
        characters,
        clx=(0, len(clx)),
        papx_bins=(len(clx), len(papx_bins)),
        chpx_bins=(len(clx) + len(papx_bins), len(chpx_bins)),
    )
    return ole_file({"WordDocument": bytes(document), "1Table": clx + papx_bins + chpx_bins})


DELETED_FROM, DELETED_TO = "\ue000", "\ue001"  # around text word_document stores as deleted


def _without_deletion_marks(text: str, encoding: str) -> tuple[str, list[int]]:
    """The text without the marks, and the byte offsets where deleted runs start and end."""
    kept, edges, size = [], [], 0
    for char in text:
        if char in (DELETED_FROM, DELETED_TO):
            edges.append(size)
        else:
            kept.append(char)
            size += len(char.encode(encoding))
    return "".join(kept), edges


def _deletions_page(edges: list[int], end: int) -> bytes:
    """A ChpxFkp page of runs between the edges, every other one marked deleted (sprmCFRMarkDel)."""
    bounds = [_TEXT_AT, *edges, end]
    count = len(bounds) - 1
    page = bytearray(512)
    struct.pack_into(f"<{count + 1}I", page, 0, *bounds)
    chpx = bytes([3]) + struct.pack("<HB", 0x0800, 1)
    page[500 : 500 + len(chpx)] = chpx
    for index in range(1, count, 2):  # runs 1, 3, …: between a DELETED_FROM and a DELETED_TO
        page[4 * (count + 1) + index] = 500 // 2
    page[511] = count
    return bytes(page)


def _properties_page(bounds: list[int], modifiers: list[bytes]) -> bytes:
    """A PapxFkp page: the runs' file offsets, then each run's properties, written from the page's end."""
    count = len(modifiers)
    page = bytearray(512)
    struct.pack_into(f"<{count + 1}I", page, 0, *bounds)
    free = 511
    for index, grpprl in enumerate(modifiers):
        if not grpprl:
            continue  # offset 0: no properties
        papx = b"\0\0" + grpprl  # the style index, then the modifiers
        papx += b"\0" * (len(papx) % 2 == 0)  # stored as 2 × cb - 1 bytes
        record = bytes([(len(papx) + 1) // 2]) + papx
        free = (free - len(record)) & ~1
        page[free : free + len(record)] = record
        page[4 * (count + 1) + 13 * index] = free // 2
    page[511] = count
    return bytes(page)


def _write_fib(document: bytearray, characters: int, **tables: tuple[int, int]) -> None:
    """The Word 97 header: the text's length and where the piece table and property tables are."""
    struct.pack_into("<HH", document, 0, 0xA5EC, 0xC1)
    struct.pack_into("<H", document, 0x0A, 0x0200)  # the table stream is 1Table
    struct.pack_into("<H", document, 0x20, 14)  # csw
    struct.pack_into("<H", document, 0x3E, 22)  # cslw
    struct.pack_into("<I", document, 0x4C, characters)  # ccpText
    struct.pack_into("<H", document, 0x98, 93)  # cbRgFcLcb
    for name, index in (("clx", 33), ("papx_bins", 13), ("chpx_bins", 12)):
        struct.pack_into("<II", document, 0x9A + index * 8, *tables[name])
