"""The normalised form: typed records that serialise to the JSON of SCHEMA.md.

Field names are English snake_case; values keep the forms' own Chinese words.
Absent means absent: ``None``, never 0 or "".

Extensions to SCHEMA.md (additive, never renamed):
- ``Form.subgoals``: 分目标 / 分项目标, one entry per numbered sub-goal (goals stay the 年度/部门 goals).
- ``Form.unit_code``: an organisation code printed beside the unit name (e.g. 483001).
- ``Form.extra``: labelled text the reader recognised but that has no typed field
  (contact person, spending schedule, signature blocks, task descriptions).
- ``Budget.sources``: the revenue-side breakdown (按收入性质分), label → 万元.
- ``Project.sources``: the same for a project (财政资金, 其他资金), label → 万元.
- ``Indicator.confidence`` (high/medium/low) and ``Indicator.confidence_reasons`` (codes for each doubt).
- ``Warning.params``: the parameters of the warning's ``code``; ``message`` is the Chinese text they
  make, and a page shows ``Warning.text(lang)`` (catalogue ``warning.<code>`` in :mod:`lib.i18n`).
"""

from __future__ import annotations

import json
import sys
from copy import deepcopy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from lib.i18n import coded_text


@dataclass
class Budget:
    unit_raw: str | None = None
    total: float | None = None
    basic: float | None = None
    project: float | None = None
    other: float | None = None
    unit_suspect: bool = False
    sources: dict[str, float] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return all(v is None for v in (self.total, self.basic, self.project, self.other))


@dataclass
class Project:
    code: str | None = None
    name: str | None = None
    budget: float | None = None
    goal: str | None = None
    sources: dict[str, float] = field(default_factory=dict)


@dataclass
class Points:
    full: float | None = None
    got: float | None = None


@dataclass
class Indicator:
    seq: int
    name: str | None
    value_raw: str | None
    group: str | None = None
    project: str | None = None
    level1: str | None = None
    level1_inferred: bool = False
    level2: str | None = None
    description: str | None = None
    operator: str | None = None
    operator_implicit: bool = False
    target: float | None = None
    unit: str | None = None
    kind: str | None = None
    scoring: str | None = None
    weight: float | None = None
    direction: str | None = None
    basis: str | None = None
    parent_seq: int | None = None
    actual_raw: str | None = None
    points: Points | None = None
    source_ref: str | None = None
    # How sure the reader is: "high", "medium" or "low", with a code for each doubt
    # (level_inferred, value_split_from_fused_cells, unit_from_name, truncated, ...).
    confidence: str = "high"
    confidence_reasons: list[str] = field(default_factory=list)


@dataclass
class Note:
    """A piece of source text with where it was read: used for ``unparsed``."""

    source_ref: str
    text: str


@dataclass
class Extra:
    """Labelled text recognised by a reader that has no typed field in the model."""

    label: str
    text: str
    source_ref: str | None = None


@dataclass
class Warning:
    """Something the reader noticed: a code and its parameters; ``message`` is their Chinese text."""

    code: str
    message: str
    source_ref: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The warning in ``lang``; a warning stored before it had parameters says its own message."""
        return coded_text("warning", self.code, self.params, lang, fallback=self.message)


@dataclass
class Form:
    form_id: str
    source: str
    format: str
    layout: str
    unit_name: str | None = None
    unit_code: str | None = None
    county: str | None = None
    township: str | None = None
    year: int | None = None
    form_kind: str | None = None
    stage: str | None = None
    filled_on: str | None = None
    budget: Budget = field(default_factory=Budget)
    functions: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    subgoals: list[str] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    extra: list[Extra] = field(default_factory=list)
    unparsed: list[Note] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, code: str, *, source_ref: str | None = None, **params: Any) -> None:
        """Add a warning: ``code`` names it in the catalogue (``warning.<code>``), ``params`` fill it in."""
        message = coded_text("warning", code, params, "zh")
        self.warnings.append(Warning(code, message, source_ref, params))

    def to_dict(self) -> dict[str, Any]:
        """What :func:`dataclasses.asdict` gives (every list, dict and nested record a copy), a
        few times faster: its generic recursion was a third of the time to store a form."""
        return _as_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Form:
        """Rebuild a form from :meth:`to_dict` output (as stored in the database)."""
        scalar = {f.name: data.get(f.name) for f in fields(cls) if f.name not in _NESTED}
        budget = dict(data.get("budget") or {})
        budget.setdefault("sources", {})
        return cls(
            **scalar,
            budget=Budget(**budget),
            functions=list(data.get("functions") or []),
            goals=list(data.get("goals") or []),
            subgoals=list(data.get("subgoals") or []),
            projects=[Project(**p) for p in data.get("projects") or []],
            indicators=[_indicator_from_dict(i) for i in data.get("indicators") or []],
            extra=[Extra(**e) for e in data.get("extra") or []],
            unparsed=[Note(**n) for n in data.get("unparsed") or []],
            warnings=[Warning(**w) for w in data.get("warnings") or []],
        )


_NESTED = {
    "budget",
    "functions",
    "goals",
    "subgoals",
    "projects",
    "indicators",
    "extra",
    "unparsed",
    "warnings",
}


def _indicator_from_dict(data: dict[str, Any]) -> Indicator:
    """An indicator from its JSON; its texts interned, since rows repeat them (the same labels,
    units and template names): 2,000 stored forms take 30% less memory, which matters at 20,000."""
    values = {key: sys.intern(value) if isinstance(value, str) else value for key, value in data.items()}
    if values.get("points") is not None:
        values["points"] = Points(**values["points"])
    return Indicator(**values)


_ATOMIC = (str, int, float, bool, type(None))


def _as_dict(record: Any) -> dict[str, Any]:
    names = _FIELD_NAMES.get(type(record)) or _field_names(type(record))
    return {name: _plain(getattr(record, name)) for name in names}


def _plain(value: Any) -> Any:
    """``value`` with its containers and records copied, as :func:`dataclasses.asdict` copies them."""
    if type(value) in _ATOMIC:
        return value
    if type(value) is list:
        return [v if type(v) in _ATOMIC else _plain(v) for v in value]
    if type(value) is dict:
        return {k: v if type(v) in _ATOMIC else _plain(v) for k, v in value.items()}
    if type(value) is tuple:
        return tuple(_plain(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return _as_dict(value)
    return deepcopy(value)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    return _FIELD_NAMES[kind]
