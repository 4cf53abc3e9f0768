"""Compare: two to four forms side by side, down to their indicators aligned row by row."""

from __future__ import annotations

import streamlit as st

from lib import charts
from lib.views import align, budget, compare, structure
from lib.views.overview import ranking
from pages import common


def main() -> None:
    ctx = common.page("title.compare")
    if ctx is None:
        return
    labels = ctx.labels
    ranked = ranking(ctx.forms, worst_first=False)["form_id"].tolist()
    picked = common.url_multiselect(
        st,
        ctx.t("compare.choose"),
        ranked,
        "compare.forms",
        "forms",
        labels.get,
        max_selections=4,
        default=[ranked[0], ranked[-1]] if len(ranked) > 1 else ranked,
    )
    if len(picked) < 2:
        st.info(ctx.t("compare.need_two"))
        return
    chosen = compare.chosen(ctx.forms, picked)
    indicators = ctx.rows(picked)
    headline = compare.headline_table(chosen, ctx.lang)
    common.table(headline, list(headline.columns), "compare.headline", height=560)
    left, right = st.columns(2, gap="large")
    with left:
        bars = budget.composition(chosen, ctx.table("finding_heads"))
        if bars.empty:
            st.info(ctx.t("budget.none"))
        else:
            common.chart(charts.budget_bars(bars, ctx.lang, title=ctx.t("chart.budget")), "compare.budget")
        common.chart(charts.dimension_bars(compare.dimension_frame(chosen), ctx.lang), "compare.dimensions")
    with right:
        counts = structure.coverage(structure.level_counts(indicators), chosen).counts
        common.chart(charts.coverage_radar(counts, ctx.lang), "compare.radar")
    st.subheader(ctx.t("compare.aligned"))
    aligned = align.align_forms(indicators, picked).rename(columns=labels)
    common.table(aligned, list(aligned.columns), "compare.aligned", styles=align.missing_cells, height=520)
    st.caption(ctx.t("compare.aligned_help"))
    common.download_workbook(ctx, "compare.export")


main()
