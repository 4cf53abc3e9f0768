"""Review rules: each a small function registered in one place, testable on its own.

A rule looks at one form (``scope="form"``; cached per engine version) or at one form within
the corpus (``scope="corpus"``: it is given a :class:`CorpusContext` too) and returns
``(message, rows)`` pairs; the registry turns them into findings with the rule's stable code
and severity. Every rule belongs to one of the review criteria of 财预〔2015〕88号
(``CRITERIA``: 完整性, 相关性, 适当性, 可行性) or to 具体性 (boilerplate); ``penalty`` is what one
finding costs a criterion that is scored by checks rather than by rows (see ``scoring``), ``flag``
names the per-row flag the rule's rows carry, and ``reads_level`` says the rule rests on the
level-1/level-2 labels (so a finding on rows whose label was inferred is phrased 请核实).
Adding a rule touches this file only (and its names in ``lib/i18n.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from lib import settings
from lib.model import Form, Indicator
from lib.normalize.text import match_key, to_simplified
from lib.normalize.values import COUNT_UNITS, MONEY_UNITS, is_real_unit, parse_value
from lib.quality.results import Finding

Hits = list[tuple[str, list[int]]]


CRITERIA = ("completeness", "relevance", "appropriateness", "feasibility", "specificity")


@dataclass
class CorpusContext:
    """What a corpus rule may know beyond its form: the corpus view and the other forms' places."""

    view: Any = None  # lib.quality.corpus.CorpusView (not imported here: corpus imports results only)
    names: dict[str, str] = field(default_factory=dict)  # form_id → a label for messages
    townships: dict[str, set[str]] = field(default_factory=dict)  # county → townships known


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    criterion: str
    check: Callable[..., Hits]
    penalty: float = 0.0
    flag: str | None = None
    scope: str = "form"
    reads_level: bool = False


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    severity: str,
    criterion: str,
    penalty: float = 0.0,
    flag: str | None = None,
    scope: str = "form",
    reads_level: bool = False,
):
    """Register a rule under a stable code, for one review criterion."""
    assert criterion in CRITERIA, criterion

    def register(check: Callable[..., Hits]) -> Callable[..., Hits]:
        RULES[code] = Rule(code, severity, criterion, check, penalty, flag, scope, reads_level)
        return check

    return register


def run_rules(form: Form) -> list[Finding]:
    """Every registered per-form rule on one form, in registration order."""
    readable = in_simplified(form)
    return [
        Finding(r.code, r.severity, message, sorted(set(seqs)))
        for r in RULES.values()
        if r.scope == "form"
        for message, seqs in r.check(readable)
    ]


TRADITIONAL_SCRIPT = "traditional_script"  # the reader's reason on rows it read from traditional text


def in_simplified(form: Form) -> Form:
    """The form as the rules read it: a form the reader found in traditional characters keeps its
    wording as written, and the rules (whose words are simplified) see its text simplified."""
    if not any(TRADITIONAL_SCRIPT in i.confidence_reasons for i in form.indicators):
        return form

    def simple(text: str | None) -> str | None:
        return None if text is None else to_simplified(text)

    rows = [
        replace(
            i,
            name=simple(i.name),
            value_raw=simple(i.value_raw),
            unit=simple(i.unit),
            description=simple(i.description),
            scoring=simple(i.scoring),
            basis=simple(i.basis),
        )
        for i in form.indicators
    ]
    return replace(
        form,
        indicators=rows,
        goals=[to_simplified(g) for g in form.goals],
        functions=[to_simplified(f) for f in form.functions],
    )


