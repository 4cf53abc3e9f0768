"""Side-by-side comparison of two to four forms: headline figures and the four dimension scores.

The budget bars, the category radar and the aligned indicators reuse :mod:`lib.views.budget`,
:mod:`lib.views.structure` and :mod:`lib.views.align` on the chosen forms.
"""

from __future__ import annotations

import pandas as pd

from lib.i18n import display, t
from lib.quality.results import CRITERIA_WEIGHTED

HEADLINE_FIELDS = (
    "unit_name",
    "county",
    "place",
    "year",
    "form_kind",
    "stage",
    "budget_total",
    "budget_basic",
    "budget_project",
    "budget_other",
    "indicator_count",
    "score",
    "grade",
    "boilerplate_share",
)


def chosen(forms: pd.DataFrame, form_ids: list[str]) -> pd.DataFrame:
    """The chosen forms, in the order they were chosen (ids not in ``forms`` are dropped)."""
    by_id = forms.set_index("form_id", drop=False)
    return by_id.loc[[f for f in form_ids if f in by_id.index]].reset_index(drop=True)


def headline_table(forms: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per headline field (``field``, translated), one column per form (its label), values as text."""
    columns = {"field": [t(f"col.{field}", lang) for field in HEADLINE_FIELDS]}
    for name, (_, row) in zip(forms["label"], forms.iterrows(), strict=True):
        columns[name] = [display(field, row[field], lang) for field in HEADLINE_FIELDS]
    return pd.DataFrame(columns)


def dimension_frame(forms: pd.DataFrame) -> pd.DataFrame:
    """The weighted criteria scores and the total of each form, long: label, dimension, value."""
    columns = [*CRITERIA_WEIGHTED, "score"]
    long = forms.melt(
        id_vars=["form_id", "label"], value_vars=columns, var_name="dimension", value_name="value"
    )
    return long.dropna(subset=["value"]).reset_index(drop=True)
