"""The flat export budget systems write: one row per indicator, several units and projects per file."""

from __future__ import annotations

import hashlib

import pytest
from fixtures_office import FLAT_ORDER, comparable, flat_csv, flat_xlsx

from lib.model import Form
from lib.readers import parse_bytes


def by_unit(forms: list[Form]) -> dict[str, Form]:
    return {form.unit_name: form for form in forms}


@pytest.fixture(scope="module")
def xlsx_forms() -> list[Form]:
    return parse_bytes(flat_xlsx(), "export.xlsx")


def test_one_form_per_unit_with_its_projects(xlsx_forms: list[Form]) -> None:
    forms = by_unit(xlsx_forms)
    assert list(forms) == ["修文县六屯镇人民政府", "开阳县南龙乡人民政府"]
    liutun, nanlong = forms.values()
    assert (liutun.county, liutun.township, liutun.year) == ("修文县", "六屯镇", 2024)
    assert [(p.name, p.budget, p.goal) for p in liutun.projects] == [
        ("村道维护", 120.0, "2024年维护村道20公里"),
        ("垃圾清运", 80.0, "2024年清运垃圾5000吨"),
    ]
    assert [p.name for p in nanlong.projects] == ["安全饮水"]
    assert [len(f.indicators) for f in (liutun, nanlong)] == [6, 2]
    assert all(
        f.form_kind == "project" and f.layout == "flat-table" and f.format == "xlsx" for f in xlsx_forms
    )


def test_each_unit_has_a_stable_distinct_id(xlsx_forms: list[Form]) -> None:
    data = flat_xlsx()
    expected = {
        f.unit_name: hashlib.sha256(data + b"\0" + f.unit_name.encode()).hexdigest()[:16] for f in xlsx_forms
    }
    assert {f.unit_name: f.form_id for f in xlsx_forms} == expected
    assert len(set(expected.values())) == 2
    assert [f.form_id for f in parse_bytes(data, "again.xlsx")] == [f.form_id for f in xlsx_forms]


def test_columns_are_read_by_title_whatever_their_order(xlsx_forms: list[Form]) -> None:
    liutun = by_unit(xlsx_forms)["修文县六屯镇人民政府"]
    road = liutun.indicators[0]
    assert (road.project, road.level1, road.level2, road.name) == (
        "村道维护",
        "产出指标",
        "数量指标",
        "维护村道里程",
    )
    assert (road.operator, road.target, road.unit, road.weight, road.direction) == (
        "≥",
        20.0,
        "公里",
        30.0,
        "正向",
    )
    cost = liutun.indicators[5]
    assert (cost.level1, cost.operator, cost.target, cost.unit, cost.direction) == (
        "成本指标",
        "≤",
        80.0,
        "万元",
        "反向",
    )


def test_merged_labels_continue_down(xlsx_forms: list[Form]) -> None:
    liutun = by_unit(xlsx_forms)["修文县六屯镇人民政府"]
    rate = liutun.indicators[1]
    assert (rate.project, rate.level1, rate.level2) == ("村道维护", "产出指标", "质量指标")


def test_a_percentage_cell_reads_as_written(xlsx_forms: list[Form]) -> None:
    rate = by_unit(xlsx_forms)["修文县六屯镇人民政府"].indicators[1]
    assert (rate.value_raw, rate.target, rate.unit) == ("95%", 95.0, "%")


def test_sub_item_is_linked_to_its_parent(xlsx_forms: list[Form]) -> None:
    liutun = by_unit(xlsx_forms)["修文县六屯镇人民政府"]
    burned = next(i for i in liutun.indicators if i.name == "其中：焚烧处理量")
    parent = next(i for i in liutun.indicators if i.name == "垃圾清运量")
    assert burned.parent_seq == parent.seq
    assert all(i.parent_seq is None for i in liutun.indicators if i is not burned)


def test_nothing_is_lost(xlsx_forms: list[Form]) -> None:
    for form in xlsx_forms:
        assert form.unparsed == []
        assert [e.text for e in form.extra] == ["2024年度项目支出绩效目标表"]


@pytest.mark.parametrize(("encoding", "separator"), [("gb18030", ","), ("utf-8-sig", "|"), ("utf-16", ",")])
def test_text_exports_read_like_the_workbook(encoding: str, separator: str, xlsx_forms: list[Form]) -> None:
    forms = parse_bytes(flat_csv(separator=separator).encode(encoding), "export.csv")
    assert [f.format for f in forms] == ["csv", "csv"]
    expected = {f.unit_name: [(i.name, i.target, i.unit) for i in f.indicators] for f in xlsx_forms}
    got = {f.unit_name: [(i.name, i.target, i.unit) for i in f.indicators] for f in forms}
    got["修文县六屯镇人民政府"][1] = (got["修文县六屯镇人民政府"][1][0], 95.0, "%")  # the text says 95 and %
    assert got == expected
    assert all(form.unparsed == [] for form in forms)


def test_a_different_column_order_gives_the_same_forms() -> None:
    natural = parse_bytes(flat_csv(order=sorted(FLAT_ORDER)).encode("utf-8"), "natural.csv")
    shuffled = parse_bytes(flat_csv().encode("utf-8"), "shuffled.csv")
    assert [comparable(f.to_dict()) for f in natural] == [comparable(f.to_dict()) for f in shuffled]
    assert len(natural) == 2
