"""The import page's work: read an uploaded file into forms, preview them, commit them to the store.

A file is read whole before anything is written; a file that fails is reported with its reason
and never reaches the store. Each form is added in its own transaction (``Store.add_form``).
Before anything is stored the page points out what a reviewer should look at (:func:`concerns`):
rows the reader was unsure of, a large share of unplaced text, and a form already in the store
(the same file under another name, or another form for the same township and year). The
indicator table is editable; its changes become corrections (:mod:`lib.corrections`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib import corrections, settings
from lib.corrections import DROPPED, EDITABLE_FIELDS
from lib.errors import FormError
from lib.i18n import display, t
from lib.ingest import check_scorable, unexpected
from lib.model import Form
from lib.normalize.taxonomy import LEVEL1, LEVEL2
from lib.readers.worker import parse_bytes_budgeted
from lib.store import Store

SUMMARY_FIELDS = (
    "unit_name",
    "county",
    "township",
    "year",
    "form_kind",
    "stage",
    "budget_unit_raw",
    "budget_total",
    "budget_basic",
    "budget_project",
    "budget_other",
    "indicator_count",
    "warning_count",
    "unparsed_count",
)
EDITOR_COLUMNS = [
    DROPPED,
    "seq",
    "confidence",
    "confidence_reasons",
    "level1",
    "level2",
    "name",
    "value_raw",
    "operator",
    "target",
    "unit",
    "source_ref",
]
"""The editable indicator table: a tick to drop a row, the reader's confidence, the fields to correct."""
EDITOR_LOCKED = [c for c in EDITOR_COLUMNS if c not in (DROPPED, *EDITABLE_FIELDS)]
_NOT_TEXT = {"form_id", "source", "format", "layout", "source_ref", "warnings", "unparsed"}
_NOT_TEXT |= {"confidence", "confidence_reasons"}


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the forms read from it, or why it could not be read."""

    source: str
    size: int
    forms: tuple[Form, ...] = ()
    error: FormError | None = None


def read_upload(data: bytes, source: str) -> Upload:
    """Parse one uploaded file (nothing is stored); any failure becomes ``error`` (shown with
    ``error.text(lang)``)."""
    limit_mb = settings.get("max_file_mb")
    if len(data) > limit_mb * 1024 * 1024:
        too_large = FormError(source, "file_too_large", limit_mb=limit_mb, size_mb=len(data) / 1048576)
        return Upload(source, len(data), error=too_large)
    try:
        forms = parse_bytes_budgeted(data, source)
    except FormError as error:
        return Upload(source, len(data), error=error)
    except Exception as error:  # a reader bug must not take the page down
        return Upload(source, len(data), error=unexpected(source, error))
    if not forms:
        return Upload(source, len(data), error=FormError(source, "no_form"))
    try:
        check_scorable(forms, source)
    except FormError as error:
        return Upload(source, len(data), error=error)
    return Upload(source, len(data), forms=tuple(forms))


def summary(form: Form) -> dict[str, object]:
    """The headline of a parsed form, by :data:`SUMMARY_FIELDS`."""
    budget = form.budget
    return {
        "unit_name": form.unit_name,
        "county": form.county,
        "township": form.township,
        "year": form.year,
        "form_kind": form.form_kind,
        "stage": form.stage,
        "budget_unit_raw": budget.unit_raw,
        "budget_total": budget.total,
        "budget_basic": budget.basic,
        "budget_project": budget.project,
        "budget_other": budget.other,
        "indicator_count": len(form.indicators),
        "warning_count": len(form.warnings),
        "unparsed_count": len(form.unparsed),
    }


def warnings_preview(form: Form, lang: str) -> pd.DataFrame:
    """The form's warnings, each in ``lang``."""
    return pd.DataFrame(
        [(w.code, w.text(lang), w.source_ref) for w in form.warnings],
        columns=["warning", "message", "source_ref"],
    )


def unparsed_preview(form: Form) -> pd.DataFrame:
    return pd.DataFrame([(n.source_ref, n.text) for n in form.unparsed], columns=["source_ref", "text"])


def new_forms(uploads: list[Upload], known: set[str]) -> list[Form]:
    """The forms the uploads would add: not in the store, each once (a file uploaded twice adds its forms once)."""
    fresh: dict[str, Form] = {}
    for upload in uploads:
        for form in upload.forms if upload.error is None else ():
            if form.form_id not in known:
                fresh.setdefault(form.form_id, form)
    return list(fresh.values())


@dataclass(frozen=True)
class Concern:
    """Something about a form a reviewer should see before storing it: a catalogue key with its
    numbers, and (shown as plain text, never Markdown) the names of the forms it concerns."""

    key: str
    values: dict[str, object]
    detail: str | None = None


def low_confidence_rows(form: Form) -> int:
    return sum(indicator.confidence == "low" for indicator in form.indicators)


