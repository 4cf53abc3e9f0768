"""The overview: headline figures, the rows behind each, the ranking and the commonest findings."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.views.data import among, scored

FIGURES = ("forms", "townships", "years", "budget_total", "median_score", "flagged_high")
RANKING_COLUMNS = [
    "rank",
    "label",
    "county",
    "unit_name",
    "year",
    "form_kind",
    "stage",
    "score",
    "grade",
    "boilerplate_share",
    "indicator_count",
    "budget_total",
    "form_id",
]


@dataclass(frozen=True)
class Headline:
    """The figures at the top of the overview, for the selected forms."""

    forms: int
    townships: int
    years: int
    budget_total: float
    median_score: float | None
    flagged_high: int


def headline(forms: pd.DataFrame, findings: pd.DataFrame) -> Headline:
    """Counts, total budget (万元), median score and the forms with a high-severity finding."""
    scores = forms["score"].dropna()
    return Headline(
        forms=len(forms),
        townships=int(forms["place"].nunique()),
        years=int(forms["year"].nunique()),
        budget_total=round(float(forms["budget_total"].sum()), 2),
        median_score=round(float(scores.median()), 1) if len(scores) else None,
        flagged_high=len(_high_findings(forms, findings)["form_id"].unique()),
    )


def _high_findings(forms: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    return findings[(findings["severity"] == "high") & among(findings["form_id"], forms["form_id"])]


def ranking(forms: pd.DataFrame, worst_first: bool = True) -> pd.DataFrame:
    """Forms numbered by standing (名次 1 is the best score), worst first unless asked; unscored forms last, without a rank."""
    best = forms.sort_values(["score", "label"], ascending=[False, True], na_position="last")
    ranks = pd.Series(range(1, len(best) + 1), index=best.index).where(best["score"].notna())
    ranked = best.assign(rank=ranks.astype("Int64"))
    if worst_first:
        ranked = ranked.sort_values(["score", "label"], ascending=[True, True], na_position="last")
    return ranked[RANKING_COLUMNS].reset_index(drop=True)


def rows_behind(figure: str, forms: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """The rows a headline figure counts or sums, so that every number can be checked."""
    if figure == "townships":
        return _by(forms, "place")
    if figure == "years":
        return _by(forms, "year").sort_values("year", ascending=False, ignore_index=True)
    if figure == "budget_total":
        columns = [
            "form_id",
            "label",
            "budget_total",
            "budget_basic",
            "budget_project",
            "budget_other",
            "budget_unit_raw",
            "budget_unit_suspect",
        ]
        return forms[forms["budget_total"].notna()].sort_values("budget_total", ascending=False)[columns]
    if figure == "median_score":
        return ranking(scored(forms))
    if figure == "flagged_high":
        high = _high_findings(forms, findings).merge(forms[["form_id", "label"]], on="form_id")
        columns = HIGH_COLUMNS if "message" in high else [*(c for c in HIGH_COLUMNS if c in high), "idx"]
        return high[columns].reset_index(drop=True)
    return ranking(forms)


HIGH_COLUMNS = ["form_id", "label", "code", "severity", "message"]
"""The rows behind the count of forms with a high-severity finding: those findings. Of findings read without
their text (:data:`lib.store.FINDING_HEADS`), each comes with its ``idx`` instead of its ``message``, for the
caller to read the messages of these findings alone (:func:`lib.views.similarity.with_texts`)."""


def _by(forms: pd.DataFrame, column: str) -> pd.DataFrame:
    """Forms, townships or years, budget and median score per value of ``place`` or ``year``."""
    grouped = forms.groupby(column, dropna=True)
    other = "year" if column == "place" else "place"
    return pd.DataFrame(
        {
            "forms": grouped.size(),
            f"{other}_count": grouped[other].nunique(),
            "budget_total": grouped["budget_total"].sum(min_count=1).round(2),
            "score": grouped["score"].median().round(1),
        }
    ).reset_index()


def top_findings(forms: pd.DataFrame, findings: pd.DataFrame, limit: int = 5) -> pd.DataFrame:
    """The rules that fire on the most forms: code, severity, forms concerned and findings."""
    found = findings[among(findings["form_id"], forms["form_id"])]
    if found.empty:
        return pd.DataFrame(columns=["code", "severity", "forms", "findings"])
    grouped = found.groupby("code")
    counts = pd.DataFrame(
        {
            "severity": grouped["severity"].first(),
            "forms": grouped["form_id"].nunique(),
            "findings": grouped.size(),
        }
    ).reset_index()
    return (
        counts.sort_values(["forms", "findings", "code"], ascending=[False, False, True])
        .head(limit)
        .reset_index(drop=True)
    )
