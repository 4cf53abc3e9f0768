"""Read an indicator's target value: operator, number, unit and kind, each doubt as an issue code.

Issue codes: ``implicit_operator`` (a number with no operator written), ``junk_unit`` (the
text after the number is not a unit), ``placeholder`` (a template slot never filled in),
``qualitative`` (no number), ``vague`` (a direction without a size: 进一步提高),
``range`` (two bounds; the first is kept, read as ≥ when no operator is written),
``operator_conflict`` (the operator column and the value disagree; the column wins),
``overflow`` (a number too large for a float).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from lib import settings
from lib.normalize.text import clean_cell, to_halfwidth


@dataclass(frozen=True)
class ParsedValue:
    operator: str | None  # "≥" "≤" "=" ">" "<" "定性", None for an empty value
    operator_implicit: bool  # True when a number had no operator written
    target: float | None  # the number; None for 定性, 时间 and empty values
    unit: str | None  # text after the number as written (trimmed), None if none
    kind: str | None  # "定量" | "定性" | "时间" | None for empty
    issues: tuple[str, ...]


EMPTY = ParsedValue(None, False, None, None, None, ())

# Operators written before the number (symbols after width folding, and words).
PREFIX_OPERATORS: dict[str, str] = {
    "≥": "≥",
    "大于等于": "≥",
    "大于或等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "至少": "≥",
    "达到": "≥",
    "≤": "≤",
    "小于等于": "≤",
    "小于或等于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "不多于": "≤",
    "不大于": "≤",
    "控制在": "≤",
    "=": "=",
    "等于": "=",
    ">": ">",
    "大于": ">",
    "高于": ">",
    "超过": ">",
    "<": "<",
    "小于": "<",
    "低于": "<",
}
# Operators written after the number and its unit: 90%以上, 3个工作日内.
SUFFIX_OPERATORS: dict[str, str] = {
    "及以上": "≥",
    "以上": "≥",
    "及以下": "≤",
    "以下": "≤",
    "以内": "≤",
    "之内": "≤",
    "内": "≤",
}
# Cells of an operator column (指标值类型 / 计算符号) besides the prefix operators.
OPERATOR_CELLS: dict[str, str] = PREFIX_OPERATORS | {"定性": "定性", "以上": "≥", "以下": "≤", "以内": "≤"}

# Symbol spellings folded before reading (after full-width folding).
_SYMBOL_SPELLINGS = (
    ("≧", "≥"),
    ("⩾", "≥"),
    ("≦", "≤"),
    ("⩽", "≤"),
    ("﹥", ">"),
    ("﹤", "<"),
    ("﹦", "="),
    (">=", "≥"),
    ("=>", "≥"),
    ("<=", "≤"),
    ("=<", "≤"),
    ("≥=", "≥"),
    ("≤=", "≤"),
    ("==", "="),
    ("\u2212", "-"),
)

# Money units (the rules treat an indicator in money as an input, not a result).
MONEY_UNITS = frozenset({"元", "万元", "亿元", "千元"})
# Units that count people, events and things (a zero target in one is suspect).
COUNT_UNITS = frozenset(
    {
        "个",
        "次",
        "人",
        "份",
        "场",
        "户",
        "家",
        "条",
        "项",
        "件",
        "村",
        "处",
        "名",
        "期",
        "篇",
        "人次",
    }
)
# Real units; anything else after a number is kept but flagged junk_unit.
REAL_UNITS = (
    MONEY_UNITS
    | COUNT_UNITS
    | frozenset(
        [
            "所",
            "村居",
            "社区",
            "亩",
            "平方米",
            "平米",
            "m²",
            "m2",
            "㎡",
            "平方公里",
            "公顷",
            "立方米",
            "m³",
            "m3",
            "方",
            "公里",
            "千米",
            "km",
            "米",
            "m",
            "吨",
            "t",
            "%",
            "百分比",
            "‰",
            "个百分点",
            "百分点",
            "天",
            "日",
            "月",
            "个月",
            "年",
            "周",
            "季度",
            "小时",
            "分钟",
            "秒",
            "工作日",
            "个工作日",
            "学时",
            "课时",
            "套",
            "台",
            "辆",
            "座",
            "本",
            "册",
            "批",
            "间",
            "张",
            "位",
            "户次",
            "批次",
            "车次",
            "场次",
            "班次",
            "部",
            "棵",
            "株",
            "头",
            "只",
            "羽",
            "尾",
            "kg",
            "公斤",
            "千克",
            "斤",
            "g",
            "克",
            "万人",
            "万人次",
            "万",
            "万亩",
            "万株",
            "万吨",
            "万户",
            "分",
            "倍",
            "成",
            "起",
            "例",
            "宗",
            "盏",
            "根",
            "块",
            "片",
            "段",
            "栋",
            "幢",
            "眼",
            "口",
            "支",
            "队",
            "组",
            "家次",
            "人天",
            "千瓦",
            "kw",
            "度",
        ]
    )
)
# Measure words that may carry a short noun: 个村, 个村居, 场活动, 名学员.
MEASURE_WORDS = frozenset("个次场户家所座处条项件批期名位支队辆台套间张本册篇部棵株头只块片段栋幢眼口人")
_MAGNITUDES = ("万", "亿", "千")
_NOUN_MAX_CHARS = 3

PLACEHOLDER_WORDS = re.compile(r"^(?:\d+[.、])?(?:目标内容|指标内容|指标值?|目标值?|内容)\d*$")
_PLACEHOLDER_TOKEN = r"(?:\*+|[xX×]{1,4}|…+|\?+|_+|/|-|—+)"

# Verbs of a change without a size (提高, 降低 …): part of every 定性 value's words below, and the
# verb of the readers' 定性 phrase rule (lib.readers.vocab.QUALITATIVE_PHRASE).
QUALITATIVE_VERBS = (
    "提高",
    "提升",
    "改善",
    "增加",
    "增长",
    "加强",
    "降低",
    "减少",
    "下降",
    "好转",
    "推动",
    "推进",
)
# Words that make up a 定性 value; a cell made only of these is a value, not a name.
QUALITATIVE_WORDS = tuple(
    sorted(
        [
            "效果明显",
            "效果显著",
            "效果良好",
            "效果",
            "显著",
            "明显",
            "持续推动",
            "持续推进",
            "持续",
            "稳步提升",
            "稳步",
            "逐步",
            "进一步",
            "不断",
            "有所",
            "大幅",
            "积极",
            "优",
            "优秀",
            "良",
            "良好",
            "好",
            "较好",
            "一般",
            "中",
            "差",
            "达标",
            "合格",
            *QUALITATIVE_VERBS,
            "优化",
            "完善",
            "有效",
            "高效",
            "完成",
            "按时完成",
            "按期完成",
            "按时",
            "按期",
            "及时",
            "是",
            "否",
            "有",
            "无",
            "满意",
            "基本满意",
            "稳定",
            "保持稳定",
            "保持",
            "全覆盖",
            "正常",
            "正常运转",
            "规范",
            "符合要求",
            "符合标准",
            "达到要求",
            "达到标准",
            "得到",
            "较往年",
            "较上年",
            "同比",
            "不超预算",  # a cost indicator's 定性 target
            "不超过预算",
            "不超年度预算",
            "控制在预算内",
            "控制在预算范围内",
        ],
        key=len,
        reverse=True,
    )
)
# A direction without a size: 进一步提高, 较往年提升, 持续推动.
_VAGUE = re.compile(
    r"进一步|持续|稳步|逐步|不断|有所|较往年|较上年|比上年|逐年"
    r"|提高|提升|改善|增加|增长|加强|减少|下降|降低|好转|推动|推进|优化|完善"
)


def _alternation(words: object) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_OP = _alternation(PREFIX_OPERATORS)
_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|[-+]?\.\d+"
_QUANTITY = re.compile(rf"(?P<op>{_OP})?(?P<num>{_NUMBER})(?P<rest>.*)", re.DOTALL)
_RANGE_REST = re.compile(
    rf"(?P<unit>[^\d\-~—–至到且]{{0,8}}?)(?:-|~|—|–|至|到|并且|且)(?:{_OP})?(?:{_NUMBER})(?P<unit2>\D{{0,8}})"
)
_SUFFIX = re.compile(rf"(?P<unit>.*?)(?P<suffix>{_alternation(SUFFIX_OPERATORS)})", re.DOTALL)
_PLACEHOLDER = re.compile(rf"(?P<op>{_OP})?{_PLACEHOLDER_TOKEN}(?P<unit>[^\d]{{0,4}})")
_QUALITATIVE = re.compile(rf"(?:{_alternation(QUALITATIVE_WORDS)})+[。.!]?")
_DATE_FORMS = (
    r"(?P<year>20\d{2}年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号]|(?P<tail>底|末|份|上旬|中旬|下旬))?",
    r"(?P<year>20\d{2})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})",
    r"(?P<year>20\d{2}年)度?(?P<tail>底|末|内)?",
    r"(?P<tail>年底|年末|年内)",
)
_DATES = tuple(
    re.compile(
        rf"(?P<op>{_OP})?(?:于|在)?{form}(?P<before>底前|之前|以前|前|以内|之内)?(?:完成|办结|完工|结束|到位)?"
    )
    for form in _DATE_FORMS
)
# A template slot left inside a name or beside a real value: (≥**%), ≥**人, （××个）.
_EMBEDDED_PLACEHOLDER = re.compile(
    rf"[(（]\s*(?:{_OP})?\s*(?:\*+|[xX×]{{2,}})\s*[^()（）\d\s]{{0,4}}\s*[)）]"
    rf"|(?:{_OP})\s*(?:\*+|[xX×]{{2,}})\s*[^\s()（）\d，,。；;]{{0,3}}"
)
# A value run into the end of a name: 培训人数≥50人, 覆盖率达到95%.
_RUN_IN = re.compile(
    rf"(?P<name>.*?[\u4e00-\u9fff)）])\s*(?P<value>(?:{_OP})\s*[-+]?\d[\d,.]*\s*[^\s\d]{{0,6}})"
)
# A unit in brackets closing a name: 保障在职职工人数(人), 资金到位率（%）.
_BRACKET_UNIT = re.compile(r"[(（]\s*([^()（）\s]{1,6})\s*[)）]\s*$")
_UNIT_PUNCTUATION = frozenset("，。；：、“”‘’！？,;:!?\"'")


def parse_operator(text: str) -> str | None:
    """The normalised operator of an operator-only cell; None when the cell is anything else."""
    return OPERATOR_CELLS.get(_fold(text))


def parse_value(
    raw: str | None, operator_hint: str | None = None, unit_hint: str | None = None
) -> ParsedValue:
    """Read a target value; the operator and unit columns, when a form has them, are the hints."""
    return _parsed(raw, operator_hint, unit_hint, int(settings.get("junk_unit_max_chars")))


@lru_cache(maxsize=int(settings.get("memo_entries")))
def _parsed(
    raw: str | None, operator_hint: str | None, unit_hint: str | None, max_unit_chars: int
) -> ParsedValue:
    """:func:`parse_value` for a given unit-length limit (memoised: templates repeat their values)."""
    text = _fold(raw or "")
    if not text:
        return EMPTY
    value = _read(text, max_unit_chars)
    value = _apply_unit_hint(value, _fold(unit_hint or ""))
    return _apply_operator_hint(value, parse_operator(operator_hint or ""))


def is_value_like(text: str) -> bool:
    """Does this cell look like an indicator's target value rather than a name or label?"""
    return _value_like(text, int(settings.get("junk_unit_max_chars")))


