"""Indicators listed in sentences: a 公示 notice's ``产出指标中数量指标：A目标值为≥33公里；B≥224次。``

A line is a sentence list when most of its ；/ 。-separated items end in a value (at least
:data:`MIN_VALUED_ITEMS` of them). Each item becomes cells the content reader reads like a
table row: a sentence's heading (two level labels joined by 中 become two cells), the name and
the value. The lead-in between name and value (目标值为, 达到 …) is a separator, like the ；.
Where the value's start is not clear (no lead-in, no operator, no trailing quantity, date or
定性 phrase) the item stays one cell, for the sentence reader of :mod:`indicator_rows`.
"""

from __future__ import annotations

import re

from lib.normalize.values import is_value_like
from lib.readers import vocab

# What each cell of a sentence list is: an item's name, its value, an item left whole, a heading.
NAME, VALUE, ITEM, HEADING = "name", "value", "item", ""
MIN_VALUED_ITEMS = 3
MIN_VALUED_SHARE = 0.5
_QUALITATIVE_END = re.compile(f"(?:{vocab.QUALITATIVE_PHRASE.pattern})$")
Span = tuple[int, int]


def sentence_list_spans(text: str) -> list[Span] | None:
    """The cells of a line listing indicators in sentences, or None when it is no such line."""
    cells = list_cells(text)
    return None if cells is None else [span for span, _ in cells]


def list_cells(text: str) -> list[tuple[Span, str]] | None:
    """Each cell of a sentence list with what it is (NAME, VALUE, ITEM, HEADING), or None."""
    if len(vocab.LIST_ITEM_END.findall(text)) < MIN_VALUED_ITEMS - 1:
        return None
    items = _items(text)
    cells = [_item_cells(text, start, end) for start, end in items]
    valued = sum(1 for item in cells if item[-1][1] == VALUE and _is_value_span(text, item[-1][0]))
    if valued < MIN_VALUED_ITEMS or valued < MIN_VALUED_SHARE * len(items):
        return None
    return [cell for item in cells for cell in item]


def _items(text: str) -> list[Span]:
    spans, start = [], 0
    for match in vocab.LIST_ITEM_END.finditer(text):
        spans.append(_stripped(text, start, match.start()))
        start = match.end()
    spans.append(_stripped(text, start, len(text)))
    return [(a, b) for a, b in spans if a < b]


def _item_cells(text: str, start: int, end: int) -> list[tuple[Span, str]]:
    """A heading (or its two level labels), then the item's name and value (or the item whole)."""
    cells: list[tuple[Span, str]] = []
    heading = vocab.LIST_HEADING.match(text[start:end])
    if heading and heading.end() < end - start:
        cells += [(span, HEADING) for span in _heading_cells(text, start, start + heading.end("heading"))]
        start = _stripped(text, start + heading.end(), end)[0]
    split = value_split(text[start:end])
    if split is None:
        return [*cells, ((start, end), ITEM)]
    name_end, value_start = split
    return [*cells, ((start, start + name_end), NAME), ((start + value_start, end), VALUE)]


def _heading_cells(text: str, start: int, end: int) -> list[Span]:
    pair = vocab.LEVEL_PAIR.match(text[start:end])
    if pair is None:
        return [(start, end)]
    return [(start + pair.start(group), start + pair.end(group)) for group in ("level1", "level2")]


def value_split(item: str) -> tuple[int, int] | None:
    """(end of the name, start of the value) in one item, when the value's start is unambiguous."""
    for lead_in in vocab.VALUE_LEAD_INS:
        at = item.rfind(lead_in)
        if at >= 2 and is_value_like(item[at + len(lead_in) :].strip()):
            return at, at + len(lead_in)
    for pattern in (
        vocab.ITEM_OPERATOR_VALUE,
        vocab.ITEM_TRAILING_DATE,
        _QUALITATIVE_END,
        vocab.ITEM_TRAILING_QUANTITY,
    ):
        found = pattern.search(item)
        if found and _is_clear_tail(item, found):
            return found.start(), found.start()
    return None


def _is_clear_tail(item: str, found: re.Match[str]) -> bool:
    name = item[: found.start()]
    if len(re.findall(r"[\u4e00-\u9fff]", name)) < 2 or not is_value_like(found[0]):
        return False
    return not name[-1].isdigit()


def _is_value_span(text: str, span: Span) -> bool:
    return is_value_like(text[span[0] : span[1]])


def _stripped(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
