"""Files and folders into the store: find the source files, parse each, add its forms.

A file either adds its forms (with a reviewer's stored corrections applied again, see
:mod:`lib.corrections`) or reports why it could not be read; a file whose parse failed
writes nothing, and one bad file never stops the others. Each form goes in its own transaction.
"""

from __future__ import annotations

import os
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lib import corrections, settings
from lib.errors import FormError
from lib.i18n import t
from lib.model import Form
from lib.readers import read_source
from lib.readers.worker import READERS, parse_bytes_budgeted, unexpected
from lib.store import Store

SOURCE_SUFFIXES = frozenset(
    {".txt", ".md", ".csv", ".tsv", ".docx", ".xlsx", ".xlsm", ".pdf", ".xls", ".doc", ".et", ".wps"}
)
"""Files a folder walk picks up; a file named explicitly is attempted whatever its suffix."""

Status = Literal["added", "present", "error"]


@dataclass(frozen=True)
class IngestResult:
    """What happened to one source file."""

    source: str
    status: Status
    form_ids: list[str] = field(default_factory=list)
    error: FormError | None = None
    indicators: int = 0

    def line(self, lang: str) -> str:
        """The one-line report printed by ``python -m lib ingest``: one line whatever the file's name."""
        if self.status == "added":
            return escaped(t("ingest.added", lang, source=self.source, indicators=self.indicators))
        if self.status == "present":
            return escaped(t("ingest.present", lang, source=self.source))
        reason = self.error.text(lang) if self.error else ""
        return escaped(t("ingest.error", lang, source=self.source, reason=reason))


def escaped(text: str) -> str:
    """``text`` with every unprintable character (newline, tab, controls, bidi) written as a
    ``repr``-style escape, so a file name can neither forge a line nor reverse one."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def ingest_paths(paths: Iterable[str | Path], store: Store) -> list[IngestResult]:
    """Ingest files and folders (walked recursively); one result per file, in order."""
    return list(iter_ingest(paths, store))


def iter_ingest(paths: Iterable[str | Path], store: Store) -> Iterator[IngestResult]:
    """:func:`ingest_paths` one file at a time, for callers that report progress as it happens.

    Files are read :data:`~lib.readers.worker.READERS` at a time, each within its own budget by
    a reading worker process (:mod:`lib.readers.worker`), by threads of this process (a pool of processes around
    the workers deadlocked when ingests overlapped); this thread stores them one at a time, in
    the order of the files, a few files behind the readers.
    """
    with ThreadPoolExecutor(max_workers=READERS) as readers:
        reading: deque[tuple[Path, Future[list[Form] | str]]] = deque()
        for path in iter_source_files(paths):
            reading.append((path, readers.submit(_parsed, path)))
            if len(reading) > 2 * READERS:  # read ahead by a few files, not the whole folder
                yield _stored(*reading.popleft(), store)
        while reading:
            yield _stored(*reading.popleft(), store)


def _stored(path: Path, parsed: Future[list[Form] | str], store: Store) -> IngestResult:
    """Add the forms read from one file; every failure becomes an ``error`` result."""
    return _added(path, parsed.result(), store)


def _parsed(path: Path) -> list[Form] | FormError:
    """The file's forms, or why it could not be read (runs in a worker process too)."""
    try:
        return parse_source(path)
    except FormError as error:
        return error


def _added(path: Path, parsed: list[Form] | FormError, store: Store) -> IngestResult:
    source = str(path)
    if isinstance(parsed, FormError):
        return IngestResult(source, "error", error=parsed)
    try:
        added = [corrections.add_form(store, form) for form in parsed]
    except FormError as error:
        return IngestResult(source, "error", error=error)
    except sqlite3.DatabaseError:  # the store itself is damaged or read-only: no file can go in
        raise
    except Exception as error:  # a bug: reported on its line, never a traceback
        return IngestResult(source, "error", error=unexpected(source, error))
    return IngestResult(
        source,
        "added" if any(added) else "present",
        form_ids=[form.form_id for form in parsed],
        indicators=sum(len(form.indicators) for form, new in zip(parsed, added, strict=True) if new),
    )


def parse_source(path: Path) -> list[Form]:
    """The forms of one file, read in the worker process within the reading budget
    (:mod:`lib.readers.worker`); any failure (or no form at all) is a :class:`FormError`."""
    try:
        forms = parse_bytes_budgeted(read_source(path), path.name)
    except FormError:
        raise
    except Exception as error:
        raise unexpected(str(path), error) from error
    if not forms:
        raise FormError(str(path), "no_form")
    check_scorable(forms, path.name)
    return forms


def check_scorable(forms: list[Form], source: str) -> None:
    """FormError for a form with more indicators than ``max_indicators_per_form``: judging it
    would take minutes (near-identical rows are compared pairwise), so it is refused whole."""
    most = int(settings.get("max_indicators_per_form"))
    for form in forms:
        if len(form.indicators) > most:
            form_name = form.unit_name or form.form_id
            raise FormError(
                source, "too_many_indicators", form=form_name, count=len(form.indicators), limit=most
            )


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Each path given; for a folder, its source files in sorted order, recursively."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    """Source files under ``folder``: no hidden files or folders, no README.md."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _is_source_name(name):
                yield Path(root, name)


def _is_source_name(name: str) -> bool:
    return (
        not name.startswith(".")
        and name.lower() != "readme.md"
        and Path(name).suffix.lower() in SOURCE_SUFFIXES
    )
