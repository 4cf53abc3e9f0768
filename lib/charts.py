"""The dashboard's charts: pure functions from small DataFrames to plotly figures.

Every figure uses one sober style (white ground, navy and slate blues, the grade colours
优 green, 良 blue, 中 amber, 差 red, a font family with CJK glyphs). Form text is untrusted:
it is HTML-escaped (:func:`safe`) before it becomes a label, a tick or a hover line, because
plotly reads a few tags (``<a href>``, ``<b>``) in text. Clickable traces carry a stable id in
``customdata`` (plotly splits traces by colour, so point numbers alone do not say which form);
:func:`clicked` reads it back from a Streamlit selection event.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from lib.i18n import display_width, label, t, term
from lib.quality.scoring import GRADES
from lib.views.budget import PARTS
from lib.views.structure import COVERAGE_COLUMNS, UNLABELLED, Coverage

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
INK, MUTED, GRID = "#1F2933", "#6B7280", "#E5E7EB"
NAVY = "#1F3864"
PALETTE = (  # qualitative, told apart by hue and by lightness (Okabe–Ito based): navy, orange, green, pink …
    "#1F3864",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#7F8C8D",
    "#8C6D8F",
)
GRADE_COLOURS = {
    "优": "#66BB6A",
    "良": "#1E88E5",
    "中": "#FFCA28",
    "差": "#B71C1C",
}  # lightness 69/56/84/40: apart in grey
SEVERITY_COLOURS = {"high": "#C0392B", "medium": "#D89B00", "low": "#7F8C8D"}
PART_COLOURS = {"basic": "#1F3864", "project": "#4E79A7", "other": "#9DB4CF", "unspecified": "#D1D5DB"}
WARNING_COLOUR = "#C0392B"
COPY_SCALE = [[0.0, "#F6D5CF"], [0.5, "#D9694F"], [1.0, "#8E1B12"]]
MATRIX_LABELLED = 60  # the copy matrix names its forms up to this many
RADAR_FIRST_SPOKE = 90  # degrees: the radar's first category points straight up
CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"scale": 2},
}
"""The plotly ``config`` the pages pass along: no logo, no box/lasso tools, crisp PNG export."""


def safe(text: object) -> str:
    """Form text made inert for plotly labels and hover text (``&``, ``<``, ``>`` escaped)."""
    return html.escape(
        "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text), quote=False
    )


def clicked(selection: Mapping | None) -> list[tuple]:
    """The ``customdata`` of each point picked in a Streamlit plotly selection, as tuples."""
    found = []
    for point in (selection or {}).get("points") or []:
        data = point.get("customdata")
        if data is not None:
            found.append(tuple(data) if isinstance(data, (list, tuple)) else (data,))
    return found


def styled(figure: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    """The house style on any figure."""
    figure.update_layout(
        title={
            "text": safe(title),
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 10},
            "font": {"size": 16},
        }
        if title
        else None,
        font={"family": FONT, "color": INK, "size": 13},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT}, "bgcolor": "white"},
        colorway=list(PALETTE),
        margin={"l": 10, "r": 10, "t": 76 if title else 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left", "x": 0, "title": None},
    )
    if height:
        figure.update_layout(height=height)
    figure.update_xaxes(gridcolor=GRID, zerolinecolor=GRID, linecolor=GRID, automargin=True)
    figure.update_yaxes(gridcolor=GRID, zerolinecolor=GRID, linecolor=GRID, automargin=True)
    return figure


def bar_height(rows: int) -> int:
    """Pixels for a horizontal bar chart of this many bars."""
    return max(240, min(90 + 24 * rows, 1600))


# ---- generic ---------------------------------------------------------------------------
def ranked_bars(
    frame: pd.DataFrame,
    value: str,
    label_column: str,
    value_title: str,
    *,
    ids: str | None = None,
    colours: Sequence[str] | str = NAVY,
    percent: bool = False,
    reference: float | None = None,
    reference_text: str = "",
    title: str | None = None,
) -> go.Figure:
    """Horizontal bars, first row at the top; ``ids`` names the column carried in ``customdata``."""
    values = frame[value] * (100 if percent else 1)
    text = [f"{v:.0f}%" if percent else f"{v:,.2f}".rstrip("0").rstrip(".") for v in values]
    bar = go.Bar(
        x=values,
        y=[safe(v) for v in frame[label_column]],
        orientation="h",
        marker_color=colours,
        text=text,
        textposition="outside",
        cliponaxis=False,
        customdata=frame[[ids]].to_numpy() if ids else None,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    figure = go.Figure(bar)
    figure.update_yaxes(autorange="reversed", type="category")
    top = max([float(values.max()) if len(values) else 0.0, reference or 0.0, 1.0])
    figure.update_xaxes(
        title=value_title,
        ticksuffix="%" if percent else "",
        range=[0, top * 1.15],
        **_count_ticks(values, top),
    )
    if reference is not None:
        figure.add_vline(x=reference, line_dash="dot", line_color=MUTED)
        figure.add_annotation(
            x=reference,
            y=1.0,
            yref="paper",
            yanchor="bottom",
            xanchor="right",
            showarrow=False,
            text=safe(reference_text),
            font={"color": MUTED, "size": 12},
        )
    return styled(figure, title, bar_height(len(frame)))


def _count_ticks(values: pd.Series, top: float) -> dict:
    """Whole-number ticks for counts (no 0.5 of a form)."""
    if len(values) and (values.round() == values).all():
        return {"tickformat": ",d", **({"tick0": 0, "dtick": 1} if top <= 10 else {})}
    return {}


def distribution_bars(
    frame: pd.DataFrame, label_column: str, value: str, value_title: str, lang: str, title: str
) -> go.Figure:
    """Counts of vocabulary values (operators, units, targets), the words translated where the catalogue can."""
    named = frame.assign(**{label_column: [term(v, lang) for v in frame[label_column]]})
    return ranked_bars(named, value, label_column, value_title, colours=PALETTE[1], title=title)


# ---- overview --------------------------------------------------------------------------
def budget_score_bubbles(forms: pd.DataFrame, lang: str) -> go.Figure:
    """Budget (万元) against score, one bubble per form sized by its indicator count, coloured by grade."""
    usable = forms[forms["budget_total"].notna() & forms["score"].notna() & (forms["budget_total"] > 0)]
    figure = go.Figure()
    largest = 40 if len(usable) <= 30 else 26 if len(usable) <= 200 else 16  # px across the biggest bubble
    size_ref = 2.0 * max(float(usable["indicator_count"].max()) if len(usable) else 1.0, 1.0) / largest**2
    for grade, colour in GRADE_COLOURS.items():
        rows = usable[usable["grade"] == grade]
        if rows.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=rows["budget_total"],
                y=rows["score"],
                mode="markers",
                name=label("grade", grade, lang),
                marker={
                    "size": rows["indicator_count"].clip(lower=1),
                    "sizemode": "area",
                    "sizeref": size_ref,
                    "sizemin": 4,
                    "color": colour,
                    "opacity": 0.7,
                    "line": {"width": 1, "color": "white"},
                },
                customdata=rows[["form_id"]].to_numpy(),
                text=[safe(v) for v in rows["label"]],
                hovertemplate=(
                    f"%{{text}}<br>{t('col.budget_total', lang)}: %{{x:,.2f}}<br>"
                    f"{t('col.score', lang)}: %{{y:.1f}}<br>{t('col.indicator_count', lang)}: %{{marker.size}}"
                    "<extra></extra>"
                ),
            )
        )
    spread = usable["budget_total"].max() / usable["budget_total"].min() if len(usable) else 1
    figure.update_xaxes(title=t("col.budget_total", lang), type="log" if spread > 100 else "linear")
    figure.update_yaxes(title=t("col.score", lang), range=[0, 105])
    for cut in (cut for cut, _ in GRADES if cut > 0):  # the grade boundaries
        figure.add_hline(y=cut, line_dash="dot", line_color=GRID, layer="below")
    return styled(figure, t("chart.bubbles", lang), 440)


def findings_bars(top: pd.DataFrame, lang: str) -> go.Figure:
    """The commonest findings: forms concerned per rule, coloured by severity; ``customdata`` is the code."""
    frame = top.assign(title=[label("finding", code, lang) for code in top["code"]])
    colours = [SEVERITY_COLOURS.get(s, MUTED) for s in frame["severity"]]
    return ranked_bars(
        frame,
        "forms",
        "title",
        t("col.forms", lang),
        ids="code",
        colours=colours,
        title=t("chart.top_findings", lang),
    )


# ---- budget ----------------------------------------------------------------------------
def budget_bars(frame: pd.DataFrame, lang: str, percent: bool = False, title: str | None = None) -> go.Figure:
    """基本/项目/其他/未列明 stacked per form; forms whose money is suspect carry a ⚠ at the bar's end."""
    labels = [safe(v) for v in frame["label"]]
    ids = frame[["form_id"]].to_numpy()
    figure = go.Figure()
    for part in PARTS:
        if frame[part].sum() == 0 and part in ("other", "unspecified"):
            continue
        figure.add_trace(
            go.Bar(
                x=frame[part],
                y=labels,
                orientation="h",
                name=t(f"part.{part}", lang),
                marker_color=PART_COLOURS[part],
                customdata=ids,
                hovertemplate=f"%{{y}}<br>{t(f'part.{part}', lang)}: %{{x:,.2f}}"
                f"{'%' if percent else ''}<extra></extra>",
            )
        )
    suspect = frame[frame["suspect"].map(bool)]
    if not suspect.empty:
        reasons = ["；".join(label("finding", code, lang) for code in codes) for codes in suspect["suspect"]]
        ends = suspect[list(PARTS)].sum(axis=1)
        figure.add_trace(
            go.Scatter(
                x=ends,
                y=[safe(v) for v in suspect["label"]],
                mode="markers+text",
                text=["⚠"] * len(suspect),
                textposition="middle right",
                textfont={"color": WARNING_COLOUR, "size": 15},
                marker={"symbol": "triangle-left", "size": 11, "color": WARNING_COLOUR},
                name=t("chart.suspect", lang),
                customdata=suspect[["form_id"]].to_numpy(),
                hovertext=reasons,
                hovertemplate="%{y}<br>%{hovertext}<extra></extra>",
                cliponaxis=False,
            )
        )
    figure.update_layout(barmode="stack", legend={"traceorder": "normal"})
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(
        title=t("chart.percent" if percent else "col.budget_total", lang),
        ticksuffix="%" if percent else "",
        range=[0, 105] if percent else None,
    )
    return styled(figure, title, bar_height(len(frame)))


