"""Every fact of FACTS.md about the five bundled real forms, read through the public entry point."""

from __future__ import annotations

from collections import Counter

import pytest

from lib.model import Form, Indicator
from lib.readers import parse_file
from lib.samples import sample_file


def read(stem: str) -> Form:
    [form] = parse_file(sample_file(stem))
    return form


@pytest.fixture(scope="module")
def seed000() -> Form:
    return read("000")


@pytest.fixture(scope="module")
def seed001() -> Form:
    return read("001")


@pytest.fixture(scope="module")
def seed002() -> Form:
    return read("002")


@pytest.fixture(scope="module")
def seed003() -> Form:
    return read("003")


@pytest.fixture(scope="module")
def seed004() -> Form:
    return read("004")


def by_name(form: Form, name: str) -> Indicator:
    matches = [i for i in form.indicators if i.name == name]
    assert len(matches) == 1, f"{name!r}: {len(matches)} matches"
    return matches[0]


def warning_codes(form: Form) -> Counter[str]:
    return Counter(w.code for w in form.warnings)


# ---- 000 养龙司镇: one cell per line ---------------------------------------------------------
def test_000_identity(seed000: Form) -> None:
    assert seed000.unit_name == "息烽县养龙司镇人民政府"
    assert (seed000.county, seed000.township) == ("息烽县", "养龙司镇")
    assert seed000.year == 2024
    assert seed000.filled_on == "2023-12-19"
    assert seed000.stage == "批复"
    assert seed000.form_kind == "department"
    assert seed000.layout == "cell-per-line"


def test_000_budget_is_wan_and_flagged(seed000: Form) -> None:
    budget = seed000.budget
    assert budget.unit_raw == "元"
    assert budget.total == pytest.approx(2887.86941)
    assert budget.basic == pytest.approx(1581.34671)
    assert budget.project == pytest.approx(1306.5227)
    assert budget.other == 0
    assert budget.unit_suspect is True
    assert "unit_suspect" in warning_codes(seed000)
    assert budget.basic + budget.project + budget.other == pytest.approx(budget.total)


def test_000_goals_and_subgoals(seed000: Form) -> None:
    assert len(seed000.goals) == 7
    assert len(seed000.subgoals) == 8
    assert seed000.subgoals[0].startswith("完成所辖区域动物防疫")


def test_000_indicators(seed000: Form) -> None:
    indicators = seed000.indicators
    assert len(indicators) == 35
    assert Counter(i.level2 for i in indicators) == {"数量指标": 20, "质量指标": 14, "时效指标": 1}
    assert all(i.level1 == "产出指标" and i.level1_inferred for i in indicators)


def test_000_examples(seed000: Form) -> None:
    inspection = by_name(seed000, "安全生产执法检查次数")
    assert (inspection.operator, inspection.target, inspection.unit) == ("≥", 200, "次")
    assert inspection.description == "对辖区所有企业开展安全生产执法检查，每月至少检查17家。"
    sweeping = by_name(seed000, "清扫面积")
    assert (sweeping.operator, sweeping.target, sweeping.unit) == ("=", 8500, "平方米")
    assert sweeping.operator_implicit is True
    assert any(
        w.code == "implicit_operator" and w.source_ref == sweeping.source_ref for w in seed000.warnings
    )
    mediation = by_name(seed000, "纠纷调解成功率")
    assert (mediation.operator, mediation.target, mediation.unit) == ("≥", 98, "%")
    training = by_name(seed000, "人民调解员培训人数")
    assert (training.operator, training.target, training.unit) == ("=", 20, "人")


def test_000_bookmark_artefact_stripped(seed000: Form) -> None:
    coverage = by_name(seed000, "禁毒宣传、法治宣传等宣传覆盖率")
    assert coverage.target == 100
    assert not any("bookmark" in (i.name or "") for i in seed000.indicators)


# ---- 001 大华镇: tab rows with shifting merged cells ---------------------------------------
def test_001_identity(seed001: Form) -> None:
    assert seed001.unit_name == "潢源县大华镇人民政府"
    assert (seed001.county, seed001.township) == ("潢源县", "大华镇")
    assert seed001.year == 2024
    assert seed001.stage == "批复"
    assert seed001.layout == "tab-rows"


