"""The bundled sample forms (``data/samples``), loaded into an empty store by ``make run``.

``python -m lib.samples`` does that for the default store and prints one line per file.
"""

from __future__ import annotations

from pathlib import Path

from lib.ingest import IngestResult, ingest_paths
from lib.store import Store, open_store

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "samples"


def sample_files() -> list[Path]:
    """The bundled forms (``NNN_<hash>.txt``; not the folder's README), in name order."""
    return sorted(SAMPLES_DIR.glob("*.txt"))


def sample_file(number: str) -> Path:
    """The bundled form whose name starts with ``number`` (``"000"`` … ``"004"``)."""
    [path] = SAMPLES_DIR.glob(f"{number}_*.txt")
    return path


def load_samples_if_empty(store: Store) -> list[IngestResult]:
    """Ingest the samples when the store has no form yet; nothing (an empty list) otherwise."""
    if store.count_forms():
        return []
    return ingest_paths([SAMPLES_DIR], store)


def main() -> int:
    """Load the samples into the default store if it is empty; 1 if any sample failed."""
    with open_store() as store:
        results = load_samples_if_empty(store)
    for result in results:
        print(result.line())
    return 1 if any(result.status == "error" for result in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
