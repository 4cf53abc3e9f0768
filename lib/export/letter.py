"""The return letter (审核意见书): a Word document addressed to the unit, as a reviewer writes it.

Verdict (from the grade and the gates), the findings grouped under the review criteria of
财预〔2015〕88号 — 完整性 / 相关性 / 适当性 / 可行性 — and 具体性, one numbered line per kind of
defect with the rows it concerns quoted, what could not be checked, what the form does well,
and the reviewer's remarks. Dismissed findings leave the problems and are named under the
remarks. Form text is text: every piece goes into a plain run (no field, no hyperlink, no
markup), with characters XML cannot hold removed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from lib import settings
from lib.i18n import label, t
from lib.model import Form
from lib.quality.results import Finding
from lib.quality.scoring import CRITERIA_WEIGHTED, verdict
from lib.quality.strengths import strengths
from lib.store import Store

LETTER_FONT = "SimSun"  # Word's name for 宋体, the usual face of an official letter
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Line:
    """One kind of defect: what is wrong, and the rows it concerns as the form writes them."""

    text: str
    rows: list[str] = field(default_factory=list)
    more: int = 0


@dataclass
class Letter:
    unit: str
    opening: str
    verdict: str
    score_line: str
    gates_line: str | None
    sections: dict[str, list[Line]]  # criterion title → lines
    not_checkable: list[str]
    strengths: list[str]
    remarks: list[str]
    closing: str


def compose(form: Form, result: dict, reviews: list[dict], lang: str = "zh") -> Letter:
    """The letter's content, from the form, its stored score and the reviewer's word."""
    findings = [Finding.from_dict(f) for f in result["findings"]]
    kept = [f for f in findings if not f.dismissed]
    decision = verdict(result["grade"], result.get("gates", []))
    sections = {
        t(f"criterion.{criterion}", lang): _lines([f for f in kept if f.criterion == criterion], lang)
        for criterion in CRITERIA_WEIGHTED
    }
    return Letter(
        unit=t("letter.to", lang, unit=form.unit_name or form.source),
        opening=t("letter.opening", lang, year=form.year or "", source=form.source),
        verdict=t("letter.verdict", lang, verdict=t(f"verdict.{decision}", lang)),
        score_line=_score_line(result, lang),
        gates_line=(
            t("letter.gates", lang, gates="；".join(t(f"gate.{g}", lang) for g in result["gates"]))
            if result.get("gates")
            else None
        ),
        sections=sections,
        not_checkable=[
            t("letter.not_checkable_line", lang, criterion=t(f"criterion.{c}", lang))
            for c in result.get("not_checkable", [])
            if c != "measurability"  # said by 可行性, which is then not checkable either
        ],
        strengths=[
            t(key, lang, **fields) for key, fields in strengths(form, findings, result["boilerplate_share"])
        ],
        remarks=[
            f"{label('finding', f.code, lang)}{t('letter.dismissed_note', lang, reason=f.dismissed)}"
            for f in findings
            if f.dismissed
        ]
        + [r["text"] for r in reviews if r["action"] == "remark"],
        closing=t("letter.closing_pass" if decision == "通过" else "letter.closing", lang),
    )


def _score_line(result: dict, lang: str) -> str:
    grade = label("grade", result["grade"], lang)
    before = result.get("score_before_review")
    if before is None or before == result["score"]:
        return t("letter.score", lang, score=result["score"], grade=grade)
    grade_before = label("grade", result.get("grade_before_review"), lang)
    return t(
        "letter.score_reviewed",
        lang,
        score=result["score"],
        grade=grade,
        before=before,
        grade_before=grade_before,
    )


def _lines(findings: list[Finding], lang: str) -> list[Line]:
    """One line per kind of defect (rule), its rows gathered from every finding of that kind."""
    by_code: dict[str, list[Finding]] = {}
    for finding in findings:
        by_code.setdefault(finding.code, []).append(finding)
    lines = []
    for code, group in by_code.items():
        rows = list(dict.fromkeys(_quoted(e.text, e.source_ref) for f in group for e in f.evidence))
        if lang == "en":
            text = t(f"advice.{code}", lang)
            if not rows:  # a form-wide finding: its own sentence says what is missing
                text += " (" + "；".join(f.message for f in group) + ")"
        else:
            text = "".join(dict.fromkeys(f.message for f in group)) if not rows else group[0].message
            if rows and len(group) > 1:
                text += f"（共{len(group)}处）"
        quoted = int(settings.get("letter_rows_quoted"))
        lines.append(Line(text, rows[:quoted], max(0, len(rows) - quoted)))
    return lines


def _quoted(text: str, source_ref: str | None) -> str:
    return f"“{text}”" + (f"（{source_ref}）" if source_ref else "")


def render(letter: Letter, lang: str = "zh") -> bytes:
    """The letter as .docx bytes: headings and plain paragraphs, every text a plain run."""
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    style.font.name = LETTER_FONT
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), LETTER_FONT)
    document.add_heading(_clean(t("letter.title", lang)), level=1)
    for text in (letter.unit, letter.opening, letter.verdict, letter.score_line, letter.gates_line):
        if text:
            document.add_paragraph(_clean(text))
    document.add_heading(_clean(t("letter.findings", lang)), level=2)
    number = 0
    for title, lines in letter.sections.items():
        document.add_heading(_clean(title), level=3)
        if not lines:
            document.add_paragraph(_clean(t("letter.none", lang)))
        for line in lines:
            number += 1
            document.add_paragraph(_clean(f"{number}. {line.text}"))
            if line.rows:
                rows = t("letter.rows", lang) + "；".join(line.rows)
                if line.more:
                    rows += "；" + t("letter.more_rows", lang, count=line.more)
                document.add_paragraph(_clean(rows), style="List Bullet")
    document.add_heading(_clean(t("letter.not_checkable", lang)), level=2)
    for text in letter.not_checkable or [t("letter.nothing_unchecked", lang)]:
        document.add_paragraph(_clean(text))
    document.add_heading(_clean(t("letter.strengths", lang)), level=2)
    for text in letter.strengths or [t("letter.no_strengths", lang)]:
        document.add_paragraph(_clean(text), style="List Bullet")
    if letter.remarks:
        document.add_heading(_clean(t("letter.remarks", lang)), level=2)
        for text in letter.remarks:
            document.add_paragraph(_clean(text), style="List Bullet")
    document.add_paragraph(_clean(letter.closing))
    document.add_paragraph(date.today().isoformat())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _clean(text: str) -> str:
    """Text as text: drop the characters an XML document cannot hold."""
    return _NOT_XML.sub("", text)


def letter_docx(store: Store, form_id: str, lang: str = "zh") -> bytes:
    """The letter of one stored, scored form."""
    form = store.get_form(form_id)
    result = next((r for r in store.score_results() if r["form_id"] == form_id), None)
    if form is None or result is None:
        raise KeyError(t("letter.error.missing", lang, form_id=form_id))
    reviews = store.reviews_frame(form_id).to_dict("records")
    return render(compose(form, result, reviews, lang), lang)
