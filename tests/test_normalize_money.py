"""Tests for lib.normalize.money: amounts, label units and the 元/万元 plausibility check."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.i18n import coded_text
from lib.normalize.money import MoneyReading, normalise_amounts, parse_amount, unit_from_label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2887.86941", (2887.86941, None)),
        ("资金总额：922.75万元", (922.75, "万元")),
        ("219800.00", (219800.0, None)),
        ("3,167,310.00元", (3167310.0, "元")),
        ("其中： 基本支出：922.75万元    ", (922.75, "万元")),
        ("１２３元", (123.0, "元")),
        ("0", (0.0, None)),
        ("2023年预算：100万元", (100.0, "万元")),
        ("", (None, None)),
        ("  ", (None, None)),
        ("无", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_amount(text: str | None, expected: tuple[float | None, str | None]) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("部门（单位）总体资金情况(元)：", "元"),
        ("（万元）", "万元"),
        ("年度预算申请\n（万元）", "万元"),
        ("单位：元", "元"),
        ("单位：万元", "万元"),
        ("金额单位: 万元", "万元"),
        ("资金总额：922.75万元", None),
        ("部门（单位）名称", None),
        ("", None),
        (None, None),
    ],
)
def test_unit_from_label(text: str | None, expected: str | None) -> None:
    assert unit_from_label(text) == expected


def test_seed_000_yuan_that_are_wan_are_flagged() -> None:
    values = {"total": 2887.86941, "basic": 1581.34671, "project": 1306.5227, "other": 0.0}
    reading = normalise_amounts(values, "元")
    assert reading.values_wan == values
    assert reading.unit_suspect
    assert reading.warning()["variant"] == "read_as_wan" and reading.warning()["stated"] == "元"
    said = coded_text("warning", "unit_suspect", reading.warning(), "zh")
    assert "表上写“元”" in said and "已按万元读取" in said


def test_seed_002_project_yuan_are_divided() -> None:
    reading = normalise_amounts({"budget": 219800.00, "largest": 1_200_000.00}, "元", scale="project")
    assert reading == MoneyReading({"budget": 21.98, "largest": 120.0}, False)


def test_seed_002_sum_has_no_float_noise() -> None:
    assert normalise_amounts({"sum": 3_167_310.00}, "元", "project").values_wan == {"sum": 316.731}


def test_seed_004_wan_kept() -> None:
    reading = normalise_amounts({"total": 922.75, "project": None}, "万元")
    assert reading == MoneyReading({"total": 922.75, "project": None}, False)


def test_wan_that_are_yuan_are_divided_and_flagged() -> None:
    reading = normalise_amounts({"total": 28_878_694.1}, "万元")
    assert reading.values_wan == {"total": 2887.86941}
    assert reading.unit_suspect and reading.warning("乙项目")["variant"] == "project_read_as_yuan"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"t": 28_878_694.1}, {"t": 2887.86941}),
        ({"t": 2887.86941}, {"t": 2887.86941}),
        ({"t": None}, {"t": None}),
    ],
)
def test_no_stated_unit_goes_by_size(
    values: dict[str, float | None], expected: dict[str, float | None]
) -> None:
    reading = normalise_amounts(values, None)
    assert reading.values_wan == expected and not reading.unit_suspect


def test_stated_unit_may_be_a_label() -> None:
    assert normalise_amounts({"t": 9_227_500.0}, "部门（单位）总体资金情况(元)：").values_wan == {"t": 922.75}


def test_unknown_scale_is_refused() -> None:
    with pytest.raises(ValueError):
        normalise_amounts({"t": 1.0}, "元", scale="country")


@given(st.one_of(st.none(), st.text()))
def test_parse_amount_never_raises(text: str | None) -> None:
    amount, unit = parse_amount(text)
    assert unit in (None, "元", "万元")
    assert amount is None or amount == amount


@given(
    st.dictionaries(st.text(max_size=5), st.one_of(st.none(), st.floats(0, 1e12)), max_size=5),
    st.sampled_from([None, "元", "万元"]),
    st.sampled_from(["unit", "project"]),
)
def test_normalise_amounts_keeps_keys_and_scales_uniformly(
    values: dict[str, float | None], stated: str | None, scale: str
) -> None:
    reading = normalise_amounts(values, stated, scale)
    assert reading.values_wan.keys() == values.keys()
    assert any(
        all(_close(reading.values_wan[k], v, factor) for k, v in values.items()) for factor in (1, 10_000)
    )
    assert bool(reading.warning()) == reading.unit_suspect


def _close(converted: float | None, given_value: float | None, factor: int) -> bool:
    if given_value is None:
        return converted is None
    return converted is not None and math.isclose(converted, given_value / factor, rel_tol=1e-9, abs_tol=1e-6)
