"""The store's tables as the pages read them: loaded once per store version, then restricted.

:func:`load_table` is the only place that reads the store for the pages (the page layer caches
its result on the store's ``data_version``). Each table gains the few derived columns every
page wants (a short label per form, parsed finding rows, a match key per indicator), so no
page recomputes them on a rerun.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lib.corrections import corrections_frame
from lib.normalize.text import match_key
from lib.quality.results import DIMENSIONS as DIMENSIONS
from lib.quality.results import SEVERITIES as SEVERITIES
from lib.quality.scoring import GRADES as GRADE_CUTS
from lib.store import FINDING_HEADS, Store

SCORE_COLUMNS = [
    "form_id",
    "score",
    "grade",
    *DIMENSIONS,
    "boilerplate_share",
    "carry_share",
    "score_before_review",
    "grade_before_review",
    "gates",
]
"""Each column once (a column named twice comes out of the merge twice, and a chart of the dimensions would
draw it twice)."""
GRADES = tuple(name for _, name in GRADE_CUTS)
"""The grades, best first."""
SYNTHETIC_PREFIX = "合成"  # lib.demo names every invented county 合成…县


def forms_table(store: Store) -> pd.DataFrame:
    """Every form, with its scores when it has been scored, a unique ``label`` and a ``place`` name."""
    forms = store.forms_frame().merge(
        store.scores_frame(with_forms=False)[SCORE_COLUMNS], on="form_id", how="left"
    )
    return forms.assign(place=place_names(forms), unit=unit_keys(forms), label=form_labels(forms))


VALUE_COLUMNS = ("value_raw", "operator", "target", "unit", "kind")
"""An indicator's value: as written, then as read (operator, number, unit, 定量/定性/时间)."""
IDENTITY_COLUMNS = ("seq", "group_name", "project", "level1", "level2", "name")
"""Which indicator a row is: its number in the form, goal group, project, the two levels above it, its name."""
INDICATOR_COLUMNS = ("form_id", *IDENTITY_COLUMNS, "description", *VALUE_COLUMNS, "source_ref")
"""What a page shows of a few forms' indicators (one row's full record comes from the form itself)."""
TEXT_COLUMNS = ("form_id", "seq", "name", "description", "value_raw")
"""What the closest rows of another form read of every indicator."""


def indicators_table(
    store: Store, form_ids: Sequence[str] | None = None, columns: Sequence[str] = INDICATOR_COLUMNS
) -> pd.DataFrame:
    """Indicators (of every form, or of those named), with ``key`` when the name is read: the text
    rows are compared by (name, else description), normalised. Reading only the columns a page
    needs matters on a store of a hundred thousand rows."""
    indicators = store.indicators_frame(form_ids, columns=columns)
    if "name" not in indicators:
        return indicators
    return indicators.assign(key=text_keys(indicators["name"].fillna(indicators["description"])))


def text_keys(texts: pd.Series) -> pd.Series:
    """:func:`lib.normalize.text.match_key` for a whole column at once. Each distinct text is
    normalised once: indicator wording repeats a great deal."""
    codes, distinct = pd.factorize(texts.fillna("").astype(str))
    keys = pd.Series([match_key(text) for text in distinct], dtype=object).to_numpy(dtype=object)
    return pd.Series(keys[codes] if len(codes) else [], index=texts.index, dtype="str")


def findings_table(store: Store, form_id: str | None = None) -> pd.DataFrame:
    """Every finding (or one form's), with ``rows``: the indicator rows it concerns, as a list of seqs (each
    finding's JSON list read in one parse). The pages about many forms read :meth:`Store.findings_frame`
    instead: parsing 200,000 findings' rows (20,000 forms) costs most of a second, for the rows of the
    few findings a list shows (:func:`lib.views.similarity.with_rows_text`)."""
    findings = store.findings_frame(form_id)
    return findings.assign(rows=json.loads(f"[{','.join(findings['seqs'])}]"))


