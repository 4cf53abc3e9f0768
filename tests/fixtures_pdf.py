"""PDFs built by code with reportlab: a form with a text layer, and a scan with none.

The Chinese text uses reportlab's built-in CID font STSong-Light, which needs no font file.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PDF_ROWS = [
    ["一级指标", "二级指标", "三级指标", "指标值", "指标解释"],
    ["产出指标", "数量指标", "培训农民人数", "≥500人", "全年培训农民的人次"],
    ["", "", "新建蔬菜大棚", "≥20个", ""],
    ["", "质量指标", "培训合格率", "≥95%", ""],
    ["效益指标", "经济效益指标", "带动农户增收", "≥2000元/户", ""],
    ["满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", ""],
]


def text_pdf() -> bytes:
    """A one-page form: title, unit, year, and an indicator table whose level labels are merged down."""
    style = ParagraphStyle("form", fontName=FONT, fontSize=10, leading=14)
    table = Table(
        PDF_ROWS,
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("SPAN", (0, 1), (0, 3)),  # 产出指标 over three rows
                ("SPAN", (1, 1), (1, 2)),  # 数量指标 over two rows
            ]
        ),
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4)
    document.build(
        [
            Paragraph("2024年部门整体支出绩效目标表", style),
            Paragraph("单位名称：修文县六屯镇人民政府", style),
            Paragraph("填报日期：2023年12月20日", style),
            Spacer(1, 12),
            table,
            Spacer(1, 12),
            Paragraph("填表人：王五", style),
        ]
    )
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """Two pages of drawing and no text at all, as a scanner writes them."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(2):
        page.setFillColor(colors.lightgrey)
        page.rect(72, 400, 450, 300, fill=1)
        page.showPage()
    page.save()
    return buffer.getvalue()


def locked_pdf() -> bytes:
    """A PDF that opens only with a password."""
    from reportlab.lib import pdfencrypt

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("密码", canPrint=0))
    page.setFont(FONT, 12)
    page.drawString(72, 700, "单位名称：修文县六屯镇人民政府")
    page.showPage()
    page.save()
    return buffer.getvalue()
