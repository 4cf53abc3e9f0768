"""Drill-down: township → form → section → indicator, one indicator's full record and its neighbours."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import asdict

import pandas as pd
from rapidfuzz import fuzz, process

from lib.corrections import DROPPED
from lib.i18n import display_width, source_ref, t, term
from lib.model import Indicator, Points
from lib.quality.results import SEVERITIES
from lib.views.data import VALUE_COLUMNS

FLAG_ORDER = (
    "corrected",
    "copied",
    "carried_over",
    "generic",
    "same_value",
    "repeated_in_form",
    "name_is_description",
)
TABLE_COLUMNS = [
    "seq",
    "name",
    "value_raw",
    "flags",
    "level1",
    "level2",
    "operator",
    "target",
    "unit",
    "kind",
    "copied_from",
    "group_name",
    "project",
    "source_ref",
]
VOCABULARY = ("level1", "level2", "kind", "operator", "direction")  # the forms' official words, translated
RECORD_FIELDS = (
    "name",
    "level1",
    "level2",
    *VALUE_COLUMNS,
    "description",
    "scoring",
    "basis",
    "direction",
    "weight",
    "group_name",
    "project",
    "parent_seq",
    "actual_raw",
    "points",
    "source_ref",
)

RECORD_VALUE_WIDTH = 36
"""Columns of text (a CJK character counts two) the record's value column shows in half of a 1440-pixel page;
a longer value is shown in full beneath the table instead of cut off."""


def places(forms: pd.DataFrame) -> list[str]:
    return sorted(forms["place"].unique().tolist())


def place_key(place: str) -> str:
    """A township's key in a URL: short and stable, never the free text of a form (D8)."""
    return hashlib.sha256(str(place).encode("utf-8")).hexdigest()[:10]


def forms_of(forms: pd.DataFrame, place: str | None) -> list[str]:
    """The forms of one township (all forms when none is given), latest year first."""
    chosen = forms if place is None else forms[forms["place"] == place]
    return chosen.sort_values(["year", "label"], ascending=[False, True], na_position="last")[
        "form_id"
    ].tolist()


def sections(rows: pd.DataFrame) -> list[str]:
    """The functions, goals and projects a form's indicators sit under, in form order."""
    names = pd.concat([rows["group_name"], rows["project"]]).dropna().astype(str)
    return list(dict.fromkeys(names))


def indicator_table(
    rows: pd.DataFrame,
    flags: pd.DataFrame,
    labels: dict[str, str],
    section: str | None = None,
    search: str = "",
    flag: str | None = None,
    seqs: Sequence[int] | None = None,
    corrected: Collection[int] = (),
) -> pd.DataFrame:
    """One form's indicators with their flags (codes, as a list; ``corrected`` for the rows numbered in
    ``corrected``, which a reviewer changed) and the rows they were copied from; narrowed to a
    section, a search text, one kind of flag, or the rows a finding names (``seqs``)."""
    if seqs is not None:
        rows = rows[rows["seq"].isin(list(seqs))]
    if section:
        rows = rows[(rows["group_name"] == section) | (rows["project"] == section)]
    if search.strip():
        needle = search.strip().lower()
        text = (
            rows[["name", "value_raw", "description", "group_name", "project"]]
            .fillna("")
            .astype(str)
            .agg(" ".join, axis=1)
        )
        rows = rows[text.str.lower().str.contains(needle, regex=False)]
    own = flags[flags["form_id"].isin(rows["form_id"].unique())]
    by_seq = own.groupby("seq")["flag"].agg(ordered_flags)
    copies = own[own["other_form_id"].notna()]
    sources = (
        pd.Series(
            [
                f"{labels.get(o, o)} #{int(s)}" if pd.notna(s) else labels.get(o, o)
                for o, s in zip(copies["other_form_id"], copies["other_seq"], strict=True)
            ],
            index=copies["seq"].to_numpy(),
            dtype=object,
        )
        .groupby(level=0)
        .agg("；".join)
    )
    hand = set(corrected)
    table = rows.assign(
        flags=rows["seq"].map(lambda s: ["corrected"] * (s in hand) + by_seq.get(s, [])),
        copied_from=rows["seq"].map(sources).astype(object),
    )
    if flag:
        table = table[table["flags"].map(lambda found: flag in found)]
    return table[TABLE_COLUMNS].reset_index(drop=True)


def flag_kinds(flags: pd.DataFrame, form_id: str) -> list[str]:
    """The kinds of flag a form's rows carry, in the usual order."""
    return ordered_flags(flags.loc[flags["form_id"] == form_id, "flag"])


def finding_rows(findings: pd.DataFrame, form_id: str, idx: int) -> list[int] | None:
    """The rows (``seq``) one finding of a form names (``idx``, its number on the form); None if there is none."""
    found = findings[(findings["form_id"] == form_id) & (findings["idx"] == idx)]
    return list(found["rows"].iloc[0]) if len(found) else None


