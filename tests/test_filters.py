"""The shared selection: applied to forms, and round-tripped through the URL."""

from __future__ import annotations

import pandas as pd

from lib.filters import Filters


def test_a_selection_keeps_only_matching_forms() -> None:
    forms = pd.DataFrame(
        {
            "year": [2023, 2024, 2024],
            "county": ["甲县", "甲县", "乙县"],
            "form_kind": ["department"] * 3,
            "stage": ["批复", None, "申报"],
            "grade": ["差", "良", "优"],
        }
    )
    kept = Filters(year=(2024,), county=("甲县",)).apply(forms)
    assert kept.index.tolist() == [1]
    assert len(Filters().apply(forms)) == 3


def test_the_url_round_trip() -> None:
    chosen = Filters(year=(2024, 2023), grade=("差",))
    assert chosen.to_query() == {"year": "2024,2023", "grade": "差"}
    assert Filters.from_query(chosen.to_query()) == chosen
    assert Filters.from_query({"year": "20x4,2024", "county": ["甲县", "乙县"]}) == Filters(
        year=(2024,), county=("甲县", "乙县")
    )
