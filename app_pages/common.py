"""What every page shares: the store snapshot, the sidebar, state kept in the URL, tables, charts, exports.

``dashboard.py`` calls :func:`prepare` once per run, before the page: it reads the store's
version, loads the forms (cached on that version), starts scoring in the background when some
have no score yet (the pages show the scored ones meanwhile), draws the sidebar filters and
keeps the result as the run's :class:`Context`. A page calls
:func:`page` to get it (or, on an empty store, to show the first-run guide instead).

Widgets whose value belongs in a shareable link are drawn through :func:`url_select` and
:func:`url_multiselect`: the value is read from ``st.query_params`` when the URL changed and
written back after the widget. Form text reaches the screen only through ``st.dataframe``,
``st.text`` and plotly figures (escaped in :mod:`lib.charts`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from lib import settings
from lib.charts import CONFIG, GRADE_COLOURS, SEVERITY_COLOURS, clicked
from lib.filters import FIELDS, Filters
from lib.i18n import DEFAULT_LANG, LANGS, has, label, t, term
from lib.model import Form
from lib.quality import background
from lib.quality.engine import score_store
from lib.samples import load_samples_if_empty
from lib.store import STORE_ERRORS, Store, open_store, store_problem
from lib.views.data import (
    GRADES,
    SEVERITIES,
    filter_options,
    indicators_table,
    labels_by_id,
    load_table,
    restrict,
    synthetic_share,
)
from lib.views.drill import FLAG_ORDER

PAGES = {  # name → (file, URL path, icon)
    "overview": ("app_pages/overview.py", "overview", ":material/dashboard:"),
    "budget": ("app_pages/budget.py", "budget", ":material/account_balance:"),
    "structure": ("app_pages/structure.py", "structure", ":material/account_tree:"),
    "quality": ("app_pages/quality.py", "quality", ":material/content_copy:"),
    "compare": ("app_pages/compare.py", "compare", ":material/compare_arrows:"),
    "drill": ("app_pages/drill.py", "drill", ":material/manage_search:"),
    "import": ("app_pages/import_forms.py", "import", ":material/upload_file:"),
}
HIDDEN = {"form_id", "a", "b", "same_name", "same_value"}
BADGES = {"grade", "severity", "flags"}  # list-valued cells shown as coloured labels
ROW_PX = 35  # st.dataframe's row height
CONTEXT_KEY = "app.context"
_URL_MARK = "app.url."  # + widget key: the URL value the widget was last synchronised with
_HANDLED = "app.handled."  # + widget key: the last click acted upon
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


@dataclass(frozen=True)
class Context:
    """One run's view of the store: language, selection and the selected forms."""

    lang: str
    db_path: str
    version: int
    filters: Filters
    everything: pd.DataFrame  # every form in the store
    forms: pd.DataFrame  # the forms the sidebar selects

    def t(self, key: str, **fmt: object) -> str:
        return t(key, self.lang, **fmt)

    def table(self, name: str) -> pd.DataFrame:
        """A store table (:data:`lib.views.data.TABLES`), restricted to the selected forms where rows are per form."""
        frame = load(self.db_path, self.version, name)
        return restrict(frame, self.forms["form_id"]) if "form_id" in frame else frame

    def rows(self, form_ids: Sequence[str]) -> pd.DataFrame:
        """The indicators of a few forms (read on their own: cheaper than the whole table on a large store)."""
        return load_rows(self.db_path, self.version, tuple(form_ids))

    @property
    def labels(self) -> dict[str, str]:
        return labels_by_id(self.everything)


@st.cache_data(max_entries=int(settings.get("cache_entries")) * 6, show_spinner=False)
def load(db_path: str, version: int, name: str) -> pd.DataFrame:
    """A table of the store at one version; the version is part of the key, so a change reloads it."""
    with open_store(db_path) as store:
        return load_table(store, name)


@st.cache_data(max_entries=int(settings.get("cache_entries")) * 8, show_spinner=False)
def load_rows(db_path: str, version: int, form_ids: tuple[str, ...]) -> pd.DataFrame:
    """The indicators of the forms named, at one version of the store."""
    with open_store(db_path) as store:
        return indicators_table(store, form_ids)


@st.cache_data(max_entries=int(settings.get("cache_entries")) * 8, show_spinner=False)
def load_form(db_path: str, version: int, form_id: str) -> Form | None:
    """One stored form as it was read (functions, goals, projects and all)."""
    with open_store(db_path) as store:
        return store.get_form(form_id)


# ---- the run: language, navigation, store, sidebar --------------------------------------
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
    """Open the store, load its forms (scoring any without a score), draw the filters; the run's context."""
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


@st.fragment(run_every=2)
def await_scores(db_path: str, lang: str) -> None:
    """The background scoring's progress, redrawn every two seconds; the whole page reruns when it ends."""
    share = background.progress(db_path)
    if share is None:
        st.rerun()
    st.progress(share, text=t("status.scoring_background", lang))


