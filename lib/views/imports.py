"""The import page's work: read an uploaded file into forms, preview them, commit them to the store.

A file is read whole before anything is written; a file that fails is reported with its reason
and never reaches the store. Each form is added in its own transaction (``Store.add_form``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib import settings
from lib.errors import FormError
from lib.i18n import display, t
from lib.ingest import check_scorable, unexpected
from lib.model import Form
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
PREVIEW_COLUMNS = [
    "seq",
    "level1",
    "level2",
    "name",
    "value_raw",
    "operator",
    "target",
    "unit",
    "kind",
    "source_ref",
]


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the forms read from it, or why it could not be read."""

    source: str
    size: int
    forms: tuple[Form, ...] = ()
    error: str | None = None


def read_upload(data: bytes, source: str) -> Upload:
    """Parse one uploaded file (nothing is stored); any failure becomes ``error``, in words."""
    limit_mb = settings.get("max_file_mb")
    if len(data) > limit_mb * 1024 * 1024:
        return Upload(
            source, len(data), error=f"larger than the {limit_mb} MB limit ({len(data) / 1048576:.1f} MB)"
        )
    try:
        forms = parse_bytes_budgeted(data, source)
    except FormError as error:
        return Upload(source, len(data), error=error.reason)
    except Exception as error:  # a reader bug must not take the page down
        return Upload(source, len(data), error=unexpected(error))
    if not forms:
        return Upload(source, len(data), error="no form found in the file")
    try:
        check_scorable(forms, source)
    except FormError as error:
        return Upload(source, len(data), error=error.reason)
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


def indicators_preview(form: Form) -> pd.DataFrame:
    rows = [
        {column: getattr(indicator, column) for column in PREVIEW_COLUMNS} for indicator in form.indicators
    ]
    return pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


def warnings_preview(form: Form) -> pd.DataFrame:
    return pd.DataFrame(
        [(w.code, w.message, w.source_ref) for w in form.warnings],
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


def commit(store: Store, uploads: list[Upload]) -> list[tuple[str, str, bool]]:
    """Add the forms of the files that were read: (source, form_id, newly added) per form."""
    return [
        (upload.source, form.form_id, store.add_form(form))
        for upload in uploads
        if upload.error is None
        for form in upload.forms
    ]


def summary_table(form: Form, lang: str) -> pd.DataFrame:
    """The headline of a parsed form as (field title, value) rows for display."""
    return pd.DataFrame(
        [(t(f"col.{field}", lang), display(field, value, lang)) for field, value in summary(form).items()],
        columns=["field", "value"],
    )
