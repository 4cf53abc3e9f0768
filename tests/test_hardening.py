"""Issue 15's defects D3–D14, each as the user met it: a file, a command or a store that went wrong.

Every hostile input is built here from the bundled samples (data/samples) or from code.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from test_cli import run_lib

from lib import ingest
from lib.cli import main
from lib.export.workbook import build_workbook
from lib.filters import Filters
from lib.i18n import t
from lib.ingest import escaped, ingest_paths
from lib.readers import form_ids, parse_bytes, parse_file
from lib.readers.hygiene import clean_text
from lib.store import open_store, store_problem
from lib.views.imports import new_forms, read_upload

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))
SAMPLE_UNIT = "潢源县大华镇人民政府"  # the unit of SAMPLES[1]

# D3: a flat export naming its unit above the table, with a note row before the first data row
FLAT_TITLED = (
    "单位名称：合成重复县甲镇人民政府\n"
    "单位名称,项目名称,一级指标,二级指标,三级指标,指标值\n"
    "备注：以下为本单位指标,,,,,\n"
    "合成重复县甲镇人民政府,道路养护,产出指标,数量指标,养护里程,≥20公里\n"
    ",,产出指标,质量指标,验收合格率,≥95%\n"
)


def sample_text(index: int) -> str:
    return SAMPLES[index].read_text(encoding="utf-8")


# ---- D3: identity that cannot collide silently ----------------------------------------------
def test_d3_a_unit_named_above_the_table_keeps_its_rows(tmp_path: Path, tmp_db: Path) -> None:
    path = tmp_path / "flat_titled.csv"
    path.write_text(FLAT_TITLED, encoding="utf-8")
    [form] = parse_file(path)
    assert form.unit_name == "合成重复县甲镇人民政府"
    assert [i.name for i in form.indicators] == ["养护里程", "验收合格率"]
    assert [n.text for n in form.unparsed] == ["备注：以下为本单位指标"]  # the note is kept, not a form
    [result] = ingest_paths([path], open_store(tmp_db))
    assert (result.status, result.indicators) == ("added", 2)


def test_d3_two_forms_of_one_unit_in_one_file_get_distinct_ids() -> None:
    data = b"any file"
    forms = [parse_bytes(sample_text(1).encode(), "a.txt")[0] for _ in range(3)]
    assigned = form_ids.assign_ids(forms, data, "x.csv")
    assert len({f.form_id for f in assigned}) == 3
    assert assigned[0].form_id == form_ids.file_id(data, SAMPLE_UNIT)  # the first keeps the usual id


def test_d3_a_file_whose_forms_share_an_id_anyway_is_refused_whole(
    tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fixtures_office import flat_csv

    path = tmp_path / "flat.csv"
    path.write_text(flat_csv(), encoding="utf-8")
    assert len(parse_file(path)) > 1
    monkeypatch.setattr(form_ids, "file_id", lambda data, unit_name=None: "0" * 16)
    monkeypatch.setattr(ingest, "parse_bytes_budgeted", parse_bytes)  # in this process, to see the patch
    with open_store(tmp_db) as store:
        [result] = ingest_paths([path], store)
        assert result.status == "error" and "share the id" in result.error.reason
        assert store.count_forms() == 0


def test_d3_generated_flat_exports_give_one_id_per_form() -> None:
    from fixtures_office import flat_csv, flat_xlsx

    for data, name in ((flat_csv().encode(), "f.csv"), (flat_xlsx(), "f.xlsx")):
        forms = parse_bytes(data, name)
        assert len(forms) > 1
        assert len({f.form_id for f in forms}) == len(forms)


# ---- D4 / D13: text hygiene at the edge of reading ------------------------------------------
@pytest.mark.parametrize("bad", ["\uffff", "\ufffe", "\x07", "\x85", "\x9f"])
def test_d4_characters_no_workbook_can_hold_are_removed_with_a_warning(tmp_db: Path, bad: str) -> None:
    text = sample_text(1).replace(SAMPLE_UNIT, f"潢源县大华镇{bad}人民政府", 1)
    [form] = parse_bytes(text.encode("utf-8"), "bad.txt")
    assert form.unit_name == SAMPLE_UNIT
    [warning] = [w for w in form.warnings if w.code == "text_cleaned"]
    assert f"U+{ord(bad):04X}" in warning.message
    with open_store(tmp_db) as store:
        store.add_form(form)
        assert build_workbook(store, Filters())[:2] == b"PK"


def test_d4_lone_surrogates_are_removed_and_counted() -> None:
    removed: Counter[str] = Counter()
    assert clean_text("甲\ud800乙\udfff", removed) == "甲乙"
    assert sum(removed.values()) == 2


def test_d4_a_store_read_before_hygiene_still_exports(tmp_db: Path) -> None:
    [form] = parse_bytes(sample_text(1).encode(), "old.txt")
    form.unit_name = "潢源县大华镇\uffff人民政府"  # as an older version stored it
    with open_store(tmp_db) as store:
        store.add_form(form)
        assert build_workbook(store, Filters())[:2] == b"PK"


def test_d13_a_bidi_override_is_removed_and_named() -> None:
    text = sample_text(0).replace("≥90%", "≥\u202e%09\u202c", 1)
    [form] = parse_bytes(text.encode(), "bidi.txt")
    stored = form.to_json(indent=None)
    assert not any(chr(c) in stored for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    kept = [i.value_raw for i in form.indicators] + [n.text for n in form.unparsed]
    assert "≥%09" in kept  # what is stored is what is shown: never a hidden "≥90%"
    [warning] = [w for w in form.warnings if w.code == "text_cleaned"]
    assert "U+202E" in warning.message and "U+202C" in warning.message


# ---- D12: UTF-16 without a BOM ---------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_d12_utf16_without_bom_is_read_like_utf8(encoding: str) -> None:
    text = sample_text(0)
    [expected] = parse_bytes(text.encode("utf-8"), "s.txt")
    [form] = parse_bytes(text.encode(encoding), "s.txt")
    assert form.unit_name == expected.unit_name
    assert [i.name for i in form.indicators] == [i.name for i in expected.indicators]


def test_d12_utf8_and_gb18030_are_not_taken_for_utf16() -> None:
    text = sample_text(0)
    for encoding in ("utf-8", "gb18030"):
        [form] = parse_bytes(text.encode(encoding), "s.txt")
        assert form.unit_name and "县" in form.unit_name


# ---- D5: years that str.isdigit() accepts and int() refuses ----------------------------------
@pytest.mark.parametrize("raw", ["²", "①", "٢٠٢٤", "9" * 5000, "2024²"])
def test_d5_a_year_that_is_not_four_ascii_digits_is_ignored(raw: str) -> None:
    assert Filters.from_query({"year": f"{raw},2024"}).year == (2024,)
    assert Filters.bad_years([raw]) == [raw]


def test_d5_export_refuses_a_bad_year_by_name(tmp_path: Path, tmp_db: Path) -> None:
    run_lib("ingest", SAMPLES[0], db=tmp_db)
    result = run_lib("export", "--out", tmp_path / "x.xlsx", "--year", "²", db=tmp_db)
    assert result.returncode == 2
    assert result.stderr.startswith("error: --year:") and "²" in result.stderr
    assert "Traceback" not in result.stderr


# ---- D10 / D11: the command line's own output -------------------------------------------------
def test_d10_brief_into_a_missing_folder_is_a_clean_error(tmp_path: Path, tmp_db: Path) -> None:
    run_lib("ingest", SAMPLES[0], db=tmp_db)
    [form] = parse_file(SAMPLES[0])
    result = run_lib("brief", form.form_id, "--out", tmp_path / "missing" / "x.html", db=tmp_db)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_d11_a_file_name_with_a_newline_prints_on_one_line(tmp_path: Path, tmp_db: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    name = "x\nadded fake.txt (999 indicators).txt"
    (folder / name).write_bytes(SAMPLES[3].read_bytes())
    (folder / "y\u202etxt.txt").write_bytes(SAMPLES[4].read_bytes())
    result = run_lib("ingest", folder, db=tmp_db)
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert all(line.startswith("added ") for line in lines)
    assert "x\\nadded fake.txt" in lines[0] and "\\u202e" in lines[1]


def test_escaped_leaves_readable_names_alone() -> None:
    assert escaped("added 表/甲镇 2024.txt") == "added 表/甲镇 2024.txt"
    assert escaped("a\tb\x00c") == "a\\tb\\x00c"


# ---- D14: the same upload twice ---------------------------------------------------------------
def test_d14_the_same_file_uploaded_twice_counts_its_forms_once() -> None:
    from fixtures_office import flat_csv

    data = flat_csv().encode()
    uploads = [read_upload(data, "a.csv"), read_upload(data, "a (1).csv")]
    forms = len(uploads[0].forms)
    assert forms > 1
    assert len(new_forms(uploads, known=set())) == forms
    assert len(new_forms(uploads, known={uploads[0].forms[0].form_id})) == forms - 1


# ---- D7: a damaged or read-only store ----------------------------------------------------------
def corrupt_copy(db: Path, target: Path) -> Path:
    """The store with its middle pages overwritten, as a bad disk or a torn copy leaves it."""
    target.write_bytes(db.read_bytes())
    size = target.stat().st_size
    with target.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(bytes((i * 7) % 251 for i in range(size // 4)))
    return target


@pytest.fixture
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("base") / "base.sqlite"
    assert run_lib("ingest", ROOT / "data" / "samples", db=db).returncode == 0
    return db


@pytest.mark.parametrize("command", ["score", "export", "brief", "ingest"])
def test_d7_a_corrupt_store_is_named_not_a_traceback(
    tmp_path: Path, sample_store: Path, command: str
) -> None:
    db = corrupt_copy(sample_store, tmp_path / "corrupt.sqlite")
    args = {
        "score": ["score"],
        "export": ["export", "--out", tmp_path / "x.xlsx"],
        "brief": ["brief", parse_file(SAMPLES[0])[0].form_id, "--out", tmp_path / "b.html"],
        "ingest": ["ingest", SAMPLES[0]],
    }[command]
    result = run_lib(*args, db=db)
    assert "Traceback" not in result.stderr
    if result.returncode == 0:  # sqlite may not touch the damaged pages for this command
        return
    assert "error: " in result.stderr and "damaged" in result.stderr


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (sqlite3.DatabaseError("database disk image is malformed"), "corrupt"),
        (sqlite3.DatabaseError("file is not a database"), "corrupt"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "readonly"),
        (PermissionError(13, "Permission denied"), "readonly"),
        (sqlite3.OperationalError("database is locked"), "locked"),
    ],
)
def test_d7_store_problems_are_told_apart(error: Exception, kind: str) -> None:
    assert store_problem(error) == kind
    assert t(f"error.store_{kind}", "zh") and t(f"error.store_{kind}", "en")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_d7_a_read_only_store_is_named(tmp_path: Path, sample_store: Path) -> None:
    db = tmp_path / "ro.sqlite"
    db.write_bytes(sample_store.read_bytes())
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM scores")
    db.chmod(0o444)
    result = run_lib("score", db=db)
    assert result.returncode == 2 and "read-only" in result.stderr and "Traceback" not in result.stderr


# ---- D9: scores never go missing ----------------------------------------------------------------
def test_d9_ingest_rescores_what_an_earlier_run_left_unscored(tmp_db: Path) -> None:
    assert run_lib("ingest", "--no-score", SAMPLES[0], db=tmp_db).returncode == 0
    result = run_lib("ingest", SAMPLES[0], db=tmp_db)  # nothing new: "already present"
    assert "already present" in result.stdout
    with open_store(tmp_db) as store:
        assert store.count_unscored() == 0


@pytest.mark.system  # three commands at once, five times: a race looked for, not a unit
def test_d9_overlapping_ingests_and_a_score_leave_every_form_scored(tmp_path: Path) -> None:
    from fixtures_office import flat_csv

    halves = [tmp_path / "a", tmp_path / "b"]
    for number, folder in enumerate(halves):
        folder.mkdir()
        for index, sample in enumerate(SAMPLES):  # trailing blank lines: other bytes, so other forms
            text = sample.read_text(encoding="utf-8") + "\n" * (10 * number + index + 1)
            (folder / f"{index}.txt").write_text(text, encoding="utf-8")
        (folder / "flat.csv").write_text(flat_csv() + "\n" * (number + 1), encoding="utf-8")
    env = {**os.environ}
    for run in range(5):
        db = tmp_path / f"run{run}.sqlite"
        env["TARGETLENS_DB"] = str(db)
        commands = [["ingest", str(halves[0])], ["ingest", str(halves[1])], ["score"]]
        running = [
            subprocess.Popen([sys.executable, "-m", "lib", *c], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
            for c in commands
        ]
        assert [p.wait(timeout=300) for p in running] == [0, 0, 0]
        with open_store(db) as store:
            assert store.count_forms() > 2 * len(SAMPLES)
            assert store.count_unscored() == 0, f"run {run}"


def test_d9_a_form_added_and_scored_while_scoring_runs_stays_scored(tmp_db: Path) -> None:
    """The interleaving that lost scores, made deterministic: another process adds a form and
    scores it after this run loaded the forms and before it saved (which replaces every score)."""
    from lib.quality.engine import score_store

    with open_store(tmp_db) as store:
        store.add_form(parse_file(SAMPLES[0])[0])
        late = parse_file(SAMPLES[1])[0]

        def another_process(share: float, step: str) -> None:
            if step == "rules" and not store.has_form(late.form_id):
                with open_store(tmp_db) as other:
                    other.add_form(late)
                    score_store(other)

        score_store(store, progress=another_process)
        assert store.count_forms() == 2
        assert store.count_unscored() == 0


# ---- no traceback anywhere: every command with every bad input ---------------------------------
def bad_invocations(tmp: Path, good_db: Path, corrupt_db: Path) -> dict[str, list[object]]:
    """Each command with each kind of bad input a user can give it."""
    not_sqlite = tmp / "not_sqlite.sqlite"
    not_sqlite.write_bytes(b"this is not a database" * 100)
    a_folder = tmp / "a_folder"
    a_folder.mkdir(exist_ok=True)
    form_id = parse_file(SAMPLES[0])[0].form_id
    stores = {
        "corrupt": corrupt_db,
        "not-sqlite": not_sqlite,
        "folder": a_folder,
        "unreachable": "/proc/x/y.sqlite",
    }
    cases: dict[str, list[object]] = {
        "parse-missing": ["parse", tmp / "missing.txt"],
        "parse-folder": ["parse", a_folder],
        "parse-empty": ["parse", not_sqlite.with_name("empty.txt")],
        "ingest-missing": ["ingest", tmp / "missing.txt", "--db", good_db],
        "export-bad-year": ["export", "--out", tmp / "x.xlsx", "--year", "①", "--db", good_db],
        "export-out-missing-folder": ["export", "--out", tmp / "no" / "x.xlsx", "--db", good_db],
        "export-out-is-folder": ["export", "--out", a_folder, "--db", good_db],
        "brief-unknown-id": ["brief", "zz", "--out", tmp / "b.html", "--db", good_db],
        "brief-out-missing-folder": ["brief", form_id, "--out", tmp / "no" / "b.html", "--db", good_db],
        "demo-zero": ["demo", "--forms", "0", "--out", tmp / "demo"],
        "demo-not-a-number": ["demo", "--forms", "²", "--out", tmp / "demo"],
        "demo-out-is-a-file": ["demo", "--forms", "2", "--out", not_sqlite],
    }
    not_sqlite.with_name("empty.txt").write_bytes(b"")
    new_form = tmp / "new_form.txt"  # not in any store yet, so ingest has to write
    new_form.write_bytes(SAMPLES[0].read_bytes() + b"\n")
    for name, store in stores.items():
        cases[f"ingest-{name}"] = ["ingest", new_form, "--db", store]
        cases[f"score-{name}"] = ["score", "--db", store]
        cases[f"export-{name}"] = ["export", "--out", tmp / f"{name}.xlsx", "--db", store]
        cases[f"brief-{name}"] = ["brief", form_id, "--out", tmp / f"{name}.html", "--db", store]
    return cases


def test_no_command_ends_in_a_traceback(
    tmp_path: Path, sample_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In-process (an exception escaping ``main`` is what prints a traceback), for speed; the
    subprocess tests above check the same output for a few of these."""
    corrupt = corrupt_copy(sample_store, tmp_path / "corrupt.sqlite")
    failures = []
    for name, args in bad_invocations(tmp_path, sample_store, corrupt).items():
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:  # argparse's own "error: argument …"
            code = exit_.code
        except BaseException as error:  # noqa: BLE001 - exactly what the test looks for
            failures.append((name, "raised", repr(error)))
            continue
        said = capsys.readouterr()
        text = said.err + said.out  # ingest reports a file's error on its own line: "error PATH: …"
        if code == 0 or not re.search(r"(^|: )error:? ", text, re.M):
            failures.append((name, code, text[-300:]))
    assert not failures, failures


