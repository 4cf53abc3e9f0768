"""What the engine says about a form: findings, per-row flags, dimension scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("high", "medium", "low")


@dataclass
class Finding:
    """One rule that fired: a stable code, a severity, a sentence for a return letter, the rows."""

    code: str
    severity: str
    message: str
    seqs: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**vars(self), "seqs": list(self.seqs)}


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
        """As ``dataclasses.asdict`` gives it, built directly (asdict's deep copy is slow at scale)."""
        return {
            **vars(self),
            "dimensions": dict(self.dimensions),
            "findings": [f.to_dict() for f in self.findings],
            "indicator_flags": {seq: list(flags) for seq, flags in self.indicator_flags.items()},
        }