def ordered_flags(flags: pd.Series) -> list[str]:
    """A row's distinct flag codes, the weightiest first."""
    found = set(flags)
    return [code for code in FLAG_ORDER if code in found] + sorted(found - set(FLAG_ORDER))


def record(indicator: Indicator, lang: str) -> pd.DataFrame:
    """One indicator's full record as read from the form: (field title, value) rows, empty fields left out."""
    values = asdict(indicator) | {"group_name": indicator.group, "points": _points(indicator.points)}
    values |= {field: term(values[field], lang) for field in VOCABULARY if values[field] is not None}
    values["source_ref"] = source_ref(values.get("source_ref"), lang) or None
    items = [(t(f"col.{field}", lang), values.get(field)) for field in RECORD_FIELDS]
    return pd.DataFrame(
        [(name, str(value)) for name, value in items if _present(value)], columns=["field", "value"]
    )


def long_fields(record: pd.DataFrame, width: int = RECORD_VALUE_WIDTH) -> pd.Series:
    """Which of a record's (field, value) rows hold more text than the record table's value column shows."""
    return record["value"].map(display_width) > width


def _points(points: Points | None) -> str | None:
    """Self-evaluation marks as got/full."""
    if points is None or points.full is None:
        return None
    return f"{'' if points.got is None else f'{points.got:g}'}/{points.full:g}"


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value != ""


def place_of(forms: pd.DataFrame, form_id: str | None) -> str | None:
    """The township of a form, or None when the form is not among ``forms``."""
    found = forms.loc[forms["form_id"] == form_id, "place"]
    return None if found.empty else str(found.iloc[0])


def form_parts(functions: list[str], goals: list[str], projects: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The form's functions, goals and projects as small tables, keyed by section name; empty ones left out."""
    parts = {
        "functions": pd.DataFrame({"text": functions}),
        "goals": pd.DataFrame({"text": goals}),
        "projects": projects.rename(columns={"code": "project_code", "name": "project"})[
            ["project_code", "project", "budget"]
        ].reset_index(drop=True),
    }
    return {name: frame for name, frame in parts.items() if not frame.empty}


def row_findings(findings: pd.DataFrame, form_id: str, seq: int) -> pd.DataFrame:
    """The findings of a form that concern one of its rows, most severe first."""
    own = findings[(findings["form_id"] == form_id) & findings["rows"].map(lambda rows: seq in rows)]
    rank = {name: n for n, name in enumerate(SEVERITIES)}
    return own.sort_values("severity", key=lambda s: s.map(rank))[
        ["code", "severity", "message"]
    ].reset_index(drop=True)


def nearest_rows(
    indicators: pd.DataFrame, labels: dict[str, str], form_id: str, seq: int, limit: int = 5
) -> pd.DataFrame:
    """The rows of other forms closest in wording to one row: the best row per form, best first."""
    columns = ["form_id", "label", "seq", "name", "value_raw", "ratio"]
    target = indicators[(indicators["form_id"] == form_id) & (indicators["seq"] == seq)]
    others = indicators[indicators["form_id"] != form_id]
    if target.empty or others.empty or not target["key"].iloc[0]:
        return pd.DataFrame(columns=columns)
    found = process.extract(
        target["key"].iloc[0], others["key"].tolist(), scorer=fuzz.ratio, limit=limit * 10
    )
    hits = others.iloc[[index for _, _, index in found]].assign(
        ratio=[round(score, 1) for _, score, _ in found]
    )
    hits = hits.drop_duplicates("form_id").head(limit)
    return hits.assign(label=hits["form_id"].map(labels))[columns].reset_index(drop=True)


CORRECTION_COLUMNS = ["seq", "row_name", "field", "original", "corrected", "made_at", "source_ref"]


def corrections_of(
    corrections: pd.DataFrame, form_id: str, lang: str, seq: int | None = None
) -> pd.DataFrame:
    """A form's corrections by hand (of one row when ``seq`` is given), as people read them: the field
    by its title, the values as text, a dropped row by its name as read; ``id`` kept for undoing."""
    own = corrections[corrections["form_id"] == form_id]
    if seq is not None:
        own = own[own["seq"] == seq]
    dropped = own["field"] == DROPPED
    return own.assign(
        field=own["field"].map(lambda f: t(f"col.{f}", lang)),
        original=[
            row_name if drop else _as_text(value)
            for drop, row_name, value in zip(dropped, own["row_name"], own["original"], strict=True)
        ],
        corrected=[
            t("drill.dropped_row", lang) if drop else _as_text(value)
            for drop, value in zip(dropped, own["corrected"], strict=True)
        ],
    )[["id", *CORRECTION_COLUMNS]].reset_index(drop=True)


def _as_text(value: object) -> str:
    """A corrected value as text: numbers without a trailing .0, nothing as a blank."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def correction_labels(fixes: pd.DataFrame) -> list[str]:
    """One line per correction of :func:`corrections_of`, to pick it by: row, field, before → after."""
    return [
        f"#{seq} {field}: {original} → {corrected}"
        for seq, field, original, corrected in fixes[["seq", "field", "original", "corrected"]].itertuples(
            index=False
        )
    ]
