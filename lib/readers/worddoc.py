"""Word 97–2003 .doc (and Kingsoft's .wps) → rows of cells, read from the binary format itself.

The same rows as :mod:`word` builds for a .docx: body paragraphs are one-cell rows (shape
``doc-paragraph``, ref ``paragraph 7``), table rows are rows of cells (shape ``doc-table``, ref
``table 2 row 5 cell 3``); a vertically merged cell keeps its text on its first row and is empty
below, as in Word's text export; a nested table's rows follow the row that holds it (``table
2.1 row 1 cell 1``). Page headers come first and footers last (``header 1 paragraph 1``); the
text of footnotes, comments, endnotes and text boxes follows the body (``other text paragraph 3``).

How a .doc holds its text ([MS-DOC]): the ``WordDocument`` stream starts with the FIB, which
says how many characters each story has and where, in the ``0Table``/``1Table`` stream, the
piece table (``Clx``) and the paragraph properties (``PlcBtePapx``) are. The piece table maps
character positions to runs of bytes in ``WordDocument`` (UTF-16, or one byte a character when
compressed). In a table, ``\\x07`` ends each cell and also the row: the row's end is the
paragraph whose properties say ``fTtp``, other paragraphs in a table say ``fInTable``. Fields
keep their result and drop their code (``\\x13`` code ``\\x14`` result ``\\x15``); text deleted
with track changes on (character property ``fRMarkDel``) is left out, as :mod:`word` leaves out
``w:delText``.

Every count and offset comes from the file, so each is checked against the stream it points
into; a file that lies is refused as damaged instead of being read out of bounds.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from lib import settings
from lib.errors import FormError
from lib.readers.grid import Cell, Row
from lib.readers.ole import open_ole, read_stream
from lib.readers.package import damaged_file_errors

_WORD_IDENT = 0xA5EC
_FIRST_WORD97_FIB = 0x00C1
_ENCRYPTED, _WHICH_TABLE, _OBFUSCATED = 0x0100, 0x0200, 0x8000
_CLX, _PLCF_BTE_PAPX, _PLCF_BTE_CHPX, _PLCF_HDD = 33, 13, 12, 11  # (fc, lcb) pairs in FibRgFcLcb97
_STORY_COUNTS = 8  # ccpText, ccpFtn, ccpHdd, (reserved), ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx
_SEPARATOR_STORIES = 6  # the header story starts with footnote and endnote separators
_FOOTER_KINDS = frozenset({2, 3, 5})  # of each section's six: even/odd/first header, even/odd/first footer
_COMPRESSED = 0x40000000
_PAGE = 512
_IN_TABLE, _TABLE_ROW_END = 0x2416, 0x2417  # sprmPFInTable, sprmPFTtp
_TABLE_DEPTH = 0x6649  # sprmPItap: 2 in a table nested in a cell
_INNER_CELL_END, _INNER_ROW_END = 0x244B, 0x244C  # sprmPFInnerTableCell, sprmPFInnerTtp
_HUGE_PROPERTIES = 0x6646  # sprmPHugePapx: the paragraph's properties are in the Data stream
_DELETED_REVISION = 0x0800  # sprmCFRMarkDel: text deleted with track changes on, still in the file
_DELETED = "\x00"  # stands in for a deleted character until :func:`_visible` drops it
_SPRM_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by spra; 6 is variable
_TABLE_DEFINITION = 0xD608  # sprmTDefTable: its size is a two-byte count
_CELL_MARK, _PARAGRAPH_MARK = "\x07", "\r"
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
# Characters Word uses as marks, and what each stands for in the text a reader sees.
_MARKS = str.maketrans(
    {
        "\x0b": "\n",  # line break
        "\x0c": "\n",  # page or section break
        "\x0e": "\n",  # column break
        "\x1e": "-",  # non-breaking hyphen
        "\x1f": None,  # optional hyphen
        "\x01": None,  # picture
        "\x02": None,  # footnote reference
        "\x03": None,  # footnote separator
        "\x04": None,  # footnote continuation
        "\x05": None,  # comment reference
        "\x08": None,  # drawn object
        _DELETED: None,
        _FIELD_BEGIN: None,  # what is left of a field whose parts lie in several paragraphs
        _FIELD_SEPARATOR: None,
        _FIELD_END: None,
    }
)


@dataclass(frozen=True)
class _Place:
    """Where a paragraph is: its table depth (0 in the body, 1 in a table, 2 in a nested table)
    and whether its mark ends a cell or a row of a nested table, or a row of the outer table."""

    depth: int = 0
    row_end: bool = False
    inner_cell_end: bool = False
    inner_row_end: bool = False


_BODY = _Place()


@dataclass
class _Paragraph:
    text: str
    mark: str  # "\r" or "\x07"
    place: _Place


def read_doc(data: bytes, source: str) -> list[Row]:
    """Every piece of text of the document as rows; FormError for a damaged or encrypted file."""
    with open_ole(data, source) as ole:
        document = read_stream(ole, "WordDocument", len(data), source)
        fib = _Fib(document, source)
        table_name = "1Table" if fib.flags & _WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise FormError(source, "word_damaged", variant="no_stream", stream=table_name)
        table = read_stream(ole, table_name, len(data), source)
        extra = read_stream(ole, "Data", len(data), source) if ole.exists("Data") else b""
    with damaged_file_errors(source, ".doc"):  # the checks below should leave nothing to catch
        text = _Text(document, table, fib, _deleted_runs(document, table, fib, source), source)
        properties = _ParagraphProperties(document, table, extra, fib, source)

        def paragraphs(first: int, last: int) -> list[_Paragraph]:
            return _paragraphs(text.read(first, last), first, text, properties)

        main, notes, header_story = fib.story_lengths[:3]
        headers_at = main + notes
        headers, footers = _header_footer_spans(table, fib, headers_at, header_story, source)
        body = _rows(paragraphs(0, main), "")
        others = paragraphs(main, headers_at) + paragraphs(headers_at + header_story, text.length)
        return (
            _numbered(headers, paragraphs, "header")
            + body
            + _with_text(_rows(others, "other text "))
            + _numbered(footers, paragraphs, "footer")
        )


def _header_footer_spans(
    table: bytes, fib: _Fib, headers_at: int, length: int, source: str
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(first, end) character positions of each header and of each footer, from ``PlcfHdd``.

    The header story holds six separator stories, then six stories per section: even, odd and
    first-page headers and footers (each ending with an extra paragraph mark).
    """
    plc = _slice(table, *fib.hdd, source)
    positions = struct.unpack_from(f"<{len(plc) // 4}I", plc)
    headers, footers = [], []
    for index in range(_SEPARATOR_STORIES, len(positions) - 1):
        first, last = positions[index], min(positions[index + 1], length)
        if first < last:
            kind = (index - _SEPARATOR_STORIES) % 6
            (footers if kind in _FOOTER_KINDS else headers).append((headers_at + first, headers_at + last))
    return headers, footers


