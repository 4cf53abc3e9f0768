"""Boilerplate and quality: who copies whom, boilerplate ranking, findings, reused wording, carry-over."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import charts, settings
from lib.i18n import DEFAULT_LANG, label
from lib.views import align, similarity
from lib.views.data import SEVERITIES, among
from lib.views.drill import place_key
from pages import common

FINDING_COLUMNS = ["form_id", "label", "code", "severity", "message", "rows_text"]
CLUSTER_COLUMNS = ["cluster", "forms", "townships", "named_places", "median_share", "max_share"]


def main() -> None:
    ctx = common.page("title.quality")
    if ctx is None:
        return
    pairs = similarity.pair_similarity(ctx.table("copy_counts"), ctx.forms)
    matrix(ctx, pairs)
    pair_view(ctx, pairs)
    ranking, phrases = st.columns(2, gap="large")
    with ranking:
        boilerplate(ctx)
    with phrases:
        st.subheader(ctx.t("quality.phrases"))
        reused = similarity.reused_phrases(ctx.table("row_texts"), ctx.forms)
        reused = similarity.with_wording(reused, ctx.text_examples(reused), ctx.table("phrases"))
        common.table(reused, ["text", "units", "forms", "rows", "stock"], "quality.phrases", height=440)
        st.caption(ctx.t("quality.phrases_help"))
    findings(ctx)
    carry_over(ctx)


def matrix(ctx: common.Context, pairs: pd.DataFrame) -> None:
    """The clickable form × form matrix, labelled: every linked form when they are few, else the forms of
    one group of forms that copy each other, picked in the table of groups; and the most similar pairs."""
    st.subheader(ctx.t("quality.matrix"))
    if pairs.empty:
        st.info(ctx.t("quality.no_copies"))
        return
    labels = ctx.labels
    linked = similarity.linked_count(pairs)
    members = None if linked <= charts.MATRIX_LABELLED else cluster_table(ctx, pairs)
    shown = pairs if members is None else pairs[among(pairs["a"], members)]
    order = similarity.matrix_forms(shown, int(settings.get("matrix_max_forms")), members)
    cells = similarity.matrix_cells(shown, order, labels)
    figure = charts.similarity_matrix(cells, [labels[f] for f in order], ctx.lang)
    for a, b, *_ in common.chart(figure, "quality.matrix", clickable=True):
        common.set_params(a=a, b=b)
    total = linked if members is None else len(members)
    st.caption(
        ctx.t("quality.matrix_help")
        + (" " + ctx.t("quality.matrix_cut", shown=len(order), total=total) if total > len(order) else "")
        + (
            " " + ctx.t("quality.matrix_unlabelled", most=charts.MATRIX_LABELLED)
            if len(order) > charts.MATRIX_LABELLED
            else ""
        )
    )
    top = similarity.top_pairs(pairs, labels)
    picked = common.table(
        top, ["a", "b", "label_a", "label_b", "rows", "share"], "quality.pairs", select=True, height=260
    )
    if len(pairs) > len(top):
        st.caption(ctx.t("caption.top_rows", shown=len(top), total=len(pairs)))
    if picked is not None:
        common.set_params(a=top.iloc[picked]["a"], b=top.iloc[picked]["b"])


def cluster_table(ctx: common.Context, pairs: pd.DataFrame) -> tuple[str, ...]:
    """The groups of forms that copy each other, one row each; the members of the group picked (``?cluster=``,
    the largest by default), whose matrix is drawn."""
    groups = similarity.clusters(pairs, ctx.forms)
    raw = common.url_value("cluster")
    number = int(raw) if raw and raw.isdigit() and 1 <= int(raw) <= len(groups) else 1
    shown = groups.assign(named_places=groups["places"].map(lambda p: similarity.named_places(p, ctx.lang)))
    st.caption(ctx.t("quality.clusters", count=len(groups), forms=int(groups["forms"].sum())))
    picked = common.table(shown, CLUSTER_COLUMNS, "quality.clusters", select=True, height=300)
    if picked is not None:
        common.set_params(cluster=int(groups.iloc[picked]["cluster"]), a=None, b=None)
    chosen = groups.iloc[number - 1]
    st.caption(ctx.t("quality.cluster_matrix", number=number, forms=int(chosen["forms"])))
    return chosen["members"]


def pair_view(ctx: common.Context, pairs: pd.DataFrame) -> None:
    """Two forms' matching rows side by side, identical text shaded and marked."""
    st.subheader(ctx.t("quality.pair"))
    ids = ctx.forms["form_id"].tolist()
    if len(ids) < 2:
        st.info(ctx.t("quality.pair_needs_two"))
        return
    labels = ctx.labels
    first = pairs.iloc[0] if len(pairs) else None
    left, right = st.columns(2)
    a = common.url_select(
        left,
        ctx.t("quality.form_a"),
        ids,
        "quality.a",
        "a",
        labels.get,
        default=first["a"] if first is not None else ids[0],
    )
    b = common.url_select(
        right,
        ctx.t("quality.form_b"),
        ids,
        "quality.b",
        "b",
        labels.get,
        default=first["b"] if first is not None else ids[1],
    )
    if a == b:
        st.info(ctx.t("quality.pair_same"))
        return
    rows = align.pair_rows(ctx.rows([a, b]), a, b)
    if rows.empty:
        st.info(ctx.t("quality.pair_none"))
        return
    common.table(
        rows, list(align.PAIR_COLUMNS), "quality.pair_rows", styles=align.identical_cells, height=420
    )
    st.caption(ctx.t("quality.pair_help", same=int(rows["same_name"].sum()), total=len(rows)))


