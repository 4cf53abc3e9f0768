"""General reading rules for the web families, on small texts built here.

- A file written in traditional characters is read on its simplified form by every reader
  (the table walk included), and gives back the wording it copies as written.
- A line listing indicators in sentences (a 公示 notice) is cut into headings, names and values.
- A table run together with no separator is cut only where a value clearly stands; a name
  that runs over a number and unit keeps no target, at low confidence, with a warning.
"""

from __future__ import annotations

import opencc
import pytest

from lib.demo.office import docx_bytes, lines_as_rows
from lib.readers import parse_bytes, pipeline
from lib.readers.blocks import split_fused
from lib.readers.script import looks_traditional, simplified_text
from lib.readers.sentence_lists import sentence_list_spans, value_split

TABLE = "\n".join(
    [
        "部门（单位）整体支出绩效目标表",
        "部门（单位）名称\t青石溪镇人民政府",
        "年度预算申请（万元）\t资金总额：120.50",
        "年度履职目标\t完成辖区安全生产、森林防火和人居环境整治各项任务",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t农村公路日常养护里程\t≥33公里",
        "\t质量指标\t农村改厕验收合格率\t≥96%",
        "效益指标\t社会效益指标\t刑事案件发案数下降率\t≥12%",
        "满意度指标\t服务对象满意度指标\t群众对综治工作满意度\t≥91%",
    ]
)


def traditional(text: str) -> str:
    return opencc.OpenCC("s2t").convert(text)


def test_traditional_text_is_told_from_simplified_text() -> None:
    assert looks_traditional(traditional(TABLE))
    assert not looks_traditional(TABLE)
    assert not looks_traditional("產出")  # too few characters to say


def test_the_simplified_reading_lines_up_with_the_text_as_written() -> None:
    script = simplified_text("產(chǎn)出指標(biāo)\t滿意度")
    assert script.simplified == "产出指标\t满意度"
    assert script.as_written("满意度") == "滿意度"
    assert script.as_written("不在文中") == "不在文中"


def test_a_traditional_table_places_its_levels_and_keeps_its_names_as_written() -> None:
    [form] = parse_bytes(traditional(TABLE).encode("utf-8"), "t.txt")
    got = [(i.level1, i.level2, i.name, i.target) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", traditional("农村公路日常养护里程"), 33.0),
        ("产出指标", "质量指标", traditional("农村改厕验收合格率"), 96.0),
        ("效益指标", "社会效益指标", traditional("刑事案件发案数下降率"), 12.0),
        ("满意度指标", "服务对象满意度指标", traditional("群众对综治工作满意度"), 91.0),
    ]
    assert form.unit_name == traditional("青石溪镇人民政府") and form.budget.total == pytest.approx(120.5)
    assert form.goals and "script_converted" in {w.code for w in form.warnings}
    assert all("traditional_script" in i.confidence_reasons for i in form.indicators)


def test_a_traditional_word_file_is_read_as_well_as_its_text() -> None:
    [from_text] = parse_bytes(traditional(TABLE).encode("utf-8"), "t.txt")
    [from_word] = parse_bytes(docx_bytes(lines_as_rows(traditional(TABLE))), "t.docx")
    names = [(i.level2, i.name, i.target) for i in from_word.indicators]
    assert names == [(i.level2, i.name, i.target) for i in from_text.indicators]


def test_a_simplified_file_is_not_marked_as_converted() -> None:
    [form] = parse_bytes(TABLE.encode("utf-8"), "t.txt")
    assert "script_converted" not in {w.code for w in form.warnings}
    assert form.indicators[0].name == "农村公路日常养护里程"


NOTICE = "\n".join(
    [
        "关于青石溪镇人民政府2023年部门整体支出绩效目标的公示",
        "三、绩效指标。产出指标中数量指标：农村公路日常养护里程目标值为≥33公里；人民调解员培训人数目标值为25人。"
        "产出指标中时效指标：按时完成目标值为≥90%；危房改造竣工时间目标值为2023年12月15日前。"
        "满意度指标中服务对象满意度指标：群众满意度目标值为稳步提升。",
        "公示期为2022年12月10日起五个工作日。",
    ]
)


def test_a_notice_gives_each_listed_indicator_its_level_and_value() -> None:
    [form] = parse_bytes(NOTICE.encode("utf-8"), "n.txt")
    got = [(i.level1, i.level2, i.name, i.value_raw) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "农村公路日常养护里程", "≥33公里"),
        ("产出指标", "数量指标", "人民调解员培训人数", "25人"),
        ("产出指标", "时效指标", "按时完成", "≥90%"),
        ("产出指标", "时效指标", "危房改造竣工时间", "2023年12月15日前"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "稳步提升"),
    ]
    assert all(i.confidence == "medium" for i in form.indicators)  # read out of sentences
    assert "truncated" not in {w.code for w in form.warnings}


