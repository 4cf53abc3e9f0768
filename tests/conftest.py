"""Shared fixtures: a store path in the test's own folder and the form factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from factories import make_form as build_form

from lib.model import Form


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    """A store path (not yet created) inside the test's temporary folder."""
    return tmp_path / "store" / "targetlens.sqlite"


@pytest.fixture
def make_form() -> Callable[..., Form]:
    """The factory of :mod:`factories`: ``make_form(**overrides) -> Form``."""
    return build_form
