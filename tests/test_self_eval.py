"""Self-evaluation forms (绩效自评表): the target read as the target, the actual result and score beside it."""

from __future__ import annotations

import pytest
from fixtures_office import SELF_EVAL_ROWS, docx_bytes, self_eval_blocks, xlsx_bytes

from lib.model import Form, Points
from lib.readers import parse_bytes


@pytest.fixture(scope="module", params=["docx", "xlsx"])
def form(request: pytest.FixtureRequest) -> Form:
    blocks = self_eval_blocks()
    data = docx_bytes(blocks) if request.param == "docx" else xlsx_bytes({"自评表": blocks})
    [read] = parse_bytes(data, f"自评.{request.param}")
    return read


def test_kind_unit_and_project(form: Form) -> None:
    assert (form.form_kind, form.year) == ("self_eval", 2023)
    assert form.unit_name == "修文县六屯镇人民政府"
    [project] = form.projects
    assert (project.name, project.budget) == ("村级道路养护", 100.0)
    assert project.goal == "养护村道20公里，验收合格率95%以上"  # the goal, not what was achieved
    assert ("目标实际完成情况", "养护村道18公里，验收合格率98%") in [(e.label, e.text) for e in form.extra]


def test_target_is_never_the_actual_value(form: Form) -> None:
    rows = {i.name: i for i in form.indicators}
    assert list(rows) == [r[2] for r in SELF_EVAL_ROWS[:-1]]  # 总分 is no indicator
    road = rows["养护村道里程"]
    assert (road.value_raw, road.operator, road.target, road.unit) == ("≥20公里", "≥", 20.0, "公里")
    assert road.actual_raw == "18公里"
    assert (rows["验收合格率"].target, rows["验收合格率"].actual_raw) == (95.0, "98%")
    assert (rows["完工时间"].kind, rows["完工时间"].actual_raw) == ("时间", "2023年11月30日")
    assert (rows["群众出行便利度"].value_raw, rows["群众出行便利度"].actual_raw) == ("效果明显", "有所改善")


def test_a_missing_target_stays_missing(form: Form) -> None:
    satisfaction = next(i for i in form.indicators if i.name == "群众满意度")
    assert (satisfaction.value_raw, satisfaction.target, satisfaction.operator) == (None, None, None)
    assert satisfaction.actual_raw == "96%"


def test_points_are_full_marks_and_score_not_weight(form: Form) -> None:
    assert [i.points for i in form.indicators] == [
        Points(float(r[5]), float(r[6])) for r in SELF_EVAL_ROWS[:-1]
    ]
    assert all(i.weight is None for i in form.indicators)


def test_deviation_notes_and_leftovers_are_kept(form: Form) -> None:
    notes = {e.label: e.text for e in form.extra if e.label.startswith("偏差原因")}
    assert notes == {
        "偏差原因·指标1": "雨季影响工期",
        "偏差原因·指标4": "部分路段未完工",
        "偏差原因·指标5": "年初未设目标值",
    }
    assert {"总分", "93", "全年执行数"} <= {note.text for note in form.unparsed}


def test_outside_self_evaluation_full_marks_are_the_weight() -> None:
    text = "项目绩效目标表\n单位名称：修文县六屯镇人民政府\n一级指标\t二级指标\t三级指标\t指标值\t分值\n产出指标\t数量指标\t培训人数\t≥50人\t20\n"
    [form] = parse_bytes(text.encode(), "plain.txt")
    [row] = form.indicators
    assert (row.weight, row.points, row.actual_raw) == (20.0, None, None)
