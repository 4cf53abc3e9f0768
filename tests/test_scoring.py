"""The second edition's score: no free points, what could not be checked left out, gates."""

from __future__ import annotations

from dataclasses import replace

from quality_forms import GOOD_ROWS, form_from_rows

from lib.quality.engine import assess
from lib.quality.scoring import GATE_CEILING, OPEN_HIGH_CEILING, RESUBMIT_CEILING, composite


def judged(form):
    [score], _ = assess([form])
    return score


def test_what_cannot_be_checked_is_left_out_never_given() -> None:
    form = replace(form_from_rows(GOOD_ROWS, total=None), goals=[])
    score = judged(form)
    assert score.dimensions["relevance"] is None and score.dimensions["consistency"] is None
    assert {"relevance", "consistency"} <= set(score.not_checkable)
    checked = {k: v for k, v in score.dimensions.items() if k != "relevance"}
    assert score.score == composite(checked | {"relevance": None})


def test_a_narrative_form_gets_no_points_for_rules_that_could_not_run() -> None:
    form = form_from_rows(GOOD_ROWS)
    for indicator in form.indicators:
        indicator.value_raw, indicator.target, indicator.kind, indicator.unit = None, None, None, None
    score = judged(form)
    assert score.dimensions["appropriateness"] is None and "appropriateness" in score.not_checkable
    assert score.dimensions["feasibility"] == 0 and "under_half_measurable" in score.gates
    assert score.score <= GATE_CEILING and judged(form_from_rows(GOOD_ROWS)).score - score.score >= 25


def test_each_kind_of_defect_costs_more_than_its_share_of_rows() -> None:
    clean = judged(form_from_rows(GOOD_ROWS))
    one_kind = judged(form_from_rows(GOOD_ROWS[:-1] + [("经济成本指标", "单位整体支出控制数", "≤90%")]))
    assert one_kind.dimensions["appropriateness"] < clean.dimensions["appropriateness"] - 100 / len(GOOD_ROWS)


def test_a_gate_caps_the_grade_at_c_whatever_the_mean() -> None:
    no_cost = form_from_rows([r for r in GOOD_ROWS if r[0] != "经济成本指标"])
    score = judged(no_cost)
    assert score.gates == ["missing_core_category"] and score.score <= GATE_CEILING and score.grade == "中"


def test_outputs_alone_are_a_form_to_redo() -> None:
    outputs_only = form_from_rows([r for r in GOOD_ROWS if r[0] in ("数量指标", "质量指标", "时效指标")])
    score = judged(outputs_only)
    assert (
        "missing_core_categories" in score.gates and score.score <= RESUBMIT_CEILING and score.grade == "差"
    )


def test_an_open_high_severity_finding_keeps_a_form_from_a() -> None:
    good = judged(form_from_rows(GOOD_ROWS))
    assert good.grade == "优"
    pseudo = judged(form_from_rows(GOOD_ROWS + [("质量指标", "履行法定职责", "=100%")]))
    assert pseudo.score <= OPEN_HIGH_CEILING and pseudo.grade == "良"
