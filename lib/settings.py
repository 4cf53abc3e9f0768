"""Every limit and threshold in one place, each with a default and a line of help.

The README's settings table is checked against this module by tests/test_settings.py.
Override any of them with an environment variable ``TARGETLENS_<NAME>`` (upper case).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: float | int | str
    help: str

    @property
    def value(self) -> float | int | str:
        raw = os.environ.get(f"TARGETLENS_{self.name.upper()}")
        if raw is None:
            return self.default
        return type(self.default)(raw)


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("max_file_mb", 20, "Largest source file accepted by parse, ingest and the import page (MB)."),
        Setting("max_text_chars", 5_000_000, "Largest decoded text a reader will interpret (characters)."),
        Setting("busy_timeout_ms", 30_000, "How long a store connection waits for another writer before giving up (ms)."),
        Setting("lock_retries", 5, "Tries of a store operation while the database stays locked (waits double)."),
        Setting("cache_entries", 16, "How many store snapshots the dashboard keeps in its cache."),
        Setting("min_plausible_wan", 20.0, "A unit's total budget below this many 万元 is implausible; figures labelled 元 under it are taken as 万元."),
        Setting("max_plausible_wan", 500_000.0, "A unit's total budget above this many 万元 is implausible; figures labelled 万元 over it are taken as 元."),
        Setting("junk_unit_max_chars", 8, "Text after a number longer than this is not read as a unit."),
        Setting("min_plausible_project_wan", 0.1, "A project's budget below this many 万元 is implausible; figures labelled 元 under it are taken as 万元."),
        Setting("max_plausible_project_wan", 200_000.0, "A project's budget above this many 万元 is implausible; figures labelled 万元 over it are taken as 元."),
    ]
}


def get(name: str) -> float | int | str:
    """Current value of a setting (environment override or default)."""
    return SETTINGS[name].value


def default_db_path() -> Path:
    """The store: ``TARGETLENS_DB`` if set, else ``data/targetlens.sqlite`` beside the project."""
    env = os.environ.get("TARGETLENS_DB")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data" / "targetlens.sqlite"