def run_corpus_rules(form: Form, context: CorpusContext) -> list[Finding]:
    """Every registered corpus rule on one form, given what the corpus says."""
    return [
        Finding(r.code, r.severity, message, sorted(set(seqs)))
        for r in RULES.values()
        if r.scope == "corpus"
        for message, seqs in r.check(form, context)
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
# Staff and villages the unit has: its standing, not what it produces.
STANDING_WORDS = re.compile(
    r"在职人员|在编人员|编制人数|干部职工人数|职工人数|工作人员(数|人数)|行政村(数|个数)|辖区.{0,4}村(数|个数)|管辖.{0,4}村"
)
GOAL_CLAUSE = re.compile(r"[，。；、,;\s]+")
PERCENT_UNITS = {"%", "百分比", "百分百", "％"}


def _seqs(rows: list[Indicator]) -> list[int]:
    return [i.seq for i in rows]


def row_text(indicator: Indicator) -> str:
    """A row as the form writes it: its name and its value, with the unit when the form gives it in
    a column of its own (what a finding may quote)."""
    name = indicator.name or indicator.level2 or ""
    value = indicator.value_raw or ""
    if indicator.unit and value[-1:].isdigit() and indicator.unit not in value:
        value += indicator.unit  # the form's own 计量单位 cell, beside a bare number
    joiner = "" if not value or value[:1] in "=≥≤<>≧≦＝" else " "
    return f"{name}{joiner}{value}".strip() or f"第{indicator.seq}项"


def _names(rows: list[Indicator], limit: int = 3) -> str:
    """The first rows quoted as written, then how many there are in all."""
    shown = "、".join(f"“{row_text(i)}”" for i in rows[:limit])
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


@rule("missing_category", "high", "completeness", reads_level=True)
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


@rule("too_few_for_money", "medium", "relevance", penalty=30)
def _too_few_for_money(form: Form) -> Hits:
    total = form.budget.total
    if not total or len(form.indicators) < 3:
        return []
    needed = min(20, math.ceil(total / settings.get("wan_per_indicator")))
    if len(form.indicators) >= needed:
        return []
    return [(f"预算{total:.2f}万元仅设置{len(form.indicators)}个指标，指标数量与资金规模不匹配。", [])]


def uncovered_goals(form: Form) -> list[str]:
    """The form's goals that no indicator speaks to.

    A goal is spoken to when the indicators' text shares enough of its character pairs, or
    shares most of those of one of its clauses (a long goal lists several tasks).
    """
    if not form.indicators:
        return list(form.goals)
    grams = set().union(*(_bigrams(f"{i.name or ''}{i.description or ''}") for i in form.indicators))
    cut = settings.get("goal_overlap_share")

    def overlap(text: str) -> float:
        own = _bigrams(text)
        return len(own & grams) / len(own) if own else 1.0

    return [
        g
        for g in form.goals
        if overlap(g) < cut and not any(overlap(c) >= 0.5 for c in GOAL_CLAUSE.split(g) if len(c) >= 4)
    ]


@rule("goal_without_indicator", "medium", "relevance")
def _goal_without_indicator(form: Form) -> Hits:
    if not form.indicators or not form.goals:
        return []
    loose = uncovered_goals(form)
    if not loose:
        return []
    shown = "、".join(f"“{g}”" for g in loose[:3]) + (f"等{len(loose)}项" if len(loose) > 3 else "")
    return [(f"{len(form.goals)}项年度目标中有{len(loose)}项没有对应的绩效指标：{shown}。", [])]


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


@rule("no_target", "high", "feasibility")
def _no_target(form: Form) -> Hits:
    rows = [i for i in form.indicators if not i.value_raw]
    return [(f"{_names(rows)}没有设定指标值，无法衡量。", _seqs(rows))] if rows else []


def is_vague(indicator: Indicator) -> bool:
    """A comparative with no number: 进一步提高, 明显改善, 较往年提升."""
    if indicator.target is not None or indicator.kind == "时间":
        return False
    return "vague" in value_issues(indicator) or bool(COMPARATIVES.search(indicator.name or ""))


@rule("vague_target", "medium", "feasibility")
def _vague_target(form: Form) -> Hits:
    rows = [i for i in form.indicators if i.value_raw and is_vague(i)]
    return [(f"{_names(rows)}是没有具体数值的比较性表述，无法衡量，应量化。", _seqs(rows))] if rows else []


@rule("qualitative_target", "medium", "feasibility")
def _qualitative_target(form: Form) -> Hits:
    rows = [i for i in form.indicators if i.kind == "定性" and not is_vague(i)]
    return [(f"{_names(rows)}为定性指标值，建议细化为可衡量的目标。", _seqs(rows))] if rows else []


@rule("junk_unit", "medium", "feasibility")
def _junk_unit(form: Form) -> Hits:
    rows = [i for i in form.indicators if "junk_unit" in value_issues(i)]
    if not rows:
        return []
    examples = "、".join(sorted({i.value_raw for i in rows})[:3])
    return [(f"{len(rows)}个指标值的数字后跟的不是计量单位（如{examples}），请改为规范单位。", _seqs(rows))]


@rule("placeholder", "high", "feasibility")
def _placeholder(form: Form) -> Hits:
    rows = [i for i in form.indicators if "placeholder" in value_issues(i)]
    hits: Hits = [(f"{_names(rows)}的指标值是未填写的模板占位符。", _seqs(rows))] if rows else []
    goals = [w for w in form.warnings if w.code == "placeholder" and w.source_ref and "目标" in w.message]
    if goals:
        hits.append((f"{len(goals)}个项目的绩效目标仍为未填写的模板文字。", []))
    return hits


def is_input(indicator: Indicator) -> bool:
    """Money, staff or materials put in: an amount of money, a count of people paid or subsidised,
    the unit's own staff, or the villages it governs."""
    if indicator.unit in MONEY_UNITS:
        return True
    name = indicator.name or ""
    if indicator.unit in COUNT_UNITS and bool(INPUT_WORDS.search(name)):
        return True
    return bool(STANDING_WORDS.search(name)) and indicator.unit in (*COUNT_UNITS, None)


@rule("input_as_output", "medium", "appropriateness", reads_level=True)
def _input_as_output(form: Form) -> Hits:
    rows = [
        i for i in form.indicators if i.level1 == "产出指标" and i.level2 not in COST_LEVEL2 and is_input(i)
    ]
    message = f"{_names(rows)}反映的是资金、人员、辖区规模等投入或现状，不是产出，不宜作为产出指标。"
    return [(message, _seqs(rows))] if rows else []


def is_satisfaction(indicator: Indicator) -> bool:
    return "满意" in (indicator.name or "") or indicator.level1 == "满意度指标"


@rule("satisfaction_as_benefit", "low", "appropriateness", reads_level=True)
def _satisfaction_as_benefit(form: Form) -> Hits:
    rows = [i for i in form.indicators if "满意" in (i.name or "") and i.level1 and i.level1 != "满意度指标"]
    return (
        [(f"{_names(rows)}是满意度，却放在{rows[0].level1}下；满意度应列入满意度指标。", _seqs(rows))]
        if rows
        else []
    )


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
        (f"“{row_text(rows[0])}”在表中重复出现{len(rows)}次。", _seqs(rows))
        for rows in places.values()
        if len(rows) >= minimum
    ]


