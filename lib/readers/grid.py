"""Rows of cells: the shape every reader hands to the interpreter.

A text export comes in two shapes, often mixed in one file:
- *cell-per-line*: each table cell on its own line behind a tab, rows separated by blank
  lines, a cell's further paragraphs on the lines that follow without a tab;
- *tab-rows*: one table row per line, cells separated by tabs (merged cells leave empties).
Lines that are neither (titles, paragraphs between tables) become one-cell rows.
The other readers build the same :class:`Row` lists: :mod:`word` (.docx), :mod:`sheets`
(.xlsx), :mod:`delimited` (comma- and |-separated text), :mod:`pdf`, :mod:`worddoc` (.doc) and
:mod:`xls`; a row's ``shape`` names the reader (``docx-table``, ``docx-paragraph``, ``xlsx``,
``csv``, ``pdf-table``, ``pdf-line``, ``doc-table``, ``doc-paragraph``, ``xls``). The interpreter never branches on the shape: it only names the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lib.normalize.text import clean_cell


@dataclass
class Cell:
    raw: str
    ref: str
    text: str = ""
    used: bool = False

    def __post_init__(self) -> None:
        self.text = clean_cell(self.raw)


@dataclass
class Row:
    cells: list[Cell]
    ref: str
    shape: str  # "cells" (cell-per-line), "tabs" (tab-rows), "line" (a paragraph), or an office shape
    values: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.values = [c.text for c in self.cells]

    def filled(self) -> list[Cell]:
        return [c for c in self.cells if c.text]

    def unused(self) -> list[Cell]:
        return [c for c in self.cells if c.text and not c.used]


def _classify(line: str) -> str:
    """'cell' (one tab-led cell), 'tabs' (a row of cells), 'blank' or 'text'."""
    if "\t" not in line:
        return "text" if line.strip() else "blank"
    head, _, rest = line.partition("\t")
    if not head.strip() and "\t" not in rest:
        return "cell"
    return "tabs"


class _RowBuilder:
    """Accumulates cells of a cell-per-line row and paragraphs of the current cell."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.cells: list[tuple[int, list[str]]] = []  # (line number, paragraphs)

    def add_cell(self, number: int, text: str) -> None:
        self.cells.append((number, [text]))

    def extend_cell(self, text: str) -> bool:
        if not self.cells:
            return False
        self.cells[-1][1].append(text)
        return True

    def close(self) -> None:
        if self.cells:
            cells = [Cell("\n".join(parts), f"line {n}") for n, parts in self.cells]
            self.rows.append(Row(cells, _span(self.cells[0][0], self.cells[-1][0]), "cells"))
        self.cells = []

    def add_row(self, row: Row) -> None:
        self.close()
        self.rows.append(row)


def _span(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def text_rows(text: str) -> list[Row]:
    """Split a text export into rows of cells, keeping every non-blank piece of text."""
    builder = _RowBuilder()
    for number, line in enumerate(text.splitlines(), start=1):
        kind = _classify(line)
        if kind == "blank":
            builder.close()
        elif kind == "cell":
            builder.add_cell(number, line.partition("\t")[2])
        elif kind == "text" and builder.extend_cell(line):
            continue
        elif kind == "text":
            builder.add_row(Row([Cell(line, f"line {number}")], f"line {number}", "line"))
        else:
            cells = [Cell(part, f"line {number} cell {i}") for i, part in enumerate(line.split("\t"), 1)]
            builder.add_row(Row(cells, f"line {number}", "tabs"))
    builder.close()
    return rows_without_empties(builder.rows)


def rows_without_empties(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.filled()]


def reset_used(rows: list[Row]) -> None:
    """Mark every cell unread again, so the rows can be read a second time."""
    for row in rows:
        for cell in row.cells:
            cell.used = False
