"""The SQLite store: forms and their rows in tables, the full form as JSON beside them.

One file per store (``settings.default_db_path()`` unless told otherwise), created with its
schema on first use. WAL mode lets the dashboard read while an ingest writes; every write is
one ``BEGIN IMMEDIATE`` transaction, retried with a bounded backoff while another writer holds
the lock, and bumps ``meta.data_version`` so readers can cache on it.

The schema evolves through :data:`MIGRATIONS`: entry *n* takes a database from
``PRAGMA user_version`` *n* to *n + 1*.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lib import settings
from lib.model import Form

if TYPE_CHECKING:  # pandas is imported where a frame is read: ingesting and scoring need none
    import pandas as pd

T = TypeVar("T")

_SCHEMA_V1 = (
    """CREATE TABLE forms (
        form_id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        format TEXT,
        layout TEXT,
        unit_name TEXT,
        unit_code TEXT,
        county TEXT,
        township TEXT,
        year INTEGER,
        form_kind TEXT,
        stage TEXT,
        filled_on TEXT,
        budget_unit_raw TEXT,
        budget_total REAL,
        budget_basic REAL,
        budget_project REAL,
        budget_other REAL,
        budget_unit_suspect INTEGER NOT NULL DEFAULT 0,
        indicator_count INTEGER NOT NULL,
        ingested_at TEXT NOT NULL,
        doc_json TEXT NOT NULL
    )""",
    "CREATE INDEX forms_place ON forms (county, township, year)",
    """CREATE TABLE indicators (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        group_name TEXT,
        project TEXT,
        level1 TEXT,
        level1_inferred INTEGER NOT NULL DEFAULT 0,
        level2 TEXT,
        name TEXT,
        description TEXT,
        value_raw TEXT,
        operator TEXT,
        operator_implicit INTEGER NOT NULL DEFAULT 0,
        target REAL,
        unit TEXT,
        kind TEXT,
        scoring TEXT,
        weight REAL,
        direction TEXT,
        basis TEXT,
        parent_seq INTEGER,
        actual_raw TEXT,
        points_full REAL,
        points_got REAL,
        source_ref TEXT,
        PRIMARY KEY (form_id, seq)
    )""",
    """CREATE TABLE projects (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        code TEXT,
        name TEXT,
        budget REAL,
        goal TEXT,
        PRIMARY KEY (form_id, idx)
    )""",
    """CREATE TABLE warnings (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        source_ref TEXT,
        PRIMARY KEY (form_id, idx)
    )""",
    """CREATE TABLE unparsed (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        source_ref TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (form_id, idx)
    )""",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "INSERT INTO meta (key, value) VALUES ('data_version', '0')",
)

_SCHEMA_V2 = (
    # The quality engine's results, so pages read them rather than recompute.
    """CREATE TABLE scores (
        form_id TEXT PRIMARY KEY REFERENCES forms (form_id) ON DELETE CASCADE,
        score REAL NOT NULL,
        grade TEXT NOT NULL,
        completeness REAL NOT NULL,
        measurability REAL NOT NULL,
        specificity REAL NOT NULL,
        consistency REAL NOT NULL,
        boilerplate_share REAL NOT NULL,
        carry_share REAL,
        result_json TEXT NOT NULL
    )""",
    """CREATE TABLE findings (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        code TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL,
        seqs TEXT NOT NULL,
        PRIMARY KEY (form_id, idx)
    )""",
    """CREATE TABLE flags (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        flag TEXT NOT NULL,
        other_form_id TEXT,
        other_seq INTEGER,
        PRIMARY KEY (form_id, seq, flag)
    )""",
    "CREATE INDEX flags_other ON flags (other_form_id)",
    """CREATE TABLE copy_blocks (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        other_form_id TEXT NOT NULL,
        other_first_seq INTEGER NOT NULL,
        PRIMARY KEY (form_id, first_seq, other_form_id)
    )""",
    """CREATE TABLE rule_cache (
        form_id TEXT PRIMARY KEY REFERENCES forms (form_id) ON DELETE CASCADE,
        engine TEXT NOT NULL,
        findings_json TEXT NOT NULL
    )""",
    "CREATE TABLE matched_texts (text TEXT PRIMARY KEY)",
    "CREATE TABLE text_pairs (a TEXT NOT NULL, b TEXT NOT NULL, ratio REAL NOT NULL, PRIMARY KEY (a, b))",
    "CREATE TABLE phrases (key TEXT PRIMARY KEY, text TEXT NOT NULL, units INTEGER NOT NULL, source TEXT NOT NULL)",
)

_SCHEMA_V3 = (
    # Matching work keyed by text id: each distinct row text is stored once, not once per pair.
    # Both tables are caches of the matcher; dropping them costs one rematch, no data.
    "DROP TABLE text_pairs",
    "DROP TABLE matched_texts",
    "CREATE TABLE match_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)",
    "CREATE TABLE text_pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, ratio REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID",
)

_SCHEMA_V4 = (
    # The reader's confidence in each indicator, and its reasons as a JSON list of codes.
    "ALTER TABLE indicators ADD COLUMN confidence TEXT NOT NULL DEFAULT 'high'",
    "ALTER TABLE indicators ADD COLUMN confidence_reasons TEXT NOT NULL DEFAULT '[]'",
)

_SCHEMA_V5 = (
    # The review criteria (财预〔2015〕88号): a dimension that could not be checked is NULL, never
    # 100; the score before and after a reviewer's dismissals. ``scores`` is rewritten by every
    # scoring run, so it is rebuilt rather than altered.
    "DROP TABLE scores",
    """CREATE TABLE scores (
        form_id TEXT PRIMARY KEY REFERENCES forms (form_id) ON DELETE CASCADE,
        score REAL NOT NULL,
        grade TEXT NOT NULL,
        completeness REAL,
        measurability REAL,
        specificity REAL,
        consistency REAL,
        boilerplate_share REAL NOT NULL,
        carry_share REAL,
        result_json TEXT NOT NULL,
        relevance REAL,
        appropriateness REAL,
        feasibility REAL,
        score_before_review REAL,
        grade_before_review TEXT
    )""",
    "ALTER TABLE findings ADD COLUMN criterion TEXT",
    "ALTER TABLE findings ADD COLUMN finding_key TEXT",
    "ALTER TABLE findings ADD COLUMN dismissed TEXT",
    # A reviewer's word on a form: a dismissed finding (by its stable key) with the reason, or a
    # remark (finding_key NULL). Kept across rescoring; never written by the engine.
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        finding_key TEXT,
        action TEXT NOT NULL CHECK (action IN ('dismiss', 'remark')),
        text TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX reviews_form ON reviews (form_id)",
)

_SCHEMA_V6 = (
    # A reviewer's corrections of what the reader read (lib/corrections.py). No foreign key to
    # forms: a correction outlives its form's removal and is applied again when the same file
    # (same form_id) is ingested again. Values are JSON; ``original`` is the reading corrected.
    # AUTOINCREMENT: a form's corrections are rewritten together, and an id is never given twice.
    """CREATE TABLE corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        form_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        source_ref TEXT,
        row_name TEXT,
        field TEXT NOT NULL,
        original TEXT NOT NULL,
        corrected TEXT NOT NULL,
        made_at TEXT NOT NULL
    )""",
    "CREATE INDEX corrections_form ON corrections (form_id, seq)",
)

_SCHEMA_V7 = (
    # Incremental scoring (issue 14): each row's matched text, so that a new form's rescoring
    # finds the forms whose rows meet its texts without reading every form; pairs looked up from
    # either text; ``named`` when the text is the row's name's (stock phrases are learnt from names).
    # A cache of the engine, rewritten by every full scoring run.
    """CREATE TABLE row_texts (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        text INTEGER NOT NULL,
        named INTEGER NOT NULL,
        PRIMARY KEY (form_id, seq)
    ) WITHOUT ROWID""",
    "CREATE INDEX row_texts_text ON row_texts (text)",
    "CREATE INDEX text_pairs_b ON text_pairs (b)",
)

_AGGREGATE_ROWS = (
    (
        "level_counts",
        "SELECT form_id, level1, level2, kind, count(*) FROM indicators WHERE {selected} "
        "GROUP BY form_id, level1, level2, kind",
    ),
    (
        "value_counts",
        "SELECT form_id, 'operator', operator, count(*) FROM indicators WHERE {selected} "
        "GROUP BY form_id, operator",
    ),
    (
        "value_counts",
        "SELECT form_id, 'unit', unit, count(*) FROM indicators WHERE {selected} AND unit IS NOT NULL "
        "GROUP BY form_id, unit",
    ),
    (
        "copy_counts",
        "SELECT form_id, other_form_id, count(*) FROM flags WHERE {selected} AND flag = 'copied' "
        "AND other_form_id IS NOT NULL GROUP BY form_id, other_form_id",
    ),
)
"""Per-form counts the dashboard charts instead of reading every row (issue 14): each table's rows
as one SELECT over the forms chosen by ``{selected}``; :func:`_refresh_aggregates` rewrites them."""

_SCHEMA_V8 = (
    # Per-form aggregates for the dashboard (issue 14): at 20,000 forms the pages cannot load
    # every indicator and flag. Rewritten for the forms each scoring run writes; a form's go with it.
    """CREATE TABLE level_counts (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        level1 TEXT,
        level2 TEXT,
        kind TEXT,
        n INTEGER NOT NULL
    )""",
    "CREATE INDEX level_counts_form ON level_counts (form_id)",
    """CREATE TABLE value_counts (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        value TEXT,
        n INTEGER NOT NULL
    )""",
    "CREATE INDEX value_counts_form ON value_counts (form_id)",
    """CREATE TABLE copy_counts (
        form_id TEXT NOT NULL REFERENCES forms (form_id) ON DELETE CASCADE,
        other_form_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (form_id, other_form_id)
    ) WITHOUT ROWID""",
    # The structure page's targets read one level-2 category's targets of the selected forms from
    # this index alone, never from the table's pages.
    "CREATE INDEX indicators_level2 ON indicators (level2, form_id, operator, target, unit, value_raw)",
    # Every page reads each form's gates; read out of result_json they cost half a second at 20,000 forms.
    "ALTER TABLE scores ADD COLUMN gates TEXT NOT NULL DEFAULT '[]'",
    "UPDATE scores SET gates = coalesce(json_extract(result_json, '$.gates'), '[]')",
    *(f"INSERT INTO {table} {select.format(selected='1')}" for table, select in _AGGREGATE_ROWS),
)

_SCORES_SHOWN = (
    "score, form_id, grade, completeness, measurability, specificity, consistency, relevance, appropriateness, "
    "feasibility, score_before_review, grade_before_review, boilerplate_share, carry_share, gates"
)
"""What the pages read of each form's scores (``Store.scores_frame``), in the order they read them."""
_SCHEMA_V9 = (
    # The pages read every form's scores (issue 14): out of the table, each row's columns after the
    # long result_json (gates, relevance, ...) cost a read of its overflow pages, 0.15 CPU s at 20,000
    # forms; out of this index, a third of that, already in score order.
    f"CREATE INDEX scores_shown ON scores ({_SCORES_SHOWN})",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    _SCHEMA_V1,
    _SCHEMA_V2,
    _SCHEMA_V3,
    _SCHEMA_V4,
    _SCHEMA_V5,
    _SCHEMA_V6,
    _SCHEMA_V7,
    _SCHEMA_V8,
    _SCHEMA_V9,
)
"""Statements per schema version, applied in order; append, never edit, to change the schema."""

