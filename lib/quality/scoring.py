"""The four dimensions, the composite score and the grade.

- 完整性 completeness: 100 less the penalty of each missing required category and of each
  completeness finding (too few indicators for the money, fewer than three, goals without one).
- 可衡量性 measurability: the share of indicators with an operator, a number and a real unit
  (or a date), that are not inputs written as results.
- 具体性 specificity: 100 × (1 − boilerplate share).
- 一致性 consistency: 100 less the penalty of each consistency finding.
The composite weighs them by the ``weight_*`` settings; the grade uses the cut-offs finance
departments already use for results: 优 ≥ 90, 良 80–89, 中 60–79, 差 < 60.
"""

from __future__ import annotations

from lib import settings
from lib.model import Form, Indicator
from lib.quality.results import DIMENSIONS, Finding
from lib.quality.rules import RULES, missing_categories, value_issues

GRADES = ((90, "优"), (80, "良"), (60, "中"), (0, "差"))
BOILERPLATE_FLAGS = ("repeated_in_form", "same_value", "name_is_description", "generic", "copied")


def is_measurable(indicator: Indicator) -> bool:
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


def boilerplate_share(form: Form, flags: dict[str, list[str]]) -> float:
    if not form.indicators:
        return 0.0
    flagged = sum(
        any(f.split(":")[0] in BOILERPLATE_FLAGS for f in flags.get(str(i.seq), [])) for i in form.indicators
    )
    return flagged / len(form.indicators)


def _penalties(findings: list[Finding], dimension: str) -> float:
    return sum(
        RULES[f.code].penalty for f in findings if f.code in RULES and RULES[f.code].dimension == dimension
    )


def dimensions(form: Form, findings: list[Finding], flags: dict[str, list[str]]) -> dict[str, float]:
    if not form.indicators:
        return dict.fromkeys(DIMENSIONS, 0.0) | {
            "consistency": _clamp(100 - _penalties(findings, "consistency"))
        }
    inputs = {s for f in findings if f.code == "input_as_output" for s in f.seqs}
    measurable = sum(is_measurable(i) and i.seq not in inputs for i in form.indicators)
    missing = sum(penalty for _, _, penalty in missing_categories(form))
    return {
        "completeness": _clamp(100 - missing - _penalties(findings, "completeness")),
        "measurability": round(100 * measurable / len(form.indicators), 1),
        "specificity": round(100 * (1 - boilerplate_share(form, flags)), 1),
        "consistency": _clamp(100 - _penalties(findings, "consistency")),
    }


def composite(values: dict[str, float]) -> float:
    weights = {d: settings.get(f"weight_{d}") for d in DIMENSIONS}
    return round(sum(values[d] * w for d, w in weights.items()) / sum(weights.values()), 1)


def grade(score: float) -> str:
    return next(name for cut, name in GRADES if score >= cut)


def _clamp(value: float) -> float:
    return round(max(0.0, min(100.0, float(value))), 1)
