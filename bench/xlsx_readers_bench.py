"""openpyxl (the project's .xlsx reader) against python-calamine, on the same workbooks.

Usage: pip install python-calamine && python bench/xlsx_readers_bench.py
(calamine is not a dependency: this measures whether it would be worth becoming one)

Times, median of 5 on one core: ``read_xlsx`` (openpyxl, rows with merges applied) and calamine
reading every sheet's values and merged ranges, on the 1,000-indicator workbook of
bench/formats_bench.py and on the five samples' .xlsx renditions. Then the behaviour that
decides: a 0.95 formatted as a percentage, which the readers promise to read as ``95%``.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from fixtures_office import blocks_of, seed_text, xlsx_bytes  # noqa: E402
from formats_bench import STEMS, big_workbook  # noqa: E402

from lib.readers.sheets import read_xlsx  # noqa: E402

try:
    import python_calamine
except ImportError:
    sys.exit("python-calamine is not installed: pip install python-calamine")


def by_calamine(data: bytes) -> list[tuple[list[list[object]], object]]:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = [book.get_sheet_by_name(name) for name in book.sheet_names]
    return [(sheet.to_python(), sheet.merged_cell_ranges) for sheet in sheets]


def by_openpyxl(data: bytes) -> object:
    return read_xlsx(data, "bench.xlsx")


def median_ms(read: Callable[[bytes], object], files: list[bytes]) -> float:
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for data in files:
            read(data)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def percentage_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = 0.95
    workbook.active["A1"].number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> int:
    corpora = {
        "1,000 indicators": [big_workbook()],
        "5 samples": [xlsx_bytes({"表": blocks_of(seed_text(stem))}) for stem in STEMS],
    }
    print(f"{'workbooks':<18}{'openpyxl ms':>12}{'calamine ms':>12}")
    for label, files in corpora.items():
        print(f"{label:<18}{median_ms(by_openpyxl, files):>12.1f}{median_ms(by_calamine, files):>12.1f}")
    data = percentage_workbook()
    print(
        f"\n0.95 formatted 0%: read_xlsx reads {by_openpyxl(data)[0].rows[0].values[0]!r}, "
        f"calamine {by_calamine(data)[0][0][0][0]!r}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