def project_treemap(tree: pd.DataFrame, lang: str) -> go.Figure:
    """Project budgets (万元) in a treemap: each form's block holds its projects; ``customdata`` is the form id."""
    forms = tree.groupby(["form_id", "label"], sort=False)["budget"].sum().reset_index()
    ids = [f"f:{f}" for f in forms["form_id"]] + [
        f"p:{f}:{i}" for f, i in zip(tree["form_id"], tree["idx"], strict=True)
    ]
    figure = go.Figure(
        go.Treemap(
            ids=ids,
            parents=[""] * len(forms) + [f"f:{f}" for f in tree["form_id"]],
            labels=[safe(v) for v in forms["label"]] + [safe(v) for v in tree["project"]],
            values=list(forms["budget"]) + list(tree["budget"]),
            branchvalues="total",
            customdata=[[f] for f in forms["form_id"]] + [[f] for f in tree["form_id"]],
            hovertemplate=f"%{{label}}<br>{t('col.budget', lang)}: %{{value:,.2f}}<extra></extra>",
            marker={
                "colors": ["#DCE6F2"] * len(forms) + [PALETTE[1]] * len(tree),
                "line": {"color": "white", "width": 1},
            },
            textfont={"family": FONT, "color": [INK] * len(forms) + ["white"] * len(tree)},
            tiling={"pad": 3},
            pathbar={"visible": False},
        )
    )
    return styled(figure, t("chart.projects", lang), 520)


