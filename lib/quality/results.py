"""What the engine says about a form: findings, per-row flags, dimension scores."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SEVERITIES = ("high", "medium", "low")
"""A finding's severities, the most severe first."""
CRITERIA_WEIGHTED = ("completeness", "relevance", "appropriateness", "feasibility", "specificity")
"""The dimensions weighted (by the ``weight_*`` settings) into a form's composite: 财预〔2015〕88号's
four review criteria, and boilerplate (具体性) as its own."""
DIMENSIONS = (*CRITERIA_WEIGHTED, "measurability", "consistency")
"""Every dimension score a form carries (measurability and consistency are shown, not weighted)."""


@dataclass
class Evidence:
    """One row a finding names, as the form writes it and where it was read."""

    seq: int
    text: str
    source_ref: str | None = None


@dataclass
class Finding:
    """One rule that fired: a stable code, a severity, a sentence for a return letter, the rows.

    ``evidence`` quotes every row named (the engine fills it); ``verify`` says why the finding
    rests on a guess (an inferred level label, a low-confidence reading) — it is then phrased
    请核实; ``key`` identifies it across rescoring (for a reviewer's dismissal).
    """

    code: str
    severity: str
    message: str
    seqs: list[int] = field(default_factory=list)
    criterion: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    verify: str | None = None
    key: str | None = None
    dismissed: str | None = None  # the reviewer's reason, when dismissed

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        values = dict(data)
        values["evidence"] = [Evidence(**e) for e in values.get("evidence") or []]
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass
class FormScore:
    form_id: str
    unit_name: str | None
    year: int | None
    score: float
    grade: str
    dimensions: dict[str, float | None]
    boilerplate_share: float
    findings: list[Finding]
    indicator_flags: dict[str, list[str]]
    not_checkable: list[str] = field(default_factory=list)
    gates: list[str] = field(default_factory=list)
    score_before_review: float | None = None
    grade_before_review: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


def plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` gives, built without its deep copy of every leaf (slow at scale)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return type(value)(plain(item) for item in value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value
