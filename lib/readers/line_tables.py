"""A text export saved "the obvious way" as a table: each line of the text one row.

A clerk who opens the text export in Excel or Word and saves it gets a sheet (or a table, or a
CSV file) whose rows are the text's lines, cut at its tabs. The rows lose what the text's
layout meant (a cell per line, blank lines between rows), so the file is also read as the text
it was made from: the rows joined with tabs, a blank line for every row left empty or skipped.
The reading with more valued indicators is kept.
"""

from __future__ import annotations

import csv
import re

from lib.readers.grid import Row

_ROW_NUMBER = re.compile(r"(\d+)$")
_CSV_LINE_SHARE = 0.5
_LONE_CELL_SHARE = 0.2


def text_of_rows(rows: list[Row]) -> str:
    """The text the rows were cut from: cells joined by tabs, gaps in row numbers as blank lines."""
    lines: list[str] = []
    previous: int | None = 0
    for row in rows:
        number = _row_number(row.ref)
        if previous is not None and number is not None and number > previous + 1:
            lines.extend([""] * (number - previous - 1))
        previous = number if number is not None else previous
        lines.append("\t".join(cell.raw for cell in row.cells).rstrip("\t"))
    return "\n".join(lines)


def looks_line_saved(text: str) -> bool:
    """Do many lines hold one cell behind a tab (a cell-per-line export, saved row by row)?"""
    lines = [line for line in text.splitlines() if line.strip()]
    lone_cells = sum(1 for line in lines if line.startswith("\t") and line.count("\t") == 1)
    return bool(lines) and lone_cells >= _LONE_CELL_SHARE * len(lines)


def _row_number(ref: str) -> int | None:
    head = ref.split(" cell ")[0]
    found = _ROW_NUMBER.search(head)
    return int(found[1]) if found else None


def text_of_csv(text: str) -> str | None:
    """A CSV file's text with its fields joined by tabs: most lines have commas, or many open with one."""
    lines = [line for line in text.splitlines() if line.strip()]
    if "\t" in text or not lines:
        return None
    with_commas = sum("," in line for line in lines)
    lone_cells = sum(line.startswith(",") for line in lines)  # a cell-per-line line: ,产出指标
    if with_commas < _CSV_LINE_SHARE * len(lines) and lone_cells < _LONE_CELL_SHARE * len(lines):
        return None
    try:
        records = list(csv.reader(text.splitlines()))
    except csv.Error:
        return None
    return "\n".join("\t".join(fields).rstrip("\t") for fields in records)
