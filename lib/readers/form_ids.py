"""Forms out of one file: identities, and the small form-level steps every reader shares.

A file holding one unit's form is identified by the hash of its bytes (SCHEMA.md); a file holding
several units' forms (a flat export, a workbook with a sheet per unit) gives each unit the first
16 hex characters of sha256(file bytes + b"\\0" + unit name), stable and distinct.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from lib.errors import FormError
from lib.model import Extra, Form


def file_id(data: bytes, unit_name: str | None = None) -> str:
    """The form id: the file's hash, or the hash of the file and the unit for multi-unit files."""
    payload = data if unit_name is None else data + b"\0" + unit_name.encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


def assign_ids(forms: list[Form], data: bytes, source: str) -> list[Form]:
    """One form keeps the file's hash; several get one per unit, and a second form naming the
    same unit gets its place among them too (``name\\0 2``: a unit name holds no NUL), so two
    forms of one file never share an id. Should they anyway, the file is refused, never half kept."""
    seen: Counter[str] = Counter()
    for form in forms:
        name = form.unit_name or ""
        seen[name] += 1
        key = name if seen[name] == 1 else f"{name}\0{seen[name]}"
        form.form_id = file_id(data, key if len(forms) > 1 else None)
    check_distinct_ids(forms, source)
    return forms


def check_distinct_ids(forms: list[Form], source: str) -> None:
    """FormError when two forms of one file share an id (one would silently replace the other)."""
    repeated = sorted(fid for fid, n in Counter(f.form_id for f in forms).items() if n > 1)
    if repeated:
        raise FormError(source, "duplicate_ids", ids=", ".join(repeated))


def add_extra_once(form: Form, label: str, text: str, source_ref: str | None = None) -> None:
    """Keep a labelled text once, however many rows repeat it."""
    if not any(e.label == label and e.text == text for e in form.extra):
        form.extra.append(Extra(label, text, source_ref))


def warn_unparsed(form: Form) -> None:
    """Say how many pieces of text went to ``unparsed``, when any did."""
    count = len(form.unparsed)
    if count:
        form.warn("unparsed", count=count)
