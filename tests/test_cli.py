"""``python -m lib`` as outside checks call it: arguments in; lines, exit code and a store chosen by
env or --db out.

These run the real readers on the bundled samples in data/samples. Most run the command in this
process (:func:`run_lib`, a second each faster than a fresh interpreter); the tests that name
:func:`run_lib_process` start a real ``python -m lib`` and check it behaves the same.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest.mock import patch

import pytest

from lib import cli
from lib.cli import main
from lib.readers import parse_file
from lib.samples import SAMPLES_DIR, sample_files
from lib.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sample_files()


def run_lib(*args: str | Path, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line as ``python -m lib`` does, in this process, with ``TARGETLENS_DB`` set to
    ``db`` (or unset): its output and exit code; an uncaught exception exits 1 with its traceback."""
    out, err = io.StringIO(), io.StringIO()
    with patch.dict(os.environ), redirect_stdout(out), redirect_stderr(err):
        os.environ.pop("TARGETLENS_DB", None)
        if db is not None:
            os.environ["TARGETLENS_DB"] = str(db)
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exit:  # argparse's usage errors
            code = exit.code if isinstance(exit.code, int) else 1
        except Exception:
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess(["python", "-m", "lib", *args], code, out.getvalue(), err.getvalue())


def run_lib_process(*args: str | Path, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m lib`` in a new process from the project root with ``TARGETLENS_DB`` set to ``db``
    (or unset)."""
    env = {k: v for k, v in os.environ.items() if k != "TARGETLENS_DB"}
    if db is not None:
        env["TARGETLENS_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "lib", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


@pytest.fixture
def forms_dir(tmp_path: Path) -> Path:
    """A copy of the bundled samples, with a README.md that a folder walk must skip."""
    folder = tmp_path / "forms"
    folder.mkdir()
    for sample in SAMPLES:
        shutil.copy(sample, folder / sample.name)
    (folder / "README.md").write_text("# 说明\n这不是一张表。\n", encoding="utf-8")
    return folder


def _count(db: Path) -> int:
    with open_store(db) as store:
        return store.count_forms()


def test_samples_are_bundled():
    assert len(SAMPLES) == 5


def test_ingest_prints_one_line_per_file_and_is_idempotent(forms_dir, tmp_db):
    first = run_lib("ingest", forms_dir, db=tmp_db)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert len(lines) == len(SAMPLES)
    for line, sample in zip(lines, SAMPLES, strict=True):
        assert re.fullmatch(rf"added {re.escape(str(forms_dir / sample.name))} \(\d+ indicators\)", line), (
            line
        )

    second = run_lib("ingest", forms_dir, db=tmp_db)
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == [f"already present {forms_dir / s.name}" for s in SAMPLES]
    assert _count(tmp_db) == len(SAMPLES)


def test_bad_files_are_reported_and_the_others_still_added(forms_dir, tmp_db):
    empty = forms_dir / "empty.txt"
    empty.write_bytes(b"")
    junk = forms_dir / "junk.docx"
    junk.write_bytes(bytes(range(256)) * 8)
    result = run_lib("ingest", forms_dir, db=tmp_db)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(SAMPLES) + 2
    for bad in (empty, junk):
        [line] = [line for line in lines if line.startswith(f"error {bad}: ")]
        assert len(line) > len(f"error {bad}: "), "the reason is missing"
    assert sum(line.startswith("added ") for line in lines) == len(SAMPLES)
    with open_store(tmp_db) as store:
        assert set(store.forms_frame()["source"]) == {s.name for s in SAMPLES}


def test_parse_json_is_exactly_the_form(forms_dir):
    sample = forms_dir / SAMPLES[0].name
    result = run_lib("parse", sample, "--json")
    assert result.returncode == 0, result.stderr
    [form] = parse_file(sample)
    assert result.stdout == form.to_json() + "\n"
    assert json.loads(result.stdout)["form_id"] == form.form_id


def test_a_new_process_says_exactly_what_the_command_says_in_this_one(forms_dir):
    sample = forms_dir / SAMPLES[0].name
    process, here = run_lib_process("parse", sample, "--json"), run_lib("parse", sample, "--json")
    assert (process.returncode, process.stdout, process.stderr) == (0, here.stdout, here.stderr)
    assert here.stdout.startswith("{")


def test_parse_summary_is_readable(forms_dir):
    result = run_lib("parse", forms_dir / SAMPLES[0].name)
    assert result.returncode == 0, result.stderr
    assert "indicators by level:" in result.stdout
    assert "万元" in result.stdout


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 8], ids=["empty", "binary"])
def test_parse_of_a_bad_file_is_one_line_naming_it(tmp_path, content):
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(content)
    result = run_lib("parse", bad)
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {bad}: ")


def test_db_option_wins_over_environment(forms_dir, tmp_path):
    env_db, option_db = tmp_path / "env.sqlite", tmp_path / "option.sqlite"
    result = run_lib("ingest", forms_dir / SAMPLES[0].name, "--db", option_db, db=env_db)
    assert result.returncode == 0, result.stderr
    assert _count(option_db) == 1
    assert not env_db.exists()


def test_environment_chooses_the_store(forms_dir, tmp_db):
    result = run_lib("ingest", forms_dir / SAMPLES[0].name, db=tmp_db)
    assert result.returncode == 0, result.stderr
    assert _count(tmp_db) == 1


def test_score_ranks_the_samples_worst_first(tmp_db: Path) -> None:
    assert run_lib("ingest", SAMPLES_DIR, db=tmp_db).returncode == 0
    table = run_lib("score", db=tmp_db)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.strip().splitlines()
    assert len(lines) == 6 and "玉田县林南仓镇人民政府" in " ".join(lines[1:3])
    assert "差" in lines[1] and "差" in lines[2]
    result = run_lib("score", "--json", "--db", tmp_db)
    scores = json.loads(result.stdout)
    assert [s["score"] for s in scores] == sorted(s["score"] for s in scores)
    worst = next(s for s in scores[:2] if s["unit_name"] == "玉田县林南仓镇人民政府")
    assert worst["not_checkable"] == []
    assert worst["boilerplate_share"] > 0.9 and worst["indicator_flags"]
    assert all(f["severity"] in ("high", "medium", "low") and f["message"] for f in worst["findings"])
    best = run_lib("score", "--best-first", db=tmp_db).stdout.strip().splitlines()
    assert best[1:] == lines[1:][::-1]


def test_county_brief_covers_the_county_and_says_what_to_return(tmp_db: Path, tmp_path: Path) -> None:
    assert run_lib("ingest", ROOT / "data" / "samples", db=tmp_db).returncode == 0
    out = tmp_path / "county.html"
    result = run_lib("brief", "--county", "玉田县", "--out", out, db=tmp_db)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<h1>玉田县</h1>" in page and "本次共 1 张表" in page and "@page { size: A4" in page
    assert "林南仓镇 2023" in page.split("退回清单")[-1]  # the county's 差 form, in the list to return
    assert "大华镇" not in page  # another county's form
    assert run_lib("brief", "--county", "无此县", "--out", out, db=tmp_db).returncode == 2
    assert run_lib("brief", "--out", out, db=tmp_db).returncode == 2


@pytest.mark.parametrize("command", ["export", "brief", "letter"])
def test_an_export_to_a_place_that_cannot_be_written_is_a_clear_error(
    command: str, tmp_db: Path, tmp_path: Path
) -> None:
    assert run_lib("ingest", SAMPLES[0], db=tmp_db).returncode == 0
    with open_store(tmp_db) as store:
        (form_id,) = store.forms_frame()["form_id"]
    folder = tmp_path / "a folder, not a file"
    folder.mkdir()
    result = run_lib(command, *([] if command == "export" else [form_id]), "--out", folder, db=tmp_db)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {folder}: ") and "wrote" not in result.stdout


def test_ingest_scores_what_it_added(tmp_db: Path) -> None:
    result = run_lib("ingest", SAMPLES[0], db=tmp_db)
    assert "scored 1 forms" in result.stderr
    with open_store(tmp_db) as store:
        assert len(store.scores_frame()) == 1


def test_ingest_of_a_large_folder_prints_a_progress_line_every_so_many_files(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "PROGRESS_EVERY", 4)  # 100 in use: the behaviour, at a twentieth of the files
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(9):
        (folder / f"{n:03}.txt").write_text(f"第{n}份：这里没有绩效目标表\n", encoding="utf-8")
    result = run_lib("ingest", folder, "--no-score", db=tmp_path / "s.sqlite")
    assert result.returncode == 1  # every file refused, each on its own line
    assert len(result.stdout.splitlines()) == 9
    progress = [line for line in result.stderr.splitlines() if "files read" in line]
    assert [line.split()[0] for line in progress] == ["4", "8"]
