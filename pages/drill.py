"""Drill-down: township → form → section → indicators; one indicator's full record and its neighbours.

The URL keeps the place by ids: ``?township=<key>&form=<form_id>&seq=<n>`` opens a form at one indicator
(the township as a short key of its name, never the name: a 100k-character name made a URL no server takes).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.corrections import undo
from lib.i18n import display, label
from lib.model import Form, Indicator
from lib.quality.engine import score_store
from lib.quality.results import CRITERIA_WEIGHTED
from lib.store import open_store
from lib.views import compare, drill, review
from pages import common

NEAREST_COLUMNS = ["form_id", "label", "seq", "name", "value_raw", "ratio"]
UNDONE_KEY = "drill.undone"  # set for the run after an undo, to say it was done
HIGHLIGHT = "background-color: #FFF4CC"
SEVERITY_BADGES = {
    "high": "red",
    "medium": "orange",
    "low": "gray",
}  # the findings tables' tag colours, as badge names
SCROLL_SCRIPT = """<script>
(function find(tries) {
  const record = window.parent.document.getElementById("record") || document.getElementById("record");
  if (record) { record.scrollIntoView({block: "start"}); } else if (tries > 0) { setTimeout(() => find(tries - 1), 200); }
})(25);
</script>"""


def main() -> None:
    ctx = common.page("title.drill")
    if ctx is None:
        return
    asked = common.url_value("form")
    place_col, form_col = st.columns([1, 2])
    place = common.url_select(
        place_col,
        ctx.t("col.place"),
        drill.places(ctx.forms),
        "drill.township",
        "township",
        str,
        default=drill.place_of(ctx.forms, asked),
        encode=drill.place_key,
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
        for stale in ("seq", "finding"):
            st.query_params.pop(stale, None)
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
        before = row["score_before_review"].iloc[0]
        if before == before and before != row["score"].iloc[0]:  # NaN != NaN: not scored by this edition
            st.caption(
                ctx.t(
                    "review.scores",
                    before=display("score", before, ctx.lang),
                    grade_before=label("grade", row["grade_before_review"].iloc[0], ctx.lang),
                    after=display("score", row["score"].iloc[0], ctx.lang),
                    grade_after=label("grade", row["grade"].iloc[0], ctx.lang),
                )
            )
        common.download_brief(ctx, form_id, "drill.brief")
        common.download_letter(ctx, form_id, "drill.letter")
    own = review.form_findings(ctx.form_table("findings", form_id), form_id, ctx.lang)
    with st.expander(ctx.t("drill.findings", count=len(own)), expanded=bool(len(own))):
        picked = common.table(own, review.FINDING_COLUMNS, "drill.findings", select=True)
        st.caption(ctx.t("drill.finding_help"))
        if picked is not None:
            common.set_params(finding=int(own.iloc[picked]["idx"]), seq=None)
    form = common.load_form(ctx.db_path, ctx.version, form_id)
    if form is None:
        return
    credits(ctx, form)
    reviewer(ctx, form_id, own)
    parts(ctx, form)
    indicators(ctx, form)


def credits(ctx: common.Context, form: Form) -> None:
    """Per row-scored dimension, which rows earned and which lost points, and why."""
    with st.expander(ctx.t("drill.dimensions")):
        dimension = st.selectbox(
            ctx.t("drill.dimension"),
            CRITERIA_WEIGHTED,
            key="drill.dimension",
            format_func=lambda d: label("criterion", d, ctx.lang),
        )
        findings, flags = ctx.form_table("findings", form.form_id), ctx.form_table("flags", form.form_id)
        shown = review.credit_table(form, findings, flags, dimension, ctx.lang)
        common.table(shown, review.CREDIT_COLUMNS, "drill.credits")


def reviewer(ctx: common.Context, form_id: str, own: pd.DataFrame) -> None:
    """Dismiss a finding with a reason, or add a remark; both are kept and the store is rescored."""
    with st.expander(ctx.t("review.title")):
        choices = review.dismissal_choices(own)
        with st.form("review.dismiss_form", clear_on_submit=True):
            key = st.selectbox(
                ctx.t("review.pick"), list(choices), format_func=choices.get, key="review.pick"
            )
            reason = st.text_input(ctx.t("review.reason"), key="review.reason")
            if st.form_submit_button(ctx.t("review.dismiss")) and key and reason.strip():
                save_review(ctx, form_id, "dismiss", reason.strip(), key)
        with st.form("review.remark_form", clear_on_submit=True):
            remark = st.text_area(ctx.t("review.remark"), key="review.remark")
            if st.form_submit_button(ctx.t("review.add_remark")) and remark.strip():
                save_review(ctx, form_id, "remark", remark.strip())
        with open_store(ctx.db_path) as store:
            kept = store.reviews_frame(form_id)
        if len(kept):
            common.table(review.reviews_table(kept, own, ctx.lang), review.REVIEW_COLUMNS, "review.kept")


def save_review(ctx: common.Context, form_id: str, action: str, text: str, key: str | None = None) -> None:
    with open_store(ctx.db_path) as store:
        store.add_review(form_id, action, text, key)
        score_store(store)
    st.toast(ctx.t("review.saved"))
    st.rerun()


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
    """The indicator table (section, flag kind, search, or the rows of one finding); a picked row, or
    ``?seq=``, opens its record below, highlighted in the table and scrolled to."""
    st.subheader(ctx.t("drill.indicators"))
    rows = ctx.rows([form.form_id])
    flags = ctx.form_table("flags", form.form_id)
    seqs = finding_filter(ctx, form.form_id)
    section_col, flag_col, search_col = st.columns([2, 1, 2])
    section = section_col.selectbox(
        ctx.t("drill.section"),
        [None, *drill.sections(rows)],
        key="drill.section",
        format_func=lambda s: ctx.t("drill.all_sections") if s is None else s,
        placeholder=ctx.t("widget.choose"),
    )
    flag = common.url_select(
        flag_col,
        ctx.t("drill.flag"),
        ["", *drill.flag_kinds(flags, form.form_id)],
        "drill.flag",
        "flag",
        lambda f: label("flag", f, ctx.lang) if f else ctx.t("drill.all_flags"),
        omit="",
    )
    search = search_col.text_input(
        ctx.t("drill.search"), key="drill.search", placeholder=ctx.t("drill.search_hint")
    )
    fixes = drill.corrections_of(ctx.table("corrections"), form.form_id, ctx.lang)
    shown = drill.indicator_table(
        rows, flags, ctx.labels, section, search, flag or None, seqs, set(fixes["seq"])
    )
    seq = common.url_value("seq")
    picked = common.table(
        shown, drill.TABLE_COLUMNS, "drill.table", select=True, height=420, styles=highlight(seq)
    )
    if picked is not None:
        common.set_params(seq=int(shown.iloc[picked]["seq"]))
    chosen = [i for i in form.indicators if seq and str(i.seq) == seq]
    if chosen:
        record(ctx, chosen[0], form.form_id)
        scroll_to_record(seq)
    else:
        st.caption(ctx.t("drill.pick_row"))
    corrections(ctx, form.form_id, fixes)


def corrections(ctx: common.Context, form_id: str, fixes: pd.DataFrame) -> None:
    """The form's corrections by hand, each of which can be undone."""
    if st.session_state.pop(UNDONE_KEY, False):
        st.success(ctx.t("drill.undone"))
    if fixes.empty:
        return
    with st.expander(ctx.t("drill.corrections", count=len(fixes)), expanded=True):
        common.table(fixes, drill.CORRECTION_COLUMNS, "drill.corrections")
        ids = dict(zip(drill.correction_labels(fixes), fixes["id"], strict=True))
        chosen = st.selectbox(ctx.t("drill.undo_pick"), list(ids), index=None, key="drill.undo_pick")
        if st.button(ctx.t("drill.undo"), key="drill.undo", disabled=chosen is None):
            with open_store(ctx.db_path) as store:
                undo(store, form_id, int(ids[chosen]))
                common.score_with_progress(store, ctx.lang)
            st.session_state[UNDONE_KEY] = True
            st.rerun()


