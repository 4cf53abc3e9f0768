"""Office files built by code for the reader tests, so anyone can see what each one holds.

Renditions of a text form: the text's rows (as ``lib.readers.grid`` reads them) become a .docx,
a .xlsx or a comma-separated .csv the way Word, Excel and an export hold such a form:
- a one-cell row outside a table (a title, a paragraph) is a paragraph in Word and, in Excel, a
  cell merged across the sheet;
- a run of table rows is one table as wide as its widest row; a shorter row's last cell spans
  the rest (what a merged cell leaves in Word's text export: fewer cells on that row);
- a level label, function label (职能1:) or the 绩效指标 caption with empty cells below it is
  merged down over them, as the originals merge them (Word: vMerge; Excel: a merged range).
In Excel every table cell has a thin border (a real form's grid), text is stored as text (so
``=60元`` stays text), and a number that reads back the same is stored as a number.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import openpyxl
from docx.oxml import parse_xml
from openpyxl.styles import Border, Side

from lib.normalize.taxonomy import normalize_level1, normalize_level2
from lib.readers import vocab
from lib.readers.grid import text_rows
from lib.readers.sheets import cell_text

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class Table:
    """Rows of cell texts, and the vertical merges: (first row, cell index, last row)."""

    rows: list[list[str]]
    merges: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max(len(row) for row in self.rows)


Block = str | Table  # a paragraph or a table


def seed_text(stem: str) -> str:
    [path] = SAMPLES.glob(f"{stem}_*.txt")
    return path.read_text(encoding="utf-8")


def blocks_of(text: str) -> list[Block]:
    """The text's rows as paragraphs and tables, with the merges the originals would have."""
    blocks: list[Block] = []
    for row in text_rows(text):
        if row.shape == "line":
            blocks.append(row.cells[0].text)
            continue
        if not blocks or not isinstance(blocks[-1], Table):
            blocks.append(Table([]))
        blocks[-1].rows.append([cell.text for cell in row.cells])
    for block in blocks:
        if isinstance(block, Table):
            block.merges = vertical_merges(block.rows)
    return blocks


def _merged_down(text: str) -> bool:
    return bool(normalize_level1(text) or normalize_level2(text) or vocab.GROUP_LABEL.match(text)
                or vocab.section_heading(text) == "indicator_heading")


def vertical_merges(rows: list[list[str]]) -> list[tuple[int, int, int]]:
    """Labels merged down over the empty cells below them, within the block of the labels to their left."""
    merges = []
    for top, row in enumerate(rows):
        for index, text in enumerate(row):
            if not text or not _merged_down(text):
                continue
            bottom = top
            while bottom + 1 < len(rows) and _continues(rows[bottom + 1], len(row), index):
                bottom += 1
            if bottom > top:
                merges.append((top, index, bottom))
    return merges


def _continues(below: list[str], width: int, index: int) -> bool:
    """The row below is as wide, empty under the label and left of it (a label to the left starts a new block)."""
    return len(below) == width and not any(below[: index + 1])


# ---- .docx ------------------------------------------------------------------------------------
def docx_bytes(blocks: list[Block]) -> bytes:
    """A Word document holding the blocks in order."""
    document = docx.Document()
    end = document.element.body.sectPr  # the section properties stay last
    for block in blocks:
        xml = _table_xml(block) if isinstance(block, Table) else f'<w:body xmlns:w="{W_NS}">{paragraphs_xml(block)}</w:body>'
        element = parse_xml(xml)
        for child in [element] if isinstance(block, Table) else list(element):
            end.addprevious(child)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table_xml(table: Table) -> str:
    width = table.width
    starts = {(top, index): bottom for top, index, bottom in table.merges}
    covered = {(r, index) for top, index, bottom in table.merges for r in range(top + 1, bottom + 1)}
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(width))
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for index, text in enumerate(row):
            span = width - index if index == len(row) - 1 else 1
            merge = ('<w:vMerge w:val="restart"/>' if (r, index) in starts
                     else "<w:vMerge/>" if (r, index) in covered else "")
            props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + merge
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs_xml(text)}</w:tc>")
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    borders = "".join(f'<w:{side} w:val="single" w:sz="4"/>' for side in
                      ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def paragraphs_xml(text: str) -> str:
    """A cell's text as Word paragraphs (one per line; an empty cell holds one empty paragraph)."""
    lines = text.split("\n") if text else [""]
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines)


