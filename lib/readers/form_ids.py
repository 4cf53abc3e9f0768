"""Forms out of one file: identities, and the small form-level steps every reader shares.

A file holding one unit's form is identified by the hash of its bytes (SCHEMA.md); a file holding
several units' forms (a flat export, a workbook with a sheet per unit) gives each unit the first
16 hex characters of sha256(file bytes + b"\\0" + unit name), stable and distinct.
"""

from __future__ import annotations

import hashlib

from lib.model import Extra, Form


def file_id(data: bytes, unit_name: str | None = None) -> str:
    """The form id: the file's hash, or the hash of the file and the unit for multi-unit files."""
    payload = data if unit_name is None else data + b"\0" + unit_name.encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


def assign_ids(forms: list[Form], data: bytes) -> list[Form]:
    """One form keeps the file's hash; several get one per unit."""
    for form in forms:
        form.form_id = file_id(data, (form.unit_name or "") if len(forms) > 1 else None)
    return forms


def add_extra_once(form: Form, label: str, text: str, source_ref: str | None = None) -> None:
    """Keep a labelled text once, however many rows repeat it."""
    if not any(e.label == label and e.text == text for e in form.extra):
        form.extra.append(Extra(label, text, source_ref))


def warn_unparsed(form: Form) -> None:
    """Say how many pieces of text went to ``unparsed``, when any did."""
    count = len(form.unparsed)
    if count:
        form.warn(
            "unparsed",
            f"{count}段文字未能归入任何字段，见 unparsed / {count} pieces of text could not be placed",
        )