def finding_filter(ctx: common.Context, form_id: str) -> list[int] | None:
    """The rows of the finding picked above (``?finding=``), with a way back to every row; None when none is picked
    or the finding is about the whole form (it names no row)."""
    asked = st.query_params.get("finding", "")
    seqs = (
        drill.finding_rows(ctx.form_table("findings", form_id), form_id, int(asked))
        if asked.isdigit()
        else None
    )
    if seqs is None:
        return None
    note, back = st.columns([4, 1], vertical_alignment="center")
    note.caption(ctx.t("drill.only_finding", count=len(seqs)) if seqs else ctx.t("drill.whole_form_finding"))
    if back.button(ctx.t("drill.all_rows"), key="drill.all_rows"):
        common.set_params(finding=None)
    return seqs or None  # a finding about the whole form names no row: every row stays


def highlight(seq: str | None):
    """Cell styles that shade the chosen row of the indicator table."""

    def styles(shown: pd.DataFrame) -> pd.DataFrame:
        chosen = shown["seq"].astype(str) == (seq or "")
        return pd.DataFrame(
            [[HIGHLIGHT if hit else "" for _ in shown.columns] for hit in chosen],
            index=shown.index,
            columns=shown.columns,
        )

    return styles


def scroll_to_record(seq: str) -> None:
    """Bring the record into view once per newly chosen row (fixed script of our own; no form text)."""
    if st.session_state.get("drill.scrolled") == seq:
        return
    st.session_state["drill.scrolled"] = seq
    st.html(SCROLL_SCRIPT, unsafe_allow_javascript=True)


