"""The score, organised as a finance-bureau reviewer works: five criteria, no free points, gates.

The Ministry's review criteria (财预〔2015〕88号) are 完整性 completeness, 相关性 relevance,
适当性 appropriateness and 可行性 feasibility; 具体性 specificity (not boilerplate) is its own
dimension. Every rule belongs to one (``Rule.criterion``). A dimension is computed only from
what could be checked; where nothing could be, it is ``None`` (无法核验), named in
``not_checkable`` and left out of the weighted mean — never 100 by default.

- 完整性: the share of the required categories' weight the form covers, less the penalty of
  each completeness finding (fewer than three indicators).
- 相关性: the mean of what could be checked of (a) the share of the goals some indicator speaks
  to and (b) the money checks (budget arithmetic, money unit, project budgets, indicators for
  the money), each failed check costing its penalty; another township's name costs its penalty.
- 适当性: of the rows that carry a target, the share no appropriateness finding names.
- 可行性: of all rows, the share genuinely measurable (operator, number, real unit or a date;
  not pseudo-quantified, not an input) and named by no feasibility finding; a quarter of each
  such row's credit needs a stated basis (a scoring rule, an explanation, a 依据).
- 具体性: the share of rows no boilerplate flag marks.
``measurability`` (the share genuinely measurable) and ``consistency`` (the money checks alone)
stay in ``dimensions`` for readers of the first edition; they are not weighted again.

Gates (a form a reviewer returns whatever its mean): missing a core level-1 category, under half
of its rows genuinely measurable, or filled from a template. A gated form grades at most 中.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib import settings
from lib.model import Form, Indicator
from lib.normalize.text import match_key
from lib.quality.results import CRITERIA_WEIGHTED, DIMENSIONS, Finding
from lib.quality.rules import (
    REQUIRED_CATEGORIES,
    RULES,
    has_budget,
    has_target,
    missing_categories,
    uncovered_goals,
    value_issues,
)

GRADES = ((90, "优"), (80, "良"), (60, "中"), (0, "差"))
GATE_CEILING = 79.9  # the best score a gated form can have: the top of 中
RESUBMIT_CEILING = 59.9  # ... and, missing most of what a form must have, the top of 差
MANY_CORE_MISSING = 2  # core categories missing from which a form is to be redone, not revised
VERDICTS = ("通过", "修改后通过", "退回修改", "退回重报")  # best first
RETURN_VERDICTS = ("退回修改", "退回重报")  # the verdicts that send a form back (the 退回清单)
OPEN_HIGH_CEILING = 89.9  # 优 (通过) needs no high-severity finding left open: the top of 良
KIND_PENALTY = 3.0  # per kind of defect (rule) found, off a row-scored criterion
BOILERPLATE_FLAGS = ("repeated_in_form", "same_value", "name_is_description", "generic", "copied")
CORE_CATEGORIES = (("产出指标", 0), ("效益指标", 0), ("满意度指标", 0), ("成本指标", 2022))
MONEY_RULES = ("too_few_for_money", "budget_arithmetic", "money_unit_suspect", "project_budgets_mismatch")
NOT_MEASURABLE_RULES = (
    "input_as_output",
    "pseudo_quantified",
    "past_tense_target",
    "placeholder",
    "junk_unit",
)
RELEVANCE_PENALTIES = ("project_without_indicators", "other_township_name")
GATES = ("missing_core_category", "missing_core_categories", "under_half_measurable", "template_filled")
GATE_CEILINGS = {
    "missing_core_category": GATE_CEILING,
    "missing_core_categories": RESUBMIT_CEILING,
    "under_half_measurable": GATE_CEILING,
    "template_filled": GATE_CEILING,
}

# What each weighted dimension is computed from, and when it cannot be (for docs/judging.md).
DIMENSION_DOCS = {
    "completeness": (
        "完整性",
        "share of the required categories' weight present ({categories}), less {completeness_rules}",
        "never: a form with no indicators scores 0",
    ),
    "relevance": (
        "相关性",
        "mean of the share of goals some indicator speaks to and the money checks (100 less {money_rules}); "
        "less {relevance_rules}",
        "no goals and no budget",
    ),
    "appropriateness": (
        "适当性",
        "share of the rows with a target that no 适当性 finding names",
        "no row carries a target",
    ),
    "feasibility": (
        "可行性",
        "share of rows genuinely measurable and named by no 可行性 finding; a quarter of a row's "
        "credit needs a stated basis (scoring rule, explanation, 依据)",
        "no indicators",
    ),
    "specificity": ("具体性", "share of rows no boilerplate flag marks", "no indicators"),
}
GATE_DOCS = {
    "missing_core_category": "a core level-1 category is missing (产出, 效益, 满意度; 成本 from 2022)",
    "missing_core_categories": f"{MANY_CORE_MISSING} or more core level-1 categories are missing "
    "(outputs with no outcome and no satisfaction: the form is to be redone)",
    "under_half_measurable": "under half of the indicators are genuinely measurable",
    "template_filled": "filled from a template (one value on nearly every row, or ≥ template_share boilerplate)",
}


@dataclass
class Judgement:
    dimensions: dict[str, float | None]
    not_checkable: list[str]
    gates: list[str]
    score: float
    grade: str


def is_measurable(indicator: Indicator) -> bool:
    """The shape of a target: an operator and a number with a real unit, or a date."""
    if not indicator.value_raw:
        return False
    if indicator.kind == "时间":
        return True
    issues = value_issues(indicator)
    return (
        indicator.kind == "定量"
        and indicator.target is not None
        and "junk_unit" not in issues
        and "placeholder" not in issues
    )


def genuinely_measurable(form: Form, findings: list[Finding]) -> set[int]:
    """Rows whose target can be checked at year end: measurable in shape and in meaning (no
    finding says it is pseudo-quantified, an input, a past achievement; a dismissed one is not given)."""
    excluded = _rows_of(findings, NOT_MEASURABLE_RULES)
    return {i.seq for i in form.indicators if is_measurable(i) and i.seq not in excluded}


def boilerplate_share(form: Form, flags: dict[str, list[str]]) -> float:
    if not form.indicators:
        return 0.0
    return len(boilerplate_rows(form, flags)) / len(form.indicators)


def boilerplate_rows(form: Form, flags: dict[str, list[str]]) -> set[int]:
    return {
        i.seq
        for i in form.indicators
        if any(f.split(":")[0] in BOILERPLATE_FLAGS for f in flags.get(str(i.seq), []))
    }


def judge(form: Form, findings: list[Finding], flags: dict[str, list[str]]) -> Judgement:
    """The dimensions, what could not be checked, the gates, the score and the grade."""
    values = dimensions(form, findings, flags)
    not_checkable = [d for d in DIMENSIONS if values[d] is None]
    gates = gates_of(form, findings, flags)
    total = min([composite(values), *(GATE_CEILINGS[g] for g in gates)])
    if any(f.severity == "high" for f in findings):
        total = min(total, OPEN_HIGH_CEILING)
    return Judgement(values, not_checkable, gates, total, grade(total))


def dimensions(form: Form, findings: list[Finding], flags: dict[str, list[str]]) -> dict[str, float | None]:
    rows = form.indicators
    measurable = genuinely_measurable(form, findings)
    targeted = [i for i in rows if has_target(i)]
    improper = _rows_of(findings, _codes_of("appropriateness"))
    infeasible = _rows_of(findings, _codes_of("feasibility"))
    money = _money_checks(form, findings)
    return {
        "completeness": completeness(form, findings),
        "relevance": relevance(form, findings, money),
        "appropriateness": _less_kinds(
            _share([i for i in targeted if i.seq not in improper], targeted), findings, "appropriateness"
        ),
        "feasibility": _less_kinds(
            _credit([_feasible(i, measurable, infeasible) for i in rows]), findings, "feasibility"
        ),
        "specificity": _less_kinds(
            None if not rows else _pct(1 - boilerplate_share(form, flags)), findings, "specificity"
        ),
        "measurability": _share([i for i in rows if i.seq in measurable], rows),
        "consistency": money,
    }


def _less_kinds(share: float | None, findings: list[Finding], criterion: str) -> float | None:
    """A row share less KIND_PENALTY per kind of defect found: a reviewer writes one line per kind,
    and a few bad rows among many still make the form one to revise."""
    if share is None:
        return None
    kinds = {f.code for f in findings if f.code in RULES and RULES[f.code].criterion == criterion}
    return _clamp(share - KIND_PENALTY * len(kinds))


BASIS_CREDIT = 0.25  # of a measurable row's credit: its target has a stated basis or scoring rule


def has_basis(indicator: Indicator) -> bool:
    """The form says how the target was set or will be scored (not the name said again)."""
    name = match_key(indicator.name or "")
    return any(
        text and match_key(text) != name
        for text in (indicator.scoring, indicator.basis, indicator.description)
    )


def _feasible(indicator: Indicator, measurable: set[int], infeasible: set[int]) -> float:
    if indicator.seq not in measurable or indicator.seq in infeasible:
        return 0.0
    return 1 - BASIS_CREDIT + (BASIS_CREDIT if has_basis(indicator) else 0.0)


def _credit(credits: list[float]) -> float | None:
    return None if not credits else round(100 * sum(credits) / len(credits), 1)


def completeness(form: Form, findings: list[Finding]) -> float:
    year = form.year or 0
    due = [penalty for _, _, penalty, since in REQUIRED_CATEGORIES if year >= since]
    missing = sum(penalty for _, _, penalty in missing_categories(form)) if form.indicators else sum(due)
    covered = 100 * (1 - missing / sum(due))
    return _clamp(covered - _penalties(findings, "completeness"))


def relevance(form: Form, findings: list[Finding], money: float | None) -> float | None:
    parts = [money] if money is not None else []
    if form.goals:
        parts.append(100 * (1 - len(uncovered_goals(form)) / len(form.goals)))
    if not parts:
        return None
    other = sum(
        RULES[f.code].penalty
        for f in findings
        if f.code in ("other_township_name", "project_without_indicators")
    )
    return _clamp(sum(parts) / len(parts) - other)


def _money_checks(form: Form, findings: list[Finding]) -> float | None:
    """The checks that need money on the form; None when it states none."""
    if not has_budget(form):
        return None
    return _clamp(100 - sum(RULES[f.code].penalty for f in findings if f.code in MONEY_RULES))


def gates_of(form: Form, findings: list[Finding], flags: dict[str, list[str]]) -> list[str]:
    """The reasons a reviewer would return the form whatever its mean."""
    gates = []
    missing = missing_core(form)
    if missing:
        gates.append("missing_core_category")
    if len(missing) >= MANY_CORE_MISSING:
        gates.append("missing_core_categories")
    if not form.indicators or len(genuinely_measurable(form, findings)) < 0.5 * len(form.indicators):
        gates.append("under_half_measurable")
    if any(f.code == "same_value_everywhere" for f in findings) or (
        form.indicators and boilerplate_share(form, flags) >= settings.get("template_share")
    ):
        gates.append("template_filled")
    return gates


def missing_core(form: Form) -> list[str]:
    year = form.year or 0
    present = {i.level1 for i in form.indicators} | (
        {"成本指标"} if any(i.level2 and "成本" in i.level2 for i in form.indicators) else set()
    )
    return [level1 for level1, since in CORE_CATEGORIES if year >= since and level1 not in present]


def composite(values: dict[str, float | None]) -> float:
    """The weighted mean of the dimensions that could be checked."""
    weights = {d: settings.get(f"weight_{d}") for d in CRITERIA_WEIGHTED if values.get(d) is not None}
    if not weights or not sum(weights.values()):
        return 0.0
    return round(sum(values[d] * w for d, w in weights.items()) / sum(weights.values()), 1)


def grade(score: float) -> str:
    return next(name for cut, name in GRADES if score >= cut)


def verdict(grade: str, gates: list[str] | tuple[str, ...]) -> str:
    """通过 / 修改后通过 / 退回修改 / 退回重报, following the grade and the gates: the review's one conclusion,
    which the letter states and the 退回清单 lists."""
    if grade == "差":
        return "退回重报"
    if gates or grade == "中":
        return "退回修改"
    return "修改后通过" if grade == "良" else "通过"


def _codes_of(criterion: str) -> tuple[str, ...]:
    return tuple(code for code, r in RULES.items() if r.criterion == criterion)


def _rows_of(findings: list[Finding], codes: tuple[str, ...]) -> set[int]:
    return {seq for f in findings if f.code in codes for seq in f.seqs}


def _penalties(findings: list[Finding], criterion: str) -> float:
    return sum(
        RULES[f.code].penalty for f in findings if f.code in RULES and RULES[f.code].criterion == criterion
    )


def _share(good: list[Indicator], of: list[Indicator]) -> float | None:
    return None if not of else round(100 * len(good) / len(of), 1)


def _pct(value: float) -> float:
    return round(100 * value, 1)


def _clamp(value: float) -> float:
    return round(max(0.0, min(100.0, float(value))), 1)


def weights_table() -> str:
    """The weights, what each dimension is computed from, and the gates, as a Markdown table."""
    rows = [
        "| dimension | weight | computed from | 无法核验 (left out of the mean) when |",
        "| --- | --- | --- | --- |",
    ]
    facts = {
        "categories": ", ".join(
            f"{level2 or level1} {penalty:g}" + (f" from {since}" if since else "")
            for level1, level2, penalty, since in REQUIRED_CATEGORIES
        ),
        "completeness_rules": _penalty_list(tuple(c for c in _codes_of("completeness") if RULES[c].penalty)),
        "money_rules": _penalty_list(MONEY_RULES),
        "relevance_rules": _penalty_list(RELEVANCE_PENALTIES) + " per finding",
    }
    for name in CRITERIA_WEIGHTED:
        zh, source, unchecked = DIMENSION_DOCS[name]
        text = source.format(**facts)
        rows.append(f"| {zh} `{name}` | {settings.get(f'weight_{name}')} | {text} | {unchecked} |")
    rows += ["", "| gate | score at most (grade) | when |", "| --- | --- | --- |"]
    rows += [
        f"| `{gate}` | {GATE_CEILINGS[gate]} ({grade(GATE_CEILINGS[gate])}) | {GATE_DOCS[gate]} |"
        for gate in GATES
    ]
    rows += [
        "",
        f"Row-scored criteria (适当性, 可行性, 具体性) lose {KIND_PENALTY:g} more per kind of defect (rule) "
        f"found; a form with a high-severity finding left open grades at most 良 ({OPEN_HIGH_CEILING}).",
    ]
    return "\n".join(rows) + "\n"


def _penalty_list(codes: tuple[str, ...]) -> str:
    return ", ".join(f"{RULES[code].penalty:g} `{code}`" for code in codes)


def rules_table() -> str:
    """Every registered rule with its criterion and severity, grouped by criterion."""
    rows = ["| criterion | rule | severity | scope |", "| --- | --- | --- | --- |"]
    for criterion in CRITERIA_WEIGHTED:
        rows += [
            f"| {DIMENSION_DOCS[criterion][0]} | `{code}` | {r.severity} | {r.scope} |"
            for code, r in RULES.items()
            if r.criterion == criterion
        ]
    return "\n".join(rows) + "\n"


def scoring_doc() -> str:
    """The generated part of docs/judging.md (``scoring-table`` in :mod:`lib.docgen`): weights,
    gates and the rules by criterion."""
    return f"{weights_table()}\n{rules_table()}"


RowCredit = tuple[str, int, float, list[str]]  # (dimension, seq, credit 0–1, reasons: codes)
ROW_SCORED = ("feasibility", "appropriateness", "specificity")
"""The weighted criteria scored row by row (:func:`row_credits`); the others are scored by parts."""


def row_credits(form: Form, findings: list[Finding], flags: dict[str, list[str]]) -> list[RowCredit]:
    """Per row-scored dimension, what each row earned and why it lost (finding codes, flags, or
    ``not_measurable`` / ``no_basis``): the same arithmetic as :func:`dimensions`."""
    measurable = genuinely_measurable(form, findings)
    infeasible = _rows_of(findings, _codes_of("feasibility"))
    named: dict[int, list[str]] = {}
    for finding in findings:
        for seq in finding.seqs:
            named.setdefault(seq, []).append(finding.code)
    feasibility_codes = set(_codes_of("feasibility")) | set(NOT_MEASURABLE_RULES)
    appropriate_codes = set(_codes_of("appropriateness"))
    boilerplate = boilerplate_rows(form, flags)
    credits: list[RowCredit] = []
    for i in form.indicators:
        codes = named.get(i.seq, [])
        lost = [c for c in codes if c in feasibility_codes] or (
            ["not_measurable"] if i.seq not in measurable else [] if has_basis(i) else ["no_basis"]
        )
        credits.append(("feasibility", i.seq, _feasible(i, measurable, infeasible), lost))
        if has_target(i):
            wrong = [c for c in codes if c in appropriate_codes]
            credits.append(("appropriateness", i.seq, 0.0 if wrong else 1.0, wrong))
        marks = [f.split(":")[0] for f in flags.get(str(i.seq), []) if f.split(":")[0] in BOILERPLATE_FLAGS]
        credits.append(("specificity", i.seq, 0.0 if i.seq in boilerplate else 1.0, marks))
    return credits


PartCredit = tuple[str, float | None, str | None]  # (what was checked, credit 0–1 or None, finding code)


def form_credits(form: Form, findings: list[Finding], dimension: str) -> list[PartCredit]:
    """What a form-level criterion is made of: per required category (完整性), or per goal and per
    money check (相关性), whether it earned its part; None where it could not be checked."""
    fired = {f.code for f in findings}
    if dimension == "completeness":
        missing = {(level1, level2) for level1, level2, _ in missing_categories(form)}
        year = form.year or 0
        return [
            (level2 or level1, 0.0 if (level1, level2) in missing else 1.0, "missing_category")
            for level1, level2, _, since in REQUIRED_CATEGORIES
            if year >= since
        ]
    loose = set(uncovered_goals(form))
    parts: list[PartCredit] = [
        (goal, 0.0 if goal in loose else 1.0, "goal_without_indicator") for goal in form.goals
    ]
    money = has_budget(form)
    parts += [(code, (0.0 if code in fired else 1.0) if money else None, code) for code in MONEY_RULES]
    return parts
