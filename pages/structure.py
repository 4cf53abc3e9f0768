"""Indicator structure: levels and kinds, category coverage, quantitative share, operators, units, targets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import charts, settings
from lib.i18n import term
from lib.views import structure as view
from pages import common


def main() -> None:
    ctx = common.page("title.structure")
    if ctx is None:
        return
    levels, values = ctx.table("level_counts"), ctx.table("value_counts")
    if levels.empty:
        st.info(ctx.t("structure.none"))
        return
    limit = int(settings.get("chart_max_rows"))
    left, right = st.columns(2, gap="large")
    with left:
        common.chart(charts.structure_sunburst(view.sunburst_frame(levels), ctx.lang), "structure.sunburst")
    with right:
        share = view.quantitative_share(levels, ctx.forms)
        figure = charts.ranked_bars(
            share.head(limit),
            "share",
            "label",
            ctx.t("col.quantitative_share"),
            ids="form_id",
            percent=True,
            colours=charts.PALETTE[1],
            title=ctx.t("chart.quantitative"),
        )
        common.form_chart(figure, "structure.quantitative")
        if len(share) > limit:
            st.caption(ctx.t("caption.top_n", shown=limit, total=len(share)))
    cover = view.coverage(levels, ctx.forms)
    common.chart(charts.coverage_heatmap(view.gaps_first(cover, limit), ctx.lang), "structure.coverage")
    st.caption(ctx.t("structure.coverage_help", shown=min(limit, len(cover.counts)), total=len(cover.counts)))
    operators, units = st.columns(2, gap="large")
    with operators:
        figure = charts.distribution_bars(
            view.distribution(values, "operator"),
            "value",
            "count",
            ctx.t("col.indicator_count"),
            ctx.lang,
            ctx.t("chart.operators"),
        )
        common.chart(figure, "structure.operators")
    with units:
        figure = charts.distribution_bars(
            view.unit_distribution(values),
            "value",
            "count",
            ctx.t("col.indicator_count"),
            ctx.lang,
            ctx.t("chart.units"),
        )
        common.chart(figure, "structure.units")
    targets(ctx, levels)


def targets(ctx: common.Context, levels: pd.DataFrame) -> None:
    """How many townships set each target for one level-2 category (satisfaction ≥90% vs 100%)."""
    st.subheader(ctx.t("structure.targets"))
    options = view.level2_options(levels)
    level2 = common.url_select(
        st, ctx.t("col.level2"), options, "structure.level2", "level2", lambda v: term(v, ctx.lang)
    )
    if level2 is None:
        return
    frame = view.target_distribution(ctx.level2_values(level2), ctx.forms)
    figure = charts.distribution_bars(
        frame,
        "target",
        "places",
        ctx.t("col.places"),
        ctx.lang,
        ctx.t("chart.targets", level2=term(level2, ctx.lang)),
    )
    common.chart(figure, "structure.targets")
    st.caption(ctx.t("structure.targets_help"))


main()
