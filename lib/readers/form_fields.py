"""Stage 4 of the content reader: the token stream → the form's own fields.

The unit (by the strongest label the page carries: 实施单位, 编制单位, 预算部门, 部门(单位)名称 …;
else a notice's signature line above its date, else a township named in the breadcrumb or the
title), the year (``(2022年度)``, a year in the form's title, else the commonest year), the
budget total in 万元 (年度资金总额, 资金总额, 总额, 本次下达…投资, 合计 …), and the form kind.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lib.normalize.money import normalise_amounts, unit_from_label
from lib.readers import tokens as tk
from lib.readers import vocab
from lib.readers.tokens import Token

_UNIT_PATTERNS = [re.compile(f"^(?:{p})[:：]?") for p in vocab.UNIT_LABELS]
_SUPERVISOR = re.compile(r"^(?:(?:市级|区级|县级|省级))?主管部门(?:\(单位\))?[:：]?$")
_BUDGET_PATTERNS = [re.compile(f"^(?:{p})(?:\\((?:万元|元)\\))?[:：]?") for p in vocab.BUDGET_LABELS]
# Whether any of those labels starts a cell: most cells start with none, and one search says so
# (the loops below then try no pattern, as when each had failed).
_ANY_UNIT_LABEL = re.compile("^(?:" + "|".join(f"(?:{p})" for p in vocab.UNIT_LABELS) + ")")
_ANY_BUDGET_LABEL = re.compile("^(?:" + "|".join(f"(?:{p})" for p in vocab.BUDGET_LABELS) + ")")
_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)(万元|万|元)?$")
_LOOKAHEAD = 3
# Labels that may stand between a total's label and its amount (资金总额 | 其中:财政拨款 | 500).
_BUDGET_SIDE_LABEL = re.compile(r"其中|财政拨款|财政资金|预算|执行")


def unit_name(stream: list[Token]) -> str | None:
    """The unit the form is for, by the strongest label found; else a signature or a place."""
    best: tuple[int, str] | None = None
    for index, token in enumerate(stream):
        key = token.key
        for rank, pattern in enumerate(_UNIT_PATTERNS if _ANY_UNIT_LABEL.match(key) else ()):
            match = pattern.match(key)
            if match is None:
                continue
            value = _unit_value(stream, index, key[match.end() :], token)
            if value and (best is None or rank < best[0]):
                best = (rank, value)
            break
        else:
            value = _unit_value(stream, index, "", token) if _SUPERVISOR.match(key) else None
            if value and (best is None or best[0] >= len(_UNIT_PATTERNS)):
                best = (len(_UNIT_PATTERNS), value)  # the last 主管部门 named (区级 after 市级)
    if best is not None:
        return best[1]
    return _signature(stream) or _place(stream)


def _unit_value(stream: list[Token], index: int, inline: str, token: Token) -> str | None:
    if inline:
        written = re.sub(r"\s+", "", token.cell.written)
        return _clean_unit(written[len(written) - len(inline) :])
    following = stream[index + 1] if index + 1 < len(stream) else None
    if following is None or following.kind not in (tk.TEXT, tk.CHROME):
        return None
    text = following.cell.written.strip()
    if vocab.field_label(following.text) or vocab.header_role(following.text) or len(text) > 40:
        return None
    return _clean_unit(text)


def _clean_unit(text: str) -> str | None:
    text = re.sub(r"^\(盖章\)|[:：]$", "", text.strip()).strip()
    return text if vocab.UNIT_VALUE.match(vocab.label_key(text)) else None


def _signature(stream: list[Token]) -> str | None:
    for token, following in zip(stream, stream[1:], strict=False):
        if vocab.DATE_LINE.match(following.key) and token.cell.line != following.cell.line:
            text = token.cell.written.strip()
            if vocab.SIGNATURE_UNIT.match(text):
                return text.split()[0] if " " in text else text
    return None


def _place(stream: list[Token]) -> str | None:
    for line in _lines(stream):
        crumb = vocab.BREADCRUMB_PLACE.search(line.text) if ">" in line.text else None
        if crumb:
            return line.written[crumb.start(1) : crumb.end(1)]
    for token in stream:
        if vocab.FORM_TITLE_WORDS.search(token.text) or "情况表" in token.text:
            found = vocab.TOWNSHIP_AFTER_COUNTY.search(token.text)
            if found:
                return token.cell.written[found.start(1) : found.end(1)]
    return None


def _lines(stream: list[Token]) -> list[tk.TextCell]:
    """The stream's cells joined back into their lines (a breadcrumb is split at its spaces)."""
    lines: dict[int, list[tk.TextCell]] = {}
    for token in stream:
        lines.setdefault(token.cell.line, []).append(token.cell)
    return [
        tk.TextCell(" ".join(c.written for c in cells), " ".join(c.text for c in cells), number, number)
        for number, cells in lines.items()
    ]