def test_001_has_no_budget(seed001: Form) -> None:
    budget = seed001.budget
    assert (budget.total, budget.basic, budget.project, budget.other) == (None, None, None, None)


def test_001_goals_and_indicators(seed001: Form) -> None:
    assert len(seed001.goals) == 3
    assert len(seed001.indicators) == 49
    assert not any("<p>" in text for text in seed001.functions + seed001.goals)


@pytest.mark.parametrize(
    ("name", "operator", "target", "unit", "implicit"),
    [
        ("享受人大补助", "=", 60, "元", False),
        ("人代会召开次数", "≥", 1, None, False),
        ("食品卫生安全", "≥", 90, "%", False),
        ("辖区群众对社会综合治理工作满意度", ">", 95, "%", False),
        ("文体活动参加人数", "=", 5000, "人/次", True),
        ("举办各类文体活动", "=", 24, "场", True),
    ],
)
def test_001_operator_spellings(seed001: Form, name, operator, target, unit, implicit) -> None:
    indicator = by_name(seed001, name)
    assert (indicator.operator, indicator.target, indicator.unit) == (operator, target, unit)
    assert indicator.operator_implicit is implicit


def test_001_levels_follow_the_row_above(seed001: Form) -> None:
    assert by_name(seed001, "享受人大补助").level2 == "数量指标"
    assert by_name(seed001, "人代会召开次数").level1 == "产出指标"
    assert by_name(seed001, "干部多食堂保障的满意度").level1 == "满意度指标"
    assert by_name(seed001, "干部多食堂保障的满意度").level2 == "服务对象满意度指标"
    assert all(i.level1 is not None for i in seed001.indicators)


def test_001_function_groups(seed001: Form) -> None:
    assert by_name(seed001, "享受人大补助").group.startswith("职能1")
    assert by_name(seed001, "开展党日活动次数").group.startswith("职能2")
    assert by_name(seed001, "文体活动参加人数").group.startswith("职能4")


# ---- 002 林南仓镇: department table then 14 project tables -------------------------------
def test_002_identity(seed002: Form) -> None:
    assert seed002.unit_name == "玉田县林南仓镇人民政府"
    assert seed002.unit_code == "483001"
    assert (seed002.county, seed002.township) == ("玉田县", "林南仓镇")
    assert seed002.year == 2023
    assert seed002.form_kind == "department"


def test_002_department_rows(seed002: Form) -> None:
    department = [i for i in seed002.indicators if i.project is None]
    assert len(department) == 31
    assert all(
        i.value_raw == ">=90%" and (i.operator, i.target, i.unit) == ("≥", 90, "%") for i in department
    )
    assert all(i.scoring == "优" for i in department)
    assert not any(i.name.startswith("绩效目标") for i in department)
    assert by_name(seed002, "保障林业顺利开展").group == "林业"


def test_002_projects(seed002: Form) -> None:
    projects = seed002.projects
    assert len(projects) == 14
    assert all(p.code and p.code.startswith("13022923P") for p in projects)
    assert sum(p.budget for p in projects) == pytest.approx(316.731)
    largest = max(projects, key=lambda p: p.budget)
    assert largest.name == "冀财预【2022】85号林南仓东六村革命老区道路建设"
    assert largest.budget == pytest.approx(120.0)


def test_002_project_indicators(seed002: Form) -> None:
    project_rows = [i for i in seed002.indicators if i.project is not None]
    assert len(project_rows) == 126
    assert len(seed002.indicators) == 157
    per_project = Counter(i.project for i in project_rows)
    assert set(per_project.values()) == {9}
    assert {i.level1 for i in project_rows} == {"产出指标", "效益指标", "满意度指标"}
    assert {i.level2 for i in project_rows} == {
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
    }
    assert all(i.name and i.description and i.basis for i in project_rows)


def test_002_template_tables(seed002: Form) -> None:
    by_project: dict[str, list[Indicator]] = {}
    for indicator in seed002.indicators:
        if indicator.project:
            by_project.setdefault(indicator.project, []).append(indicator)
    templated = [rows for rows in by_project.values() if all(i.value_raw == "≥90百分百" for i in rows)]
    assert len(templated) == 12
    assert all(i.basis == "预算安排" for rows in templated for i in rows)
    echoing = [rows for rows in templated if all(i.name == i.description for i in rows)]
    assert len(echoing) == 11