@lru_cache(maxsize=int(settings.get("memo_entries")))
def _value_like(text: str, max_unit_chars: int) -> bool:
    """:func:`is_value_like` for a given unit-length limit (memoised: every reader asks it of
    the same cells, and templates repeat them)."""
    folded = _fold(text)
    real, slot = strip_placeholders(folded)
    folded = real if slot and real else folded  # 95%(≥**%): a value with a template slot beside it
    if not folded or folded in OPERATOR_CELLS:
        return False
    if _is_qualitative_word(folded) or _read_date(folded) or _PLACEHOLDER.fullmatch(folded):
        return True
    value = _quantity(folded, max_unit_chars)
    if value is None or any(c in _UNIT_PUNCTUATION for c in value.unit or ""):
        return False
    return not (value.operator_implicit and "junk_unit" in value.issues)


def strip_placeholders(text: str) -> tuple[str, bool]:
    """The text without unfilled template slots ((≥**%), ≥**人), and whether it had any."""
    spans = [m.span() for m in _EMBEDDED_PLACEHOLDER.finditer(to_halfwidth(text))]  # widths fold 1:1
    if not spans:
        return text, False
    kept, last = [], 0
    for start, end in spans:
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return "".join(kept).strip(), True


def split_run_in(text: str) -> tuple[str, str] | None:
    """(name, value) when a value with a written operator ends the cell text: 培训人数≥50人."""
    match = _RUN_IN.fullmatch(to_halfwidth(text))
    if match is None:
        return None
    value = parse_value(match["value"])
    if value.kind != "定量" or value.operator_implicit or "junk_unit" in value.issues:
        return None
    return text[: match.end("name")].strip(), text[match.start("value") :].strip()


