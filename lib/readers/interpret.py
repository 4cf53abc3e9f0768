"""Rows of cells → one normalised form.

The interpreter walks the rows once. Each row is offered to the handlers in turn: a
title, labelled fields (unit, dates, money), section headings and their text, an indicator
table header, indicator rows (tabular or narrative), project blocks. Every cell a handler
places is marked used; whatever no handler placed ends in ``unparsed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lib import settings
from lib.errors import FormError
from lib.model import Extra, Form, Indicator, Note, Project
from lib.normalize.dates import common_year, parse_date, title_year, years_in
from lib.normalize.money import normalise_amounts, parse_amount, unit_from_label
from lib.normalize.names import looks_like_unit_name, split_unit_name
from lib.normalize.taxonomy import infer_level1
from lib.readers import narrative, vocab
from lib.readers.form_ids import add_extra_once, warn_unparsed
from lib.readers.grid import Cell, Row
from lib.readers.indicators import Place, RowTexts, add_indicator, settle_level1
from lib.readers.numbered import split_numbered
from lib.readers.table_rows import Draft, Header, group_label, read_header, read_row

BUDGET_FIELDS = ("total", "basic", "project", "other")
_SCOPE = "本级"  # "the unit itself": a qualifier split off the unit name, kept in extra
_SHAPE_NAMES = {"cells": "cell-per-line", "tabs": "tab-rows", "line": "paragraphs"}
_YEAR_LINE = re.compile(r"^[(（]?\s*(20\d{2})\s*年度?\s*[)）]?$")
_LABEL_AND_TEXT = re.compile(r"^([^：:\n]{2,20})([：:])\s*(.*)$", flags=re.S)  # 整体绩效目标：2023年…


@dataclass
class _Table:
    header: Header | None
    level1: str | None = None
    level2: str | None = None
    group: str | None = None
    project: str | None = None
    ident: int = 0
    rows_read: int = 0
    last_level1: str | None = None


@dataclass
class _Context:
    """What the rows read so far imply for the rows that follow."""

    section: str | None = None
    section_row: Row | None = None
    goal_columns: list[str] | None = None  # a self-evaluation goal table: 预期目标 | 实际完成情况
    table: _Table | None = None
    narrative_group: str | None = None
    narrative_level1: str | None = None
    project: Project | None = None
    project_unit: str | None = None
    project_raw_budget: dict[int, float] = field(default_factory=dict)
    tables_opened: int = 0


class Interpreter:
    """Builds one :class:`Form` from the rows of one document."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.ctx = _Context()
        self.rows: list[Row] = []
        self.position = 0  # index of the row being read
        self.title_year: int | None = None
        self.main_title_seen = False
        self.kinds: list[str] = []
        self.stages: list[str] = []
        self.money_unit: str | None = None
        self.raw_budget: dict[str, float | None] = {}
        self.shapes: list[str] = []
        self.table_of: dict[int, int] = {}  # indicator seq → table ident
        self.pending_group_seqs: list[int] = []
        self.cut_row: Row | None = None

    # ---- the walk -------------------------------------------------------------------
    def read(self, rows: list[Row]) -> Form:
        """The form the rows make; FormError when they make none."""
        form = self.read_context(rows)
        warn_unparsed(form)
        self._check_is_form()
        return form

    def read_context(self, rows: list[Row]) -> Form:
        """The fields, titles and text the rows hold, even when they make no whole form.

        The flat-export reader reads the rows above its table this way; ``unparsed`` is
        filled but not yet warned about.
        """
        self.rows = rows
        for self.position, row in enumerate(rows):
            self._row(row)
        return self._finish()

    def _row(self, row: Row) -> None:
        if self._title(row):
            return
        header = read_header(row)
        if header is not None:
            self._open_table(header, row)
            return
        if self.ctx.table is not None and self._table_row(row):
            return
        if self.ctx.table is not None and self._cut_short(row, self.ctx.table):
            self.cut_row = row
        if self._narrative_row(row):
            return
        self.ctx.table = None
        self._fields(row)
        self._sections(row)
        if self._headerless_row(row):
            return
        self._unit_name_line(row)
        self._section_text(row)

    # ---- titles and fields ------------------------------------------------------------
    def _title(self, row: Row) -> bool:
        filled = row.filled()
        if len(filled) != 1:
            return False
        cell = filled[0]
        year_line = _YEAR_LINE.match(vocab.label_key(cell.text))
        if year_line:
            self.title_year = self.title_year or int(year_line[1])
        elif vocab.is_title(cell.text):
            self._note_title(cell.text)
            self.form.extra.append(Extra("标题", cell.text, cell.ref))
            self.ctx.table = None
            self.ctx.section = None
        else:
            return False
        cell.used = True
        return True

    def _note_title(self, text: str) -> None:
        if "自评" in text:
            self.kinds.append("self_eval")
        elif "项目" in text:
            self.kinds.append("project")
        elif "整体" in text or "部门" in text:
            self.kinds.append("department")
        for stage in ("批复", "申报"):
            if stage in text:
                self.stages.append(stage)
        if self.kinds and not self.main_title_seen:
            self.main_title_seen = True
            self.title_year = self.title_year or title_year(text)

    def _fields(self, row: Row) -> None:
        cells = row.filled()
        for index, cell in enumerate(cells):
            if cell.used:
                continue
            found = vocab.field_label(cell.text)
            if found is None:
                continue
            key, inline = found
            cell.used = True
            value_cell = None
            if not inline and index + 1 < len(cells) and not _is_label(cells[index + 1].text):
                value_cell = cells[index + 1]
            value = inline or (value_cell.text if value_cell else "")
            if self._set_field(key, value, cell) and value_cell is not None:
                value_cell.used = True

    def _set_field(self, key: str, value: str, label: Cell) -> bool:
        """Store one labelled value; True when the value was taken."""
        if key == "unit_name":
            return self._set_unit_name(value) if value else False
        if key == "filled_on":
            self.form.filled_on = parse_date(value) or self.form.filled_on
            return bool(parse_date(value))
        if key == "year":
            found = years_in(value) or years_in(label.text)
            self.title_year = self.title_year or (found[0] if found else None)
            return bool(found)
        if key in ("budget_unit", "money_unit"):
            unit = unit_from_label(label.text)
            self._set_money_unit(unit)
            return False
        if key in BUDGET_FIELDS or key in ("source", "project_budget"):
            return self._set_money(key, value, label)
        if key == "project_code":
            self._open_project(code=value or None)
            return bool(value)
        if key == "project_name":
            project = self.ctx.project or self._open_project(code=None)
            project.name = value or None
            return bool(value)
        if key in ("review", "attachment"):
            self.form.extra.append(Extra("签章" if key == "review" else "附件", label.text, label.ref))
            value = ""
        if value:
            self.form.extra.append(Extra(_label_name(label.text), value, label.ref))
        return bool(value)

    def _set_unit_name(self, text: str) -> bool:
        parts = split_unit_name(text)
        if parts.unit_name is None:
            return False
        if self.form.unit_name is None:
            self.form.unit_name = parts.unit_name
            self.form.unit_code = parts.unit_code
            self.form.county = parts.county
            self.form.township = parts.township
        elif parts.unit_name != self.form.unit_name:
            self.form.warn("second_unit", unit=parts.unit_name)
            self.form.extra.append(Extra("单位名称", text))
        self.form.unit_code = self.form.unit_code or parts.unit_code
        if vocab.label_key(text).endswith(_SCOPE):
            add_extra_once(self.form, "单位范围", _SCOPE)
        return True

    def _set_money_unit(self, unit: str | None) -> None:
        if self.ctx.project is not None or (unit and self.money_unit and self.form.projects):
            self.ctx.project_unit = unit
        else:
            self.money_unit = self.money_unit or unit

    def _set_money(self, key: str, value: str, label: Cell) -> bool:
        amount, unit = parse_amount(value)
        if amount is None:
            return False
        if self.ctx.project is not None:
            return self._set_project_money(key, amount, unit, label)
        if unit:
            self.money_unit = self.money_unit or unit
        if key == "source":
            self.form.budget.sources[_source_label(label.text)] = amount
        elif key in BUDGET_FIELDS:
            self.raw_budget[key] = amount
        else:
            self.raw_budget["total"] = self.raw_budget.get("total", amount)
        return True

    def _set_project_money(self, key: str, amount: float, unit: str | None, label: Cell) -> bool:
        project = self.ctx.project
        if unit:
            self.ctx.project_unit = unit
        if key in ("project_budget", "total"):
            self.ctx.project_raw_budget[id(project)] = amount
        else:
            project.sources[_source_label(label.text)] = amount
        return True

    def _open_project(self, code: str | None) -> Project:
        project = Project(code=code)
        self.form.projects.append(project)
        self.ctx.project = project
        return project

    def _unit_name_line(self, row: Row) -> None:
        for cell in row.unused():
            if looks_like_unit_name(cell.text) and self._set_unit_name(cell.text):
                cell.used = True

    # ---- sections of free text --------------------------------------------------------
    def _sections(self, row: Row) -> None:
        for cell in row.unused():
            head, _, rest = _split_label(cell.text)
            section = vocab.section_heading(head)
            if section is None:
                continue
            cell.used = True
            self.ctx.section = section
            self.ctx.section_row = row
            self.ctx.goal_columns = None
            if rest:
                self._section_content(rest, cell.ref)
            self._same_row_content(row)

    def _same_row_content(self, row: Row) -> None:
        """Cells beside a heading hold its text (部门职能概述 | 1.… ; 资金支出计划 | 3月底 …)."""
        cells = row.unused()
        if not cells:
            return
        if self.ctx.section == "spending_plan":
            self._spending_plan(row, cells)
            return
        columns = [vocab.goal_column(cell.text) for cell in cells]
        if self.ctx.section == "goals" and all(columns):
            self.ctx.goal_columns = columns
            for cell in cells:
                cell.used = True
            return
        for cell in cells:
            if vocab.section_heading(cell.text) is None and vocab.field_label(cell.text) is None:
                self._section_content(cell.text, cell.ref)
                cell.used = True

    def _spending_plan(self, row: Row, cells: list[Cell]) -> None:
        """Months in the heading row, shares in the row below at the same positions."""
        following = self._next_row()
        if following is not None and len(following.cells) == len(row.cells):
            pairs = zip(row.cells, following.cells, strict=True)
            text = "；".join(f"{when.text} {share.text or '—'}" for when, share in pairs if when in cells)
            for cell in following.filled():
                cell.used = True
        else:
            text = " ".join(c.text for c in cells)
        for cell in cells:
            cell.used = True
        self.form.extra.append(Extra("资金支出计划", text, cells[0].ref))
        self.ctx.section = None

    def _next_row(self) -> Row | None:
        index = self.position + 1
        return self.rows[index] if index < len(self.rows) else None

    def _section_text(self, row: Row) -> None:
        """A paragraph row under an open section heading belongs to that section."""
        if self.ctx.section is None or row is self.ctx.section_row:
            return
        cells = row.unused()
        if cells and self.ctx.goal_columns:
            self._goal_table_row(cells)
        elif cells and len(cells) == len(row.filled()):
            for cell in cells:
                self._section_content(cell.text, cell.ref)
                cell.used = True
        elif len(row.cells) > 1:  # a table row, not a paragraph or a one-cell row, ends the section
            self.ctx.section = None

    def _goal_table_row(self, cells: list[Cell]) -> None:
        """Under 预期目标 | 实际完成情况: the goal, and what was achieved (kept in extra)."""
        for role, cell in zip(self.ctx.goal_columns, cells, strict=False):
            if role == "goal":
                self._section_content(cell.text, cell.ref)
            else:
                self.form.extra.append(Extra("目标实际完成情况", cell.text, cell.ref))
            cell.used = True

    def _section_content(self, text: str, ref: str) -> None:
        section = self.ctx.section
        if section == "goals" and self.ctx.project is not None:
            self.ctx.project.goal = text
            self._check_placeholder_goal(text, ref)
        elif section in ("functions", "goals", "subgoals"):
            getattr(self.form, section).extend(_list_items(text))
        elif section == "use_of_funds" and self.ctx.project is not None:
            self.form.extra.append(Extra(f"资金用途·{self.ctx.project.name or ''}", text, ref))
        elif section in ("measures", "use_of_funds"):
            self.form.extra.append(Extra("工作保障措施" if section == "measures" else "资金用途", text, ref))
        else:
            self.form.unparsed.append(Note(ref, text))

    def _check_placeholder_goal(self, text: str, ref: str) -> None:
        if re.search(r"目标内容\s*\d*$|^\d*[.、]?\s*(XX|xx|\*\*)", text):
            self.form.warn("placeholder", source_ref=ref, variant="goal", text=text)

    # ---- indicator tables -------------------------------------------------------------
    def _open_table(self, header: Header, row: Row) -> None:
        self.ctx.tables_opened += 1
        project = self.ctx.project.name if self.ctx.project else None
        self.ctx.table = _Table(header, group=project, project=project, ident=self.ctx.tables_opened)
        self.ctx.section = None
        self.shapes.append(row.shape)

    def _table_row(self, row: Row) -> bool:
        table = self.ctx.table
        label = group_label(row)
        if label is not None:
            self._late_group_label(label)
            return True
        draft = read_row(row, table.header)
        if draft is None:
            return False
        self._add_draft(draft, table)
        return True

    @staticmethod
    def _cut_short(row: Row, table: _Table) -> bool:
        """A row inside a table with fewer cells than its header and no value."""
        return table.header is not None and len(row.cells) < len(table.header.roles) - 1

    def _late_group_label(self, label: Cell) -> None:
        """A function label left after its rows by merged cells names the unlabelled rows."""
        label.used = True
        if self.pending_group_seqs:
            for indicator in self.form.indicators:
                if indicator.seq in self.pending_group_seqs:
                    indicator.group = label.text
            self.pending_group_seqs = []
        else:
            self.ctx.table.group = label.text

    def _headerless_row(self, row: Row) -> bool:
        """A table row with no header above it: a value and at least three other cells."""
        if len(row.unused()) < 4:
            return False
        draft = read_row(row, None)
        if draft is None or draft.name is None:
            return False
        self.ctx.tables_opened += 1
        table = _Table(None, ident=self.ctx.tables_opened)
        self.ctx.table = table
        self.shapes.append(row.shape)
        self._add_draft(draft, table)
        return True

    def _add_draft(self, draft: Draft, table: _Table) -> None:
        self._track_levels(draft, table)
        self._track_group(draft, table)
        level1, inferred = self._level1_of(table)
        texts = RowTexts(
            draft.name, draft.value.text, draft.value.ref, draft.operator_hint, draft.unit_hint, draft.texts
        )
        place = Place(level1, inferred, table.level2, table.group, table.project)
        indicator = add_indicator(
            self.form, texts, place, scored=table.header is not None and table.header.scored
        )
        self.table_of[indicator.seq] = table.ident
        table.rows_read += 1
        table.last_level1 = level1
        if indicator.group is None and table.project is None:
            self.pending_group_seqs.append(indicator.seq)

    def _track_levels(self, draft: Draft, table: _Table) -> None:
        if draft.level1:
            if draft.level1 != table.level1:
                table.level2 = None
            table.level1 = draft.level1
        if draft.cost_label:
            if table.level1 == "产出指标" and not draft.level1:
                draft.level2 = draft.cost_label
            else:
                table.level1, table.level2 = "成本指标", None
        if draft.level2:
            table.level2 = draft.level2
        elif draft.level1:
            table.level2 = None

    def _track_group(self, draft: Draft, table: _Table) -> None:
        if draft.group:
            table.group = draft.group
            self.pending_group_seqs = []
        elif draft.level1 == "产出指标" and self._cycled(table) and table.project is None:
            table.group = None  # a new block of levels with no function label of its own
            self.pending_group_seqs = []
        if table.header is None:
            self._headerless_context(draft, table)

    def _cycled(self, table: _Table) -> bool:
        """Has the table gone past 产出 since it last saw 产出 (so 产出 starts a new block)?"""
        return table.rows_read > 0 and table.last_level1 not in (None, "产出指标")

    def _headerless_context(self, draft: Draft, table: _Table) -> None:
        """Cells left of the name, read right to left: task description, task, goal, function."""
        context = list(reversed(draft.context))
        roles = ["task_description", "task", "goal", "function", "section"]
        found = dict(zip(roles, context, strict=False))
        if "task" in found:
            table.group = found["task"]
        if "task_description" in found:
            add_extra_once(self.form, f"工作任务·{found.get('task', '')}", found["task_description"])
        if "goal" in found and found["goal"] not in self.form.goals:
            self.form.goals.append(found["goal"])
        if "function" in found:
            entry = f"{found['section']}：{found['function']}" if "section" in found else found["function"]
            if not any(found["function"] in f for f in self.form.functions):
                self.form.functions.append(entry)

    @staticmethod
    def _level1_of(table: _Table) -> tuple[str | None, bool]:
        return settle_level1(table.level1, table.level2)

    # ---- narrative indicators ---------------------------------------------------------
    def _narrative_row(self, row: Row) -> bool:
        handled = False
        for cell in row.unused():
            section = vocab.GOAL_SECTION.match(cell.text)
            if section:
                self._open_goal_section(cell, cell.text[section.end() :].strip())
                handled = True
            elif self._narrative_block(cell):
                handled = True
        if handled:
            for cell in row.unused():
                if vocab.section_heading(cell.text) == "indicator_heading":
                    cell.used = True
        return handled

    def _open_goal_section(self, cell: Cell, title: str) -> None:
        cell.used = True
        self.ctx.table = None
        self.ctx.narrative_group = title or None
        self.ctx.narrative_level1 = None
        if title:
            self.form.goals.append(title)
        self.shapes.append("narrative")

    def _narrative_block(self, cell: Cell) -> bool:
        level1 = narrative.heading_level1(cell.text)
        in_section = self.ctx.narrative_group is not None
        if level1 is None and not (in_section and split_numbered(cell.text).items):
            return False
        items, preamble = narrative.read_block(cell.text, level1)
        if not items:
            return False
        cell.used = True
        if preamble:
            self.form.unparsed.append(Note(cell.ref, preamble))
        self.ctx.narrative_level1 = level1 or self.ctx.narrative_level1
        for item in items:
            self._add_narrative(item, level1, cell.ref)
        return True

    def _add_narrative(self, item: narrative.NarrativeItem, heading: str | None, ref: str) -> None:
        level1, inferred = heading, False
        by_level2 = infer_level1(item.level2)
        if heading is None:
            level1, inferred = by_level2 or "产出指标", True
        elif by_level2 not in (None, heading):
            level1, inferred = by_level2, True
            self.form.warn(
                "taxonomy_remapped", source_ref=ref, name=item.name[:20], heading=heading, level1=by_level2
            )
        seq = len(self.form.indicators) + 1
        self.form.indicators.append(
            Indicator(
                seq=seq,
                name=item.name,
                value_raw=None,
                group=self.ctx.narrative_group,
                level1=level1,
                level1_inferred=inferred,
                level2=item.level2,
                description=item.description,
                source_ref=ref,
            )
        )

    # ---- finishing ----------------------------------------------------------------------
    def _finish(self) -> Form:
        form = self.form
        self._strip_table_artefacts()
        self._settle_budget()
        self._settle_projects()
        form.form_kind = _first(self.kinds) or ("department" if form.functions or form.goals else None)
        form.stage = _first(self.stages)
        form.year = self.title_year or common_year(form.goals + form.subgoals + form.functions)
        form.layout = "+".join(dict.fromkeys(_SHAPE_NAMES.get(s, s) for s in self.shapes)) or "paragraphs"
        self._collect_unparsed()
        return form

    def _strip_table_artefacts(self) -> None:
        """A name column that prefixes every row with 绩效目标 carries an export artefact."""
        by_table: dict[int, list[Indicator]] = {}
        for indicator in self.form.indicators:
            by_table.setdefault(self.table_of.get(indicator.seq, 0), []).append(indicator)
        for rows in by_table.values():
            named = [i for i in rows if i.name]
            prefixed = [i for i in named if vocab.ARTEFACT_PREFIX.match(i.name)]
            enough = len(named) >= int(settings.get("artefact_prefix_min_rows"))
            if enough and len(prefixed) >= float(settings.get("artefact_prefix_share")) * len(named):
                for indicator in prefixed:
                    indicator.name = vocab.ARTEFACT_PREFIX.sub("", indicator.name)

    def _settle_budget(self) -> None:
        if not any(v is not None for v in self.raw_budget.values()) and not self.form.budget.sources:
            return
        values = {k: self.raw_budget.get(k) for k in BUDGET_FIELDS}
        values.update({f"source:{k}": v for k, v in self.form.budget.sources.items()})
        reading = normalise_amounts(values, self.money_unit, scale="unit")
        budget = self.form.budget
        budget.unit_raw = self.money_unit
        for key in BUDGET_FIELDS:
            setattr(budget, key, reading.values_wan[key])
        budget.sources = {
            k.split(":", 1)[1]: v
            for k, v in reading.values_wan.items()
            if k.startswith("source:") and v is not None
        }
        budget.unit_suspect = reading.unit_suspect
        if reading.unit_suspect:
            self.form.warn("unit_suspect", **reading.warning())

    def _settle_projects(self) -> None:
        for project in self.form.projects:
            raw = self.ctx.project_raw_budget.get(id(project))
            values = {"budget": raw, **{f"source:{k}": v for k, v in project.sources.items()}}
            reading = normalise_amounts(values, self.ctx.project_unit or self.money_unit, scale="project")
            project.budget = reading.values_wan["budget"]
            project.sources = {
                k.split(":", 1)[1]: v
                for k, v in reading.values_wan.items()
                if k.startswith("source:") and v is not None
            }
            if reading.unit_suspect:
                self.form.warn("unit_suspect", **reading.warning(project.name))

    def _collect_unparsed(self) -> None:
        for row in self.rows:
            for cell in row.unused():
                self.form.unparsed.append(Note(cell.ref, cell.text))

    def _check_is_form(self) -> None:
        form = self.form
        has_content = form.indicators or not form.budget.is_empty() or form.functions or form.goals
        if not has_content or (form.unit_name is None and not form.indicators):
            raise FormError(form.source, "not_a_form")
        if self.cut_row is not None and self.cut_row is self.rows[-1] and self.cut_row.unused():
            raise FormError(form.source, "truncated_row", ref=self.cut_row.ref)
        if self.ctx.tables_opened and not form.indicators:
            raise FormError(form.source, "header_without_rows")


def _is_label(text: str) -> bool:
    return vocab.field_label(text) is not None or vocab.section_heading(text) is not None


def _split_label(text: str) -> tuple[str, str, str]:
    """'整体绩效目标：2023年…' → ('整体绩效目标', '：', '2023年…'); no colon → (text, '', '')."""
    match = _LABEL_AND_TEXT.match(text)
    if match and vocab.section_heading(match[1]):
        return match[1], match[2], match[3].strip()
    return text, "", ""


def _list_items(text: str) -> list[str]:
    numbered = split_numbered(text)
    preamble = numbered.preamble
    items = list(numbered.items)
    if preamble and not (len(preamble) <= 12 and preamble.endswith((":", "："))):
        items.insert(0, preamble)
    return [" ".join(i.split()) for i in items]


def _label_name(text: str) -> str:
    return re.split(r"[:：]", vocab.label_key(text), maxsplit=1)[0]


def _source_label(text: str) -> str:
    key = vocab.label_key(text)
    key = re.sub(r"^其中[:：]", "", key)
    return re.split(r"[:：]", key, maxsplit=1)[0]


def _first(values: list[str]) -> str | None:
    return values[0] if values else None
