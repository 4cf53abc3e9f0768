"""PDFs: read through their text layer into the same readers; a scan is refused clearly."""

from __future__ import annotations

import pytest
from fixtures_pdf import locked_pdf, scanned_pdf, text_pdf

from lib.errors import FormError
from lib.model import Form
from lib.readers import parse_bytes


@pytest.fixture(scope="module")
def form() -> Form:
    [read] = parse_bytes(text_pdf(), "form.pdf")
    return read


def test_fields_from_the_text_around_the_table(form: Form) -> None:
    assert (form.format, form.unit_name, form.township, form.year) == (
        "pdf",
        "修文县六屯镇人民政府",
        "六屯镇",
        2024,
    )
    assert form.filled_on == "2023-12-20"
    assert ("填表人", "王五") in [(e.label, e.text) for e in form.extra]


def test_indicators_from_the_table_with_merged_labels(form: Form) -> None:
    rows = [(i.level1, i.level2, i.name, i.operator, i.target, i.unit) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "培训农民人数", "≥", 500.0, "人"),
        ("产出指标", "数量指标", "新建蔬菜大棚", "≥", 20.0, "个"),
        ("产出指标", "质量指标", "培训合格率", "≥", 95.0, "%"),
        ("效益指标", "经济效益指标", "带动农户增收", "≥", 2000.0, "元/户"),
        ("满意度指标", "服务对象满意度指标", "农户满意度", "≥", 90.0, "%"),
    ]
    assert form.indicators[0].description == "全年培训农民的人次"
    assert form.indicators[0].source_ref == "page 1 table 1 row 2 cell 4"
    assert form.unparsed == []


def test_a_scan_is_refused_for_want_of_ocr() -> None:
    with pytest.raises(FormError, match=r"scan.pdf: no text layer \(scanned\?\) — OCR is not supported yet"):
        parse_bytes(scanned_pdf(), "scan.pdf")


def test_a_damaged_pdf_is_a_clear_error() -> None:
    with pytest.raises(FormError, match="broken.pdf: the .pdf file is damaged"):
        parse_bytes(text_pdf()[:600], "broken.pdf")


def test_a_locked_pdf_says_so() -> None:
    with pytest.raises(FormError, match="locked.pdf: the .pdf file is password-protected"):
        parse_bytes(locked_pdf(), "locked.pdf")