def unplaced_share(form: Form) -> float:
    """The share of the form's text (by characters) that the reader left in ``unparsed``."""
    unplaced = sum(len(note.text) for note in form.unparsed)
    total = unplaced + sum(len(text) for text in _texts(form.to_dict()))
    return unplaced / total if total else 0.0


def _texts(value: object) -> list[str]:
    """Every piece of text read into a field (not ids, line references, warnings or unparsed)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in _NOT_TEXT for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def concerns(
    form: Form, number: int, stored: pd.DataFrame, earlier: list[tuple[int, Form]] = ()
) -> list[Concern]:
    """What to point out about one form of upload ``number`` before it is stored. ``stored`` is the
    store's forms (``form_id``, ``source``, ``county``, ``township``, ``year``, ``label``);
    ``earlier`` the forms of the uploads listed before this one, with their numbers."""
    found = []
    low = low_confidence_rows(form)
    if low:
        found.append(Concern("import.warn_low", {"number": number, "count": low}))
    share, limit = unplaced_share(form), float(settings.get("review_unplaced_share"))
    if share > limit:
        found.append(Concern("import.warn_unplaced", {"number": number, "share": share, "limit": limit}))
    for _, row in stored[stored["form_id"] == form.form_id].iterrows():
        found.append(Concern("import.warn_same_file", {"number": number}, _named(row)))
    for _, row in stored[_same_place(stored, form) & (stored["form_id"] != form.form_id)].iterrows():
        found.append(Concern("import.warn_same_place", {"number": number}, _named(row)))
    for other_number, other in earlier:
        if other.form_id == form.form_id:
            found.append(Concern("import.warn_same_upload", {"number": number, "other": other_number}))
        elif _same_place_year(form, other):
            found.append(Concern("import.warn_same_place_upload", {"number": number, "other": other_number}))
    return found


def _named(row: pd.Series) -> str:
    return f"{row.get('label') or row['form_id']}  ({row['source']})"


def _same_place(stored: pd.DataFrame, form: Form) -> pd.Series:
    """Stored forms of the form's township and year (and county, where both name one)."""
    if not form.township or form.year is None:
        return pd.Series(False, index=stored.index)
    county_agrees = stored["county"].isna() | (stored["county"] == form.county) if form.county else True
    return (stored["township"] == form.township) & (stored["year"] == form.year) & county_agrees


def _same_place_year(form: Form, other: Form) -> bool:
    return bool(form.township) and (form.township, form.year, form.county) == (
        other.township,
        other.year,
        other.county,
    )


def shown_form(store: Store, form: Form) -> Form:
    """The form as it will be stored: as read, with the corrections stored for its file applied."""
    return corrections.apply(form, corrections.stored(store, form.form_id))[0]


def editor_table(form: Form) -> pd.DataFrame:
    """The indicator table the reviewer edits (:data:`EDITOR_COLUMNS`), least sure rows marked."""
    rows = [
        {
            DROPPED: False,
            **{column: getattr(indicator, column) for column in EDITOR_COLUMNS[1:]},
            "confidence_reasons": ", ".join(indicator.confidence_reasons),
        }
        for indicator in form.indicators
    ]
    return pd.DataFrame(rows, columns=EDITOR_COLUMNS).astype({"target": float})


def level_options(form: Form) -> tuple[list[str], list[str]]:
    """The level 1 and level 2 choices of the editor: the standard ones and those the form uses."""
    level1 = list(dict.fromkeys([*LEVEL1, *(i.level1 for i in form.indicators if i.level1)]))
    level2 = list(dict.fromkeys([*LEVEL2, *(i.level2 for i in form.indicators if i.level2)]))
    return level1, level2


def pending(shown: Form, edited: pd.DataFrame | None) -> list[corrections.Correction]:
    """The corrections an edited table makes to a form as shown (none without an edited table)."""
    return [] if edited is None else corrections.edits(shown, edited)


def commit(
    store: Store, uploads: list[Upload], edited: dict[str, pd.DataFrame] | None = None
) -> list[tuple[str, str, bool, int]]:
    """Add the forms of the files that were read, with the reviewer's corrections from ``edited``
    (the edited table by form_id): (source, form_id, newly added, corrections made) per form."""
    results = []
    for upload in uploads:
        if upload.error is not None:
            continue
        for form in upload.forms:
            new = pending(shown_form(store, form), (edited or {}).get(form.form_id))
            results.append((upload.source, form.form_id, corrections.add_form(store, form, new), len(new)))
    return results


def summary_table(form: Form, lang: str) -> pd.DataFrame:
    """The headline of a parsed form as (field title, value) rows for display."""
    return pd.DataFrame(
        [(t(f"col.{field}", lang), display(field, value, lang)) for field, value in summary(form).items()],
        columns=["field", "value"],
    )
