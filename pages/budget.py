"""Budget composition: basic / project / other per form, project budgets, money per indicator, suspect figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import charts, settings
from lib.views import budget as view
from pages import common


def main() -> None:
    ctx = common.page("title.budget")
    if ctx is None:
        return
    limit = int(settings.get("chart_max_rows"))
    composition = view.composition(ctx.forms, ctx.table("finding_heads"))
    if composition.empty:
        st.info(ctx.t("budget.none"))
    else:
        parts(ctx, composition, limit)
    left, right = st.columns(2, gap="large")
    with left:
        tree = view.project_tree(ctx.table("projects"), ctx.forms)
        if tree.empty:
            st.info(ctx.t("budget.no_projects"))
        else:
            common.form_chart(charts.project_treemap(tree, ctx.lang), "budget.projects")
    with right:
        per = view.money_per_indicator(ctx.forms)
        if not per.empty:
            figure = charts.ranked_bars(
                per.head(limit),
                "per_indicator",
                "label",
                ctx.t("col.per_indicator"),
                ids="form_id",
                reference=float(settings.get("wan_per_indicator")),
                reference_text=ctx.t("budget.reference", wan=float(settings.get("wan_per_indicator"))),
                title=ctx.t("chart.per_indicator"),
            )
            common.form_chart(figure, "budget.per_indicator")
            shown_caption(ctx, len(per), limit)


def parts(ctx: common.Context, composition: pd.DataFrame, limit: int) -> None:
    """The stacked bars (absolute or 100%), the ⚠ marks explained, and the suspect forms listed."""
    mode = common.url_select(
        st,
        ctx.t("budget.view"),
        ["absolute", "percent"],
        "budget.view",
        "view",
        lambda v: ctx.t(f"budget.view.{v}"),
        omit="absolute",
        horizontal=True,
    )
    frame = view.as_shares(composition) if mode == "percent" else composition
    figure = charts.budget_bars(
        frame.head(limit), ctx.lang, percent=mode == "percent", title=ctx.t("chart.budget")
    )
    common.form_chart(figure, "budget.bars")
    shown_caption(ctx, len(frame), limit)
    suspect = view.suspect_rows(composition)
    if not suspect.empty:
        st.caption(ctx.t("budget.suspect_help"))
        picked = common.table(suspect, ["form_id", "label", "code", "total"], "budget.suspect", select=True)
        if picked is not None:
            common.go("drill", form=suspect.iloc[picked]["form_id"])


def shown_caption(ctx: common.Context, total: int, limit: int) -> None:
    if total > limit:
        st.caption(ctx.t("caption.top_n", shown=limit, total=total))


main()
