"""What every page shares, by concern: :mod:`.data` (cached store tables, the run's context),
:mod:`.state` (the URL, each page's remembered selection, the hand-over to the router),
:mod:`.run` (the router's steps: language, menu, filters) and :mod:`.widgets` (page start,
charts, tables, downloads). Pages use the names below as ``common.<name>``.

A package, not a module: Streamlit runs every ``pages/*.py`` file as a page of its own.
"""

from pages.common.data import Context, load_form, score_with_progress
from pages.common.run import language, navigation, prepare, style
from pages.common.state import PAGES, context, fresh, go, run_routed, set_params, url_multiselect, url_select
from pages.common.widgets import chart, download_brief, download_county_brief, download_workbook, page, table

__all__ = [
    "PAGES",
    "Context",
    "chart",
    "context",
    "download_brief",
    "download_county_brief",
    "download_workbook",
    "fresh",
    "go",
    "language",
    "load_form",
    "navigation",
    "page",
    "prepare",
    "run_routed",
    "score_with_progress",
    "set_params",
    "style",
    "table",
    "url_multiselect",
    "url_select",
]