def bracket_unit(name: str | None) -> str | None:
    """The unit a name carries in closing brackets, when it is a real unit: 保障在职职工人数(人) → 人."""
    match = _BRACKET_UNIT.search(to_halfwidth(name or ""))
    if match is None:
        return None
    unit = match[1]
    return unit if is_real_unit(unit) else None


def render_value(v: ParsedValue) -> str:
    """Canonical text: operator, number and unit for 定量; "定性" for 定性; "" otherwise."""
    if v.kind == "定性":
        return "定性"
    if v.kind != "定量" or v.target is None:
        return ""
    return f"{v.operator or ''}{_format_number(v.target)}{v.unit or ''}"


def is_real_unit(unit: str) -> bool:
    """A unit from the list, a magnitude of one (万亩), a compound (元/人) or 个村-style."""
    unit = unit.strip().lower()
    if unit in REAL_UNITS:
        return True
    if unit[:1] in _MAGNITUDES and unit[1:] in REAL_UNITS:
        return True
    if "/" in unit:
        return all(part in REAL_UNITS for part in unit.split("/"))
    noun = unit[1:]
    return unit[:1] in MEASURE_WORDS and 0 < len(noun) <= _NOUN_MAX_CHARS and all(_is_cjk(c) for c in noun)


@lru_cache(maxsize=int(settings.get("memo_entries")))
def _fold(text: str) -> str:
    """Clean, fold widths and operator spellings, and drop whitespace (memoised)."""
    text = to_halfwidth(clean_cell(text))
    for spelling, symbol in _SYMBOL_SPELLINGS:
        text = text.replace(spelling, symbol)
    return "".join(text.split())


