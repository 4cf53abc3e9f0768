"""State that outlives a run: the page list, the URL-bound widgets, each page's remembered selection, the hand-over.

What a user chose lives in the URL, so copying the address bar shares the view. Three things
take it away, and each is undone here:

- a click in the sidebar menu (or an ``st.page_link``) opens a page with an empty query string:
  the language and the filters are kept by their widgets (a parameter missing from the URL keeps
  the widget's value, :func:`_from_url`), and the page's own parameters are put back from what it
  had when it last ran (:func:`run_routed`);
- a page change gives every widget a new identity, so each URL-bound widget sets its value again;
- Streamlit runs a file of ``pages/`` by itself (a fresh server's first deep link): such a run has
  no context and hands over to the router (:func:`context`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from lib import settings
from lib.filters import FIELDS
from lib.i18n import DEFAULT_LANG, t
from pages.common.data import Context

PAGES = {  # name → (file, URL path, icon); the URL path is the file's name, as Streamlit's own page list has it
    "overview": ("pages/overview.py", "overview", ":material/dashboard:"),
    "budget": ("pages/budget.py", "budget", ":material/account_balance:"),
    "structure": ("pages/structure.py", "structure", ":material/account_tree:"),
    "quality": ("pages/quality.py", "quality", ":material/content_copy:"),
    "compare": ("pages/compare.py", "compare", ":material/compare_arrows:"),
    "drill": ("pages/drill.py", "drill", ":material/manage_search:"),
    "import": ("pages/import_forms.py", "import_forms", ":material/upload_file:"),
}
SHARED_PARAMS = ("lang", *FIELDS)  # kept by the sidebar's widgets on every page
CONTEXT_KEY = "app.context"
_ROUTED: ContextVar[bool] = ContextVar(
    "routed_by_dashboard", default=False
)  # set while the router runs a page
_URL_MARK = "app.url."  # + widget key: the URL value the widget was last synchronised with
_FORGET = "app.forget"  # a mark meaning: take the value from the URL next run, even if it is absent
_PARAM_KEYS = "app.param_keys"  # URL parameter → the widget key bound to it
_PAGE_QUERY = "app.page_query"  # page URL path → its own parameters when it last ran
_LAST_PAGE = "app.last_page"
_LEAVING = "app.leaving"  # set by go(): the URL now belongs to the next page
_HANDLED = "app.handled."  # + widget key: the last click acted upon


def run_routed(chosen: StreamlitPage) -> None:
    """Run the chosen page as the router's, with its remembered parameters back when a menu click dropped them."""
    page = chosen.url_path
    _restore_page_query(page)
    token = _ROUTED.set(True)
    try:
        chosen.run()
    finally:
        _ROUTED.reset(token)
        if not st.session_state.pop(_LEAVING, False):
            st.session_state.setdefault(_PAGE_QUERY, {})[page] = _own_params()


def _own_params() -> dict[str, str]:
    return {k: v for k, v in st.query_params.items() if k not in SHARED_PARAMS}


def _restore_page_query(page: str) -> None:
    """Arriving from another page with none of this page's parameters: put back the ones it last had."""
    arrived = st.session_state.get(_LAST_PAGE) != page
    st.session_state[_LAST_PAGE] = page
    if arrived and not _own_params():
        for name, value in st.session_state.get(_PAGE_QUERY, {}).get(page, {}).items():
            st.query_params[name] = value


def context() -> Context:
    """The run's context. Streamlit runs a page file by itself when a ``pages/`` folder is present
    (a fresh server's first deep link, some reruns); such a run hands over to the router."""
    if not _ROUTED.get():
        from dashboard import main  # the router imports this module: import it only when needed

        main()
        st.stop()
    return st.session_state[CONTEXT_KEY]


def url_value(param: str) -> str | None:
    """``?param=`` as the URL gives it; a value longer than ``max_url_param_chars`` is ignored, with a notice."""
    raw = st.query_params.get(param)
    if raw is not None and len(raw) > int(settings.get("max_url_param_chars")):
        st.info(t("url.ignored", _lang(), param=param))
        return None
    return raw


def _from_url(key: str, param: str, decode: Callable[[str | None], Any]) -> None:
    """Before a widget is drawn: take its value from the URL when the URL names a new one (a parameter
    missing from the URL keeps the widget's value: a menu click drops them all)."""
    raw = url_value(param)
    st.session_state.setdefault(_PARAM_KEYS, {})[param] = key
    mark = st.session_state.get(_URL_MARK + key)
    if key not in st.session_state or mark == _FORGET or (raw is not None and raw != mark):
        st.session_state[key] = decode(raw)
    else:  # set it again: a page change gives the widget a new id, which would start at its default
        st.session_state[key] = st.session_state[key]


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
        value = where.selectbox(
            text, options, key=key, format_func=format_func, placeholder=t("widget.choose", _lang())
        )
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
    placeholder: str | None = None,
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
    values = where.multiselect(
        text,
        allowed,
        key=key,
        format_func=format_func,
        max_selections=max_selections,
        placeholder=placeholder or t("widget.choose", _lang()),
        select_all=False,  # Streamlit's "Select all" has no translation; picking all is picking none
    )
    _to_url(key, param, ",".join(map(encode, values)) or None)
    return values


def _distinct(values: list) -> list:
    return list(dict.fromkeys(values))


def _lang() -> str:
    """The language of this run (its switch is drawn first)."""
    return str(st.session_state.get("app.lang", DEFAULT_LANG))


def set_params(**params: object) -> None:
    """Change some of this page's URL parameters and run it again (widgets bound to them follow;
    a parameter given as None is cleared, and its widget goes back to its default)."""
    keys = st.session_state.get(_PARAM_KEYS, {})
    for name, value in params.items():
        if value is None:
            st.query_params.pop(name, None)
            if name in keys:
                st.session_state[_URL_MARK + keys[name]] = _FORGET
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
    st.session_state[_LEAVING] = True
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
