"""Shared fixtures: a store path in the test's own folder, the form factory, the bundled samples
and one scored store of them for the whole run; and the test tiers.

Tiers (markers registered in pyproject.toml): ``browser`` (a real browser, tests/test_browser.py),
``app`` (Streamlit's AppTest) and ``system`` (several processes at once, a process killed, hostile
files in bounded memory) are marked in their modules, and a module that imports AppTest is ``app``
without saying so; every other test is ``unit``. ``make test`` runs them all, ``make test-fast``
only ``-m unit``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from factories import make_form as build_form

from lib.ingest import ingest_paths
from lib.model import Form
from lib.quality.engine import score_store
from lib.samples import SAMPLES_DIR, sample_files
from lib.store import open_store

TIERS = ("unit", "system", "app", "browser")

# Tests check what a file reads to, on a machine shared by many test runs: a form that takes two
# CPU seconds may take twenty of wall time there. The wall-clock limit is tested on its own
# (test_worker.py), with a value of its own; elsewhere it must not turn load into refusals.
os.environ.setdefault("TARGETLENS_READ_WALL_SECONDS", "300")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give each test its tier: its own marker, else ``app`` if its module uses AppTest, else ``unit``."""
    for item in items:
        if not any(item.get_closest_marker(tier) for tier in TIERS):
            module = getattr(item, "module", None)
            item.add_marker(pytest.mark.app if hasattr(module, "AppTest") else pytest.mark.unit)


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Streamlit's caches (data and resources) emptied before and after a test (cached values outlive an AppTest run)."""
    import streamlit as st  # here, not above: the unit tier need not import Streamlit

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    """A store path (not yet created) inside the test's temporary folder."""
    return tmp_path / "store" / "targetlens.sqlite"


@pytest.fixture
def make_form() -> Callable[..., Form]:
    """The factory of :mod:`factories`: ``make_form(**overrides) -> Form``."""
    return build_form


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    """The five bundled sample forms (data/samples), in name order."""
    return sample_files()


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store holding the bundled samples, ingested and scored once for the whole run.

    Shared by every test that asks for it, so it is read-only: a test that writes builds its own.
    The run fails at the end if any test changed the file.
    """
    path = tmp_path_factory.mktemp("samples") / "samples.sqlite"
    with open_store(path) as store:
        ingest_paths([SAMPLES_DIR], store)
        score_store(store)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    yield path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "a test wrote to the shared samples store"
