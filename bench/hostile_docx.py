""".docx bodies just under ``max_docx_elements``: what reading them costs, in-process and through the worker.

    .venv/bin/python bench/hostile_docx.py [--timeout 300]

A body over the limit is refused while its XML streams (tests/test_hostile_files.py); one just
under it is built whole by python-docx and interpreted. Three bodies are built here (empty
paragraphs, paragraphs of indicator text, two-cell table rows) and each is read the two ways of
``bench/hostile_reading.py``: in-process (the readers' own cost) and as ``python -m lib parse``
(within the reading budget). Prints wall and CPU seconds, peak MB and the outcome beside the
goal (≤ 20 s, ≤ 1 GB through the worker), with the load average.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from fixtures_hostile import docx_with_body  # noqa: E402
from hostile_reading import GOAL_MB, GOAL_S, measure  # noqa: E402
from machine import stamp  # noqa: E402

ELEMENTS = 299_000  # max_docx_elements is 300,000
BODIES = {
    "empty_paragraphs": lambda: "<w:p/>" * ELEMENTS,
    "text_paragraphs": lambda: "".join(
        f"<w:p><w:r><w:t>产出指标 数量指标 第{n}项培训人数 ≥{n}人</w:t></w:r></w:p>" for n in range(ELEMENTS)
    ),
    "table_rows": lambda: (
        "<w:tbl>"
        + "".join(  # a row is 5 elements: the row, two cells, a paragraph in each
            f"<w:tr><w:tc><w:p><w:r><w:t>数量指标</w:t></w:r></w:p></w:tc>"
            f"<w:tc><w:p><w:r><w:t>第{n}项 ≥{n}人</w:t></w:r></w:p></w:tc></w:tr>"
            for n in range(ELEMENTS // 5)
        )
        + "</w:tbl>"
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    print(f"{stamp()}\n")
    print(
        f"| body | KB | read | wall s (goal ≤ {GOAL_S:.0f}) | CPU s | peak MB (goal ≤ {GOAL_MB:.0f}) | outcome |"
    )
    print("| --- | ---: | --- | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory(prefix="hostile-docx-") as folder:
        for name, body in BODIES.items():
            path = Path(folder) / f"{name}.docx"
            path.write_bytes(docx_with_body(body(), padding_mb=0.3))
            for worker in (False, True):
                wall, cpu, peak, outcome = measure(path, worker, args.timeout)
                way = "worker" if worker else "in-process"
                slow, big = (" ✗" if wall > GOAL_S and worker else ""), (" ✗" if peak > GOAL_MB else "")
                print(
                    f"| {name} | {path.stat().st_size // 1024} | {way} | {wall:.1f}{slow} | {cpu:.1f} "
                    f"| {peak:.0f}{big} | {outcome.replace('|', '/')[:90]} |",
                    flush=True,
                )
    print(f"\n{stamp()}")


if __name__ == "__main__":
    main()