def record(ctx: common.Context, indicator: Indicator, form_id: str) -> None:
    """One indicator: every stored field (long texts in full beneath the table) beside the findings about it,
    then its corrections by hand and the closest rows in other forms at full width (half a page is too narrow
    for their columns)."""
    st.subheader(ctx.t("drill.record", seq=indicator.seq), anchor="record")
    fields, about = st.columns([1, 1], gap="large")
    with fields:
        shown = drill.record(indicator, ctx.lang)
        long = drill.long_fields(shown)
        common.table(shown[~long], ["field", "value"], "drill.record", height=700)
        for field, value in shown[long].itertuples(index=False):
            st.caption(field)
            st.text(value)  # form text: plain, wrapped to the column
    with about:
        found = drill.row_findings(ctx.form_table("findings", form_id), form_id, indicator.seq)
        st.caption(ctx.t("drill.row_findings", count=len(found)))
        finding_notes(ctx, found)
    fixes = drill.corrections_of(ctx.table("corrections"), form_id, ctx.lang, indicator.seq)
    if len(fixes):
        st.caption(ctx.t("drill.row_corrections", count=len(fixes)))
        common.table(fixes, drill.CORRECTION_COLUMNS, "drill.row_corrections")
    st.caption(ctx.t("drill.nearest"))
    nearest = drill.nearest_rows(ctx.table("texts"), ctx.labels, form_id, indicator.seq)
    picked = common.table(nearest, NEAREST_COLUMNS, "drill.nearest", select=True)
    if picked is not None:
        other = nearest.iloc[picked]
        common.set_params(form=other["form_id"], seq=int(other["seq"]), township=None)


def finding_notes(ctx: common.Context, found: pd.DataFrame) -> None:
    """The findings about one row, one note each: its severity and title, then what it says, wrapped to the
    column's width (a table cell cut it off). The message quotes the form, so it is plain text."""
    for finding in found.itertuples():
        with st.container(border=True):
            head = st.container(horizontal=True, vertical_alignment="center", gap="small")
            head.badge(label("severity", finding.severity, ctx.lang), color=SEVERITY_BADGES[finding.severity])
            head.text(label("finding", finding.code, ctx.lang))
            st.text(finding.message)


main()
