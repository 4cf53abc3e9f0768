"""Tests for lib.normalize.text: cell clean-up, width folding and match keys."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.normalize.text import clean_cell, match_key, to_halfwidth


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[bookmark: _GoBack]宣传覆盖率", "宣传覆盖率"),
        ("[bookmark: _Toc_2_2_0000000001]一、总体绩效目标", "一、总体绩效目标"),
        ("<p>主要职能:</p> <p>(一) 党政综合办公室。</p>", "主要职能:\n(一) 党政综合办公室。"),
        ("<p>目标1</p><p>目标2</p>", "目标1\n目标2"),
        ('<p class="x">正文</p>', "正文"),
        ("第一行<br>第二行<br/>第三行", "第一行\n第二行\n第三行"),
        ("**2024年部门整体支出绩效目标批复表**  ", "2024年部门整体支出绩效目标批复表"),
        ("部门\u3000名称\u00a0 ：", "部门 名称 ："),
        ("  a \t\t b  \n\n   \n c  ", "a b\nc"),
        ("其中：   公共财政拨款：922.75万元", "其中： 公共财政拨款：922.75万元"),
        ("“安全生产月”宣传、横幅；", "“安全生产月”宣传、横幅；"),
        ("", ""),
        ("  \n \t ", ""),
        # whitespace other than one plain space is tidied too (the quick check for a clean cell)
        ("第一行\u2028第二行\x85第三行", "第一行\n第二行\n第三行"),
        ("部门\u2003名称\t单位", "部门 名称 单位"),
        ("保障人数 ≥ 50人", "保障人数 ≥ 50人"),
    ],
)
def test_clean_cell(raw: str, expected: str) -> None:
    assert clean_cell(raw) == expected


@pytest.mark.parametrize("placeholder", ["≥**%", "≥**人", "**", "≥**%且≤**%"])
def test_clean_cell_keeps_placeholder_stars(placeholder: str) -> None:
    assert clean_cell(placeholder) == placeholder


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２３", "123"),
        ("％", "%"),
        ("＞＜＝", "><="),
        ("（万元）", "(万元)"),
        ("\u3000", " "),
        ("、。“”", "、。“”"),
        ("≥≤", "≥≤"),
    ],
)
def test_to_halfwidth(raw: str, expected: str) -> None:
    assert to_halfwidth(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“安全生产月”宣传标语横幅", "安全生产月宣传标语横幅"),
        ("产 出 指 标（50分）：", "产出指标50分"),
        ("ABC、def。", "abcdef"),
        ("≥９０％", "≥90%"),
        ("《组织法》…·—！？【】‘’", "组织法"),
        ("[bookmark: _GoBack]a b", "ab"),
        ("服務對象滿意度", "服务对象满意度"),  # a name in traditional characters keys as its simplified twin
    ],
)
def test_match_key(raw: str, expected: str) -> None:
    assert match_key(raw) == expected


@given(st.text())
def test_clean_cell_is_tidy(text: str) -> None:
    cleaned = clean_cell(text)
    assert cleaned == cleaned.strip()
    assert "\u3000" not in cleaned and "\u00a0" not in cleaned
    assert all(line and line == line.strip() for line in cleaned.split("\n")) or cleaned == ""


@given(st.text())
def test_to_halfwidth_leaves_no_fullwidth_ascii(text: str) -> None:
    folded = to_halfwidth(text)
    assert len(folded) == len(text)
    assert not any(0xFF01 <= ord(c) <= 0xFF5E or c == "\u3000" for c in folded)


@given(st.text())
def test_match_key_has_no_whitespace_or_punctuation(text: str) -> None:
    key = match_key(text)
    assert all(c.isalnum() or c in "%≥≤=><" for c in key)
    assert match_key(key) == key