SCHEMA_VERSION = len(MIGRATIONS)

_FIRST_WAIT_S = 0.05
_FORM_FIELDS = (
    "form_id",
    "source",
    "format",
    "layout",
    "unit_name",
    "unit_code",
    "county",
    "township",
    "year",
    "form_kind",
    "stage",
    "filled_on",
)
_BUDGET_FIELDS = ("unit_raw", "total", "basic", "project", "other", "unit_suspect")
_FORM_COLUMNS = ", ".join(
    [*_FORM_FIELDS, *(f"budget_{name}" for name in _BUDGET_FIELDS), "indicator_count", "ingested_at"]
)
_FORM_FLAGS = ("budget_unit_suspect",)
_INDICATOR_FLAGS = ("level1_inferred", "operator_implicit")


FINDING_COLUMNS = (
    "form_id",
    "idx",
    "code",
    "severity",
    "message",
    "seqs",
    "criterion",
    "finding_key",
    "dismissed",
)
"""A finding as the pages and exports read it."""
INTEGER = {"idx": "int64", "n": "int64"}
"""The integer columns of the tables read with text as Python strings (``Store._text_frame``)."""
FINDING_HEADS = ("form_id", "idx", "code", "severity")
"""What a list of many forms' findings needs to count, narrow and order them (the text of those shown is read
apart: most of a finding's bytes are its message)."""


