"""Time and peak memory of reading each file of a folder, each in its own process under /usr/bin/time -v.

    .venv/bin/python bench/hostile_reading.py FOLDER [--worker] [--timeout S]

Without ``--worker`` the file is read in-process (``lib.readers.parse_bytes``: what the readers
cost); with it, as ``python -m lib parse`` reads it (in the budgeted worker process, whose CPU
time and peak memory ``/usr/bin/time`` counts: the command waits for the fork server at exit).
Prints one row per file: wall and CPU seconds, peak MB and the outcome (forms read, or the
reason refused), beside the goal of issue 15 (≤ 20 s, ≤ 1 GB), and the load average before and
after. The hostile builders of ../shared/hostile write such a folder.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from machine import stamp

ROOT = Path(__file__).resolve().parent.parent
GOAL_S, GOAL_MB = 20.0, 1024.0
IN_PROCESS = (
    "import sys; from pathlib import Path; from lib.errors import FormError; from lib.readers import parse_bytes\n"
    "p = Path(sys.argv[1])\n"
    "try:\n    print('read', len(parse_bytes(p.read_bytes(), p.name)), 'forms')\n"
    "except FormError as e:\n    print('refused:', e.reason[:90])\n"
)


def measure(path: Path, worker: bool, timeout: float) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak MB, outcome) of reading one file."""
    command = (
        [sys.executable, "-m", "lib", "parse", str(path)]
        if worker
        else [sys.executable, "-c", IN_PROCESS, str(path)]
    )
    with subprocess.Popen(
        ["/usr/bin/time", "-v", *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # on a timeout the reader under /usr/bin/time is stopped too
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return timeout, float("nan"), float("nan"), f"not finished in {timeout:.0f} s"
    done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    hours, minutes, seconds = (float(g or 0) for g in elapsed.groups())
    peak_kb = float(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1])
    cpu = sum(
        float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", done.stderr)[1]) for kind in ("User", "System")
    )
    said = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.startswith(("read ", "refused:", "error:", "contents:"))
    ]
    outcome = (said[0] if said else done.stdout[:90])[:110]
    return hours * 3600 + minutes * 60 + seconds, cpu, peak_kb / 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--worker", action="store_true", help="read as python -m lib parse does")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    print(f"{stamp()}\n")
    print(f"| file | KB | wall s (goal ≤ {GOAL_S:.0f}) | CPU s | peak MB (goal ≤ {GOAL_MB:.0f}) | outcome |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for path in sorted(p for p in args.folder.iterdir() if p.is_file()):
        wall, cpu, peak, outcome = measure(path, args.worker, args.timeout)
        slow = "" if wall <= GOAL_S else " ✗"
        big = "" if peak <= GOAL_MB else " ✗"
        outcome = outcome.replace("|", "/")
        size = path.stat().st_size // 1024
        print(
            f"| {path.name} | {size} | {wall:.1f}{slow} | {cpu:.1f} | {peak:.0f}{big} | {outcome} |",
            flush=True,
        )
    print(f"\n{stamp()}")


if __name__ == "__main__":
    main()
