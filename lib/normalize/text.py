"""Cell text clean-up shared by every reader: export artefacts out, widths folded, match keys."""

from __future__ import annotations

import re
from functools import lru_cache

from lib import settings

_BOOKMARK = re.compile(r"\[bookmark:[^\][]*\]", re.IGNORECASE)
_LINE_BREAK_TAGS = re.compile(r"</p>\s*<p(?:\s[^<>]*)?>|<br\s*/?>", re.IGNORECASE)
_P_TAGS = re.compile(r"</?p(?:\s[^<>]*)?>", re.IGNORECASE)
# Markdown bold: a pair of ** around text; a lone ** or one right after an operator
# (≥**%) is a placeholder, not markup. Bold spans are short headings within a line.
_BOLD = re.compile(r"(?<![≥≤=<>≧≦＞＜＝])\*\*(?=[^\s*])([^\n]{1,200}?)(?<=[^\s*])\*\*")
_BLANKS = re.compile(r"\s+")
_WIDE_SPACES = str.maketrans({"\u3000": " ", "\u00a0": " "})
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_KEY_SYMBOLS = frozenset("%≥≤=><")


# What clean_cell changes: a tag, a bookmark or bold mark, a wide space, whitespace other than
# one plain space (a tab, a line break), two spaces, or a space at either end. Most cells hold none.
_NEEDS_CLEANING = re.compile(r"[<\[*\u3000\u00a0]|[^\S ]|  |^ | $")


@lru_cache(maxsize=int(settings.get("memo_entries")))
def clean_cell(text: str) -> str:
    """Remove export artefacts and tidy whitespace line by line; empty lines are dropped (memoised)."""
    if _NEEDS_CLEANING.search(text) is None:
        return text  # nothing below would change it
    text = _BOOKMARK.sub("", text)
    text = _LINE_BREAK_TAGS.sub("\n", text)
    text = _P_TAGS.sub("", text)
    text = _BOLD.sub(r"\1", text)
    text = text.translate(_WIDE_SPACES)
    lines = (_BLANKS.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def to_halfwidth(text: str) -> str:
    """Fold full-width ASCII (U+FF01–U+FF5E) and the ideographic space to plain ASCII."""
    return text.translate(_HALFWIDTH)


@lru_cache(maxsize=int(settings.get("text_memo_entries")))
def match_key(text: str) -> str:
    """A key for fuzzy comparison: folded, lower-case, simplified characters, no whitespace and no
    punctuation (memoised): a name written in traditional characters has its simplified twin's key."""
    folded = to_simplified(clean_cell(to_halfwidth(text)).lower())
    return "".join(c for c in folded if c.isalnum() or c in _KEY_SYMBOLS)


@lru_cache(maxsize=1)
def _t2s() -> object:
    import opencc  # imported on first use: most texts are ASCII or simplified already

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The text in simplified characters (OpenCC t2s); ASCII text as it is."""
    return text if text.isascii() else _t2s().convert(text)
