"""Office files built by code for the reader tests, so anyone can see what each one holds.

Renditions of the bundled text forms come from :mod:`lib.demo.office` (shared with the
synthetic corpus); this module adds the hand-built cases: the flat export, a self-evaluation
form, Word details (text boxes, headers), and the comparison the rendition tests use.
"""

from __future__ import annotations

import io
from functools import cache

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml

from lib.demo.office import (  # noqa: F401 (re-exported for the tests)
    BORDER,
    Block,
    Table,
    blocks_of,
    csv_text,
    docx_bytes,
    fill_sheet,
    paragraphs_xml,
    reproducible,
    table_xml,
    vertical_merges,
    write_text,
    xlsx_bytes,
)
from lib.demo.render import FLAT_COLUMNS as DEMO_FLAT_COLUMNS
from lib.model import Form
from lib.readers import parse_bytes
from lib.samples import sample_file

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


SEED_STEMS = ["000", "001", "002", "003", "004"]


def seed_text(stem: str) -> str:
    return sample_file(stem).read_text(encoding="utf-8")


@cache
def text_form(stem: str) -> Form:
    """The form the text reader reads from a seed: what every rendition of it must read to."""
    [form] = parse_bytes(seed_text(stem).encode("utf-8"), f"{stem}.txt")
    return form


def assert_seed_000_facts(form: Form, table_ref: str) -> None:
    """A spot check of seed 000 in user terms (so a mistake shared with the text reader still shows);
    ``table_ref`` is how the format's source references begin."""
    assert form.unit_name == "息烽县养龙司镇人民政府"
    assert form.budget.total == pytest.approx(2887.86941)
    assert len(form.indicators) == 35
    check = next(i for i in form.indicators if i.name == "安全生产执法检查次数")
    assert (check.operator, check.target, check.unit) == ("≥", 200.0, "次")
    assert check.source_ref.startswith(table_ref)


# ---- comparison ---------------------------------------------------------------------------------
_NOT_COMPARED = ("form_id", "source", "format", "layout")


def comparable(form_dict: dict) -> dict:
    """A form's dict without what names the file or where text was read."""
    return _without_refs({k: v for k, v in form_dict.items() if k not in _NOT_COMPARED})


def _without_refs(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_refs(v) for k, v in value.items() if k != "source_ref"}
    if isinstance(value, list):
        return [_without_refs(v) for v in value]
    return value


# ---- the flat export ----------------------------------------------------------------------------
# The synthetic corpus's flat header, with the weight column (权重) some counties add before the last.
FLAT_COLUMNS = [*DEMO_FLAT_COLUMNS[:-1], "权重", DEMO_FLAT_COLUMNS[-1]]
# (unit, project, budget, goal, level1, level2, name, operator, value, unit of measure, weight, direction)
FLAT_ROWS = [
    (
        "修文县六屯镇人民政府",
        "村道维护",
        "120",
        "2024年维护村道20公里",
        "产出指标",
        "数量指标",
        "维护村道里程",
        "大于等于",
        "20",
        "公里",
        "30",
        "正向",
    ),
    ("", "", "", "", "", "质量指标", "验收合格率", "≥", "95", "%", "20", "正向"),
    ("", "", "", "", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "百分比", "10", "正向"),
    (
        "",
        "垃圾清运",
        "80",
        "2024年清运垃圾5000吨",
        "产出指标",
        "数量指标",
        "垃圾清运量",
        "≥",
        "5000",
        "吨",
        "30",
        "正向",
    ),
    ("", "", "", "", "", "", "其中：焚烧处理量", "≥", "2000", "吨", "", "正向"),
    ("", "", "", "", "成本指标", "经济成本指标", "清运成本", "小于等于", "80", "万元", "10", "反向"),
    (
        "开阳县南龙乡人民政府",
        "安全饮水",
        "50",
        "2024年新建水井10口",
        "产出指标",
        "数量指标",
        "新建水井",
        "等于",
        "10",
        "口",
        "50",
        "正向",
    ),
    ("", "", "", "", "效益指标", "社会效益指标", "受益人口", "≥", "3000", "人", "50", "正向"),
]
FLAT_ORDER = [
    6,
    0,
    8,
    4,
    11,
    2,
    9,
    1,
    5,
    3,
    10,
    7,
]  # a shuffled column order: 三级指标 first, 单位名称 second…


def flat_rows(order: list[int] = FLAT_ORDER) -> list[list[str]]:
    """The flat export's header and rows, columns in the given order."""
    return [[FLAT_COLUMNS[i] for i in order]] + [[row[i] for i in order] for row in FLAT_ROWS]


