"""Each review rule on its own: it fires on the form it is about and stays quiet on a good one."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from quality_forms import GOOD_ROWS, TEMPLATE_ROWS, form_from_rows

from lib.i18n import CATALOGUE
from lib.model import Budget, Project
from lib.quality.engine import assess
from lib.quality.results import SEVERITIES
from lib.quality.rules import RULES
from lib.readers import parse_file
from lib.samples import sample_files

CJK = re.compile(r"[\u4e00-\u9fff]")


def hits(code: str, form) -> list[tuple[str, list[int]]]:
    return RULES[code].check(form)


@pytest.fixture
def good():
    return form_from_rows(GOOD_ROWS)


def test_every_rule_is_quiet_on_a_good_form(good) -> None:
    fired = {code: rule.check(good) for code, rule in RULES.items() if rule.scope == "form"}
    assert {code for code, found in fired.items() if found} == set()


def bad_forms(good) -> list:
    """The bundled samples, a template form, and one form for each rule the samples do not break."""
    rows = GOOD_ROWS + [
        ("质量指标", "档案整理合格率", "120%"),
        ("数量指标", "培训场次", "0场"),
        ("服务对象满意度指标", "村民满意度", "100%"),
        ("服务对象满意度指标", "企业满意度", "100%"),
    ]
    return [
        *(parse_file(path)[0] for path in sample_files()),
        form_from_rows(TEMPLATE_ROWS),
        form_from_rows([r for r in rows if r[0] != "服务对象满意度指标" or r[2] == "100%"]),
        replace(
            good,
            form_id="f" * 16,
            indicators=good.indicators[:2],
            budget=Budget("万元", 1000.0, 600.0, 300.0, 0.0),
        ),
        replace(
            good,
            form_id="p" * 16,
            projects=[Project(name="甲", budget=500.0), Project(name="乙", budget=300.0)],
        ),
    ]


def test_every_rule_has_a_chinese_message_and_known_severity(good) -> None:
    for code, rule in RULES.items():
        assert rule.severity in SEVERITIES, code
        zh, en = CATALOGUE[f"finding.{code}"]
        assert CJK.search(zh) and not CJK.search(en), code
    scores, _ = assess(bad_forms(good))
    messages: dict[str, list[str]] = {}
    for finding in (finding for score in scores for finding in score.findings):
        messages.setdefault(finding.code, []).append(finding.message)
    read = set(messages) & set(RULES)
    assert len(read) > len(RULES) / 2, f"only {sorted(read)} fired, so the other messages were never read"
    for code, said in messages.items():
        for message in said:
            assert CJK.search(message) and "。" in message, (code, message)  # a sentence in Chinese
            assert not re.search(r"\bNone\b|\bnan\b|[{}]", message), (code, message)


def test_missing_categories_by_year(good) -> None:
    outputs_only = replace(good, indicators=[i for i in good.indicators if i.level1 == "产出指标"])
    messages = " ".join(m for m, _ in hits("missing_category", outputs_only))
    assert "效益指标" in messages and "满意度指标" in messages and "成本指标" in messages
    older = replace(outputs_only, year=2021)
    assert "成本指标" not in " ".join(m for m, _ in hits("missing_category", older))


def test_fewer_than_three_and_too_few_for_money(good) -> None:
    assert hits("fewer_than_three", replace(good, indicators=good.indicators[:2]))
    rich = replace(good, budget=Budget("万元", 5000.0, 3000.0, 2000.0, 0.0))
    assert hits("too_few_for_money", rich)


def test_vague_and_qualitative_targets() -> None:
    form = form_from_rows(
        GOOD_ROWS + [("社会效益指标", "群众获得感", "明显提升"), ("社会效益指标", "治安状况", "效果明显")]
    )
    vague = hits("vague_target", form)
    qualitative = hits("qualitative_target", form)
    assert vague and len(GOOD_ROWS) + 1 in vague[0][1]
    assert qualitative and qualitative[0][1] == [len(GOOD_ROWS) + 2]


def test_numbers_glued_to_non_units_and_placeholders() -> None:
    form = form_from_rows(
        GOOD_ROWS + [("数量指标", "清运吨数", "≤1总吨数"), ("数量指标", "培训人数", "≥**人")]
    )
    assert hits("junk_unit", form)[0][1] == [len(GOOD_ROWS) + 1]
    assert hits("placeholder", form)[0][1] == [len(GOOD_ROWS) + 2]


def test_name_identical_to_description() -> None:
    rows = GOOD_ROWS[:3]
    form = form_from_rows(rows, descriptions=[rows[0][1], "说明文字", None])
    assert hits("name_is_description", form)[0][1] == [1]


def test_same_value_on_nearly_every_row() -> None:
    form = form_from_rows([(l2, f"{name}{n}", "≥90%") for n, (l2, name, _) in enumerate(GOOD_ROWS)])
    assert len(hits("same_value_everywhere", form)[0][1]) == len(GOOD_ROWS)


def test_repeated_rows() -> None:
    form = form_from_rows(GOOD_ROWS + [TEMPLATE_ROWS[0]] * 3)
    assert hits("repeated_rows", form)[0][1] == [13, 14, 15]


def test_percent_over_100_unless_growth() -> None:
    form = form_from_rows(
        GOOD_ROWS + [("质量指标", "档案整理合格率", "120%"), ("经济效益指标", "村集体收入增长", "150%")]
    )
    assert hits("percent_over_100", form)[0][1] == [len(GOOD_ROWS) + 1]


def test_satisfaction_at_100_on_any_row_and_on_every_row() -> None:
    rows = GOOD_ROWS + [("服务对象满意度指标", "村民满意度", "100%")]
    [(message, seqs)] = hits("satisfaction_at_100", form_from_rows(rows))
    assert seqs == [len(rows)] and "“村民满意度 100%”" in message
    all_100 = [r for r in rows if r[0] != "服务对象满意度指标"] + [
        ("服务对象满意度指标", "村民满意度", "100%"),
        ("服务对象满意度指标", "企业满意度", "100%"),
    ]
    assert "全部2个" in hits("satisfaction_at_100", form_from_rows(all_100))[0][0]


def test_zero_count_target() -> None:
    form = form_from_rows(GOOD_ROWS + [("数量指标", "培训场次", "0场")])
    assert hits("zero_count_target", form)[0][1] == [len(GOOD_ROWS) + 1]


def test_budget_arithmetic_and_money_unit(good) -> None:
    broken = replace(good, budget=Budget("万元", 1000.0, 600.0, 300.0, 0.0))
    assert "不符" in hits("budget_arithmetic", broken)[0][0]
    suspect = replace(good, budget=Budget("元", 2887.87, 1581.35, 1306.52, 0.0, unit_suspect=True))
    assert hits("money_unit_suspect", suspect)


def test_project_budgets_that_do_not_add_up(good) -> None:
    form = replace(good, projects=[Project(name="甲", budget=500.0), Project(name="乙", budget=300.0)])
    assert hits("project_budgets_mismatch", form)
    assert not hits("project_budgets_mismatch", replace(form, projects=[Project(name="甲", budget=1155.15)]))


def test_goal_without_indicator(good) -> None:
    form = replace(good, goals=good.goals + ["推进智慧城市数据中台建设与区块链应用"])
    found = hits("goal_without_indicator", form)
    assert len(found) == 1 and "区块链" in found[0][0]


def test_inputs_written_as_results() -> None:
    form = form_from_rows(
        GOOD_ROWS + [("数量指标", "发放补助资金", "≥9.31万元"), ("数量指标", "享受补贴的干部职工", "41人")]
    )
    assert hits("input_as_output", form)[0][1] == [len(GOOD_ROWS) + 1, len(GOOD_ROWS) + 2]


def test_satisfaction_standing_in_for_benefit() -> None:
    form = form_from_rows(GOOD_ROWS + [("社会效益指标", "群众对村容村貌满意度", "≥90%")])
    assert hits("satisfaction_as_benefit", form)[0][1] == [len(GOOD_ROWS) + 1]


def test_narrative_items_without_targets() -> None:
    form = form_from_rows(GOOD_ROWS)
    form.indicators[0].value_raw = None
    assert hits("no_target", form)[0][1] == [1]


def test_a_junk_unit_in_its_own_column_is_still_junk() -> None:
    form = form_from_rows(GOOD_ROWS + [("数量指标", "清运吨数", "90")])
    form.indicators[-1].unit = "百分百"  # as read from a 计量单位 column
    assert hits("junk_unit", form)[0][1] == [len(GOOD_ROWS) + 1]
