"""Forms per second for each format, on a corpus built by code, and a 1,000-indicator workbook.

Usage: python bench/formats_bench.py [--copies N]   (default 10: 5 seeds × 6 formats × N, plus
flat exports and PDFs, at least 300 files)

The corpus, written to a temporary folder: the five bundled samples as .txt, and rendered by
code as .docx, .xlsx and comma-separated .csv (tests/fixtures_office.py), as .xls (written by
xlwt from the .xlsx) and as .doc (LibreOffice's Word 97-2003 copies of the .docx renditions,
tests/data/old-office/; tests/fixtures_old_office.py), the flat export of
tests/ as .xlsx and .csv, and the text-layer PDF of tests/fixtures_pdf.py. Each file is read
from disk through ``parse_file`` on one core. Copies repeat the same forms, so memoised
vocabulary look-ups are warm after the first copy, as in a county's batch of forms that share
a template; the first line of bench/parse_bench.py gives the cold figure on the samples.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # runnable as a plain script; the fixtures build the files

from fixtures_office import (  # noqa: E402
    Table,
    blocks_of,
    csv_text,
    docx_bytes,
    flat_csv,
    flat_xlsx,
    seed_text,
    vertical_merges,
    xlsx_bytes,
)
from fixtures_old_office import doc_fixture, xls_from_xlsx  # noqa: E402
from fixtures_pdf import text_pdf  # noqa: E402

from lib.readers import parse_file  # noqa: E402

STEMS = ["000", "001", "002", "003", "004"]
LEVELS = [
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
]


def build_corpus(folder: Path, copies: int) -> dict[str, list[Path]]:
    """Write the corpus; format → files."""
    files: dict[str, list[Path]] = defaultdict(list)
    renditions: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    for stem in STEMS:
        text = seed_text(stem)
        blocks = blocks_of(text)
        renditions["txt"].append((f"{stem}.txt", text.encode("utf-8")))
        renditions["docx"].append((f"{stem}.docx", docx_bytes(blocks)))
        renditions["xlsx"].append((f"{stem}.xlsx", xlsx_bytes({"表": blocks})))
        renditions["csv"].append((f"{stem}.csv", csv_text(blocks).encode("utf-8")))
        renditions["xls"].append((f"{stem}.xls", xls_from_xlsx(xlsx_bytes({"表": blocks}))))
        renditions["doc"].append((f"{stem}.doc", doc_fixture(stem)))
    renditions["flat xlsx"].append(("flat.xlsx", flat_xlsx()))
    renditions["flat csv"].append(("flat.csv", flat_csv().encode("gb18030")))
    renditions["pdf"].append(("form.pdf", text_pdf()))
    for fmt, items in renditions.items():
        for copy in range(copies):
            for name, data in items:
                path = folder / f"{copy:03d}-{fmt.replace(' ', '-')}-{name}"
                path.write_bytes(data)
                files[fmt].append(path)
    return files


def read_all(paths: list[Path]) -> tuple[int, int, float]:
    """(forms, indicators, seconds) for reading every file."""
    forms = indicators = 0
    start = time.perf_counter()
    for path in paths:
        for form in parse_file(path):
            forms += 1
            indicators += len(form.indicators)
    return forms, indicators, time.perf_counter() - start


def big_workbook(indicators: int = 1000) -> bytes:
    """One department form whose indicator table has ``indicators`` rows, labels merged down."""
    rows = [["一级指标", "二级指标", "三级指标", "指标值", "指标解释", "评(扣)分标准"]]
    previous = None
    for number in range(indicators):
        levels = LEVELS[number * len(LEVELS) // indicators]
        level1, level2 = ("", "") if levels == previous else levels
        previous = levels
        rows.append(
            [
                level1,
                level2,
                f"工作任务{number + 1}完成数量",
                f"≥{number % 90 + 10}次",
                f"全年完成工作任务{number + 1}的次数",
                "达到计划值得满分",
            ]
        )
    table = Table(rows)
    table.merges = vertical_merges(rows)
    return xlsx_bytes({"整体": ["2024年部门整体支出绩效目标表", "单位名称：修文县六屯镇人民政府", table]})


def time_big_workbook(folder: Path, name: str, data: bytes) -> tuple[int, float]:
    path = folder / name
    path.write_bytes(data)
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        [form] = parse_file(path)
        runs.append(time.perf_counter() - start)
    return len(form.indicators), statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    copies = parser.parse_args().copies
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = build_corpus(folder, copies)
        total = sum(len(paths) for paths in files.values())
        print(f"corpus: {total} files\n")
        print(f"{'format':<10}{'files':>7}{'forms':>7}{'indicators':>12}{'seconds':>10}{'forms/s':>10}")
        for fmt, paths in files.items():
            forms, indicators, seconds = read_all(paths)
            print(
                f"{fmt:<10}{len(paths):>7}{forms:>7}{indicators:>12}{seconds:>10.3f}{forms / seconds:>10.1f}"
            )
        workbook = big_workbook()
        print()
        for name, data in (("big.xlsx", workbook), ("big.xls", xls_from_xlsx(workbook))):
            count, seconds = time_big_workbook(folder, name, data)
            print(f"{name[3:]:<5} with {count} indicators: {seconds:.3f} s (median of 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