# ---- .csv -------------------------------------------------------------------------------------
def csv_text(blocks: list[Block]) -> str:
    """The blocks as a comma-separated export: one record per row, quoted where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for block in blocks:
        for row in block.rows if isinstance(block, Table) else [[block]]:
            writer.writerow(row)
    return buffer.getvalue()


# ---- .xlsx ------------------------------------------------------------------------------------
def xlsx_bytes(sheets: dict[str, list[Block]]) -> bytes:
    """A workbook with one sheet per entry, each holding its blocks from row 1 down."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, blocks in sheets.items():
        fill_sheet(workbook.create_sheet(title), blocks)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fill_sheet(sheet: openpyxl.worksheet.worksheet.Worksheet, blocks: list[Block]) -> None:
    width = max([b.width for b in blocks if isinstance(b, Table)] or [1])
    row_number = 1
    for block in blocks:
        if isinstance(block, Table):
            _write_table(sheet, block, row_number, width)
            row_number += len(block.rows)
        else:
            write_text(sheet, row_number, 1, block)
            if width > 1:
                sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
            row_number += 1


def _write_table(sheet: openpyxl.worksheet.worksheet.Worksheet, table: Table, first: int, width: int) -> None:
    for offset, row in enumerate(table.rows):
        for index, text in enumerate(row):
            write_text(sheet, first + offset, index + 1, text).border = _BORDER
        if len(row) < width:
            for column in range(len(row) + 1, width + 1):
                sheet.cell(first + offset, column).border = _BORDER
            sheet.merge_cells(start_row=first + offset, start_column=len(row),
                              end_row=first + offset, end_column=width)
    for top, index, bottom in table.merges:
        last = width if index == len(table.rows[top]) - 1 else index + 1
        for row in range(first + top, first + bottom + 1):  # a cell spanning right is unmerged first
            if last > index + 1:
                sheet.unmerge_cells(start_row=row, start_column=index + 1, end_row=row, end_column=last)
        sheet.merge_cells(start_row=first + top, start_column=index + 1, end_row=first + bottom, end_column=last)


def write_text(sheet: openpyxl.worksheet.worksheet.Worksheet, row: int, column: int, text: str):
    """Write a cell: a number when it reads back as the same text, else text (never a formula)."""
    cell = sheet.cell(row, column)
    if not text:
        return cell
    if _NUMBER.fullmatch(text) and cell_text(_as_number(text), None) == text:
        cell.value = _as_number(text)
    else:
        cell.value = text
        cell.data_type = "s"
    return cell


def _as_number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


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
FLAT_COLUMNS = ["单位名称", "项目名称", "预算数(万元)", "年度目标", "一级指标", "二级指标", "三级指标",
                "指标性质", "指标值", "度量单位", "权重", "指标方向性"]