class StoreError(Exception):
    """A database this program cannot use (e.g. written by a newer version)."""


STORE_ERRORS = (StoreError, sqlite3.DatabaseError, OSError)
"""What opening or reading a store can raise when the file is damaged, unwritable or not a store
(pandas' ``DatabaseError``, raised by a frame's read, is an ``OSError``)."""


def store_problem(error: BaseException) -> str:
    """Which kind of store problem an error is: ``corrupt``, ``readonly``, ``locked`` or ``unusable``
    (the key of its message in :mod:`lib.i18n`, ``error.store_<kind>``)."""
    text = str(error).lower()
    if "malformed" in text or "not a database" in text or "disk image" in text:
        return "corrupt"
    if "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        return "readonly"
    if "locked" in text or "busy" in text:
        return "locked"
    return "unusable"


class Store:
    """One open store; use :func:`open_store` to get one. Also a context manager."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def check(self) -> dict[str, Any]:
        """What SQLite says of this store: ``integrity`` ("ok" when sound), and the connection's
        ``journal_mode``, ``foreign_keys`` (1 when enforced) and ``busy_timeout`` (ms)."""
        pragmas = ("integrity_check", "journal_mode", "foreign_keys", "busy_timeout")
        found = {name: self._scalar(f"PRAGMA {name}") for name in pragmas}
        return {"integrity": found.pop("integrity_check"), **found}

    def add_form(self, form: Form) -> bool:
        """Store a form in one transaction; False if its ``form_id`` is already present."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        return self._write(lambda conn: _insert_form(conn, form, now))

    def put_form(self, form: Form, corrections: Sequence[dict[str, Any]], replace: bool) -> bool:
        """Store a form and set its corrections (rows of the ``corrections`` table; a new one has
        ``id`` None) in one transaction. With ``replace``, a stored form of the same id is replaced (its scores go
        with it); without, a present form is left as it is. True if the form was written."""
        now = datetime.now(UTC).isoformat(timespec="seconds")

        def put(conn: sqlite3.Connection) -> bool:
            conn.execute("DELETE FROM corrections WHERE form_id = ?", (form.form_id,))
            _insert(conn, "corrections", [{**row, "form_id": form.form_id} for row in corrections])
            if replace:
                _delete_form(conn, form.form_id)
            return _insert_form(conn, form, now) or bool(corrections)

        return self._write(put)

    def corrections(self, form_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Stored corrections (of every form, or of those named), in form and row order."""
        where, params = "", ()
        if form_ids is not None:
            where, params = "WHERE form_id IN (SELECT value FROM json_each(?))", (json.dumps(list(form_ids)),)
        sql = f"SELECT * FROM corrections {where} ORDER BY form_id, seq, id"
        cursor = _retry(lambda: self._conn.execute(sql, params))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def delete_form(self, form_id: str) -> bool:
        """Remove a form and all its rows; False if it was not there."""
        return self._write(lambda conn: _delete_form(conn, form_id))

    def has_form(self, form_id: str) -> bool:
        return self._scalar("SELECT count(*) FROM forms WHERE form_id = ?", (form_id,)) > 0

    def count_forms(self) -> int:
        return self._scalar("SELECT count(*) FROM forms")

    def count_unscored(self) -> int:
        """Forms with no stored score (added since the last scoring, or lost to a concurrent one)."""
        return self._scalar("SELECT count(*) FROM forms WHERE form_id NOT IN (SELECT form_id FROM scores)")

    def data_version(self) -> int:
        """A counter bumped by every committed change: a cache key for readers."""
        return int(self._scalar("SELECT value FROM meta WHERE key = 'data_version'"))

    def form_ids(self) -> list[str]:
        rows = _retry(lambda: self._conn.execute("SELECT form_id FROM forms ORDER BY form_id").fetchall())
        return [row[0] for row in rows]

    def get_form(self, form_id: str) -> Form | None:
        """The form exactly as it was added, or None."""
        row = _retry(
            lambda: self._conn.execute("SELECT doc_json FROM forms WHERE form_id = ?", (form_id,)).fetchone()
        )
        return None if row is None else Form.from_dict(json.loads(row[0]))

    def forms_frame(self) -> pd.DataFrame:
        """One row per form: the ``forms`` table without its JSON column."""
        sql = f"SELECT {_FORM_COLUMNS} FROM forms ORDER BY county, township, year, source, form_id"
        return _with_flags(self._frame(sql, ()), _FORM_FLAGS)

    def indicators_frame(
        self, form_ids: Sequence[str] | None = None, columns: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """One row per indicator, of all forms or of the forms named; every column, or only those named
        (the dashboard reads a dozen of the two dozen, which matters at a hundred thousand rows)."""
        chosen = "*" if columns is None else ", ".join(self._indicator_columns(columns))
        if form_ids is None:
            sql, params = f"SELECT {chosen} FROM indicators ORDER BY form_id, seq", ()
        else:
            sql = (
                f"SELECT {chosen} FROM indicators WHERE form_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY form_id, seq"
            )
            params = (json.dumps(list(form_ids)),)
        frame = self._frame(sql, params)
        return _with_flags(frame, tuple(c for c in _INDICATOR_FLAGS if c in frame.columns))

    def _indicator_columns(self, columns: Sequence[str]) -> list[str]:
        """``columns`` checked against the indicators table (they are put into SQL)."""
        known = {
            row[1] for row in _retry(lambda: self._conn.execute("PRAGMA table_info(indicators)").fetchall())
        }
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"no such indicator columns: {', '.join(unknown)}")
        return list(columns)

    def projects_frame(self) -> pd.DataFrame:
        """One row per project of every form: its code, name and budget (万元), in form order."""
        return self._frame("SELECT form_id, idx, code, name, budget FROM projects ORDER BY form_id, idx", ())

    def all_forms(self) -> list[Form]:
        """Every stored form, rebuilt from its JSON (the quality engine's input)."""
        rows = _retry(lambda: self._conn.execute("SELECT doc_json FROM forms ORDER BY form_id").fetchall())
        return [Form.from_dict(json.loads(row[0])) for row in rows]

    def forms_by_id(self, form_ids: Sequence[str]) -> list[Form]:
        """The stored forms named, in form_id order (as :meth:`all_forms` gives them)."""
        sql = "SELECT doc_json FROM forms WHERE form_id IN (SELECT value FROM json_each(?)) ORDER BY form_id"
        rows = _retry(lambda: self._conn.execute(sql, (json.dumps(list(form_ids)),)).fetchall())
        return [Form.from_dict(json.loads(row[0])) for row in rows]

    def form_places(self) -> list[FormPlace]:
        """Every form's identity and place, in form_id order, without reading the forms."""
        sql = "SELECT form_id, source, unit_name, county, township, year FROM forms ORDER BY form_id"
        return [FormPlace(*row) for row in _retry(lambda: self._conn.execute(sql).fetchall())]

    def indicator_names(self) -> list[tuple[str, str]]:
        """(form_id, name) of every named indicator."""
        sql = "SELECT form_id, name FROM indicators WHERE name IS NOT NULL AND name != ''"
        return _retry(lambda: self._conn.execute(sql).fetchall())

    def forms_mentioning(self, county: str, text: str) -> list[str]:
        """The county's forms whose stored JSON holds ``text`` (every form of it, if JSON would escape it)."""
        if json.dumps(text, ensure_ascii=False)[1:-1] != text:
            sql, params = "SELECT form_id FROM forms WHERE county = ?", (county,)
        else:
            sql, params = (
                "SELECT form_id FROM forms WHERE county = ? AND instr(doc_json, ?) > 0",
                (county, text),
            )
        return [row[0] for row in _retry(lambda: self._conn.execute(sql, params).fetchall())]

    # ---- the quality engine's results -------------------------------------------------
    def cached_rule_findings(
        self, engine: str, form_ids: Sequence[str] | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """Per-form rule findings computed by this engine version (reused on rescoring), of every
        form or of those named."""
        sql, params = "SELECT form_id, findings_json FROM rule_cache WHERE engine = ?", (engine,)
        if form_ids is not None:
            sql += " AND form_id IN (SELECT value FROM json_each(?))"
            params = (engine, json.dumps(list(form_ids)))
        rows = _retry(lambda: self._conn.execute(sql, params).fetchall())
        return {form_id: json.loads(found) for form_id, found in rows}

    def matched_texts(self) -> set[str]:
        rows = _retry(lambda: self._conn.execute("SELECT text FROM match_texts").fetchall())
        return {row[0] for row in rows}

    def matching_threshold(self) -> float | None:
        """The similarity threshold the stored text pairs were found at (None before any)."""
        row = _retry(
            lambda: self._conn.execute("SELECT value FROM meta WHERE key = 'match_threshold'").fetchone()
        )
        return float(row[0]) if row else None

    def reset_matching(self, threshold: float) -> None:
        """Forget the stored pairs (found at another threshold) and record the new threshold."""

        def reset(conn: sqlite3.Connection) -> bool:
            conn.execute("DELETE FROM text_pairs")
            conn.execute("DELETE FROM match_texts")
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('match_threshold', ?)", (str(threshold),)
            )
            return True

        self._write(reset)

    def unscored_form_ids(self) -> list[str]:
        sql = "SELECT form_id FROM forms WHERE form_id NOT IN (SELECT form_id FROM scores) ORDER BY form_id"
        return [row[0] for row in _retry(lambda: self._conn.execute(sql).fetchall())]

    def scored_with(self) -> tuple[str | None, int]:
        """The engine key of the last scoring run and how many forms were scored then; (None, 0)
        when the scores stored were not written with the rows' texts (:meth:`row_texts`)."""

        def read() -> tuple[str | None, int]:
            found = dict(
                self._conn.execute(
                    "SELECT key, value FROM meta WHERE key IN ('scored_engine', 'scored_forms')"
                ).fetchall()
            )
            return found.get("scored_engine"), int(found.get("scored_forms", 0))

        return _retry(read)

    def count_scored(self) -> int:
        return self._scalar("SELECT count(*) FROM scores")

    def row_texts(self) -> list[tuple[str, int, str, bool]]:
        """(form_id, seq, text, whether the text is the row's name's) of every scored row that is
        compared (:func:`lib.quality.corpus.named_row_texts`), in form_id and seq order."""
        sql = (
            "SELECT r.form_id, r.seq, m.text, r.named FROM row_texts r JOIN match_texts m ON m.id = r.text "
            "ORDER BY r.form_id, r.seq"
        )
        return _retry(lambda: self._conn.execute(sql).fetchall())

    def known_texts(self, texts: Sequence[str]) -> set[str]:
        """Those of ``texts`` the matcher has matched already."""
        sql = "SELECT text FROM match_texts WHERE text IN (SELECT value FROM json_each(?))"
        params = (json.dumps(list(texts), ensure_ascii=False),)
        return {row[0] for row in _retry(lambda: self._conn.execute(sql, params).fetchall())}

    def text_pairs_of(self, texts: Sequence[str]) -> list[tuple[str, str, float]]:
        """Every stored near-duplicate pair one of whose texts is one of ``texts``."""
        sql = (
            "WITH wanted AS (SELECT id FROM match_texts WHERE text IN (SELECT value FROM json_each(?))), "
            "found AS (SELECT a, b, ratio FROM text_pairs WHERE a IN wanted "
            "UNION SELECT a, b, ratio FROM text_pairs WHERE b IN wanted) "
            "SELECT ta.text, tb.text, found.ratio FROM found "
            "JOIN match_texts ta ON ta.id = found.a JOIN match_texts tb ON tb.id = found.b"
        )
        params = (json.dumps(list(texts), ensure_ascii=False),)
        return _retry(lambda: self._conn.execute(sql, params).fetchall())

    def text_pairs(self) -> list[tuple[str, str, float]]:
        """Every near-duplicate pair of row texts the matcher has found."""

        def read() -> list[tuple[str, str, float]]:
            text_of = dict(self._conn.execute("SELECT id, text FROM match_texts").fetchall())
            rows = self._conn.execute("SELECT a, b, ratio FROM text_pairs").fetchall()
            return [(text_of[a], text_of[b], ratio) for a, b, ratio in rows]

        return _retry(read)

    def save_quality(self, results: QualityResults) -> bool:
        """Replace the scores, findings, flags and blocks (of every form, or of ``results.only``),
        and add new matching work, in one transaction. False, saving nothing, when the store
        changed since ``results.data_version`` (if given)."""
        return self._write(lambda conn: _save_quality(conn, results))

    def scores_frame(self, with_forms: bool = True) -> pd.DataFrame:
        """One row per scored form: scores joined to the form's identity and budget (unless ``with_forms`` is
        False: then its ``form_id`` alone), with its ``gates`` (a tuple of codes)."""
        import pandas as pd

        identity, table = (
            (_FORM_COLUMNS, "forms JOIN scores s USING (form_id)") if with_forms else ("form_id", "scores s")
        )
        shown = ", ".join(f"s.{column}" for column in _SCORES_SHOWN.split(", ") if column != "form_id")
        sql = f"SELECT {identity}, {shown} FROM {table} ORDER BY s.score, form_id"  # read from index scores_shown
        frame = _with_flags(self._frame(sql, ()), _FORM_FLAGS if with_forms else ())
        gates = json.loads(f"[{','.join(frame['gates'])}]")  # one parse for every form's list
        return frame.assign(gates=pd.Series([tuple(g) for g in gates], index=frame.index, dtype=object))

    def findings_frame(
        self, form_id: str | None = None, columns: Sequence[str] = FINDING_COLUMNS
    ) -> pd.DataFrame:
        """Every form's findings, or one form's (``columns`` of them: a list of many forms that shows a few
        findings' messages reads those with :meth:`finding_texts`)."""

        where, params = ("", ()) if form_id is None else (" WHERE form_id = ?", (form_id,))
        return self._text_frame(
            f"SELECT {', '.join(columns)} FROM findings{where} ORDER BY form_id, idx", params
        )

    def finding_texts(self, keys: Sequence[tuple[str, int]]) -> pd.DataFrame:
        """The ``message`` and ``seqs`` of the findings named by (form_id, idx)."""
        import pandas as pd

        sql = "SELECT form_id, idx, message, seqs FROM findings WHERE form_id = ? AND idx = ?"

        def read() -> list[tuple]:
            return [row for key in keys for row in self._conn.execute(sql, key).fetchall()]

        return pd.DataFrame(_retry(read), columns=["form_id", "idx", "message", "seqs"], dtype=object).astype(
            {"idx": INTEGER["idx"]}
        )

    def flags_frame(self, form_id: str | None = None) -> pd.DataFrame:
        """Every form's row flags, or one form's."""
        where, params = ("", ()) if form_id is None else (" WHERE form_id = ?", (form_id,))
        return self._frame(
            f"SELECT form_id, seq, flag, other_form_id, other_seq FROM flags{where} ORDER BY form_id, seq, flag",
            params,
        )

    def phrase_texts(self) -> dict[str, str]:
        """The stock phrases the last scoring run found: key → the phrase as shown."""
        return dict(_retry(lambda: self._conn.execute("SELECT key, text FROM phrases").fetchall()))

    def phrases_frame(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM phrases ORDER BY source, units DESC, key", ())

    # ---- the dashboard's aggregates (issue 14) ----------------------------------------------
    def level_counts_frame(self) -> pd.DataFrame:
        """Indicators per form and (level 1, level 2, kind): ``n``."""
        return self._frame("SELECT form_id, level1, level2, kind, n FROM level_counts ORDER BY form_id", ())

    def value_counts_frame(self) -> pd.DataFrame:
        """Indicators per form and value of ``field`` (``operator``, missing included; ``unit``, written only): ``n``."""
        return self._frame("SELECT form_id, field, value, n FROM value_counts ORDER BY form_id", ())

    def copy_counts_frame(self) -> pd.DataFrame:
        """Per form, the rows flagged as copied from each other form: ``n``."""
        return self._text_frame(
            "SELECT form_id, other_form_id, n FROM copy_counts ORDER BY form_id, other_form_id"
        )

    def row_text_ids(self) -> pd.DataFrame:
        """Per form (``form_id``), ``texts``: the ids of its rows' matched texts (:meth:`row_texts`), in row
        order, of the rows the dashboard compares by wording: by their name, else (no name) their description."""
        import numpy as np
        import pandas as pd

        sql = (  # scanned in the table's key order (form_id, seq): no sort, a third of the time of a subquery's
            "SELECT form_id, group_concat(text) FROM row_texts r WHERE r.named = 1 "
            "OR EXISTS (SELECT 1 FROM indicators i WHERE i.form_id = r.form_id AND i.seq = r.seq AND i.name IS NULL) "
            "GROUP BY form_id ORDER BY form_id"
        )
        rows = _retry(lambda: self._conn.execute(sql).fetchall())
        texts = [np.array(ids.split(","), dtype=np.int64) for _, ids in rows]
        return pd.DataFrame(
            {"form_id": [form_id for form_id, _ in rows], "texts": pd.Series(texts, dtype=object)}
        )

    def text_examples(self, uses: Sequence[tuple[int, str]]) -> pd.DataFrame:
        """Per (text id, form_id) given: ``key``, the matched text, and ``wording``, the first row of that form
        with it as written (its name, else its description)."""
        import pandas as pd

        sql = (
            "SELECT m.text, coalesce(i.name, i.description) FROM row_texts r JOIN match_texts m ON m.id = r.text "
            "JOIN indicators i ON i.form_id = r.form_id AND i.seq = r.seq WHERE r.text = ? AND r.form_id = ? "
            "AND (r.named = 1 OR i.name IS NULL) ORDER BY r.seq LIMIT 1"
        )

        def first_row(text: int, form_id: str) -> tuple:
            return _retry(lambda: self._conn.execute(sql, (text, form_id)).fetchone()) or (None, None)

        found = [(text, form_id, *first_row(text, form_id)) for text, form_id in uses]
        return pd.DataFrame(found, columns=["text", "form_id", "key", "wording"])

    def level2_values(self, level2: str, form_ids: Sequence[str]) -> pd.DataFrame:
        """The target parts (operator, target, unit, as written) of one level-2 category's rows, of the forms named."""
        sql = (
            "SELECT form_id, operator, target, unit, value_raw FROM indicators INDEXED BY indicators_level2 "
            "WHERE level2 = ? AND form_id IN (SELECT value FROM json_each(?)) ORDER BY form_id"
        )
        return self._frame(sql, (level2, json.dumps(list(form_ids))))

    # ---- the reviewer's word ------------------------------------------------------------
    def add_review(self, form_id: str, action: str, text: str, finding_key: str | None = None) -> None:
        """Dismiss a finding (``action="dismiss"``, with the reason) or add a remark, with the time."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._write(
            lambda conn: bool(
                conn.execute(
                    "INSERT INTO reviews (form_id, finding_key, action, text, at) VALUES (?, ?, ?, ?, ?)",
                    (form_id, finding_key, action, text, now),
                )
            )
        )

    def dismissals(self) -> dict[str, dict[str, str]]:
        """form_id → finding key → the reason of its latest dismissal."""
        rows = _retry(
            lambda: self._conn.execute(
                "SELECT form_id, finding_key, text FROM reviews WHERE action = 'dismiss' ORDER BY id"
            ).fetchall()
        )
        found: dict[str, dict[str, str]] = {}
        for form_id, key, reason in rows:
            found.setdefault(form_id, {})[key] = reason
        return found

    def reviews_frame(self, form_id: str | None = None) -> pd.DataFrame:
        sql = "SELECT form_id, finding_key, action, text, at FROM reviews"
        if form_id is None:
            return self._frame(f"{sql} ORDER BY form_id, id", ())
        return self._frame(f"{sql} WHERE form_id = ? ORDER BY id", (form_id,))

    def score_results(self) -> list[dict[str, Any]]:
        """Every stored score as the JSON object ``python -m lib score --json`` prints."""
        rows = _retry(
            lambda: self._conn.execute("SELECT result_json FROM scores ORDER BY score, form_id").fetchall()
        )
        return [json.loads(row[0]) for row in rows]

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return _retry(lambda: self._conn.execute(sql, params).fetchone()[0])

    def _text_frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """A query's rows, text kept as Python strings (inferring pandas' string type costs about a third of a
        CPU second per 200,000 rows: the findings of 20,000 forms) and the columns named in :data:`INTEGER`
        as integers. For the tables whose text is only compared or shown: grouping and mapping are faster on
        pandas' own string type (the level and value counts keep it)."""
        import pandas as pd

        def read() -> tuple[list[str], list[tuple]]:
            cursor = self._conn.execute(sql, params)
            return [column[0] for column in cursor.description], cursor.fetchall()

        columns, rows = _retry(read)
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        return frame.astype({column: INTEGER[column] for column in columns if column in INTEGER})

    def _frame(self, sql: str, params: Sequence[Any]) -> pd.DataFrame:
        import pandas as pd

        return _retry(lambda: pd.read_sql_query(sql, self._conn, params=params))

    def _write(self, work: Callable[[sqlite3.Connection], bool]) -> bool:
        """Run ``work`` in one immediate transaction, bumping the data version when it changed something."""

        def attempt() -> bool:
            with _transaction(self._conn) as conn:
                changed = work(conn)
                if changed:
                    conn.execute(
                        "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'"
                    )
                return changed

        return _retry(attempt)


def open_store(path: str | Path | None = None) -> Store:
    """Open (creating folder, file and schema on first use) the store at ``path`` or the default."""
    db_path = Path(path) if path is not None else settings.default_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        _configure(conn)
        _retry(lambda: _migrate(conn))
    except BaseException:
        conn.close()
        raise
    return Store(db_path, conn)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(settings.get('busy_timeout_ms'))}")
    conn.execute("PRAGMA foreign_keys = ON")
    _retry(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to :data:`SCHEMA_VERSION`, one version per transaction."""
    while (version := _schema_version(conn)) != SCHEMA_VERSION:
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {version} is newer than this program's ({SCHEMA_VERSION})"
            )
        with _transaction(conn):
            if _schema_version(conn) == version:  # else another process migrated it meanwhile
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")


def _schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back if anything fails (the commit included)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def _retry(action: Callable[[], T]) -> T:
    """Run ``action``, trying again with doubling waits while the database is locked or busy."""
    for wait in _waits():
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not _is_lock_error(exc):
                raise
            time.sleep(wait)
    return action()


def _waits() -> Iterator[float]:
    tries = max(1, int(settings.get("lock_retries")))
    return (_FIRST_WAIT_S * 2**n for n in range(tries - 1))


def _is_lock_error(exc: sqlite3.OperationalError) -> bool:
    message = str(exc).lower()
    return "database is locked" in message or "database is busy" in message


def _insert_form(conn: sqlite3.Connection, form: Form, now: str) -> bool:
    data = form.to_dict()
    if not _insert(conn, "forms", [_form_row(data, now)], ignore=True):
        return False
    _insert_children(conn, data)
    return True


def _insert_children(conn: sqlite3.Connection, data: dict[str, Any]) -> None:
    """The rows that hang off a form: indicators, projects, warnings, unparsed text."""
    form_id = data["form_id"]
    _insert(conn, "indicators", [_indicator_row(form_id, ind) for ind in data["indicators"]])
    _insert(conn, "projects", _indexed(form_id, data["projects"], ("code", "name", "budget", "goal")))
    _insert(conn, "warnings", _indexed(form_id, data["warnings"], ("code", "message", "source_ref")))
    _insert(conn, "unparsed", _indexed(form_id, data["unparsed"], ("source_ref", "text")))


@dataclass
class QualityResults:
    """What one scoring run writes: every form's result, and the new matching work."""

    scores: list[dict[str, Any]]  # FormScore.to_dict() plus "carry_share"
    blocks: list[tuple[str, int, int, str, int]]
    phrases: list[tuple[str, str, int, str]]
    rule_cache: dict[str, list[dict[str, Any]]]  # only forms whose rules ran this time
    engine: str
    new_texts: list[str] = field(default_factory=list)
    new_pairs: list[tuple[str, str, float]] = field(default_factory=list)
    row_texts: list[tuple[str, int, str]] = field(
        default_factory=list
    )  # (form_id, seq, text) of the forms scored
    only: list[str] | None = None  # the forms these results replace (None: every form, a full run)
    data_version: int | None = None  # the store's data version these results were computed from


@dataclass(frozen=True)
class FormPlace:
    """A form's identity and place: what scoring needs of the forms it does not read."""

    form_id: str
    source: str
    unit_name: str | None
    county: str | None
    township: str | None
    year: int | None


def _save_quality(conn: sqlite3.Connection, results: QualityResults) -> bool:
    if results.data_version is not None and results.data_version != int(
        conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0]
    ):
        return False
    replaced = "" if results.only is None else " WHERE form_id IN (SELECT value FROM json_each(?))"
    chosen = () if results.only is None else (json.dumps(results.only),)
    stored = {
        form_id: rest
        for form_id, *rest in conn.execute(
            f"SELECT form_id, carry_share, result_json FROM scores{replaced}", chosen
        )
    }
    kept = {  # unchanged results: their rows stay as they are
        result["form_id"]
        for result in results.scores
        if stored.get(result["form_id"]) == [result.get("carry_share"), _result_json(result)]
    }
    for table in ("scores", "findings", "flags"):
        conn.executemany(f"DELETE FROM {table} WHERE form_id = ?", [(f,) for f in stored if f not in kept])
    for result in results.scores:
        if result["form_id"] not in kept:
            _insert_score(conn, result)
    _refresh_aggregates(
        conn, [result["form_id"] for result in results.scores if result["form_id"] not in kept]
    )
    conn.execute(f"DELETE FROM copy_blocks{replaced}", chosen)
    conn.execute("DELETE FROM phrases")
    conn.executemany("INSERT INTO copy_blocks VALUES (?, ?, ?, ?, ?)", results.blocks)
    conn.executemany("INSERT INTO phrases VALUES (?, ?, ?, ?)", results.phrases)
    conn.executemany(
        "INSERT OR REPLACE INTO rule_cache VALUES (?, ?, ?)",
        [
            (fid, results.engine, json.dumps(found, ensure_ascii=False))
            for fid, found in results.rule_cache.items()
        ],
    )
    conn.executemany("INSERT OR IGNORE INTO match_texts (text) VALUES (?)", [(t,) for t in results.new_texts])
    id_of = _text_ids(conn, None if results.only is None else results)
    conn.executemany(
        "INSERT OR IGNORE INTO text_pairs VALUES (?, ?, ?)",
        sorted((id_of[a], id_of[b], ratio) for a, b, ratio in results.new_pairs),
    )
    if results.only is None:
        conn.execute("DELETE FROM row_texts")
    conn.executemany(
        "INSERT OR REPLACE INTO row_texts VALUES (?, ?, ?, ?)",
        sorted((form_id, seq, id_of[text], int(named)) for form_id, seq, text, named in results.row_texts),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [
            ("scored_engine", results.engine),
            ("scored_forms", str(conn.execute("SELECT count(*) FROM scores").fetchone()[0])),
        ],
    )
    return True


def _refresh_aggregates(conn: sqlite3.Connection, form_ids: list[str]) -> None:
    """Rewrite the per-form aggregates (:data:`_AGGREGATE_ROWS`) of the forms named from their rows."""
    selected, chosen = "form_id IN (SELECT value FROM json_each(?))", (json.dumps(form_ids),)
    for table in dict.fromkeys(table for table, _ in _AGGREGATE_ROWS):
        conn.execute(f"DELETE FROM {table} WHERE {selected}", chosen)
    for table, select in _AGGREGATE_ROWS:
        conn.execute(f"INSERT INTO {table} {select.format(selected=selected)}", chosen)


def _text_ids(conn: sqlite3.Connection, results: QualityResults | None) -> dict[str, int]:
    """The ids of every matched text, or of those the results name (a few forms' results)."""
    if results is None:
        return dict(conn.execute("SELECT text, id FROM match_texts").fetchall())
    texts = {t for a, b, _ in results.new_pairs for t in (a, b)} | {row[2] for row in results.row_texts}
    sql = "SELECT text, id FROM match_texts WHERE text IN (SELECT value FROM json_each(?))"
    return dict(conn.execute(sql, (json.dumps(sorted(texts), ensure_ascii=False),)).fetchall())


def _result_json(result: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in result.items() if k != "carry_share"}, ensure_ascii=False)


