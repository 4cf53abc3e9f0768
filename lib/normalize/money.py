"""Money on the forms: amounts, the unit a label states, and the 元/万元 plausibility check."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from lib import settings
from lib.normalize.text import clean_cell, to_halfwidth

YUAN_PER_WAN = 10_000
_AMOUNT = re.compile(
    r"(?<![\d.])(?P<num>-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)\s*(?P<after>万元|元|[年月日号%])?"
)
_NOT_MONEY = frozenset("年月日号%")  # 2023年, 85号, 25%: numbers that are not the amount
_LABEL_UNIT = re.compile(r"[(\[]\s*(?P<a>万元|元)\s*[)\]]|单位\s*:?\s*(?P<b>万元|元)")
_PLAUSIBLE = {
    "unit": ("min_plausible_wan", "max_plausible_wan"),
    "project": ("min_plausible_project_wan", "max_plausible_project_wan"),
}


@dataclass(frozen=True)
class MoneyReading:
    values_wan: dict[str, float | None]  # same keys as given, converted to 万元
    unit_suspect: bool
    suspect_params: dict[str, object] = field(default_factory=dict)  # what the warning says, when suspect

    def warning(self, project: str | None = None) -> dict[str, object]:
        """The parameters of the ``unit_suspect`` warning (catalogue ``warning.unit_suspect.*``),
        for the whole budget or for the ``project`` named."""
        if project is None or "variant" not in self.suspect_params:
            return dict(self.suspect_params)
        return {
            **self.suspect_params,
            "variant": f"project_{self.suspect_params['variant']}",
            "project": project,
        }


def parse_amount(text: str | None) -> tuple[float | None, str | None]:
    """(first amount in the text, "元"/"万元" written right after it); (None, None) when none."""
    folded = to_halfwidth(clean_cell(text or ""))
    for match in _AMOUNT.finditer(folded):
        if match["after"] in _NOT_MONEY:
            continue
        amount = float(match["num"].replace(",", ""))
        return (amount if math.isfinite(amount) else None), match["after"]
    return None, None


def unit_from_label(text: str | None) -> str | None:
    """The money unit a label or header states: (元), （万元）, 单位：元 …; None when none."""
    match = _LABEL_UNIT.search(to_halfwidth(text or ""))
    return None if match is None else match["a"] or match["b"]


def normalise_amounts(
    values: dict[str, float | None], stated_unit: str | None, scale: str = "unit"
) -> MoneyReading:
    """Convert to 万元, trusting the size of the largest figure over a contradicting stated unit.

    ``scale`` is "unit" (a township's whole budget) or "project" (one project's budget).
    """
    low, high = _plausible_range(scale)
    stated = _stated(stated_unit)
    largest = max((abs(v) for v in values.values() if v is not None), default=None)
    divide, suspect = _decide(largest, stated, low, high)
    converted = {
        k: None if v is None else round(v / YUAN_PER_WAN if divide else v, 6) for k, v in values.items()
    }
    said = _suspect_params(stated, largest, divide) if suspect and largest is not None else {}
    return MoneyReading(converted, suspect, said)


def _plausible_range(scale: str) -> tuple[float, float]:
    if scale not in _PLAUSIBLE:
        raise ValueError(f"scale must be one of {sorted(_PLAUSIBLE)}, not {scale!r}")
    low, high = _PLAUSIBLE[scale]
    return float(settings.get(low)), float(settings.get(high))


def _stated(unit: str | None) -> str | None:
    if not unit:
        return None
    if "万元" in unit:
        return "万元"
    return "元" if "元" in unit else None


def _decide(largest: float | None, stated: str | None, low: float, high: float) -> tuple[bool, bool]:
    """(divide by 10000, unit suspect) for the largest figure and the stated unit."""
    if largest is None:
        return stated == "元", False
    if stated == "元":
        too_small = largest / YUAN_PER_WAN < low and low <= largest <= high
        return not too_small, too_small
    if stated == "万元":
        too_big = largest > high and low <= largest / YUAN_PER_WAN <= high
        return too_big, too_big
    return largest > high, False


def _suspect_params(stated: str | None, largest: float, divided: bool) -> dict[str, object]:
    """What the ``unit_suspect`` warning says: the unit stated, the largest figure, how it was read."""
    variant = "read_as_yuan" if divided else "read_as_wan"
    return {"variant": variant, "stated": stated, "largest": largest, "as_wan": largest / YUAN_PER_WAN}
