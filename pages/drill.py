"""Drill-down: township → form → section → indicators; one indicator's full record and its neighbours.

The URL keeps the place: ``?township=…&form=<form_id>&seq=<n>`` opens a form at one indicator.
"""

from __future__ import annotations

import streamlit as st

from lib.i18n import display
from lib.model import Form, Indicator
from lib.views import compare, drill, similarity
from pages import common

FINDING_COLUMNS = ["code", "severity", "message", "rows_text"]
NEAREST_COLUMNS = ["form_id", "label", "seq", "name", "value_raw", "ratio"]


def main() -> None:
    ctx = common.page("title.drill")
    if ctx is None:
        return
    asked = st.query_params.get("form")
    place_col, form_col = st.columns([1, 2])
    place = common.url_select(
        place_col,
        ctx.t("col.place"),
        drill.places(ctx.forms),
        "drill.township",
        "township",
        str,
        default=drill.place_of(ctx.forms, asked),
    )
    form_id = common.url_select(
        form_col,
        ctx.t("drill.form"),
        drill.forms_of(ctx.forms, place),
        "drill.form",
        "form",
        ctx.labels.get,
        default=asked,
    )
    if form_id is None:
        return
    if form_id != asked:
        st.query_params.pop("seq", None)
    form_view(ctx, form_id)


def form_view(ctx: common.Context, form_id: str) -> None:
    """Headline, findings and structure of one form, then its indicators and the chosen one's record."""
    row = ctx.forms[ctx.forms["form_id"] == form_id]
    headline = compare.headline_table(row, ctx.lang)
    top, side = st.columns([3, 1], gap="large")
    with top:
        common.table(headline, list(headline.columns), "drill.headline", height=560)
    with side:
        st.metric(ctx.t("col.score"), display("score", row["score"].iloc[0], ctx.lang), border=True)
        common.download_brief(ctx, form_id, "drill.brief")
    own = similarity.findings_list(ctx.table("findings"), row)
    with st.expander(ctx.t("drill.findings", count=len(own)), expanded=bool(len(own))):
        common.table(own, FINDING_COLUMNS, "drill.findings")
    form = common.load_form(ctx.db_path, ctx.version, form_id)
    if form is None:
        return
    parts(ctx, form)
    indicators(ctx, form)


def parts(ctx: common.Context, form: Form) -> None:
    """The form's functions, goals and projects, one tab each."""
    projects = ctx.table("projects")
    sections = drill.form_parts(form.functions, form.goals, projects[projects["form_id"] == form.form_id])
    if not sections:
        return
    for tab, (name, frame) in zip(
        st.tabs([ctx.t(f"drill.{name}") for name in sections]), sections.items(), strict=True
    ):
        with tab:
            common.table(frame, list(frame.columns), f"drill.{name}")


def indicators(ctx: common.Context, form: Form) -> None:
    """The indicator table (section filter, search); a picked row opens its record below."""
    st.subheader(ctx.t("drill.indicators"))
    rows = ctx.rows([form.form_id])
    section_col, search_col = st.columns([2, 2])
    section = section_col.selectbox(
        ctx.t("drill.section"),
        [None, *drill.sections(rows)],
        key="drill.section",
        format_func=lambda s: ctx.t("drill.all_sections") if s is None else s,
    )
    search = search_col.text_input(
        ctx.t("drill.search"), key="drill.search", placeholder=ctx.t("drill.search_hint")
    )
    shown = drill.indicator_table(rows, ctx.table("flags"), ctx.labels, section, search)
    picked = common.table(shown, drill.TABLE_COLUMNS, "drill.table", select=True, height=420)
    if picked is not None:
        common.set_params(seq=int(shown.iloc[picked]["seq"]))
    seq = st.query_params.get("seq")
    chosen = [i for i in form.indicators if seq and str(i.seq) == seq]
    if chosen:
        record(ctx, chosen[0], form.form_id)
    else:
        st.caption(ctx.t("drill.pick_row"))


def record(ctx: common.Context, indicator: Indicator, form_id: str) -> None:
    """One indicator: every stored field, the findings about it, and the closest rows in other forms."""
    st.subheader(ctx.t("drill.record", seq=indicator.seq))
    fields, about = st.columns([1, 1], gap="large")
    with fields:
        common.table(drill.record(indicator, ctx.lang), ["field", "value"], "drill.record", height=700)
    with about:
        found = drill.row_findings(ctx.table("findings"), form_id, indicator.seq)
        st.caption(ctx.t("drill.row_findings", count=len(found)))
        if len(found):
            common.table(found, ["code", "severity", "message"], "drill.row_findings")
        st.caption(ctx.t("drill.nearest"))
        nearest = drill.nearest_rows(ctx.table("texts"), ctx.labels, form_id, indicator.seq)
        picked = common.table(nearest, NEAREST_COLUMNS, "drill.nearest", select=True)
        if picked is not None:
            other = nearest.iloc[picked]
            common.set_params(form=other["form_id"], seq=int(other["seq"]), township=None)


main()
