"""The tables a briefing shows, built from the store for one selection (pure pandas, no I/O format).

Every function takes the store and a :class:`~lib.filters.Filters` selection and returns a
DataFrame with stable English column names; the writers translate the headers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from lib.filters import Filters
from lib.store import Store
from lib.views import briefing
from lib.views.data import GRADES, IDENTITY_COLUMNS, VALUE_COLUMNS

RANKING_COLUMNS = [
    "rank",
    "township",
    "county",
    "unit_name",
    "year",
    "form_kind",
    "stage",
    "budget_total",
    "indicator_count",
    "completeness",
    "measurability",
    "specificity",
    "consistency",
    "score",
    "grade",
    "boilerplate_share",
    "relevance",
    "appropriateness",
    "feasibility",
    "score_before_review",
    "form_id",
]


@dataclass(frozen=True)
class Selection:
    """The forms of a selection, scored, and the stored evidence about them."""

    forms: pd.DataFrame  # one row per form (scores joined), sorted worst first
    indicators: pd.DataFrame
    findings: pd.DataFrame
    flags: pd.DataFrame
    reviews: pd.DataFrame | None = None  # the reviewer's dismissals and remarks

    @property
    def form_ids(self) -> list[str]:
        return self.forms["form_id"].tolist()


def select(store: Store, filters: Filters) -> Selection:
    """Load what a briefing about this selection needs, once."""
    forms = filters.apply(store.scores_frame()).sort_values(["score", "form_id"]).reset_index(drop=True)
    ids = forms["form_id"].tolist()
    indicators = store.indicators_frame(ids) if ids else store.indicators_frame([])
    findings = store.findings_frame()
    flags = store.flags_frame()
    reviews = store.reviews_frame()
    return Selection(
        forms,
        indicators,
        findings[findings["form_id"].isin(ids)],
        flags[flags["form_id"].isin(ids)],
        reviews[reviews["form_id"].isin(ids)],
    )


def place(forms: pd.DataFrame) -> pd.Series:
    """A short label per form: township (or unit name) and year."""
    name = forms["township"].fillna(forms["unit_name"]).fillna(forms["form_id"]).astype(str)
    year = forms["year"].map(lambda y: "" if pd.isna(y) else f" {int(y)}").astype(str)
    return name + year


def ranking(selection: Selection) -> pd.DataFrame:
    """The forms worst first, each with its standing (名次 1 is the best score); the id last."""
    standing = selection.forms["score"].rank(ascending=False, method="min").astype("Int64")
    return selection.forms.assign(rank=standing)[RANKING_COLUMNS].copy()


def to_return(selection: Selection) -> pd.DataFrame:
    """The 退回清单 (see :func:`lib.views.briefing.to_return`, the one rule): place and year first, the id last."""
    forms = selection.forms.assign(label=place(selection.forms))
    return briefing.to_return(forms, selection.findings)


def findings(selection: Selection) -> pd.DataFrame:
    labels = place(selection.forms).set_axis(selection.forms["form_id"])
    rows = selection.findings.assign(
        place_year=lambda f: f["form_id"].map(labels),
        finding_rows=lambda f: f["seqs"].map(lambda s: "、".join(map(str, json.loads(s)))),
    )
    order = {"high": 0, "medium": 1, "low": 2}
    rows = rows.sort_values(
        ["severity", "form_id", "idx"], key=lambda c: c.map(order) if c.name == "severity" else c
    )
    columns = ["place_year", "code", "severity", "message", "finding_rows", "reviewed", "form_id"]
    rows = rows.rename(columns={"dismissed": "reviewed"})[columns]
    return pd.concat([rows, _remarks(selection, labels)], ignore_index=True)


def _remarks(selection: Selection, labels: pd.Series) -> pd.DataFrame:
    """The reviewer's remarks as rows of the findings sheet (code ``review_remark``, with the time)."""
    remarks = (
        selection.reviews[selection.reviews["action"] == "remark"] if selection.reviews is not None else None
    )
    if remarks is None or remarks.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            "form_id": remarks["form_id"],
            "place_year": remarks["form_id"].map(labels),
            "code": "review_remark",
            "severity": "low",
            "message": remarks["text"],
            "finding_rows": "",
            "reviewed": remarks["at"],
        }
    )


def indicators(selection: Selection) -> pd.DataFrame:
    labels = place(selection.forms).set_axis(selection.forms["form_id"])
    rows = selection.indicators.assign(
        flags=_row_flags(selection.flags, selection.indicators), place_year=lambda f: f["form_id"].map(labels)
    )
    columns = [
        "place_year",
        *IDENTITY_COLUMNS,
        *VALUE_COLUMNS,
        "description",
        "scoring",
        "basis",
        "source_ref",
        "flags",
        "form_id",
    ]
    return rows[columns].reset_index(drop=True)


def _row_flags(flags: pd.DataFrame, indicators: pd.DataFrame) -> list[str | None]:
    """Each indicator's flags as one text (``copied→other form; …``, in stored order), or None."""
    texts: dict[tuple[str, int], list[str]] = {}
    others = [f"→{o}" if isinstance(o, str) else "" for o in _values(flags["other_form_id"])]
    for form_id, seq, flag, other in zip(*_columns(flags, "form_id", "seq", "flag"), others, strict=True):
        texts.setdefault((form_id, seq), []).append(flag + other)
    return [
        "; ".join(found) if (found := texts.get(key)) else None
        for key in zip(*_columns(indicators, "form_id", "seq"), strict=True)
    ]


