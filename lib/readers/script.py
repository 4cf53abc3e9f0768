"""Traditional characters and pinyin glosses → a simplified reading, for every reader.

:func:`looks_traditional` tells a text written in traditional characters; :func:`parse_bytes
<lib.readers.parse_bytes>` then reads every file (text, Word, workbook, PDF) on its simplified
reading (:func:`simplified_text`) and gives the wording the forms copy back as written
(:func:`keep_written`). :func:`read_line` is the content reader's stage 0, line by line:

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

from lib import settings
from lib.model import Form
from lib.normalize.text import to_simplified

# A pinyin gloss after a CJK character: 數(shù), 鄉(xiāng). Tone-marked or plain Latin letters only.
PINYIN_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
)


@dataclass(frozen=True)
class ScriptLine:
    written: str  # as written, pinyin glosses removed
    simplified: str  # the reading the vocabulary is matched on (same length as ``written``)
    converted: bool  # True when the line held traditional characters


def without_glosses(text: str) -> str:
    """The text with the pinyin after each character removed (價(jià)格 → 價格)."""
    return PINYIN_GLOSS.sub("", text)


@lru_cache(maxsize=int(settings.get("memo_entries")))
def read_line(line: str) -> ScriptLine:
    """The line as written (glosses removed) and its simplified reading (memoised)."""
    written = PINYIN_GLOSS.sub("", line)
    if written.isascii():
        return ScriptLine(written, written, False)
    simplified = to_simplified(written)
    if simplified == written:
        return ScriptLine(written, written, False)
    if len(simplified) != len(written):
        return ScriptLine(simplified, simplified, True)
    return ScriptLine(written, simplified, True)


# A text is read as traditional when OpenCC's t2s changes at least this share of its CJK
# characters (and a few of them): simplified text loses almost none, traditional text 15–30%.
TRADITIONAL_MIN_SHARE = 0.03
TRADITIONAL_MIN_CHARS = 5
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


CONVERTED_REASON = "traditional_script"


@dataclass(frozen=True)
class ScriptText:
    """A whole text (or the cells of a file joined) as written and as simplified, aligned."""

    written: str  # glosses removed, otherwise as written
    simplified: str  # same length as ``written``: position i of one is position i of the other

    def as_written(self, simplified: str | None) -> str | None:
        """The wording ``simplified`` had in the file, when it is a piece of the text as read."""
        if not simplified:
            return simplified
        at = self.simplified.find(simplified)
        return simplified if at < 0 else self.written[at : at + len(simplified)]


def looks_traditional(text: str) -> bool:
    """Is the text written in traditional characters (t2s changes a meaningful share of them)?"""
    written = _NOT_CJK.sub("", text)  # the text's CJK characters, in order
    if len(written) < TRADITIONAL_MIN_CHARS:
        return False
    simplified = to_simplified(written)
    if simplified == written:  # most texts: nothing to convert, no need to count
        return False
    changed = sum(a != b for a, b in zip(written, simplified, strict=False))
    return changed >= TRADITIONAL_MIN_CHARS and changed >= TRADITIONAL_MIN_SHARE * len(written)


def simplified_text(text: str) -> ScriptText:
    """The text line by line as written (glosses removed) and simplified, position for position."""
    lines = [read_line(line) for line in text.split("\n")]
    return ScriptText("\n".join(x.written for x in lines), "\n".join(x.simplified for x in lines))


def keep_written(forms: list[Form], script: ScriptText) -> None:
    """Give each form's copied wording (unit, names, values, goals …) back as the file wrote it,
    mark what was read on a converted reading, and say that the text was converted."""
    for form in forms:
        form.unit_name = script.as_written(form.unit_name)
        form.county, form.township = script.as_written(form.county), script.as_written(form.township)
        form.functions = [script.as_written(text) or text for text in form.functions]
        form.goals = [script.as_written(text) or text for text in form.goals]
        for indicator in form.indicators:
            indicator.name = script.as_written(indicator.name)
            indicator.value_raw = script.as_written(indicator.value_raw)
            indicator.description = script.as_written(indicator.description)
            indicator.confidence_reasons.append(CONVERTED_REASON)
            if indicator.confidence == "high":
                indicator.confidence = "medium"
        for note in form.unparsed:
            note.text = script.as_written(note.text) or note.text
        form.warn("script_converted")
