"""Ingest: which files a folder walk picks, and how each file's outcome is reported.

Parsing is stubbed here so these tests pin down ingest's own behaviour; test_cli.py runs the
real readers on the bundled samples.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from factories import make_form

from lib import ingest
from lib.errors import FormError
from lib.ingest import IngestResult, ingest_paths, iter_source_files
from lib.model import Form
from lib.store import open_store


def _stub_parse(data: bytes, source: str) -> list[Form]:
    """Contents decide: 'bad' → FormError, 'boom' → a bug, 'none' → no form, else one form."""
    if data == b"bad":
        raise FormError(source, "not_a_form")
    if data == b"boom":
        raise ValueError("oops")
    if data == b"none":
        return []
    return [make_form(form_id=hashlib.sha256(data).hexdigest()[:16], source=source)]


@pytest.fixture
def stub_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "parse_bytes_budgeted", _stub_parse)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_folder_walk_is_sorted_recursive_and_skips_hidden_readme_and_other_suffixes(tmp_path):
    _write(
        tmp_path,
        {
            "b.txt": "",
            "a.DOCX": "",
            "README.md": "",
            "notes.md": "",
            ".hidden.txt": "",
            "data.json": "",
            "sub/c.xlsx": "",
            "sub/readme.MD": "",
            ".git/d.txt": "",
            "sub/.cache/e.csv": "",
        },
    )
    found = [p.relative_to(tmp_path).as_posix() for p in iter_source_files([tmp_path])]
    assert found == ["a.DOCX", "b.txt", "notes.md", "sub/c.xlsx"]


def test_explicit_paths_are_always_attempted(tmp_path):
    _write(tmp_path, {"README.md": "", "form.json": ""})
    given = [tmp_path / "README.md", tmp_path / "form.json", tmp_path / "missing.txt"]
    assert list(iter_source_files(given)) == given


def test_each_file_reports_its_outcome_and_failures_write_nothing(tmp_path, tmp_db, stub_parse):
    _write(
        tmp_path,
        {"1.txt": "form one", "2.txt": "bad", "3.txt": "boom", "4.txt": "none", "5.txt": "form five"},
    )
    with open_store(tmp_db) as store:
        results = ingest_paths([tmp_path], store)
        assert store.count_forms() == 2
    assert [(Path(r.source).name, r.status) for r in results] == [
        ("1.txt", "added"),
        ("2.txt", "error"),
        ("3.txt", "error"),
        ("4.txt", "error"),
        ("5.txt", "added"),
    ]
    assert [r.error.code for r in results[1:4]] == ["not_a_form", "unexpected", "no_form"]
    assert results[2].error.reason == "unexpected error: ValueError: oops"
    assert results[3].error.text("zh") == "文件中没有找到绩效目标表"
    assert results[0].indicators == 4 and len(results[0].form_ids) == 1


def test_second_ingest_reports_present(tmp_path, tmp_db, stub_parse):
    _write(tmp_path, {"1.txt": "form one"})
    with open_store(tmp_db) as store:
        first = ingest_paths([tmp_path], store)
        second = ingest_paths([tmp_path], store)
        assert store.data_version() == 1
    assert [r.status for r in first + second] == ["added", "present"]
    assert second[0].form_ids == first[0].form_ids


def test_a_store_failure_is_reported_not_raised(tmp_path, tmp_db, stub_parse, monkeypatch):
    _write(tmp_path, {"1.txt": "form one"})

    def full_disk(form: Form) -> bool:
        raise OSError("disk full")

    with open_store(tmp_db) as store:
        monkeypatch.setattr(store, "add_form", full_disk)
        [result] = ingest_paths([tmp_path], store)
    assert (result.status, result.error.reason) == ("error", "unexpected error: OSError: disk full")


@pytest.mark.parametrize(
    ("result", "line"),
    [
        (IngestResult("a/x.txt", "added", ["f"], indicators=12), "added a/x.txt (12 indicators)"),
        (IngestResult("a/x.txt", "present", ["f"]), "already present a/x.txt"),
        (
            IngestResult("a/x.txt", "error", error=FormError("x.txt", "empty")),
            "error a/x.txt: the file is empty",
        ),
    ],
)
def test_result_lines(result, line):
    assert result.line("en") == line


def test_result_lines_in_chinese():
    refused = IngestResult("a/x.txt", "error", error=FormError("x.txt", "empty"))
    assert refused.line("zh") == "未导入 a/x.txt：文件是空的"


def test_a_folder_is_read_two_files_at_a_time_and_stored_in_file_order(
    tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each read waits at a barrier for a second one: with files read one at a time, every read
    would break the barrier and end as an error."""
    monkeypatch.setattr(ingest, "READERS", 2)
    meeting = threading.Barrier(2, timeout=30)

    def read_beside_another(data: bytes, source: str) -> list[Form]:
        meeting.wait()
        return _stub_parse(data, source)

    monkeypatch.setattr(ingest, "parse_bytes_budgeted", read_beside_another)
    _write(tmp_path, {f"{n:02d}.txt": f"form {n}" for n in range(8)} | {"04.txt": "bad"})
    with open_store(tmp_db) as store:
        results = ingest_paths([tmp_path], store)
        assert [Path(r.source).name for r in results] == [f"{n:02d}.txt" for n in range(8)]
        assert [r.status for r in results] == ["added"] * 4 + ["error"] + ["added"] * 3
        assert store.count_forms() == 7
