"""The content reader's stages, one at a time, on small texts built here.

script → blocks → tokens → indicator rows → form fields, in the order pipeline.STAGES lists.
"""

from __future__ import annotations

import pytest

from lib.errors import FormError
from lib.readers import parse_bytes, pipeline
from lib.readers import tokens as tk
from lib.readers.blocks import split_line, text_cells
from lib.readers.form_fields import budget_total, form_year, unit_name
from lib.readers.indicator_rows import RowReader
from lib.readers.script import read_line
from lib.readers.tokens import tokenize


def rows_of(text: str):
    return RowReader().read(tokenize(text_cells(text)))


def read(text: str):
    return pipeline.read_text(text, "t.txt", "txt")


# ---- stage 1: script -----------------------------------------------------------------------
def test_pinyin_glosses_go_and_the_simplified_reading_lines_up_with_the_written_text() -> None:
    line = read_line("產(chǎn)出指標(biāo) 項(xiàng)目")
    assert line.written == "產出指標 項目"
    assert line.simplified == "产出指标 项目"
    assert line.converted


def test_a_simplified_line_is_left_alone() -> None:
    line = read_line("产出指标(50分) 数量指标")
    assert (line.written, line.simplified, line.converted) == (
        "产出指标(50分) 数量指标",
        "产出指标(50分) 数量指标",
        False,
    )


# ---- stage 2: blocks -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("| 数量指标 | 新建保鲜库数量 | 1座 |", ["数量指标", "新建保鲜库数量", "1座"]),
        ("数量指标\t新建保鲜库数量\t1座", ["数量指标", "新建保鲜库数量", "1座"]),
        ("数量指标    新建 保鲜库数量    1座", ["数量指标", "新建 保鲜库数量", "1座"]),
        ("名  称: 2023年杨楼社区项目", ["名  称: 2023年杨楼社区项目"]),
        ("质量指标 为民众办好事,办实事 100%", ["质量指标", "为民众办好事,办实事", "100%"]),
        ("产 出 指 标 数量指标", ["产 出 指 标", "数量指标"]),
        (
            "对符合规定的村居下设支部书记发放补贴 激发为民办事的激情。",
            ["对符合规定的村居下设支部书记发放补贴 激发为民办事的激情。"],
        ),
    ],
)
def test_each_line_is_split_by_the_separator_it_shows(line: str, cells: list[str]) -> None:
    assert [simplified for _, simplified, _ in split_line(line, line)] == cells


def test_a_fused_line_is_cut_at_labels_and_repeated_values() -> None:
    line = (
        "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标(70分)数量指标"
        "安装坡面水标尺10≥266米≥266米10质量指标项目验收合格率20100%100%20时效指标及时开工率10≥90%≥90%10"
        "效益指标(20分)社会效益指标群众生产生活条件改善状况10显著提升显著提升10"
        "满意度指标(10分)服务对象满意度指标受益户满意度10≥95%≥95%10"
    )
    pieces = [simplified for _, simplified, fused in split_line(line, line)]
    assert pieces[pieces.index("安装坡面水标尺") :][:11] == [
        "安装坡面水标尺", "10", "≥266米", "≥266米", "10",
        "质量指标", "项目验收合格率", "20", "100%", "100%", "20",
    ]  # fmt: skip
    assert pieces[-11:-7] == ["10", "显著提升", "显著提升", "10"]
    assert pieces[-4:] == ["10", "≥95%", "≥95%", "10"]


def test_a_fused_value_that_is_not_repeated_is_not_split_into_a_target() -> None:
    """1095%98%10: target and actual differ, so where the points end is a guess: no 1095."""
    line = (
        "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标(70分)数量指标"
        "安装坡面水标尺10≥266米≥266米10质量指标项目验收合格率20100%100%20满意度指标(10分)"
        "服务对象满意度指标受益户满意度1095%98%10"
    )
    rows = [r for r in read(line).indicators if r.name.startswith("受益户满意度")]
    assert all(r.target != 1095 and r.confidence != "high" for r in rows)


# ---- stage 3: tokens -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "kind", "role"),
    [
        ("产出指标(50分)", tk.LEVEL1, "产出指标"),
        ("(30分)", tk.SCORE, None),
        ("数量指标", tk.LEVEL2, "数量指标"),
        ("成本指标", tk.COST, "成本指标"),
        ("过程管理指标", tk.OTHER_LEVEL, "过程管理指标"),
        ("年度指标值", tk.HEADER, "value"),
        ("实际完成值", tk.HEADER, "actual"),
        ("得分", tk.HEADER, "got"),
        ("﹦", tk.OPERATOR, None),
        ("%", tk.UNIT, None),
        ("≥95%", tk.VALUE, None),
        ("≥**人", tk.VALUE, None),
        ("显著提升", tk.VALUE, None),
        ("72890", tk.NUMBER, None),
        ("合计", tk.END, None),
        ("浏览次数:1024", tk.CHROME, None),
        ("项目验收合格率", tk.TEXT, None),
    ],
)
def test_a_cell_is_typed_by_what_it_is(cell: str, kind: str, role: str | None) -> None:
    [token] = tokenize(text_cells(cell))
    assert (token.kind, token.role) == (kind, role)


