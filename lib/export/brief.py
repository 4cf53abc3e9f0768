"""The one-page brief of a form: a standalone HTML page that prints cleanly on A4.

Headline figures, the budget composition, the four scores against the median of the
selection, the top findings and the most copied rows. Charts are plotly figures embedded
with plotly.js inline, so the file opens offline on a leader's laptop; a PDF is left to the
browser's print dialog (no PDF library needed). Every piece of form text is HTML-escaped.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from lib.export import tables
from lib.filters import Filters
from lib.i18n import t as label
from lib.quality.results import CRITERIA_WEIGHTED
from lib.store import Store

TOP_FINDINGS = 6
TOP_COPIED = 8
TOP_SEQS = 12
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, SimSun, sans-serif"
_PALETTE = {
    "basic": "#1F3864",
    "project": "#4472C4",
    "other": "#A5A5A5",
    "form": "#B22222",
    "median": "#BFBFBF",
}

CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: %(font)s; color: #222; margin: 0 auto; max-width: 190mm; font-size: 10.5pt; }
h1 { font-size: 16pt; margin: 0 0 2mm; color: #1F3864; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #1F3864; color: #1F3864; }
.sub { color: #555; margin-bottom: 3mm; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; }
.figure { border: 1px solid #ddd; padding: 1.5mm 2mm; }
.figure b { display: block; font-size: 13pt; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm; }
table { border-collapse: collapse; width: 100%%; font-size: 9pt; }
td, th { border: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #1F3864; color: #fff; }
.grade { font-weight: bold; padding: 0 2mm; }
.g-优 { background: #C6EFCE; } .g-良 { background: #DDEBF7; } .g-中 { background: #FFEB9C; } .g-差 { background: #FFC7CE; }
.print { float: right; }
.foot { color: #777; font-size: 8pt; margin-top: 3mm; }
@media print { .print { display: none; } h2 { break-after: avoid; } table, .charts { break-inside: avoid; } }
"""


def brief_html(store: Store, form_id: str, lang: str = "zh", filters: Filters | None = None) -> str:
    """The brief of one stored, scored form; the median is over the selection (all forms by default)."""
    selection = tables.select(store, filters or Filters())
    if form_id not in selection.form_ids:
        selection = tables.select(store, Filters())
    row = selection.forms.set_index("form_id").loc[form_id]
    result = next(r for r in store.score_results() if r["form_id"] == form_id)
    medians = {d: float(selection.forms[d].median()) for d in CRITERIA_WEIGHTED}
    body = "".join(
        [
            _heading(row, result, lang),
            section("brief.headline", lang, _figures(row, result, lang)),
            _charts(row, result, medians, lang),
            section("brief.findings", lang, _findings_table(result, lang)),
            section("brief.copied", lang, _copied_table(store, form_id, lang)),
            f'<p class="foot">{escape(label("brief.source", lang))}</p>',
        ]
    )
    title = f"{row['unit_name'] or row['source']} · {label('brief.title', lang)}"
    return (
        f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS % {'font': FONT}}</style>"
        f"<script>{get_plotlyjs()}</script></head><body>{body}</body></html>"
    )


def escape(value: object) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def section(key: str, lang: str, content: str) -> str:
    return f"<h2>{escape(label(key, lang))}</h2>{content}"


def _heading(row: pd.Series, result: dict, lang: str) -> str:
    grade = result["grade"]
    year = "" if pd.isna(row["year"]) else f" · {int(row['year'])}"
    stage = f" · {row['stage']}" if isinstance(row["stage"], str) else ""
    button = f'<button class="print" onclick="window.print()">{escape(label("brief.print", lang))}</button>'
    return (
        f"{button}<h1>{escape(row['unit_name'] or row['source'])}</h1>"
        f'<div class="sub">{escape(label("brief.title", lang))}{escape(year)}{escape(stage)} · '
        f'<span class="grade g-{escape(grade)}">{escape(label(f"grade.{grade}", lang))}</span> {result["score"]:.1f}</div>'
    )


def _figures(row: pd.Series, result: dict, lang: str) -> str:
    items = [
        ("col.budget_total", _money(row["budget_total"])),
        ("col.budget_basic", _money(row["budget_basic"])),
        ("col.budget_project", _money(row["budget_project"])),
        ("col.indicator_count", int(row["indicator_count"])),
        ("col.score", f"{result['score']:.1f}"),
        ("col.grade", label(f"grade.{result['grade']}", lang)),
        ("col.boilerplate_share", f"{result['boilerplate_share']:.0%}"),
        ("brief.high_findings", sum(f["severity"] == "high" for f in result["findings"])),
    ]
    cells = "".join(
        f'<div class="figure">{escape(label(key, lang))}<b>{escape(value)}</b></div>' for key, value in items
    )
    return f'<div class="figures">{cells}</div>'


def _money(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):,.2f}"


