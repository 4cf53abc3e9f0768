"""Review rules: each a small function registered in one place, testable on its own.

A rule looks at one form (and, for corpus rules, at what the corpus says about it) and returns
``(message, rows)`` pairs; the registry turns them into findings with the rule's stable code
and severity. ``penalty`` is what one finding costs its dimension (completeness or
consistency; measurability and specificity are shares of rows, see ``scoring``), and ``flag``
names the per-row boilerplate flag the rule's rows carry. Adding a rule touches this file only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lib import settings
from lib.model import Form, Indicator
from lib.normalize.text import match_key
from lib.normalize.values import COUNT_UNITS, MONEY_UNITS, is_real_unit, parse_value
from lib.quality.results import Finding

Hits = list[tuple[str, list[int]]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    dimension: str
    check: Callable[[Form], Hits]
    penalty: float = 0.0
    flag: str | None = None


RULES: dict[str, Rule] = {}


def rule(code: str, severity: str, dimension: str, penalty: float = 0.0, flag: str | None = None):
    """Register a per-form rule under a stable code."""

    def register(check: Callable[[Form], Hits]) -> Callable[[Form], Hits]:
        RULES[code] = Rule(code, severity, dimension, check, penalty, flag)
        return check

    return register


def run_rules(form: Form) -> list[Finding]:
    """Every registered rule on one form, in registration order."""
    return [
        Finding(r.code, r.severity, message, sorted(set(seqs)))
        for r in RULES.values()
        for message, seqs in r.check(form)
    ]


# ---- vocabulary the rules use (data, not logic) ------------------------------------------
REQUIRED_CATEGORIES = (
    # (level 1, level 2 or None, penalty, first year it is required)
    ("产出指标", "数量指标", 15, 0),
    ("产出指标", "质量指标", 10, 0),
    ("产出指标", "时效指标", 10, 0),
    ("效益指标", None, 25, 0),
    ("满意度指标", None, 20, 0),
    ("成本指标", None, 20, 2022),  # 财预〔2021〕101号: cost indicators from the 2022 budgets on
)
COST_LEVEL2 = {"成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标"}
COMPARATIVES = re.compile(
    r"进一步|较往年|较上年|较去年|同比|有所(提高|提升|改善|增加|下降)|明显(提高|提升|改善|增加|下降)"
)
GROWTH_WORDS = ("提升", "增长", "增加", "提高", "增幅", "同比")
INPUT_WORDS = re.compile(r"补助|补贴|工资|报酬|经费|资金|金额")


def _seqs(rows: list[Indicator]) -> list[int]:
    return [i.seq for i in rows]


def _names(rows: list[Indicator], limit: int = 3) -> str:
    shown = "、".join(f"“{(i.name or i.level2 or f'第{i.seq}项')[:18]}”" for i in rows[:limit])
    return shown + (f"等{len(rows)}项" if len(rows) > limit else "")


# ---- completeness -----------------------------------------------------------------------
def _has_category(form: Form, level1: str, level2: str | None) -> bool:
    if level1 == "成本指标":
        return any(i.level1 == "成本指标" or i.level2 in COST_LEVEL2 for i in form.indicators)
    return any(i.level1 == level1 and (level2 is None or i.level2 == level2) for i in form.indicators)


def missing_categories(form: Form) -> list[tuple[str, str | None, float]]:
    """Required categories the form lacks, with their penalties."""
    year = form.year or 0
    return [
        (level1, level2, penalty)
        for level1, level2, penalty, since in REQUIRED_CATEGORIES
        if year >= since and not _has_category(form, level1, level2)
    ]


@rule("missing_category", "high", "completeness")
def _missing_category(form: Form) -> Hits:
    if not form.indicators:
        return []
    return [
        (f"缺少{level2 or level1}，绩效指标不完整，请补充{level2 or level1}。", [])
        for level1, level2, _ in missing_categories(form)
    ]


@rule("fewer_than_three", "high", "completeness", penalty=50)
def _fewer_than_three(form: Form) -> Hits:
    count = len(form.indicators)
    return [(f"仅设置{count}个绩效指标，少于3个，无法全面反映绩效目标。", [])] if count < 3 else []


@rule("too_few_for_money", "medium", "completeness", penalty=15)
def _too_few_for_money(form: Form) -> Hits:
    total = form.budget.total
    if not total or len(form.indicators) < 3:
        return []
    needed = min(20, math.ceil(total / settings.get("wan_per_indicator")))
    if len(form.indicators) >= needed:
        return []
    return [(f"预算{total:.2f}万元仅设置{len(form.indicators)}个指标，指标数量与资金规模不匹配。", [])]


@rule("goal_without_indicator", "low", "completeness", penalty=3)
def _goal_without_indicator(form: Form) -> Hits:
    if not form.indicators or not form.goals:
        return []
    grams = set().union(*(_bigrams(f"{i.name or ''}{i.description or ''}") for i in form.indicators))
    cut = settings.get("goal_overlap_share")
    loose = [g for g in form.goals if _bigrams(g) and len(_bigrams(g) & grams) / len(_bigrams(g)) < cut]
    return [(f"年度目标“{g[:24]}”没有对应的绩效指标。", []) for g in loose[:3]]


def _bigrams(text: str) -> set[str]:
    key = match_key(text)
    return {key[i : i + 2] for i in range(len(key) - 1)}


# ---- measurability ----------------------------------------------------------------------
def value_issues(indicator: Indicator) -> tuple[str, ...]:
    """What is wrong with a value as written, and with its unit wherever the unit was read from."""
    issues = _issues_of(indicator.value_raw) if indicator.value_raw else ()
    if (
        indicator.unit
        and indicator.kind == "定量"
        and "junk_unit" not in issues
        and not is_real_unit(indicator.unit)
    ):
        issues += ("junk_unit",)
    return issues


@lru_cache(maxsize=int(settings.get("text_memo_entries")))
def _issues_of(value_raw: str) -> tuple[str, ...]:
    """What the value normaliser says of a value as written (values repeat a lot across forms)."""
    return parse_value(value_raw).issues


@rule("no_target", "high", "measurability")
def _no_target(form: Form) -> Hits:
    rows = [i for i in form.indicators if not i.value_raw]
    return [(f"{_names(rows)}没有设定指标值，无法衡量。", _seqs(rows))] if rows else []


def is_vague(indicator: Indicator) -> bool:
    """A comparative with no number: 进一步提高, 明显改善, 较往年提升."""
    if indicator.target is not None or indicator.kind == "时间":
        return False
    return "vague" in value_issues(indicator) or bool(COMPARATIVES.search(indicator.name or ""))


@rule("vague_target", "medium", "measurability")
def _vague_target(form: Form) -> Hits:
    rows = [i for i in form.indicators if i.value_raw and is_vague(i)]
    return [(f"{_names(rows)}为“进一步提高”“明显改善”一类模糊表述，应量化。", _seqs(rows))] if rows else []


@rule("qualitative_target", "medium", "measurability")
def _qualitative_target(form: Form) -> Hits:
    rows = [i for i in form.indicators if i.kind == "定性" and not is_vague(i)]
    return (
        [(f"{_names(rows)}为定性指标值（如“效果明显”），建议细化为可衡量的目标。", _seqs(rows))]
        if rows
        else []
    )


@rule("junk_unit", "medium", "measurability")
def _junk_unit(form: Form) -> Hits:
    rows = [i for i in form.indicators if "junk_unit" in value_issues(i)]
    if not rows:
        return []
    examples = "、".join(sorted({i.value_raw for i in rows})[:3])
    return [(f"{len(rows)}个指标值的数字后跟的不是计量单位（如{examples}），请改为规范单位。", _seqs(rows))]


@rule("placeholder", "high", "measurability")
def _placeholder(form: Form) -> Hits:
    rows = [i for i in form.indicators if "placeholder" in value_issues(i)]
    hits: Hits = [(f"{_names(rows)}的指标值是未填写的模板占位符。", _seqs(rows))] if rows else []
    goals = [w for w in form.warnings if w.code == "placeholder" and w.source_ref and "目标" in w.message]
    if goals:
        hits.append((f"{len(goals)}个项目的绩效目标仍为模板文字（如“目标内容1”），未填写。", []))
    return hits


def is_input(indicator: Indicator) -> bool:
    """Money, staff or materials put in: an amount of money, or a count of people paid or subsidised."""
    if indicator.unit in MONEY_UNITS:
        return True
    return indicator.unit in COUNT_UNITS and bool(INPUT_WORDS.search(indicator.name or ""))


@rule("input_as_output", "medium", "measurability")
def _input_as_output(form: Form) -> Hits:
    rows = [
        i for i in form.indicators if i.level1 == "产出指标" and i.level2 not in COST_LEVEL2 and is_input(i)
    ]
    message = f"{_names(rows)}反映的是资金、人员等投入，不是产出，不宜作为产出指标。"
    return [(message, _seqs(rows))] if rows else []


@rule("satisfaction_as_benefit", "low", "measurability")
def _satisfaction_as_benefit(form: Form) -> Hits:
    rows = [i for i in form.indicators if i.level1 == "效益指标" and "满意" in (i.name or "")]
    return [(f"{_names(rows)}是满意度，不能代替效益指标。", _seqs(rows))] if rows else []


# ---- specificity: boilerplate within the form -------------------------------------------
@rule("name_is_description", "low", "specificity", flag="name_is_description")
def _name_is_description(form: Form) -> Hits:
    rows = [
        i
        for i in form.indicators
        if i.name and i.description and match_key(i.name) == match_key(i.description)
    ]
    return [(f"{len(rows)}个指标的指标解释与指标名称一字不差，未作说明。", _seqs(rows))] if rows else []


def _same_value_groups(form: Form) -> list[list[Indicator]]:
    """Blocks (a project table, or the whole form) where nearly every row carries one value."""
    share, minimum = settings.get("same_value_share"), settings.get("same_value_min_rows")
    blocks: dict[str | None, list[Indicator]] = {}
    for indicator in form.indicators:
        blocks.setdefault(indicator.project, []).append(indicator)
    found = []
    for rows in [*blocks.values(), form.indicators] if len(blocks) > 1 else [form.indicators]:
        values = Counter(i.value_raw for i in rows if i.value_raw)
        if not values:
            continue
        value, count = values.most_common(1)[0]
        if len(rows) >= minimum and count >= share * len(rows):
            found.append([i for i in rows if i.value_raw == value])
    return found


@rule("same_value_everywhere", "high", "specificity", flag="same_value")
def _same_value_everywhere(form: Form) -> Hits:
    hits: Hits = []
    for rows in _same_value_groups(form):
        where = f"项目“{rows[0].project}”" if rows[0].project and len(rows) < len(form.indicators) else "全表"
        hits.append(
            (f"{where}{len(rows)}个指标的指标值都是“{rows[0].value_raw}”，明显套用模板。", _seqs(rows))
        )
    return hits


@rule("repeated_rows", "medium", "specificity", flag="repeated_in_form")
def _repeated_rows(form: Form) -> Hits:
    places: dict[tuple[str, str], list[Indicator]] = {}
    for indicator in form.indicators:
        if indicator.name:
            places.setdefault((match_key(indicator.name), indicator.value_raw or ""), []).append(indicator)
    minimum = settings.get("repeated_min_places")
    return [
        (f"“{rows[0].name[:20]}　{rows[0].value_raw or ''}”在表中重复出现{len(rows)}次。", _seqs(rows))
        for rows in places.values()
        if len(rows) >= minimum
    ]


# ---- consistency ------------------------------------------------------------------------
@rule("budget_arithmetic", "high", "consistency", penalty=40)
def _budget_arithmetic(form: Form) -> Hits:
    budget = form.budget
    parts = [v for v in (budget.basic, budget.project, budget.other) if v is not None]
    if budget.total is None or len(parts) < 2:
        return []
    gap = sum(parts) - budget.total
    if abs(gap) <= max(0.01, 0.001 * budget.total):
        return []
    return [
        (
            f"基本支出、项目支出与其他之和{sum(parts):.2f}万元与资金总额{budget.total:.2f}万元不符（差{gap:+.2f}万元）。",
            [],
        )
    ]


@rule("money_unit_suspect", "high", "consistency", penalty=25)
def _money_unit_suspect(form: Form) -> Hits:
    if not form.budget.unit_suspect:
        return []
    return [(f"金额单位标为“{form.budget.unit_raw}”，但数额只有按万元理解才合理，请核实金额单位。", [])]


@rule("project_budgets_mismatch", "medium", "consistency", penalty=20)
def _project_budgets_mismatch(form: Form) -> Hits:
    budgets = [p.budget for p in form.projects if p.budget is not None]
    stated = form.budget.project
    if not budgets or stated is None or abs(sum(budgets) - stated) <= max(0.01, 0.01 * stated):
        return []
    return [(f"各项目预算合计{sum(budgets):.2f}万元与项目支出{stated:.2f}万元不符。", [])]


def _grows(indicator: Indicator) -> bool:
    return any(w in (indicator.name or "") + (indicator.value_raw or "") for w in GROWTH_WORDS)


@rule("percent_over_100", "medium", "consistency", penalty=10)
def _percent_over_100(form: Form) -> Hits:
    rows = [
        i for i in form.indicators if i.unit in ("%", "百分比") and (i.target or 0) > 100 and not _grows(i)
    ]
    return [(f"{_names(rows)}的百分比目标超过100%。", _seqs(rows))] if rows else []


@rule("satisfaction_all_100", "low", "consistency", penalty=10)
def _satisfaction_all_100(form: Form) -> Hits:
    rows = [i for i in form.indicators if i.level1 == "满意度指标"]
    if len(rows) < 2 or not all(i.target == 100 and i.unit in ("%", "百分比") for i in rows):
        return []
    return [(f"全部{len(rows)}个满意度指标目标都定为100%，缺乏合理性。", _seqs(rows))]


@rule("zero_count_target", "medium", "consistency", penalty=10)
def _zero_count_target(form: Form) -> Hits:
    rows = [
        i for i in form.indicators if i.target == 0 and i.unit in COUNT_UNITS and i.operator in ("=", "≥")
    ]
    return [(f"{_names(rows)}的数量目标为0。", _seqs(rows))] if rows else []
