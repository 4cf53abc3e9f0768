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
from lib.readers.form_reading import read_forms
from lib.readers.grid import Row, text_rows
from lib.readers.pdf import read_pdf
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
        text = decode_text(data, source)
        parts, fmt = _text_parts(text, source)
    return assign_ids(read_forms(parts, source, fmt, text), data)


def _text_parts(text: str, source: str) -> tuple[list[list[Row]], str]:
    if len(text) > settings.get("max_text_chars"):
        raise FormError(source, f"more than {settings.get('max_text_chars')} characters of text")
    rows = delimited_rows(text)
    if rows is not None:
        return [rows], "csv"
    return [text_rows(text)], "md" if source.lower().endswith(".md") else "txt"
