"""What pages draw with: the page start (title, selection, first-run guide), clickable charts, tables
with the house column formats, and the export downloads built when clicked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from lib.charts import CONFIG, GRADE_COLOURS, SEVERITY_COLOURS, clicked
from lib.export.brief import brief_html
from lib.export.county_brief import county_brief_html
from lib.export.workbook import build_workbook
from lib.i18n import DEFAULT_LANG, MONEY_FIELDS, SCORE_FIELDS, SHARE_FIELDS, has, label, source_ref, t, term
from lib.samples import load_samples_if_empty
from lib.store import Store, open_store
from lib.views.data import GRADES, SEVERITIES, synthetic_share
from lib.views.drill import FLAG_ORDER
from pages.common.data import Context, score_with_progress
from pages.common.state import PAGES, context, fresh, go

HIDDEN = {"form_id", "a", "b", "same_name", "same_value"}
_COLOURED_CODES = {"grade": (GRADES, GRADE_COLOURS), "severity": (SEVERITIES, SEVERITY_COLOURS)}
"""Coded columns shown as coloured tags, by column: the codes in order and their colours."""
BADGES = {"grade", "severity", "flags"}  # list-valued cells shown as coloured labels
ROW_PX = 35  # st.dataframe's row height


def page(title_key: str, needs_forms: bool = True) -> Context | None:
    """Start a page: its title and the selection's size; None (after the first-run guide) on an empty store."""
    ctx = context()
    st.title(ctx.t(title_key))
    synthetic = synthetic_share(ctx.everything)
    if synthetic:
        st.warning(ctx.t("app.synthetic", share=synthetic), icon=":material/science:")
    if needs_forms and ctx.everything.empty:
        first_run(ctx)
        return None
    if needs_forms:
        total = len(ctx.everything)
        st.caption(
            ctx.t("caption.selection", shown=len(ctx.forms), total=total)
            if not ctx.filters.is_empty()
            else ctx.t("caption.all", total=total)
        )
        if ctx.forms.empty:
            st.info(ctx.t("info.no_selection"))
            return None
    return ctx


def first_run(ctx: Context) -> None:
    """The guide shown while the store is empty, with a button that loads the bundled samples."""
    st.info(ctx.t("firstrun.intro"))
    st.markdown(ctx.t("firstrun.ways"))
    st.code(
        "make run\npython -m lib ingest PATH\nTARGETLENS_DB=/path/store.sqlite streamlit run dashboard.py",
        language="bash",
    )
    if st.button(ctx.t("firstrun.load"), key="firstrun.load_samples", type="primary"):
        with st.status(ctx.t("firstrun.loading"), expanded=True) as status:
            with open_store(ctx.db_path) as store:
                for result in load_samples_if_empty(store):
                    st.text(result.line(ctx.lang))
                score_with_progress(store, ctx.lang)
            status.update(label=ctx.t("firstrun.loaded"), state="complete")
        st.rerun()
    st.page_link(PAGES["import"][0], label=ctx.t("firstrun.to_import"), icon=PAGES["import"][2])


# ---- charts and tables ---------------------------------------------------------------------
def chart(figure: Any, key: str, clickable: bool = False) -> list[tuple]:
    """Draw a figure; for a clickable one, the ``customdata`` of a new click (else [])."""
    if not clickable:
        st.plotly_chart(figure, key=key, theme=None, config=CONFIG)
        return []
    event = st.plotly_chart(
        figure, key=key, theme=None, config=CONFIG, on_select="rerun", selection_mode="points"
    )
    return fresh(key, clicked(event.selection))


def form_chart(figure: Any, key: str) -> None:
    """Draw a figure whose points are forms (the form id first in ``customdata``); a click opens that
    form in the drill-down."""
    for form_id, *_ in chart(figure, key, clickable=True):
        go("drill", form=form_id)


def column_config(columns: Sequence[str], lang: str) -> dict[str, Any]:
    """Titles and formats for the columns the pages show, by column name."""
    config: dict[str, Any] = {}
    for column in columns:
        title = t(f"col.{column}", lang) if has(f"col.{column}") else str(column)
        if column in MONEY_FIELDS:
            config[column] = st.column_config.NumberColumn(title, format="accounting")
        elif column in SHARE_FIELDS:
            config[column] = st.column_config.ProgressColumn(
                title, format="percent", min_value=0.0, max_value=1.0
            )
        elif column in SCORE_FIELDS:
            config[column] = st.column_config.NumberColumn(title, format="%.1f")
        elif column in _COLOURED_CODES:
            codes, colours = _COLOURED_CODES[column]
            config[column] = st.column_config.MultiselectColumn(
                title,
                options=list(codes),
                color=[colours[code] for code in codes],
                format_func=lambda code, prefix=column: label(prefix, code, lang),
                width="small",
            )
        elif column == "flags":
            config[column] = st.column_config.MultiselectColumn(
                title, options=list(FLAG_ORDER), color="#B07D48", format_func=lambda f: label("flag", f, lang)
            )
        elif column in (
            "year",
            "rank",
            "seq",
            "seq_a",
            "seq_b",
            "forms",
            "to_return",
            "cluster",
            "townships",
        ):
            config[column] = st.column_config.NumberColumn(title, format="%d", width="small")
        elif column == "target":  # a target as written in numbers: 90, 0.5, 1200 (not 90.000000)
            config[column] = st.column_config.NumberColumn(title, format="plain")
        elif column in ("reason", "named_places"):  # a line of text: room for it, the short columns small
            config[column] = st.column_config.TextColumn(title, width="large")
        elif column in HIDDEN:
            config[column] = None  # carried for selections and shading, not shown
        else:
            config[column] = st.column_config.Column(title)
    return config


