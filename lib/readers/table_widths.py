"""Empty cells given back to a cell-per-line export that was saved line by line.

In a cell-per-line text export each cell is a line behind a tab, an empty cell a line holding
only the tab, and a blank line ends each row. Saved as a sheet or a Word table, both the empty
cell and the blank line become an empty row, and a row with empty cells falls apart. Every row
of one table exports the same number of cells (a merged cell is written on each row it spans),
so the rows are recovered from the table's width: in a run of lone cells and empty lines, the
table that starts at a header row (一级指标 …), else the one with the most rows of one width in
a row (each followed by its blank line), is taken first; a small dynamic programme settles
where it starts and ends, and the stretches left are read the same way. What no table explains
stays as it was. Known limit: a table that follows a wider one after a single blank line may
lose its first row to it, when that row fits the wider table's width.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.readers import vocab

_MIN_ROWS = 3  # rows of one width that make a table
# Costs of a reading of a run of lone cells (lower is better): a table row costs its empty cells,
# so two rows are not read as one with an empty cell between them; a new table, an extra blank
# line (between tables) and a row cut short at a blank line (no table fits) cost more.
_TABLE_COST = 5
_EXTRA_BLANK_COST = 1
_SHORT_ROW_COST = 3
_MAX_WIDTH = 40
_MAX_SLOTS = 5_000  # a longer run is left as it is


def rows_by_width(lines: list[str]) -> list[str]:
    """The lines with each run of lone cells cut into its tables' rows: an empty line inside a
    row becomes an empty cell (a lone tab) again; what no table explains stays as it is."""
    out = list(lines)
    for run in _lone_cell_runs(lines):
        if len(run.filled) <= _MAX_SLOTS:
            for slot in _empty_cells(run.filled, _header_starts(run, lines)):
                out[run.slots[slot]] = "\t" + lines[run.slots[slot]].lstrip("\t")
    return out


def _header_starts(run: _Run, lines: list[str]) -> set[int]:
    """Slots that start a header row: a column title (一级指标, 指标值 …) after a blank line,
    followed by another title. A table begins there, whatever its width."""
    titled = [
        filled and vocab.header_role(lines[line].strip()) is not None
        for line, filled in zip(run.slots, run.filled, strict=True)
    ]
    return {
        slot
        for slot in range(len(titled) - 1)
        if titled[slot] and titled[slot + 1] and (slot == 0 or not run.filled[slot - 1])
    }


@dataclass
class _Run:
    """A run of lone-cell lines and empty lines: ``slots`` are their line numbers, ``filled``
    says which hold a cell (the lines continuing a cell's text are no slots)."""

    slots: list[int]
    filled: list[bool]


def _slot_kind(line: str) -> str:
    """'cell' (a lone cell behind a tab), 'empty', 'text' (a paragraph line) or 'row' (tab-cut cells)."""
    if not line.strip():
        return "empty"
    if "\t" not in line:
        return "text"
    head, _, rest = line.partition("\t")
    return "cell" if not head.strip() and "\t" not in rest else "row"


def _lone_cell_runs(lines: list[str]) -> list[_Run]:
    """The runs of lone cells and empty lines; a paragraph line right after a cell continues it."""
    runs: list[_Run] = []
    current = _Run([], [])
    for number, line in enumerate(lines):
        kind = _slot_kind(line)
        if kind == "text" and current.filled and current.filled[-1]:
            continue  # the cell's further paragraph
        if kind in ("cell", "empty"):
            current.slots.append(number)
            current.filled.append(kind == "cell")
            continue
        runs.append(current)
        current = _Run([], [])
    runs.append(current)
    return [run for run in runs if sum(run.filled) >= 2]


def _empty_cells(filled: list[bool], header_starts: set[int]) -> list[int]:
    """The empty slots that are cells of a table. The table that starts at a header row, else the
    longest table (most rows of one width in a row), is read first, around it; the stretches
    left are read the same way."""
    empty: list[int] = []
    stretches = [(0, len(filled))]
    while stretches:
        start, stop = stretches.pop()
        slots = _Slots(filled[start:stop], {slot - start for slot in header_starts if start <= slot < stop})
        longest = slots.longest_table()
        if longest is None:
            continue
        width, first, last = longest
        tables = slots.tables_around(width, first, last)
        if not tables:  # its rows read better as rows cut short: no table there
            stretches += [(start, start + first), (start + last, stop)]
            continue
        empty += [start + i for table in tables for row in table for i in row if not filled[start + i]]
        edges = [0, *[edge for table in tables for edge in (table[0].start, table[-1].stop)], stop - start]
        stretches += [(start + edges[k], start + edges[k + 1]) for k in range(0, len(edges), 2)]
    return sorted(empty)


class _Slots:
    """A run's slots (True where a line holds a cell) and the tables that fit them."""

    def __init__(self, filled: list[bool], header_starts: set[int]) -> None:
        self.filled = filled
        self.header_starts = header_starts
        self.size = len(filled)
        self.cells_before = [0]
        for slot in filled:
            self.cells_before.append(self.cells_before[-1] + slot)
        # where a row may end, last first: at a blank line or at the run's end
        self.row_ends = [self.size, *(slot for slot in range(self.size - 1, -1, -1) if not filled[slot])]

    def longest_table(self) -> tuple[int, int, int] | None:
        """(width, first slot, end) of the table of _MIN_ROWS rows or more to read first: one
        that starts at a header row, then the longest, then (of two as long) the wider, which
        explains more lines."""
        best: tuple[bool, int, int, int] | None = None  # at a header, rows, width, start
        for width in range(2, min(_MAX_WIDTH, self.size) + 1):
            rows_from = self._rows_from(width)
            at_header = [s for s in self.header_starts if rows_from[s] >= _MIN_ROWS]
            start = max(at_header, key=rows_from.__getitem__) if at_header else _first_max(rows_from)
            candidate = (start in self.header_starts, rows_from[start], width, start)
            if rows_from[start] >= _MIN_ROWS and (best is None or candidate[:3] > best[:3]):
                best = candidate
        if best is None:
            return None
        _, rows, width, start = best
        return width, start, start + rows * (width + 1)

    def _rows_from(self, width: int) -> list[int]:
        """For each slot, how many rows of ``width`` follow one another from it (a row is
        :meth:`is_row`; only the slots ``width`` before a row's end can start one)."""
        rows_from = [0] * (self.size + width + 2)
        cells_before = self.cells_before
        for end in self.row_ends:
            start = end - width
            if start >= 0 and cells_before[end] > cells_before[start]:
                rows_from[start] = 1 + rows_from[end + 1]
        return rows_from[: self.size]

    def is_row(self, start: int, width: int) -> bool:
        """Do ``width`` slots from ``start`` hold a cell and end at a blank line (or the run's end)?"""
        end = start + width
        return (
            end <= self.size
            and self.cells_before[end] > self.cells_before[start]
            and (end == self.size or not self.filled[end])
        )

    def empties(self, start: int, width: int) -> int:
        return width - (self.cells_before[start + width] - self.cells_before[start])

    def tables_around(self, width: int, first: int, last: int) -> list[list[range]]:
        """The tables of ``width`` over the slots ``first`` to ``last``, read from a row's width
        before to a row's width after them (where the first row starts is settled by the costs)."""
        earliest = first if first in self.header_starts else max(0, first - width - 1)
        window = range(earliest, min(self.size, last + width + 1))
        return [
            table for table in self._cut(width, window) if table[-1].stop > first and table[0].start < last
        ]

    def _cut(self, width: int, window: range) -> list[list[range]]:
        """The tables of ``width`` in the cheapest reading of the window's slots as tables, extra
        blank lines and rows cut short at a blank line: a dynamic programme over the slots, where
        ``best[position][rows of the table so far]`` is (cost, position before, rows before, row)."""
        best: dict[int, dict[int, tuple[int, int, int, range | None]]] = {p: {} for p in window}
        best[window.stop] = {}
        best[window.start][0] = (0, window.start, 0, None)

        def offer(position: int, rows: int, to: int, to_rows: int, added: int, row: range | None) -> None:
            value = best[position][rows][0] + added
            if to_rows not in best[to] or value < best[to][to_rows][0]:
                best[to][to_rows] = (value, position, rows, row)

        for position in [*window, window.stop]:
            if _MIN_ROWS in best[position]:  # a table may end after any row from its _MIN_ROWS-th on
                offer(position, _MIN_ROWS, position, 0, 0, None)
            if position == window.stop:
                break
            row = range(position, position + width)
            after = min(row.stop + 1, window.stop)
            if row.stop <= window.stop and self.is_row(position, width):
                for rows in [r for r in best[position] if r]:
                    offer(position, rows, after, min(rows + 1, _MIN_ROWS), self.empties(position, width), row)
                if 0 in best[position]:
                    offer(position, 0, after, 1, _TABLE_COST + self.empties(position, width), row)
            if 0 not in best[position]:
                continue
            if not self.filled[position]:
                offer(position, 0, position + 1, 0, _EXTRA_BLANK_COST, None)
            else:
                end = next((i for i in range(position, window.stop) if not self.filled[i]), window.stop)
                offer(position, 0, min(end + 1, window.stop), 0, _SHORT_ROW_COST, None)
        return _tables_read(best, window)


def _first_max(values: list[int]) -> int:
    """The first position of the largest value."""
    return values.index(max(values))


def _tables_read(
    best: dict[int, dict[int, tuple[int, int, int, range | None]]], window: range
) -> list[list[range]]:
    """The tables of the cheapest reading, walked back from the window's end."""
    tables: list[list[range]] = []
    position, rows, inside = window.stop, 0, False
    while position > window.start or rows:
        _, position, before, row = best[position][rows]
        if row is not None:
            if not inside:
                tables.append([])
            tables[-1].append(row)
        inside = row is not None and before != 0
        rows = before
    return [table[::-1] for table in tables[::-1]]