def test_002_junk_units_kept_and_flagged(seed002: Form) -> None:
    tonnage = next(i for i in seed002.indicators if i.value_raw == "≤1总吨数")
    assert (tonnage.operator, tonnage.target, tonnage.unit) == ("≤", 1, "总吨数")
    junk = {w.source_ref for w in seed002.warnings if w.code == "junk_unit"}
    for raw in ("≤1总吨数", "≥1清洁天数", "≤1市场价格", "≥1往年", "≥90百分百"):
        rows = [i for i in seed002.indicators if i.value_raw == raw]
        assert rows and all(i.source_ref in junk for i in rows), raw


# ---- 003 楠木坪镇: tab rows with an operator column ---------------------------------------
def test_003_identity(seed003: Form) -> None:
    assert seed003.unit_name == "江铜麻黄在楠木坪镇人民政府"
    assert seed003.year == 2026
    assert seed003.filled_on == "2025-12-14"
    assert seed003.budget.total is None and seed003.budget.basic is None


def test_003_indicator_mix(seed003: Form) -> None:
    indicators = seed003.indicators
    assert len(indicators) == 18
    assert Counter(i.level1 for i in indicators) == {
        "产出指标": 10,
        "效益指标": 6,
        "满意度指标": 1,
        "成本指标": 1,
    }
    output = Counter(i.level2 for i in indicators if i.level1 == "产出指标")
    assert output == {"数量指标": 5, "质量指标": 3, "时效指标": 2}
    assert all(i.scoring for i in indicators)


def test_003_values(seed003: Form) -> None:
    patrol = by_name(seed003, "农村道路安全巡查劝导")
    assert (patrol.operator, patrol.target, patrol.unit, patrol.operator_implicit) == ("≥", 48, "次", False)
    satisfaction = by_name(seed003, "社会公众满意度")
    assert (satisfaction.operator, satisfaction.target, satisfaction.unit) == ("≥", 90, "%")
    cost = by_name(seed003, "单位整体支出")
    assert (cost.level1, cost.operator, cost.target, cost.unit) == ("成本指标", "≤", 613.70, "万元")
    assert (
        by_name(seed003, "党风廉政建设宣传").scoring == "达到计划值得2分，否则按实际值/计划值*指标分值计分。"
    )


def test_003_qualitative_and_date_targets(seed003: Form) -> None:
    kinds = Counter(i.kind for i in seed003.indicators)
    assert kinds["定性"] >= 4 and kinds["时间"] == 1
    dated = next(i for i in seed003.indicators if i.kind == "时间")
    assert dated.value_raw == "2026年12月31日前" and dated.target is None
    vague = [i for i in seed003.indicators if i.value_raw in ("效果明显", "持续推动")]
    assert len(vague) == 5 and all(i.operator == "定性" and i.target is None for i in vague)


# ---- 004 河口苗族乡: narrative indicators ---------------------------------------------------
def test_004_identity(seed004: Form) -> None:
    assert seed004.unit_name == "绥宁县河口苗族乡人民政府"
    assert (seed004.county, seed004.township) == ("绥宁县", "河口苗族乡")
    assert seed004.year == 2021
    assert seed004.stage == "申报"
    assert "narrative" in seed004.layout


def test_004_budget(seed004: Form) -> None:
    budget = seed004.budget
    assert budget.unit_raw == "万元"
    assert (budget.total, budget.basic, budget.project) == (922.75, 922.75, None)
    assert budget.sources == {"公共财政拨款": 922.75}
    assert budget.unit_suspect is False


def test_004_narrative_items(seed004: Form) -> None:
    indicators = seed004.indicators
    assert len(indicators) == 70
    assert Counter(i.level1 for i in indicators) == {"产出指标": 35, "效益指标": 32, "满意度指标": 3}
    satisfaction = [i for i in indicators if i.level1 == "满意度指标"]
    assert all(i.level2 == "服务对象满意度指标" for i in satisfaction)
    assert len(seed004.goals) == 9
    assert len({i.group for i in indicators}) == 9
    assert all(i.value_raw is None and i.target is None for i in indicators)
    assert sum(w.code == "taxonomy_remapped" for w in seed004.warnings) == 3