def _insert_score(conn: sqlite3.Connection, result: dict[str, Any]) -> None:
    form_id, dims = result["form_id"], result["dimensions"]
    conn.execute(
        "INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            form_id,
            result["score"],
            result["grade"],
            dims.get("completeness"),
            dims.get("measurability"),
            dims.get("specificity"),
            dims.get("consistency"),
            result["boilerplate_share"],
            result.get("carry_share"),
            _result_json(result),
            dims.get("relevance"),
            dims.get("appropriateness"),
            dims.get("feasibility"),
            result.get("score_before_review"),
            result.get("grade_before_review"),
            json.dumps(result.get("gates", [])),
        ),
    )
    conn.executemany(
        "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                form_id,
                i,
                f["code"],
                f["severity"],
                f["message"],
                json.dumps(f["seqs"]),
                f.get("criterion"),
                f.get("key"),
                f.get("dismissed"),
            )
            for i, f in enumerate(result["findings"])
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO flags VALUES (?, ?, ?, ?, ?)",
        [
            (form_id, int(seq), flag.split(":")[0], *_flag_target(flag))
            for seq, flags in result["indicator_flags"].items()
            for flag in flags
        ],
    )


def _flag_target(flag: str) -> tuple[str | None, int | None]:
    """'copied:<form_id>#<seq>' → (form_id, seq); a plain flag → (None, None)."""
    if ":" not in flag:
        return None, None
    other, _, seq = flag.split(":", 1)[1].partition("#")
    return other, int(seq) if seq.isdigit() else None


