"""The briefing workbook (.xlsx): overview with native charts, ranking, findings, indicators,
budget and similar pairs, for one selection of forms.

Form text is untrusted. Every text cell is an inline string (:mod:`lib.export.xlsx` writes no
formula at all), so ``=HYPERLINK(…)`` or ``=cmd|…`` stays text; characters no workbook can hold
are stripped, and text over Excel's 32,767-character cell limit is cut and listed on the
overview. Sheets are written a few thousand rows at a time, so memory stays bounded for large
stores beyond the tables themselves.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from lib.export import tables
from lib.export.xlsx import (
    BarChart,
    Package,
    Series,
    Style,
    number_cell,
    number_column,
    row,
    text_cell,
    text_column,
)
from lib.filters import Filters
from lib.i18n import display_width, source_ref, term
from lib.i18n import label as term_label
from lib.i18n import t as label
from lib.readers.hygiene import clean_text
from lib.store import Store
from lib.views import briefing
from lib.views.data import place_names as place_of

EXCEL_CELL_LIMIT = 32_767
EXCEL_ROWS = 1_048_576  # rows a sheet may have, its header included
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
_ROWS_PER_CHUNK = 5_000
_HEADER = Style(fill="1F3864", header=True)
Fill = Callable[[object], str | None]  # a cell's value -> its fill colour, or None


@dataclass
class _Writer:
    """Turns values into cells safely and remembers which ones had to be cut."""

    lang: str
    package: Package
    truncated: list[str] = field(default_factory=list)  # cells cut at Excel's limit
    cut_sheets: list[str] = field(default_factory=list)  # notes on sheets cut at Excel's row limit

    def cells(
        self, sheet: str, column: pd.Series, letter: str, first_row: int, style: Style, fill: Fill | None
    ) -> list[str]:
        """The XML of one column's cells (empty strings for empty cells), rows from ``first_row``: a
        column all of text or all of numbers in one pass, any other cell by cell."""
        values = column.to_numpy(dtype=object, na_value=None).tolist()
        kind = pd.api.types.infer_dtype(values, skipna=True)
        number_style = self.package.styles.index(style)
        if kind == "string" and fill is None and self._clean(values):
            return text_column(letter, first_row, values)
        if kind in ("integer", "floating", "mixed-integer-float"):
            return number_column(letter, first_row, values, number_style)
        return [
            self.cell(sheet, f"{letter}{number}", value, number_style, fill)
            for number, value in enumerate(values, first_row)
        ]

    @staticmethod
    def _clean(texts: list[str | None]) -> bool:
        """True if no text needs cleaning or cutting (:meth:`text` does, one cell at a time)."""
        present = [t for t in texts if t]
        joined = "".join(present)
        return clean_text(joined) is joined and max(map(len, present), default=0) <= EXCEL_CELL_LIMIT

    def cell(
        self, sheet: str, ref: str, value: object, number_style: int = 0, fill: Fill | None = None
    ) -> str:
        if value is None or value is pd.NA or value is pd.NaT:
            return ""
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, bool):
            return self.text(sheet, ref, _yes(self.lang)) if value else ""
        if isinstance(value, (int, float)):
            return number_cell(ref, value, number_style) if math.isfinite(value) else ""
        colour = fill(value) if fill else None
        style = self.package.styles.index(Style(fill=colour)) if colour else 0
        return self.text(sheet, ref, str(value), style)

    def text(self, sheet: str, ref: str, value: str, style: int = 0) -> str:
        """A text cell, cleaned of characters no workbook can hold and cut at Excel's limit."""
        clean = clean_text(value)  # stores read before hygiene may hold U+FFFF or controls
        if len(clean) > EXCEL_CELL_LIMIT:
            clean = clean[:EXCEL_CELL_LIMIT]
            self.truncated.append(f"{sheet}!{ref}")
        return text_cell(ref, clean, style)


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
    package = Package(target)
    writer = _Writer(lang, package)
    ranking = _translated(tables.ranking(selection), lang)
    _table(writer, "sheet.ranking", ranking, fills={"grade": _grade_fills(lang)})
    returned = tables.to_return(selection)
    returned = returned.assign(reason=briefing.reasons(returned, lang))
    _table(
        writer,
        "sheet.to_return",
        _translated(returned[RETURN_COLUMNS], lang),
        fills={"grade": _grade_fills(lang)},
    )
    _table(writer, "sheet.findings", _translated(tables.findings(selection), lang))
    _table(writer, "sheet.indicators", _translated(tables.indicators(selection), lang))
    budget = tables.budget(selection).sort_values("budget_total", ascending=False, na_position="last")
    _table(writer, "sheet.budget", budget)
    _table(writer, "sheet.pairs", tables.similar_pairs(selection))
    _overview(writer, selection, filters, len(budget))
    package.close()


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
        **{column: _each_distinct(frame[column], name) for column, name in names.items() if column in frame}
    )


def _each_distinct(column: pd.Series, translate: Callable[[str], str]) -> list[object]:
    """The column with each text translated, each distinct text once (other values as they are)."""
    values = column.to_numpy(dtype=object, na_value=None).tolist()
    translated = {v: translate(v) for v in set(values) if isinstance(v, str)}
    return [translated.get(v, v) if isinstance(v, str) else v for v in values]


