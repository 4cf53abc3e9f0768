"""One form of very many near-identical rows, ingested beside the samples and scored (issue 15, D2).

    .venv/bin/python bench/hostile_scoring.py [--rows 20000,157000] [--timeout 900]

Builds text forms of one unit whose rows differ only in their numbers (第1项培训人数 ≥1人, …, as
the issue's 157k-row form), or also in a word (第1项<word>培训人数: the within-form grouping of
equal texts does not collapse those, so they are matched pair by pair), and runs
``python -m lib ingest data/samples FORM --db NEW`` under ``/usr/bin/time -v``. A form over a
limit (``max_text_chars``, ``max_indicators_per_form``) is refused; with ``--raise-limits`` the
limits are lifted so the scoring itself is timed. Prints wall and CPU seconds, peak MB, the
``scored … in … s`` line and the outcome, beside the goals: a 157k-row form refused or scored
in ≤ 60 s, a 20k-row one scored in ≤ 10 s. The load average is printed: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from machine import stamp

ROOT = Path(__file__).resolve().parent.parent
GOALS_S = {20_000: 10.0, 157_000: 60.0}
WORDS = [
    "培训",
    "宣传",
    "巡查",
    "检查",
    "走访",
    "慰问",
    "维修",
    "养护",
    "清理",
    "整治",
    "监测",
    "排查",
    "调解",
    "服务",
    "救助",
    "补贴",
    "督导",
    "考核",
    "验收",
    "普查",
]
HEAD = [
    "部门整体支出绩效目标表",
    "部门名称\t合成压力县压力镇人民政府",
    "一级指标\t二级指标\t三级指标\t指标值",
]


def form_text(rows: int, kind: str, seed: int = 1) -> str:
    """A one-unit text form of ``rows`` indicator rows: ``numbers`` differ in their numbers only,
    ``words`` also in a pair of words drawn at random (few rows are equal once numbers go)."""
    rng = random.Random(seed)
    lines = list(HEAD)
    for number in range(rows):
        words = "" if kind == "numbers" else rng.choice(WORDS) + rng.choice(WORDS)
        lines.append(f"产出指标\t数量指标\t第{number}项{words}培训人数\t≥{number}人")
    return "\n".join(lines) + "\n"


def ingest(form: Path, db: Path, env: dict[str, str], timeout: float) -> tuple[float, float, float, str, str]:
    """(wall s, CPU s, peak MB, the scoring line, the outcome line) of ingesting the samples and the form."""
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "lib", "ingest", "data/samples", str(form)]
    try:
        done = subprocess.run(
            [*command, "--db", str(db)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return timeout, float("nan"), float("nan"), "", f"not finished in {timeout:.0f} s"
    minutes, seconds = re.search(
        r"Elapsed \(wall clock\) time.*: (?:\d+:)?(\d+):([\d.]+)", done.stderr
    ).groups()
    cpu = sum(
        float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", done.stderr)[1]) for kind in ("User", "System")
    )
    peak = float(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1]) / 1024
    lines = (done.stdout + done.stderr).splitlines()
    scored = next((line for line in lines if line.startswith("scored")), "")
    outcome = next((line for line in lines if form.name in line), lines[-1] if lines else "")
    return float(minutes) * 60 + float(seconds), cpu, peak, scored, outcome[:120]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="20000,157000", help="row counts, comma-separated")
    parser.add_argument("--kinds", default="numbers,words", help="numbers (rows differ in numbers), words")
    parser.add_argument(
        "--raise-limits", action="store_true", help="lift max_text_chars and max_indicators_per_form"
    )
    parser.add_argument("--timeout", type=float, default=900.0)
    args = parser.parse_args()
    env = dict(os.environ)
    if args.raise_limits:
        env |= {"TARGETLENS_MAX_TEXT_CHARS": "50000000", "TARGETLENS_MAX_INDICATORS_PER_FORM": "1000000"}
        env |= {"TARGETLENS_READ_CPU_SECONDS": "600", "TARGETLENS_READ_WALL_SECONDS": "600"}
        env |= {"TARGETLENS_READ_MEMORY_MB": "4096", "TARGETLENS_MAX_FILE_MB": "200"}
    print(stamp())
    print(f"limits {'raised' if args.raise_limits else 'as set'}\n")
    print("| rows | differ in | MB | goal s | wall s | CPU s | peak MB | scoring | outcome |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for rows in (int(r) for r in args.rows.split(",")):
        for kind in args.kinds.split(","):
            with tempfile.TemporaryDirectory(prefix="hostile-scoring-") as folder:
                form = Path(folder) / f"{kind}_{rows}.txt"
                form.write_text(form_text(rows, kind), encoding="utf-8")
                size = form.stat().st_size / 1048576
                wall, cpu, peak, scored, outcome = ingest(form, Path(folder) / "s.sqlite", env, args.timeout)
            goal = GOALS_S.get(rows, float("nan"))
            mark = "" if wall <= goal else " ✗"
            print(
                f"| {rows} | {kind} | {size:.1f} | {goal:g} | {wall:.1f}{mark} | {cpu:.1f} | {peak:.0f} "
                f"| {scored} | {outcome.replace('|', '/')} |",
                flush=True,
            )
    print(f"\n{stamp()}")


if __name__ == "__main__":
    main()