def score_with_progress(store: Store, lang: str) -> None:
    """Run the quality engine on the whole store under a progress bar."""
    bar = st.progress(0.0, text=t("status.scoring", lang))
    score_store(
        store,
        progress=lambda share, step: bar.progress(min(max(share, 0.0), 1.0), text=label("step", step, lang)),
    )


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


def context() -> Context:
    return st.session_state[CONTEXT_KEY]


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
                    st.text(result.line())
                score_with_progress(store, ctx.lang)
            status.update(label=ctx.t("firstrun.loaded"), state="complete")
        st.rerun()
    st.page_link(PAGES["import"][0], label=ctx.t("firstrun.to_import"), icon=PAGES["import"][2])


# ---- state in the URL --------------------------------------------------------------------
def _drop_long_params(lang: str) -> None:
    """Take out of the URL any parameter too long to share (no widget of this page may own it)."""
    limit = int(settings.get("max_url_param_chars"))
    for param in [p for p in st.query_params if len(st.query_params.get(p) or "") > limit]:
        st.info(t("url.ignored", lang, param=param))
        del st.query_params[param]


def url_value(param: str) -> str | None:
    """``?param=`` as the URL gives it; a value longer than ``max_url_param_chars`` is ignored, with a notice."""
    raw = st.query_params.get(param)
    if raw is not None and len(raw) > int(settings.get("max_url_param_chars")):
        st.info(t("url.ignored", st.session_state.get("app.lang", DEFAULT_LANG), param=param))
        return None
    return raw


def _from_url(key: str, param: str, decode: Callable[[str | None], Any]) -> None:
    """Before a widget is drawn: take its value from the URL if the URL changed since the widget last saw it."""
    raw = url_value(param)
    if key not in st.session_state or st.session_state.get(_URL_MARK + key) != raw:
        st.session_state[key] = decode(raw)
        st.session_state[_URL_MARK + key] = raw


def _to_url(key: str, param: str, raw: str | None) -> None:
    """After a widget is drawn: put its value in the URL (or take the parameter out, also when it is
    too long to share: a link must reopen)."""
    if raw and len(raw) <= int(settings.get("max_url_param_chars")):
        st.query_params[param] = raw
    elif param in st.query_params:
        del st.query_params[param]
    st.session_state[_URL_MARK + key] = raw or None


def url_select(
    where: Any,
    text: str,
    options: Sequence,
    key: str,
    param: str,
    format_func: Callable[[Any], str],
    default: Any = None,
    omit: Any = None,
    horizontal: bool = False,
    encode: Callable[[Any], str] = str,
) -> Any:
    """A selectbox (or, for a few fixed choices, a horizontal radio) whose value lives in ``?param=``.

    ``default`` is taken when the URL names no valid option (else the first option); a value
    equal to ``omit`` is left out of the URL. ``encode`` is the option's text in the URL: an id
    or a short key, never free text from a form.
    """
    by_text = {encode(o): o for o in options}
    first = default if default in by_text.values() else (options[0] if options else None)
    _from_url(key, param, lambda raw: by_text.get(raw or "", first))
    if st.session_state[key] not in by_text.values():  # options changed under it (another township chosen)
        st.session_state[key] = first
    if horizontal:
        value = where.radio(text, options, key=key, format_func=format_func, horizontal=True)
    else:
        value = where.selectbox(text, options, key=key, format_func=format_func)
    _to_url(key, param, None if value is None or value == omit else encode(value))
    return value


def url_multiselect(
    where: Any,
    text: str,
    options: Sequence,
    key: str,
    param: str,
    format_func: Callable[[Any], str],
    parse: Callable[[str | None], list] | None = None,
    max_selections: int | None = None,
    default: Sequence = (),
    encode: Callable[[Any], str] = str,
) -> list:
    """A multiselect whose values live in ``?param=a,b`` (``default`` when the URL names none);
    a value named twice is chosen once (``?forms=A,A``)."""
    allowed = list(options)
    by_text = {encode(o): o for o in allowed}
    split = parse or (lambda raw: [by_text[p] for p in (raw or "").split(",") if p in by_text])
    _from_url(
        key,
        param,
        lambda raw: _distinct([v for v in (split(raw) if raw else default) if v in allowed])[:max_selections],
    )
    st.session_state[key] = _distinct([v for v in st.session_state[key] if v in allowed])
    values = where.multiselect(text, allowed, key=key, format_func=format_func, max_selections=max_selections)
    _to_url(key, param, ",".join(map(encode, values)) or None)
    return values


def _distinct(values: list) -> list:
    return list(dict.fromkeys(values))


def set_params(**params: object) -> None:
    """Change some of this page's URL parameters and run it again (widgets bound to them follow)."""
    for name, value in params.items():
        if value is None:
            st.query_params.pop(name, None)
        else:
            st.query_params[name] = str(value)
    st.rerun()


