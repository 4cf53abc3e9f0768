"""The synthetic corpus: deterministic, marked, read back as generated, and the detector on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.demo.build import detector_quality, make_corpus, signal_agreement
from lib.demo.params import MARKER, READ_LAYOUTS, SIGNAL_ROWS
from lib.model import Form
from lib.quality.engine import assess
from lib.readers import parse_file
from lib.readers.script import read_line

UNSEEN_SEED = 2026  # never used while the detector was developed


def forms_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name != "manifest.json")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus")
    manifest = make_corpus(150, out, seed=UNSEEN_SEED)
    return out, json.loads(manifest.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def read_back(corpus) -> dict[str, list[Form]]:
    """What the reader reads in each file of the corpus (read once for the module), by file name."""
    out, _ = corpus
    return {path.name: parse_file(path) for path in forms_in(out)}


def test_same_seed_same_files(tmp_path: Path) -> None:
    once, again = tmp_path / "once", tmp_path / "again"
    make_corpus(30, once, seed=UNSEEN_SEED)
    make_corpus(30, again, seed=UNSEEN_SEED)
    assert [p.read_bytes() for p in forms_in(again)] == [p.read_bytes() for p in forms_in(once)]
    assert (once / "manifest.json").read_bytes() == (again / "manifest.json").read_bytes()


def test_every_file_is_marked_and_every_place_invented(corpus, read_back) -> None:
    _, manifest = corpus
    assert len(read_back) == 150
    assert all(MARKER in form.to_json() for forms in read_back.values() for form in forms)
    assert all(e["county"].startswith("合成") for e in manifest["forms"])
    assert len({e["year"] for e in manifest["forms"]}) == 3


def test_realistic_mix(corpus) -> None:
    _, manifest = corpus
    forms = manifest["forms"]
    layouts = {e["layout"] for e in forms}
    assert {"cell-per-line", "tab-rows", "narrative", "docx", "xlsx", "csv", "flat-csv"} <= layouts
    problems = {p.split(":")[0] for e in forms for p in e["problems"]}
    assert {
        "template",
        "copied_block",
        "vague",
        "missing",
        "broken_arithmetic",
        "unit_mislabelled",
    } <= problems
    totals = [e["budget_wan"]["total"] for e in forms]
    assert min(totals) >= 300 and max(totals) <= 5000
    assert {e["money_written_in"] for e in forms} == {"万元", "元", "元×10000"}


def simplified(text: str | None) -> str | None:
    """A name read in simplified characters: a traditional file keeps its names as written."""
    return None if text is None else read_line(text).simplified


def test_files_read_back_as_generated(corpus, read_back) -> None:
    _, manifest = corpus
    assert {"traditional", "web-page", "xlsx-lines"} <= {e["layout"] for e in manifest["forms"]}
    for entry in manifest["forms"]:
        [form] = read_back[entry["file"]]
        assert form.form_id == entry["form_id"]
        place = (form.unit_name, form.county, form.township)
        assert (*map(simplified, place), form.year) == (
            entry["unit_name"],
            entry["county"],
            entry["township"],
            entry["year"],
        )
        assert [simplified(i.name) for i in form.indicators] == entry["names"], entry["file"]
        assert form.form_kind == entry["form_kind"]
        money = form.projects[0].budget if entry["layout"] == "flat-csv" else form.budget.total
        assert money == pytest.approx(entry["budget_wan"]["total"])
        assert form.budget.unit_suspect == ("unit_mislabelled" in entry["problems"])
        assert not unplaced_indicators(form, entry), entry["file"]


def unplaced_indicators(form: Form, entry: dict) -> list[str]:
    """What of the form's table was left unplaced: for the samples' layouts, any text at all; for
    a web family, unplaced text naming an indicator (the page around the form is left unplaced)."""
    if entry["layout"] in {name for name, _ in READ_LAYOUTS}:
        return [note.text for note in form.unparsed]
    return [n.text for n in form.unparsed if any(name in simplified(n.text) for name in entry["names"])]


@pytest.fixture(scope="module")
def judged(read_back):
    scores, _ = assess([form for forms in read_back.values() for form in forms])
    return scores


def test_each_reviewer_signal_against_its_planted_truth(corpus, judged) -> None:
    out, _ = corpus
    agreement = signal_agreement(out / "manifest.json", judged)
    assert set(agreement) == {code for code, *_ in SIGNAL_ROWS}
    for code, found in agreement.items():
        assert found.planted >= 4, code  # enough planted rows for the measure to mean something
        assert found.precision >= 0.9 and found.recall >= 0.9, (code, found)


def test_detector_against_the_planted_truth(corpus, judged) -> None:
    out, _ = corpus
    scores = judged
    quality = detector_quality(out / "manifest.json", scores)
    assert quality.planted_rows > 50
    assert quality.copied_precision >= 0.95 and quality.copied_recall >= 0.95
    assert quality.template_forms > 0 and quality.template_forms_graded_worst == quality.template_forms
