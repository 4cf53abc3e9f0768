"""Clerks' habits: decorated labels, list markers, units in names, template slots, sub-items, run-in values."""

from __future__ import annotations

import pytest

from lib.model import Form, Indicator
from lib.readers import parse_bytes

FORM = "\n".join(
    [
        "2024年部门整体支出绩效目标表",
        "单位名称：修文县六屯镇人民政府",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产 出 指 标(50分)\t数量指标（20分）\t指标1：保障在职职工人数(人)\t４５",
        "\t\t指标2：培训人数(≥**人)\t≥50人",
        "\t\t其中：女性学员\t≥20人",
        "\t\t其中：贫困户学员\t≥10人",
        "\t\t新建公厕数量≥3座\t",
        "\t质量指标\t资金到位率\t不低于９５％",
        "\t\t验收合格率\t95%（≥**%）",
        "\t\t群众知晓率\t≥**%",
        "成本指标(0-20)分\t经济成本指标\t人均培训成本\t小于等于200元",
        "满意度指标\t服务对象满意度指标\t群众满意度\t95百分比",
    ]
)


@pytest.fixture(scope="module")
def form() -> Form:
    [read] = parse_bytes(FORM.encode("utf-8"), "habits.txt")
    return read


def row(form: Form, name: str) -> Indicator:
    [found] = [i for i in form.indicators if i.name == name]
    return found


def test_labels_with_spaces_and_scores(form: Form) -> None:
    staff = form.indicators[0]
    assert (staff.level1, staff.level1_inferred, staff.level2) == ("产出指标", False, "数量指标")
    assert row(form, "人均培训成本").level1 == "成本指标"


def test_list_marker_dropped_and_unit_taken_from_the_name(form: Form) -> None:
    staff = row(form, "保障在职职工人数(人)")
    assert (staff.value_raw, staff.operator, staff.target, staff.unit) == ("４５", "=", 45.0, "人")


def test_template_slot_stripped_from_a_name(form: Form) -> None:
    trained = row(form, "培训人数")
    assert (trained.target, trained.unit) == (50.0, "人")
    assert any(w.code == "placeholder" and "培训人数" in w.message for w in form.warnings)


def test_template_slot_beside_a_real_value(form: Form) -> None:
    passed = row(form, "验收合格率")
    assert (passed.value_raw, passed.target, passed.unit) == ("95%（≥**%）", 95.0, "%")
    assert any(w.code == "placeholder" and "验收合格率" in w.message for w in form.warnings)


def test_an_unfilled_value_stays_unfilled_and_is_warned(form: Form) -> None:
    known = row(form, "群众知晓率")
    assert (known.target, known.kind) == (None, None)
    assert any(w.code == "placeholder" and w.source_ref == known.source_ref for w in form.warnings)


def test_sub_items_point_to_their_parent(form: Form) -> None:
    parent = row(form, "培训人数")
    assert [row(form, n).parent_seq for n in ("其中：女性学员", "其中：贫困户学员")] == [
        parent.seq,
        parent.seq,
    ]
    assert row(form, "新建公厕数量").parent_seq is None


def test_a_value_run_into_the_name(form: Form) -> None:
    toilets = row(form, "新建公厕数量")
    assert (toilets.value_raw, toilets.operator, toilets.target, toilets.unit) == ("≥3座", "≥", 3.0, "座")


def test_operators_as_words_and_wide_characters(form: Form) -> None:
    funds = row(form, "资金到位率")
    assert (funds.operator, funds.target, funds.unit) == ("≥", 95.0, "%")
    cost = row(form, "人均培训成本")
    assert (cost.operator, cost.target, cost.unit) == ("≤", 200.0, "元")
    satisfaction = row(form, "群众满意度")
    assert (satisfaction.target, satisfaction.unit) == (95.0, "百分比")


def test_every_row_is_read_and_nothing_lost(form: Form) -> None:
    assert len(form.indicators) == 10
    assert form.unparsed == []
