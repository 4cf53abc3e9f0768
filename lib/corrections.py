"""A reviewer's corrections of what the reader read: made on the import page, kept, re-applied, undone.

A correction changes one field of one indicator (its level, name, operator, target or unit) or
drops a row that is not an indicator. Each is stored apart from the form (``corrections`` table)
with the row's source line, the time and the original reading, so that:
- the stored form shows the corrected reading (every page reads the corrected rows);
- ingesting the same file again (same bytes, same form_id; the import page or ``python -m lib
  ingest``) applies them again;
- undoing one restores the original reading of that field, or puts the dropped row back.

A correction finds its row again by the source line and the name as read (``row_name``), the row
number breaking ties; a row that is no longer there leaves the correction unapplied, with a warning
on the form, and never touches another row.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from lib.model import Form, Indicator, _indicator_from_dict
from lib.store import Store

if TYPE_CHECKING:  # pandas is imported where a frame is made: ingesting needs none
    import pandas as pd

EDITABLE_FIELDS = ("level1", "level2", "name", "operator", "target", "unit")
"""The fields of an indicator a reviewer may correct."""
DROPPED = "dropped"
"""The ``field`` of a correction that drops the row (its ``original`` is the whole row)."""


@dataclass(frozen=True)
class Correction:
    """One field of one indicator set by a reviewer, or (field ``dropped``) the row removed."""

    form_id: str
    seq: int
    field: str
    original: Any
    corrected: Any
    source_ref: str | None = None
    row_name: str | None = None  # the name as read: finds the row again
    made_at: str = ""
    id: int | None = None  # the stored row's id, once stored

    @property
    def key(self) -> tuple[int, str]:
        return self.seq, self.field

    def row(self) -> dict[str, Any]:
        """The ``corrections`` table row (a new one has no id yet: the store gives it one)."""
        return asdict(self) | {
            "original": json.dumps(self.original, ensure_ascii=False),
            "corrected": json.dumps(self.corrected, ensure_ascii=False),
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Correction:
        return cls(
            **(row | {"original": json.loads(row["original"]), "corrected": json.loads(row["corrected"])})
        )


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def stored(store: Store, form_id: str) -> list[Correction]:
    return [Correction.from_row(row) for row in store.corrections([form_id])]


FRAME_COLUMNS = [
    "id",
    "form_id",
    "seq",
    "source_ref",
    "row_name",
    "field",
    "original",
    "corrected",
    "made_at",
]


def corrections_frame(store: Store) -> pd.DataFrame:
    """Every stored correction, one row each, values as read back from JSON."""
    import pandas as pd

    rows = [Correction.from_row(row) for row in store.corrections()]
    return pd.DataFrame([asdict(c) for c in rows], columns=FRAME_COLUMNS)


# ---- what the reviewer changed ---------------------------------------------------------------
def _is_pandas_na(value: Any) -> bool:
    """pandas' missing value (only an edited frame holds one, so pandas is imported already)."""
    import sys

    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def clean(value: Any) -> Any:
    """A cell as stored: blanks and NaN are None, numbers plain floats, text stripped."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or _is_pandas_na(value):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) or hasattr(value, "item"):
        number = float(value.item() if hasattr(value, "item") else value)
        return None if math.isnan(number) else number
    return value


def edits(form: Form, edited: pd.DataFrame, made_at: str | None = None) -> list[Correction]:
    """The corrections an edited indicator table (``seq``, :data:`EDITABLE_FIELDS` and a ``dropped``
    tick) makes to ``form``: one per changed field, one per dropped row."""
    made_at = made_at or now()
    by_seq = {indicator.seq: indicator for indicator in form.indicators}
    found: list[Correction] = []
    for row in edited.to_dict("records"):
        indicator = by_seq.get(int(row["seq"]))
        if indicator is None:
            continue
        if row.get(DROPPED):
            found.append(_correction(form.form_id, indicator, DROPPED, asdict(indicator), True, made_at))
            continue
        for field in EDITABLE_FIELDS:
            before, after = clean(getattr(indicator, field)), clean(row.get(field))
            if field in edited.columns and before != after:
                found.append(_correction(form.form_id, indicator, field, before, after, made_at))
    return found


def _correction(
    form_id: str, indicator: Indicator, field: str, original: Any, corrected: Any, made_at: str
) -> Correction:
    return Correction(
        form_id, indicator.seq, field, original, corrected, indicator.source_ref, indicator.name, made_at
    )


def merged(existing: Sequence[Correction], new: Iterable[Correction]) -> list[Correction]:
    """``existing`` with ``new`` laid over it: a field corrected again keeps its first original
    reading, and a field set back to that reading is no longer a correction."""
    by_key = {c.key: c for c in existing}
    names_as_read = {c.seq: c.row_name for c in existing}
    for correction in new:
        correction = replace(correction, row_name=names_as_read.get(correction.seq, correction.row_name))
        earlier = by_key.get(correction.key)
        if earlier is not None:
            correction = replace(correction, original=earlier.original)
        if correction.field != DROPPED and correction.original == correction.corrected:
            by_key.pop(correction.key, None)
        else:
            by_key[correction.key] = correction
    return sorted(by_key.values(), key=lambda c: c.key)


# ---- applying and undoing ---------------------------------------------------------------------
def apply(form: Form, corrections: Sequence[Correction]) -> tuple[Form, list[Correction], list[Correction]]:
    """``form`` with the corrections applied (a copy); the corrections applied (each with the row number
    it found) and those whose row was not found."""
    rows = {indicator.seq: replace(indicator) for indicator in form.indicators}
    applied, missed = [], []
    for correction in corrections:
        seq = _row_of(form.indicators, correction)
        if seq is None:
            missed.append(correction)
            continue
        applied.append(replace(correction, seq=seq))
        if correction.field == DROPPED:
            rows.pop(seq, None)
        elif seq in rows:
            rows[seq] = replace(rows[seq], **{correction.field: correction.corrected})
    corrected = replace(form, indicators=[rows[seq] for seq in sorted(rows)], warnings=list(form.warnings))
    return corrected, applied, missed


def _row_of(indicators: Sequence[Indicator], correction: Correction) -> int | None:
    """The row a correction was made to: same source line and name as read, the row number breaking ties."""
    same = [
        i.seq for i in indicators if i.source_ref == correction.source_ref and i.name == correction.row_name
    ]
    if correction.seq in same or (not same and _same_row(indicators, correction)):
        return correction.seq
    return same[0] if same else None


def _same_row(indicators: Sequence[Indicator], correction: Correction) -> bool:
    """No row matches by line and name: accept the row number only when its name is the name as read."""
    return any(i.seq == correction.seq and i.name == correction.row_name for i in indicators)


def restore(form: Form, correction: Correction) -> Form:
    """``form`` (as stored, corrected) with one correction undone: the field as read, the dropped row back."""
    if correction.field == DROPPED:
        row = _indicator_from_dict(correction.original)
        kept = [i for i in form.indicators if i.seq != row.seq]
        return replace(form, indicators=sorted([*kept, row], key=lambda i: i.seq))
    return replace(
        form,
        indicators=[
            replace(i, **{correction.field: correction.original}) if i.seq == correction.seq else i
            for i in form.indicators
        ],
    )


# ---- the store --------------------------------------------------------------------------------
def add_form(store: Store, form: Form, new: Sequence[Correction] = ()) -> bool:
    """Store a form as read with its corrections: those stored for its form_id (a file ingested
    again) and ``new`` ones made now. A form already present is rewritten only when there are new
    corrections. True if the form was added (not present before)."""
    existing = stored(store, form.form_id)
    present = store.has_form(form.form_id)
    if not existing and not new:
        return store.add_form(form)
    if present and not new:
        return False
    corrections = merged(existing, new)
    corrected, applied, missed = apply(form, corrections)
    for correction in missed:
        corrected.warn(
            "correction_unmatched",
            source_ref=correction.source_ref,
            seq=correction.seq,
            field=correction.field,
        )
    store.put_form(corrected, [c.row() for c in [*applied, *missed]], replace=present)
    return not present


def undo(store: Store, form_id: str, correction_id: int) -> bool:
    """Remove one stored correction and restore the original reading in the stored form, in one
    transaction; False if the form or the correction is not there."""
    corrections = stored(store, form_id)
    chosen = next((c for c in corrections if c.id == correction_id), None)
    form = store.get_form(form_id)
    if chosen is None or form is None:
        return False
    rest = [c for c in corrections if c.id != correction_id]
    restored = restore(form, chosen)
    if chosen.field == DROPPED:  # the row comes back as read: its other corrections apply again
        restored = apply(restored, [c for c in rest if c.seq == chosen.seq])[0]
    return store.put_form(restored, [c.row() for c in rest], replace=True)
