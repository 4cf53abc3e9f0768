"""The sidebar's filters: one selection shared by every page, the URL and the export.

A selection is a set of allowed values per field (empty means "all"). It round-trips through
URL query parameters (``?year=2024,2023&grade=差``) so a view can be pasted into a chat and
opened as it was, and through ``python -m lib export --year 2024 …`` with the same meaning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

FIELDS = ("year", "county", "form_kind", "stage", "grade")
_SEPARATOR = ","
_YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: str.isdigit() also accepts ² and ①, which int() refuses


@dataclass(frozen=True)
class Filters:
    year: tuple[int, ...] = ()
    county: tuple[str, ...] = ()
    form_kind: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()
    grade: tuple[str, ...] = field(default=())

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in FIELDS)

    def apply(self, forms: pd.DataFrame) -> pd.DataFrame:
        """The rows of a forms frame (with the columns named in FIELDS) that the selection allows."""
        keep = pd.Series(True, index=forms.index)
        for name in FIELDS:
            allowed = getattr(self, name)
            if allowed and name in forms.columns:
                keep &= forms[name].isin(allowed)
        return forms[keep]

    def to_query(self) -> dict[str, str]:
        """Query parameters for the URL (only the fields that select something)."""
        return {
            name: _SEPARATOR.join(map(str, getattr(self, name))) for name in FIELDS if getattr(self, name)
        }

    @classmethod
    def from_query(cls, params: Mapping[str, str | list[str]]) -> Filters:
        """Read a selection back from query parameters; unknown or malformed values are ignored."""
        values = {}
        for item in fields(cls):
            raw = params.get(item.name)
            if isinstance(raw, list):
                raw = _SEPARATOR.join(raw)
            parts = [p.strip() for p in (raw or "").split(_SEPARATOR) if p.strip()]
            if item.name == "year":
                parts = [int(p) for p in parts if _YEAR.fullmatch(p)]
            values[item.name] = tuple(parts)
        return cls(**values)

    @staticmethod
    def bad_years(values: list[str]) -> list[str]:
        """The year values given (``--year 2024,²``) that are not a year, to refuse them by name."""
        parts = [p.strip() for raw in values for p in raw.split(_SEPARATOR) if p.strip()]
        return [p for p in parts if not _YEAR.fullmatch(p)]

    def describe(self) -> list[tuple[str, str]]:
        """(field, values) pairs of what is selected, for an export's cover sheet."""
        return [(name, "、".join(map(str, getattr(self, name)))) for name in FIELDS if getattr(self, name)]