def budget_figure(row: pd.Series, lang: str) -> go.Figure | None:
    """基本/项目/其他 as one stacked bar (万元); None when the form states no budget."""
    parts = {key: row[f"budget_{key}"] for key in ("basic", "project", "other")}
    if all(v is None or pd.isna(v) for v in parts.values()):
        return None
    figure = go.Figure(
        [
            go.Bar(
                y=[""],
                x=[0 if pd.isna(v) else v],
                name=label(f"col.budget_{key}", lang),
                orientation="h",
                marker_color=_PALETTE[key],
                text=[_money(v)],
                textposition="inside",
            )
            for key, v in parts.items()
        ]
    )
    figure.update_layout(barmode="stack", title=label("brief.budget", lang))
    return _compact(figure)


def scores_figure(values: dict[str, float], medians: dict[str, float], lang: str) -> go.Figure:
    names = [label(f"col.{d}", lang) for d in CRITERIA_WEIGHTED]
    figure = go.Figure(
        [
            go.Bar(
                x=names,
                y=[values[d] for d in CRITERIA_WEIGHTED],
                name=label("brief.this_form", lang),
                marker_color=_PALETTE["form"],
            ),
            go.Bar(
                x=names,
                y=[medians[d] for d in CRITERIA_WEIGHTED],
                name=label("brief.median", lang),
                marker_color=_PALETTE["median"],
            ),
        ]
    )
    figure.update_layout(barmode="group", yaxis_range=[0, 100], title=label("brief.scores", lang))
    return _compact(figure)


def _compact(figure: go.Figure) -> go.Figure:
    return figure.update_layout(
        height=230,
        margin={"l": 30, "r": 10, "t": 40, "b": 30},
        font_family=FONT,
        legend={"orientation": "h", "y": -0.25},
        plot_bgcolor="white",
    )


def _charts(row: pd.Series, result: dict, medians: dict[str, float], lang: str) -> str:
    budget = budget_figure(row, lang)
    left = (
        budget.to_html(full_html=False, include_plotlyjs=False, config={"displayModeBar": False})
        if budget
        else f"<p>{escape(label('brief.no_budget', lang))}</p>"
    )
    right = scores_figure(result["dimensions"], medians, lang).to_html(
        full_html=False, include_plotlyjs=False, config={"displayModeBar": False}
    )
    return f'<div class="charts"><div>{left}</div><div>{right}</div></div>'


def rows_table(headers: list[str], rows: list[list[object]], lang: str) -> str:
    if not rows:
        return f"<p>{escape(label('brief.none', lang))}</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _findings_table(result: dict, lang: str) -> str:
    """The most severe findings first; how many more there are is said, never cut silently."""
    order = {"high": 0, "medium": 1, "low": 2}
    found = sorted(result["findings"], key=lambda f: order.get(f["severity"], 3))
    rows = [
        [
            label(f"severity.{f['severity']}", lang),
            label(f"finding.{f['code']}", lang),
            f["message"],
            _listed(f["seqs"], TOP_SEQS, lang),
        ]
        for f in found[:TOP_FINDINGS]
    ]
    headers = [label(k, lang) for k in ("col.severity", "col.code", "col.message", "col.finding_rows")]
    return rows_table(headers, rows, lang) + more(len(found) - TOP_FINDINGS, lang)


def _listed(values: list, limit: int, lang: str) -> str:
    """Values joined, the first ``limit`` of them, with how many more."""
    shown = "、".join(map(str, values[:limit]))
    rest = len(values) - limit
    return label("brief.and_more", lang, shown=shown, count=rest) if rest > 0 else shown


def more(count: int, lang: str) -> str:
    """A line under a cut list saying how many rows it leaves out (nothing when none)."""
    return f'<p class="foot">{escape(label("brief.more_rows", lang, count=count))}</p>' if count > 0 else ""


def _copied_table(store: Store, form_id: str, lang: str) -> str:
    flags = store.flags_frame()
    every = flags[(flags["form_id"] == form_id) & (flags["flag"] == "copied")]
    copied = every.head(TOP_COPIED)
    if copied.empty:
        return rows_table([], [], lang)
    others = list(copied["other_form_id"].unique())
    names = store.indicators_frame([form_id, *others]).set_index(["form_id", "seq"])["name"]
    units = store.forms_frame().set_index("form_id")["unit_name"]
    rows = [
        [
            int(r.seq),
            names.get((form_id, r.seq)),
            units.get(r.other_form_id, r.other_form_id),
            names.get((r.other_form_id, r.other_seq)),
        ]
        for r in copied.itertuples()
    ]
    headers = [
        label("col.seq", lang),
        label("col.name", lang),
        label("col.other_place", lang),
        label("brief.copied_from", lang),
    ]
    return rows_table(headers, rows, lang) + more(len(every) - TOP_COPIED, lang)
