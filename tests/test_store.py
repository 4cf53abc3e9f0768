"""The SQLite store: schema, round trip, idempotency, atomicity, versioning, concurrency."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from lib import store as store_module
from lib.store import SCHEMA_VERSION, StoreError, open_store

TABLES = {"forms", "indicators", "projects", "warnings", "unparsed", "meta"}


def _raw(path: Path) -> sqlite3.Connection:
    """A plain connection in autocommit mode, usable from any thread."""
    return sqlite3.connect(path, isolation_level=None, check_same_thread=False)


def _row_counts(path: Path) -> dict[str, int]:
    with closing(_raw(path)) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES - {"meta"}}


def test_first_use_creates_folder_and_schema(tmp_db):
    with open_store(tmp_db) as store:
        assert store.count_forms() == 0
        assert store.data_version() == 0
    with closing(_raw(tmp_db)) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert names >= TABLES
    assert version == SCHEMA_VERSION == len(store_module.MIGRATIONS)
    assert journal == "wal"


def test_reopening_keeps_data_and_schema(tmp_db, make_form):
    with open_store(tmp_db) as store:
        store.add_form(make_form())
    with open_store(tmp_db) as store:
        assert store.form_ids() == [make_form().form_id]
        assert store.data_version() == 1


def test_newer_schema_is_refused(tmp_db):
    open_store(tmp_db).close()
    with closing(_raw(tmp_db)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        open_store(tmp_db)


def test_connection_settings(tmp_db, monkeypatch):
    monkeypatch.setenv("TARGETLENS_BUSY_TIMEOUT_MS", "1234")
    with open_store(tmp_db) as store:
        assert store.check() == {
            "integrity": "ok",
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": 1234,
        }


def test_round_trip_equals_original(tmp_db, make_form):
    form = make_form()
    with open_store(tmp_db) as store:
        assert store.add_form(form) is True
        assert store.has_form(form.form_id)
        assert store.get_form(form.form_id).to_dict() == form.to_dict()
        assert store.get_form("no-such-form") is None


def test_add_is_idempotent(tmp_db, make_form):
    with open_store(tmp_db) as store:
        assert store.add_form(make_form()) is True
        assert store.add_form(make_form(unit_name="changed")) is False
        assert store.count_forms() == 1
        assert store.data_version() == 1
        assert store.get_form(make_form().form_id).unit_name == make_form().unit_name
    assert _row_counts(tmp_db) == {"forms": 1, "indicators": 4, "projects": 2, "warnings": 1, "unparsed": 1}


def test_failure_mid_transaction_leaves_store_unchanged(tmp_db, make_form):
    with open_store(tmp_db) as store:
        store.add_form(make_form(form_id="a" * 16))
        before = (_row_counts(tmp_db), store.data_version())
        broken = make_form(form_id="b" * 16)
        broken.indicators[-1].name = {"not": "text"}  # the form's row goes in; this indicator cannot
        with pytest.raises(sqlite3.Error, match="binding"):
            store.add_form(broken)
        assert (_row_counts(tmp_db), store.data_version()) == before
        assert not store.has_form("b" * 16)
        assert store.add_form(make_form(form_id="b" * 16)) is True


def test_data_version_bumps_on_every_change(tmp_db, make_form):
    with open_store(tmp_db) as store:
        store.add_form(make_form(form_id="a" * 16))
        store.add_form(make_form(form_id="b" * 16))
        assert store.data_version() == 2
        store.add_form(make_form(form_id="a" * 16))
        assert store.data_version() == 2
        assert store.delete_form("a" * 16) is True
        assert store.data_version() == 3
        assert store.delete_form("a" * 16) is False
        assert store.data_version() == 3


def test_delete_cascades_to_rows(tmp_db, make_form):
    with open_store(tmp_db) as store:
        store.add_form(make_form())
        store.delete_form(make_form().form_id)
        assert store.form_ids() == []
    assert set(_row_counts(tmp_db).values()) == {0}


def test_frames(tmp_db, make_form):
    with open_store(tmp_db) as store:
        assert store.forms_frame().empty
        store.add_form(make_form(form_id="a" * 16, township="甲镇"))
        store.add_form(make_form(form_id="b" * 16, township="乙镇"))
        forms = store.forms_frame()
        everything = store.indicators_frame()
        only_b = store.indicators_frame(["b" * 16])
        none = store.indicators_frame([])
    assert list(forms["township"]) == sorted(["甲镇", "乙镇"])
    assert "doc_json" not in forms.columns
    assert forms["budget_unit_suspect"].tolist() == [True, True]
    assert forms["indicator_count"].tolist() == [4, 4]
    assert len(everything) == 8
    assert set(only_b["form_id"]) == {"b" * 16} and only_b["seq"].tolist() == [1, 2, 3, 4]
    assert none.empty and "level2" in none.columns
    fourth = only_b.iloc[3]
    assert (fourth["points_full"], fourth["points_got"], bool(fourth["operator_implicit"])) == (
        10.0,
        8.0,
        True,
    )
    assert only_b.iloc[0]["group_name"] == "完成村级垃圾清运"


def test_reader_is_not_blocked_by_an_open_write(tmp_db, make_form):
    with open_store(tmp_db) as reader, open_store(tmp_db) as writer:
        writer.add_form(make_form(form_id="a" * 16))
        with closing(_raw(tmp_db)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM forms")
            assert reader.count_forms() == 1  # sees the last committed state, without waiting
            conn.execute("COMMIT")
        assert reader.count_forms() == 0


def test_writer_waits_for_a_lock_held_past_the_busy_timeout(tmp_db, make_form, monkeypatch):
    monkeypatch.setenv("TARGETLENS_BUSY_TIMEOUT_MS", "20")
    monkeypatch.setenv("TARGETLENS_LOCK_RETRIES", "8")  # up to ~6 s of waits: ample on a slow machine
    with open_store(tmp_db) as store, closing(_raw(tmp_db)) as blocker:
        blocker.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.2, lambda: blocker.execute("COMMIT"))
        release.start()
        started = time.monotonic()
        assert store.add_form(make_form()) is True
        assert time.monotonic() - started >= 0.15
        release.join()


def test_concurrent_writers_never_see_locked(tmp_db, make_form):
    open_store(tmp_db).close()
    errors: list[BaseException] = []

    def write(prefix: str) -> None:
        try:
            with open_store(tmp_db) as store:
                for n in range(15):
                    store.add_form(make_form(form_id=f"{prefix}{n:015d}"))
        except BaseException as error:  # collected and asserted on in the main thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(p,)) for p in "abc"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(tmp_db) as store:
        assert store.count_forms() == 45
        assert store.data_version() == 45


def test_a_forms_record_is_what_asdict_gives_and_shares_nothing_with_the_form() -> None:
    from dataclasses import asdict

    from factories import make_form

    from lib.model import Points
    from lib.readers import parse_file
    from lib.samples import sample_files

    form = make_form()
    form.indicators[0].points = Points(full=10.0, got=8.5)
    form.indicators[0].confidence_reasons = ["unit_from_name"]
    forms = [form] + [f for path in sample_files() for f in parse_file(path)]
    for each in forms:
        assert each.to_dict() == asdict(each)
    record = form.to_dict()
    record["indicators"][0]["points"]["got"] = 0.0
    record["indicators"][0]["confidence_reasons"].append("changed")
    record["budget"]["sources"]["x"] = 1.0
    assert form.indicators[0].points.got == 8.5 and form.indicators[0].confidence_reasons == [
        "unit_from_name"
    ]
    assert "x" not in form.budget.sources
