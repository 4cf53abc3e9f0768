"""Dates and years on the forms: the filling date, the years a text speaks of, the form's year."""

from __future__ import annotations

import datetime
import re
from collections import Counter

from lib.normalize.text import clean_cell, to_halfwidth

_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[年./\-]\s*(?P<m>\d{1,2})\s*[月./\-]\s*(?P<d>\d{1,2})(?!\d)"
)
_YEAR = re.compile(r"(?<!\d)(?P<y>20\d{2})\s*年")
_YEAR_OF_FORM = re.compile(r"(?<!\d)(?P<y>20\d{2})\s*年度")


def parse_date(text: str | None) -> str | None:
    """The first valid date in the text as YYYY-MM-DD (2023.12.19, 2023年12月19日, 2023-1-5)."""
    for match in _DATE.finditer(_fold(text)):
        try:
            return datetime.date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
        except ValueError:
            continue
    return None


def years_in(text: str | None) -> list[int]:
    """Every year 2000–2099 written as 20XX年 (or 20XX 年度), in order of appearance, repeats kept."""
    return [int(match["y"]) for match in _YEAR.finditer(_fold(text))]


def title_year(text: str | None) -> int | None:
    """The form's year from a title or 年度 field: the first 20XX年度, else the first 20XX年."""
    folded = _fold(text)
    match = _YEAR_OF_FORM.search(folded) or _YEAR.search(folded)
    return int(match["y"]) if match else None


def common_year(texts: list[str]) -> int | None:
    """The year the texts speak of most often (a form's goals name its year), or None."""
    counts = Counter(year for text in texts for year in years_in(text))
    return counts.most_common(1)[0][0] if counts else None


def _fold(text: str | None) -> str:
    return to_halfwidth(clean_cell(text or ""))