def _read(text: str, max_unit_chars: int) -> ParsedValue:
    operator = parse_operator(text)
    if operator == "定性":
        return _qualitative(text)
    if operator is not None:
        return ParsedValue(operator, False, None, None, None, ("placeholder",))
    return (
        _read_placeholder(text) or _read_date(text) or _quantity(text, max_unit_chars) or _qualitative(text)
    )


def _read_placeholder(text: str) -> ParsedValue | None:
    if PLACEHOLDER_WORDS.fullmatch(text):
        return ParsedValue(None, False, None, None, None, ("placeholder",))
    match = _PLACEHOLDER.fullmatch(text)
    if match is None:
        return None
    operator = PREFIX_OPERATORS[match["op"]] if match["op"] else None
    return ParsedValue(operator, False, None, match["unit"] or None, None, ("placeholder",))


@lru_cache(maxsize=int(settings.get("memo_entries")))
def _read_date(text: str) -> ParsedValue | None:
    for pattern in _DATES:
        match = pattern.fullmatch(text)
        if match is not None and _is_date(match.groupdict()):
            return _date_value(match)
    return None


def _is_date(parts: dict[str, str | None]) -> bool:
    """A month with a year, day or deadline word, or a year end: a bare 12月 is a quantity."""
    month, day = parts.get("month"), parts.get("day")
    if month is not None and not 1 <= int(month) <= 12 or day is not None and not 1 <= int(day) <= 31:
        return False
    marked = parts.get("tail") or parts["before"]
    return bool(marked or month is not None and (parts.get("year") or day))


