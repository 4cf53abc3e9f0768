"""Stage 2 of the content reader: cells → typed tokens.

A cell is read by what it is, not where it stands: a header title (with its column role), a
level-1 or level-2 label (spaced out, with a score such as ``产出指标(50分)``, or a score alone),
an operator (``﹦``, ``≥``), a unit alone (``%``, ``公里``), a value (number with unit, ``≥95%``,
a 定性 word, a date, a template placeholder such as ``≧ %``), a table's end (合计, 填表人),
web-page chrome, or text. Labels broken over two cells (``经济效益`` / ``指标``) are joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lib import settings
from lib.normalize.taxonomy import normalize_level1, normalize_level2
from lib.normalize.values import is_real_unit, is_value_like, parse_operator
from lib.readers import vocab
from lib.readers.blocks import TextCell
from lib.readers.sentence_lists import NAME as NAME_IN_LIST

HEADER = "header"
LEVEL1 = "level1"
LEVEL2 = "level2"
COST = "cost"  # 成本指标: a level 1 in new templates, a level 2 under 产出 in old ones
OTHER_LEVEL = "other_level"
SCORE = "score"
OPERATOR = "operator"
UNIT = "unit"
VALUE = "value"
NUMBER = "number"
END = "end"
CHROME = "chrome"
SEQ = "seq"
TEXT = "text"

_SCORE_SUFFIX = re.compile(r"[(（]\s*[\d.\-~]{1,12}\s*分?\s*[)）]\s*分?$|(?<!\d)\d{1,4}分$")
_SHORT_LEVEL2 = frozenset({"数量", "质量", "时效"})  # never an indicator's name on their own
_BARE_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_EMPTY_SLOT = re.compile(r"^(?:指标\d+[:：]?|…+|\.{3,}|/|—|-)$")
_OPERATOR_AND_UNIT = re.compile(r"^(?:[≥≤><=≧≦﹦]|>=|<=)\**([^\d\w]?|[^\d]{1,3})$")  # ≧ %, ≥**人


@dataclass
class Token:
    kind: str
    cell: TextCell
    role: str | None = None  # a header's column role, or a level label's official name

    @property
    def text(self) -> str:
        return self.cell.text

    @property
    def key(self) -> str:
        return vocab.label_key(self.cell.text)


def tokenize(cells: list[TextCell]) -> list[Token]:
    """The cells as typed tokens, labels broken over two cells joined."""
    return [classify(cell) for cell in join_broken_labels(cells)]


def join_broken_labels(cells: list[TextCell]) -> list[TextCell]:
    """经济效益 / 指标, 一级 / 指标, 可持续影 / 响指标, 服务对象 / 满意度指标 → one cell each."""
    joined: list[TextCell] = []
    for cell in cells:
        if joined and _is_broken_pair(joined[-1], cell):
            last = joined[-1]
            joined[-1] = TextCell(
                last.written + cell.written,
                last.text + cell.text,
                last.line,
                last.row,
                last.fused,
                last.converted,
            )
            continue
        joined.append(cell)
    return joined


def _is_broken_pair(first: TextCell, second: TextCell) -> bool:
    a, b = vocab.label_key(first.text), vocab.label_key(second.text)
    if (
        not b.endswith("指标")
        or len(b) > 6
        or _label_kind(a) is not None
        and len(b) <= 2
        and a.endswith("指标")
    ):
        return False
    if _label_kind(a) is not None and _label_kind(b) is not None:
        return False
    return _label_kind(a + b) is not None


def _label_kind(key: str) -> str | None:
    stripped = _SCORE_SUFFIX.sub("", key)
    if not stripped:
        return None
    level1, level2 = normalize_level1(stripped), normalize_level2(stripped)
    if level1 and level2:
        return COST
    if level1 and stripped.endswith("指标"):
        return LEVEL1
    if level2 and (stripped.endswith("指标") or len(stripped) >= 4 or stripped in _SHORT_LEVEL2):
        return LEVEL2
    if level1 and len(stripped) >= 2 and stripped in ("产出", "效益", "满意度"):
        return LEVEL1
    if vocab.header_role(stripped) is not None:
        return HEADER
    return None


def classify(cell: TextCell) -> Token:
    kind, role = _kind_and_role(cell.text, cell.listed, int(settings.get("junk_unit_max_chars")))
    return Token(kind, cell, role)


@lru_cache(maxsize=int(settings.get("memo_entries")))
def _kind_and_role(cell_text: str, listed: str, max_unit_chars: int) -> tuple[str, str | None]:
    """A cell's token kind and role, by its text and its place in a sentence list (memoised, by
    the unit-length setting the value check reads too: templates repeat their cells)."""
    text = cell_text.strip()
    key = vocab.label_key(text)
    if vocab.CHROME.match(key) or text.startswith("["):
        return CHROME, None
    if vocab.SCORE_ONLY.match(key):
        return SCORE, None
    role = vocab.header_role(_SCORE_SUFFIX.sub("", key))
    if role is not None:
        return HEADER, role
    kind = _label_kind(key)
    if kind in (LEVEL1, LEVEL2, COST):
        stripped = _SCORE_SUFFIX.sub("", key)
        name = normalize_level1(stripped) if kind == LEVEL1 else normalize_level2(stripped)
        return kind, name
    if vocab.OTHER_LEVEL_LABEL.match(key) and not vocab.header_role(key):
        return OTHER_LEVEL, key
    if vocab.TABLE_END.match(key):
        return END, None
    if _EMPTY_SLOT.match(key):
        return SEQ, None
    if parse_operator(text):
        return OPERATOR, None
    if listed == NAME_IN_LIST:
        return TEXT, None  # a sentence list's name, whatever words it is made of (按时完成)
    return _value_kind(text, key), None


def _value_kind(text: str, key: str) -> str:
    if _BARE_NUMBER.match(key):
        return NUMBER
    if len(key) <= 3 and is_real_unit(key) and vocab.field_label(key) is None:
        return UNIT
    if _placeholder(key) or is_value_like(text):
        return VALUE
    return TEXT


def _placeholder(key: str) -> bool:
    """≧ %, ≥**人: an operator and a unit with no number (a template never filled in)."""
    match = _OPERATOR_AND_UNIT.match(key)
    return bool(match) and (is_real_unit(match[1]) if match[1] else False)
