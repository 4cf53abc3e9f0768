"""Word and Excel details: headers, text boxes, nested tables, formulas, hidden rows, several units."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable

import pytest
from fixtures_hostile import workbook_with_sheet
from fixtures_office import blocks_of, flat_csv, seed_text, word_details_docx, xlsx_bytes

from lib.errors import FormError
from lib.readers import parse_bytes
from lib.readers.sheets import read_xlsx

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def test_word_header_text_box_and_nested_table() -> None:
    [form] = parse_bytes(word_details_docx(), "details.docx")
    assert (form.year, form.form_kind) == (2025, "department")  # the title stands in the page header
    assert form.unit_name == "开阳县南龙乡人民政府"  # in a text box, read once despite Word's fallback copy
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出指标", "数量指标", "巡河次数", 52.0),
        ("产出指标", "数量指标", "清理河道长度", 12.0),
        ("满意度指标", "服务对象满意度指标", "群众满意度", 90.0),
    ]
    assert form.indicators[0].source_ref == "table 1.1 row 2 cell 4"
    assert ("填表人", "李四") in [(e.label, e.text) for e in form.extra]
    assert form.unparsed == []


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_formulas_give_their_cached_values_and_hidden_rows_and_columns_are_read() -> None:
    sheet = (
        f'<worksheet xmlns="{SHEET_NS}"><cols><col min="2" max="2" hidden="1"/></cols><sheetData>'
        f'<row r="1">{cell("A1", "单位名称")}{cell("B1", "修文县六屯镇人民政府")}</row>'
        f'<row r="2">{cell("A2", "资金总额(万元)")}<c r="B2"><f>B3+B4</f><v>150.5</v></c></row>'
        f'<row r="3" hidden="1">{cell("A3", "基本支出")}<c r="B3"><v>100</v></c></row>'
        f'<row r="4">{cell("A4", "项目支出")}<c r="B4"><f>B2-B3</f></c></row>'
        f'<row r="5">{cell("A5", "三级指标")}{cell("B5", "指标值")}</row>'
        f'<row r="6">{cell("A6", "培训人数")}<c r="B6"><f>10*5</f><v>50</v></c></row>'
        "</sheetData></worksheet>"
    )
    [form] = parse_bytes(workbook_with_sheet(sheet.encode()), "formulas.xlsx")
    assert (form.budget.total, form.budget.basic) == (150.5, 100.0)  # cached result; hidden row read
    assert form.budget.project is None  # a formula Excel never calculated has no value: never evaluated
    [row] = form.indicators
    assert (row.name, row.target, row.source_ref) == ("培训人数", 50.0, "噪声!B6")


def test_a_workbook_with_two_units_gives_two_forms() -> None:
    data = xlsx_bytes({"养龙司镇": blocks_of(seed_text("000")), "楠木坪镇": blocks_of(seed_text("003"))})
    forms = parse_bytes(data, "two.xlsx")
    assert [f.unit_name for f in forms] == ["息烽县养龙司镇人民政府", "江铜麻黄在楠木坪镇人民政府"]
    assert [len(f.indicators) for f in forms] == [35, 18]
    assert [f.form_id for f in forms] == [
        hashlib.sha256(data + b"\0" + f.unit_name.encode()).hexdigest()[:16] for f in forms
    ]


def test_a_project_sheet_belongs_to_the_unit_before_it() -> None:
    project = [
        "项目支出绩效目标表",
        blocks_of(
            "项目名称\t村级道路养护\n预算数\t50\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t数量指标\t养护里程\t≥20公里\n"
        )[0],
    ]
    data = xlsx_bytes({"整体": blocks_of(seed_text("000")), "项目": project})
    [form] = parse_bytes(data, "unit.xlsx")
    assert form.form_id == hashlib.sha256(data).hexdigest()[:16]
    assert [(p.name, p.budget) for p in form.projects] == [("村级道路养护", 50.0)]
    assert form.indicators[-1].project == "村级道路养护"
    assert len(form.indicators) == 36


def test_comma_separated_text_is_detected_whatever_the_name() -> None:
    forms = parse_bytes(flat_csv().encode("gb18030"), "export.txt")
    assert [f.format for f in forms] == ["csv", "csv"]


def test_a_quoted_csv_of_a_sample_keeps_its_facts() -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in seed_text("003").splitlines():
        writer.writerow(line.split("\t"))
    [form] = parse_bytes(buffer.getvalue().encode("utf-8-sig"), "003.csv")
    assert (form.format, form.unit_name, form.year) == ("csv", "江铜麻黄在楠木坪镇人民政府", 2026)
    assert len(form.indicators) == 18
    cost = next(i for i in form.indicators if i.name == "单位整体支出")
    assert (cost.operator, cost.target, cost.unit) == ("≤", 613.70, "万元")


@pytest.mark.parametrize("data", [b"PK\x03\x04" + b"\0" * 100, b"PK\x05\x06" + b"\0" * 18])
def test_a_zip_that_is_no_office_file_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(FormError, match="x.docx: "):
        parse_bytes(data, "x.docx")


def _with_content_type(docx_bytes: bytes, content_type: str) -> bytes:
    """The package with its document part declared as another kind of Office document."""
    import io
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(docx_bytes)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", content_type.encode())
            target.writestr(info, data)
    return out.getvalue()


def test_a_word_template_or_macro_document_is_refused_as_python_docx_refuses_it() -> None:
    for content_type in ("wordprocessingml.template.main+xml", "ms-word.document.macroEnabled.main+xml"):
        with pytest.raises(FormError, match="details.docx"):
            parse_bytes(_with_content_type(word_details_docx(), content_type), "details.docx")


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _replaced_part(package: bytes, name: str, edit: Callable[[bytes], bytes]) -> bytes:
    """The package with one part's bytes edited."""
    source, out = zipfile.ZipFile(io.BytesIO(package)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, edit(data) if info.filename == name else data)
    return out.getvalue()


