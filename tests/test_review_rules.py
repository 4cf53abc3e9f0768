"""The second edition's signals, and the registry's own promises: every rule has a criterion, a
severity, its names in both languages, a case on which it fires and stays quiet on a good form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from quality_forms import GOOD_ROWS, TEMPLATE_ROWS, form_from_rows

from lib.i18n import CATALOGUE
from lib.model import Budget, Form, Project
from lib.quality.engine import assess
from lib.quality.rules import CRITERIA, RULES, run_rules
from lib.quality.scoring import genuinely_measurable

N = len(GOOD_ROWS)


def good() -> Form:
    return form_from_rows(GOOD_ROWS)


def plus(*rows: tuple[str, str, str]) -> Form:
    return form_from_rows(GOOD_ROWS + list(rows))


def _with_projects(
    rows_a: list, rows_b: list, budgets: tuple[float | None, float | None] = (None, None)
) -> Form:
    form = form_from_rows(rows_a + rows_b)
    for indicator in form.indicators:
        indicator.project = "甲项目" if indicator.seq <= len(rows_a) else "乙项目"
    form.projects = [Project(name="甲项目", budget=budgets[0]), Project(name="乙项目", budget=budgets[1])]
    return form


def _project_money_without_rows() -> Form:
    form = _with_projects(GOOD_ROWS, [], (500.0, None))
    form.projects.append(Project(name="丙项目道路硬化", budget=300.0))
    return form


def _weights(total: float) -> Form:
    form = good()
    for indicator in form.indicators:
        indicator.weight = total / N
    return form


def _contradiction() -> Form:
    form = plus(("质量指标", "宣传调查入户率", "≥95%"))
    form.indicators[-1].scoring = "宣传调查入户率达到100%得2分，未达到按比例计分"
    return form


def _copier() -> list[Form]:
    own = [("数量指标", f"甲镇第{n}号特色蔬菜大棚滴灌改造面积", f"≥{10 + n}亩") for n in range(1, 8)]
    return [form_from_rows(own), form_from_rows(own, unit="示例县乙镇人民政府")]


def _carried() -> list[Form]:
    last = form_from_rows([(l2, f"2023年{name}", v) for l2, name, v in GOOD_ROWS], year=2023)
    return [last, form_from_rows([(l2, f"2024年{name}", v) for l2, name, v in GOOD_ROWS], year=2024)]


def _generic() -> list[Form]:
    towns = "甲乙丙丁戊己"
    return [
        form_from_rows(GOOD_ROWS[:10] + [("数量指标", "资金按时拨付", "≥90%")], unit=f"示例县{t}镇人民政府")
        for t in towns
    ]


def _neighbour() -> list[Form]:
    other = form_from_rows(GOOD_ROWS, unit="示例县乙镇人民政府")
    other.township = "乙镇"
    mine = plus(("数量指标", "乙镇村道路灯安装数量", "≥40盏"))
    mine.township = "甲镇"
    return [other, mine]


# For every rule: the forms to judge; the last one must carry the rule's finding.
FIRING: dict[str, Callable[[], list[Form]]] = {
    "missing_category": lambda: [replace(good(), indicators=good().indicators[:7])],
    "fewer_than_three": lambda: [replace(good(), indicators=good().indicators[:2])],
    "too_few_for_money": lambda: [replace(good(), budget=Budget("万元", 5000.0, 3000.0, 2000.0, 0.0))],
    "goal_without_indicator": lambda: [
        replace(good(), goals=[*good().goals, "推进智慧城市数据中台与区块链应用"])
    ],
    "no_target": lambda: [plus(("数量指标", "进一步巩固脱贫成果", ""))],
    "vague_target": lambda: [plus(("社会效益指标", "群众获得感", "明显提升"))],
    "qualitative_target": lambda: [plus(("社会效益指标", "治安状况", "效果明显"))],
    "junk_unit": lambda: [plus(("数量指标", "清运吨数", "≤1总吨数"))],
    "placeholder": lambda: [plus(("数量指标", "培训人数", "≥**人"))],
    "input_as_output": lambda: [plus(("数量指标", "发放补助资金", "≥9.31万元"))],
    "satisfaction_as_benefit": lambda: [plus(("社会效益指标", "群众对村容村貌满意度", "≥90%"))],
    "name_is_description": lambda: [
        form_from_rows(GOOD_ROWS[:3], descriptions=[GOOD_ROWS[0][1], None, None])
    ],
    "same_value_everywhere": lambda: [
        form_from_rows([(a, f"{b}{n}", "≥90%") for n, (a, b, _) in enumerate(GOOD_ROWS)])
    ],
    "repeated_rows": lambda: [form_from_rows(GOOD_ROWS + [TEMPLATE_ROWS[0]] * 3)],
    "budget_arithmetic": lambda: [replace(good(), budget=Budget("万元", 1000.0, 600.0, 300.0, 0.0))],
    "money_unit_suspect": lambda: [
        replace(good(), budget=Budget("元", 2887.87, 1581.35, 1306.52, 0.0, True))
    ],
    "project_budgets_mismatch": lambda: [
        replace(good(), projects=[Project(name="甲", budget=500.0), Project(name="乙", budget=300.0)])
    ],
    "percent_over_100": lambda: [plus(("质量指标", "档案整理合格率", "120%"))],
    "satisfaction_at_100": lambda: [plus(("服务对象满意度指标", "村民满意度", "100%"))],
    "zero_count_target": lambda: [plus(("数量指标", "培训场次", "0场"))],
    "pseudo_quantified": lambda: [plus(("质量指标", "履行宪法和法律赋予的职责", "=100%"))],
    "staff_satisfaction": lambda: [plus(("服务对象满意度指标", "机关干部满意度", "≥95%"))],
    "no_budget": lambda: [form_from_rows(GOOD_ROWS, total=None)],
    "not_checkable": lambda: [replace(form_from_rows(GOOD_ROWS, total=None), goals=[])],
    "project_without_indicators": lambda: [_project_money_without_rows()],
    "cost_not_money": lambda: [plus(("经济成本指标", "成本控制", "≤1市场价格"))],
    "timeliness_without_time": lambda: [plus(("时效指标", "农村环境整治覆盖率", "100%"))],
    "count_misfiled": lambda: [plus(("质量指标", "征兵宣传次数", "=2次"))],
    "past_tense_target": lambda: [plus(("数量指标", "已完成村级道路硬化12公里", "12公里"))],
    "other_township_name": _neighbour,
    "stock_phrase_inside": lambda: [plus(("数量指标", "保障日常办公正常运转天数", "≥250天"))],
    "target_contradicts_scoring": lambda: [_contradiction()],
    "outdated_term": lambda: [plus(("社会效益指标", "脱贫攻坚成果巩固率", "≥95%"))],
    "count_without_unit": lambda: [plus(("数量指标", "社会综合治理覆盖人数", "≥10000"))],
    "bundled_activities": lambda: [plus(("数量指标", "河长制巡查、汛期安全检查、灾情巡查次数", "≥12次"))],
    "near_duplicate_projects": lambda: [_with_projects(GOOD_ROWS[:6], GOOD_ROWS[:6])],
    "weights_not_100": lambda: [_weights(90)],
    "copied_rows": _copier,
    "generic_wording": _generic,
    "carried_over": _carried,
}


def codes_of(forms: list[Form]) -> set[str]:
    scores, _ = assess(forms)
    return {f.code for f in scores[-1].findings}


@pytest.mark.parametrize("code", sorted(FIRING))
def test_each_rule_fires_on_its_case(code: str) -> None:
    assert code in codes_of(FIRING[code]())


def test_a_good_form_among_others_raises_nothing() -> None:
    others = [form_from_rows(TEMPLATE_ROWS, unit=f"示例县{t}镇人民政府") for t in "乙丙"]
    scores, _ = assess([*others, good()])
    assert [f.code for f in scores[-1].findings] == []


def test_every_registered_rule_is_complete() -> None:
    assert set(FIRING) == set(RULES)
    for code, rule in RULES.items():
        assert rule.criterion in CRITERIA and rule.severity in ("high", "medium", "low"), code
        for prefix in ("finding", "advice"):
            zh, en = CATALOGUE[f"{prefix}.{code}"]
            assert zh.strip() and en.strip() and zh != en, (prefix, code)


# ---- the quiet side of the new signals, where a near miss is easy -------------------------
@pytest.mark.parametrize(
    "code, row",
    [
        ("pseudo_quantified", ("质量指标", "农村生活垃圾无害化处理率", "≥90%")),
        ("pseudo_quantified", ("经济效益指标", "村集体收入同比增长", "≥5%")),
        ("satisfaction_at_100", ("服务对象满意度指标", "村民满意度", "≥95%")),
        ("staff_satisfaction", ("服务对象满意度指标", "辖区群众满意度", "≥90%")),
        ("cost_not_money", ("经济成本指标", "道路硬化单位成本", "≤80元/平方米")),
        ("timeliness_without_time", ("时效指标", "资金拨付及时率", "100%")),
        ("timeliness_without_time", ("时效指标", "项目完工时间", "2024年10月底前")),
        ("count_misfiled", ("质量指标", "档案整理合格率", "≥95%")),
        ("past_tense_target", ("数量指标", "完成村级道路硬化里程", "≥12公里")),
        ("stock_phrase_inside", ("数量指标", "资金按时拨付", "≥1次")),
        ("outdated_term", ("社会效益指标", "巩固拓展脱贫成果同乡村振兴有效衔接", "≥95%")),
        ("count_without_unit", ("质量指标", "纠纷调解成功率", "≥98%")),
        ("bundled_activities", ("数量指标", "防汛、防火宣传次数", "≥4次")),
    ],
)
def test_a_near_miss_stays_quiet(code: str, row: tuple[str, str, str]) -> None:
    assert not RULES[code].check(plus(row))


def test_outdated_terms_lapse_with_the_year() -> None:
    row = ("社会效益指标", "脱贫攻坚成果巩固率", "≥95%")
    assert RULES["outdated_term"].check(form_from_rows([*GOOD_ROWS, row], year=2022))
    assert not RULES["outdated_term"].check(form_from_rows([*GOOD_ROWS, row], year=2021))


def test_not_checkable_names_each_missing_basis() -> None:
    narrative = form_from_rows(GOOD_ROWS)
    for indicator in narrative.indicators:
        indicator.value_raw, indicator.target, indicator.kind = None, None, None
    assert "适当" in RULES["not_checkable"].check(narrative)[0][0]
    assert "均无法核验" in RULES["not_checkable"].check(replace(narrative, indicators=[]))[0][0]
    assert not RULES["not_checkable"].check(replace(good(), goals=[]))  # the budget still ties it to money


def test_weights_that_add_up_stay_quiet() -> None:
    assert not RULES["weights_not_100"].check(_weights(100))


def test_another_township_of_another_county_is_not_flagged() -> None:
    other, mine = _neighbour()
    other.county = "别的县"
    assert "other_township_name" not in codes_of([other, mine])


def test_another_township_is_phrased_for_verification_and_quotes_the_row() -> None:
    scores, _ = assess(_neighbour())
    found = next(f for f in scores[-1].findings if f.code == "other_township_name")
    assert found.message.startswith("请核实") and "“乙镇村道路灯安装数量≥40盏”" in found.message


def test_pseudo_quantified_rows_do_not_count_as_measurable() -> None:
    form = plus(("质量指标", "日常办公正常运转", "=100%"))
    assert form.indicators[-1].seq not in genuinely_measurable(form, run_rules(form))
    assert form.indicators[-2].seq in genuinely_measurable(form, run_rules(form))
