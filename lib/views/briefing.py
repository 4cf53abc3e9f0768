"""What a leader briefs from: the forms to return (退回清单), the county league table, each township's
score over the years, and the summary paragraph in words.

Shared by the overview page, the workbook's 概览 and 退回清单 sheets and the county brief.
"""

from __future__ import annotations

import pandas as pd

from lib import geo
from lib.i18n import label, t
from lib.quality.scoring import RETURN_VERDICTS, verdict
from lib.views.data import SEVERITIES, among, scored
from lib.views.overview import top_findings

RETURN_GRADE = "差"  # the grade whose share the league table gives
NO_NAME = "—"  # the league table's row for forms that name no county
REASONS_NAMED = 2  # problems named in a form's one-line reason; the rest are counted
RETURN_COLUMNS = ["label", "county", "year", "score", "grade", "verdict", "gates", "codes", "form_id"]
LEAGUE_COLUMNS = ["county", "forms", "median_score", "poor_share", "boilerplate_share", "to_return"]


def verdicts(forms: pd.DataFrame) -> pd.Series:
    """Each scored form's review verdict (:func:`lib.quality.scoring.verdict`, the one the letter states);
    None for a form not scored."""
    gates = forms["gates"] if "gates" in forms else pd.Series([()] * len(forms), index=forms.index)
    return pd.Series(
        [
            verdict(grade, tuple(g) if isinstance(g, tuple | list) else ())
            if isinstance(grade, str)
            else None
            for grade, g in zip(forms["grade"], gates, strict=True)
        ],
        index=forms.index,
        dtype=object,
    )


def sent_back(forms: pd.DataFrame) -> pd.DataFrame:
    """The forms whose verdict is 退回修改 or 退回重报, with their ``verdict`` (counts need no more than this)."""
    judged = forms.assign(verdict=verdicts(forms))
    return judged[judged["verdict"].isin(RETURN_VERDICTS)]


