"""The ``make bench`` table: each speed goal of the product beside its figure, measured in one run.

    python bench/goals_bench.py [--forms 2000] [--seed 7] [--sample 4000] [--large 20000]
                                [--skip-pages] [--pages-store STORE]

On the synthetic corpus (``python -m lib demo --forms N --seed S``) it times, through the
command line as a user runs it: ``ingest --no-score`` (forms per second), ``score``, one new
form added to the scored store (``ingest`` of one file, which scores it and the forms it
touches), and the workbook export (the stored results). Beside the score it measures, in the
same run, the issue's baseline: exact all-pairs rapidfuzz ``cdist`` over the same indicator
names as stored (every indicator's name, copies included): a random sample of names scored
against every name (``cdist(sample, all)``), its time extrapolated to all names (the full
n × n matrix would not fit in memory). It does the same over the distinct row texts the
matcher compares, and measures the template matcher's recall against those exact pairs, on
this corpus and on that of ``bench/score_bench.py`` (the samples' rows renamed and renumbered).
``--large N`` also generates N forms (over enough years: 4,000 units at most), ingests them
with ``--no-score`` and times ``score`` with its peak memory (``/usr/bin/time``).
Ingest is timed per layout (forms per CPU second, the reading workers' CPU included: the
readers and the store alone, a new worker per file as before issue 14, and the reading workers
as they run, reused) and for the whole folder (wall, and the cores it kept busy); ``--only-ingest``
measures only that (about 4 minutes). The dashboard's pages are timed on the
scored store (``bench/pages_bench.py``'s AppTest run: slowest first render and filter change),
and on ``--pages-store`` too (e.g. a 20,000-form store built by ``pages_bench.py --forms 20000
--keep``). The load average is printed, since other jobs share the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from multiprocessing import forkserver
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages_bench import describe_store, time_pages  # noqa: E402
from score_bench import synthetic_corpus  # noqa: E402

from lib import settings  # noqa: E402
from lib.export.workbook import build_workbook  # noqa: E402
from lib.filters import Filters  # noqa: E402
from lib.ingest import ingest_paths, iter_ingest  # noqa: E402
from lib.model import Form  # noqa: E402
from lib.quality.engine import corpus_texts  # noqa: E402
from lib.quality.matching import similar_pairs  # noqa: E402
from lib.quality.templates import PlaceMask, place_names  # noqa: E402
from lib.readers import parse_bytes, read_source  # noqa: E402
from lib.readers.warm_up import warm_up  # noqa: E402
from lib.readers.worker import idle_worker_pids  # noqa: E402
from lib.store import Store, open_store  # noqa: E402

_ROWS_PER_CALL = 500  # exact baseline: rows per cdist call (500 × 44,000 float32 = 88 MB)


def run_cli(*args: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of ``python -m lib ARGS``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_measured(*args: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MB) of ``python -m lib ARGS``, by /usr/bin/time."""
    report = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, "-m", "lib", *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stderr.split()[-4:]
    wall, user, system, peak_kb = map(float, report)
    return wall, user + system, peak_kb / 1024


def exact_against_all(
    texts: list[str], rows: list[int], threshold: float
) -> tuple[set[tuple[int, int]], float, float]:
    """Exact pairs touching ``rows`` (each row scored against every text), wall and CPU seconds."""
    found: set[tuple[int, int]] = set()
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(rows), _ROWS_PER_CALL):
        chunk = rows[start : start + _ROWS_PER_CALL]
        matrix = cdist(
            [texts[r] for r in chunk],
            texts,
            scorer=fuzz.ratio,
            score_cutoff=threshold * 100,
            dtype=np.float32,
            workers=-1,
        )
        for row, column in zip(*matrix.nonzero(), strict=True):
            a, b = chunk[row], int(column)
            if a != b:
                found.add((min(a, b), max(a, b)))
    return found, time.perf_counter() - started, time.process_time() - cpu


def matcher_against_exact(forms: list[Form], sample: int, seed: int) -> dict[str, float]:
    """The template matcher on all texts; exact cdist on a sample of rows; recall and times."""
    texts = corpus_texts(forms)
    threshold = settings.get("copy_ratio") / 100
    started, cpu = time.perf_counter(), time.process_time()
    pairs = similar_pairs(texts, threshold, mask=PlaceMask(place_names(forms)))
    matched_s, matched_cpu = time.perf_counter() - started, time.process_time() - cpu
    rows = sorted(random.Random(seed).sample(range(len(texts)), min(sample, len(texts))))
    exact, exact_s, exact_cpu = exact_against_all(texts, rows, threshold)
    chosen = set(rows)
    found = {(a, b) for a, b, _ in pairs if a in chosen or b in chosen}
    return {
        "texts": len(texts),
        "pairs": len(pairs),
        "matcher_s": matched_s,
        "matcher_cpu_s": matched_cpu,
        "exact_pairs_in_sample": len(exact),
        "recall": len(found & exact) / len(exact) if exact else 1.0,
        "exact_all_s": exact_s * len(texts) / len(rows),
        "exact_all_cpu_s": exact_cpu * len(texts) / len(rows),
    }


