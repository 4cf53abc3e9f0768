"""What the engine says about a form: findings, per-row flags, dimension scores."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
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
        return plain(self)


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