def to_return(forms: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """The forms to send back (verdict 退回修改 or 退回重报), worst first, each with its verdict, the gates it
    failed and its problems (rule codes, most severe and commonest first). The one place that decides
    "to return": the overview, the workbook, the county brief and the league table all read it."""
    chosen = sent_back(forms).sort_values(["score", "label"])
    codes = problem_codes(findings[among(findings["form_id"], chosen["form_id"])])
    return chosen.assign(
        codes=chosen["form_id"].map(lambda f: codes.get(f, ())),
        gates=chosen["gates"].map(lambda g: tuple(g) if isinstance(g, tuple | list) else ())
        if "gates" in chosen
        else [()] * len(chosen),
    )[RETURN_COLUMNS].reset_index(drop=True)


def problem_codes(findings: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Per form, its distinct finding codes: high severity first, then by how often each fired."""
    if findings.empty:
        return {}
    rank = {s: n for n, s in enumerate(SEVERITIES)}
    counted = (
        findings.assign(order=findings["severity"].map(rank))
        .groupby(["form_id", "code"])
        .agg(order=("order", "min"), times=("code", "size"))
        .reset_index()
        .sort_values(["form_id", "order", "times", "code"], ascending=[True, True, False, True])
    )
    codes: dict[str, list[str]] = {}
    for form_id, code in zip(counted["form_id"], counted["code"], strict=True):  # a Python agg is 30× slower
        codes.setdefault(form_id, []).append(code)
    return {form_id: tuple(found) for form_id, found in codes.items()}


def reason(gates: tuple[str, ...], codes: tuple[str, ...], lang: str) -> str:
    """Why a form goes back, in one line: the basic requirements it fails first, then its problems; the
    first few named, the rest counted (never cut silently)."""
    if "missing_core_categories" in gates:  # says all that missing_core_category says
        gates = tuple(g for g in gates if g != "missing_core_category")
    names = [t(f"briefing.gate.{g}", lang) for g in gates] + [label("finding", c, lang) for c in codes]
    named = ("、" if lang == "zh" else "; ").join(names[:REASONS_NAMED])
    rest = len(names) - REASONS_NAMED
    return t("briefing.reason_more", lang, named=named, more=rest) if rest > 0 else named


def reasons(returned: pd.DataFrame, lang: str) -> pd.Series:
    """:func:`reason` for every row of :func:`to_return`."""
    return pd.Series(
        [reason(g, c, lang) for g, c in zip(returned["gates"], returned["codes"], strict=True)],
        index=returned.index,
        dtype=object,
    )


def league(forms: pd.DataFrame, by: str = "county") -> pd.DataFrame:
    """One row per county (or per ``by``: ``place`` for townships), worst median score first: forms, median
    score, share 差, boilerplate, forms to return."""
    rated = scored(forms)
    if rated.empty:
        return pd.DataFrame(columns=[by, *LEAGUE_COLUMNS[1:]])
    rated = rated.assign(**{by: rated[by].fillna(NO_NAME)})
    returned = sent_back(rated)[by].value_counts()
    grouped = rated.assign(poor=rated["grade"] == RETURN_GRADE).groupby(by)
    table = pd.DataFrame(
        {
            "forms": grouped.size(),
            "median_score": grouped["score"].median().round(1),
            "poor_share": grouped["poor"].mean(),
            "boilerplate_share": grouped["boilerplate_share"].median(),
        }
    ).reset_index()
    table["to_return"] = table[by].map(returned).fillna(0).astype(int)
    return table.sort_values(["median_score", by]).reset_index(drop=True)[[by, *LEAGUE_COLUMNS[1:]]]


def mapped(league_table: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, list], list[str]]:
    """The league table's counties that can be placed on a map (with their code and centre), their outlines
    where the boundaries are installed, and the names that could not be placed (:mod:`lib.geo`)."""
    places = geo.place_counties(league_table.loc[league_table["county"] != NO_NAME, "county"])
    located = league_table.merge(places, on="county")
    placed = located[located["adcode"].notna()].reset_index(drop=True)
    folder = geo.outline_folder()
    outlines = {row.county: geo.outline(row.adcode, folder) for row in placed.itertuples()}
    return placed, outlines, located.loc[located["adcode"].isna(), "county"].tolist()


def trend(forms: pd.DataFrame) -> pd.DataFrame:
    """Each township's median score and carry-over share per year (townships with at least two years)."""
    rated = scored(forms).dropna(subset=["year"])
    per_year = (
        rated.groupby(["place", "year"])
        .agg(score=("score", "median"), carry_share=("carry_share", "median"))
        .reset_index()
    )
    years = per_year.groupby("place")["year"].transform("nunique")
    return per_year[years >= 2].sort_values(["place", "year"]).reset_index(drop=True)


def summary(forms: pd.DataFrame, findings: pd.DataFrame, lang: str) -> str:
    """The selection in one paragraph: how many forms and townships, the median score, how many to
    return and the commonest problems."""
    rated = scored(forms)
    if rated.empty:
        return t("briefing.summary_empty", lang, forms=len(forms))
    returned = sent_back(rated)
    top = [label("finding", code, lang) for code in top_findings(rated, findings, limit=3)["code"]]
    parts = [
        t(
            "briefing.summary",
            lang,
            forms=len(rated),
            townships=rated["place"].nunique(),
            median=f"{rated['score'].median():.1f}",
            poor=int((rated["grade"] == RETURN_GRADE).sum()),
        ),
        t(
            "briefing.summary_return",
            lang,
            count=len(returned),
            refile=int((returned["verdict"] == "退回重报").sum()),
            revise=int((returned["verdict"] == "退回修改").sum()),
        )
        if len(returned)
        else t("briefing.summary_none", lang),
    ]
    if top:
        parts.append(
            t("briefing.summary_problems", lang, problems=("、" if lang == "zh" else ", ").join(top))
        )
    return ("" if lang == "zh" else " ").join(parts)