def test_a_label_broken_over_two_lines_is_one_label() -> None:
    stream = tokenize(text_cells("效益指标\n经济效益\n指标\n可持续影\n响指标"))
    assert [(t.kind, t.role) for t in stream] == [
        (tk.LEVEL1, "效益指标"),
        (tk.LEVEL2, "经济效益指标"),
        (tk.LEVEL2, "可持续影响指标"),
    ]


# ---- stage 4: indicator rows -----------------------------------------------------------------
def test_one_cell_per_line_rows_carry_their_levels_down() -> None:
    rows = rows_of(
        "一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n新建水泥路\n2km\n质量指标\n验收合格率\n100%"
    )
    assert [(r.level1, r.level2, r.name.text, r.value_text) for r in rows] == [
        ("产出指标", "数量指标", "新建水泥路", "2km"),
        ("产出指标", "质量指标", "验收合格率", "100%"),
    ]


def test_a_self_evaluation_row_takes_the_target_column_never_points_or_actual() -> None:
    text = (
        "一级指标 二级指标 三级指标 分值 年度指标值 全年实际值 得分\n"
        "产出指标 数量指标 红薯种植面积 5.5亩 6亩\n"
        "★补助各类粮食作物种植面积 10 9\n"
        "产出指标 数量指标 完成改造项目数量 10 1 2 8\n"
    )
    rows = rows_of(text)
    assert [(r.name.text, r.value_text) for r in rows] == [
        ("红薯种植面积", "5.5亩"),
        ("★补助各类粮食作物种植面积", None),  # 分值 and 得分 only: no target
        ("完成改造项目数量", "1"),
    ]
    assert "points_only" in rows[1].reasons


def test_operator_and_unit_columns_are_hints_for_the_value_beside_them() -> None:
    text = "三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值\n数量指标 | 卫片执法补助经费 | ﹦ | 72890 | 元 | 72890"
    form = read(text)
    [indicator] = form.indicators
    assert (indicator.operator, indicator.target, indicator.unit) == ("=", 72890.0, "元")


def test_one_target_column_per_township_gives_a_target_only_when_all_agree() -> None:
    header = "一级指标\n二级指标\n三级指标\n指标解释\n西坪镇尧山村\n桃舟乡吾培村\n芦田镇三洋村\n"
    agree = read(header + "产出指标\n数量指标\n开展工程建设(个)\n反映工程开展情况\n1\n1\n1")
    differ = read(header + "产出指标\n数量指标\n开展工程建设(个)\n反映工程开展情况\n1\n2\n1")
    assert (agree.indicators[0].target, agree.indicators[0].unit) == (1.0, "个")
    assert differ.indicators[0].target is None
    assert differ.indicators[0].confidence == "low"
    assert "region_values_differ" in differ.indicators[0].confidence_reasons


def test_indicators_inside_sentences_are_read_with_medium_confidence() -> None:
    form = read("(二)绩效目标:道路硬化≥0.565km;受益贫困人口满意度≥96%;受益人口数≥23人改善村基础设施。")
    got = [(i.name, i.operator, i.target, i.unit, i.confidence) for i in form.indicators]
    assert got == [
        ("道路硬化", "≥", 0.565, "km", "medium"),
        ("受益贫困人口满意度", "≥", 96.0, "%", "medium"),
        ("受益人口数", "≥", 23.0, "人", "medium"),
    ]
    assert form.indicators[1].level1 == "满意度指标" and form.indicators[1].level1_inferred


def test_a_value_standing_where_a_name_should_is_the_name() -> None:
    form = read("一级指标 二级指标 三级指标 指标值\n产出指标 成本指标 20万元 100%")
    assert [(i.name, i.target, i.unit) for i in form.indicators] == [("20万元", 100.0, "%")]


# ---- stage 5: the form's fields ---------------------------------------------------------------
def test_the_strongest_unit_label_wins_and_a_signature_serves_when_none() -> None:
    labelled = tokenize(text_cells("主管部门 县农业农村局\n实施单位 杨楼镇人民政府\n"))
    signed = tokenize(text_cells("现下达资金。\n安溪县水利局\n2023年3月20日\n"))
    assert unit_name(labelled) == "杨楼镇人民政府"
    assert unit_name(signed) == "安溪县水利局"


