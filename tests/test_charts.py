"""The chart builders: pure functions from small frames to plotly figures (right traces, right totals)."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import charts
from lib.views.structure import COVERAGE_COLUMNS, Coverage

HOSTILE = "<a href='javascript:alert(1)'>点我</a>"


def composition(**overrides) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "form_id": ["a", "b"],
            "label": ["一镇 2024", HOSTILE],
            "basic": [60.0, 50.0],
            "project": [30.0, 0.0],
            "other": [0.0, 0.0],
            "unspecified": [10.0, 0.0],
            "total": [100.0, 50.0],
            "suspect": [(), ("money_unit_suspect",)],
        }
    )
    return frame.assign(**overrides)


def test_safe_makes_form_text_inert() -> None:
    assert charts.safe(HOSTILE) == "&lt;a href='javascript:alert(1)'&gt;点我&lt;/a&gt;"
    assert charts.safe(None) == "" and charts.safe(float("nan")) == ""


def test_clicked_reads_customdata_of_every_point() -> None:
    selection = {"points": [{"customdata": ["a", "b", 3]}, {"customdata": "c"}, {"x": 1}]}
    assert charts.clicked(selection) == [("a", "b", 3), ("c",)]
    assert charts.clicked(None) == [] and charts.clicked({"points": []}) == []


def test_ranked_bars_carry_ids_and_escape_labels() -> None:
    frame = pd.DataFrame({"form_id": ["a", "b"], "label": ["一镇", HOSTILE], "share": [0.5, 0.25]})
    figure = charts.ranked_bars(frame, "share", "label", "套话比例", ids="form_id", percent=True)
    (bar,) = figure.data
    assert list(bar.x) == [50.0, 25.0] and [c[0] for c in bar.customdata] == ["a", "b"]
    assert HOSTILE not in bar.y and charts.safe(HOSTILE) in bar.y
    assert figure.layout.yaxis.autorange == "reversed"


def test_budget_bars_stack_to_the_total_and_mark_suspect_money() -> None:
    frame = composition()
    figure = charts.budget_bars(frame, "zh")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert [trace.name for trace in bars] == ["基本支出", "项目支出", "未列明"]  # an empty 其他 is left out
    assert [sum(values) for values in zip(*(trace.x for trace in bars), strict=True)] == [100.0, 50.0]
    (marks,) = [trace for trace in figure.data if trace.type == "scatter"]
    assert list(marks.text) == ["⚠"] and marks.customdata[0][0] == "b"
    assert "金额单位存疑" in marks.hovertext[0]
    english = charts.budget_bars(frame, "en")
    assert english.data[0].name == "Basic" and english.layout.xaxis.title.text == "Total budget (10k yuan)"


def test_project_treemap_sums_projects_into_their_form() -> None:
    tree = pd.DataFrame(
        {
            "form_id": ["a", "a", "b"],
            "idx": [0, 1, 0],
            "label": ["甲", "甲", "乙"],
            "project": ["修路", "修路", "清运"],
            "budget": [20.0, 5.0, 7.0],
        }
    )
    (treemap,) = charts.project_treemap(tree, "zh").data
    values = dict(zip(treemap.ids, treemap.values, strict=True))
    assert values["f:a"] == 25.0 and values["f:b"] == 7.0 and len(set(treemap.ids)) == 5
    assert list(treemap.parents[2:]) == ["f:a", "f:a", "f:b"]


def test_bubbles_one_trace_per_grade_with_form_ids() -> None:
    frame = pd.DataFrame(
        {
            "form_id": ["a", "b", "c", "d"],
            "label": ["甲", "乙", "丙", "丁"],
            "budget_total": [100.0, 2000.0, None, 50.0],
            "score": [45.0, 91.0, 70.0, 85.0],
            "grade": ["差", "优", "中", "良"],
            "indicator_count": [10, 30, 5, 8],
        }
    )
    figure = charts.budget_score_bubbles(frame, "en")
    assert [trace.name for trace in figure.data] == ["A", "B", "D"]  # c has no budget
    assert {trace.customdata[0][0] for trace in figure.data} == {"a", "b", "d"}
    assert figure.data[0].marker.color == charts.GRADE_COLOURS["优"]


def test_findings_bars_name_the_rule_and_colour_its_severity() -> None:
    top = pd.DataFrame(
        {
            "code": ["no_target", "vague_target"],
            "severity": ["high", "medium"],
            "forms": [4, 2],
            "findings": [4, 3],
        }
    )
    (bar,) = charts.findings_bars(top, "zh").data
    assert list(bar.y) == ["未设指标值", "目标表述模糊"] and list(bar.marker.color) == ["#C0392B", "#D89B00"]
    assert [c[0] for c in bar.customdata] == ["no_target", "vague_target"]


def test_sunburst_parents_hold_their_children() -> None:
    counts = pd.DataFrame(
        {
            "level1": ["产出指标", "产出指标", "满意度指标"],
            "level2": ["数量指标", "数量指标", "服务对象满意度指标"],
            "kind": ["定量", "定性", "定量"],
            "count": [5, 2, 3],
        }
    )
    (sunburst,) = charts.structure_sunburst(counts, "en").data
    values = dict(zip(sunburst.ids, sunburst.values, strict=True))
    assert values["产出指标"] == 7 and values["产出指标/数量指标/定性"] == 2 and values["满意度指标"] == 3
    assert "Quantity" in sunburst.labels


def test_coverage_heatmap_shows_absent_required_categories_apart() -> None:
    counts = pd.DataFrame(
        [[3] + [0] * (len(COVERAGE_COLUMNS) - 1)], index=["甲"], columns=list(COVERAGE_COLUMNS)
    )
    missing = pd.DataFrame(False, index=counts.index, columns=counts.columns)
    missing.loc["甲", "质量指标"] = True
    (heatmap,) = charts.coverage_heatmap(Coverage(counts, missing), "zh").data
    assert heatmap.z[0][0] == 3 and heatmap.z[0][1] == -1 and heatmap.z[0][2] == 0
    assert heatmap.text[0][1] == 0


def test_similarity_matrix_points_carry_both_forms() -> None:
    cells = pd.DataFrame(
        {
            "x": ["甲", "乙"],
            "y": ["乙", "甲"],
            "a": ["a", "b"],
            "b": ["b", "a"],
            "rows": [3, 3],
            "share": [0.15, 0.15],
        }
    )
    (points,) = charts.similarity_matrix(cells, ["甲", "乙"], "zh").data
    assert points.marker.symbol == "square" and [tuple(c[:2]) for c in points.customdata] == [
        ("a", "b"),
        ("b", "a"),
    ]


def test_carry_radar_and_dimension_charts_have_one_trace_per_unit_or_form() -> None:
    trend = pd.DataFrame(
        {
            "place": ["甲", "甲", "乙"],
            "unit": ["u1", "u1", "u2"],
            "year": [2023, 2024, 2024],
            "share": [0.5, 0.8, 0.2],
        }
    )
    assert [list(t.y) for t in charts.carry_lines(trend, "zh").data] == [[50.0, 80.0], [20.0]]
    highlighted = charts.carry_lines(trend, "zh", highlight="甲").data
    assert [t.name for t in highlighted] == ["乙", "甲"] and [t.showlegend for t in highlighted] == [
        False,
        True,
    ]
    counts = pd.DataFrame(
        [[1] * len(COVERAGE_COLUMNS), [2] * len(COVERAGE_COLUMNS)],
        index=["甲", "乙"],
        columns=list(COVERAGE_COLUMNS),
    )
    radar = charts.coverage_radar(counts, "zh")
    assert len(radar.data) == 2 and radar.data[0].theta[0] == radar.data[0].theta[-1]
    long = pd.DataFrame(
        {
            "label": ["甲", "甲", "乙", "乙"],
            "dimension": ["score", "completeness"] * 2,
            "value": [80.0, 90.0, 60.0, 70.0],
        }
    )
    bars = charts.dimension_bars(long, "en")
    assert [t.name for t in bars.data] == ["甲", "乙"] and list(bars.data[0].x) == ["Score", "Completeness"]


@pytest.mark.parametrize("lang, title", [("zh", "占比（%）"), ("en", "Share (%)")])
def test_percent_view_labels_the_axis_in_the_chosen_language(lang: str, title: str) -> None:
    figure = charts.budget_bars(composition(), lang, percent=True)
    assert figure.layout.xaxis.title.text == title and figure.layout.font.family == charts.FONT


def test_score_trend_draws_the_chosen_township_on_top_and_alone_in_the_legend() -> None:
    trend = pd.DataFrame(
        {
            "place": ["一镇", "一镇", "二镇", "二镇", "三镇", "三镇"],
            "year": [2023, 2024] * 3,
            "score": [40, 70, 60, 65, 80, 85],
        }
    )
    figure = charts.score_trend(trend, "一镇", "zh")
    others, chosen = figure.data
    assert chosen.name == "一镇" and list(chosen.y) == [40, 70] and chosen.line.width > others.line.width
    assert [None if pd.isna(v) else v for v in others.y] == [
        80,
        85,
        None,
        60,
        65,
        None,
    ] and not others.showlegend


def test_long_labels_are_wrapped_not_clipped_and_grades_differ_in_grey() -> None:
    assert charts.wrapped("Beneficiary satisfaction") == "Beneficiary<br>satisfaction"
    assert charts.wrapped("服务对象满意度指标") == "服务对象满意<br>度指标"

    def lightness(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    levels = sorted(lightness(c) for c in charts.GRADE_COLOURS.values())
    assert min(b - a for a, b in zip(levels, levels[1:], strict=False)) > 0.08


def test_county_map_fills_known_outlines_and_puts_a_clickable_dot_on_every_county() -> None:
    counties = pd.DataFrame(
        {
            "county": ["息烽县", HOSTILE],
            "lon": [106.7, 107.0],
            "lat": [27.1, 27.3],
            "median_score": [45.0, 88.0],
            "forms": [3, 2],
            "to_return": [3, 0],
        }
    )
    square = [(106.5, 27.0), (106.9, 27.0), (106.9, 27.2), (106.5, 27.0)]
    figure = charts.county_map(counties, {"息烽县": [square]}, "zh")
    outline, dots = figure.data
    assert outline.fill == "toself" and list(outline.x[:4]) == [106.5, 106.9, 106.9, 106.5]
    assert (
        outline.fillcolor
        != charts.county_map(counties.assign(median_score=[88.0, 88.0]), {"息烽县": [square]}, "zh")
        .data[0]
        .fillcolor
    )
    assert [c[0] for c in dots.customdata] == ["息烽县", HOSTILE]  # the click names the county
    assert "<a href" not in "".join(dots.text) and "退回数: 3" in dots.hovertemplate[0]
    assert figure.layout.yaxis.scaleanchor == "x" and not figure.layout.xaxis.visible  # no base map to fetch


def test_the_radar_scale_stands_between_two_spokes_with_no_line_under_it() -> None:
    counts = pd.DataFrame([range(len(COVERAGE_COLUMNS))], index=["甲"], columns=list(COVERAGE_COLUMNS))
    radar = charts.coverage_radar(counts, "en")
    polar = radar.layout.polar
    # the outline closes on its first point, so it has one point more than there are spokes
    spokes = len(radar.data[0].theta) - 1
    angles = [(polar.angularaxis.rotation + k * 360 / spokes) % 360 for k in range(spokes)]
    off_spoke = min(abs((polar.radialaxis.angle - a + 180) % 360 - 180) for a in angles)
    # halfway between two spokes: the numbers sit on no category's line, and no axis line is drawn under them
    assert off_spoke == pytest.approx(180 / spokes)
    assert polar.radialaxis.showline is False and polar.radialaxis.showticklabels is not False
    # plotly turns the numbers with the axis; turned back by as much, they stand upright
    assert polar.radialaxis.tickangle == polar.radialaxis.angle
