"""The flat export budget systems write: one row per indicator, the unit and project in columns.

单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |
权重 | 指标方向性, in any order and under any title of ``vocab.HEADER_ROLES`` / ``vocab.FLAT_ROLES``.
A header is flat when it names a unit or project column beside indicator columns.

- A unit, project, budget, goal or level written only on its first row (a merged cell, or left
  blank below) continues down to the next one; a value repeated down its rows is read once.
- Each unit becomes its own form, holding its projects and their indicators. A file with no
  unit column is one form, for the unit the lines above the table name.
- The lines above the table (titles, 单位：万元, 填报日期) are read by the interpreter into every
  form; a later header row (the next sheet's) maps the columns again.
- A column the vocabulary does not know is kept in ``extra`` under its header title; a row no
  column explains (合计, notes under the table) goes to ``unparsed``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lib.errors import FormError
from lib.model import Form, Note, Project
from lib.normalize.dates import common_year, title_year
from lib.normalize.money import normalise_amounts, parse_amount, unit_from_label
from lib.normalize.names import looks_like_unit_name, split_unit_name
from lib.normalize.taxonomy import normalize_level1, normalize_level2
from lib.readers import vocab
from lib.readers.form_ids import add_extra_once, warn_unparsed
from lib.readers.grid import Cell, Row
from lib.readers.indicators import Place, RowTexts, add_indicator, settle_level1
from lib.readers.interpret import Interpreter
from lib.readers.table_rows import TEXT_ROLES, unique_roles

LAYOUT = "flat-table"
_OWNERS = {"unit_name", "project_name"}
_TOTAL_ROW = re.compile(r"^(合计|总计|小计)$")
_INDICATOR_ROLES = ("name", "value")
_TITLE_MAX_CHARS = 16  # a column title is short; longer cells are never looked up


@dataclass
class Columns:
    """A flat header: column index → role, and each column's title."""

    roles: dict[int, str]
    titles: dict[int, str]

    @property
    def scored(self) -> bool:
        return bool({"actual", "got"} & set(self.roles.values()))


def flat_columns(row: Row) -> Columns | None:
    """The row as a flat header, or None: a unit or project column beside indicator columns."""
    if not any(len(c.text) <= _TITLE_MAX_CHARS and vocab.flat_role(c.text) in _OWNERS for c in row.cells):
        return None
    found = unique_roles(
        [vocab.flat_role(c.text) or vocab.header_role(c.text) if c.text else None for c in row.cells]
    )
    roles = {index: role for index, role in enumerate(found) if role}
    named = set(roles.values())
    if not (_OWNERS & named and "name" in named and ({"value", "level1", "level2"} & named)):
        return None
    return Columns(roles, {index: c.text for index, c in enumerate(row.cells) if c.text})


def find_header(rows: list[Row]) -> int | None:
    """Index of the first flat header row, or None when the rows are not a flat export."""
    return next((index for index, row in enumerate(rows) if flat_columns(row) is not None), None)


@dataclass
class _Unit:
    """One unit's form while it is read, and what its rows carry down."""

    form: Form
    project: Project | None = None
    level1: str | None = None
    level2: str | None = None
    raw_budgets: dict[int, tuple[float, str | None]] = field(default_factory=dict)