# ---- consistency ------------------------------------------------------------------------
@rule("budget_arithmetic", "high", "relevance", penalty=40)
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


@rule("money_unit_suspect", "high", "relevance", penalty=25)
def _money_unit_suspect(form: Form) -> Hits:
    if not form.budget.unit_suspect:
        return []
    return [(f"金额单位标为“{form.budget.unit_raw}”，但数额只有按万元理解才合理，请核实金额单位。", [])]


@rule("project_budgets_mismatch", "medium", "relevance", penalty=20)
def _project_budgets_mismatch(form: Form) -> Hits:
    budgets = [p.budget for p in form.projects if p.budget is not None]
    stated = form.budget.project
    if not budgets or stated is None or abs(sum(budgets) - stated) <= max(0.01, 0.01 * stated):
        return []
    return [(f"各项目预算合计{sum(budgets):.2f}万元与项目支出{stated:.2f}万元不符。", [])]


def _grows(indicator: Indicator) -> bool:
    return any(w in (indicator.name or "") + (indicator.value_raw or "") for w in GROWTH_WORDS)


@rule("percent_over_100", "medium", "appropriateness")
def _percent_over_100(form: Form) -> Hits:
    rows = [
        i for i in form.indicators if i.unit in ("%", "百分比") and (i.target or 0) > 100 and not _grows(i)
    ]
    return [(f"{_names(rows)}的百分比目标超过100%。", _seqs(rows))] if rows else []


