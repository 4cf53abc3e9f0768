"""Regenerate tests/data/old-office/: .doc files and one .xls, saved in Excel/Word 97-2003 format by LibreOffice.

Origin of the committed files: this script, run once with Debian's LibreOffice 7.4
(libreoffice-writer-nogui, libreoffice-calc-nogui), on files built by code:
- ``000.doc`` … ``004.doc``: the .docx rendition of each bundled sample (data/samples/*.txt) that
  tests/fixtures_office.py builds, saved as Word 97-2003;
- ``nested.doc``: the .docx of ``fixtures_old_office.nested_table_docx`` (a table in a cell, a page header and footer);
- ``details.xls``: a small workbook built with openpyxl below (a formula, a percentage, a date,
  merged cells, a hidden row and a hidden sheet), saved as Excel 97-2003, so the formula's result
  is cached in the file as Excel or WPS would leave it (xlwt cannot write cached results).
The tests only read the committed files, so `make test` needs no LibreOffice.

Usage: .venv/bin/python tests/data/make_old_office_fixtures.py   (needs `soffice` on the PATH)
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE.parent)]

from fixtures_office import blocks_of, docx_bytes, seed_text  # noqa: E402
from fixtures_old_office import nested_table_docx  # noqa: E402

STEMS = ["000", "001", "002", "003", "004"]
OUT = HERE / "old-office"


def details_workbook(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "明细"
    sheet.append(["一级指标", "三级指标", "指标值", "完成日期"])
    sheet.append(["产出指标", "培训人次", "=12*10", datetime.date(2024, 12, 31)])
    sheet.append([None, "验收合格率", 0.95, None])
    sheet.append([None, "隐藏行里的指标", 7, None])
    sheet.append(["合计说明：本表数据为测试数据", None, None, None])
    sheet["C3"].number_format = "0%"
    sheet["D2"].number_format = "yyyy-mm-dd"
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("A5:D5")
    sheet.row_dimensions[4].hidden = True
    hidden = workbook.create_sheet("隐藏表")
    hidden.append(["隐藏表里的文字"])
    hidden.sheet_state = "hidden"
    workbook.save(path)


def main() -> int:
    if shutil.which("soffice") is None:
        sys.exit(
            "soffice (LibreOffice) is not installed: "
            "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
        )
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = []
        for stem in STEMS:
            path = folder / f"{stem}.docx"
            path.write_bytes(docx_bytes(blocks_of(seed_text(stem))))
            sources.append(path)
        (folder / "nested.docx").write_bytes(nested_table_docx())
        convert(folder, [*sources, folder / "nested.docx"], "doc:MS Word 97")
        details_workbook(folder / "details.xlsx")
        convert(folder, [folder / "details.xlsx"], "xls:MS Excel 97")
        for name in [f"{stem}.doc" for stem in STEMS] + ["nested.doc", "details.xls"]:
            shutil.copyfile(folder / name, OUT / name)
            print(OUT / name)
    return 0


def convert(folder: Path, sources: list[Path], target: str) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )


if __name__ == "__main__":
    raise SystemExit(main())
