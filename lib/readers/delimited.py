"""Comma- and |-separated text exports → rows of cells (shape ``csv``, ref ``line 4 cell 2``).

A text is read this way when it has no tab (tab-separated rows are the grid's tab-rows) and
splitting on the separator makes an early line hold at least two header titles or field labels
of the forms' vocabulary: prose that happens to contain commas never does. Fields are parsed
with the csv module (quoted fields may hold separators and line breaks); a Markdown pipe table
loses its outer pipes and its ``---`` rule lines. Each row keeps its fields as written (their
number says where merged cells were, as in Word's text export) but is cut at the widest extent
of text in the file, which drops the stray separators some exports leave at the end of rows.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable

from lib.readers import vocab
from lib.readers.grid import Cell, Row, rows_without_empties

_PROBE_RECORDS = 60
_RULE = re.compile(r"^\s*:?-{3,}:?\s*$")
_Record = tuple[int, list[str]]  # first line number, fields


def delimited_rows(text: str) -> list[Row] | None:
    """The rows of a comma- or |-separated export, or None when the text is not one."""
    if "\t" in text:
        return None
    for separator in (",", "|"):
        records = _records(text, separator)
        if records and _speaks_vocabulary(records[:_PROBE_RECORDS]):
            return _rows(records)
    return None


def _records(text: str, separator: str) -> list[_Record]:
    lines: Iterable[str] = text.splitlines(keepends=True)  # quoted fields may span lines
    if separator == "|":
        lines = [_unpipe(line) + "\n" for line in lines]
    reader = csv.reader(lines, delimiter=separator)
    records: list[_Record] = []
    start = 1
    try:
        for fields in reader:
            if not (separator == "|" and fields and all(_RULE.match(f) for f in fields)):
                records.append((start, fields))
            start = reader.line_num + 1
    except csv.Error:
        return []
    return records


def _unpipe(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        return stripped[1:-1]
    return line


def _speaks_vocabulary(records: list[_Record]) -> bool:
    """Does some record split into two or more header titles or field labels?"""
    for _, fields in records:
        known = sum(1 for f in fields if f.strip() and _is_known(f))
        if known >= 2:
            return True
    return False


def _is_known(text: str) -> bool:
    return bool(vocab.header_role(text) or vocab.flat_role(text) or vocab.field_label(text))


def _rows(records: list[_Record]) -> list[Row]:
    width = max((_extent(fields) for _, fields in records), default=0)
    rows = []
    for line, fields in records:
        cells = [
            Cell(text, f"line {line} cell {number}") for number, text in enumerate(fields[:width], start=1)
        ]
        rows.append(Row(cells, f"line {line}", "csv"))
    return rows_without_empties(rows)


def _extent(fields: list[str]) -> int:
    """One past the last field holding text."""
    for index in range(len(fields), 0, -1):
        if fields[index - 1].strip():
            return index
    return 0