def is_percent(indicator: Indicator) -> bool:
    return indicator.unit in PERCENT_UNITS or "百分百" in (indicator.value_raw or "")


@rule("satisfaction_at_100", "medium", "appropriateness")
def _satisfaction_at_100(form: Form) -> Hits:
    rows = [i for i in form.indicators if is_satisfaction(i) and i.target == 100 and is_percent(i)]
    if not rows:
        return []
    every = len(rows) == sum(is_satisfaction(i) for i in form.indicators) and len(rows) > 1
    lead = f"全部{len(rows)}个满意度指标" if every else _names(rows)
    return [(f"{lead}目标定为100%，满意度调查难以达到，缺乏合理性。", _seqs(rows))]


@rule("zero_count_target", "medium", "appropriateness")
def _zero_count_target(form: Form) -> Hits:
    rows = [
        i for i in form.indicators if i.target == 0 and i.unit in COUNT_UNITS and i.operator in ("=", "≥")
    ]
    return [(f"{_names(rows)}的数量目标为0。", _seqs(rows))] if rows else []


# ---- what a reviewer weighs that shape alone does not show (second edition) --------------
# Vocabulary (data, not logic).
RATE_WORDS = (
    "率",
    "比例",
    "比重",
    "占比",
    "同比",
    "环比",
    "份额",
    "覆盖",
    "满意",
    "知晓",
    "指数",
    "达标",
    "合格",
    "增长",
    "增幅",
    "下降",
    "降低",
    "提高",
    "提升",
    "百分比",
    "密度",
)
STAFF_RESPONDENTS = re.compile(r"干部|职工|机关|两委|委托方|工作人员|本单位|内部")
TIME_WORDS = re.compile(
    r"\d{4}年|\d+月|\d+日|年底|年内|年度|季度|月底|每月|每季|每周|每日|\d+天|\d+个?工作日|小时|时间|时限|期限|工期|进度|及时|按时|按期|准时|限期|当期|当年|前完成|以前|之前|截至|截止"
)
ACTIVITY_UNITS = {"次", "场", "期", "篇", "份", "人次", "项", "件"}
PAST_TENSE = re.compile(
    r"(完成|签订|建成|发放|开展|实现|举办|召开|落实|拨付|兑现|培训|修建|新建)了|已(经)?(完成|建成|签订|发放|开展|实现|举办|召开|落实|拨付|兑现|培训|修建|新建|全部)"
)
FULL_MARK = re.compile(
    r"(?:达到|完成|实现|≥|>=|大于等于|不低于)\s*(\d+(?:\.\d+)?)\s*(%|％)[^。；;，,]{0,8}(?:得满分|得分|满分|得\d+分|计满分)"
)
# Terms a policy retired: (term, last form year it fits, why). A form of a later year using it
# is written from an old template.
OUTDATED_TERMS = (
    ("四项手术", 2015, "2016年起全面实施两孩政策，计划生育四项手术不再作为考核目标"),
    ("计划生育", 2021, "2021年起实施三孩生育政策，原计划生育管理目标已调整"),
    ("全面建成小康社会", 2020, "全面建成小康社会目标已于2020年实现"),
    ("脱贫攻坚", 2021, "2021年起转入巩固拓展脱贫攻坚成果同乡村振兴有效衔接"),
)
BUNDLE_SEPARATOR = re.compile(r"、")
BUNDLE_MIN_ITEMS = 3
STOCK_CONTAINED_MIN_CHARS = 6
NEAR_DUPLICATE_PROJECT_RATIO = 90


