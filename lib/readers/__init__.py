"""Readers: one source document → normalised forms.

The dispatcher looks at the bytes, not the file name: text exports are decoded and split
into rows of cells (:mod:`lib.readers.grid`); every format's rows go through the same
interpreter (:mod:`lib.readers.interpret`), so a layout habit is taught in one place.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lib import settings
from lib.errors import FormError
from lib.model import Form
from lib.readers.decode import decode_text
from lib.readers.grid import text_rows
from lib.readers.interpret import Interpreter

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"


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
    form_id = hashlib.sha256(data).hexdigest()[:16]
    if data.startswith(_ZIP):
        raise FormError(source, "an Office/zip file: .docx and .xlsx reading is not available yet")
    if data.startswith(_OLE):
        raise FormError(source, "an old binary Office file (.doc/.xls): save it as .docx or .xlsx")
    if data.startswith(b"%PDF"):
        raise FormError(source, "a PDF: PDF reading is not available yet")
    text = decode_text(data, source)
    if len(text) > settings.get("max_text_chars"):
        raise FormError(source, f"more than {settings.get('max_text_chars')} characters of text")
    fmt = "md" if source.lower().endswith(".md") else "txt"
    form = Form(form_id=form_id, source=source, format=fmt, layout="")
    return [Interpreter(form).read(text_rows(text))]
