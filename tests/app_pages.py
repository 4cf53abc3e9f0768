"""The dashboard's pages in Streamlit's AppTest, opened one way by every page test.

Cached values survive from one AppTest to the next in a process, so the page tests clear
Streamlit's caches around each test (the ``fresh_caches`` fixture of conftest.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"


def open_page(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    page: str = "overview",
    query: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> AppTest:
    """The dashboard on the store ``db``, run once with ``query`` in the URL, then switched to ``page``
    (``pages/<page>.py``); any exception is left in ``at.exception`` for the test to judge."""
    monkeypatch.setenv("TARGETLENS_DB", str(db))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=timeout)
    at.query_params.update(query or {})
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    return at
