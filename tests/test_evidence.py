"""Evidence a reviewer can trust: rows quoted with where they were read, nothing quoted that the
form does not say, and a finding that rests on a guess phrased 请核实 with the reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from quality_forms import GOOD_ROWS, form_from_rows

from lib.model import Form
from lib.normalize.text import match_key
from lib.quality.engine import assess
from lib.quality.rules import row_text
from lib.readers import parse_file

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
QUOTED = re.compile(r"“([^”]+)”")


@pytest.fixture(scope="module")
def judged():
    forms = [parse_file(p)[0] for p in sorted(SAMPLES.glob("*.txt"))]
    return list(zip(forms, assess(forms)[0], strict=True))


def form_text(form: Form) -> str:
    """Everything the form says, normalised as findings are compared."""
    parts = [*form.goals, *form.functions, *form.subgoals, form.budget.unit_raw or ""]
    parts += [p.name or "" for p in form.projects]
    for i in form.indicators:
        parts += [
            row_text(i),
            i.name or "",
            i.description or "",
            i.scoring or "",
            i.basis or "",
            i.project or "",
        ]
    return "\n".join(match_key(p) for p in parts)


def test_messages_quote_only_what_the_form_says(judged) -> None:
    for form, score in judged:
        said = form_text(form)
        for finding in score.findings:
            if finding.code == "copied_rows":
                continue  # names the other form, quotes nothing
            for quoted in QUOTED.findall(finding.message):
                assert match_key(quoted) in said, (form.source, finding.code, quoted)


def test_every_row_a_finding_names_is_quoted_with_its_place(judged) -> None:
    for form, score in judged:
        rows = {i.seq: i for i in form.indicators}
        for finding in score.findings:
            assert [e.seq for e in finding.evidence] == finding.seqs
            for evidence in finding.evidence:
                assert evidence.text == row_text(rows[evidence.seq])
                assert evidence.source_ref == rows[evidence.seq].source_ref and evidence.source_ref


def test_a_long_list_says_how_many_rows_in_all(judged) -> None:
    form, score = next(pair for pair in judged if pair[0].source.startswith("004"))
    no_target = next(f for f in score.findings if f.code == "no_target")
    assert "等70项" in no_target.message and len(no_target.evidence) == 70


def test_a_finding_on_an_inferred_level_is_phrased_for_verification(judged) -> None:
    form, score = next(pair for pair in judged if pair[0].source.startswith("000"))
    assert all(i.level1_inferred for i in form.indicators)
    missing = [f for f in score.findings if f.code == "missing_category"]
    assert missing and all(f.message.startswith("请核实") and f.verify for f in missing)
    assert all("推断" in f.message for f in missing)


def test_a_low_confidence_reading_is_phrased_for_verification() -> None:
    form = form_from_rows(GOOD_ROWS + [("质量指标", "履行宪法和法律赋予的职责", "=100%")])
    form.indicators[-1].confidence = "low"
    form.indicators[-1].confidence_reasons = ["value_split_from_fused_cells"]
    [score], _ = assess([form])
    found = next(f for f in score.findings if f.code == "pseudo_quantified")
    assert found.message.startswith("请核实") and "value_split_from_fused_cells" in found.message


def test_a_finding_on_what_the_form_says_is_stated_plainly() -> None:
    form = form_from_rows(GOOD_ROWS + [("质量指标", "履行宪法和法律赋予的职责", "=100%")])
    [score], _ = assess([form])
    found = next(f for f in score.findings if f.code == "pseudo_quantified")
    assert not found.message.startswith("请核实") and found.verify is None