def test_year_and_budget_by_their_labels() -> None:
    stream = tokenize(text_cells("项目支出绩效目标表\n(2022年度)\n资金总额\n其中:财政拨款\n500\n"))
    assert form_year(stream) == 2022
    assert budget_total(stream) == 500.0


def test_a_bare_budget_figure_is_in_the_unit_the_form_states() -> None:
    in_yuan = read("部门整体支出绩效目标表\n年度预算申请（元）\n资金总额：32579300.00\n")
    in_wan = read("部门整体支出绩效目标表\n年度预算申请（万元）\n资金总额：2015.01\n")
    mislabelled = read("部门整体支出绩效目标表\n年度预算申请（元）\n资金总额：2015.01\n")
    assert (in_yuan.budget.total, in_yuan.budget.unit_raw, in_yuan.budget.unit_suspect) == (
        3257.93,
        "元",
        False,
    )
    assert (in_wan.budget.total, in_wan.budget.unit_suspect) == (2015.01, False)
    assert (mislabelled.budget.total, mislabelled.budget.unit_suspect) == (2015.01, True)
    assert any(w.code == "unit_suspect" for w in mislabelled.warnings)


def test_a_self_evaluation_states_its_budget_on_the_project_money_row() -> None:
    """PDF text whose columns interleave leaves a lone character between label and figure."""
    stream = tokenize(text_cells("项目资金 日 309 100 %\n"))
    assert budget_total(stream) == 309.0


def test_a_cost_target_within_budget_is_a_qualitative_value_and_ends_a_fused_name() -> None:
    line = (
        "一级指标二级指标绩效标准当年预期实现值数量指标办公大楼日常维修维护次数反映办公大楼全年维修维护情况"
        "2280次大楼安检巡察次数反映大楼保卫巡检情况200次"
        "质量指标办公大楼日常维修维护验收合格率反映办公大楼全年维修维护质量情况>92%"
        "成本指标成本控制率不超预算水电气消耗下降率反映水电气消耗比上年下降情况>5%"
    )  # a document preview's text, all cells run together (as in tests/data/wild/raw/w15.txt)
    form = read(line + "\n")
    control = next(i for i in form.indicators if i.name == "成本控制率")
    assert (control.value_raw, control.kind, control.target) == ("不超预算", "定性", None)
    assert any(i.name == "水电气消耗下降率" for i in form.indicators)


# ---- the whole pipeline -----------------------------------------------------------------------
def test_the_stages_run_in_the_listed_order() -> None:
    assert [name for name, _ in pipeline.STAGES] == [
        "text → cells (script, separators)",
        "cells → typed tokens",
        "tokens → indicator rows",
    ]


def test_a_traditional_form_keeps_its_written_names_and_reads_its_labels() -> None:
    text = "| 一級指標 | 二級指標 | 三級指標 | 指標值 |\n| 產(chǎn)出指標 | 質(zhì)量指標 | 項目驗收合格率 | ≥95% |"
    [indicator] = read(text).indicators
    assert (indicator.level1, indicator.level2, indicator.name, indicator.target) == (
        "产出指标",
        "质量指标",
        "項目驗收合格率",
        95.0,
    )
    assert "traditional_script" in indicator.confidence_reasons


def test_a_rate_above_100_percent_is_no_target() -> None:
    """292% for a 合格率 is a misread ≥ (≥92%): the name is kept, the number is not."""
    form = read("一级指标 二级指标 三级指标 指标值\n产出指标 质量指标 设备更新验收合格率 292%")
    [indicator] = form.indicators
    assert indicator.target is None
    assert indicator.confidence == "low" and "implausible_rate" in indicator.confidence_reasons


def test_a_money_row_the_table_walk_reads_as_an_indicator_is_low_confidence() -> None:
    text = "三级指标\t指标值\n年度资金总额\t1100\n项目验收合格率\t100%\n"
    [form] = parse_bytes(text.encode(), "money.txt")
    confidence = {i.name: (i.confidence, i.confidence_reasons) for i in form.indicators}
    assert confidence["年度资金总额"] == ("low", ["money_row"])
    assert confidence["项目验收合格率"][0] == "high"


def test_a_page_with_no_indicator_evidence_is_refused_saying_what_was_looked_for() -> None:
    with pytest.raises(FormError, match="looked for 一级/二级/三级指标 headers"):
        parse_bytes("首页>政务公开\n关于召开会议的通知\n各单位：定于下周一开会。\n".encode(), "notice.txt")