def boilerplate(ctx: common.Context) -> None:
    st.subheader(ctx.t("quality.boilerplate"))
    limit = int(settings.get("chart_max_rows"))
    ranked = similarity.boilerplate_ranking(ctx.forms)
    figure = charts.ranked_bars(
        ranked.head(limit),
        "boilerplate_share",
        "label",
        ctx.t("col.boilerplate_share"),
        ids="form_id",
        percent=True,
        colours=charts.COPY_SCALE[1][1],
    )
    common.form_chart(figure, "quality.boilerplate")
    if len(ranked) > limit:
        st.caption(ctx.t("caption.top_n", shown=limit, total=len(ranked)))


def findings(ctx: common.Context) -> None:
    """Every finding of the selection, narrowed by rule, severity and township; a click opens the form."""
    st.subheader(ctx.t("quality.findings"))
    found = ctx.table("finding_heads")  # the text of the findings shown is read for them alone
    codes = sorted(found["code"].unique(), key=lambda c: label("finding", c, ctx.lang))
    rule, severity, place = st.columns(3)
    chosen_codes = common.url_multiselect(
        rule, ctx.t("col.code"), codes, "quality.rule", "rule", lambda c: label("finding", c, ctx.lang)
    )
    chosen_severity = common.url_multiselect(
        severity,
        ctx.t("col.severity"),
        list(SEVERITIES),
        "quality.severity",
        "severity",
        lambda s: label("severity", s, ctx.lang),
    )
    chosen_places = common.url_multiselect(
        place,
        ctx.t("col.place"),
        sorted(ctx.forms["place"].unique()),
        "quality.place",
        "township",
        str,
        encode=place_key,
    )
    rows = similarity.findings_list(
        found, ctx.forms, tuple(chosen_codes), tuple(chosen_severity), tuple(chosen_places)
    )
    shown = int(settings.get("findings_shown"))
    st.caption(
        ctx.t("quality.findings_count", count=len(rows))
        if len(rows) <= shown
        else ctx.t("quality.findings_cut", count=len(rows), shown=shown)
    )
    rows = rows.head(shown)
    rows = similarity.with_rows_text(similarity.with_texts(rows, ctx.finding_texts(rows)))
    picked = common.table(rows, FINDING_COLUMNS, "quality.findings", select=True, height=380)
    if picked is not None:
        common.go("drill", form=rows.iloc[picked]["form_id"])
    if ctx.lang != DEFAULT_LANG:
        st.caption(ctx.t("quality.messages_in_chinese"))


def carry_over(ctx: common.Context) -> None:
    st.subheader(ctx.t("quality.carry"))
    trend = similarity.carry_trend(ctx.forms)
    if trend.empty:
        st.info(ctx.t("quality.no_carry"))
        return
    places = sorted(trend["place"].unique())
    chosen = common.url_select(
        st, ctx.t("briefing.trend_place"), places, "quality.carry_place", "carry", str, default=places[0]
    )
    common.chart(charts.carry_lines(trend, ctx.lang, chosen), "quality.carry")
    repeating = int(ctx.forms.loc[ctx.forms["carry_share"].notna(), "unit"].nunique())
    if repeating > trend["unit"].nunique():
        st.caption(ctx.t("caption.top_rows", shown=trend["unit"].nunique(), total=repeating))


main()
