"""Overview: headline figures and the rows behind them, the ranking, budget against score, top findings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import charts
from lib.views import briefing, similarity
from lib.views import overview as view
from pages import common

RANKING = [  # what fits beside the bubble chart (budget and indicator count are its axes; counties are below)
    "rank",
    "label",
    "score",
    "grade",
    "boilerplate_share",
    "form_id",
]
RETURN = ["label", "county", "score", "grade", "verdict", "reason", "form_id"]
LEAGUE = briefing.LEAGUE_COLUMNS


def main() -> None:
    ctx = common.page("title.overview")
    if ctx is None:
        return
    findings = ctx.table("finding_heads")  # the messages of the few findings listed are read for them alone
    st.info(briefing.summary(ctx.forms, findings, ctx.lang), icon=":material/summarize:")
    headline(ctx, view.headline(ctx.forms, findings))
    behind(ctx, findings)
    to_return(ctx, findings)
    left, right = st.columns([0.55, 0.45], gap="large")
    with left:
        st.subheader(ctx.t("overview.ranking"))
        order = common.url_select(
            st,
            ctx.t("briefing.order"),
            ["worst", "best"],
            "overview.order",
            "order",
            lambda o: ctx.t(f"briefing.{o}_first"),
            omit="worst",
            horizontal=True,
        )
        ranking = view.ranking(ctx.forms, worst_first=order == "worst")
        picked = common.table(ranking, RANKING, "overview.table", select=True, height=440)
        if picked is not None:
            open_form(ranking.iloc[picked]["form_id"])
        st.caption(ctx.t("overview.ranking_help"))
    with right:
        for form_id, *_ in common.chart(
            charts.budget_score_bubbles(ctx.forms, ctx.lang), "overview.bubbles", clickable=True
        ):
            open_form(form_id)
        missing = ctx.forms[ctx.forms["budget_total"].isna()]
        if len(missing):
            st.caption(ctx.t("overview.no_budget", count=len(missing)))
            st.text(ctx.t("widget.separator").join(missing["label"]))
    top = view.top_findings(ctx.forms, findings)
    if len(top):
        for code, *_ in common.chart(
            charts.findings_bars(top, ctx.lang), "overview.findings", clickable=True
        ):
            common.go("quality", rule=code)
        st.caption(ctx.t("overview.findings_help"))
    counties(ctx)
    workbook_col, county_col, brief_col = st.columns([1, 1, 1], vertical_alignment="bottom")
    with workbook_col:
        common.download_workbook(ctx, "overview.export")
    names = sorted(ctx.forms["county"].dropna().unique())
    if names:
        county = county_col.selectbox(
            ctx.t("briefing.county_pick"),
            names,
            key="overview.brief_county",
            placeholder=ctx.t("widget.choose"),
        )
        with brief_col:
            common.download_county_brief(ctx, county, "overview.county_brief")


def to_return(ctx: common.Context, findings: pd.DataFrame) -> None:
    """The forms to return (their verdict: revise or resubmit), worst first, each with its verdict and why; a row
    opens the form."""
    returned = briefing.to_return(ctx.forms, findings)
    st.subheader(ctx.t("briefing.to_return"))
    st.caption(ctx.t("briefing.to_return_help"))
    if returned.empty:
        st.info(ctx.t("briefing.none_to_return"))
        return
    shown = returned.assign(reason=briefing.reasons(returned, ctx.lang))
    picked = common.table(shown, RETURN, "overview.to_return", select=True, height=320)
    if picked is not None:
        open_form(shown.iloc[picked]["form_id"])


def counties(ctx: common.Context) -> None:
    """The county league table; below it, side by side, the county map (several counties) and each
    township's score over the years, the chosen one highlighted (townships with several years)."""
    st.subheader(ctx.t("briefing.league"))
    league = briefing.league(ctx.forms)
    common.table(league, LEAGUE, "overview.league", height=380)
    trend = briefing.trend(ctx.forms)
    map_col, trend_col = st.columns(2, gap="large")
    if len(league) >= 2:
        with map_col:
            county_map(ctx, league)
    if trend.empty:
        return
    with trend_col if len(league) >= 2 else map_col:
        places = sorted(trend["place"].unique())
        worst = trend.sort_values("score")["place"].iloc[0]
        chosen = common.url_select(
            st, ctx.t("briefing.trend_place"), places, "overview.trend", "trend", str, default=worst
        )
        common.chart(charts.score_trend(trend, chosen, ctx.lang), "overview.trend_chart")


def county_map(ctx: common.Context, league: pd.DataFrame) -> None:
    """The counties coloured by median score; a click filters the sidebar to that county."""
    placed, outlines, unplaced = briefing.mapped(league)
    if len(placed):
        for (county,) in common.chart(
            charts.county_map(placed, outlines, ctx.lang), "overview.map", clickable=True
        ):
            common.set_params(county=county)
        st.caption(ctx.t("map.help"))
    if unplaced:
        st.caption(ctx.t("map.unplaced", count=len(unplaced)))
        st.text(ctx.t("widget.separator").join(unplaced))  # county names are form text: plain text only


def headline(ctx: common.Context, figures: view.Headline) -> None:
    """The six headline figures in one row."""
    shown = {
        "forms": f"{figures.forms:,}",
        "townships": f"{figures.townships:,}",
        "years": f"{figures.years:,}",
        "budget_total": f"{figures.budget_total:,.0f}"
        if figures.budget_total >= 10_000
        else f"{figures.budget_total:,.2f}",
        "median_score": "—" if figures.median_score is None else f"{figures.median_score:.1f}",
        "flagged_high": f"{figures.flagged_high:,}",
    }
    for column, (name, value) in zip(st.columns(len(shown)), shown.items(), strict=True):
        column.metric(ctx.t(f"figure.{name}"), value, help=ctx.t(f"figure.{name}.help"), border=True)


def behind(ctx: common.Context, findings: pd.DataFrame) -> None:
    """A click on a figure's name lists the rows behind it; a click on a form there opens it."""
    figure = st.pills(
        ctx.t("overview.behind"),
        list(view.FIGURES),
        key="overview.figure",
        format_func=lambda name: ctx.t(f"figure.{name}"),
    )
    if figure is None:
        return
    rows = view.rows_behind(figure, ctx.forms, findings)
    if "idx" in rows:  # findings, without their messages
        rows = similarity.with_texts(rows, ctx.finding_texts(rows))[view.HIGH_COLUMNS]
    picked = common.table(
        rows, list(rows.columns), "overview.behind_table", select="form_id" in rows, height=300
    )
    if picked is not None:
        open_form(rows.iloc[picked]["form_id"])


def open_form(form_id: str) -> None:
    """Open a form on the drill-down page."""
    common.go("drill", form=form_id)


main()