def _numbered(
    spans: list[tuple[int, int]], paragraphs: Callable[[int, int], list[_Paragraph]], kind: str
) -> list[Row]:
    """The rows of each header (or footer) that has any text, numbered ``header 1`` … in order."""
    rows: list[Row] = []
    number = 0
    for first, last in spans:
        found = _with_text(_rows(paragraphs(first, last), f"{kind} {number + 1} "))
        number += bool(found)
        rows += found
    return rows


def _with_text(rows: list[Row]) -> list[Row]:
    """Rows holding any text (a header's closing paragraph mark, or an empty story, holds none)."""
    return [row for row in rows if row.filled()]


class _Fib:
    """The File Information Block: the flags, the length of each story and the table offsets."""

    def __init__(self, document: bytes, source: str) -> None:
        if len(document) < 0x22 or _u16(document, 0) != _WORD_IDENT:
            raise FormError(source, "word_damaged", variant="no_header")
        if _u16(document, 2) < _FIRST_WORD97_FIB:
            raise FormError(source, "word_too_old")
        self.flags = _u16(document, 0x0A)
        if self.flags & (_ENCRYPTED | _OBFUSCATED):
            raise FormError(source, "encrypted", program="Word/WPS")
        try:
            words = _u16(document, 0x20)
            longs_at = 0x22 + 2 * words + 2
            longs = _u16(document, longs_at - 2)
            pairs_at = longs_at + 4 * longs + 2
            pairs = _u16(document, pairs_at - 2)
            if longs < 3 + _STORY_COUNTS or pairs <= _CLX:
                raise FormError(source, "word_damaged", variant="header_short")
            self.story_lengths = [_u32(document, longs_at + 4 * (3 + i)) for i in range(_STORY_COUNTS)]
            self.clx = self._pair(document, pairs_at, _CLX)
            self.papx_bins = self._pair(document, pairs_at, _PLCF_BTE_PAPX)
            self.chpx_bins = self._pair(document, pairs_at, _PLCF_BTE_CHPX)
            self.hdd = self._pair(document, pairs_at, _PLCF_HDD)
        except struct.error:
            raise FormError(source, "word_damaged", variant="header_truncated") from None

    @staticmethod
    def _pair(document: bytes, pairs_at: int, index: int) -> tuple[int, int]:
        return _u32(document, pairs_at + 8 * index), _u32(document, pairs_at + 8 * index + 4)