def test_a_word_file_declaring_xml_entities_is_refused() -> None:
    def with_entity(xml: bytes) -> bytes:
        declaration, body = xml.split(b"?>", 1)
        return declaration + '?><!DOCTYPE w:document [<!ENTITY unit "大华镇">]>'.encode() + body

    package = _replaced_part(word_details_docx(), "word/document.xml", with_entity)
    with pytest.raises(FormError, match="details.docx") as refused:
        parse_bytes(package, "details.docx")
    assert refused.value.code == "xml_entities"


_STYLES = (
    f'<styleSheet xmlns="{_MAIN_NS}"><numFmts count="2">'
    '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    '<numFmt numFmtId="165" formatCode="0.0%"/></numFmts>'
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>'
    "</styleSheet>"
)


@pytest.mark.parametrize(("date_system", "serial"), [("", 45279), ('<workbookPr date1904="1"/>', 43817)])
def test_dates_and_percentages_read_as_excel_shows_them(date_system: str, serial: int) -> None:
    """Built-in and custom number formats of the style sheet, in either of Excel's date systems."""
    sheet = (
        f'<worksheet xmlns="{_MAIN_NS}"><sheetData><row r="1">'
        f'<c r="A1" s="1"><v>{serial}</v></c><c r="B1" s="2"><v>{serial}</v></c>'
        '<c r="C1" s="3"><v>0.955</v></c><c r="D1"><v>0.955</v></c></row></sheetData></worksheet>'
    )
    package = workbook_with_sheet(sheet, extra={"xl/styles.xml": _STYLES})
    package = _replaced_part(
        package, "xl/workbook.xml", lambda xml: xml.replace(b"<sheets>", date_system.encode() + b"<sheets>")
    )
    [only] = read_xlsx(package, "dates.xlsx")
    assert [cell.text for cell in only.rows[0].cells] == ["2023-12-19", "2023-12-19", "95.5%", "0.955"]