TABLES: dict[str, Callable[[Store], pd.DataFrame]] = {
    "forms": forms_table,
    "level_counts": Store.level_counts_frame,
    "value_counts": Store.value_counts_frame,
    "copy_counts": Store.copy_counts_frame,
    "texts": lambda store: indicators_table(store, columns=TEXT_COLUMNS),
    "row_texts": Store.row_text_ids,
    "findings": Store.findings_frame,
    "finding_heads": lambda store: store.findings_frame(columns=FINDING_HEADS),
    "flags": Store.flags_frame,
    "projects": Store.projects_frame,
    "phrases": Store.phrases_frame,
    "corrections": corrections_frame,
}


FORM_TABLES: dict[str, Callable[[Store, str], pd.DataFrame]] = {
    "findings": findings_table,
    "flags": Store.flags_frame,
}
"""The tables a page about one form reads of that form alone (the whole table is large at 20,000 forms)."""


def load_table(store: Store, name: str) -> pd.DataFrame:
    """One of :data:`TABLES`, read from the store."""
    return TABLES[name](store)


def synthetic_share(forms: pd.DataFrame) -> float:
    """The share of forms from the synthetic corpus (its counties are all named 合成…县)."""
    if forms.empty or "county" not in forms:
        return 0.0
    return float(forms["county"].fillna("").str.startswith(SYNTHETIC_PREFIX).mean())


def restrict(frame: pd.DataFrame, form_ids: Iterable[str]) -> pd.DataFrame:
    """The rows of a table that belong to the given forms."""
    return frame[among(frame["form_id"], form_ids)]


def among(texts: pd.Series, wanted: Iterable[str]) -> np.ndarray:
    """``texts.isin(wanted)`` for a column of text (form ids), as a boolean array. pandas' own ``isin`` on its
    pyarrow-backed strings makes one pyarrow scalar per wanted value: a tenth of a second for the 20,000
    form ids of a large store, paid by every table a page restricts to its selection."""
    column = pa.array(texts, from_pandas=True)
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        return texts.isin(list(wanted)).to_numpy()
    values = pa.array(
        wanted.to_numpy(dtype=object) if isinstance(wanted, pd.Series) else list(wanted), type=column.type
    )
    return pc.is_in(column, value_set=values).fill_null(False).to_numpy(zero_copy_only=False)


def place_names(forms: pd.DataFrame) -> pd.Series:
    """The township a form is about (else its unit name, else its file name)."""
    return forms["township"].fillna(forms["unit_name"]).fillna(forms["source"]).astype(str)


def unit_keys(forms: pd.DataFrame) -> pd.Series:
    """Who filed a form: the normalised unit name, or the form itself when it names no unit."""
    return pd.Series(
        [
            match_key(name) if isinstance(name, str) and name else f"form:{form_id}"
            for name, form_id in zip(forms["unit_name"], forms["form_id"], strict=True)
        ],
        index=forms.index,
        dtype=object,
    )


def form_labels(forms: pd.DataFrame) -> pd.Series:
    """A short, unique label per form: place and year, with the id's start when two would clash."""
    year = forms["year"].map(lambda y: "" if pd.isna(y) else f" {int(y)}")
    labels = place_names(forms) + year.astype(str)
    clash = labels.duplicated(keep=False)
    return labels.where(~clash, labels + " · " + forms["form_id"].astype(str).str[:6])


def labels_by_id(forms: pd.DataFrame) -> dict[str, str]:
    return dict(
        zip(forms["form_id"].to_numpy(dtype=object), forms["label"].to_numpy(dtype=object), strict=True)
    )


def scored(forms: pd.DataFrame) -> pd.DataFrame:
    """The forms that carry a score."""
    return forms[forms["score"].notna()]


def filter_options(forms: pd.DataFrame) -> dict[str, list]:
    """The values each sidebar filter can take in this store, in a stable order."""
    grades = set(forms["grade"].dropna())
    return {
        "year": sorted({int(y) for y in forms["year"].dropna()}, reverse=True),
        "county": sorted(forms["county"].dropna().unique().tolist()),
        "form_kind": sorted(forms["form_kind"].dropna().unique().tolist()),
        "stage": sorted(forms["stage"].dropna().unique().tolist()),
        "grade": [g for g in GRADES if g in grades],
    }
