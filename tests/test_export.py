"""The briefing workbook and the one-page brief, opened as a leader would open them."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from quality_forms import GOOD_ROWS, form_from_rows

from lib.export import tables
from lib.export import workbook as workbook_module
from lib.export.brief import TOP_FINDINGS, brief_html
from lib.export.workbook import EXCEL_CELL_LIMIT, build_workbook
from lib.filters import Filters
from lib.quality.engine import score_store
from lib.samples import sample_files
from lib.store import open_store

HOSTILE = [
    '=HYPERLINK("http://evil.example","点我")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "=60元",
]


def workbook(path: Path, filters: Filters | None = None, lang: str = "zh"):
    with open_store(path) as store:
        data = build_workbook(store, filters or Filters(), lang)
    return load_workbook(io.BytesIO(data)), data


def column(sheet, title: str) -> list:
    headers = [c.value for c in sheet[1]]
    index = headers.index(title)
    return [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_sheets_headers_and_layout(samples_db) -> None:
    book, _ = workbook(samples_db)
    assert book.sheetnames == ["概览", "排名", "退回清单", "问题清单", "指标明细", "预算", "雷同对"]
    ranking = book["排名"]
    assert [c.value for c in ranking[1]][:5] == ["名次", "乡镇", "县（区）", "单位", "年度"]
    for name in book.sheetnames[1:]:  # unit and year first, the id last
        assert book[name][1][-1].value in ("表编号", "相似表编号"), name
    for name in book.sheetnames[1:]:
        assert book[name].freeze_panes == "A2" and book[name].auto_filter.ref.startswith("A1:")
        header = book[name]["A1"]
        assert header.font.b and header.fill.fgColor.rgb.endswith("1F3864"), name


def test_figures_for_the_samples(samples_db) -> None:
    book, _ = workbook(samples_db)
    ranking = book["排名"]
    towns = column(ranking, "乡镇")
    assert set(towns[:2]) == {"林南仓镇", "河口苗族乡"} and column(ranking, "等级")[:2] == ["差", "差"]
    template_row = 2 + towns.index("林南仓镇")
    assert sorted(column(ranking, "得分")) == column(ranking, "得分")
    budget = book["预算"]
    totals = dict(zip(column(budget, "乡镇·年度"), column(budget, "预算总额（万元）"), strict=True))
    assert totals["养龙司镇 2024"] == pytest.approx(2887.86941)
    money_cell = budget.cell(row=2, column=4)
    assert money_cell.number_format == "#,##0.00"
    headers = [c.value for c in ranking[1]]
    share_cell = ranking.cell(row=template_row, column=headers.index("套话比例") + 1)
    assert share_cell.number_format == "0.0%" and share_cell.value > 0.9
    assert ranking.cell(row=template_row, column=headers.index("等级") + 1).fill.fgColor.rgb.endswith(
        "FFC7CE"
    )
    assert column(ranking, "名次") == [5, 4, 3, 2, 1]  # worst first, 1 the best
    findings = book["问题清单"]
    assert "金额单位存疑" in column(findings, "问题类型")  # the finding's name, not its code
    returned = book["退回清单"]
    # every form the review sends back (a gated form grades 中 at best, so these are the 中 and 差 ones)
    sent_back = [grade in ("中", "差") for grade in column(ranking, "等级")]
    assert len(column(returned, "表")) == sum(sent_back) > 0
    assert set(column(returned, "审核结论")) <= {"退回修改", "退回重报"} and "退回重报" in column(
        returned, "审核结论"
    )
    assert all(column(returned, "主要问题"))
    indicators = book["指标明细"]
    assert len(column(indicators, "三级指标")) == 329
    overview = {row[0]: row[1] for row in book["概览"].iter_rows(values_only=True) if row and row[0]}
    assert overview["表数"] == 5 and overview["有高风险问题的表"] >= 3
    assert overview["摘要"].startswith("本次共 5 张表，涉及 5 个乡镇；中位得分")


def test_native_charts_on_the_overview(samples_db) -> None:
    _, data = workbook(samples_db)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        xml = "".join(archive.read(n).decode("utf-8") for n in charts)
    assert "barChart" in xml and "'预算'!" in xml and "stacked" in xml


def test_form_text_is_never_a_formula(tmp_path: Path) -> None:
    rows = [(level2, HOSTILE[n % len(HOSTILE)], value) for n, (level2, _, value) in enumerate(GOOD_ROWS)]
    long_text = "很长的说明" * 8000
    form = form_from_rows(
        rows, descriptions=["含控制字符\x07\x1b的文字", long_text] + [None] * (len(rows) - 2)
    )
    with open_store(tmp_path / "hostile.sqlite") as store:
        store.add_form(form)
        score_store(store)
        book = load_workbook(io.BytesIO(build_workbook(store, Filters(), "zh")))
    formulas = [c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    names = column(book["指标明细"], "三级指标")
    assert set(HOSTILE) <= set(names)
    descriptions = column(book["指标明细"], "指标解释")
    assert descriptions[0] == "含控制字符的文字"
    assert len(descriptions[1]) == EXCEL_CELL_LIMIT
    notes = [row[1] for row in book["概览"].iter_rows(values_only=True) if row and row[0] == "说明"]
    assert any("指标明细!M3" in note for note in notes)


def test_an_empty_selection_says_so(samples_db) -> None:
    book, _ = workbook(samples_db, Filters(year=(1999,)))
    texts = [row[0] for row in book["概览"].iter_rows(values_only=True) if row]
    assert "所选范围内没有已评分的表。" in texts
    assert book["排名"].max_row == 1


def test_filters_and_english_titles(samples_db) -> None:
    book, _ = workbook(samples_db, Filters(year=(2024,)), lang="en")
    assert book.sheetnames == [
        "Overview",
        "Ranking",
        "To return",
        "Findings",
        "Indicators",
        "Budget",
        "Similar pairs",
    ]
    ranking = book["Ranking"]
    assert sorted(column(ranking, "Year")) == [2024, 2024]
    assert set(column(ranking, "Grade")) <= {"A", "B", "C", "D"}
    assert not {"申报", "批复"} & set(column(ranking, "Stage"))
    assert not {"定量", "定性"} & set(column(book["Indicators"], "Kind"))
    assert not any("_" in str(code) for code in column(book["Findings"], "Finding"))
    overview = {row[0]: row[1] for row in book["Overview"].iter_rows(values_only=True) if row and row[0]}
    assert "2024" in overview["Filters"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.scripts += tag == "script"

    def handle_data(self, data) -> None:
        self.text.append(data)


@pytest.mark.parametrize("sample", [p.name for p in sample_files()])
def test_the_brief_of_each_township(samples_db, sample) -> None:
    with open_store(samples_db) as store:
        forms = store.forms_frame().set_index("source")
        form_id = forms.loc[sample, "form_id"]
        [result] = [r for r in store.score_results() if r["form_id"] == form_id]
        page = brief_html(store, form_id)
    parsed = _Text()
    parsed.feed(page)
    text = " ".join(parsed.text)
    assert forms.loc[sample, "unit_name"] in text
    assert f"{result['score']:.1f}" in text and "主要问题" in text
    charts = page.count("Plotly.newPlot(")
    assert charts == (2 if forms.loc[sample, "budget_total"] == forms.loc[sample, "budget_total"] else 1)
    assert "@page { size: A4" in page
    shown = min(len(result["findings"]), TOP_FINDINGS)
    findings_table = page.split("主要问题")[1].split("</table>")[0]
    assert findings_table.count("<tr>") - 1 == shown  # rows under the header
    hidden = len(result["findings"]) - shown
    assert (f"另有 {hidden} 条未列出。" in page) == (hidden > 0)


def test_brief_escapes_form_text(tmp_path: Path) -> None:
    form = form_from_rows(
        [(GOOD_ROWS[0][0], "<script>alert(1)</script>", "≥1次"), *GOOD_ROWS[1:]],
        unit="<img src=x onerror=alert(1)>镇人民政府",
    )
    with open_store(tmp_path / "x.sqlite") as store:
        store.add_form(form)
        score_store(store)
        page = brief_html(store, form.form_id)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_similar_pairs_list_each_pair_once() -> None:
    forms = pd.DataFrame(
        {
            "form_id": ["a", "b"],
            "township": ["一镇", "二镇"],
            "unit_name": [None, None],
            "year": [2024, 2024],
            "indicator_count": [4, 4],
        }
    )
    indicators = pd.DataFrame(
        {"form_id": ["a"] * 3 + ["b"] * 2, "seq": [1, 2, 3, 1, 2], "name": list("xyzxy")}
    )
    flags = pd.DataFrame(
        [
            ("a", 1, "copied", "b", 1),
            ("a", 2, "copied", "b", 2),
            ("a", 3, "copied", "b", 2),
            ("b", 1, "copied", "a", 1),
        ],
        columns=["form_id", "seq", "flag", "other_form_id", "other_seq"],
    )
    pairs = tables.similar_pairs(tables.Selection(forms, indicators, pd.DataFrame(), flags))
    assert pairs[["form_id", "other_form_id", "rows", "other_rows"]].values.tolist() == [["a", "b", 3, 1]]


def test_a_sheet_longer_than_excel_allows_is_cut_and_the_overview_says_so(
    samples_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook_module, "EXCEL_ROWS", 101)  # as if Excel allowed 100 rows under the header
    book, _ = workbook(samples_db)
    assert len(column(book["指标明细"], "三级指标")) == 100
    notes = [row[1] for row in book["概览"].iter_rows(values_only=True) if row and row[0] == "说明"]
    assert any("指标明细" in note and "前 100 行（共 329 行）" in note for note in notes)
