"""Time parsing, then ingesting into a temporary store, of the bundled samples and of any folders given.

Usage: python bench/parse_bench.py [FOLDER ...]   (or: make bench DIR=FOLDER)

Peak memory is the process's peak resident set so far (``getrusage``), so the ingest line's
figure covers the parse run before it too.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runnable as a plain script, without the editable install

from lib.errors import FormError  # noqa: E402
from lib.ingest import ingest_paths, iter_source_files, parse_source  # noqa: E402
from lib.samples import SAMPLES_DIR  # noqa: E402
from lib.store import open_store  # noqa: E402

HEADER = (
    f"{'phase':<8}{'files':>7}{'errors':>8}{'forms':>7}{'indicators':>12}{'seconds':>10}"
    f"{'forms/s':>10}{'s/form':>10}{'peak MB':>10}"
)


@dataclass
class Run:
    files: int = 0
    errors: int = 0
    forms: int = 0
    indicators: int = 0
    seconds: float = 0.0

    def row(self, phase: str) -> str:
        per_second = self.forms / self.seconds if self.seconds else 0.0
        per_form = self.seconds / self.forms if self.forms else 0.0
        return (
            f"{phase:<8}{self.files:>7}{self.errors:>8}{self.forms:>7}{self.indicators:>12}"
            f"{self.seconds:>10.3f}{per_second:>10.1f}{per_form:>10.4f}{_peak_mb():>10.1f}"
        )


def bench_parse(files: list[Path]) -> Run:
    run = Run(files=len(files))
    start = time.perf_counter()
    for path in files:
        try:
            forms = parse_source(path)
        except FormError:
            run.errors += 1
            continue
        run.forms += len(forms)
        run.indicators += sum(len(form.indicators) for form in forms)
    run.seconds = time.perf_counter() - start
    return run


def bench_ingest(files: list[Path]) -> Run:
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.sqlite") as store:
        start = time.perf_counter()
        results = ingest_paths(files, store)
        seconds = time.perf_counter() - start
        indicators = store.indicators_frame()
    return Run(
        files=len(results),
        errors=sum(result.status == "error" for result in results),
        forms=sum(len(result.form_ids) for result in results),
        indicators=len(indicators),
        seconds=seconds,
    )


def _peak_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main(folders: list[str]) -> int:
    for folder in [SAMPLES_DIR, *map(Path, folders)]:
        files = list(iter_source_files([folder]))
        print(f"\n{folder}")
        print(HEADER)
        print(bench_parse(files).row("parse"))
        print(bench_ingest(files).row("ingest"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