# ---- structure -------------------------------------------------------------------------
def structure_sunburst(counts: pd.DataFrame, lang: str) -> go.Figure:
    """Indicators by level 1 → level 2 → kind (定量/定性/时间), sized by count."""
    ids, parents, names, values = [], [], [], []
    for columns in (["level1"], ["level1", "level2"], ["level1", "level2", "kind"]):
        grouped = counts.groupby(columns, sort=False)["count"].sum().reset_index()
        for row in grouped.itertuples(index=False):
            path = [str(getattr(row, c)) for c in columns]
            ids.append("/".join(path))
            parents.append("/".join(path[:-1]))
            names.append(safe(term(path[-1], lang)))
            values.append(int(row.count))
    figure = go.Figure(
        go.Sunburst(
            ids=ids,
            parents=parents,
            labels=names,
            values=values,
            branchvalues="total",
            insidetextorientation="radial",
            marker={"colors": _sunburst_colours(ids)},
            hovertemplate="%{label}: %{value}<extra></extra>",
        )
    )
    return styled(figure, t("chart.sunburst", lang), 520)


def _sunburst_colours(ids: list[str]) -> list[str]:
    """Each level-1 branch in one hue, its children lighter."""
    roots = list(dict.fromkeys(i.split("/")[0] for i in ids))
    base = {root: PALETTE[n % len(PALETTE)] for n, root in enumerate(roots)}
    return [MUTED if i.split("/")[0] == UNLABELLED else base[i.split("/")[0]] for i in ids]


