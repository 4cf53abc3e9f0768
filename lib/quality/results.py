"""What the engine says about a form: findings, per-row flags, dimension scores."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("high", "medium", "low")
"""A finding's severities, the most severe first."""
DIMENSIONS = ("completeness", "measurability", "specificity", "consistency")
"""The four scores of a form (weighted by the ``weight_*`` settings into its composite)."""


@dataclass
class Finding:
    """One rule that fired: a stable code, a severity, a sentence for a return letter, the rows."""

    code: str
    severity: str
    message: str
    seqs: list[int] = field(default_factory=list)


@dataclass
class FormScore:
    form_id: str
    unit_name: str | None
    year: int | None
    score: float
    grade: str
    dimensions: dict[str, float]
    boilerplate_share: float
    findings: list[Finding]
    indicator_flags: dict[str, list[str]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
