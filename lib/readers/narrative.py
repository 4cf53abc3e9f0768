"""Narrative indicators: numbered paragraphs under 产出指标： / 效益指标： headings.

Older forms write each indicator as a sentence (``1、经济效益指标：大力发展农业，…``)
instead of a table row. Each numbered item becomes one indicator with no target value;
a level-2 prefix before the first colon is read as its level 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.normalize.taxonomy import normalize_level1, normalize_level2
from lib.readers.numbered import split_numbered

_NAME_END = re.compile(r"[。；;]")
_PREFIX = re.compile(r"^(?P<label>[^：:，。]{2,16})[：:]\s*")


@dataclass
class NarrativeItem:
    level1: str | None
    level2: str | None
    name: str
    description: str | None


def heading_level1(text: str) -> str | None:
    """The level 1 a narrative block announces in its first line (产出指标（数量…）：)."""
    first_line = text.split("\n", 1)[0]
    return normalize_level1(first_line)


def read_block(text: str, level1: str | None) -> tuple[list[NarrativeItem], str]:
    """Numbered items of a block, and any text before the first item.

    ``level1`` is the block's heading level, already read from its first line by the caller.
    """
    body = text.split("\n", 1)[1] if level1 and "\n" in text else ("" if level1 else text)
    numbered = split_numbered(body)
    return [_item(raw, level1) for raw in numbered.items], numbered.preamble


def _item(raw: str, level1: str | None) -> NarrativeItem:
    level2 = None
    text = raw.strip()
    prefix = _PREFIX.match(text)
    if prefix and normalize_level2(prefix["label"]):
        level2 = normalize_level2(prefix["label"])
        text = text[prefix.end() :]
    name, description = _split_name(text)
    return NarrativeItem(level1, level2, name, description)


def _split_name(text: str) -> tuple[str, str | None]:
    """The first sentence names the item; the whole paragraph is kept as its description."""
    flat = " ".join(text.split())
    end = _NAME_END.search(flat)
    name = flat[: end.start()] if end else flat.rstrip("。")
    return name, (flat if flat.rstrip("。；; ") != name else None)