def _delete_form(conn: sqlite3.Connection, form_id: str) -> bool:
    return conn.execute("DELETE FROM forms WHERE form_id = ?", (form_id,)).rowcount > 0


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]], ignore: bool = False) -> int:
    """Insert dict rows (all with the same keys) into one of this module's tables; the count inserted."""
    if not rows:
        return 0
    columns = list(rows[0])
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    sql = f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    return conn.executemany(sql, [[row[c] for c in columns] for row in rows]).rowcount


def _form_row(data: dict[str, Any], now: str) -> dict[str, Any]:
    """The ``forms`` row of a form given as :meth:`Form.to_dict` output."""
    return {
        **{name: data[name] for name in _FORM_FIELDS},
        **{f"budget_{name}": data["budget"][name] for name in _BUDGET_FIELDS},
        "budget_unit_suspect": int(data["budget"]["unit_suspect"]),
        "indicator_count": len(data["indicators"]),
        "ingested_at": now,
        "doc_json": json.dumps(data, ensure_ascii=False),
    }


def _indicator_row(form_id: str, indicator: dict[str, Any]) -> dict[str, Any]:
    row = {key: value for key, value in indicator.items() if key not in ("group", "points")}
    points = indicator["points"] or {}
    row.update(
        form_id=form_id,
        group_name=indicator["group"],
        level1_inferred=int(indicator["level1_inferred"]),
        operator_implicit=int(indicator["operator_implicit"]),
        points_full=points.get("full"),
        points_got=points.get("got"),
        confidence_reasons=json.dumps(indicator["confidence_reasons"]),
    )
    return row


def _indexed(form_id: str, items: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of a list-valued field, numbered in form order."""
    return [{"form_id": form_id, "idx": i, **{k: item[k] for k in keys}} for i, item in enumerate(items)]


def _with_flags(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Stored 0/1 flags as booleans."""
    return frame.astype({c: bool for c in columns})
