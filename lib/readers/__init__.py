"""Readers: one source document → its normalised forms.

The dispatcher looks at the bytes, not the file name (:mod:`lib.readers.package`): .docx,
.xlsx/.xlsm and PDF files are read into rows of cells by :mod:`word`, :mod:`sheets` and
:mod:`pdf`, old binary .doc/.wps and .xls/.et files by :mod:`worddoc` and :mod:`xls`; text
exports are decoded (:mod:`decode`) and split into rows, comma- or |-separated (:mod:`delimited`) or as Word's text export (:mod:`grid`). Every format's rows go
through the same interpreter (:mod:`interpret`), or the flat-export reader (:mod:`flat`), via
:mod:`units`, so a layout habit is taught in one place.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lib import settings
from lib.errors import FormError
from lib.model import Form
from lib.readers import package
from lib.readers.decode import decode_text
from lib.readers.delimited import delimited_rows
from lib.readers.forms import assign_ids
from lib.readers.grid import Row, text_rows
from lib.readers.hygiene import clean_rows, clean_text, warn_removed
from lib.readers.pdf import read_pdf
from lib.readers.sheets import read_xlsx
from lib.readers.units import read_forms
from lib.readers.word import read_docx
from lib.readers.worddoc import read_doc
from lib.readers.xls import read_xls


def parse_file(path: str | Path) -> list[Form]:
    """Read one file into its forms; FormError names the file and the reason."""
    path = Path(path)
    return parse_bytes(read_source(path), path.name)


def read_source(path: Path) -> bytes:
    """A source file's bytes, once its size is within ``max_file_mb``; FormError otherwise."""
    try:
        size = path.stat().st_size
        limit_mb = settings.get("max_file_mb")
        if size > limit_mb * 1024 * 1024:
            raise FormError(path.name, f"larger than the {limit_mb} MB limit ({size / 1048576:.1f} MB)")
        return path.read_bytes()
    except OSError as error:
        raise FormError(path.name, f"cannot be opened ({error.strerror or error})") from None


def parse_bytes(data: bytes, source: str) -> list[Form]:
    """Read one document given as bytes; ``source`` is the name shown in messages."""
    kind = package.sniff(data, source)
    removed: Counter[str] = Counter()  # characters taken out by text hygiene (lib.readers.hygiene)
    if kind == package.DOCX:
        parts, fmt = [read_docx(data, source)], "docx"
    elif kind == package.XLSX:
        parts, fmt = [sheet.rows for sheet in read_xlsx(data, source)], "xlsx"
    elif kind == package.DOC:
        parts, fmt = [read_doc(data, source)], "doc"
    elif kind == package.XLS:
        parts, fmt = [sheet.rows for sheet in read_xls(data, source)], "xls"
    elif kind == package.PDF:
        parts, fmt = [read_pdf(data, source)], "pdf"
    else:
        parts, fmt = _text_parts(data, source, removed)
    removed += clean_rows(parts)
    forms = read_forms(parts, source, fmt)
    warn_removed(forms, removed)
    return assign_ids(forms, data, source)


def _text_parts(data: bytes, source: str, removed: Counter[str]) -> tuple[list[list[Row]], str]:
    text = clean_text(decode_text(data, source), removed)  # before lines are split: U+0085 breaks one
    if len(text) > settings.get("max_text_chars"):
        raise FormError(source, f"more than {settings.get('max_text_chars')} characters of text")
    rows = delimited_rows(text)
    if rows is not None:
        return [rows], "csv"
    return [text_rows(text)], "md" if source.lower().endswith(".md") else "txt"
