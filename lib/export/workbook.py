"""The briefing workbook (.xlsx): overview with native charts, ranking, findings, indicators,
budget and similar pairs, for one selection of forms.

Form text is untrusted. Every text cell is written with the string type set explicitly, so
``=HYPERLINK(…)`` or ``=cmd|…`` stays text (openpyxl, and pandas' ``to_excel`` with it, would
otherwise store any string starting with ``=`` as a formula); control characters Excel refuses
are stripped, and text over Excel's 32,767-character cell limit is cut and listed on the
overview. The workbook is written in openpyxl's write-only mode, so memory stays bounded for
large stores. No formula is written anywhere.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from lib.export import tables
from lib.filters import Filters
from lib.i18n import label as term_label
from lib.i18n import source_ref, term
from lib.i18n import t as label
from lib.readers.hygiene import clean_text
from lib.store import Store
from lib.views import briefing
from lib.views.data import place_names as place_of

EXCEL_CELL_LIMIT = 32_767
RETURN_COLUMNS = ["label", "county", "year", "score", "grade", "verdict", "reason", "form_id"]
CHART_TOWNSHIPS = 30
GRADE_FILLS = {"优": "C6EFCE", "良": "DDEBF7", "中": "FFEB9C", "差": "FFC7CE"}
MONEY = "#,##0.00"
SHARE = "0.0%"
SCORE = "0.0"
FORMATS = {
    "budget_total": MONEY,
    "budget_basic": MONEY,
    "budget_project": MONEY,
    "budget_other": MONEY,
    "arithmetic_gap": MONEY,
    "boilerplate_share": SHARE,
    "share": SHARE,
    "score": SCORE,
    "completeness": SCORE,
    "measurability": SCORE,
    "specificity": SCORE,
    "consistency": SCORE,
    "relevance": SCORE,
    "appropriateness": SCORE,
    "feasibility": SCORE,
    "score_before_review": SCORE,
}
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F3864")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass
class _Writer:
    """Writes cells safely and remembers which ones had to be cut."""

    lang: str
    truncated: list[str] = field(default_factory=list)

    def cell(
        self, ws: WriteOnlyWorksheet, value: object, where: str, number_format: str | None = None
    ) -> WriteOnlyCell:
        if isinstance(value, np.generic):
            value = value.item()
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return WriteOnlyCell(ws, None)
        if isinstance(value, bool):
            return self.text(ws, _yes(self.lang) if value else "", where)
        if isinstance(value, (int, float)):
            cell = WriteOnlyCell(ws, value)
            if number_format:
                cell.number_format = number_format
            return cell
        return self.text(ws, str(value), where)

    def text(self, ws: WriteOnlyWorksheet, value: str, where: str) -> WriteOnlyCell:
        """A text cell that can never become a formula."""
        clean = clean_text(ILLEGAL_CHARACTERS_RE.sub("", value))  # stores read before hygiene may hold U+FFFF
        if len(clean) > EXCEL_CELL_LIMIT:
            clean = clean[:EXCEL_CELL_LIMIT]
            self.truncated.append(where)
        cell = WriteOnlyCell(ws, clean)
        cell.data_type = "s"
        return cell


def _yes(lang: str) -> str:
    return "yes" if lang == "en" else "是"


def build_workbook(store: Store, filters: Filters, lang: str = "zh") -> bytes:
    """The briefing workbook for a selection, as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    write_workbook(tables.select(store, filters), filters, lang, buffer)
    return buffer.getvalue()


def write_workbook(
    selection: tables.Selection, filters: Filters, lang: str, target: io.BufferedIOBase
) -> None:
    writer = _Writer(lang)
    book = Workbook(write_only=True)
    overview = book.create_sheet(label("sheet.overview", lang))
    ranking = _translated(tables.ranking(selection), lang)
    _table(book, writer, "sheet.ranking", ranking, fills={"grade": _grade_fills(lang)})
    returned = tables.to_return(selection)
    returned = returned.assign(reason=briefing.reasons(returned, lang))
    _table(
        book,
        writer,
        "sheet.to_return",
        _translated(returned[RETURN_COLUMNS], lang),
        fills={"grade": _grade_fills(lang)},
    )
    _table(book, writer, "sheet.findings", _translated(tables.findings(selection), lang))
    _table(book, writer, "sheet.indicators", _translated(tables.indicators(selection), lang))
    budget = tables.budget(selection).sort_values("budget_total", ascending=False, na_position="last")
    budget_sheet = _table(book, writer, "sheet.budget", budget)
    _table(book, writer, "sheet.pairs", tables.similar_pairs(selection))
    _overview(overview, writer, selection, filters, budget_sheet, len(budget))
    book.save(target)