def coverage_heatmap(cover: Coverage, lang: str) -> go.Figure:
    """Indicators per form × level-2 category; a required category that is absent shows red."""
    counts, missing = cover.counts, cover.missing
    top = max(int(counts.to_numpy().max()) if counts.size else 1, 1)
    cap = min(top, 10)
    shown = counts.clip(upper=cap).where(~missing, -1)
    low = 0.5 / (cap + 1)
    scale = [[0.0, "#E8A59C"], [low, "#E8A59C"], [low, "#F3F4F6"], [1.5 / (cap + 1), "#DCE6F2"], [1.0, NAVY]]
    figure = go.Figure(
        go.Heatmap(
            z=shown.to_numpy().tolist(),
            x=[wrapped(safe(term(c, lang))) for c in counts.columns],
            y=[safe(v) for v in counts.index],
            text=counts.to_numpy().tolist(),
            texttemplate="%{text}",
            zmin=-1,
            zmax=cap,
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(side="top", type="category", tickangle=0)  # wrapped, level: no label runs off the top
    return styled(
        figure, t("chart.coverage", lang), max(300, min(150 + 26 * len(counts), 1800))
    ).update_layout(margin={"t": 130})


# ---- similarity ------------------------------------------------------------------------
def similarity_matrix(cells: pd.DataFrame, order_labels: list[str], lang: str) -> go.Figure:
    """The form × form matrix as square markers (clickable); ``customdata`` is (form a, form b)."""
    size = max(4, min(26, 560 // max(len(order_labels), 1)))
    axis = [safe(v) for v in order_labels]
    figure = go.Figure(
        go.Scatter(
            x=[safe(v) for v in cells["x"]],
            y=[safe(v) for v in cells["y"]],
            mode="markers",
            marker={
                "symbol": "square",
                "size": size,
                "color": cells["share"],
                "colorscale": COPY_SCALE,
                "cmin": 0,
                "cmax": max(float(cells["share"].max()) if len(cells) else 0.0, 0.05),
                "colorbar": {"title": {"text": t("col.share", lang)}, "tickformat": ".0%", "thickness": 12},
                "line": {"width": 0},
            },
            customdata=cells[["a", "b", "rows"]].to_numpy(),
            hovertemplate=(
                f"%{{x}} ↔ %{{y}}<br>{t('col.rows', lang)}: %{{customdata[2]}}<br>"
                f"{t('col.share', lang)}: %{{marker.color:.0%}}<extra></extra>"
            ),
        )
    )
    figure.update_xaxes(
        categoryorder="array",
        categoryarray=axis,
        type="category",
        showgrid=False,
        tickangle=-45,
        showticklabels=len(axis) <= MATRIX_LABELLED,
        tickfont={"size": 11 if len(axis) <= 30 else 9},
    )
    figure.update_yaxes(
        categoryorder="array",
        categoryarray=axis,
        type="category",
        showgrid=False,
        autorange="reversed",
        showticklabels=len(axis) <= MATRIX_LABELLED,
        tickfont={"size": 11 if len(axis) <= 30 else 9},
    )
    return styled(figure, t("chart.matrix", lang), 640 if len(axis) <= 30 else 820)


def carry_lines(trend: pd.DataFrame, lang: str, highlight: str | None = None) -> go.Figure:
    """Per unit, the share of each year's rows repeated from the year before; the chosen township in navy
    on top, the others thin and grey (a dozen lines cannot each have a colour of their own)."""
    figure = go.Figure()
    groups = sorted(trend.groupby("unit", sort=False), key=lambda item: item[1]["place"].iloc[0] == highlight)
    for _, rows in groups:
        chosen = rows["place"].iloc[0] == highlight
        figure.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["share"] * 100,
                mode="lines+markers",
                name=safe(rows["place"].iloc[0]),
                showlegend=chosen,
                line={"color": NAVY if chosen else "#C4CAD3", "width": 3.5 if chosen else 1.2},
                marker={"size": 8 if chosen else 4},
                hovertemplate="%{fullData.name} %{x}: %{y:.0f}%<extra></extra>",
            )
        )
    figure.update_xaxes(title=t("col.year", lang), dtick=1, tickformat="d")
    figure.update_yaxes(title=t("col.carry_share", lang), ticksuffix="%", range=[0, 105])
    return styled(figure, t("chart.carry", lang), 420)


def score_trend(trend: pd.DataFrame, highlight: str | None, lang: str) -> go.Figure:
    """Each township's score per year: the others as thin grey lines (one trace, broken between townships,
    so hundreds of townships stay quick to draw), the chosen one in navy on top."""
    others = trend[trend["place"] != highlight]
    gaps = pd.DataFrame({"place": others["place"].unique(), "year": None, "score": None, "gap": 1})
    lines = pd.concat([others.assign(gap=0), gaps]).sort_values(["place", "gap", "year"], kind="stable")
    names = {place: safe(place) for place in gaps["place"]}
    figure = go.Figure(
        go.Scatter(
            x=lines["year"].to_numpy(dtype=float),
            y=lines["score"].to_numpy(dtype=float),
            text=lines["place"].map(names).where(lines["gap"] == 0, "").to_numpy(),
            mode="lines+markers",
            showlegend=False,
            line={"color": "#C4CAD3", "width": 1.2},
            marker={"size": 4},
            hovertemplate="%{text} %{x}: %{y:.1f}<extra></extra>",
        )
    )
    chosen = trend[trend["place"] == highlight]
    if len(chosen):
        figure.add_trace(
            go.Scatter(
                x=chosen["year"],
                y=chosen["score"],
                mode="lines+markers",
                name=safe(highlight),
                line={"color": NAVY, "width": 3.5},
                marker={"size": 8},
                hovertemplate="%{fullData.name} %{x}: %{y:.1f}<extra></extra>",
            )
        )
    figure.update_xaxes(title=t("col.year", lang), dtick=1, tickformat="d")
    figure.update_yaxes(title=t("col.score", lang), range=[0, 105])
    return styled(figure, t("briefing.trend", lang), 380)


# ---- county map ------------------------------------------------------------------------
SCORE_SCALE = [
    [0.0, "#B71C1C"],
    [0.5, "#FFCA28"],
    [1.0, "#1E6B3A"],
]  # 差 red → amber → green, lightness rising
SCORE_RANGE = (40.0, 90.0)  # the map's colour scale: 差 well below 60, 优 from 90


def county_map(counties: pd.DataFrame, outlines: Mapping[str, list], lang: str) -> go.Figure:
    """Counties coloured by median score: each one's outline (when known) filled in its colour, and a
    clickable dot at its centre (``customdata`` = county name). ``counties`` has county, lon, lat,
    median_score, forms and to_return; ``outlines`` maps a county to its (lon, lat) rings. Drawn on plain
    longitude/latitude axes (no base map to fetch): it works offline."""
    figure = go.Figure()
    low, high = SCORE_RANGE
    for row in counties.itertuples():
        rings = outlines.get(row.county) or []
        if not rings:
            continue
        xs: list = []
        ys: list = []
        for ring in rings:
            xs += [x for x, _ in ring] + [None]
            ys += [y for _, y in ring] + [None]
        share = min(max((float(row.median_score) - low) / (high - low), 0.0), 1.0)
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=_scale_colour(SCORE_SCALE, share, 0.55),
                line={"color": "white", "width": 1},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    names = [safe(c) for c in counties["county"]]
    figure.add_trace(
        go.Scatter(
            x=counties["lon"],
            y=counties["lat"],
            mode="markers+text",
            text=names,
            textposition="top center",
            marker={
                "size": 16,
                "color": counties["median_score"],
                "colorscale": SCORE_SCALE,
                "cmin": low,
                "cmax": high,
                "line": {"color": "white", "width": 1.5},
                "colorbar": {"title": {"text": t("col.median_score", lang)}, "thickness": 12},
            },
            customdata=counties[["county"]].to_numpy(),
            hovertemplate=[
                f"{name}<br>{t('col.median_score', lang)}: {score:.1f}<br>{t('col.forms', lang)}: {forms}"
                f"<br>{t('col.to_return', lang)}: {returned}<extra></extra>"
                for name, score, forms, returned in zip(
                    names, counties["median_score"], counties["forms"], counties["to_return"], strict=True
                )
            ],
            showlegend=False,
            cliponaxis=False,
        )
    )
    middle = float(counties["lat"].mean()) if len(counties) else 30.0
    figure.update_xaxes(visible=False, showgrid=False)
    figure.update_yaxes(
        visible=False, showgrid=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(middle))
    )
    return styled(figure, t("map.title", lang), 460)


def _scale_colour(scale: list, share: float, alpha: float) -> str:
    """The colour at ``share`` (0–1) of a two-step colour scale, as rgba with ``alpha``."""
    (_, first), (mid, second), (_, third) = scale
    left, right, part = (
        (first, second, share / mid) if share <= mid else (second, third, (share - mid) / (1 - mid))
    )
    a, b = _rgb(left), _rgb(right)
    r, g, bl = (round(x + (y - x) * part) for x, y in zip(a, b, strict=True))
    return f"rgba({r},{g},{bl},{alpha})"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# ---- compare ---------------------------------------------------------------------------
def coverage_radar(counts: pd.DataFrame, lang: str) -> go.Figure:
    """Indicators per level-2 category, one outline per form (rows of ``counts`` are form labels)."""
    columns = [c for c in COVERAGE_COLUMNS if c != UNLABELLED]
    theta = [wrapped(safe(term(c, lang))) for c in columns]
    full = [safe(term(c, lang)) for c in columns]
    figure = go.Figure()
    for n, (name, row) in enumerate(counts[columns].iterrows()):
        figure.add_trace(
            go.Scatterpolar(
                r=[*row.to_numpy(), row.iloc[0]],
                theta=[*theta, theta[0]],
                name=safe(name),
                fill="toself",
                opacity=0.45,
                line={"color": PALETTE[n % len(PALETTE)], "width": 2},
                customdata=[*full, full[0]],
                hovertemplate="%{fullData.name}<br>%{customdata}: %{r}<extra></extra>",
            )
        )
    between = RADAR_FIRST_SPOKE + 180 / len(columns)
    figure.update_layout(
        polar={
            "radialaxis": {  # its numbers halfway between the first two spokes, upright, with no line under them
                "gridcolor": GRID,
                "rangemode": "tozero",
                "angle": between,
                "tickangle": between,  # plotly turns the labels with the axis: this turns them back upright
                "showline": False,
                "ticks": "",
                "tickfont": {"size": 10, "color": MUTED},
            },
            "angularaxis": {
                "gridcolor": GRID,
                "rotation": RADAR_FIRST_SPOKE,
                "direction": "counterclockwise",
            },
            "bgcolor": "white",
        }
    )
    return styled(figure, t("chart.radar", lang), 480).update_layout(
        margin={"l": 90, "r": 90, "t": 100}, polar_domain={"x": [0.08, 0.92], "y": [0, 0.92]}
    )


def wrapped(text: str, width: int = 12) -> str:
    """A label broken into lines of about ``width`` characters (a CJK character counts two), so none is clipped."""
    lines, line = [], ""
    for word in text.split(" ") if " " in text else list(text):
        joiner = " " if " " in text and line else ""
        if line and display_width(line + joiner + word) > width:
            lines.append(line)
            line = word
        else:
            line += joiner + word
    return "<br>".join([*lines, line])


def dimension_bars(long: pd.DataFrame, lang: str) -> go.Figure:
    """The four dimension scores and the total, grouped per dimension, one colour per form."""
    figure = go.Figure()
    for n, (name, rows) in enumerate(long.groupby("label", sort=False)):
        figure.add_trace(
            go.Bar(
                x=[t(f"col.{d}", lang) for d in rows["dimension"]],
                y=rows["value"],
                name=safe(name),
                marker_color=PALETTE[n % len(PALETTE)],
                text=[f"{v:.0f}" for v in rows["value"]],
                textposition="outside",
                hovertemplate="%{fullData.name}: %{y:.1f}<extra></extra>",
            )
        )
    figure.update_layout(barmode="group")
    figure.update_yaxes(range=[0, 110], title=t("col.score", lang))
    return styled(figure, t("chart.dimensions", lang), 380)
