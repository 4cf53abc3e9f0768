"""Readers: one source document → its normalised forms.

The dispatcher looks at the bytes, not the file name (:mod:`lib.readers.package`): .docx,
.xlsx/.xlsm and PDF files are read into rows of cells by :mod:`word`, :mod:`sheets` and
:mod:`pdf`; text exports are decoded (:mod:`decode`) and split into rows, comma- or
|-separated (:mod:`delimited`) or as Word's text export (:mod:`grid`). Every format's rows go
through the same interpreter (:mod:`interpret`), or the flat-export reader (:mod:`flat`), via
:mod:`form_reading`, so a layout habit is taught in one place. The content reader
(:mod:`pipeline`) reads the same text by what its cells are, and takes over where the
table walk refuses a form or reads fewer of its indicators.
"""

from __future__ import annotations

from pathlib import Path

from lib import settings
from lib.errors import FormError
from lib.model import Form
from lib.readers import package
from lib.readers.decode import decode_text
from lib.readers.delimited import delimited_rows
from lib.readers.form_ids import assign_ids
from lib.readers.form_reading import read_forms, valued_count
from lib.readers.grid import Row, text_rows
from lib.readers.line_tables import looks_line_saved, text_of_csv, text_of_rows
from lib.readers.pdf import read_pdf
from lib.readers.script import without_glosses
from lib.readers.sheets import read_xlsx
from lib.readers.word import read_docx


def parse_file(path: str | Path) -> list[Form]:
    """Read one file into its forms; FormError names the file and the reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise FormError(path.name, f"cannot be opened ({error.strerror or error})") from None
    limit_mb = settings.get("max_file_mb")
    if size > limit_mb * 1024 * 1024:
        raise FormError(path.name, f"larger than the {limit_mb} MB limit ({size / 1048576:.1f} MB)")
    return parse_bytes(path.read_bytes(), path.name)


def parse_bytes(data: bytes, source: str) -> list[Form]:
    """Read one document given as bytes; ``source`` is the name shown in messages."""
    kind = package.sniff(data, source)
    text = None
    if kind == package.DOCX:
        parts, fmt = [read_docx(data, source)], "docx"
    elif kind == package.XLSX:
        parts, fmt = [sheet.rows for sheet in read_xlsx(data, source)], "xlsx"
    elif kind == package.PDF:
        parts, fmt = [read_pdf(data, source)], "pdf"
    else:
        text = without_glosses(decode_text(data, source))  # pinyin notes are no part of the form
        parts, fmt = _text_parts(text, source)
    saved_text = _line_saved_text(parts, kind, text)
    if saved_text is None:
        return assign_ids(read_forms(parts, source, fmt, text), data)
    return assign_ids(_better_reading(parts, source, fmt, text, saved_text), data)


def _line_saved_text(parts: list[list[Row]], kind: str, text: str | None) -> str | None:
    """The text a sheet, Word table or CSV file may have been saved from, line by line."""
    if text is not None:
        return text_of_csv(text)
    rows = [row for part in parts for row in part]
    if kind not in (package.DOCX, package.XLSX) or len(parts) != 1 or not rows:
        return None
    saved = text_of_rows(rows)
    return saved if looks_line_saved(saved) else None


def _better_reading(
    parts: list[list[Row]], source: str, fmt: str, text: str | None, saved: str
) -> list[Form]:
    """The file read as it is and as the text it was saved from: the reading with more indicators."""
    try:
        forms = read_forms(parts, source, fmt, text)
    except FormError as refusal:
        forms, error = [], refusal
    else:
        error = None
    try:
        from_text = read_forms([text_rows(saved)], source, fmt, saved)
    except FormError:
        from_text = []
    text_count, table_count = valued_count(from_text), valued_count(forms)
    if from_text and (text_count > table_count or text_count == table_count and looks_line_saved(saved)):
        return from_text
    if forms:
        return forms
    raise error


def _text_parts(text: str, source: str) -> tuple[list[list[Row]], str]:
    if len(text) > settings.get("max_text_chars"):
        raise FormError(source, f"more than {settings.get('max_text_chars')} characters of text")
    rows = delimited_rows(text)
    if rows is not None:
        return [rows], "csv"
    return [text_rows(text)], "md" if source.lower().endswith(".md") else "txt"