def _date_value(match: re.Match[str]) -> ParsedValue:
    written = PREFIX_OPERATORS.get(match["op"] or "")
    operator = written or ("≤" if match["before"] else "=")
    return ParsedValue(operator, False, None, None, "时间", ())


@lru_cache(maxsize=int(settings.get("memo_entries")))
def _quantity(text: str, max_unit_chars: int) -> ParsedValue | None:
    """A number with its operator and unit; a unit longer than ``max_unit_chars`` is no unit (memoised)."""
    match = _QUANTITY.fullmatch(text)
    if match is None:
        return None
    written = PREFIX_OPERATORS[match["op"]] if match["op"] else None
    unit, suffix, is_range = _split_rest(match["rest"])
    if len(unit) > max_unit_chars:
        return None
    operator = written or suffix or ("≥" if is_range else "=")
    issues = [] if written or suffix or is_range else ["implicit_operator"]
    if unit and not is_real_unit(unit):
        issues.append("junk_unit")
    if is_range:
        issues.append("range")
    target = _to_float(match["num"])
    if target is None:
        issues.append("overflow")
    return ParsedValue(operator, not (written or suffix), target, unit or None, "定量", tuple(issues))


def _split_rest(rest: str) -> tuple[str, str | None, bool]:
    """(unit, suffix operator, is a range) from the text after the first number."""
    ranged = _RANGE_REST.fullmatch(rest)
    if ranged is not None:
        return ranged["unit"] or ranged["unit2"].strip(), None, True
    suffixed = _SUFFIX.fullmatch(rest)
    if suffixed is not None:
        return suffixed["unit"], SUFFIX_OPERATORS[suffixed["suffix"]], False
    return rest, None, False


def _qualitative(text: str) -> ParsedValue:
    issues = ("qualitative", "vague") if _VAGUE.search(text) else ("qualitative",)
    return ParsedValue("定性", False, None, None, "定性", issues)


def _is_qualitative_word(text: str) -> bool:
    return _QUALITATIVE.fullmatch(text) is not None


def _apply_unit_hint(value: ParsedValue, unit: str) -> ParsedValue:
    if not unit or value.unit is not None:
        return value
    if value.kind != "定量" and "placeholder" not in value.issues:
        return value
    issues = value.issues if is_real_unit(unit) else value.issues + ("junk_unit",)
    return replace(value, unit=unit, issues=issues)


def _apply_operator_hint(value: ParsedValue, operator: str | None) -> ParsedValue:
    if operator is None or (operator == "定性" and value.kind in ("定性", "时间")):
        return value
    if operator == "定性":
        return _qualitative("") if value.kind == "定量" else replace(value, operator="定性")
    if value.kind == "定性":
        return value
    issues = tuple(i for i in value.issues if i != "implicit_operator")
    written = value.kind != "时间" and not value.operator_implicit
    if written and value.operator not in (None, operator):
        issues += ("operator_conflict",)
    return replace(value, operator=operator, operator_implicit=False, issues=issues)


def _to_float(number: str) -> float | None:
    value = float(number.replace(",", ""))
    return value if math.isfinite(value) else None


def _format_number(number: float) -> str:
    text = format(Decimal(repr(number)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
