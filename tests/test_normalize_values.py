"""Tests for lib.normalize.values: reading target values, operator cells and value-like cells."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.normalize.values import (
    EMPTY,
    REAL_UNITS,
    ParsedValue,
    is_real_unit,
    is_value_like,
    parse_operator,
    parse_value,
    render_value,
)


@pytest.mark.parametrize(
    ("raw", "operator", "implicit", "target", "unit"),
    [
        ("≥90%", "≥", False, 90.0, "%"),
        ("≧90%", "≥", False, 90.0, "%"),
        (">=90%", "≥", False, 90.0, "%"),
        ("＞９５％", ">", False, 95.0, "%"),
        (">95%", ">", False, 95.0, "%"),
        ("=60元", "=", False, 60.0, "元"),
        ("＝60元", "=", False, 60.0, "元"),
        ("≥1", "≥", False, 1.0, None),
        ("≥10000", "≥", False, 10000.0, None),
        ("100%", "=", True, 100.0, "%"),
        ("5000人/次", "=", True, 5000.0, "人/次"),
        ("8500平方米", "=", True, 8500.0, "平方米"),
        ("≥10,000份", "≥", False, 10000.0, "份"),
        ("≤613.70万元", "≤", False, 613.7, "万元"),
        ("≥ 90 ％", "≥", False, 90.0, "%"),
        ("-5%", "=", True, -5.0, "%"),
        ("大于等于90%", "≥", False, 90.0, "%"),
        ("不低于95%", "≥", False, 95.0, "%"),
        ("不超过10天", "≤", False, 10.0, "天"),
        ("小于5次", "<", False, 5.0, "次"),
        ("90%以上", "≥", False, 90.0, "%"),
        ("3个工作日内", "≤", False, 3.0, "个工作日"),
        ("≥90百分比", "≥", False, 90.0, "百分比"),
        ("≥12个村居", "≥", False, 12.0, "个村居"),
        ("12月", "=", True, 12.0, "月"),
    ],
)
def test_quantities(raw: str, operator: str, implicit: bool, target: float, unit: str | None) -> None:
    value = parse_value(raw)
    assert (value.operator, value.operator_implicit, value.target, value.unit, value.kind) == (
        operator,
        implicit,
        target,
        unit,
        "定量",
    )
    assert ("implicit_operator" in value.issues) == implicit
    assert "junk_unit" not in value.issues


@pytest.mark.parametrize(
    ("raw", "operator", "unit"),
    [
        ("≥90百分百", "≥", "百分百"),
        ("≥1往年", "≥", "往年"),
        ("≤1总吨数", "≤", "总吨数"),
        ("≥1清洁天数", "≥", "清洁天数"),
        ("≤1市场价格", "≤", "市场价格"),
        ("≥1合同规格", "≥", "合同规格"),
        ("≤1及时性", "≤", "及时性"),
    ],
)
def test_junk_units_are_kept_and_flagged(raw: str, operator: str, unit: str) -> None:
    value = parse_value(raw)
    assert (value.operator, value.unit, value.kind) == (operator, unit, "定量")
    assert value.issues == ("junk_unit",)


@pytest.mark.parametrize(
    ("raw", "operator", "unit"),
    [
        ("≥**人", "≥", "人"),
        ("≥**%", "≥", "%"),
        ("XX", None, None),
        ("**", None, None),
        ("目标内容1", None, None),
        ("指标1", None, None),
        ("≥XX%", "≥", "%"),
    ],
)
def test_placeholders(raw: str, operator: str | None, unit: str | None) -> None:
    assert parse_value(raw) == ParsedValue(operator, False, None, unit, None, ("placeholder",))


@pytest.mark.parametrize(
    ("raw", "vague"),
    [
        ("效果明显", False),
        ("优", False),
        ("及时", False),
        ("达标", False),
        ("按时完成", False),
        ("持续推动", True),
        ("稳步提升", True),
        ("进一步提高", True),
        ("明显改善", True),
        ("较往年提升", True),
        ("有所提高", True),
        ("持续提升", True),
        ("人大代表为全镇经济社会发展持续建言献策的积极性较往年提升。", True),
        ("各类政策落实、为民办实事等工作群众满意度100%", False),
    ],
)
def test_qualitative(raw: str, vague: bool) -> None:
    value = parse_value(raw)
    assert (value.operator, value.target, value.unit, value.kind) == ("定性", None, None, "定性")
    assert value.issues == (("qualitative", "vague") if vague else ("qualitative",))


@pytest.mark.parametrize(
    ("raw", "operator"),
    [
        ("2026年12月31日前", "≤"),
        ("12月31日前", "≤"),
        ("11月前", "≤"),
        ("2026年底前", "≤"),
        ("年底前", "≤"),
        ("2026-12-31", "="),
        ("12月底", "="),
        ("2026年12月31日之前完成", "≤"),
        ("≤2026年12月31日", "≤"),
    ],
)
def test_dates(raw: str, operator: str) -> None:
    assert parse_value(raw) == ParsedValue(operator, False, None, None, "时间", ())


@pytest.mark.parametrize(
    ("raw", "operator", "implicit", "unit"),
    [("90%-95%", "≥", True, "%"), ("≥90%且≤100%", "≥", False, "%"), ("90～95%", "≥", True, "%")],
)
def test_ranges_keep_the_first_bound(raw: str, operator: str, implicit: bool, unit: str) -> None:
    value = parse_value(raw)
    assert (value.operator, value.operator_implicit, value.target, value.unit) == (
        operator,
        implicit,
        90.0,
        unit,
    )
    assert value.issues == ("range",)


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000", "[bookmark: _GoBack]"])
def test_empty(raw: str | None) -> None:
    assert parse_value(raw) == EMPTY


def test_huge_numbers_do_not_crash() -> None:
    assert parse_value("≥1" + "0" * 30).target == 1e30
    overflow = parse_value("9" * 400)
    assert overflow.target is None and "overflow" in overflow.issues


@pytest.mark.parametrize(
    ("raw", "hint", "unit_hint", "expected"),
    [
        ("4", "=", "次", ParsedValue("=", False, 4.0, "次", "定量", ())),
        ("48", "≥", "次", ParsedValue("≥", False, 48.0, "次", "定量", ())),
        ("613.70", "≤", "万元", ParsedValue("≤", False, 613.7, "万元", "定量", ())),
        ("90", "大于等于", "%", ParsedValue("≥", False, 90.0, "%", "定量", ())),
        ("效果明显", "定性", None, ParsedValue("定性", False, None, None, "定性", ("qualitative",))),
        ("2026年12月31日前", "定性", None, ParsedValue("≤", False, None, None, "时间", ())),
        ("100%", "定性", None, ParsedValue("定性", False, None, None, "定性", ("qualitative",))),
        ("≥90%", "=", None, ParsedValue("=", False, 90.0, "%", "定量", ("operator_conflict",))),
        ("90%", "≥", "次", ParsedValue("≥", False, 90.0, "%", "定量", ())),
        ("1", "≥", "往年", ParsedValue("≥", False, 1.0, "往年", "定量", ("junk_unit",))),
        ("5", "not an operator", None, ParsedValue("=", True, 5.0, None, "定量", ("implicit_operator",))),
    ],
)
def test_hints(raw: str, hint: str | None, unit_hint: str | None, expected: ParsedValue) -> None:
    assert parse_value(raw, hint, unit_hint) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=", "="),
        ("＝", "="),
        ("≥", "≥"),
        (">=", "≥"),
        ("≧", "≥"),
        ("≤", "≤"),
        ("<=", "≤"),
        (">", ">"),
        ("<", "<"),
        ("定性", "定性"),
        ("大于等于", "≥"),
        ("小于等于", "≤"),
        ("等于", "="),
        ("大于", ">"),
        ("小于", "<"),
        (" ≥ ", "≥"),
        ("=60元", None),
        ("定量", None),
        ("", None),
        ("指标值类型", None),
    ],
)
def test_parse_operator(cell: str, expected: str | None) -> None:
    assert parse_operator(cell) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "≥10000份",
        "18个",
        "=60元",
        "≥1",
        "≧90%",
        "10%",
        "5000人/次",
        "≥**%",
        "2026年12月31日前",
        "效果明显",
        "持续推动",
        "优",
        "≥90百分百",
        "≥1往年",
        "4",
        "613.70",
        "90%以上",
        "12月底",
    ],
)
def test_value_like(cell: str) -> None:
    assert is_value_like(cell)


@pytest.mark.parametrize(
    "cell",
    [
        "26个村“两委”在职人数",
        "安全生产执法检查次数",
        "人大代表为全镇经济社会发展持续建言献策的积极性较往年提升。",
        "指标1:",
        "产出指标",
        "=",
        "定性",
        "",
        "12345热线满意度",
        "社会公众满意度",
        "工作完成时间",
        "3次，覆盖全镇",
    ],
)
def test_not_value_like(cell: str) -> None:
    assert not is_value_like(cell)


@pytest.mark.parametrize(
    ("unit", "real"),
    [
        ("次", True),
        ("人/次", True),
        ("万元/年", True),
        ("个村", True),
        ("万亩", True),
        ("KG", True),
        ("百分百", False),
        ("往年", False),
        ("总吨数", False),
        ("个村“两委”", False),
    ],
)
def test_is_real_unit(unit: str, real: bool) -> None:
    assert is_real_unit(unit) == real


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("≥613.70万元", "≥613.7万元"),
        ("100%", "=100%"),
        ("≥1", "≥1"),
        ("效果明显", "定性"),
        ("2026年底前", ""),
        ("", ""),
        ("≥**人", ""),
    ],
)
def test_render_value(raw: str, text: str) -> None:
    assert render_value(parse_value(raw)) == text


@given(st.text(), st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_parse_value_never_raises(raw: str, hint: str | None, unit_hint: str | None) -> None:
    value = parse_value(raw, hint, unit_hint)
    assert value.kind in (None, "定量", "定性", "时间")
    assert value.operator in (None, "≥", "≤", "=", ">", "<", "定性")
    assert value.target is None or math.isfinite(value.target)
    is_value_like(raw)
    render_value(value)


@given(
    st.sampled_from(["≥", "≤", "=", ">", "<"]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.one_of(st.none(), st.sampled_from(sorted(REAL_UNITS))),
)
def test_render_parses_back(operator: str, target: float, unit: str | None) -> None:
    value = parse_value(render_value(ParsedValue(operator, False, target, unit, "定量", ())))
    assert (value.operator, value.target, value.unit, value.kind) == (operator, target, unit, "定量")


@given(st.sampled_from(sorted(REAL_UNITS)), st.integers(min_value=0, max_value=10**9))
def test_a_bare_number_with_a_real_unit_is_implicit_equals(unit: str, number: int) -> None:
    value = parse_value(f"{number}{unit}")
    assert (value.operator, value.operator_implicit, value.target, value.unit) == ("=", True, number, unit)
