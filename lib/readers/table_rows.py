"""Read one indicator-table row into a draft, placing cells by what they are.

Merged cells shift columns from row to row, so a cell's position says little. A cell is
read as a level-1 or level-2 label, a sequence mark (指标1:), a function label (职能1:),
an operator (=, ≥, 定性), the target value, or text; the table header (when there is
one) only tells the order of the text columns around the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib.normalize.taxonomy import normalize_level1, normalize_level2
from lib.normalize.values import is_value_like, parse_operator
from lib.readers import vocab
from lib.readers.grid import Cell, Row

TEXT_ROLES = ("name", "description", "scoring", "basis", "remark", "weight", "direction", "actual", "got")
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
        after = self.roles[self.roles.index("value") + 1:]
        return tuple(r for r in after if r in TEXT_ROLES or r == "unit")


def read_header(row: Row) -> Header | None:
    """A header row names at least two of 一级/二级/三级指标, or a name and a value column."""
    roles = [vocab.header_role(c.text) if c.text else None for c in row.cells]
    levels = sum(r in ("level1", "level2") for r in roles)
    if levels + ("name" in roles) >= 2 or ("name" in roles and "value" in roles):
        for cell in row.filled():
            cell.used = True
        return Header(roles)
    return None


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
        cells = self.row.cells
        for index, cell in enumerate(cells):
            if not cell.text:
                continue
            if self.draft.value is not None:
                self.post.append(cell)
            else:
                self._before_value(index, cell)
        if self.draft.value is None:
            return None
        self._settle_ambiguous()
        if self.aligned:
            self._assign_by_column()
        else:
            self._assign_pre()
            self._assign_post()
        self.draft.value.used = True
        return self.draft

    def _before_value(self, index: int, cell: Cell) -> None:
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
        elif self.draft.operator_hint is not None or is_value_like(text):
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
        """As wide as the header, with a value under the header's value column (no merge shifted it)."""
        if self.header is None or len(self.row.cells) != len(self.header.roles) or "value" not in self.header.roles:
            return False
        value = self.row.cells[self.header.roles.index("value")].text
        return bool(value) and is_value_like(value)

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
        texts = self.pre[-len(roles):] if len(self.pre) >= len(roles) else self.pre
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
        for cell in self.pre + self.post:
            role = self._role(self.row.cells.index(cell))
            if role == "unit":
                self.draft.unit_hint = cell.text
            elif role in TEXT_ROLES:
                self.draft.texts[role] = cell.text
            elif cell in self.pre:
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


def read_row(row: Row, header: Header | None) -> Draft | None:
    """The row as an indicator draft, or None when it holds no target value."""
    return _RowScan(row, header).scan()


def group_label(row: Row) -> Cell | None:
    """A row that only carries a function label (职能4: …), as merged cells leave behind."""
    filled = row.filled()
    if len(filled) == 1 and vocab.GROUP_LABEL.match(filled[0].text):
        return filled[0]
    return None
