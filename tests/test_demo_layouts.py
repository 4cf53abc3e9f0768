"""The synthetic corpus's families of forms copied from web pages (params.WILD_LAYOUTS): each is
written in its own shape, carries its planted truth in the manifest, gives the same bytes for a
seed, and stays out of the default mix until the reader reads it.

Whether the reader reads these files is the reader's test (issue 11); here only that it never
crashes on them (tests/test_fuzz_readers.py mutates them too).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import opencc
import openpyxl
import pytest

from lib.cli import main
from lib.demo.generate import generate
from lib.demo.params import DEFAULT_LAYOUTS, MARKER, READ_LAYOUTS, READ_WILD, WILD_LAYOUTS, CorpusParams
from lib.demo.render import write_corpus
from lib.errors import FormError
from lib.readers import parse_file

WILD = [name for name, _ in WILD_LAYOUTS]
SEED = 2026
PER_LAYOUT = 4
to_simplified = opencc.OpenCC("t2s").convert


def make_corpus(count: int, out: Path, seed: int, settings: CorpusParams) -> Path:
    """``python -m lib demo``'s corpus, from its two steps (generate, then write with the manifest)."""
    return write_corpus(generate(count, seed, settings), out, seed, settings)


def only(layout: str) -> CorpusParams:
    return CorpusParams(layouts=((layout, 1.0),))


@pytest.fixture(scope="module")
def families(tmp_path_factory) -> dict[str, tuple[Path, list[dict]]]:
    """A few forms of each family: its folder and its manifest entries."""
    made = {}
    for layout in WILD:
        out = tmp_path_factory.mktemp(layout)
        manifest = make_corpus(PER_LAYOUT, out, seed=SEED, settings=only(layout))
        made[layout] = out, json.loads(manifest.read_text(encoding="utf-8"))["forms"]
    return made


def texts(families, layout: str) -> list[tuple[str, dict]]:
    """Each file's text (an Office file's rows as lines, cells joined by tabs) and its manifest entry."""
    out, entries = families[layout]
    return [(text_of(out / e["file"]), e) for e in entries]


def text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path).active
        assert not sheet.merged_cells.ranges
        lines = [
            "\t".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)
        ]
    elif path.suffix == ".docx":
        [table] = docx.Document(str(path)).tables
        lines = ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    else:
        return path.read_text(encoding="utf-8")
    return "\n".join(lines) + "\n"


def rows(entry: dict) -> list[tuple[str, str]]:
    return list(zip(entry["names"], entry["values"], strict=True))


def test_the_default_mix_is_what_the_reader_reads_today() -> None:
    assert CorpusParams().layouts == DEFAULT_LAYOUTS
    assert {name for name, _ in DEFAULT_LAYOUTS} & set(WILD) == set(READ_WILD)
    assert not {name for name, _ in READ_LAYOUTS} & set(WILD)


@pytest.mark.parametrize("layout", WILD)
def test_each_family_carries_its_truth_in_the_manifest(families, layout: str) -> None:
    for text, entry in texts(families, layout):
        readable = to_simplified(text) if layout == "traditional" else text
        assert entry["layout"] == layout and Path(entry["file"]).stem.endswith(f"_{layout}")
        assert MARKER in readable and entry["unit_name"] in readable
        assert entry["names"] and len(entry["values"]) == entry["indicators"]
        for name, value in rows(entry):
            assert name in readable and (value or "") in row_text(readable, name), (entry["file"], name)


def row_text(text: str, name: str) -> str:
    """The text of the row holding ``name``, its cells joined (a tab-rows body splits a value into
    operator, number and unit cells), or the whole text where the rows are not lines."""
    line = next((line for line in text.splitlines() if f"\t{name}\t" in line), text)
    return line.replace("\t", "")


def test_web_pages_have_their_chrome_around_the_form(families) -> None:
    for text, entry in texts(families, "web-page"):
        lines = text.splitlines()
        assert lines[0].startswith("首页 > ") and entry["township"] in lines[0]
        assert "索引号" in text and "发布机构" in text and "浏览次数" in text and "字体：大 中 小" in text
        assert "版权所有" in lines[-1] and "\t" in text  # the form itself keeps its tab rows