def _review_note(code: str, note: object, lang: str) -> str:
    """已复核 with the dismissal's reason, or with the time of a remark; empty when not reviewed."""
    if note is None or (isinstance(note, float) and math.isnan(note)) or note == "":
        return ""
    key = "review.remark_at" if code == "review_remark" else "review.dismissed"
    return label(key, lang, reason=note, at=note)


def _table(
    writer: _Writer, sheet_key: str, frame: pd.DataFrame, fills: dict[str, Fill] | None = None
) -> None:
    """One sheet holding a table: header row, frozen, filtered, columns sized to their text."""
    title = label(sheet_key, writer.lang)
    if len(frame) >= EXCEL_ROWS:
        shown = EXCEL_ROWS - 1
        writer.cut_sheets.append(
            label("overview.rows_cut", writer.lang, sheet=title, shown=shown, total=len(frame))
        )
        frame = frame.head(shown)
    columns = list(frame.columns)
    header = writer.package.styles.index(_HEADER)
    head = row(
        1,
        [
            writer.text(title, f"{get_column_letter(n)}1", label(f"col.{c}", writer.lang), header)
            for n, c in enumerate(columns, 1)
        ],
    )
    writer.package.add_sheet(
        title,
        _with_head(head, _rows(writer, title, frame, fills or {})),
        size=(len(frame) + 1, len(columns)),
        widths=[_width(c, frame[c], writer.lang) for c in columns],
        frozen_header=True,
        filtered=True,
    )


def _with_head(head: str, rows: Iterator[str]) -> Iterator[str]:
    yield head
    yield from rows


def _rows(writer: _Writer, title: str, frame: pd.DataFrame, fills: dict[str, Fill]) -> Iterator[str]:
    """The table's rows as XML, a chunk of rows at a time, one column of a chunk at a time."""
    for start in range(0, len(frame), _ROWS_PER_CHUNK):
        chunk = frame.iloc[start : start + _ROWS_PER_CHUNK]
        first = start + 2
        columns = [
            writer.cells(
                title,
                chunk[column],
                get_column_letter(n),
                first,
                Style(number_format=FORMATS.get(column)),
                fills.get(column),
            )
            for n, column in enumerate(chunk.columns, 1)
        ]
        yield from (row(number, cells) for number, cells in enumerate(zip(*columns, strict=True), first))


def _grade_fills(lang: str) -> Fill:
    """The fill colour of a grade cell, whichever language the grade is written in."""
    colours = {label(f"grade.{g}", lang): colour for g, colour in GRADE_FILLS.items()}
    return lambda value: colours.get(str(value))


def _width(column: str, values: pd.Series, lang: str) -> float:
    sample = values.dropna().astype(str).head(200)
    longest = max([display_width(v) for v in sample] + [display_width(label(f"col.{column}", lang))])
    return float(min(60, max(8, longest + 2)))


def _overview(writer: _Writer, selection: tables.Selection, filters: Filters, budget_rows: int) -> None:
    """Headline figures, the filters used, notes, and the two native charts (written last, shown first)."""
    lang = writer.lang
    title = label("sheet.overview", lang)
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
    notes = [[label("overview.notes", lang), note] for note in writer.cut_sheets] + [
        [label("overview.notes", lang), f"{label('overview.truncated', lang)}：{where}"]
        for where in writer.truncated
    ]
    money = writer.package.styles.index(Style(number_format=MONEY))
    xml = [
        row(
            number,
            [
                writer.cell(title, f"{get_column_letter(n)}{number}", v, money if isinstance(v, float) else 0)
                for n, v in enumerate(values, 1)
            ],
        )
        for number, values in enumerate(rows + [[]] + notes, 1)
    ]
    charts = []
    if not selection.forms.empty:
        budget = label("sheet.budget", lang)
        charts = [
            _grade_chart(title, grade_start, lang),
            _budget_chart(budget, min(budget_rows, CHART_TOWNSHIPS), lang),
        ]
    writer.package.add_sheet(title, xml, size=(len(xml), 2), widths=[28, 40], charts=charts, first=True)


def _grade_chart(sheet: str, first_row: int, lang: str) -> BarChart:
    """Forms per grade, from the overview's own grade table (names in A, counts in B)."""
    series = Series(
        sheet,
        name=f"$B${first_row}",
        categories=f"$A${first_row + 1}:$A${first_row + 4}",
        values=f"$B${first_row + 1}:$B${first_row + 4}",
    )
    return BarChart(
        label("overview.grade_chart", lang), [series], anchor_column=3, anchor_row=1, legend=False
    )


def _budget_chart(budget_sheet: str, rows: int, lang: str) -> BarChart:
    """Stacked 基本/项目/其他 per township, from the budget sheet (columns D–F, labels in A)."""
    series = [
        Series(
            budget_sheet,
            name=f"${letter}$1",
            categories=f"$A$2:$A${rows + 1}",
            values=f"${letter}$2:${letter}${rows + 1}",
        )
        for letter in "DEF"
    ]
    return BarChart(
        label("overview.budget_chart", lang),
        series,
        anchor_column=3,
        anchor_row=19,
        width_cm=18,
        height_cm=max(7.5, 0.5 * rows + 3),
        horizontal=True,
        stacked=True,
    )