def is_rate(name: str) -> bool:
    return any(word in name for word in RATE_WORDS)


def is_pseudo_quantified(indicator: Indicator) -> bool:
    """A percentage target on a name that has no denominator: 履行职责 =100%, 家喻户晓 ≥95%."""
    name = indicator.name or ""
    return bool(name) and indicator.target is not None and is_percent(indicator) and not is_rate(name)


@rule("pseudo_quantified", "high", "feasibility")
def _pseudo_quantified(form: Form) -> Hits:
    rows = [i for i in form.indicators if is_pseudo_quantified(i)]
    if not rows:
        return []
    message = (
        f"{_names(rows)}以百分比设定目标，但指标名称不是比率（没有分子分母），属于伪量化，"
        "无法据以考核，请改为可计量的数量、质量或时间目标，或写明比率的计算口径。"
    )
    return [(message, _seqs(rows))]


@rule("staff_satisfaction", "medium", "appropriateness")
def _staff_satisfaction(form: Form) -> Hits:
    rows = [i for i in form.indicators if is_satisfaction(i) and STAFF_RESPONDENTS.search(i.name or "")]
    message = f"{_names(rows)}调查的是本单位干部职工或委托方，不是服务对象，不能反映服务对象满意度。"
    return [(message, _seqs(rows))] if rows else []


def has_budget(form: Form) -> bool:
    return not form.budget.is_empty() or any(p.budget for p in form.projects)


def has_target(indicator: Indicator) -> bool:
    """A target a year-end check could be held to: a number, or a date."""
    return indicator.target is not None or indicator.kind == "时间"


@rule("not_checkable", "medium", "completeness")
def _not_checkable(form: Form) -> Hits:
    """Say what the form leaves the reviewer unable to check (the score leaves it out)."""
    if not form.indicators:
        return [("表中没有可读的绩效指标，相关性、适当性、可行性和具体性均无法核验。", [])]
    hits: Hits = []
    if not form.goals and not has_budget(form):
        hits.append(("表中既无年度目标也无预算金额，绩效指标与职能、资金的相关性无法核验。", []))
    if not any(has_target(i) for i in form.indicators):
        hits.append(("没有一个指标设定了可核对的数值或时间，目标是否适当无法核验。", []))
    return hits


@rule("no_budget", "medium", "relevance")
def _no_budget(form: Form) -> Hits:
    if has_budget(form):
        return []
    return [("表中没有预算金额，绩效目标与资金的匹配程度无法核验，请补充资金总额及构成。", [])]


@rule("project_without_indicators", "medium", "relevance", penalty=30)
def _project_without_indicators(form: Form) -> Hits:
    named = {i.project for i in form.indicators if i.project}
    loose = [p for p in form.projects if p.budget and p.name and p.name not in named]
    if not loose or not named:
        return []
    shown = "、".join(f"“{p.name}”（{p.budget:g}万元）" for p in loose[:3])
    more = f"等{len(loose)}个项目" if len(loose) > 3 else ""
    return [(f"{shown}{more}安排了资金，但没有项目绩效指标。", [])]


@rule("cost_not_money", "medium", "appropriateness", reads_level=True)
def _cost_not_money(form: Form) -> Hits:
    rows = [
        i
        for i in form.indicators
        if (i.level1 == "成本指标" or i.level2 in COST_LEVEL2)
        and i.value_raw
        and "元" not in (i.unit or "")
        and "元" not in i.value_raw
    ]
    message = f"{_names(rows)}列为成本指标，但指标值不是金额，成本指标应以元或万元计。"
    return [(message, _seqs(rows))] if rows else []


@rule("timeliness_without_time", "medium", "appropriateness", reads_level=True)
def _timeliness_without_time(form: Form) -> Hits:
    rows = [
        i
        for i in form.indicators
        if i.level2 == "时效指标" and not TIME_WORDS.search(f"{i.name or ''}{i.value_raw or ''}")
    ]
    message = f"{_names(rows)}列为时效指标，但名称和指标值都没有时间或期限。"
    return [(message, _seqs(rows))] if rows else []


