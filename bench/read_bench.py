"""Reading and storing a form, per layout, on one core: forms per CPU second beside the goal.

    python bench/read_bench.py [--forms 2000] [--seed 7] [--files 60] [--corpus DIR]
                               [--layout NAME ...] [--profile NAME] [--top 30]

The figure is ``bench/goals_bench.py``'s "reader and store alone" (issue 14): on the synthetic
corpus (``python -m lib demo --forms N --seed S``), the first ``--files`` files of each layout are
read into memory, then parsed and stored (``parse_bytes`` and ``Store.add_form``) in this process,
after the readers' memos were emptied and warmed on the samples, as a fresh worker's are
(:mod:`lib.readers.warm_up`); the CPU time of that loop gives forms per CPU second, so that
other jobs on the machine do not count, and the best of ``--repeat`` runs is shown (a busy
machine slows a run down, never speeds it up).
Goals: ≥ 150 for text layouts, ≥ 60 for .docx and .xlsx files (docx-lines and xlsx-lines too).

``--corpus DIR`` keeps the generated corpus in DIR (generated once, reused when its manifest is
there). ``--profile NAME`` runs the layout NAME under cProfile and prints its ``--top`` entries
by cumulative and by own time. The load average is printed, since other jobs share the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.readers import parse_bytes, read_source  # noqa: E402
from lib.readers.warm_up import warm_up  # noqa: E402
from lib.store import Store, open_store  # noqa: E402

OFFICE_GOAL, TEXT_GOAL = 60.0, 150.0


def goal_of(layout: str) -> float:
    """Forms per CPU second wanted: .docx and .xlsx files (docx-lines, xlsx-lines too) read slower."""
    return OFFICE_GOAL if layout.startswith(("docx", "xlsx")) else TEXT_GOAL


def corpus_files(corpus: Path, forms: int, seed: int) -> dict[str, list[Path]]:
    """The corpus's files by layout, generating the corpus first when ``corpus`` has none."""
    manifest_path = corpus / "manifest.json"
    if not manifest_path.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "lib",
                "demo",
                "--forms",
                str(forms),
                "--seed",
                str(seed),
                "--out",
                str(corpus),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    by_layout: dict[str, list[Path]] = {}
    for entry in json.loads(manifest_path.read_text(encoding="utf-8"))["forms"]:
        by_layout.setdefault(entry["layout"], []).append(corpus / entry["file"])
    return by_layout


def read_and_store(store: Store, files: list[tuple[bytes, str]]) -> None:
    """Parse and store each file; every run stores new forms (a form already stored is skipped)."""
    run = next(_RUNS)
    for data, name in files:
        for form in parse_bytes(data, name):
            store.add_form(replace(form, form_id=f"alone-{run}-{form.form_id}"))


_RUNS = itertools.count()


def forms_per_cpu_second(store: Store, paths: list[Path], repeat: int) -> float:
    """The best of ``repeat`` runs, each from memos as cold as a fresh worker's (warmed on the samples)."""
    files = [(read_source(p), p.name) for p in paths]
    best = float("inf")
    for _ in range(repeat):
        clear_memos()
        warm_up()
        started = time.process_time()
        read_and_store(store, files)
        best = min(best, time.process_time() - started)
    return len(files) / best


def clear_memos() -> None:
    """Empty every memoised function of the project (functools caches in ``lib``'s modules)."""
    for name, module in list(sys.modules.items()):
        if name == "lib" or name.startswith("lib."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def profile(store: Store, paths: list[Path], top: int) -> None:
    files = [(read_source(p), p.name) for p in paths]
    profiler = cProfile.Profile(time.process_time)  # CPU, not wall: the machine is shared
    profiler.runcall(read_and_store, store, files)
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--files", type=int, default=60, help="files read per layout")
    parser.add_argument("--corpus", type=Path, help="keep (and reuse) the generated corpus here")
    parser.add_argument("--repeat", type=int, default=3, help="runs per layout; the best is shown")
    parser.add_argument("--layout", action="append", help="only this layout (repeatable)")
    parser.add_argument("--profile", metavar="NAME", help="profile this layout instead of timing them all")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        by_layout = corpus_files(args.corpus or Path(folder) / "corpus", args.forms, args.seed)
        warm_up()  # this process's look-ups as warm as a worker's
        with open_store(Path(folder) / "store.sqlite") as store:
            if args.profile:
                profile(store, by_layout[args.profile][: args.files], args.top)
                return
            print(
                f"{args.forms:,} synthetic forms (seed {args.seed}), first {args.files} files per layout, "
                f"best of {args.repeat} runs, "
                f"load average {load:.1f} at start"
            )
            print("| layout | goal, forms per CPU second | reader and store alone |")
            print("| --- | --- | --- |")
            for layout, paths in sorted(by_layout.items()):
                if args.layout and layout not in args.layout:
                    continue
                rate = forms_per_cpu_second(store, paths[: args.files], args.repeat)
                mark = "" if rate >= goal_of(layout) else " (below)"
                print(f"| {layout} | ≥ {goal_of(layout):.0f} | {rate:.0f}{mark} |")
            print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
