"""One indicator row's texts → an :class:`Indicator` on the form, with clerks' habits normalised.

Shared by the interpreter (tables of every layout) and the flat-export reader, so a habit is
taught once:
- ``指标1:`` before a name is a list marker: dropped;
- a template slot left in a name or beside a real value (``(≥**%)``, ``≥**人``) is stripped,
  the real value kept, and a ``placeholder`` warning added;
- a unit in closing brackets of a name (``保障在职职工人数(人)``) is the unit when the value has none;
- a row named ``其中…`` is a sub-item: linked to the indicator above it through ``parent_seq``;
- in a self-evaluation table 分值 and 得分 are ``points`` and the 实际完成值 is ``actual_raw``;
  elsewhere 分值 is the row's weight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib.model import Extra, Form, Indicator, Points
from lib.normalize.taxonomy import infer_level1
from lib.normalize.values import bracket_unit, parse_value, strip_placeholders
from lib.readers import vocab

VALUE_WARNINGS = frozenset({"implicit_operator", "junk_unit", "range", "operator_conflict", "overflow"})
"""The value parser's issues that become a warning of the same code (words: ``warning.<code>``);
its ``placeholder`` issue becomes a ``placeholder`` warning of the ``unfilled`` variant."""
_EXTRA_LABELS = {"remark": "备注", "deviation": "偏差原因"}
_SUB_ITEM = re.compile(r"^\s*其中\s*[:：,，、]?")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class RowTexts:
    """An indicator row as a reader found it: texts by role, before normalising."""

    name: str | None
    value: str | None
    ref: str | None
    operator_hint: str | None = None
    unit_hint: str | None = None
    texts: dict[str, str] = field(default_factory=dict)


@dataclass
class Place:
    """Where the row stands: its levels, function or project."""

    level1: str | None = None
    level1_inferred: bool = False
    level2: str | None = None
    group: str | None = None
    project: str | None = None


def add_indicator(form: Form, row: RowTexts, place: Place, scored: bool) -> Indicator:
    """Normalise the row, append it to the form with its warnings, and return it."""
    name, name_slot = _clean_name(row.name)
    value_text, value_slot = _clean_value(row.value)
    parsed = parse_value(value_text, row.operator_hint, row.unit_hint or bracket_unit(name))
    texts = row.texts
    points, weight = _points_and_weight(texts, scored)
    indicator = Indicator(
        seq=len(form.indicators) + 1,
        name=name,
        value_raw=row.value or None,
        level1=place.level1,
        level1_inferred=place.level1_inferred,
        level2=place.level2,
        group=place.group,
        project=place.project,
        description=texts.get("description"),
        operator=parsed.operator,
        operator_implicit=parsed.operator_implicit,
        target=parsed.target,
        unit=parsed.unit,
        kind=parsed.kind,
        scoring=texts.get("scoring"),
        basis=texts.get("basis"),
        weight=weight,
        direction=texts.get("direction"),
        actual_raw=texts.get("actual"),
        points=points,
        source_ref=row.ref,
    )
    form.indicators.append(indicator)
    _link_sub_item(form.indicators, indicator)
    _warn(form, indicator, parsed.issues, name_slot, value_slot)
    for role, label in _EXTRA_LABELS.items():
        if texts.get(role):
            form.extra.append(Extra(f"{label}·指标{indicator.seq}", texts[role], row.ref))
    return indicator


def settle_level1(level1: str | None, level2: str | None) -> tuple[str | None, bool]:
    """(level 1, inferred?): the label as written unless its level 2 belongs elsewhere, else inferred."""
    inferred = infer_level1(level2)
    if level1 is None:
        return inferred, inferred is not None
    compatible = inferred in (None, level1) or level2 == "成本指标"
    return (level1, False) if compatible else (inferred, True)


def _clean_name(name: str | None) -> tuple[str | None, bool]:
    """The name without its list marker or template slots; whether a slot was removed."""
    if name is None:
        return None, False
    name, slot = strip_placeholders(vocab.SEQ_PREFIX.sub("", name).strip())
    return name or None, slot


def _clean_value(value: str | None) -> tuple[str | None, bool]:
    """A real value with a template slot beside it (95%（≥**%）) loses the slot."""
    if not value:
        return None, False
    stripped, slot = strip_placeholders(value)
    return (stripped, True) if slot and stripped else (value, False)


def _points_and_weight(texts: dict[str, str], scored: bool) -> tuple[Points | None, float | None]:
    full, got, weight = (number(texts.get(k)) for k in ("points_full", "got", "weight"))
    if not scored:
        return None, weight if weight is not None else full
    return (Points(full, got) if full is not None or got is not None else None), weight


def number(text: str | None) -> float | None:
    """The first number in a cell (权重 10%, 分值 20分), or None."""
    match = _NUMBER.search(text or "")
    return float(match[0]) if match else None


def is_sub_item(name: str | None) -> bool:
    return bool(name) and _SUB_ITEM.match(name) is not None


def _link_sub_item(indicators: list[Indicator], item: Indicator) -> None:
    """A 其中… row belongs to the nearest earlier row of its project that is not a sub-item."""
    if not is_sub_item(item.name):
        return
    for earlier in reversed(indicators[:-1]):
        if not is_sub_item(earlier.name):
            if earlier.project == item.project:
                item.parent_seq = earlier.seq
            return


def _warn(
    form: Form, indicator: Indicator, issues: tuple[str, ...], name_slot: bool, value_slot: bool
) -> None:
    label, value, ref = indicator.name or "指标", indicator.value_raw, indicator.source_ref
    for issue in issues:
        if issue == "placeholder":
            form.warn("placeholder", source_ref=ref, variant="unfilled", label=label, value=value)
        elif issue in VALUE_WARNINGS:
            form.warn(issue, source_ref=ref, label=label, value=value)
    if name_slot:
        form.warn("placeholder", source_ref=ref, variant="name", label=label)
    if value_slot:
        form.warn("placeholder", source_ref=ref, variant="value", label=label, value=value)
    if indicator.name is None:
        form.warn("missing_name", source_ref=ref, seq=indicator.seq)
