"""The router's steps on every run: the language switch, the page menu, the house style, the store
snapshot (scoring forms that have none yet) and the sidebar filters, kept as the run's context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from lib import settings
from lib.filters import FIELDS, Filters
from lib.i18n import DEFAULT_LANG, LANGS, label, t, term
from lib.quality import background
from lib.store import STORE_ERRORS, open_store, store_problem
from lib.views.data import filter_options
from pages.common.data import Context, await_scores, load
from pages.common.state import CONTEXT_KEY, PAGES, url_multiselect, url_select

CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 1.9rem; font-weight: 600; color: #1F3864; }
[data-testid="stMetricLabel"] p { font-size: 0.9rem; color: #4B5563; white-space: normal; }
[data-testid="stMetricLabel"] div { overflow: visible; white-space: normal; }
h1 { color: #1F3864; font-weight: 700; letter-spacing: 0.02em; }
h2, h3 { color: #1F3864; }
[data-testid="stSidebar"] { border-right: 3px solid #1F3864; }
</style>
"""


def language() -> str:
    """The language switch (sidebar and ``?lang=en``); Chinese unless English is chosen."""
    return str(
        url_select(
            st.sidebar,
            t("sidebar.language", DEFAULT_LANG),
            list(LANGS),
            "app.lang",
            "lang",
            lambda code: t(f"lang.{code}", code),
            default=DEFAULT_LANG,
            omit=DEFAULT_LANG,
            horizontal=True,
        )
    )


def navigation(lang: str) -> list[st.Page]:
    return [
        st.Page(path, title=t(f"nav.{name}", lang), url_path=url, icon=icon, default=name == "overview")
        for name, (path, url, icon) in PAGES.items()
    ]


def prepare(lang: str) -> Context:
    """Open the store, load its forms (scoring any without a score in the background: the pages show
    the scored ones meanwhile), draw the filters; the run's context."""
    _drop_long_params(lang)
    db_path = str(settings.default_db_path())
    try:
        with open_store(db_path) as store:
            version = store.data_version()
        everything = load(db_path, version, "forms")
    except STORE_ERRORS as error:
        store_failed(lang, error)
    if everything["score"].isna().any():
        background.start(db_path)
        await_scores(db_path, lang)
        everything = everything[everything["score"].notna()]  # the pages show what is scored
    filters = sidebar_filters(everything, lang) if len(everything) else Filters()
    context = Context(lang, db_path, version, filters, everything, filters.apply(everything))
    st.session_state[CONTEXT_KEY] = context
    return context


def store_failed(lang: str, error: BaseException) -> None:
    """The store cannot be read or written: say why in the user's words (its detail as plain text), and stop."""
    st.error(t(f"error.store_{store_problem(error)}", lang))
    st.text(f"{settings.default_db_path()}: {error}")
    st.stop()


def _drop_long_params(lang: str) -> None:
    """Take out of the URL any parameter too long to share (no widget of this page may own it)."""
    limit = int(settings.get("max_url_param_chars"))
    for param in [p for p in st.query_params if len(st.query_params.get(p) or "") > limit]:
        st.info(t("url.ignored", lang, param=param))
        del st.query_params[param]


def sidebar_filters(forms: pd.DataFrame, lang: str) -> Filters:
    """The five shared filters, each a multiselect kept in the URL (``?year=2024&county=...``)."""
    options = filter_options(forms)
    formats: dict[str, Callable[[Any], str]] = {
        "year": str,
        "county": str,
        "form_kind": lambda v: label("kind", v, lang),
        "stage": lambda v: term(v, lang),
        "grade": lambda v: label("grade", v, lang),
    }
    st.sidebar.subheader(t("sidebar.filters", lang))
    chosen = {
        name: tuple(
            url_multiselect(
                st.sidebar,
                t(f"filter.{name}", lang),
                options[name],
                f"filter.{name}",
                name,
                formats[name],
                parse=lambda raw, n=name: _filter_values(n, raw),
                placeholder=t("widget.all", lang),
            )
        )
        for name in FIELDS
    }
    st.sidebar.button(t("sidebar.reset", lang), key="filter.reset", on_click=_reset_filters, width="stretch")
    return Filters(**chosen)


def _filter_values(name: str, raw: str | None) -> list:
    """One filter's values as the URL gives them (years as numbers)."""
    return list(getattr(Filters.from_query({name: raw or ""}), name))


def _reset_filters() -> None:
    for name in FIELDS:
        st.session_state[f"filter.{name}"] = []


def style() -> None:
    """The house CSS (fixed markup of our own; no form text)."""
    st.html(CSS)