def test_pipe_rows_lose_their_merged_cells(families) -> None:
    for text, entry in texts(families, "pipe-rows"):
        assert all(line.startswith("| ") for line in text.splitlines())
        shifted = [name for name, value in rows(entry) if f"\n| {name} | {value} |" in text]
        assert shifted  # rows under a merged level label start with the name


def test_space_rows_are_split_by_single_spaces(families) -> None:
    wrapped = 0
    for text, entry in texts(families, "space-rows"):
        assert "\t" not in text and "|" not in text
        assert all(re.search(rf"(^| ){re.escape(n)} {re.escape(v)}$", text, re.M) for n, v in rows(entry))
        wrapped += "\n指标\n" in text
    assert wrapped  # some forms wrap a long level-2 label before its last word


def test_one_value_per_line(families) -> None:
    for text, entry in texts(families, "value-per-line"):
        lines = {line.strip() for line in text.splitlines()}
        assert "\t" not in text and "|" not in text
        assert all(name in lines and value in lines for name, value in rows(entry))


def test_fused_cells_have_no_separator(families) -> None:
    for text, entry in texts(families, "fused"):
        title, body = text.rstrip("\n").split("\n")
        assert title.endswith(".docx") and "\t" not in body and " " not in body
        assert all(f"{name}{value}" in body for name, value in rows(entry))


def test_traditional_forms_are_the_tab_rows_form_in_traditional_characters(families) -> None:
    for text, entry in texts(families, "traditional"):
        assert "績效指標" in text and "绩效" not in text
        assert "\t" in text and f"{entry['unit_name']}\n" in to_simplified(text)


def test_notices_list_the_indicators_in_sentences(families) -> None:
    for text, entry in texts(families, "notice"):
        assert "公示" in text.splitlines()[0] and "\t" not in text and "|" not in text
        pieces = re.split("[；。]", text)
        for name, value in rows(entry):
            assert any(piece.endswith(value) and name in piece for piece in pieces), name


@pytest.mark.parametrize("layout", ["xlsx-lines", "docx-lines"])
def test_office_files_made_the_obvious_way_hold_one_text_line_per_row(families, layout: str) -> None:
    for text, entry in texts(families, layout):
        lines = text.splitlines()
        assert lines[0] == f"\t{MARKER}·{entry['year']}年部门整体支出绩效目标{lines[0].split('目标')[-1]}"
        assert "\t" in lines and all(f"\t{name}" in lines for name in entry["names"])  # blank lines kept


def test_the_same_seed_writes_the_same_bytes(tmp_path) -> None:
    mix = CorpusParams(layouts=READ_LAYOUTS + WILD_LAYOUTS)
    first, again = tmp_path / "a", tmp_path / "b"
    make_corpus(40, first, seed=SEED, settings=mix)
    make_corpus(40, again, seed=SEED, settings=mix)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    assert all((first / n).read_bytes() == (again / n).read_bytes() for n in names)


def test_the_command_line_writes_the_families_only_when_asked(tmp_path, capsys) -> None:
    def layouts(*extra: str) -> set[str]:
        out = tmp_path / "-".join(["corpus", *extra])
        assert main(["demo", "--forms", "40", "--out", str(out), "--seed", "3", *extra]) == 0
        return {e["layout"] for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["forms"]}

    assert layouts() & set(WILD) <= set(READ_WILD)
    assert len(layouts("--wild") & set(WILD)) >= 3


@pytest.mark.parametrize("layout", WILD)
def test_the_reader_reads_or_refuses_each_family_without_crashing(families, layout: str) -> None:
    out, entries = families[layout]
    for entry in entries:
        try:
            assert parse_file(out / entry["file"])
        except FormError as error:
            assert error.reason


def test_the_command_line_spreads_the_forms_over_the_years_asked(tmp_path) -> None:
    """20,000 forms need five years (4,000 units at most): --years gives them."""
    out = tmp_path / "five-years"
    assert main(["demo", "--forms", "10", "--years", "5", "--out", str(out), "--seed", "3"]) == 0
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["forms"]
    assert sorted({e["year"] for e in entries}) == [2020, 2021, 2022, 2023, 2024]
    assert main(["demo", "--forms", "10", "--years", "0", "--out", str(tmp_path / "none")]) != 0