def _translated(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Coded values as people read them: finding names, severities, grades, kinds; in English, the forms'
    own vocabulary (levels, kinds, stages) too."""
    names = {
        "code": lambda c: term_label("finding", c, lang),
        "severity": lambda s: term_label("severity", s, lang),
        "grade": lambda g: term_label("grade", g, lang),
        "verdict": lambda v: term_label("verdict", v, lang),
        "form_kind": lambda k: term_label("kind", k, lang),
    }
    if lang != "zh":
        names |= {
            column: lambda v: term(v, lang) for column in ("level1", "level2", "kind", "stage", "operator")
        }
    names["source_ref"] = lambda ref: source_ref(ref, lang)
    if "reviewed" in frame:  # a dismissed finding marked 已复核 with the reviewer's reason
        frame = frame.assign(
            reviewed=[
                _review_note(code, note, lang)
                for code, note in zip(frame["code"], frame["reviewed"], strict=True)
            ]
        )
    return frame.assign(
        **{
            column: frame[column].map(lambda v, f=name: f(v) if isinstance(v, str) else v)
            for column, name in names.items()
            if column in frame
        }
    )


def _review_note(code: str, note: object, lang: str) -> str:
    """已复核 with the dismissal's reason, or with the time of a remark; empty when not reviewed."""
    if note is None or (isinstance(note, float) and math.isnan(note)) or note == "":
        return ""
    key = "review.remark_at" if code == "review_remark" else "review.dismissed"
    return label(key, lang, reason=note, at=note)


def _table(
    book: Workbook,
    writer: _Writer,
    sheet_key: str,
    frame: pd.DataFrame,
    fills: dict[str, Callable[[object], PatternFill | None]] | None = None,
) -> WriteOnlyWorksheet:
    """One sheet holding a table: header row, frozen, filtered, columns sized to their text."""
    ws = book.create_sheet(label(sheet_key, writer.lang))
    columns = list(frame.columns)
    ws.freeze_panes = "A2"
    for number, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(number)].width = _width(column, frame[column], writer.lang)
    ws.append([_header(ws, writer, label(f"col.{c}", writer.lang)) for c in columns])
    fills = fills or {}
    for row_number, row in enumerate(frame.itertuples(index=False), 2):
        cells = []
        for number, (column, value) in enumerate(zip(columns, row, strict=True), 1):
            cell = writer.cell(
                ws, value, f"{ws.title}!{get_column_letter(number)}{row_number}", FORMATS.get(column)
            )
            fill = fills[column](value) if column in fills else None
            if fill is not None:
                cell.fill = fill
            cells.append(cell)
        ws.append(cells)
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(frame) + 1}"
    return ws


def _header(ws: WriteOnlyWorksheet, writer: _Writer, text: str) -> WriteOnlyCell:
    cell = writer.text(ws, text, "header")
    cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
    return cell


def _grade_fills(lang: str) -> Callable[[object], PatternFill | None]:
    """The fill of a grade cell, whichever language the grade is written in."""
    fills = {
        label(f"grade.{g}", lang): PatternFill("solid", fgColor=colour) for g, colour in GRADE_FILLS.items()
    }
    return lambda value: fills.get(str(value))


def _display_width(text: str) -> int:
    """Columns a text needs: CJK characters are twice as wide as Latin ones."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _width(column: str, values: pd.Series, lang: str) -> float:
    sample = values.dropna().astype(str).head(200)
    longest = max([_display_width(v) for v in sample] + [_display_width(label(f"col.{column}", lang))])
    return float(min(60, max(8, longest + 2)))


def _overview(
    ws: WriteOnlyWorksheet,
    writer: _Writer,
    selection: tables.Selection,
    filters: Filters,
    budget_sheet: WriteOnlyWorksheet,
    budget_rows: int,
) -> None:
    """Headline figures, the filters used, notes, and the two native charts."""
    lang = writer.lang
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 28, 40
    rows: list[list[object]] = [
        [label("overview.title", lang)],
        [label("overview.generated", lang), datetime.now().strftime("%Y-%m-%d %H:%M")],
    ]
    described = filters.describe()
    rows.append(
        [
            label("overview.filters", lang),
            "；".join(f"{label(f'col.{k}', lang)}：{v}" for k, v in described) or label("overview.all", lang),
        ]
    )
    if selection.forms.empty:
        rows.append([label("overview.empty", lang)])
    else:
        forms = selection.forms.assign(place=place_of(selection.forms), label=tables.place(selection.forms))
        rows.append([label("overview.summary", lang), briefing.summary(forms, selection.findings, lang)])
    rows.append([])
    rows += [[label(f"headline.{k}", lang), v] for k, v in tables.headline(selection).items()]
    rows.append([])
    grade_start = len(rows) + 1
    rows.append([label("col.grade_name", lang), label("col.forms", lang)])
    rows += [
        [label(f"grade.{g}", lang), n] for g, n in tables.grade_counts(selection).itertuples(index=False)
    ]
    notes = [
        [label("overview.notes", lang), f"{label('overview.truncated', lang)}：{where}"]
        for where in writer.truncated
    ]
    for number, values in enumerate(rows + [[]] + notes, 1):
        ws.append(
            [
                writer.cell(
                    ws,
                    v,
                    f"{ws.title}!{get_column_letter(i)}{number}",
                    MONEY if isinstance(v, float) else None,
                )
                for i, v in enumerate(values, 1)
            ]
        )
    if not selection.forms.empty:
        ws.add_chart(_grade_chart(ws, grade_start, lang), "D2")
        ws.add_chart(_budget_chart(budget_sheet, min(budget_rows, CHART_TOWNSHIPS), lang), "D20")


def _grade_chart(ws: WriteOnlyWorksheet, first_row: int, lang: str) -> BarChart:
    chart = BarChart()
    chart.title, chart.legend = label("overview.grade_chart", lang), None
    chart.add_data(Reference(ws, min_col=2, min_row=first_row, max_row=first_row + 4), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first_row + 1, max_row=first_row + 4))
    return chart


def _budget_chart(budget_sheet: WriteOnlyWorksheet, rows: int, lang: str) -> BarChart:
    """Stacked 基本/项目/其他 per township, from the budget sheet (columns D–F, labels in A)."""
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title = label("overview.budget_chart", lang)
    chart.height, chart.width = max(7.5, 0.5 * rows + 3), 18
    chart.add_data(
        Reference(budget_sheet, min_col=4, max_col=6, min_row=1, max_row=rows + 1), titles_from_data=True
    )
    chart.set_categories(Reference(budget_sheet, min_col=1, min_row=2, max_row=rows + 1))
    return chart
