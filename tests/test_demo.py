"""The synthetic corpus: deterministic, marked, read back as generated, and the detector on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.demo.build import detector_quality, make_corpus
from lib.demo.params import MARKER
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


def test_same_seed_same_files(tmp_path: Path, corpus) -> None:
    out, manifest = corpus
    again = tmp_path / "again"
    make_corpus(150, again, seed=UNSEEN_SEED)
    assert [p.read_bytes() for p in forms_in(again)] == [p.read_bytes() for p in forms_in(out)]


def test_every_file_is_marked_and_every_place_invented(corpus) -> None:
    out, manifest = corpus
    files = forms_in(out)
    assert len(files) == 150
    assert all(MARKER in parse_file(p)[0].to_json() for p in files)
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


def test_files_read_back_as_generated(corpus) -> None:
    out, manifest = corpus
    assert any(e["layout"] == "traditional" for e in manifest["forms"])
    for entry in manifest["forms"]:
        [form] = parse_file(out / entry["file"])
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
        assert not form.unparsed, entry["file"]


def test_detector_against_the_planted_truth(corpus) -> None:
    out, _ = corpus
    scores, _ = assess([parse_file(p)[0] for p in forms_in(out)])
    quality = detector_quality(out / "manifest.json", scores)
    assert quality.planted_rows > 50
    assert quality.copied_precision >= 0.95 and quality.copied_recall >= 0.95
    assert quality.template_forms > 0 and quality.template_forms_graded_worst == quality.template_forms
