"""Target Lens dashboard (``make run``, or ``streamlit run dashboard.py``): the router.

Every run: the language switch, the page menu, the store snapshot and the sidebar filters
(:mod:`app_pages.common`), then the chosen page. The store is ``$TARGETLENS_DB`` when set, else
``data/targetlens.sqlite``. The page modules live in ``app_pages/``, not ``pages/``: Streamlit
treats a ``pages/`` folder beside the entry script as the old file-per-page layout and would
run those files without this router.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from lib.i18n import DEFAULT_LANG, t
from lib.store import STORE_ERRORS


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
        chosen.run()
    except STORE_ERRORS as error:  # a store damaged (or made read-only) under a running page
        common.store_failed(lang, error)


main()
