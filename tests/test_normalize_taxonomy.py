"""Tests for lib.normalize.taxonomy: level-1/level-2 labels and level-1 inference."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.normalize.taxonomy import LEVEL1, LEVEL2, infer_level1, normalize_level1, normalize_level2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("产出指标", "产出指标"),
        ("产 出 指 标", "产出指标"),
        ("产出指标(50分)", "产出指标"),
        ("产出指标（50分）", "产出指标"),
        ("成本指标(0-20)分", "成本指标"),
        ("产出指标（数量、质量、成本、时间、其他）：", "产出指标"),
        ("效益指标（经济效益、社会效益、生态效益、可持续影响、满意度）：", "效益指标"),
        ("效益指标：", "效益指标"),
        ("一、产出指标", "产出指标"),
        ("满意度", "满意度指标"),
        ("满意度指标", "满意度指标"),
        ("效果指标", "效益指标"),
        ("成本指标", "成本指标"),
        ("数量指标", None),
        ("社会公众满意度", None),
        ("工作完成时间", None),
        ("一级指标", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_level1(text: str | None, expected: str | None) -> None:
    assert normalize_level1(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("数量", "数量指标"),
        ("数量指标", "数量指标"),
        ("质 量 指 标：", "质量指标"),
        ("时间指标", "时效指标"),
        ("时效", "时效指标"),
        ("社会效益", "社会效益指标"),
        ("经济效益指标(10分)", "经济效益指标"),
        ("可持续影响", "可持续影响指标"),
        ("生态环境成本", "生态环境成本指标"),
        ("服务对象满意度", "服务对象满意度指标"),
        ("服务对象满意度指标", "服务对象满意度指标"),
        ("社会公众或服务对象满意度指标：", "服务对象满意度指标"),
        ("社会公众满意度指标", "服务对象满意度指标"),
        ("成本指标", "成本指标"),
        ("社会公众满意度", None),
        ("工作完成时间", None),
        ("产出指标", None),
        ("满意度", None),
        ("二级指标", None),
        (None, None),
    ],
)
def test_normalize_level2(text: str | None, expected: str | None) -> None:
    assert normalize_level2(text) == expected


@pytest.mark.parametrize(
    ("level2", "expected"),
    [
        ("数量指标", "产出指标"),
        ("质量", "产出指标"),
        ("时效指标", "产出指标"),
        ("经济效益指标", "效益指标"),
        ("社会效益", "效益指标"),
        ("生态效益指标", "效益指标"),
        ("可持续影响指标", "效益指标"),
        ("服务对象满意度指标", "满意度指标"),
        ("经济成本指标", "成本指标"),
        ("社会成本指标", "成本指标"),
        ("生态环境成本指标", "成本指标"),
        ("成本指标", "成本指标"),
        ("社会公众满意度", None),
        ("", None),
        (None, None),
    ],
)
def test_infer_level1(level2: str | None, expected: str | None) -> None:
    assert infer_level1(level2) == expected


def test_every_official_name_maps_to_itself() -> None:
    assert all(normalize_level1(name) == name for name in LEVEL1)
    assert all(normalize_level2(name) == name for name in LEVEL2)
    assert all(infer_level1(name) in LEVEL1 for name in LEVEL2)


@given(st.one_of(st.none(), st.text()))
def test_results_are_official_names(text: str | None) -> None:
    assert normalize_level1(text) in (None, *LEVEL1)
    assert normalize_level2(text) in (None, *LEVEL2)
    assert infer_level1(text) in (None, *LEVEL1)


@given(st.sampled_from(LEVEL2), st.integers(min_value=0, max_value=100))
def test_decorations_do_not_change_the_label(name: str, score: int) -> None:
    spaced = " ".join(name)
    assert normalize_level2(f"{spaced}（{score}分）：") == name