def go(target: str, **params: object) -> None:
    """Open another page with the language, the filters and ``params`` in its URL."""
    ctx = context()
    query = {
        **ctx.filters.to_query(),
        **({"lang": ctx.lang} if ctx.lang != DEFAULT_LANG else {}),
        **{k: str(v) for k, v in params.items() if v is not None},
    }
    st.switch_page(PAGES[target][0], query_params=query)


def fresh(key: str, picks: list) -> list:
    """``picks`` if they differ from the last ones acted upon for this widget, else [] (no loop on rerun)."""
    if not picks:
        st.session_state.pop(_HANDLED + key, None)
        return []
    if st.session_state.get(_HANDLED + key) == picks:
        return []
    st.session_state[_HANDLED + key] = picks
    return picks


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


def column_config(columns: Sequence[str], lang: str) -> dict[str, Any]:
    """Titles and formats for the columns the pages show, by column name."""
    money = {
        "budget_total",
        "budget_basic",
        "budget_project",
        "budget_other",
        "per_indicator",
        "budget",
        "total",
    }
    share = {"boilerplate_share", "share", "carry_share"}
    scores = {"score", "completeness", "measurability", "specificity", "consistency", "ratio"}
    config: dict[str, Any] = {}
    for column in columns:
        title = t(f"col.{column}", lang) if has(f"col.{column}") else str(column)
        if column in money:
            config[column] = st.column_config.NumberColumn(title, format="accounting")
        elif column in share:
            config[column] = st.column_config.ProgressColumn(
                title, format="percent", min_value=0.0, max_value=1.0
            )
        elif column in scores:
            config[column] = st.column_config.NumberColumn(title, format="%.1f")
        elif column == "grade":
            config[column] = st.column_config.MultiselectColumn(
                title,
                options=list(GRADES),
                color=[GRADE_COLOURS[g] for g in GRADES],
                format_func=lambda g: label("grade", g, lang),
                width="small",
            )
        elif column == "severity":
            config[column] = st.column_config.MultiselectColumn(
                title,
                options=list(SEVERITIES),
                color=[SEVERITY_COLOURS[s] for s in SEVERITIES],
                format_func=lambda s: label("severity", s, lang),
                width="small",
            )
        elif column == "flags":
            config[column] = st.column_config.MultiselectColumn(
                title, options=list(FLAG_ORDER), color="#B07D48", format_func=lambda f: label("flag", f, lang)
            )
        elif column in ("year", "rank", "seq", "seq_a", "seq_b"):
            config[column] = st.column_config.NumberColumn(title, format="%d", width="small")
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
            shown[column] = shown[column].map(lambda v: [v] if isinstance(v, str) else [])
    if "code" in shown:
        shown["code"] = shown["code"].map(lambda c: label("finding", c, lang))
    if "form_kind" in shown:
        shown["form_kind"] = shown["form_kind"].map(
            lambda k: label("kind", k, lang) if isinstance(k, str) else None
        )
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
    height = min(height, ROW_PX * (len(frame) + 1) + 3)
    if not select:
        st.dataframe(shown, column_config=config, hide_index=True, key=key, height=height)
        return None
    event = st.dataframe(
        shown,
        column_config=config,
        hide_index=True,
        key=key,
        height=height,
        on_select="rerun",
        selection_mode="single-row",
    )
    rows = fresh(key, list(event.selection.rows))
    return rows[0] if rows else None


def download_workbook(ctx: Context, key: str) -> None:
    """The briefing workbook of the current selection (built when clicked)."""
    try:
        from lib.export.workbook import build_workbook
    except ImportError:  # the export ships separately; the page works without it
        build_workbook = None
    _download(
        ctx,
        key,
        "export.workbook",
        build_workbook and (lambda store: build_workbook(store, ctx.filters, ctx.lang)),
        "targetlens.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ":material/download:",
    )


def download_brief(ctx: Context, form_id: str, key: str) -> None:
    """The printable one-page brief of a form (built when clicked)."""
    try:
        from lib.export.brief import brief_html
    except ImportError:
        brief_html = None
    _download(
        ctx,
        key,
        "export.brief",
        brief_html and (lambda store: brief_html(store, form_id, ctx.lang, ctx.filters).encode("utf-8")),
        f"brief_{form_id}.html",
        "text/html",
        ":material/print:",
    )


def _download(
    ctx: Context,
    key: str,
    label_key: str,
    build: Callable[[Store], bytes] | None,
    file_name: str,
    mime: str,
    icon: str,
) -> None:
    """A download button whose file is built from the store only when clicked; disabled without a builder."""
    if build is None:
        st.download_button(ctx.t(label_key), b"", key=key, disabled=True)
        st.caption(ctx.t("export.unavailable"))
        return

    def contents() -> bytes:
        with open_store(ctx.db_path) as store:
            return build(store)

    st.download_button(
        ctx.t(label_key), contents, file_name=file_name, mime=mime, key=key, icon=icon, on_click="ignore"
    )


def style() -> None:
    """The house CSS (fixed markup of our own; no form text)."""
    st.html(CSS)