def flat_xlsx(order: list[int] = FLAT_ORDER) -> bytes:
    """Two units' flat exports on two sheets, unit/project/budget/goal merged down their rows.

    验收合格率 is stored as the number 0.95 formatted as a percentage, as Excel keeps 95%.
    """
    rows = flat_rows(order)
    workbook = openpyxl.Workbook()
    sheets = {"六屯镇": rows[:7], "南龙乡": [rows[0]] + rows[7:]}
    workbook.remove(workbook.active)
    for title, sheet_rows in sheets.items():
        sheet = workbook.create_sheet(title)
        write_text(sheet, 1, 1, "2024年度项目支出绩效目标表")
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(order))
        write_text(sheet, 2, 1, "单位：万元")
        for r, row in enumerate(sheet_rows, start=3):
            for c, text in enumerate(row, start=1):
                write_text(sheet, r, c, text).border = BORDER
        _merge_owner_columns(sheet, sheet_rows, order)
    value_column = order.index(8) + 1
    percent = workbook["六屯镇"].cell(5, value_column)
    percent.value, percent.number_format = 0.95, "0%"
    workbook["六屯镇"].cell(5, order.index(9) + 1).value = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return reproducible(buffer.getvalue())


def _merge_owner_columns(
    sheet: openpyxl.worksheet.worksheet.Worksheet, rows: list[list[str]], order: list[int]
) -> None:
    """Unit, project, budget and goal cells merged over the rows below them that leave them blank."""
    for source_column in (0, 1, 2, 3):
        index = order.index(source_column)
        for top in range(1, len(rows)):
            if not rows[top][index]:
                continue
            bottom = top
            while (
                bottom + 1 < len(rows)
                and not rows[bottom + 1][index]
                and not (source_column > 0 and rows[bottom + 1][order.index(1)])
            ):
                bottom += 1
            if bottom > top:
                sheet.merge_cells(
                    start_row=top + 3, start_column=index + 1, end_row=bottom + 3, end_column=index + 1
                )


def flat_csv(order: list[int] = FLAT_ORDER, separator: str = ",") -> str:
    """The flat export as text: a title line, the header, rows ending in a stray separator."""
    lines = ["2024年度项目支出绩效目标表"] + [separator.join(row) + separator for row in flat_rows(order)]
    return "\n".join(lines) + "\n"


# ---- a self-evaluation form ---------------------------------------------------------------------
SELF_EVAL_HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
# (name, target as written, actual as written, full marks, score): target and actual always differ,
# and one row has no target at all, so a reader taking 实际完成值 for the target fails.
SELF_EVAL_ROWS = [
    ["产出指标", "数量指标", "养护村道里程", "≥20公里", "18公里", "20", "18", "雨季影响工期"],
    ["", "质量指标", "验收合格率", "≥95%", "98%", "20", "20", ""],
    ["", "时效指标", "完工时间", "2023年12月31日前", "2023年11月30日", "10", "10", ""],
    ["效益指标", "社会效益指标", "群众出行便利度", "效果明显", "有所改善", "20", "16", "部分路段未完工"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "", "96%", "10", "9", "年初未设目标值"],
    ["总分", "", "", "", "", "100", "93", ""],
]


def self_eval_blocks() -> list[Block]:
    """A project self-evaluation form (绩效自评表) as Word or Excel would hold it."""
    head = Table(
        [
            ["项目名称", "村级道路养护", "", ""],
            ["主管部门", "修文县交通运输局", "实施单位", "修文县六屯镇人民政府"],
            ["项目资金（万元）", "年初预算数", "全年执行数", "执行率"],
            ["年度资金总额", "100", "95", "95%"],
            ["年度总体目标", "预期目标", "实际完成情况", ""],
            ["", "养护村道20公里，验收合格率95%以上", "养护村道18公里，验收合格率98%", ""],
        ]
    )
    table = Table([SELF_EVAL_HEADER] + SELF_EVAL_ROWS)
    table.merges = vertical_merges(table.rows)
    return ["2023年度项目支出绩效自评表", head, table]


# ---- Word details: header, text box, nested table ---------------------------------------------
VML_NS = "urn:schemas-microsoft-com:vml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def text_box_paragraph(text: str) -> str:
    """A paragraph anchoring a text box, written as Word does: the modern shape and a VML fallback."""
    box = f"<w:txbxContent>{paragraphs_xml(text)}</w:txbxContent>"
    return (
        f'<w:p xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}" xmlns:v="{VML_NS}"><w:r>'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></mc:Choice>'
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )


def word_details_docx() -> bytes:
    """The title in the page header, the unit in a text box, the indicators in a table nested in a cell."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "2025年部门整体支出绩效目标表"
    end = document.element.body.sectPr
    end.addprevious(parse_xml(text_box_paragraph("单位名称：开阳县南龙乡人民政府")))
    inner = Table(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "巡河次数", "≥52次"],
            ["", "", "清理河道长度", "≥12公里"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
        ]
    )
    inner.merges = vertical_merges(inner.rows)
    outer = table_xml(Table([["年度绩效指标", "@"]])).replace(
        paragraphs_xml("@"), table_xml(inner).replace(f' xmlns:w="{W_NS}"', "") + "<w:p/>"
    )
    end.addprevious(parse_xml(outer))
    end.addprevious(parse_xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>填表人：李四</w:t></w:r></w:p>'))
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue())
