"""The benchmark suite behind ``make bench``: one table from corpus generation to export.

    python bench/suite.py [--sizes 100,1000,5000] [--huge] [--seed 1]

For each size: write a synthetic corpus (``python -m lib demo``), ingest it into a fresh store
(forms per second per layout), score it (seconds, peak memory of the scoring process), the
store's size on disk, and the briefing export. ``--huge`` adds 20,000 forms. Each size runs in
its own process so peak memory is that size's own. Pages are timed with AppTest (the slowest
page's first render and filter change; per-page figures come from bench/pages_bench.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages_bench import time_pages  # noqa: E402

from lib.demo.build import make_corpus  # noqa: E402
from lib.export.workbook import build_workbook  # noqa: E402
from lib.filters import Filters  # noqa: E402
from lib.ingest import ingest_paths  # noqa: E402
from lib.quality.engine import score_store  # noqa: E402
from lib.store import open_store  # noqa: E402

GOALS = (
    "goals: ingest ≥ 100 text forms/s; scoring 2,000 < 20 s, 20,000 < 10 min; memory < 2 GB at 2,000; "
    "pages at 2,000: first render < 2 s, filter change < 1 s"
)


def measure(size: int, seed: int) -> dict[str, object]:
    """Every figure for one corpus size (run in a child process)."""
    with tempfile.TemporaryDirectory() as folder:
        corpus, store_path = Path(folder) / "corpus", Path(folder) / "store.sqlite"
        started = time.perf_counter()
        manifest = json.loads(make_corpus(size, corpus, seed).read_text(encoding="utf-8"))
        figures: dict[str, object] = {"forms": size, "generate_s": time.perf_counter() - started}
        layout_of = {e["file"]: e["layout"] for e in manifest["forms"]}
        seconds: dict[str, float] = defaultdict(float)
        counts: dict[str, int] = defaultdict(int)
        with open_store(store_path) as store:
            for path in sorted(p for p in corpus.iterdir() if p.name != "manifest.json"):
                started = time.perf_counter()
                ingest_paths([path], store)
                seconds[layout_of[path.name]] += time.perf_counter() - started
                counts[layout_of[path.name]] += 1
            figures["ingest_per_s"] = {k: counts[k] / seconds[k] for k in sorted(counts)}
            figures["ingest_all_per_s"] = size / sum(seconds.values())
            started = time.perf_counter()
            score_store(store)
            figures["score_s"] = time.perf_counter() - started
            figures["score_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            started = time.perf_counter()
            build_workbook(store, Filters(), "zh")
            figures["export_s"] = time.perf_counter() - started
        figures["store_mb"] = sum(p.stat().st_size for p in Path(folder).glob("store.sqlite*")) / 1048576
        os.environ["TARGETLENS_DB"] = str(store_path)
        pages = time_pages(max(e["year"] for e in manifest["forms"]), timeout=600)
        figures["page_first_s"] = max(first for _, (first, _), _, _ in pages)
        figures["page_filter_s"] = max(change for _, _, _, (change, _) in pages)
    return figures


def run_child(size: int, seed: int) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(size), "--seed", str(seed)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def print_table(rows: list[dict[str, object]]) -> None:
    layouts = sorted({k for r in rows for k in r["ingest_per_s"]})
    head = [
        "forms",
        "generate s",
        "ingest forms/s",
        *[f"{k} /s" for k in layouts],
        "score s",
        "score peak MB",
        "store MB",
        "export s",
        "slowest page first s",
        "slowest filter change s",
    ]
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for r in rows:
        cells = [
            f"{r['forms']:,}",
            f"{r['generate_s']:.1f}",
            f"{r['ingest_all_per_s']:.0f}",
            *[f"{r['ingest_per_s'].get(k, 0):.0f}" for k in layouts],
            f"{r['score_s']:.1f}",
            f"{r['score_peak_mb']:.0f}",
            f"{r['store_mb']:.1f}",
            f"{r['export_s']:.1f}",
            f"{r['page_first_s']:.2f}",
            f"{r['page_filter_s']:.2f}",
        ]
        print(" | ".join(cells))
    print(GOALS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--huge", action="store_true", help="add 20,000 forms")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.seed)))
        return
    sizes = [int(s) for s in args.sizes.split(",")] + ([20000] if args.huge else [])
    print_table([run_child(size, args.seed) for size in sizes])


if __name__ == "__main__":
    main()
