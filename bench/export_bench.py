"""Export at scale: the briefing workbook of a store of N synthetic forms.

    python bench/export_bench.py [--forms 2000]

Prints the seconds to build the store, score it, write the workbook (CPU seconds beside the
wall ones: the machine may be shared), the workbook's size and the process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_bench import synthetic_corpus  # noqa: E402

from lib.export.workbook import build_workbook  # noqa: E402
from lib.filters import Filters  # noqa: E402
from lib.quality.engine import score_store  # noqa: E402
from lib.store import open_store  # noqa: E402


def timed(action):
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forms", type=int, default=2000)
    args = parser.parse_args()
    forms = synthetic_corpus(args.forms, 1)
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.sqlite") as store:
        _, adding, _ = timed(lambda: [store.add_form(f) for f in forms])
        _, scoring, _ = timed(lambda: score_store(store))
        data, exporting, exporting_cpu = timed(lambda: build_workbook(store, Filters(), "zh"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    indicators = sum(len(f.indicators) for f in forms)
    print(
        f"{'forms':>6} {'indicators':>10} {'store s':>8} {'score s':>8} {'export s (CPU)':>15} {'xlsx MB':>8} "
        f"{'peak MB':>8}   load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{len(forms):>6} {indicators:>10} {adding:>8.1f} {scoring:>8.1f} {f'{exporting:.1f} ({exporting_cpu:.1f})':>15} "
        f"{len(data) / 1048576:>8.1f} {peak:>8.0f}"
    )


if __name__ == "__main__":
    main()