@pytest.mark.parametrize(
    ("item", "name", "value"),
    [
        ("道路硬化≥0.565km", "道路硬化", "≥0.565km"),
        ("单位整体支出控制数指标值为≤0万元", "单位整体支出控制数", "≤0万元"),
        ("培训人数25人", "培训人数", "25人"),
        ("竣工时间达到2023年9月30日前", "竣工时间", "2023年9月30日前"),
        ("带动农户增收≥1044元/户", "带动农户增收", "≥1044元/户"),
        ("群众满意度稳步提升", "群众满意度", "稳步提升"),
    ],
)
def test_an_item_is_split_where_its_value_clearly_starts(item: str, name: str, value: str) -> None:
    name_end, value_start = value_split(item)
    assert (item[:name_end], item[value_start:]) == (name, value)


@pytest.mark.parametrize(
    "item", ["受益人口数≥23人改善村基础设施", "农用T40无人机", "资金按时拨付", "工作按时完成"]
)
def test_an_item_whose_value_is_unclear_stays_whole(item: str) -> None:
    assert value_split(item) is None


def test_a_list_of_functions_is_not_a_list_of_indicators() -> None:
    line = "部门职能概述1.贯彻执行党和国家各项方针政策；2.负责教育、卫生工作；3.负责安全生产工作；4.负责人居环境整治"
    assert sentence_list_spans(line) is None


FUSED_HEAD = "一级指标二级指标三级指标指标值产出指标数量指标"
# rows that make a line long enough to be read as a fused table (blocks._FUSED_MIN_CHARS)
FUSED_TAIL = (
    "".join(f"质量指标第{n}村农村改厕验收合格率≥9{n}%" for n in range(1, 6)) + "满意度指标群众满意度≥90%"
)


def fused_pieces(line: str) -> list[str]:
    return [line[a:b] for a, b in split_fused(line)]


def test_a_fused_value_takes_its_whole_unit_and_a_deadline_or_phrase_is_a_value() -> None:
    line = (
        FUSED_HEAD + "宣传资料印发数量≥19719份巡河次数≥119次时效指标竣工时间2022年12月15日前免疫密度稳步提升"
    )
    assert fused_pieces(line)[6:] == [
        "宣传资料印发数量", "≥19719份", "巡河次数", "≥119次", "时效指标",
        "竣工时间", "2022年12月15日前", "免疫密度", "稳步提升",
    ]  # fmt: skip


def test_a_quantity_that_ends_a_piece_before_a_label_is_a_value() -> None:
    line = FUSED_HEAD + "资料印发数量≥100份管护机制覆盖村数12个满意度指标群众满意度≥90%"
    assert fused_pieces(line)[8:11] == ["管护机制覆盖村数", "12个", "满意度指标"]


def test_a_name_running_over_a_bare_quantity_keeps_no_target() -> None:
    text = (
        FUSED_HEAD
        + "调解员培训人数25人林下可燃物清理面积≥510亩垃圾清运量≥2882吨河长制巡河次数≥119次"
        + FUSED_TAIL
    )
    form = pipeline.read_text(text, "f.txt", "txt")
    ambiguous = form.indicators[0]
    assert ambiguous.name == "调解员培训人数25人林下可燃物清理面积"
    assert (ambiguous.target, ambiguous.confidence) == (None, "low")
    assert "fused_ambiguous" in {w.code for w in form.warnings}
    assert any(extra.text == "≥510亩" for extra in form.extra)  # the value is kept aside, not lost
    assert [(i.name, i.target) for i in form.indicators[1:3]] == [
        ("垃圾清运量", 2882.0),
        ("河长制巡河次数", 119.0),
    ]
    assert all(i.confidence != "low" for i in form.indicators[1:3])


def test_a_date_inside_a_fused_name_is_no_quantity() -> None:
    text = FUSED_HEAD + "截至2026年12月底项目开展率≥100%资金到位率≥95%" + FUSED_TAIL
    form = pipeline.read_text(text, "f.txt", "txt")
    assert (form.indicators[0].name, form.indicators[0].target) == ("截至2026年12月底项目开展率", 100.0)


def test_a_notice_is_a_department_form_with_its_budget_in_yuan_read() -> None:
    budget = "一、年度预算。资金总额32959600.00元，其中基本支出21855500.00元，项目支出11104100.00元。"
    text = NOTICE.replace("公示\n", f"公示\n{budget}\n", 1)
    [form] = parse_bytes(text.encode("utf-8"), "n.txt")
    assert form.form_kind == "department"  # the title says 部门整体; 项目支出 is a budget line
    assert form.budget.total == pytest.approx(3295.96)


def test_a_fused_head_gives_the_unit_and_a_clean_budget_amount() -> None:
    head = "部门名称合成青岚县青沙溪镇人民政府填报日期2021.12.25年度预算申请（万元）资金总额：334.32基本支出：209.95"
    form = pipeline.read_text(head + FUSED_HEAD + "巡河次数≥119次" + FUSED_TAIL, "f.txt", "txt")
    assert form.unit_name == "合成青岚县青沙溪镇人民政府"
    assert form.budget.total == pytest.approx(334.32)  # not 3, as if 33 were one amount in two columns
