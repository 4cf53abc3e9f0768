"""A text export saved "the obvious way" as a table: each line of the text one row.

A clerk who opens the text export in Excel or Word and saves it gets a sheet (or a table, or a
CSV file) whose rows are the text's lines, cut at its tabs. The rows lose what the text's
layout meant (a cell per line, blank lines between rows), so the file is also read as the text
it was made from: the rows joined with tabs, a blank line for every row left empty or skipped.
The reading with more valued indicators is kept.

Saving loses one more thing: an empty cell of a cell-per-line export (a line holding only a
tab) and the blank line that ends a row both become an empty row; :mod:`table_widths` gives the
empty cells back from the tables' widths. A CSV file written line by line keeps the difference
(``,`` is an empty cell, ``""`` a blank line) and is read as it is.
"""

from __future__ import annotations

import csv
import re

from lib.readers.grid import Row
from lib.readers.table_widths import rows_by_width

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
    return "\n".join(rows_by_width(lines))


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
    if _keeps_empty_cells(records):  # written line by line: ",," is an empty cell, "" a blank line
        return "\n".join(
            "\t" if _all_empty(fields) and len(fields) > 1 else _joined(fields) for fields in records
        )
    return "\n".join(rows_by_width([_joined(fields) for fields in records]))


def _joined(fields: list[str]) -> str:
    return "\t".join(fields).rstrip("\t")


def _all_empty(fields: list[str]) -> bool:
    return not any(field.strip() for field in fields)


def _keeps_empty_cells(records: list[list[str]]) -> bool:
    """Were the records written one per text line, unpadded: blank records of one field (a blank
    line) beside blank records of several (a lone tab, an empty cell)?"""
    blank_sizes = {min(len(fields), 2) for fields in records if _all_empty(fields)}
    return 2 in blank_sizes and bool(blank_sizes & {0, 1})
