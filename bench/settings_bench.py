"""What reading settings from the environment on every call costs: ``settings.get`` calls and their share of CPU.

    .venv/bin/python bench/settings_bench.py [--forms 500] [--files 200]

``settings.get`` looks its variable up in ``os.environ`` each time, so that a test's
``monkeypatch.setenv`` and the reading worker's per-file overrides are seen at once. This counts
the calls made while scoring ``--forms`` synthetic forms (``bench/score_bench.py``'s corpus) and
while reading ``--files`` demo forms once each (``lib.demo``, written to a temporary folder),
times one call, and prints the calls' share of the CPU and the settings read most. There is no
goal: these are the figures behind leaving ``settings.get`` uncached (docs/settings.md).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
import timeit
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from machine import stamp  # noqa: E402
from score_bench import synthetic_corpus  # noqa: E402

from lib import settings  # noqa: E402
from lib.demo.build import make_corpus  # noqa: E402
from lib.errors import FormError  # noqa: E402
from lib.quality.engine import assess  # noqa: E402
from lib.readers import parse_file  # noqa: E402


def counted(work: Callable[[], object]) -> tuple[float, Counter]:
    """CPU seconds of ``work`` and the settings it read, by name."""
    calls: Counter = Counter()
    plain = settings.get

    def counting(name: str) -> float | int | str:
        calls[name] += 1
        return plain(name)

    settings.get = counting
    try:
        start = time.process_time()
        work()
        return time.process_time() - start, calls
    finally:
        settings.get = plain


def read_each(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FormError):  # a refused file costs its reading all the same
            parse_file(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    print(stamp())
    one_call = min(timeit.repeat(lambda: settings.get("copy_ratio"), number=100_000, repeat=5)) / 100_000
    print(f"one settings.get: {one_call * 1e9:.0f} ns\n")
    forms = synthetic_corpus(args.forms, seed=1)
    with tempfile.TemporaryDirectory(prefix="settings-bench-") as folder:
        make_corpus(args.files, Path(folder), seed=1)
        files = sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix != ".json")
        runs = {  # reading first: its memos are not yet warmed by the scoring's texts
            f"read {len(files)} files once": (len(files), lambda: read_each(files)),
            f"score {args.forms} forms": (len(forms), lambda: assess(forms)),
        }
        print("| work | CPU s | calls | calls a form | share of the CPU | most read |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        for name, (count, work) in runs.items():
            cpu, calls = counted(work)
            total = sum(calls.values())
            share = total * one_call / cpu
            top = ", ".join(f"{setting} {n}" for setting, n in calls.most_common(2))
            print(f"| {name} | {cpu:.2f} | {total} | {total / count:.0f} | {share:.2%} | {top} |", flush=True)
    print(f"\n{stamp()}")


if __name__ == "__main__":
    main()
