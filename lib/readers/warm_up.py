"""Imported by the readers' fork server only: it reads the bundled samples once, so that each
worker forked from it (:mod:`lib.readers.worker`; one reads many files, and a new one replaces it
now and then) starts with the readers' caches filled (compiled patterns, memoised vocabulary
look-ups, the OpenCC table) instead of building them again. The budgets per file are unchanged."""

from __future__ import annotations

import gc
from pathlib import Path

from lib.errors import FormError
from lib.readers import parse_bytes

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "data" / "samples"


def warm_up() -> None:
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        try:
            parse_bytes(path.read_bytes(), path.name)
        except (OSError, FormError):
            continue  # a missing or changed sample only leaves the caches colder


warm_up()
gc.freeze()  # the workers' collections leave the server's objects alone (no copy-on-write of them)