def form_year(stream: list[Token]) -> int | None:
    for token in stream:
        found = vocab.YEAR_OF_FORM.search(token.key)
        if found:
            return int(found[1] or found[2])
    for token in stream:
        if vocab.FORM_TITLE_WORDS.search(token.key):
            found = vocab.YEAR_IN_TITLE.search(token.key)
            if found:
                return int(found[1])
    years = Counter(int(y) for t in stream for y in vocab.YEAR_IN_TITLE.findall(t.key))
    return years.most_common(1)[0][0] if years else None


@dataclass(frozen=True)
class Budget:
    """The budget total in 万元, the money unit the form states, and why that unit is doubted."""

    total_wan: float
    unit_raw: str | None
    suspect: dict[str, object] | None = None  # the unit_suspect warning's parameters, when doubted


@dataclass(frozen=True)
class _Amount:
    value: float
    unit: str | None  # 元 or 万元 when written beside the figure


def budget(stream: list[Token]) -> Budget | None:
    """The budget total, by the strongest label that has an amount beside it (else a sentence
    that states it). A bare figure is in the unit the form states (年度预算申请(元), 单位:元),
    and is read as 元 when too large for 万元, as the table reader does."""
    found = _labelled_amount(stream) or _sentence_amount(stream)
    if found is None:
        return None
    if found.unit is not None:
        wan = found.value if found.unit == "万元" else round(found.value / vocab.YUAN_PER_WAN, 6)
        return Budget(wan, found.unit)
    stated = _stated_money_unit(stream)
    reading = normalise_amounts({"total": found.value}, stated, scale="unit")
    return Budget(
        reading.values_wan["total"] or 0.0, stated, reading.warning() if reading.unit_suspect else None
    )


def budget_total(stream: list[Token]) -> float | None:
    """The budget total in 万元 (see :func:`budget`)."""
    found = budget(stream)
    return None if found is None else found.total_wan


def _labelled_amount(stream: list[Token]) -> _Amount | None:
    best: tuple[int, _Amount] | None = None
    for index, token in enumerate(stream):
        key = token.key
        for rank, pattern in enumerate(_BUDGET_PATTERNS if _ANY_BUDGET_LABEL.match(key) else ()):
            match = pattern.match(key)
            if match is None:
                continue
            amount = _amount(key[match.end() :], token) if key[match.end() :] else None
            if amount is None and not key[match.end() :]:
                amount = _amount_after(stream, index)
            if amount is not None and (best is None or rank < best[0]):
                best = (rank, amount)
            break
    return None if best is None else best[1]


def _sentence_amount(stream: list[Token]) -> _Amount | None:
    for token in stream:
        found = vocab.BUDGET_IN_SENTENCE.search(token.key)
        if found:
            return _Amount(float(found["amount"]), "万元" if found["unit"] == "万元" else "元")
    return None


def _stated_money_unit(stream: list[Token]) -> str | None:
    """The money unit a budget heading or a 单位: line states (年度预算申请(元), 金额单位:万元)."""
    for token in stream:
        field = vocab.field_label(token.cell.text)
        if field is not None and field[0] in ("budget_unit", "money_unit", "total"):
            unit = unit_from_label(token.key)
            if unit:
                return unit
    return None


def _amount_after(stream: list[Token], index: int) -> _Amount | None:
    """The amount in the next few cells, past side labels (其中:财政拨款) and lone characters, which
    a PDF's text layer leaves between a label and its figure when columns interleave (项目资金 日 309)."""
    for token in stream[index + 1 : index + 1 + _LOOKAHEAD]:
        if token.kind in (tk.NUMBER, tk.VALUE):
            return _amount(token.key, token)
        if not _BUDGET_SIDE_LABEL.search(token.key) and len(token.key) > 1:
            return None
    return None


def _amount(text: str, token: Token) -> _Amount | None:
    found = _AMOUNT.match(text)
    if token.cell.fused and found is None:  # a clean amount (334.32) is read whole
        repeated = re.match(r"^(\d+(?:\.\d+)?)\1", text)  # 2020… : the same amount in two columns
        if repeated:
            return _Amount(float(repeated[1]), None)
    if found is None:
        return None
    return _Amount(float(found[1]), {"元": "元", "万元": "万元", "万": "万元"}.get(found[2] or ""))


def form_kind(stream: list[Token]) -> str | None:
    """The kind the form's title says (…部门整体支出绩效目标的公示: department, though its budget
    line says 项目支出), else the kind the first cells suggest."""
    heads = [t.key for t in stream[:60]]
    titles = " ".join(key for key in heads if vocab.FORM_TITLE_WORDS.search(key))
    return _kind_in(titles, department=True) or _kind_in(" ".join(heads), department=False)


def _kind_in(text: str, department: bool) -> str | None:
    if "自评" in text or "评价" in text:
        return "self_eval"
    if "项目" in text or "专项" in text:
        return "project"
    return "department" if department and ("整体" in text or "部门" in text) else None