@rule("count_misfiled", "low", "appropriateness", reads_level=True)
def _count_misfiled(form: Form) -> Hits:
    rows = [
        i
        for i in form.indicators
        if i.unit in ACTIVITY_UNITS
        and (i.level2 == "质量指标" or i.level1 == "效益指标")
        and not is_rate(i.name or "")
    ]
    message = f"{_names(rows)}是工作数量，却列在质量指标或效益指标下，应列入数量指标。"
    return [(message, _seqs(rows))] if rows else []


@rule("past_tense_target", "medium", "appropriateness")
def _past_tense_target(form: Form) -> Hits:
    rows = [
        i
        for i in form.indicators
        if PAST_TENSE.search(f"{i.name or ''}{i.value_raw or ''}")
        and re.search(r"\d", f"{i.name or ''}{i.value_raw or ''}")
    ]
    message = f"{_names(rows)}写的是已完成的工作（总结），不是本年度要达到的目标。"
    return [(message, _seqs(rows))] if rows else []


@rule("other_township_name", "medium", "relevance", penalty=20, scope="corpus")
def _other_township_name(form: Form, context: CorpusContext) -> Hits:
    own = form.township or ""
    others = sorted(
        t for t in context.townships.get(form.county or "", set()) if t and t != own and len(t) >= 2
    )
    hits: Hits = []
    for town in others:
        if own and (town in own or own in town):
            continue
        rows = [i for i in form.indicators if town in f"{i.name or ''}{i.description or ''}"]
        texts = [g for g in (*form.goals, *form.functions) if town in g]
        if rows or texts:
            quoted = f"“{row_text(rows[0])}”" if rows else f"“{texts[0]}”"
            hits.append(
                (f"请核实：表中出现本县另一乡镇“{town}”的名称：{quoted}，疑似照搬他单位材料。", _seqs(rows))
            )
    return hits


@lru_cache(maxsize=1)
def _seed_phrases() -> tuple[set[str], tuple[Any, ...]]:
    """The seed list's keys (a name that *is* one is generic_wording's) and the phrases long
    enough to be recognised inside a longer name (read once)."""
    from lib.quality.phrases import seed_phrases  # the seed list is data beside this module

    seeds = seed_phrases()
    return {p.key for p in seeds}, tuple(p for p in seeds if len(p.key) >= STOCK_CONTAINED_MIN_CHARS)


@rule("stock_phrase_inside", "low", "specificity", flag="generic")
def _stock_phrase_inside(form: Form) -> Hits:
    whole, phrases = _seed_phrases()
    found: dict[str, list[Indicator]] = {}
    for i in form.indicators:
        key = match_key(i.name or "")
        inside = [p for p in phrases if p.key in key] if key not in whole else []
        if inside:
            found.setdefault(max(inside, key=lambda p: len(p.key)).text, []).append(i)
    return [
        (f"{_names(rows)}的名称套用了通用表述“{phrase}”，应写明本单位具体做什么。", _seqs(rows))
        for phrase, rows in found.items()
    ]


def _full_marks(text: str) -> set[float]:
    """The percentages a scoring rule gives full marks at (a traditional-script rule read simplified)."""
    return {float(m.group(1)) for m in FULL_MARK.finditer(to_simplified(text))}


@rule("target_contradicts_scoring", "medium", "feasibility")
def _target_contradicts_scoring(form: Form) -> Hits:
    rows = [
        i
        for i in form.indicators
        if i.target is not None
        and is_percent(i)
        and (marks := _full_marks(f"{i.scoring or ''}{i.description or ''}"))
        and i.target not in marks
    ]
    if not rows:
        return []
    first = rows[0]
    rule_text = first.scoring if first.scoring and _full_marks(first.scoring) else first.description or ""
    message = f"{_names(rows)}的目标值与其评分标准或指标解释不一致（“{rule_text}”），请统一。"
    return [(message, _seqs(rows))]