class _Text:
    """The document's characters, by character position, through the piece table."""

    def __init__(
        self, document: bytes, table: bytes, fib: _Fib, deleted: list[tuple[int, int]], source: str
    ) -> None:
        self.document, self.source = document, source
        self.deleted, self.deleted_ends = deleted, [end for _, end in deleted]
        pieces = _piece_table(_slice(table, *fib.clx, source), source)
        self.starts = [start for start, _, _, _ in pieces]
        self.pieces = pieces
        self.length = min(pieces[-1][1], sum(fib.story_lengths))
        if pieces[-1][1] > settings.get("max_text_chars"):  # pieces may all map the same bytes
            raise FormError(
                source, "word_too_long", chars=pieces[-1][1], limit=settings.get("max_text_chars")
            )

    def read(self, first: int, last: int) -> str:
        """Characters ``first`` up to ``last``."""
        parts = []
        for index in range(max(bisect_right(self.starts, first) - 1, 0), len(self.pieces)):
            start, end, offset, compressed = self.pieces[index]
            if start >= last:
                break
            lo, hi = max(start, first), min(end, last)
            if lo < hi:
                width = 1 if compressed else 2
                at = offset + (lo - start) * width
                raw = _slice(self.document, at, (hi - lo) * width, self.source)
                part = raw.decode("cp1252", "replace") if compressed else _code_units(raw)
                parts.append(self._without_deleted(part, at, width))
        return "".join(parts)

    def _without_deleted(self, part: str, at: int, width: int) -> str:
        """The part with its deleted characters (by file offset) replaced by ``_DELETED``, marks kept."""
        index = bisect_right(self.deleted_ends, at)
        if index == len(self.deleted) or self.deleted[index][0] >= at + len(part) * width:
            return part
        chars = list(part)
        while index < len(self.deleted) and self.deleted[index][0] < at + len(chars) * width:
            start, end = self.deleted[index]
            for position in range(max(0, (start - at) // width), min(len(chars), -(-(end - at) // width))):
                if chars[position] not in (_CELL_MARK, _PARAGRAPH_MARK):
                    chars[position] = _DELETED
            index += 1
        return "".join(chars)

    def file_offset(self, position: int) -> int | None:
        """Where in WordDocument the character at ``position`` is (paragraph properties are by offset)."""
        index = bisect_right(self.starts, position) - 1
        if index < 0:
            return None
        start, end, offset, compressed = self.pieces[index]
        if position >= end:
            return None
        return offset + (position - start) * (1 if compressed else 2)


def _code_units(raw: bytes) -> str:
    """UTF-16 text with one character per 16-bit unit, as Word counts positions: a character
    beyond U+FFFF (a rare Chinese character of CJK Extension B) stays two surrogates until
    :func:`_visible` joins them, so positions after it still point at the right marks."""
    text = raw.decode("utf-16-le", "surrogatepass")
    if len(text) * 2 == len(raw):
        return text
    return "".join(map(chr, struct.unpack(f"<{len(raw) // 2}H", raw)))


def _piece_table(clx: bytes, source: str) -> list[tuple[int, int, int, bool]]:
    """(first character, end character, byte offset, compressed) of each piece, from the Clx."""
    at = 0
    while at < len(clx) and clx[at] == 1:  # Prc: property modifiers of fast-saved files, skipped
        at += 3 + _i16(clx, at + 1)
    if at + 5 > len(clx) or clx[at] != 2:
        raise FormError(source, "word_damaged", variant="no_piece_table")
    size = _u32(clx, at + 1)
    plc = _slice(clx, at + 5, size, source)
    count = (len(plc) - 4) // 12
    if count < 1 or 4 + 12 * count != len(plc):
        raise FormError(source, "word_damaged", variant="piece_table_malformed")
    positions = struct.unpack_from(f"<{count + 1}I", plc)
    pieces = []
    for index in range(count):
        fc = _u32(plc, 4 * (count + 1) + 8 * index + 2)
        compressed = bool(fc & _COMPRESSED)
        offset = (fc & ~_COMPRESSED) // 2 if compressed else fc & ~_COMPRESSED
        if positions[index + 1] < positions[index]:
            raise FormError(source, "word_damaged", variant="piece_table_backwards")
        pieces.append((positions[index], positions[index + 1], offset, compressed))
    return pieces


class _ParagraphProperties:
    """Whether the paragraph ending at a file offset is in a table, or ends a table row.

    Read from the PAPX pages (``PlcBtePapx`` → 512-byte ``PapxFkp`` pages of WordDocument): each
    page lists runs of paragraphs by file offset and the property modifiers (sprms) of each run.
    A row's end mark carries the row's whole definition, often too large for its page: the page
    then points into the ``Data`` stream, where the modifiers are (``sprmPHugePapx``).
    """

    def __init__(self, document: bytes, table: bytes, extra: bytes, fib: _Fib, source: str) -> None:
        self.starts: list[int] = []
        self.runs: list[tuple[int, int, _Place]] = []  # (start offset, end offset, place)
        runs = []
        for page in _bin_pages(document, table, fib.papx_bins, source):
            runs.extend(_page_runs(page, extra, source))
        runs.sort()
        self.runs = runs
        self.starts = [run[0] for run in runs]

    def of(self, offset: int | None) -> _Place:
        """Where the paragraph holding this file offset is; in the body if unknown."""
        if offset is None:
            return _BODY
        index = bisect_right(self.starts, offset) - 1
        if index < 0 or offset >= self.runs[index][1]:
            return _BODY
        return self.runs[index][2]


def _bin_pages(document: bytes, table: bytes, bins_at: tuple[int, int], source: str) -> list[bytes]:
    """The 512-byte property pages a PlcBte lists (each once), from WordDocument."""
    bins = _slice(table, *bins_at, source)
    count = (len(bins) - 4) // 8 if len(bins) >= 4 else 0
    numbers = struct.unpack_from(f"<{count}I", bins, 4 * (count + 1)) if count else ()
    return [_slice(document, (number & 0x3FFFFF) * _PAGE, _PAGE, source) for number in sorted(set(numbers))]


def _deleted_runs(document: bytes, table: bytes, fib: _Fib, source: str) -> list[tuple[int, int]]:
    """(start, end) file offsets of text deleted with track changes on, from the CHPX pages."""
    runs = []
    for page in _bin_pages(document, table, fib.chpx_bins, source):
        count = page[_PAGE - 1]
        if 4 * (count + 1) + count > _PAGE - 1:
            raise FormError(source, "word_damaged", variant="chpx_malformed")
        bounds = struct.unpack_from(f"<{count + 1}I", page)
        for index in range(count):
            at = 2 * page[4 * (count + 1) + index]
            grpprl = page[at + 1 : at + 1 + page[at]] if at else b""
            if any(
                sprm == _DELETED_REVISION and operand in (b"\x01", b"\x81")
                for sprm, operand in _sprms(grpprl)
            ):
                runs.append((bounds[index], bounds[index + 1]))
    return sorted(runs)


def _page_runs(page: bytes, extra: bytes, source: str) -> list[tuple[int, int, _Place]]:
    """The runs of one PapxFkp page: (start offset, end offset, place)."""
    count = page[_PAGE - 1]
    if 4 * (count + 1) + 13 * count > _PAGE - 1:
        raise FormError(source, "word_damaged", variant="papx_malformed")
    bounds = struct.unpack_from(f"<{count + 1}I", page)
    runs = []
    for index in range(count):
        at = 2 * page[4 * (count + 1) + 13 * index]
        place = _place(_table_sprms(_papx(page, at), extra)) if at else _BODY
        runs.append((bounds[index], bounds[index + 1], place))
    return runs


def _table_sprms(grpprl: bytes, extra: bytes) -> dict[int, bytes]:
    """The paragraph's table modifiers by sprm, those kept in the Data stream included."""
    found = {}
    for sprm, operand in _sprms(grpprl):
        if sprm == _HUGE_PROPERTIES and len(operand) == 4:
            at = _u32(operand, 0)
            if at + 2 <= len(extra):
                found.update(_table_sprms(extra[at + 2 : at + 2 + _u16(extra, at)], b""))
        elif sprm in (_IN_TABLE, _TABLE_ROW_END, _TABLE_DEPTH, _INNER_CELL_END, _INNER_ROW_END):
            found[sprm] = operand
    return found


def _place(sprms: dict[int, bytes]) -> _Place:
    def on(sprm: int) -> bool:
        return sprms.get(sprm, b"\x00") != b"\x00"

    depth = 1 if on(_IN_TABLE) or on(_TABLE_ROW_END) else 0
    if len(sprms.get(_TABLE_DEPTH, b"")) == 4:
        depth = min(_u32(sprms[_TABLE_DEPTH], 0), 2)
    return _Place(depth, on(_TABLE_ROW_END), on(_INNER_CELL_END), on(_INNER_ROW_END))


def _papx(page: bytes, at: int) -> bytes:
    """The property modifiers of one paragraph run (its style index, two bytes, left off)."""
    size = page[at] if at < len(page) else 0
    if size:
        start, length = at + 1, 2 * size - 1
    else:
        start, length = at + 2, 2 * (page[at + 1] if at + 1 < len(page) else 0)
    return page[start + 2 : min(start + length, len(page))]


def _sprms(grpprl: bytes) -> list[tuple[int, bytes]]:
    """(sprm, operand) pairs; stops at the first one that runs past the end."""
    found, at = [], 0
    while at + 2 <= len(grpprl):
        sprm = _u16(grpprl, at)
        at += 2
        spra = sprm >> 13
        if sprm == _TABLE_DEFINITION and at + 2 <= len(grpprl):
            size, at = _u16(grpprl, at) - 1, at + 2
        elif spra == 6 and at < len(grpprl):
            size, at = grpprl[at], at + 1
        else:
            size = _SPRM_SIZES.get(spra, 0)
        if at + size > len(grpprl):
            break
        found.append((sprm, grpprl[at : at + size]))
        at += size
    return found


def _paragraphs(
    text: str, first: int, source_text: _Text, properties: _ParagraphProperties
) -> list[_Paragraph]:
    """The text cut at paragraph and cell marks, each piece with its paragraph's table properties."""
    paragraphs, start = [], 0
    for at, char in enumerate(text):
        if char in (_CELL_MARK, _PARAGRAPH_MARK):
            place = properties.of(source_text.file_offset(first + at))
            paragraphs.append(_Paragraph(_visible(text[start:at]), char, place))
            start = at + 1
    if start < len(text):
        paragraphs.append(_Paragraph(_visible(text[start:]), _PARAGRAPH_MARK, _BODY))
    return paragraphs


def _visible(text: str) -> str:
    """What a reader sees: field results kept, field codes dropped, marks made plain."""
    if _FIELD_BEGIN in text:
        text = _without_field_codes(text)
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")  # pairs joined
    return text.translate(_MARKS)


def _without_field_codes(text: str) -> str:
    kept, depth_in_code = [], []  # one entry per open field: True while in its code part
    for char in text:
        if char == _FIELD_BEGIN:
            depth_in_code.append(True)
        elif char == _FIELD_SEPARATOR and depth_in_code:
            depth_in_code[-1] = False
        elif char == _FIELD_END and depth_in_code:
            depth_in_code.pop()
        elif not any(depth_in_code):
            kept.append(char)
    return "".join(kept)


def _rows(paragraphs: list[_Paragraph], prefix: str) -> list[Row]:
    """Paragraphs → one-cell rows and table rows, as :mod:`word` gives them for a .docx."""
    builder = _RowBuilder(prefix)
    for paragraph in paragraphs:
        builder.add(paragraph)
    return builder.finish()


class _RowBuilder:
    """Cells end at ``\\x07`` and rows at a row-end mark; a nested table's cells and rows end at
    paragraph marks its properties name, and its rows follow the row that holds it
    (``table 2.1 row 1 cell 1``), as in :mod:`word`."""

    def __init__(self, prefix: str) -> None:
        self.prefix, self.rows = prefix, []
        self.tables = self.row_number = self.paragraphs = 0
        self.in_table = False
        self.cells: list[str] = []
        self.lines: list[str] = []  # the paragraphs of the cell being read
        self.nested: list[list[list[str]]] = []  # the current row's nested tables: rows of cells
        self.inner_cells: list[str] = []
        self.inner_lines: list[str] = []
        self.in_nested = False

    def add(self, paragraph: _Paragraph) -> None:
        place = paragraph.place
        if place.depth >= 2:
            self._nested_paragraph(paragraph)
        elif place.row_end:
            self._end_row()
        elif place.depth == 1 or paragraph.mark == _CELL_MARK:
            self._cell_paragraph(paragraph)
        else:
            self.in_table = False
            self.paragraphs += 1
            ref = f"{self.prefix}paragraph {self.paragraphs}"
            self.rows.append(Row([Cell(paragraph.text, ref)], ref, "doc-paragraph"))

    def _cell_paragraph(self, paragraph: _Paragraph) -> None:
        if not self.in_table:
            self.tables, self.row_number, self.in_table = self.tables + 1, 0, True
        self.in_nested = False
        self.lines.append(paragraph.text)
        if paragraph.mark == _CELL_MARK:
            self.cells.append("\n".join(self.lines))
            self.lines = []

    def _nested_paragraph(self, paragraph: _Paragraph) -> None:
        if not self.in_nested:
            self.nested.append([])
            self.in_nested = True
        if paragraph.place.inner_row_end:
            self.nested[-1].append(
                self.inner_cells + (["\n".join(self.inner_lines)] if self.inner_lines else [])
            )
            self.inner_cells, self.inner_lines = [], []
            return
        self.inner_lines.append(paragraph.text)
        if paragraph.place.inner_cell_end:
            self.inner_cells.append("\n".join(self.inner_lines))
            self.inner_lines = []

    def _end_row(self) -> None:
        if self.lines:
            self.cells.append("\n".join(self.lines))
        if self.inner_cells or self.inner_lines:  # a nested row cut short: keep its text
            self._nested_paragraph(_Paragraph("", _PARAGRAPH_MARK, _Place(2, inner_row_end=True)))
        self.row_number += 1
        label = f"{self.prefix}table {self.tables} row {self.row_number}"
        self._append(self.cells, label)
        for number, rows in enumerate(self.nested, start=1):
            for row_number, cells in enumerate(rows, start=1):
                self._append(cells, f"{self.prefix}table {self.tables}.{number} row {row_number}")
        self.cells, self.lines, self.nested, self.in_nested = [], [], [], False

    def _append(self, texts: list[str], label: str) -> None:
        cells = [Cell(text, f"{label} cell {number}") for number, text in enumerate(texts, start=1)]
        self.rows.append(Row(cells, label, "doc-table"))

    def finish(self) -> list[Row]:
        if self.cells or self.lines or self.nested or self.inner_cells or self.inner_lines:
            self._end_row()  # a table cut short: keep its text
        return self.rows


def _slice(data: bytes, offset: int, size: int, source: str) -> bytes:
    if offset < 0 or size < 0 or offset + size > len(data):
        raise FormError(source, "word_damaged", variant="outside_stream")
    return data[offset : offset + size]


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from("<H", data, at)[0]


def _i16(data: bytes, at: int) -> int:
    return struct.unpack_from("<h", data, at)[0]


def _u32(data: bytes, at: int) -> int:
    return struct.unpack_from("<I", data, at)[0]