def exact_over_names(forms: list[Form], sample: int, seed: int) -> dict[str, float]:
    """The issue's baseline: exact all-pairs cdist over every indicator name as stored, a sample of
    names against all of them, extrapolated to all names (wall and CPU seconds)."""
    names = [i.name for f in forms for i in f.indicators if i.name]
    rows = sorted(random.Random(seed).sample(range(len(names)), min(sample, len(names))))
    _, wall, cpu = exact_against_all(names, rows, settings.get("copy_ratio") / 100)
    return {
        "names": len(names),
        "all_s": wall * len(names) / len(rows),
        "all_cpu_s": cpu * len(names) / len(rows),
    }


def large_figures(forms_wanted: int, seed: int, folder: Path) -> dict[str, float]:
    """``score`` of a large synthetic store (ingested with --no-score): wall, CPU, peak MB."""
    corpus, store = folder / "large", folder / "large.sqlite"
    years = max(3, -(-forms_wanted // 4000))
    run_cli(
        "demo", "--forms", str(forms_wanted), "--seed", str(seed), "--years", str(years), "--out", str(corpus)
    )
    run_cli("ingest", str(corpus), "--no-score", "--db", str(store))
    wall, cpu, peak = run_measured("score", "--db", str(store))
    return {"forms": forms_wanted, "score_s": wall, "score_cpu_s": cpu, "score_peak_mb": peak}


def worker_cpu_s() -> float:
    """CPU seconds of the reading workers so far: those that ended were forked by (and reaped by)
    the fork server, so they count in its children's time, not in this process's; those still
    waiting for a file count their own."""
    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)  # no public way to reach it
    if not pid:
        return 0.0
    return process_cpu_s(pid, with_children=True) + sum(process_cpu_s(p) for p in idle_worker_pids())


def process_cpu_s(pid: int, with_children: bool = False) -> float:
    """utime + stime of a process (and of the children it has reaped), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = fields[11:15] if with_children else fields[11:13]
    return sum(int(f) for f in ticks) / os.sysconf("SC_CLK_TCK")


def tree_cpu_s() -> float:
    """CPU seconds of this process and of its reading workers."""
    return time.process_time() + worker_cpu_s()


def layout_rates(corpus: Path, manifest: dict, folder: Path, files_per_layout: int = 60) -> dict[str, float]:
    """Per layout, forms per CPU second (so that other jobs on the machine do not count):
    ``read_*`` the reader and the store alone, in this process, as one core does the work;
    ``worker_*`` through ``ingest`` as it runs, the files read by the budgeted reading workers
    (reused from file to file: those still running count their own CPU time); ``fresh_*`` the
    same with a new worker for every file (``read_worker_files`` 1, as before issue 14), into a
    store of its own, after every layout has been read the usual way (it ends the workers)."""
    by_layout: dict[str, list[Path]] = {}
    for entry in manifest["forms"]:
        by_layout.setdefault(entry["layout"], []).append(corpus / entry["file"])
    chosen = {layout: paths[:files_per_layout] for layout, paths in sorted(by_layout.items())}
    rates = {}
    warm_up()  # this process's look-ups as warm as a worker's
    with open_store(folder / "layouts.sqlite") as opened:
        ingest_paths([by_layout[min(by_layout)][-1]], opened)  # starts the fork server
        for layout, paths in chosen.items():
            read = [(read_source(p), p.name) for p in paths]
            started = time.process_time()
            for data, name in read:
                for form in parse_bytes(data, name):
                    opened.add_form(replace(form, form_id=f"alone-{form.form_id}"))
            rates[f"read_{layout}"] = len(paths) / (time.process_time() - started)
            rates[f"worker_{layout}"] = len(paths) / ingest_cpu_s(paths, opened)
    os.environ["TARGETLENS_READ_WORKER_FILES"] = "1"
    with open_store(folder / "layouts-fresh.sqlite") as opened:
        for layout, paths in chosen.items():
            rates[f"fresh_{layout}"] = len(paths) / ingest_cpu_s(paths, opened)
    del os.environ["TARGETLENS_READ_WORKER_FILES"]
    return rates


def ingest_cpu_s(paths: list[Path], store: Store) -> float:
    """CPU seconds, the workers' included, of ``ingest`` of the files."""
    started = tree_cpu_s()
    ingest_paths(paths, store)
    return tree_cpu_s() - started


def folder_ingest(corpus: Path, store: Path) -> tuple[float, float]:
    """(wall, CPU seconds with the workers') of ``ingest --no-score`` of the folder, run here."""
    started, cpu = time.perf_counter(), tree_cpu_s()
    with open_store(store) as opened:
        for _ in iter_ingest([corpus], opened):
            pass
    return time.perf_counter() - started, tree_cpu_s() - cpu


def page_figures(store: Path, prefix: str) -> dict[str, float | str]:
    """The slowest first render and filter change over the pages, on ``store``."""
    forms, _, year = describe_store(store)
    os.environ["TARGETLENS_DB"] = str(store)
    rows = time_pages(year, timeout=600)
    first = max(rows, key=lambda r: r[1][0])
    change = max(rows, key=lambda r: r[3][0])
    return {
        f"{prefix}forms": forms,
        f"{prefix}first_s": first[1][0],
        f"{prefix}first_cpu_s": first[1][1],
        f"{prefix}first_page": first[0],
        f"{prefix}change_s": change[3][0],
        f"{prefix}change_cpu_s": change[3][1],
        f"{prefix}change_page": change[0],
    }


def ingest_figures(forms_wanted: int, seed: int, folder: Path) -> dict[str, float]:
    """The demo corpus written to ``folder/corpus``, read per layout, then ingested whole into
    ``folder/store.sqlite``."""
    corpus = folder / "corpus"
    run_cli("demo", "--forms", str(forms_wanted), "--seed", str(seed), "--out", str(corpus))
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    figures = {f"layout_{k}": v for k, v in layout_rates(corpus, manifest, folder).items()}
    wall, cpu = folder_ingest(corpus, folder / "store.sqlite")
    figures["ingest_per_s"], figures["ingest_cores"] = forms_wanted / wall, cpu / wall
    return figures


def demo_figures(forms_wanted: int, seed: int, sample: int, folder: Path, pages: bool) -> dict[str, float]:
    store = folder / "store.sqlite"
    figures = ingest_figures(forms_wanted, seed, folder)
    figures["score_s"], figures["score_cpu_s"] = run_cli("score", "--db", str(store))
    if pages:
        figures |= page_figures(store, "pages_")
    with open_store(store) as opened:
        forms = opened.all_forms()
        started, cpu = time.perf_counter(), time.process_time()
        build_workbook(opened, Filters(), "zh")
        figures["export_s"] = time.perf_counter() - started
        figures["export_cpu_s"] = time.process_time() - cpu
    extra = folder / "extra"
    run_cli("demo", "--forms", "3", "--seed", str(seed + 1000), "--out", str(extra))
    one = next(p for p in sorted(extra.iterdir()) if p.suffix == ".txt")
    figures["one_new_form_s"], figures["one_new_form_cpu_s"] = run_cli("ingest", str(one), "--db", str(store))
    figures |= {f"demo_{k}": v for k, v in matcher_against_exact(forms, sample, seed).items()}
    figures |= {f"names_{k}": v for k, v in exact_over_names(forms, sample, seed).items()}
    return figures


def goal_rows(f: dict[str, float], bench: dict[str, float]) -> list[tuple[str, str, str]]:
    ratio = f["demo_exact_all_s"] / f["score_s"]
    cpu_ratio = f["demo_exact_all_cpu_s"] / f["score_cpu_s"]
    return [
        ("score (python -m lib score), wall s", "≤ 20", f"{f['score_s']:.1f} (CPU {f['score_cpu_s']:.1f})"),
        (
            f"exact all-pairs cdist over the same {f['names_names']:,.0f} indicator names as stored, s "
            f"(a sample of {min(f['names_names'], f['sample']):,.0f} against all, extrapolated)",
            "—",
            f"{f['names_all_s']:.0f} (CPU {f['names_all_cpu_s']:.0f})",
        ),
        (
            "**exact all-pairs over the indicator names / score** (the issue's measure)",
            "≥ 10×",
            f"**{f['names_all_s'] / f['score_s']:.1f}×** (CPU {f['names_all_cpu_s'] / f['score_cpu_s']:.1f}×)",
        ),
        (
            f"exact all-pairs cdist over the {f['demo_texts']:,.0f} distinct row texts, s (extrapolated)",
            "—",
            f"{f['demo_exact_all_s']:.0f} (CPU {f['demo_exact_all_cpu_s']:.0f})",
        ),
        ("exact all-pairs over the distinct texts / score", "—", f"{ratio:.1f}× (CPU {cpu_ratio:.1f}×)"),
        (
            "template matcher alone, s; exact over the distinct texts / matcher",
            "—",
            f"{f['demo_matcher_s']:.1f} (CPU {f['demo_matcher_cpu_s']:.1f}; {f['demo_pairs']:,.0f} pairs); "
            f"{f['demo_exact_all_s'] / f['demo_matcher_s']:.0f}× "
            f"(CPU {f['demo_exact_all_cpu_s'] / f['demo_matcher_cpu_s']:.0f}×)",
        ),
        (
            "recall vs exact, synthetic corpus",
            "≥ 0.98",
            f"{f['demo_recall']:.4f} ({f['demo_exact_pairs_in_sample']:,.0f} pairs)",
        ),
        (
            f"recall vs exact, score_bench corpus ({bench['texts']:,.0f} texts)",
            "≥ 0.98",
            f"{bench['recall']:.4f} ({bench['exact_pairs_in_sample']:,.0f} pairs)",
        ),
        (
            "one new form into the scored store (ingest FILE: it and the forms it touches judged), s",
            "≤ 3",
            f"{f['one_new_form_s']:.1f} (CPU {f['one_new_form_cpu_s']:.1f})",
        ),
        (
            "export (workbook from stored results), s",
            "≤ 10",
            f"{f['export_s']:.1f} (CPU {f['export_cpu_s']:.1f})",
        ),
        *[
            (
                f"pages at {f[p + 'forms']:,.0f} forms: slowest first render, s",
                "< 2" if f[p + "forms"] <= 2000 else "< 3",
                f"{f[p + 'first_s']:.2f} (CPU {f[p + 'first_cpu_s']:.2f}; {f[p + 'first_page']})",
            )
            for p in ("pages_", "big_pages_")
            if p + "forms" in f
        ],
        *[
            (
                f"pages at {f[p + 'forms']:,.0f} forms: slowest filter change, s",
                "< 1",
                f"{f[p + 'change_s']:.2f} (CPU {f[p + 'change_cpu_s']:.2f}; {f[p + 'change_page']})",
            )
            for p in ("pages_", "big_pages_")
            if p + "forms" in f
        ],
        *ingest_rows(f),
    ]


def ingest_rows(f: dict[str, float]) -> list[tuple[str, str, str]]:
    return [
        (
            "ingest --no-score of the folder, forms/s; cores used (CPU / wall)",
            "both cores",
            f"{f['ingest_per_s']:.0f}; {f['ingest_cores']:.1f}",
        ),
        *[
            (
                f"ingest on one core, {name.removeprefix('layout_read_')}, forms per CPU second: "
                "reader and store alone / a new worker per file / **through the reading workers**",
                "≥ 60" if name.removeprefix("layout_read_").startswith(("docx", "xlsx")) else "≥ 150",
                f"{rate:.0f} / {f[name.replace('_read_', '_fresh_')]:.0f} / "
                f"**{f[name.replace('_read_', '_worker_')]:.0f}**",
            )
            for name, rate in f.items()
            if name.startswith("layout_read_")
        ],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=4000, help="rows in the exact baseline's sample")
    parser.add_argument("--large", type=int, default=0, metavar="N", help="also score N forms (e.g. 20000)")
    parser.add_argument("--skip-pages", action="store_true", help="leave the dashboard's pages out")
    parser.add_argument("--pages-store", type=Path, help="also time the pages on this store (read only)")
    parser.add_argument(
        "--only-ingest", action="store_true", help="only the ingest rows (per layout, folder)"
    )
    args = parser.parse_args()
    load = os.getloadavg()[0]
    if args.only_ingest:
        with tempfile.TemporaryDirectory() as folder:
            figures = ingest_figures(args.forms, args.seed, Path(folder))
        print_rows(args, load, ingest_rows(figures))
        return
    with tempfile.TemporaryDirectory() as folder:
        figures = demo_figures(args.forms, args.seed, args.sample, Path(folder), not args.skip_pages)
        figures |= {"sample": args.sample}
        large = large_figures(args.large, args.seed, Path(folder)) if args.large else None
    if args.pages_store:
        figures |= page_figures(args.pages_store, "big_pages_")
    bench = matcher_against_exact(synthetic_corpus(args.forms, 1), args.sample, args.seed)
    print_rows(args, load, goal_rows(figures, bench) + (large_rows(large) if large else []))


def print_rows(args: argparse.Namespace, load: float, rows: list[tuple[str, str, str]]) -> None:
    print(
        f"{args.forms:,} synthetic forms (seed {args.seed}), {os.cpu_count()} cores, "
        f"load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end"
    )
    print("| measure | goal | figure |")
    print("| --- | --- | --- |")
    for measure, goal, figure in rows:
        print(f"| {measure} | {goal} | {figure} |")


def large_rows(f: dict[str, float]) -> list[tuple[str, str, str]]:
    return [
        (
            f"score of {f['forms']:,.0f} forms (ingested --no-score), wall s; peak memory",
            "≤ 600; ≤ 8 GB",
            f"{f['score_s']:.0f} (CPU {f['score_cpu_s']:.0f}); {f['score_peak_mb'] / 1024:.1f} GB",
        )
    ]


if __name__ == "__main__":
    main()