@rule("outdated_term", "low", "relevance")
def _outdated_term(form: Form) -> Hits:
    if not form.year:
        return []
    hits: Hits = []
    for term, last_year, why in OUTDATED_TERMS:
        if form.year <= last_year:
            continue
        rows = [i for i in form.indicators if term in f"{i.name or ''}{i.description or ''}"]
        texts = [g for g in (*form.goals, *form.functions) if term in g]
        if rows or texts:
            quoted = f"“{row_text(rows[0])}”" if rows else f"“{texts[0]}”"
            hits.append((f"{form.year}年的表仍使用“{term}”的提法（{quoted}）：{why}。", _seqs(rows)))
    return hits


@rule("count_without_unit", "low", "feasibility")
def _count_without_unit(form: Form) -> Hits:
    rows = [
        i
        for i in form.indicators
        if i.kind == "定量" and i.target is not None and not i.unit and i.value_raw and "%" not in i.value_raw
    ]
    message = f"{_names(rows)}的指标值只有数字，没有计量单位。"
    return [(message, _seqs(rows))] if rows else []


def bundled_items(name: str) -> list[str]:
    return [part for part in BUNDLE_SEPARATOR.split(name) if len(part.strip()) >= 2]


@rule("bundled_activities", "low", "appropriateness")
def _bundled_activities(form: Form) -> Hits:
    rows = [i for i in form.indicators if len(bundled_items(i.name or "")) >= BUNDLE_MIN_ITEMS]
    message = f"{_names(rows)}一个指标里并列了多项工作，无法分别考核，请拆分为单独的指标。"
    return [(message, _seqs(rows))] if rows else []


@rule("near_duplicate_projects", "medium", "specificity")
def _near_duplicate_projects(form: Form) -> Hits:
    from rapidfuzz import fuzz

    rows_of: dict[str, list[str]] = {}
    for i in form.indicators:
        if i.project:
            rows_of.setdefault(i.project, []).append(f"{match_key(i.name or '')}{i.value_raw or ''}")
    names = [p for p, rows in rows_of.items() if len(rows) >= 3]
    hits: Hits = []
    for n, first in enumerate(names):
        for second in names[n + 1 :]:
            if (
                fuzz.ratio("|".join(rows_of[first]), "|".join(rows_of[second]))
                >= NEAR_DUPLICATE_PROJECT_RATIO
            ):
                seqs = [i.seq for i in form.indicators if i.project == second]
                hits.append((f"项目“{second}”的绩效指标与项目“{first}”几乎相同，未体现各自特点。", seqs))
    return hits


@rule("weights_not_100", "medium", "appropriateness")
def _weights_not_100(form: Form) -> Hits:
    blocks: dict[str | None, list[Indicator]] = {}
    for i in form.indicators:
        blocks.setdefault(i.project, []).append(i)
    hits: Hits = []
    for project, rows in blocks.items():
        weights = [i.weight for i in rows if i.weight is not None]
        if len(weights) < 2 or len(weights) < len(rows) or abs(sum(weights) - 100) <= 0.5:
            continue
        where = f"项目“{project}”" if project else "本表"
        hits.append((f"{where}各指标权重合计{sum(weights):g}，不等于100。", _seqs(rows)))
    return hits


# ---- corpus findings, registered like every other rule (lib.quality.corpus finds them) -----
def _from_corpus(code: str) -> Callable[[Form, CorpusContext], Hits]:
    def check(form: Form, context: CorpusContext) -> Hits:
        from lib.quality.corpus import corpus_findings

        if context.view is None:
            return []
        return [
            (f.message, f.seqs) for f in corpus_findings(form, context.view, context.names) if f.code == code
        ]

    return check


rule("copied_rows", "high", "specificity", flag="copied", scope="corpus")(_from_corpus("copied_rows"))
rule("generic_wording", "medium", "specificity", flag="generic", scope="corpus")(
    _from_corpus("generic_wording")
)
rule("carried_over", "medium", "specificity", flag="carried_over", scope="corpus")(
    _from_corpus("carried_over")
)
