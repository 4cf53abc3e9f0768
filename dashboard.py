"""Target Lens dashboard (``make run``, or ``streamlit run dashboard.py``): the router.

Every run: the language switch, the page menu, the store snapshot and the sidebar filters
(:mod:`pages.common`), then the chosen page. The store is ``$TARGETLENS_DB`` when set, else
``data/targetlens.sqlite``. Streamlit treats a ``pages/`` folder beside the entry script as the
old file-per-page layout: on a fresh server's first deep link it runs the page file itself, before
this router; :func:`pages.common.context` then hands the run over to :func:`main`.
"""

from __future__ import annotations

import streamlit as st

from lib.i18n import DEFAULT_LANG, t
from lib.store import STORE_ERRORS
from pages import common


def main() -> None:
    st.set_page_config(
        page_title=t("app.title", DEFAULT_LANG), page_icon=":material/insights:", layout="wide"
    )
    lang = common.language()
    if lang != DEFAULT_LANG:
        st.set_page_config(page_title=t("app.title", lang))
    common.style()
    chosen = st.navigation(common.navigation(lang))
    try:
        common.prepare(lang)
        common.run_routed(chosen)
    except STORE_ERRORS as error:  # a store damaged (or made read-only) under a running page
        common.store_failed(lang, error)


if __name__ == "__main__":  # streamlit runs the entry script as __main__
    main()
