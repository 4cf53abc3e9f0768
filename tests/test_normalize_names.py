"""Tests for lib.normalize.names: unit names, codes, counties and townships."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.normalize.names import UnitName, looks_like_unit_name, split_unit_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("息烽县养龙司镇人民政府", UnitName("息烽县养龙司镇人民政府", None, "息烽县", "养龙司镇")),
        (
            "483001玉田县林南仓镇人民政府本级",
            UnitName("玉田县林南仓镇人民政府", "483001", "玉田县", "林南仓镇"),
        ),
        ("绥宁县河口苗族乡人民政府", UnitName("绥宁县河口苗族乡人民政府", None, "绥宁县", "河口苗族乡")),
        ("潢源县大华镇人民政府", UnitName("潢源县大华镇人民政府", None, "潢源县", "大华镇")),
        ("江铜麻黄在楠木坪镇人民政府", UnitName("江铜麻黄在楠木坪镇人民政府", None, None, "楠木坪镇")),
        ("杭州市余杭区良渚街道办事处", UnitName("杭州市余杭区良渚街道办事处", None, "余杭区", "良渚街道")),
        (
            "贵阳市息烽县养龙司镇人民政府",
            UnitName("贵阳市息烽县养龙司镇人民政府", None, "息烽县", "养龙司镇"),
        ),
        ("浏阳市大瑶镇人民政府", UnitName("浏阳市大瑶镇人民政府", None, "浏阳市", "大瑶镇")),
        ("沛县大屯镇人民政府", UnitName("沛县大屯镇人民政府", None, "沛县", "大屯镇")),
        ("息烽县新市镇人民政府", UnitName("息烽县新市镇人民政府", None, "息烽县", "新市镇")),
        (
            "城步苗族自治县儒林镇人民政府",
            UnitName("城步苗族自治县儒林镇人民政府", None, "城步苗族自治县", "儒林镇"),
        ),
        ("部门名称：息烽县养龙司镇人民政府", UnitName("息烽县养龙司镇人民政府", None, "息烽县", "养龙司镇")),
        (
            "填报单位（盖章）： 绥宁县河口苗族乡人民政府\u3000",
            UnitName("绥宁县河口苗族乡人民政府", None, "绥宁县", "河口苗族乡"),
        ),
        ("  息烽县养龙司镇人民政府（盖章）", UnitName("息烽县养龙司镇人民政府", None, "息烽县", "养龙司镇")),
        ("息烽县财政局", UnitName("息烽县财政局", None, None, None)),
        ("", UnitName(None, None, None, None)),
        (None, UnitName(None, None, None, None)),
    ],
)
def test_split_unit_name(text: str | None, expected: UnitName) -> None:
    assert split_unit_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("息烽县养龙司镇人民政府", True),
        ("483001玉田县林南仓镇人民政府本级", True),
        ("杭州市余杭区良渚街道办事处", True),
        ("部门名称：息烽县养龙司镇人民政府", True),
        ("中共息烽县养龙司镇委员会", True),
        ("部门名称", False),
        ("主管部门", False),
        ("承办县委、县政府", False),
        ("贯彻执行县委、县人民政府的决策；完成县人民政府", False),
        ("某" * 41 + "人民政府", False),
        ("", False),
    ],
)
def test_looks_like_unit_name(text: str, expected: bool) -> None:
    assert looks_like_unit_name(text) == expected


@given(st.one_of(st.none(), st.text()))
def test_split_unit_name_never_raises(text: str | None) -> None:
    name = split_unit_name(text)
    looks_like_unit_name(text or "")
    if name.township is not None:
        assert name.township.endswith(("镇", "乡", "街道", "苏木"))
        assert name.unit_name is not None and name.township in name.unit_name
    if name.county is not None:
        assert name.unit_name is not None and name.county in name.unit_name


@given(
    st.sampled_from(["息烽县", "玉田县", "余杭区", "浏阳市", "四子王旗"]),
    st.text(alphabet="林南仓养龙司大华河口", min_size=2, max_size=4),
    st.sampled_from(["镇", "乡", "街道"]),
    st.sampled_from(["人民政府", "办事处", ""]),
)
def test_county_and_township_are_found(county: str, stem: str, kind: str, suffix: str) -> None:
    name = split_unit_name(f"{county}{stem}{kind}{suffix}")
    assert (name.county, name.township) == (county, f"{stem}{kind}")