# ---- D2: scoring bounded per form ------------------------------------------------------------------
def test_d2_near_identical_rows_of_one_form_are_matched_as_one_group(make_form) -> None:
    from lib.model import Indicator
    from lib.quality.engine import assess, corpus_texts, text_pairs, within_form_stand_ins

    def rows(names: list[str]) -> list[Indicator]:
        return [
            Indicator(seq=n, name=name, value_raw="≥1人", level1="产出指标")
            for n, name in enumerate(names, 1)
        ]

    big = make_form(
        form_id="a" * 16,
        unit_name="合成甲县甲镇人民政府",
        indicators=rows([f"开展第{i}期农村实用技术培训人数" for i in range(3000)]),
    )
    copier = make_form(
        form_id="b" * 16,
        unit_name="合成乙县乙镇人民政府",
        indicators=rows(["开展第17期农村实用技术培训人数", "修缮村级活动场所数量"]),
    )
    forms = [big, copier]
    stand_ins = within_form_stand_ins(forms)
    assert len(stand_ins) == 2998  # one text of the big form stands for the rest (another is shared)
    pairs = text_pairs(corpus_texts(forms), stand_ins=stand_ins)
    assert len(pairs) < 6000  # not the 4.5 million pairs among the big form's own rows
    assert all({a, b} & set(corpus_texts([copier])) for a, b, _ in pairs)  # every pair spans two units
    scores, view = assess(forms)
    copied = {row for row in view.copies if row[0] == copier.form_id}
    assert (copier.form_id, 1) in copied or any(b.form_id == copier.form_id for b in view.blocks)
