"""Time parsing, then ingesting into a temporary store, of the bundled samples and of any folders given.

Usage: python bench/parse_bench.py [FOLDER ...]   (or: make bench DIR=FOLDER)

Goal: text layouts parse at >= 100 forms/s. Each file is read in a fresh worker process (the
reading budget, lib/readers/worker.py), so the parse line gives wall time, and CPU time of this
process plus the workers' (read from the fork server's accounts of the workers it reaped, on
Linux); the "read" line is the readers alone, in this process, on CPU time. The machine's load
average is printed: on a shared machine wall figures are noisy.
Peak memory is the process's peak resident set so far (``getrusage``), so the ingest line's
figure covers the parse run before it too.
"""

from __future__ import annotations

import contextlib
import multiprocessing.forkserver
import os
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
from lib.readers import parse_bytes  # noqa: E402
from lib.samples import SAMPLES_DIR  # noqa: E402
from lib.store import open_store  # noqa: E402

GOAL_FORMS_PER_S = 100
HEADER = (
    f"{'phase':<8}{'files':>7}{'errors':>8}{'forms':>7}{'indicators':>12}{'seconds':>10}"
    f"{'forms/s':>10}{'s/form':>10}{'CPU s':>8}{'forms/CPU s':>13}{'peak MB':>10}"
)


@dataclass
class Run:
    files: int = 0
    errors: int = 0
    forms: int = 0
    indicators: int = 0
    seconds: float = 0.0
    cpu_seconds: float | None = None

    def row(self, phase: str) -> str:
        per_second = self.forms / self.seconds if self.seconds else 0.0
        per_form = self.seconds / self.forms if self.forms else 0.0
        cpu = "-" if self.cpu_seconds is None else f"{self.cpu_seconds:.3f}"
        per_cpu = "-" if not self.cpu_seconds else f"{self.forms / self.cpu_seconds:.1f}"
        return (
            f"{phase:<8}{self.files:>7}{self.errors:>8}{self.forms:>7}{self.indicators:>12}"
            f"{self.seconds:>10.3f}{per_second:>10.1f}{per_form:>10.4f}{cpu:>8}{per_cpu:>13}{_peak_mb():>10.1f}"
        )


def bench_parse(files: list[Path]) -> Run:
    """Each file through the budgeted worker, as ingest and the import page read it."""
    _start_worker(files)
    run = Run(files=len(files))
    cpu_before, workers_before = time.process_time(), _workers_cpu()
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
    workers_after = _workers_cpu()
    if workers_before is not None and workers_after is not None:
        run.cpu_seconds = time.process_time() - cpu_before + workers_after - workers_before
    return run


def _start_worker(files: list[Path]) -> None:
    """Read the first file once, so that the fork server is running before the clock starts."""
    with contextlib.suppress(FormError, IndexError):
        parse_source(files[0])


def bench_read(files: list[Path]) -> Run:
    """The readers alone, in this process (warm: each file read once before)."""
    sources = [(path.read_bytes(), path.name) for path in files]
    for data, name in sources:
        _read(data, name)
    run = Run(files=len(files))
    cpu_before, start = time.process_time(), time.perf_counter()
    for data, name in sources:
        forms = _read(data, name)
        run.errors += forms is None
        run.forms += len(forms or [])
        run.indicators += sum(len(form.indicators) for form in forms or [])
    run.seconds, run.cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_before
    return run


def _read(data: bytes, name: str) -> list | None:
    try:
        return parse_bytes(data, name)
    except FormError:
        return None


def _workers_cpu() -> float | None:
    """CPU seconds of the fork server and of the workers it has reaped (Linux /proc), or None."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    pid = getattr(server, "_forkserver_pid", None)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return sum(int(ticks) for ticks in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


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
    print(f"goal: text layouts parse at >= {GOAL_FORMS_PER_S} forms/s; load average {os.getloadavg()[0]:.1f}")
    for folder in [SAMPLES_DIR, *map(Path, folders)]:
        files = list(iter_source_files([folder]))
        print(f"\n{folder}")
        print(HEADER)
        print(bench_parse(files).row("parse"))
        print(bench_read(files).row("read"))
        print(bench_ingest(files).row("ingest"))
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
