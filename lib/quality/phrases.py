"""Stock wording: a seed list kept as data, plus phrases the corpus shows recurring across units.

Following Lang & Stice-Lawrence (2015), a phrase is boilerplate when it appears in a large share
of the documents but not nearly all of them: indicator names used by at least
``phrase_band_low`` and fewer than ``phrase_band_high`` of the units (and by at least
``phrase_min_units`` units). Names nearly every unit uses are the standard vocabulary.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from lib import settings
from lib.normalize.text import match_key

SEED_FILE = Path(__file__).with_name("stock_phrases.txt")


@dataclass(frozen=True)
class Phrase:
    text: str
    key: str
    units: int  # how many units use it (0 for seed phrases)
    source: str  # "seed" or "corpus"


def seed_phrases() -> list[Phrase]:
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    texts = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return [Phrase(t, match_key(t), 0, "seed") for t in texts]


def learned_phrases(names_by_unit: dict[str, set[str]]) -> list[Phrase]:
    """Indicator names whose share of units falls in the boilerplate band."""
    units_of: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    for unit, names in names_by_unit.items():
        for name in names:
            key = match_key(name)
            if len(key) >= 4:
                units_of[key].add(unit)
                shown.setdefault(key, name)
    return phrases_in_band(units_of, shown, len(names_by_unit))


def phrases_in_band(units_of: dict[str, set[str]], shown: dict[str, str], total: int) -> list[Phrase]:
    """The name keys (of four characters or more) whose share of the ``total`` units falls in the
    boilerplate band, each shown as ``shown`` writes it (its key when it has no entry there)."""
    if total == 0:
        return []
    low, high = settings.get("phrase_band_low"), settings.get("phrase_band_high")
    minimum = settings.get("phrase_min_units")
    return [
        Phrase(shown.get(key, key), key, len(units), "corpus")
        for key, units in sorted(units_of.items())
        if len(units) >= minimum and low <= len(units) / total < high
    ]


def stock_phrases(names_by_unit: dict[str, set[str]]) -> list[Phrase]:
    """The seed list, then the learnt phrases it does not already hold (one phrase per key)."""
    return with_seeds(learned_phrases(names_by_unit))


def with_seeds(learned: list[Phrase]) -> list[Phrase]:
    """The seed list, then the learnt phrases it does not already hold (one phrase per key)."""
    phrases = {p.key: p for p in seed_phrases()}
    for phrase in learned:
        phrases.setdefault(phrase.key, phrase)
    return list(phrases.values())


def generic_matches(keys: list[str], phrases: list[Phrase]) -> dict[str, Phrase]:
    """For each distinct name key that is stock wording, the phrase it matches."""
    if not phrases or not keys:
        return {}
    cutoff = settings.get("generic_ratio")
    choices = [p.key for p in phrases]
    found = {}
    for key in set(keys):
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            found[key] = phrases[best[2]]
    return found
