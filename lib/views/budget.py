"""Budget composition: 基本/项目/其他 per form, project budgets, money per indicator, suspect figures."""

from __future__ import annotations

import pandas as pd

from lib.views.data import among

PARTS = ("basic", "project", "other", "unspecified")
SUSPECT_CODES = ("money_unit_suspect", "budget_arithmetic", "project_budgets_mismatch")
"""Findings that make a form's money questionable; marked on the budget charts."""


def suspect_reasons(forms: pd.DataFrame, findings: pd.DataFrame) -> pd.Series:
    """Per form_id, the codes of the findings that question its money (an empty tuple when none)."""
    found = findings[findings["code"].isin(SUSPECT_CODES) & among(findings["form_id"], forms["form_id"])]
    codes = found.groupby("form_id")["code"].agg(lambda c: tuple(dict.fromkeys(c)))
    flagged = forms.set_index("form_id")["budget_unit_suspect"]
    reasons = {}
    for form_id, unit_suspect in flagged.items():
        own = codes.get(form_id, ())
        if unit_suspect and "money_unit_suspect" not in own:
            own = ("money_unit_suspect", *own)
        reasons[form_id] = own
    return pd.Series(reasons, dtype=object)


def composition(forms: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """One row per form with a budget: its parts (万元), the total and why its money is suspect.

    ``unspecified`` is the part of the stated total the form does not break down. Forms are
    sorted by total, largest first.
    """
    parts = forms[["budget_basic", "budget_project", "budget_other"]].astype(float)
    stated = parts.sum(axis=1, min_count=1)
    total = forms["budget_total"].astype(float).where(forms["budget_total"].notna(), stated)
    frame = pd.DataFrame(
        {
            "form_id": forms["form_id"],
            "label": forms["label"],
            "basic": parts["budget_basic"].fillna(0.0),
            "project": parts["budget_project"].fillna(0.0),
            "other": parts["budget_other"].fillna(0.0),
            "unspecified": (total - stated.fillna(0.0)).clip(lower=0.0),
            "total": total,
        }
    )
    frame = frame[frame["total"].notna() & (frame["total"] > 0)]
    reasons = suspect_reasons(forms, findings)
    frame = frame.assign(suspect=[reasons.get(form_id, ()) for form_id in frame["form_id"]])
    return frame.sort_values(["total", "label"], ascending=[False, True], ignore_index=True)


def as_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """The parts as percentages of each form's drawn total (the 100% view), sorted by project share."""
    drawn = frame[list(PARTS)].sum(axis=1)
    shares = frame[list(PARTS)].div(drawn, axis=0).mul(100).round(2)
    result = frame.assign(**{part: shares[part] for part in PARTS})
    return result.sort_values(["project", "label"], ascending=[False, True], ignore_index=True)


def project_tree(projects: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """Projects with a positive budget, each under its form's label: label, project, budget (万元)."""
    named = projects.merge(forms[["form_id", "label"]], on="form_id")
    named = named[named["budget"].notna() & (named["budget"] > 0)]
    name = named["name"].fillna(named["code"]).fillna(named["idx"].map(lambda i: f"#{i + 1}"))
    return pd.DataFrame(
        {
            "form_id": named["form_id"],
            "idx": named["idx"],
            "label": named["label"],
            "project": name.astype(str),
            "budget": named["budget"],
        }
    ).reset_index(drop=True)


def money_per_indicator(forms: pd.DataFrame) -> pd.DataFrame:
    """Total budget (万元) per indicator, most money per indicator first."""
    usable = forms[forms["budget_total"].notna() & (forms["indicator_count"] > 0)]
    frame = pd.DataFrame(
        {
            "form_id": usable["form_id"],
            "label": usable["label"],
            "budget_total": usable["budget_total"],
            "indicator_count": usable["indicator_count"],
            "per_indicator": (usable["budget_total"] / usable["indicator_count"]).round(2),
        }
    )
    return frame.sort_values(["per_indicator", "label"], ascending=[False, True], ignore_index=True)


def suspect_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (form, reason its money is suspect), from :func:`composition`'s output."""
    flagged = frame[frame["suspect"].map(bool)]
    rows = flagged.explode("suspect").rename(columns={"suspect": "code"})
    return rows[["form_id", "label", "code", "total"]].reset_index(drop=True)
