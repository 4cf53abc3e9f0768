"""Stage 0 of the content reader: one line of text → its simplified reading, glosses removed.

Pages copied from traditional-character sites (and their mirrors) carry 繁体 characters, some
with the pinyin of each character after it (``價(jià)格``). The reader recognises the forms'
vocabulary on a simplified reading made with OpenCC's ``t2s`` table, but keeps the text as
written (glosses removed) for names and values, so a reader of the stored form sees the
original. A line whose simplified reading changes its length keeps its simplified reading for
both (positions must line up cell by cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A pinyin gloss after a CJK character: 數(shù), 鄉(xiāng). Tone-marked or plain Latin letters only.
PINYIN_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
)


@dataclass(frozen=True)
class ScriptLine:
    written: str  # as written, pinyin glosses removed
    simplified: str  # the reading the vocabulary is matched on (same length as ``written``)
    converted: bool  # True when the line held traditional characters


@lru_cache(maxsize=1)
def _converter() -> object:
    import opencc  # imported on first traditional line: most forms never need it

    return opencc.OpenCC("t2s")


def without_glosses(text: str) -> str:
    """The text with the pinyin after each character removed (價(jià)格 → 價格)."""
    return PINYIN_GLOSS.sub("", text)


def read_line(line: str) -> ScriptLine:
    """The line as written (glosses removed) and its simplified reading."""
    written = PINYIN_GLOSS.sub("", line)
    if written.isascii():
        return ScriptLine(written, written, False)
    simplified = _converter().convert(written)
    if simplified == written:
        return ScriptLine(written, written, False)
    if len(simplified) != len(written):
        return ScriptLine(simplified, simplified, True)
    return ScriptLine(written, simplified, True)