def _values(column: pd.Series) -> list:
    """A column as a list of Python values (None where missing): iterating an Arrow-backed column
    value by value is ten times slower."""
    return column.to_numpy(dtype=object, na_value=None).tolist()


def _columns(frame: pd.DataFrame, *names: str) -> list[list]:
    return [_values(frame[name]) for name in names]


def budget(selection: Selection) -> pd.DataFrame:
    forms = selection.forms
    parts = forms[["budget_basic", "budget_project", "budget_other"]].fillna(0).sum(axis=1)
    return pd.DataFrame(
        {
            "place_year": place(forms),
            "budget_unit_raw": forms["budget_unit_raw"],
            "budget_total": forms["budget_total"],
            "budget_basic": forms["budget_basic"],
            "budget_project": forms["budget_project"],
            "budget_other": forms["budget_other"],
            "arithmetic_gap": (parts - forms["budget_total"]).where(forms["budget_total"].notna()).round(4),
            "budget_unit_suspect": forms["budget_unit_suspect"],
            "form_id": forms["form_id"],
        }
    )


PAIR_COLUMNS = [
    "place_year",
    "other_place",
    "rows",
    "other_rows",
    "share",
    "examples",
    "form_id",
    "other_form_id",
]


def similar_pairs(selection: Selection, limit: int = 200) -> pd.DataFrame:
    """Pairs of forms, each pair once, by how many rows one copies from the other, with examples of the shared
    rows (``rows``: rows of the first form found in the second; ``other_rows``: the other way round)."""
    copied = selection.flags[selection.flags["flag"] == "copied"]
    if copied.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    counts = selection.forms.set_index("form_id")["indicator_count"]
    labels = place(selection.forms).set_axis(selection.forms["form_id"])
    pairs = copied.groupby(["form_id", "other_form_id"]).size().rename("rows").reset_index()
    reverse = pairs.set_index(["other_form_id", "form_id"])["rows"]
    pairs["other_rows"] = [
        int(reverse.get((a, b), 0)) for a, b in zip(pairs["form_id"], pairs["other_form_id"], strict=True)
    ]
    pairs["share"] = pairs["rows"] / pairs["form_id"].map(counts)
    pairs["pair"] = [tuple(sorted(p)) for p in zip(pairs["form_id"], pairs["other_form_id"], strict=True)]
    pairs = pairs.sort_values(["rows", "share", "form_id"], ascending=[False, False, True])
    pairs = pairs.drop_duplicates("pair").head(limit)  # each pair once, from the side that copies more
    pairs["examples"] = _examples(copied, selection.indicators, pairs)
    pairs["place_year"] = pairs["form_id"].map(labels)
    pairs["other_place"] = pairs["other_form_id"].map(labels).fillna(pairs["other_form_id"])
    return pairs[PAIR_COLUMNS].reset_index(drop=True)


def _examples(
    copied: pd.DataFrame, indicators: pd.DataFrame, pairs: pd.DataFrame, most: int = 5
) -> list[str]:
    """For each pair, the names of the first ``most`` rows of its first form that the second shares."""
    order = list(zip(*_columns(pairs, "form_id", "other_form_id"), strict=True))
    chosen = set(order)
    seqs: dict[tuple[str, str], list[int]] = {}
    for form_id, other, seq in zip(*_columns(copied, "form_id", "other_form_id", "seq"), strict=True):
        if (form_id, other) in chosen and len(found := seqs.setdefault((form_id, other), [])) < most:
            found.append(seq)
    wanted = {(form_id, seq) for (form_id, _), found in seqs.items() for seq in found}
    form_ids, numbers, texts = _columns(indicators, "form_id", "seq", "name")
    names = {
        key: name
        for key, name in zip(zip(form_ids, numbers, strict=True), texts, strict=True)
        if key in wanted
    }
    return [
        "；".join(str(names.get((form_id, seq)) or "") for seq in seqs.get((form_id, other), []))
        for form_id, other in order
    ]


def headline(selection: Selection) -> dict[str, float | int | None]:
    forms = selection.forms
    high = selection.findings[selection.findings["severity"] == "high"]["form_id"].nunique()
    return {
        "forms": len(forms),
        "townships": forms["township"].fillna(forms["unit_name"]).nunique(),
        "years": forms["year"].nunique(),
        "budget_total": round(float(forms["budget_total"].sum()), 2) if len(forms) else 0.0,
        "median_score": round(float(forms["score"].median()), 1) if len(forms) else None,
        "forms_flagged_high": int(high),
        "indicators": int(forms["indicator_count"].sum()) if len(forms) else 0,
    }


def grade_counts(selection: Selection) -> pd.DataFrame:
    counts = selection.forms["grade"].value_counts()
    return pd.DataFrame(
        {
            "grade": list(GRADES),
            "forms": [int(counts.get(g, 0)) for g in GRADES],
        }
    )
