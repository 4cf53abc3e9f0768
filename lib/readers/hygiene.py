"""Text hygiene at the edge of reading: characters no form means, taken out before interpretation.

Two kinds go, each counted so the form can say what was removed:

- characters no XML/Office file can hold — the non-characters U+FFFE/U+FFFF, lone surrogates,
  C0 controls other than tab and newline, DEL and the C1 controls (U+0080–U+009F): one of them
  in a unit's name would otherwise break the workbook export later, far from its cause;
- bidi controls (U+202A–U+202E, U+2066–U+2069): ``≥\\u202e%09\\u202c`` *displays* as ``≥90%``
  but reads as ``≥%09``; without them the text reads as it is stored.

A tab or a line break inside a cell is kept (text exports and Word cells carry them).
"""

from __future__ import annotations

import re
from collections import Counter

from lib.model import Form
from lib.normalize.text import clean_cell
from lib.readers.grid import Row

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_REMOVED = re.compile(f"{_UNSAFE.pattern}|{_BIDI.pattern}")


def clean_text(text: str, removed: Counter[str] | None = None) -> str:
    """``text`` without unsafe and bidi control characters; each removed one counted in ``removed``."""
    if not _REMOVED.search(text):
        return text
    if removed is not None:
        removed.update(_REMOVED.findall(text))
    return _REMOVED.sub("", text)


def clean_rows(parts: list[list[Row]]) -> Counter[str]:
    """Clean every cell of every row in place; the characters removed, counted."""
    removed: Counter[str] = Counter()
    for part in parts:
        for row in part:
            dirty = [cell for cell in row.cells if _REMOVED.search(cell.raw)]
            for cell in dirty:
                cell.raw = clean_text(cell.raw, removed)
                cell.text = clean_cell(cell.raw)
            if dirty:
                row.values = [cell.text for cell in row.cells]
    return removed


def warn_removed(forms: list[Form], removed: Counter[str]) -> None:
    """Tell each form what was taken out of its file's text (code ``text_cleaned``)."""
    if not removed:
        return
    listed = "、".join(f"U+{ord(char):04X}×{count}" for char, count in sorted(removed.items()))
    for form in forms:
        form.warn("text_cleaned", chars=listed)
