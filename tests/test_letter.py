"""The return letter (审核意见书) and the reviewer's word: dismissals and remarks."""

from __future__ import annotations

import io
import zipfile
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from quality_forms import GOOD_ROWS, TEMPLATE_ROWS, form_from_rows

from lib.cli import main
from lib.export.letter import letter_docx, verdict
from lib.export.workbook import build_workbook
from lib.filters import Filters
from lib.ingest import ingest_paths
from lib.quality.engine import score_store
from lib.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
HEADINGS = ("完整性", "相关性", "适当性", "可行性", "具体性")


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


@pytest.fixture
def samples_store(tmp_db: Path):
    with open_store(tmp_db) as store:
        ingest_paths([SAMPLES], store)
        score_store(store)
        yield store


def form_id_of(store, unit_part: str) -> str:
    forms = store.forms_frame()
    return forms.loc[forms["unit_name"].str.contains(unit_part), "form_id"].iloc[0]


def result_of(store, form_id: str) -> dict:
    return next(r for r in store.score_results() if r["form_id"] == form_id)


def test_the_letter_of_a_hollow_form(samples_store) -> None:
    form_id = form_id_of(samples_store, "大华镇")
    text = paragraphs(letter_docx(samples_store, form_id))
    assert text[1] == "潢源县大华镇人民政府："
    assert "审核结论：退回修改" in text and all(h in text for h in HEADINGS)
    body = "\n".join(text)
    assert "“履行宪法和法律赋予的职责=100%”" in body and "伪量化" in body
    assert "资金匹配（预算金额的核对）：表中缺少所需内容，无法核验。" in body
    numbered = [p for p in text if p[:1].isdigit() and ". " in p[:4]]
    assert [int(p.split(".")[0]) for p in numbered] == list(range(1, len(numbered) + 1))
    assert "三、值得肯定的方面" in text


def test_the_letter_names_strengths_of_a_good_form(tmp_db: Path) -> None:
    form = form_from_rows(GOOD_ROWS)
    with open_store(tmp_db) as store:
        store.add_form(form)
        score_store(store)
        text = "\n".join(paragraphs(letter_docx(store, form.form_id)))
    assert "指标类别齐全" in text and "“农村公路日常养护里程≥126公里”" in text


def test_verdict_follows_grade_and_gates() -> None:
    assert verdict("优", []) == "通过"
    assert verdict("良", []) == "修改后通过"
    assert verdict("良", ["missing_core_category"]) == "退回修改"
    assert verdict("中", []) == "退回修改"
    assert verdict("差", []) == "退回重报"


def test_the_template_and_narrative_forms_are_returned_for_resubmission(samples_store) -> None:
    for unit in ("林南仓镇", "河口苗族乡"):
        assert "审核结论：退回重报" in paragraphs(letter_docx(samples_store, form_id_of(samples_store, unit)))


def test_english_letter_keeps_the_forms_words(samples_store) -> None:
    text = "\n".join(paragraphs(letter_docx(samples_store, form_id_of(samples_store, "大华镇"), "en")))
    assert "Verdict: Returned for revision" in text and "Feasibility" in text
    assert "“履行宪法和法律赋予的职责=100%”" in text


def test_form_text_stays_text_in_the_letter(tmp_db: Path) -> None:
    hostile = [
        ("数量指标", '=HYPERLINK("http://evil.example","点我")', "≥5次"),
        ("数量指标", "{ INCLUDETEXT c:\\\\secret } <w:fldSimple/>\x07", "≥5次"),
    ]
    form = form_from_rows(GOOD_ROWS + hostile * 3)
    with open_store(tmp_db) as store:
        store.add_form(form)
        score_store(store)
        data = letter_docx(store, form.form_id)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "fldSimple " not in xml and "<w:fldSimple" not in xml and "instrText" not in xml
    assert "<w:hyperlink" not in xml and 'HYPERLINK("http://evil.example' in xml
    assert "\x07" not in xml


def test_a_dismissal_survives_a_rescore_and_changes_the_score(tmp_db: Path) -> None:
    form = form_from_rows(GOOD_ROWS + [("质量指标", "履行宪法和法律赋予的职责", "=100%")])
    with open_store(tmp_db) as store:
        store.add_form(form)
        score_store(store)
        before = result_of(store, form.form_id)
        finding = next(f for f in before["findings"] if f["code"] == "pseudo_quantified")
        store.add_review(form.form_id, "dismiss", "本单位职责清单中有明确的考核口径", finding["key"])
        store.add_review(form.form_id, "remark", "请补充成本指标的测算依据")
        score_store(store)
        store.add_form(form_from_rows(TEMPLATE_ROWS, unit="示例县乙镇人民政府"))
        score_store(store)  # a rescore after the store changed keeps the dismissal
        after = result_of(store, form.form_id)
        findings = store.findings_frame()
        text = "\n".join(paragraphs(letter_docx(store, form.form_id)))
        book = load_workbook(io.BytesIO(build_workbook(store, Filters())))
    dismissed = next(f for f in after["findings"] if f["key"] == finding["key"])
    assert dismissed["dismissed"] == "本单位职责清单中有明确的考核口径"
    assert after["score"] > after["score_before_review"] == before["score"]
    assert findings.loc[findings["finding_key"] == finding["key"], "dismissed"].notna().all()
    assert "复核前" in text and "请补充成本指标的测算依据" in text and "不予采纳" in text
    assert "伪量化" not in text.split("四、复核意见")[0]
    sheet = book["问题清单"]
    headers = [c.value for c in sheet[1]]
    reviewed = [row[headers.index("复核")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "已复核：不予采纳（本单位职责清单中有明确的考核口径）" in reviewed
    messages = [row[headers.index("问题说明")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    remark = messages.index("请补充成本指标的测算依据")
    assert reviewed[remark].startswith("已复核：复核意见（")


def test_the_letter_command_writes_a_docx(samples_store, tmp_db: Path, tmp_path: Path) -> None:
    form_id = form_id_of(samples_store, "楠木坪镇")
    out = tmp_path / "letter.docx"
    written = main(["letter", form_id, "--db", str(tmp_db), "--out", str(out), "--lang", "en"])
    assert written == 0
    assert "To 江铜麻黄在楠木坪镇人民政府:" in paragraphs(out.read_bytes())
    err = io.StringIO()
    with redirect_stderr(err):
        missing = main(["letter", "nope", "--db", str(tmp_db), "--out", str(out)])
    assert missing != 0 and "nope" in err.getvalue()
