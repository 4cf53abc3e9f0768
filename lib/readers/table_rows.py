"""Read one indicator-table row into a draft, placing cells by what they are.

Merged cells shift columns from row to row, so a cell's position says little. A cell is
read as a level-1 or level-2 label, a sequence mark (指标1:), a function label (职能1:),
an operator (=, ≥, 定性), the target value, or text; the table header (when there is
one) only tells the order of the text columns around the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lib.normalize.taxonomy import normalize_level1, normalize_level2
from lib.normalize.values import is_value_like, parse_operator, split_run_in
from lib.readers import vocab
from lib.readers.grid import Cell, Row

TEXT_ROLES = (
    "name",
    "description",
    "scoring",
    "basis",
    "remark",
    "weight",
    "direction",
    "actual",
    "points_full",
    "got",
    "deviation",
)
DEFAULT_PRE = ("name",)
DEFAULT_POST = ("description", "scoring")
_UNIT_LIKE = re.compile(r"^[^\d\s，。；;,.:：]{1,6}$")


@dataclass
class Header:
    """Column roles of an indicator table, in order."""

    roles: list[str | None]

    @property
    def pre_value(self) -> tuple[str, ...]:
        before = self.roles[: self.roles.index("value")] if "value" in self.roles else self.roles
        return tuple(r for r in before if r in TEXT_ROLES) or DEFAULT_PRE

    @property
    def post_value(self) -> tuple[str, ...]:
        if "value" not in self.roles:
            return DEFAULT_POST
        after = self.roles[self.roles.index("value") + 1 :]
        return tuple(r for r in after if r in TEXT_ROLES or r == "unit")

    @property
    def scored(self) -> bool:
        """A self-evaluation table: an actual result or a score beside the target."""
        return "actual" in self.roles or "got" in self.roles


def read_header(row: Row) -> Header | None:
    """A header row names at least two of 一级/二级/三级指标, or a name and a value column."""
    roles = unique_roles([vocab.header_role(c.text) if c.text else None for c in row.cells])
    levels = sum(r in ("level1", "level2") for r in roles)
    if levels + ("name" in roles) >= 2 or ("name" in roles and "value" in roles):
        for cell in row.filled():
            cell.used = True
        return Header(roles)
    return None


def unique_roles(roles: list[str | None]) -> list[str | None]:
    """A role claimed by two columns keeps the rightmost (绩效指标 over 一级…三级指标 is a caption)."""
    last = {role: index for index, role in enumerate(roles) if role}
    return [role if role and last[role] == index else None for index, role in enumerate(roles)]


@dataclass
class Draft:
    """An indicator row as read, before values are normalised."""

    row: Row
    level1: str | None = None
    level2: str | None = None
    group: str | None = None
    operator_hint: str | None = None
    value: Cell | None = None
    unit_hint: str | None = None
    cost_label: str | None = None  # 成本指标 whose level the row alone cannot settle
    texts: dict[str, str] = field(default_factory=dict)
    context: list[str] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        return self.texts.get("name")


class _RowScan:
    """Walks one row's cells left to right, sorting them into a draft."""

    def __init__(self, row: Row, header: Header | None) -> None:
        self.row = row
        self.header = header
        self.draft = Draft(row)
        self.pre: list[Cell] = []
        self.post: list[Cell] = []
        self.ambiguous: list[tuple[int, Cell]] = []
        self.aligned = self._is_aligned()

    def scan(self) -> Draft | None:
        value_column = self.header.roles.index("value") if self.aligned else None
        for index, cell in enumerate(self.row.cells):
            if index == value_column:
                self.draft.value = cell  # an aligned row's target is under the header's value column
            elif not cell.text:
                continue
            elif self.draft.value is not None:
                self.post.append(cell)
            else:
                self._before_value(index, cell, value_allowed=value_column is None)
        if self.draft.value is None and not self._split_run_in():
            return None
        if self._blank_aligned_row():
            return None
        self._settle_ambiguous()
        if self.aligned:
            self._assign_by_column()
        else:
            self._assign_pre()
            self._assign_post()
        self.draft.value.used = True
        return self.draft

    def _blank_aligned_row(self) -> bool:
        """An aligned row with neither a name nor a target under their columns (总分, 合计)."""
        if not self.aligned or self.draft.value.text:
            return False
        roles = self.header.roles
        return "name" not in roles or not self.row.cells[roles.index("name")].text

    def _split_run_in(self) -> bool:
        """A row of a headed table with no value cell: the value may end the name (培训人数≥50人)."""
        if self.header is None:
            return False
        for position in range(len(self.pre) - 1, -1, -1):
            cell = self.pre[position]
            split = split_run_in(cell.text)
            if split is not None:
                cell.used = True
                self.pre[position] = Cell(split[0], cell.ref)
                self.draft.value = Cell(split[1], cell.ref)
                return True
        return False

    def _before_value(self, index: int, cell: Cell, value_allowed: bool) -> None:
        text = cell.text
        if self._role(index) in ("name", "description"):
            self.pre.append(cell)  # the header's column wins over what the text looks like (按时完成)
            return
        level1, level2 = self._levels(index, text)
        if vocab.GROUP_LABEL.match(text):
            self.draft.group = text
        elif vocab.SEQ_MARK.match(text):
            pass
        elif level1 and level2:
            self.ambiguous.append((index, cell))
            return
        elif level1:
            self.draft.level1 = level1
        elif level2:
            self.draft.level2 = level2
        elif self.draft.operator_hint is None and parse_operator(text):
            self.draft.operator_hint = parse_operator(text)
        elif value_allowed and (self.draft.operator_hint is not None or is_value_like(text)):
            self.draft.value = cell
            return
        else:
            self.pre.append(cell)
            return
        cell.used = True

    def _levels(self, index: int, text: str) -> tuple[str | None, str | None]:
        """Level labels, unless the row already named its level 2 (then a level-like cell is a name)."""
        if self.draft.level2 is not None:
            return None, None
        return normalize_level1(text), normalize_level2(text)

    def _role(self, index: int) -> str | None:
        """The header's role for this cell, when the row is aligned with the header."""
        return self.header.roles[index] if self.aligned and index < len(self.header.roles) else None

    def _is_aligned(self) -> bool:
        """As wide as the header, with a value under the header's value column (no merge shifted it).

        In a self-evaluation table a row as wide as the header is trusted even with an empty
        target, so the actual result beside it is never taken for the target.
        """
        if (
            self.header is None
            or len(self.row.cells) != len(self.header.roles)
            or "value" not in self.header.roles
        ):
            return False
        value = self.row.cells[self.header.roles.index("value")].text
        return self.header.scored or (bool(value) and is_value_like(value))

    def _settle_ambiguous(self) -> None:
        """成本指标 names both a level 1 and a level 2: the header, then the row, decide."""
        for index, cell in self.ambiguous:
            role = self._role(index)
            if role not in ("level1", "level2"):
                role = "level2" if self.draft.level1 else "level1" if self.draft.level2 else None
            if role == "level1":
                self.draft.level1 = normalize_level1(cell.text)
            elif role == "level2":
                self.draft.level2 = normalize_level2(cell.text)
            else:
                self.draft.cost_label = normalize_level2(cell.text)
            cell.used = True

    def _assign_pre(self) -> None:
        roles = self.header.pre_value if self.header else DEFAULT_PRE
        texts = self.pre[-len(roles) :] if len(self.pre) >= len(roles) else self.pre
        for role, cell in zip(roles, texts, strict=False):
            self.draft.texts[role] = cell.text
            cell.used = True
        context = self.pre[: len(self.pre) - len(texts)]
        self.draft.context = [c.text for c in context]
        for cell in context:
            cell.used = True

    def _assign_by_column(self) -> None:
        """On an aligned row every text cell takes its header column's role (empty cells keep theirs)."""
        context = []
        column_of = _columns(self.row.cells)
        for before_value, cell in [(True, c) for c in self.pre] + [(False, c) for c in self.post]:
            role = self._role(column_of(cell))
            if role == "unit":
                self.draft.unit_hint = cell.text
            elif role in TEXT_ROLES:
                self.draft.texts[role] = cell.text
            elif before_value or cell in self.pre:
                context.append(cell.text)
            else:
                continue  # a column the header does not name: left for unparsed
            cell.used = True
        self.draft.context = context

    def _assign_post(self) -> None:
        roles = list(self.header.post_value if self.header else DEFAULT_POST)
        cells = list(self.post)
        if roles and roles[0] == "unit":
            roles.pop(0)
            if cells and _UNIT_LIKE.match(cells[0].text) and not is_value_like(cells[0].text):
                unit = cells.pop(0)
                self.draft.unit_hint = unit.text
                unit.used = True
        for role, cell in zip(roles, cells, strict=False):
            self.draft.texts[role] = cell.text
            cell.used = True


def _columns(cells: list[Cell]) -> Callable[[Cell], int]:
    """A row's cell → its column: by identity when every cell has its own ref (as every reader
    makes them), else the first equal cell's, as ``list.index`` finds it (cells compare by value)."""
    if len({cell.ref for cell in cells}) < len(cells):
        return cells.index
    column = {id(cell): index for index, cell in enumerate(cells)}
    return lambda cell: column[id(cell)]


def read_row(row: Row, header: Header | None) -> Draft | None:
    """The row as an indicator draft, or None when it holds no target value."""
    return _RowScan(row, header).scan()


def group_label(row: Row) -> Cell | None:
    """A row that only carries a function label (职能4: …), as merged cells leave behind.

    Level labels beside it (a spreadsheet repeats merged labels on every row) are read with it.
    """
    filled = row.filled()
    labels = [cell for cell in filled if vocab.GROUP_LABEL.match(cell.text)]
    if len(labels) != 1:
        return None
    others = [cell for cell in filled if cell is not labels[0]]
    if not all(normalize_level1(cell.text) or normalize_level2(cell.text) for cell in others):
        return None
    for cell in others:
        cell.used = True
    return labels[0]
