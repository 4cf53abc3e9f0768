"""Tests for lib.normalize.dates: filling dates, years in text and the form's year."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.normalize.dates import parse_date, title_year, years_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("填报日期：2023.12.19", "2023-12-19"),
        ("填表日期：2025.12.14", "2025-12-14"),
        ("2023年12月19日", "2023-12-19"),
        ("2023-1-5", "2023-01-05"),
        ("2023/01/05", "2023-01-05"),
        ("填表日期：２０２３．１２．１９", "2023-12-19"),
        ("2023.13.40", None),
        ("2023.02.30", None),
        ("年 月 日", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text: str | None, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("目标2：做好2024年政府依法治理", [2024]),
        ("(2024年度)", [2024]),
        ("2026 年度", [2026]),
        ("2023年工作的总体思路；2022年村级垃圾清运；2023年", [2023, 2022, 2023]),
        ("12024年 1999年 2024", []),
        (None, []),
    ],
)
def test_years_in(text: str | None, expected: list[int]) -> None:
    assert years_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(2024年度)", 2024),
        ("2026 年度", 2026),
        ("**2024年部门整体支出绩效目标批复表**", 2024),
        ("（ 2021年度）", 2021),
        ("2022年村级垃圾清运（2023年度）", 2023),
        ("部门整体支出绩效目标批复表", None),
        (None, None),
    ],
)
def test_title_year(text: str | None, expected: int | None) -> None:
    assert title_year(text) == expected


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)),
    st.sampled_from(["{y}.{m}.{d}", "{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}", "填报日期：{y}.{m}.{d}"]),
)
def test_written_dates_parse_back(date: datetime.date, pattern: str) -> None:
    assert parse_date(pattern.format(y=date.year, m=date.month, d=date.day)) == date.isoformat()


@given(st.one_of(st.none(), st.text()))
def test_never_raises_and_years_are_plausible(text: str | None) -> None:
    parse_date(text)
    assert all(2000 <= year <= 2099 for year in years_in(text))
    year = title_year(text)
    assert year is None or 2000 <= year <= 2099
