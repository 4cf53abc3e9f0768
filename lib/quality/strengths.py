"""What a form does well, from the same rules that find its defects (for the return letter)."""

from __future__ import annotations

from lib.model import Form
from lib.quality.results import Finding
from lib.quality.rules import has_budget, row_text
from lib.quality.scoring import MONEY_RULES, genuinely_measurable, has_basis

MEASURABLE_SHARE = 0.6  # a form earns the strength when at least this share is genuinely measurable
BASIS_SHARE = 0.5
OWN_WORDS_SHARE = 0.1  # at most this share of boilerplate rows
EXAMPLES = 3

Strength = tuple[str, dict[str, object]]  # (catalogue key, its fields)


def strengths(form: Form, findings: list[Finding], boilerplate_share: float) -> list[Strength]:
    """Catalogue keys (``strength.*``) with their fields, in the letter's order."""
    if not form.indicators:
        return []
    codes = {f.code for f in findings if not f.dismissed}
    found: list[Strength] = []
    if "missing_category" not in codes:
        found.append(("strength.complete", {}))
    measurable = genuinely_measurable(form, [f for f in findings if not f.dismissed])
    share = len(measurable) / len(form.indicators)
    named = {seq for f in findings if not f.dismissed for seq in f.seqs}
    if share >= MEASURABLE_SHARE:
        examples = [i for i in form.indicators if i.seq in measurable and i.seq not in named][:EXAMPLES]
        quoted = "、".join(f"“{row_text(i)}”" for i in examples) or "—"
        found.append(("strength.measurable", {"share": f"{share:.0%}", "examples": quoted}))
    based = sum(has_basis(i) for i in form.indicators)
    if based >= BASIS_SHARE * len(form.indicators):
        found.append(("strength.basis", {"count": based}))
    specific = not any(f.criterion == "specificity" for f in findings if not f.dismissed)
    if boilerplate_share <= OWN_WORDS_SHARE and specific:
        found.append(("strength.own_words", {}))
    if has_budget(form) and not codes & set(MONEY_RULES):
        found.append(("strength.money", {}))
    if form.goals and "goal_without_indicator" not in codes:
        found.append(("strength.goals", {}))
    return found