class FlatReader:
    """Reads the rows of a flat export into one form per unit."""

    def __init__(self, rows: list[Row], header_index: int, source: str, fmt: str) -> None:
        self.rows = rows
        self.header_index = header_index
        context = Interpreter(Form("", source, fmt, LAYOUT))
        self.template = context.read_context(rows[:header_index])
        self.money_unit = context.money_unit
        self.columns: Columns | None = None
        self.units: dict[str | None, _Unit] = {}
        self.current: _Unit | None = None

    def read(self) -> list[Form]:
        for row in self.rows[self.header_index :]:
            self._row(row)
        if not any(unit.form.indicators or unit.form.projects for unit in self.units.values()):
            raise FormError(self.template.source, "flat_header_without_rows")
        return [self._finish(unit) for unit in self.units.values()]

    # ---- rows -----------------------------------------------------------------------------
    def _row(self, row: Row) -> None:
        columns = flat_columns(row)
        if columns is not None:
            self.columns = columns
            for cell in row.filled():
                cell.used = True
            return
        cells = {
            self.columns.roles[i]: c for i, c in enumerate(row.cells) if c.text and i in self.columns.roles
        }
        if self._loose_line(row, cells):
            return
        if not self._is_data_row(row, cells):
            self._unit(None).form.unparsed.extend(Note(c.ref, c.text) for c in row.filled())
            return
        unit = self._unit(cells.get("unit_name"))
        self._owner_fields(unit, cells)
        self._levels(unit, cells)
        if any(role in cells for role in _INDICATOR_ROLES):
            self._indicator(unit, cells)
        self._other_columns(unit, row)

    def _loose_line(self, row: Row, cells: dict[str, Cell]) -> bool:
        """A title or money-unit line between tables (the next sheet's), read as such."""
        filled = row.filled()
        if len(filled) != 1 or {"unit_name", "project_name"} & cells.keys():
            return False
        cell = filled[0]
        label = vocab.field_label(cell.text)
        if vocab.is_title(cell.text):
            add_extra_once(self._unit(None).form, "标题", cell.text, cell.ref)
        elif label is not None and label[0] == "money_unit":
            self.money_unit = unit_from_label(cell.text) or self.money_unit
        else:
            return False
        cell.used = True
        return True

    @staticmethod
    def _is_data_row(row: Row, cells: dict[str, Cell]) -> bool:
        """A row naming a project or an indicator, or a unit by a unit's name; not 合计 or a note."""
        if _TOTAL_ROW.match(vocab.label_key(row.filled()[0].text)):
            return False
        if any(role in cells for role in (*_INDICATOR_ROLES, "project_name")):
            return True
        return "unit_name" in cells and looks_like_unit_name(cells["unit_name"].text)

    def _unit(self, cell: Cell | None) -> _Unit:
        """The unit a row belongs to: the one it names, else the one above."""
        if cell is not None:
            cell.used = True
            name = split_unit_name(cell.text).unit_name or cell.text
            if name not in self.units:
                self.units[name] = self._new_unit(cell.text)
            self.current = self.units[name]
        if self.current is None:
            self.current = self._title_unit()
        return self.current

    def _title_unit(self) -> _Unit:
        """The unit of rows before any row names one: the unit the title names (单位名称：X), so
        that X's own rows below join it rather than make a second form for the same unit."""
        name = self.template.unit_name
        key = (split_unit_name(name).unit_name or name) if name else None
        if key not in self.units:
            self.units[key] = _Unit(copy.deepcopy(self.template))
        return self.units[key]

    def _new_unit(self, text: str) -> _Unit:
        form = copy.deepcopy(self.template)
        parts = split_unit_name(text)
        form.unit_name, form.county, form.township = parts.unit_name or text, parts.county, parts.township
        form.unit_code = parts.unit_code or form.unit_code
        return _Unit(form)

    def _owner_fields(self, unit: _Unit, cells: dict[str, Cell]) -> None:
        form = unit.form
        if "unit_code" in cells:
            form.unit_code = form.unit_code or cells["unit_code"].text
            cells["unit_code"].used = True
        if "year" in cells:
            form.year = form.year or title_year(cells["year"].text + "年")
            cells["year"].used = form.year is not None
        if "project_name" in cells:
            self._project(unit, cells["project_name"])
        if unit.project is not None:
            self._project_fields(unit, cells)

    def _project(self, unit: _Unit, cell: Cell) -> None:
        cell.used = True
        if unit.project is not None and unit.project.name == cell.text:
            return
        known = [p for p in unit.form.projects if p.name == cell.text]
        unit.project = known[0] if known else Project(name=cell.text)
        if not known:
            unit.form.projects.append(unit.project)
        unit.level1 = unit.level2 = None

    def _project_fields(self, unit: _Unit, cells: dict[str, Cell]) -> None:
        """Code, budget and goal of the current project: the first written wins, repeats are read once."""
        project = unit.project
        for role in ("project_code", "goal"):
            cell = cells.get(role)
            attribute = "code" if role == "project_code" else "goal"
            if cell is not None and getattr(project, attribute) in (None, cell.text):
                setattr(project, attribute, cell.text)
                cell.used = True
        cell = cells.get("project_budget")
        if cell is not None:
            amount, unit_written = parse_amount(cell.text)
            known = unit.raw_budgets.get(id(project))
            if amount is not None and (known is None or known[0] == amount):
                unit.raw_budgets[id(project)] = (amount, unit_written or self._budget_unit())
                cell.used = True

    def _budget_unit(self) -> str | None:
        """The money unit the budget column's title states (预算数(万元)), else the lines above."""
        for index, role in self.columns.roles.items():
            if role == "project_budget" and unit_from_label(self.columns.titles[index]):
                return unit_from_label(self.columns.titles[index])
        return self.money_unit

    @staticmethod
    def _levels(unit: _Unit, cells: dict[str, Cell]) -> None:
        level1 = normalize_level1(cells["level1"].text) if "level1" in cells else None
        level2 = normalize_level2(cells["level2"].text) if "level2" in cells else None
        if level1:
            if level1 != unit.level1:
                unit.level2 = None
            unit.level1 = level1
            cells["level1"].used = True
        if level2:
            unit.level2 = level2
            cells["level2"].used = True

    def _indicator(self, unit: _Unit, cells: dict[str, Cell]) -> None:
        texts = {role: cell.text for role, cell in cells.items() if role not in _INDICATOR_ROLES}
        name, value = cells.get("name"), cells.get("value")
        ref = (value or name).ref
        row = RowTexts(
            name.text if name else None,
            value.text if value else None,
            ref,
            texts.get("operator"),
            texts.get("unit"),
            texts,
        )
        level1, inferred = settle_level1(unit.level1, unit.level2)
        project = unit.project.name if unit.project else None
        add_indicator(
            unit.form, row, Place(level1, inferred, unit.level2, project, project), self.columns.scored
        )
        for role, cell in cells.items():
            if role in (*_INDICATOR_ROLES, "operator", "unit", *TEXT_ROLES):
                cell.used = True

    def _other_columns(self, unit: _Unit, row: Row) -> None:
        """Cells of columns the vocabulary does not know, under their titles; the rest unparsed."""
        for index, cell in enumerate(row.cells):
            if not cell.text or cell.used:
                continue
            title = self.columns.titles.get(index)
            if title and index not in self.columns.roles:
                add_extra_once(unit.form, vocab.label_key(title), cell.text, cell.ref)
            else:
                unit.form.unparsed.append(Note(cell.ref, cell.text))
            cell.used = True

    # ---- finishing --------------------------------------------------------------------------
    def _finish(self, unit: _Unit) -> Form:
        form = unit.form
        for project in form.projects:
            raw = unit.raw_budgets.get(id(project))
            if raw is None:
                continue
            reading = normalise_amounts({"budget": raw[0]}, raw[1], scale="project")
            project.budget = reading.values_wan["budget"]
            if reading.unit_suspect:
                form.warn("unit_suspect", **reading.warning(project.name))
        form.form_kind = self._kind(form)
        form.year = form.year or common_year(
            [p.goal or "" for p in form.projects] + [p.name or "" for p in form.projects]
        )
        form.layout = LAYOUT
        warn_unparsed(form)
        return form

    def _kind(self, form: Form) -> str:
        if form.form_kind == "self_eval" or self.columns.scored:
            return "self_eval"
        if "project_name" in self.columns.roles.values():
            return "project"
        return form.form_kind or "department"


def read_flat(rows: list[Row], header_index: int, source: str, fmt: str) -> list[Form]:
    """The forms of a flat export (one per unit), each with its projects and indicators."""
    return FlatReader(rows, header_index, source, fmt).read()
