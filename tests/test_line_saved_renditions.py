"""Each sample saved "the obvious way" reads to the same indicators as its .txt.

A clerk opens the text export and saves it as a workbook (each text line a row, cut at its
tabs), as CSV the same way, or pastes it into Word as a table (each line a row). The fixtures
are built here by code from data/samples; cells are written as text, as a paste keeps them.
A sheet or a Word table saved so loses the difference between an empty cell of a cell-per-line
export (a line holding a tab) and the blank line that ends a row; the reader gives the empty
cells back from the tables' widths (lib/readers/table_widths.py).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from lib.readers import parse_bytes, parse_file
from lib.readers.line_tables import text_of_csv
from lib.readers.table_widths import rows_by_width

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
STEMS = ("000", "001", "002", "003", "004")


def sample_text(stem: str) -> tuple[Path, str]:
    [path] = SAMPLES.glob(f"{stem}_*.txt")
    return path, path.read_text(encoding="utf-8")


def as_xlsx(text: str) -> bytes:
    book = Workbook()
    sheet = book.active
    for row, line in enumerate(text.splitlines(), start=1):
        for column, value in enumerate(line.split("\t"), start=1):
            if value:
                cell = sheet.cell(row=row, column=column)
                cell.value = value
                cell.data_type = "s"  # pasted as text: "=60元" stays text, not a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_csv(text: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in text.splitlines():
        writer.writerow(line.split("\t"))
    return out.getvalue().encode("utf-8")


def as_docx(text: str) -> bytes:
    lines = text.splitlines()
    document = docx.Document()
    table = document.add_table(rows=0, cols=max(len(line.split("\t")) for line in lines))
    for line in lines:
        cells = table.add_row().cells
        for index, value in enumerate(line.split("\t")):
            cells[index].text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


BUILDERS = {"xlsx": as_xlsx, "csv": as_csv, "docx": as_docx}


def reading(indicators: list) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.operator, i.target, i.unit) for i in indicators]


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("stem", STEMS)
def test_a_sample_saved_line_by_line_reads_like_its_text(stem: str, fmt: str) -> None:
    path, text = sample_text(stem)
    [reference] = parse_file(path)
    forms = parse_bytes(BUILDERS[fmt](text), f"{stem}.{fmt}")
    assert reading([i for form in forms for i in form.indicators]) == reading(reference.indicators)
    assert [(f.unit_name, f.year, f.budget.total) for f in forms] == [
        (reference.unit_name, reference.year, reference.budget.total)
    ]


def cell_per_line(tables: list[list[list[str]]]) -> list[str]:
    """A Word text export of the tables: a cell per line behind a tab, a blank line after each
    row, and one more between tables."""
    lines: list[str] = []
    for table in tables:
        for row in table:
            lines += ["\t" + cell for cell in row] + [""]
        lines.append("")
    return lines


def saved(lines: list[str]) -> list[str]:
    """The lines as a sheet saved from them gives them back: an empty cell is an empty row."""
    return ["" if line == "\t" else line for line in lines]


INDICATOR_TABLE = [
    ["一级指标", "二级指标", "三级指标", "绩效指标描述", "", "指标值"],
    ["产出指标", "数量指标", "吨数", "吨数", "", "≤1总吨数"],
    ["", "质量指标", "清洁度", "清洁度", "", "≥1清洁天数"],
    ["", "时效指标", "及时性", "", "", "≤1及时性"],
    ["效益指标", "社会效益指标", "提供优质服务", "提供优质服务", "", "≥1提供优质服务"],
    ["", "", "", "", "", "≥90%"],
]
BUDGET_TABLE = [["资金总额", "922.75"], ["", "基本支出"], ["", "项目支出"], ["其他", ""]]


@pytest.mark.parametrize(
    "tables",
    [[INDICATOR_TABLE], [BUDGET_TABLE, INDICATOR_TABLE], [BUDGET_TABLE, INDICATOR_TABLE, INDICATOR_TABLE]],
    ids=["one table", "two widths", "three tables"],
)
def test_empty_cells_come_back_from_the_tables_widths(tables: list[list[list[str]]]) -> None:
    export = cell_per_line(tables)
    assert saved(export) != export
    assert rows_by_width(saved(export)) == export


def test_rows_without_empty_cells_and_paragraphs_are_left_as_they_are() -> None:
    lines = [
        "标题",
        "",
        *cell_per_line([[["甲", "乙"], ["丙", "丁"], ["戊", "己"]]]),
        "正文第一段",
        "",
        "\t单独",
    ]
    assert rows_by_width(lines) == lines


def test_a_csv_written_line_by_line_keeps_its_empty_cells() -> None:
    export = cell_per_line([INDICATOR_TABLE])
    text = as_csv("\n".join(export)).decode("utf-8")
    assert text_of_csv(text).rstrip("\n") == "\n".join(export).rstrip("\n")


@pytest.mark.parametrize("stem", STEMS)
def test_a_csv_read_once_reads_as_when_also_read_as_its_text(
    stem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV file whose first reading is whole is no longer read a second time as the text it
    may be saved from: the forms are the ones the two readings compared give."""
    data = as_csv(sample_text(stem)[1])
    read_once = parse_bytes(data, f"{stem}.csv")
    monkeypatch.setattr("lib.readers.reads_whole", lambda forms: False)
    assert parse_bytes(data, f"{stem}.csv") == read_once