def for_display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy with codes as people read them: badges as lists, rule codes as titles, vocabulary translated."""
    shown = frame.copy()
    for column in ("grade", "severity"):
        if column in shown:
            badges = [[v] if isinstance(v, str) else [] for v in shown[column].to_numpy(dtype=object)]
            shown[column] = pd.Series(
                badges, index=shown.index, dtype=object
            )  # not a map over pyarrow scalars
    if "code" in shown:
        shown["code"] = shown["code"].map(lambda c: label("finding", c, lang))
    if "verdict" in shown:
        shown["verdict"] = shown["verdict"].map(
            lambda v: label("verdict", v, lang) if isinstance(v, str) else v
        )
    if "form_kind" in shown:
        shown["form_kind"] = shown["form_kind"].map(
            lambda k: label("kind", k, lang) if isinstance(k, str) else None
        )
    if "source_ref" in shown:
        shown["source_ref"] = shown["source_ref"].map(lambda ref: source_ref(ref, lang))
    for column in ("level1", "level2", "kind", "stage", "operator"):
        if column in shown and lang != DEFAULT_LANG:
            shown[column] = shown[column].map(lambda v: term(v, lang) if isinstance(v, str) else v)
    text = [
        c
        for c in shown.columns
        if c not in BADGES and (shown[c].dtype == object or pd.api.types.is_string_dtype(shown[c]))
    ]
    shown[text] = shown[text].astype(object).where(shown[text].notna(), "")  # a blank cell, not "None"
    return shown


def table(
    frame: pd.DataFrame,
    columns: Sequence[str],
    key: str,
    select: bool = False,
    height: int = 420,
    styles: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> int | None:
    """A read-only table of ``columns``, as tall as its rows up to ``height`` pixels; with ``select``, the
    position of a newly picked row (else None). ``styles`` maps the shown frame to a same-shaped frame of
    CSS (cell shading, e.g. identical text)."""
    lang = context().lang
    data = for_display(frame[list(columns)], lang)
    shown = data.style.apply(styles, axis=None) if styles else data
    config = column_config(columns, lang)
    options = {"column_config": config, "hide_index": True, "key": key}
    options["height"] = min(height, ROW_PX * (len(frame) + 1) + 3)
    if not select:
        st.dataframe(shown, **options)
        return None
    event = st.dataframe(shown, **options, on_select="rerun", selection_mode="single-row")
    rows = fresh(key, list(event.selection.rows))
    return rows[0] if rows else None


def download_workbook(ctx: Context, key: str) -> None:
    """The briefing workbook of the current selection (built when clicked)."""
    _download(
        ctx,
        key,
        "export.workbook",
        lambda store: build_workbook(store, ctx.filters, ctx.lang),
        "targetlens.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ":material/download:",
    )


def download_brief(ctx: Context, form_id: str, key: str) -> None:
    """The printable one-page brief of a form (built when clicked)."""
    _download(
        ctx,
        key,
        "export.brief",
        lambda store: brief_html(store, form_id, ctx.lang, ctx.filters).encode("utf-8"),
        f"brief_{form_id}.html",
        "text/html",
        ":material/print:",
    )


def download_county_brief(ctx: Context, county: str, key: str) -> None:
    """The printable brief of one county's selected forms (built when clicked)."""
    chosen = replace(ctx.filters, county=(county,))
    _download(
        ctx,
        key,
        "briefing.county_brief",
        lambda store: county_brief_html(store, chosen, ctx.lang).encode("utf-8"),
        f"county_brief_{county}.html",
        "text/html",
        ":material/print:",
    )


def download_letter(ctx: Context, form_id: str, key: str) -> None:
    """The return letter of a form as .docx (built when clicked)."""
    from lib.export.letter import letter_docx

    _download(
        ctx,
        key,
        "letter.download",
        lambda store: letter_docx(store, form_id, ctx.lang),
        f"letter_{form_id}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ":material/description:",
    )


def _download(
    ctx: Context,
    key: str,
    label_key: str,
    build: Callable[[Store], bytes],
    file_name: str,
    mime: str,
    icon: str,
) -> None:
    """A download button whose file is built from the store only when clicked."""

    def contents() -> bytes:
        with open_store(ctx.db_path) as store:
            return build(store)

    st.download_button(
        ctx.t(label_key), contents, file_name=file_name, mime=mime, key=key, icon=icon, on_click="ignore"
    )
