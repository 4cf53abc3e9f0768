"""The store on a shared office server: old versions upgraded, concurrent writers, a kill mid-write."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from quality_forms import GOOD_ROWS, form_from_rows

from lib.quality.engine import score_store
from lib.readers import parse_file
from lib.samples import sample_files
from lib.store import MIGRATIONS, SCHEMA_VERSION, open_store

ROOT = Path(__file__).resolve().parent.parent


def version_1_store(path: Path) -> str:
    """A store as version 1 of the program wrote it (no quality tables), holding one form."""
    form = form_from_rows(GOOD_ROWS)
    data = form.to_dict()
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO forms (form_id, source, unit_name, year, budget_unit_suspect, indicator_count, ingested_at, doc_json)"
        " VALUES (?, ?, ?, ?, 0, ?, '2024-01-01T00:00:00', ?)",
        (
            form.form_id,
            form.source,
            form.unit_name,
            form.year,
            len(form.indicators),
            json.dumps(data, ensure_ascii=False),
        ),
    )
    conn.commit()
    conn.close()
    return form.form_id


def test_an_old_store_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    form_id = version_1_store(path)
    with open_store(path) as store:
        assert store.get_form(form_id).unit_name == "示例县甲镇人民政府"
        [score] = score_store(store)
        assert score.form_id == form_id and len(store.scores_frame()) == 1
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def run_lib(*args: str, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "TARGETLENS_DB": str(db)}
    return subprocess.Popen(
        [sys.executable, "-m", "lib", *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.system
def test_two_ingests_at_once(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite"
    samples = [str(p) for p in sample_files()]
    first = run_lib("ingest", *samples, db=db)
    second = run_lib("ingest", *reversed(samples), db=db)
    outputs = [process.communicate(timeout=240) for process in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    text = " ".join(out + err for out, err in outputs).lower()
    assert "locked" not in text and "error" not in text
    with open_store(db) as store:
        assert store.count_forms() == 5
        assert len(store.indicators_frame()) == 329
        assert store.check()["integrity"] == "ok"


KILLED_WRITER = textwrap.dedent("""
    import sqlite3, sys, time
    from pathlib import Path
    from lib.readers import parse_file
    from lib.store import open_store

    class SlowText(str):
        "A name that takes a minute to reach SQLite: the form's row is written, its indicators not yet."

    def bind_slowly(text):
        Path(sys.argv[2]).write_text("inside")
        time.sleep(60)
        return str(text)

    sqlite3.register_adapter(SlowText, bind_slowly)
    [form] = parse_file(sys.argv[3])
    form.indicators[0].name = SlowText(form.indicators[0].name)
    with open_store(sys.argv[1]) as store:
        store.add_form(form)
""")


@pytest.mark.system
def test_a_kill_mid_ingest_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    db, marker = tmp_path / "killed.sqlite", tmp_path / "inside"
    samples = sample_files()
    with open_store(db) as store:
        store.add_form(form_from_rows(GOOD_ROWS))
        before = store.data_version()
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(db), str(marker), str(samples[0])], cwd=ROOT
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and writer.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the writer never reached the middle of its transaction"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    with open_store(db) as store:
        assert store.count_forms() == 1 and store.data_version() == before
        assert len(store.indicators_frame()) == len(GOOD_ROWS)
        assert store.check()["integrity"] == "ok"
        assert store.add_form(parse_file(samples[0])[0])  # the killed file goes in cleanly afterwards
