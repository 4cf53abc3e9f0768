"""What every page shares, by concern: :mod:`.data` (cached store tables, the run's context),
:mod:`.state` (the URL, each page's remembered selection, the hand-over to the router),
:mod:`.run` (the router's steps: language, menu, filters) and :mod:`.widgets` (page start,
charts, tables, downloads). Pages use the names below as ``common.<name>``.

A package, not a module: Streamlit runs every ``pages/*.py`` file as a page of its own.
"""

from pages.common.data import Context, load_form, score_with_progress
from pages.common.run import language, navigation, prepare, store_failed, style
from pages.common.state import (
    PAGES,
    context,
    fresh,
    go,
    run_routed,
    set_params,
    url_multiselect,
    url_select,
    url_value,
)
from pages.common.widgets import (
    ROW_PX,
    chart,
    column_config,
    download_brief,
    download_county_brief,
    download_letter,
    download_workbook,
    form_chart,
    page,
    table,
)

__all__ = [
    "PAGES",
    "Context",
    "chart",
    "column_config",
    "context",
    "download_brief",
    "download_county_brief",
    "download_letter",
    "download_workbook",
    "form_chart",
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
    "store_failed",
    "style",
    "table",
    "url_multiselect",
    "url_select",
    "url_value",
    "ROW_PX",
]