# (unit, project, budget, goal, level1, level2, name, operator, value, unit of measure, weight, direction)
FLAT_ROWS = [
    ("修文县六屯镇人民政府", "村道维护", "120", "2024年维护村道20公里", "产出指标", "数量指标", "维护村道里程", "大于等于", "20", "公里", "30", "正向"),
    ("", "", "", "", "", "质量指标", "验收合格率", "≥", "95", "%", "20", "正向"),
    ("", "", "", "", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "百分比", "10", "正向"),
    ("", "垃圾清运", "80", "2024年清运垃圾5000吨", "产出指标", "数量指标", "垃圾清运量", "≥", "5000", "吨", "30", "正向"),
    ("", "", "", "", "", "", "其中：焚烧处理量", "≥", "2000", "吨", "", "正向"),
    ("", "", "", "", "成本指标", "经济成本指标", "清运成本", "小于等于", "80", "万元", "10", "反向"),
    ("开阳县南龙乡人民政府", "安全饮水", "50", "2024年新建水井10口", "产出指标", "数量指标", "新建水井", "等于", "10", "口", "50", "正向"),
    ("", "", "", "", "效益指标", "社会效益指标", "受益人口", "≥", "3000", "人", "50", "正向"),
]
FLAT_ORDER = [6, 0, 8, 4, 11, 2, 9, 1, 5, 3, 10, 7]  # a shuffled column order: 三级指标 first, 单位名称 second…


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
                write_text(sheet, r, c, text).border = _BORDER
        _merge_owner_columns(sheet, sheet_rows, order)
    value_column = order.index(8) + 1
    percent = workbook["六屯镇"].cell(5, value_column)
    percent.value, percent.number_format = 0.95, "0%"
    workbook["六屯镇"].cell(5, order.index(9) + 1).value = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _merge_owner_columns(sheet: openpyxl.worksheet.worksheet.Worksheet, rows: list[list[str]], order: list[int]) -> None:
    """Unit, project, budget and goal cells merged over the rows below them that leave them blank."""
    for source_column in (0, 1, 2, 3):
        index = order.index(source_column)
        for top in range(1, len(rows)):
            if not rows[top][index]:
                continue
            bottom = top
            while bottom + 1 < len(rows) and not rows[bottom + 1][index] and not (
                source_column > 0 and rows[bottom + 1][order.index(1)]
            ):
                bottom += 1
            if bottom > top:
                sheet.merge_cells(start_row=top + 3, start_column=index + 1, end_row=bottom + 3, end_column=index + 1)


def flat_csv(order: list[int] = FLAT_ORDER, separator: str = ",") -> str:
    """The flat export as text: a title line, the header, rows ending in a stray separator."""
    lines = ["2024年度项目支出绩效目标表"] + [separator.join(row) + separator for row in flat_rows(order)]
    return "\n".join(lines) + "\n"


# ---- a self-evaluation form ---------------------------------------------------------------------
SELF_EVAL_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
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
    head = Table([
        ["项目名称", "村级道路养护", "", ""],
        ["主管部门", "修文县交通运输局", "实施单位", "修文县六屯镇人民政府"],
        ["项目资金（万元）", "年初预算数", "全年执行数", "执行率"],
        ["年度资金总额", "100", "95", "95%"],
        ["年度总体目标", "预期目标", "实际完成情况", ""],
        ["", "养护村道20公里，验收合格率95%以上", "养护村道18公里，验收合格率98%", ""],
    ])
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
    return (f'<w:p xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}" xmlns:v="{VML_NS}"><w:r>'
            f"<mc:AlternateContent><mc:Choice Requires=\"wps\"><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>")


def word_details_docx() -> bytes:
    """The title in the page header, the unit in a text box, the indicators in a table nested in a cell."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "2025年部门整体支出绩效目标表"
    end = document.element.body.sectPr
    end.addprevious(parse_xml(text_box_paragraph("单位名称：开阳县南龙乡人民政府")))
    inner = Table([["一级指标", "二级指标", "三级指标", "指标值"],
                   ["产出指标", "数量指标", "巡河次数", "≥52次"],
                   ["", "", "清理河道长度", "≥12公里"],
                   ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]])
    inner.merges = vertical_merges(inner.rows)
    outer = _table_xml(Table([["年度绩效指标", "@"]])).replace(
        paragraphs_xml("@"), _table_xml(inner).replace(f' xmlns:w="{W_NS}"', "") + "<w:p/>")
    end.addprevious(parse_xml(outer))
    end.addprevious(parse_xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>填表人：李四</w:t></w:r></w:p>'))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
