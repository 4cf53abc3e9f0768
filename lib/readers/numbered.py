"""Split numbered lists (1. / 1、 / (一) / 一、 / 目标1： / 职能1:) into their items.

A marker only counts when it carries the next number in sequence, so numbers inside
the text (2024年, 10余名, 0.5) never split an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = "一二三四五六七八九十"
_SEPARATORS = "；;。\n "

_MARKER = re.compile(
    r"(?:(?P<word>目标|职能|指标|分目标)\s*)?"
    r"(?:[(（](?P<cn_paren>[一二三四五六七八九十]{1,3})[)）]"
    r"|(?P<cn>[一二三四五六七八九十]{1,3})[、.．]"
    r"|(?P<num>\d{1,2})(?P<punct>[.．、:：)）]?)(?!\d))"
)


def cn_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.index(text[1]) + 1
    if len(text) > 1 and text[1] == "十":
        tens = (_CN_DIGITS.index(text[0]) + 1) * 10
        return tens + (_CN_DIGITS.index(text[2]) + 1 if len(text) > 2 else 0)
    return _CN_DIGITS.index(text) + 1


def _marker_number(match: re.Match[str]) -> int | None:
    if match["cn_paren"]:
        return cn_number(match["cn_paren"])
    if match["cn"]:
        return cn_number(match["cn"])
    if match["num"]:
        return int(match["num"])
    return None


def _is_marker_at(text: str, match: re.Match[str], expected: int) -> bool:
    """A marker starts the text or follows a separator, and carries the expected number."""
    if _marker_number(match) != expected:
        return False
    start = match.start()
    if start > 0 and text[start - 1] not in _SEPARATORS:
        return False
    if match["num"] and not match["punct"]:
        # "10抓好…": a bare number only after a separator and before a CJK character
        after = text[match.end() : match.end() + 1]
        return start > 0 and bool(after) and "\u4e00" <= after <= "\u9fff" and expected > 1
    return True


@dataclass
class Numbered:
    preamble: str
    items: list[str]


def split_numbered(text: str) -> Numbered:
    """The text before the list, and the items of the list with their markers removed."""
    starts: list[tuple[int, int]] = []  # (start of marker, start of item text)
    expected = 1
    for match in _MARKER.finditer(text):
        if _is_marker_at(text, match, expected):
            starts.append((match.start(), match.end()))
            expected += 1
    if not starts:
        return Numbered(text.strip(), [])
    ends = [start for start, _ in starts[1:]] + [len(text)]
    items = [text[begin:end].strip(" ；;\n") for (_, begin), end in zip(starts, ends, strict=True)]
    return Numbered(text[: starts[0][0]].strip(), [i for i in items if i])
