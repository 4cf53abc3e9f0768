"""Stage 1 of the content reader: lines of text → a stream of cells, the separator inferred per line.

A form's text arrives in many arrangements, often mixed in one page: pipe tables (``a | b |``),
tab rows, runs of two or more spaces, single spaces between typed pieces (``质量指标 为民办事
100%``), one cell per line, and whole tables fused into one line with no separator at all.
Each line is split by the first separator it shows; single-character cells left by letter
spacing (``产 出 指 标``) are joined again. A line listing indicators in sentences (a 公示's
``A目标值为≥33公里；B≥224次。``) is cut into headings, names and values
(:mod:`~lib.readers.sentence_lists`). A fused line (long, no separator, holding the
forms' labels) is cut at the vocabulary's labels and at values (:func:`split_fused`), and its
cells are marked ``fused`` so that what is read from them carries lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lib import settings
from lib.readers import vocab
from lib.readers.script import read_line
from lib.readers.sentence_lists import list_cells, sentence_list_spans


@dataclass
class TextCell:
    """One cell of the stream: its text as written, its simplified reading, where it stood."""

    written: str
    text: str  # simplified, spaces kept; what the vocabulary is matched on
    line: int
    row: int  # index of the line-row the cell came from (cells of one line share it)
    fused: bool = False
    converted: bool = False
    listed: str = ""  # what the cell is in a sentence list: name, value or item (lib.readers.sentence_lists)

    @property
    def ref(self) -> str:
        return f"line {self.line}"


_PIPE = "|"
_WIDE_GAP = re.compile(r"\s{2,}")
_ANY_GAP = re.compile(r"\s+")
_CJK_CHAR = re.compile(r"^[\u4e00-\u9fff]$")
_PROSE_END = re.compile(r"[。！？]$")
_LETTER_AND_COLON = re.compile(r"^[\u4e00-\u9fff][:：]")
_FUSED_MIN_CHARS = 150
_SPACED_EVERY = 40  # a line with a space every 40 characters or more often is space-separated


def text_cells(text: str) -> list[TextCell]:
    """Every non-empty cell of the text, in reading order."""
    return [
        TextCell(written, simplified, number, number, fused, converted, item)
        for number, raw in enumerate(text.splitlines(), start=1)
        for written, simplified, fused, converted, item in _line_cells(raw)
    ]


@lru_cache(maxsize=int(settings.get("memo_entries")))
def _line_cells(raw: str) -> tuple[tuple[str, str, bool, bool, str], ...]:
    """(written, simplified, fused, converted, list item) of each cell of one line (memoised:
    a line's cells depend on the line alone, and templates repeat their lines)."""
    line = read_line(raw.replace("\u3000", " ").replace("\u00a0", " "))
    pieces = split_line(line.written, line.simplified)
    items = _list_items(line.simplified, len(pieces))
    return tuple(
        (written, simplified, fused, line.converted, item)
        for (written, simplified, fused), item in zip(pieces, items, strict=True)
    )


def _list_items(simplified: str, count: int) -> list[str]:
    """For each of a line's cells: what it is in a sentence list (name, value, item), else ""."""
    listed = list_cells(simplified)
    if listed is None or len(listed) != count:
        return [""] * count
    return [role for _, role in listed]


def rows_cells(rows: list[list[str]], refs: list[int] | None = None) -> list[TextCell]:
    """Rows of cells already split (a workbook, a Word table): each cell is read as written."""
    cells: list[TextCell] = []
    for index, row in enumerate(rows):
        number = refs[index] if refs else index + 1
        for value in row:
            line = read_line(value.strip())
            if line.written:
                cells.append(TextCell(line.written, line.simplified, number, index, False, line.converted))
    return cells


def split_line(written: str, simplified: str) -> list[tuple[str, str, bool]]:
    """(written, simplified, fused) pieces of one line, by the separator the line shows."""
    if not simplified.strip():
        return []
    if _PIPE in simplified:
        spans = _spans_by(simplified, re.compile(r"\s*\|\s*"))
    elif "\t" in simplified:
        spans = _spans_by(simplified, re.compile(r"\s*\t\s*"))
    elif _WIDE_GAP.search(simplified.strip()):
        spans = _spans_by(simplified, _WIDE_GAP)
    elif (listed := sentence_list_spans(simplified)) is not None:
        spans = listed
    elif _is_fused(simplified):
        return [(w, s, True) for w, s in _fused_pieces(written, simplified)]
    elif _PROSE_END.search(simplified.strip()):
        spans = [_strip_span(simplified, 0, len(simplified))]
    else:
        spans = _spans_by(simplified, _ANY_GAP)
    spans = _join_letter_spacing(simplified, [s for s in spans if s[0] < s[1]])
    return [(written[a:b], simplified[a:b], False) for a, b in spans]


def _spans_by(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in separator.finditer(text):
        spans.append(_strip_span(text, start, match.start()))
        start = match.end()
    spans.append(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _join_letter_spacing(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of one-character cells (产 出 指 标, 名  称:) are one spaced-out word."""
    joined: list[tuple[int, int]] = []
    run_open = False
    for start, end in spans:
        single = end - start == 1 and _CJK_CHAR.match(text[start:end])
        if joined and run_open and (single or _continues_word(text[start:end])):
            joined[-1] = (joined[-1][0], end)
            run_open = bool(single)
            continue
        joined.append((start, end))
        run_open = bool(single)
    return joined


def _continues_word(text: str) -> bool:
    """The last letter of a spaced-out label with its colon or value: 称: 2023年…, 号:"""
    return bool(_LETTER_AND_COLON.match(text))


def _is_fused(text: str) -> bool:
    """Long, holding the forms' labels, and (nearly) no spaces between them."""
    spaced = text.count(" ") > len(text) / _SPACED_EVERY
    return len(text) >= _FUSED_MIN_CHARS and not spaced and vocab.fused_label_count(text) >= 3


def _fused_pieces(written: str, simplified: str) -> list[tuple[str, str]]:
    return [(written[a:b], simplified[a:b]) for a, b in split_fused(simplified)]


def split_fused(text: str) -> list[tuple[int, int]]:
    """Spans of the cells a separator-less line runs together: labels, values, the text between."""
    cuts = {0, len(text)}
    for match in vocab.fused_boundaries(text):
        cuts.update(match.span())
        for group in match.groupdict():
            cuts.update(match.span(group))
    bounds = sorted(cuts)
    for a, b in zip(bounds, bounds[1:], strict=False):
        trailing = vocab.TRAILING_QUANTITY.search(text, a, b)
        if trailing and trailing.start() > a:
            cuts.add(trailing.start())  # 覆盖村数12个 | 满意度指标: the quantity ends the piece
    bounds = sorted(cuts)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]
