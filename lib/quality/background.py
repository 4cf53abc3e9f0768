"""Scoring in the background, so that no page load waits for it (issue 15, D2).

The dashboard finds unscored forms (ingested with ``--no-score``, or left by an interrupted
run) and calls :func:`start`: a thread of the server scores the store while pages show the
forms already scored and the share done (:func:`progress`). One run per store at a time; when
it ends (or fails: the next page load sees the forms still unscored and starts another) the
store's data version has changed, so the pages reload with the scores.
"""

from __future__ import annotations

import threading

from lib.quality.incremental import score_added
from lib.store import STORE_ERRORS, open_store

_RUNNING: dict[str, float] = {}  # store path → share of its scoring done
_LOCK = threading.Lock()


def start(db_path: str) -> float:
    """Start scoring the store in the background unless it is under way; the share done so far."""
    with _LOCK:
        if db_path not in _RUNNING:
            _RUNNING[db_path] = 0.0
            threading.Thread(target=_run, args=(db_path,), name="targetlens-scoring", daemon=True).start()
        return _RUNNING[db_path]


def progress(db_path: str) -> float | None:
    """The share done of the store's background scoring; None when none is running."""
    with _LOCK:
        return _RUNNING.get(db_path)


def _run(db_path: str) -> None:
    try:
        with open_store(db_path) as store:
            score_added(store, progress=lambda share, step: _report(db_path, share))
    except STORE_ERRORS:
        pass  # the pages say what is wrong with the store when they read it
    finally:
        with _LOCK:
            _RUNNING.pop(db_path, None)


def _report(db_path: str, share: float) -> None:
    with _LOCK:
        _RUNNING[db_path] = min(max(share, 0.0), 1.0)
