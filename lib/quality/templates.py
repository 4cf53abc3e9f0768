"""Template wording: texts that differ only in a place name or a number share one masked key.

Counties hand their townships one template, and townships copy each other, so most row texts
of a province are a handful of sentences with a town's or village's name and a number filled
in. Masking those spans (each character of a known place name becomes ``□``, each digit ``#``)
gives every text of one template the same key, so the matcher can compare templates rather
than every copy. Masks keep the text's length, so two keys are as far apart as their texts
when the fills agree. The place names are the ones the store knows: the counties and towns of
its forms, and every run of two or more characters of their stems (a village is often named
after its town, 柳荡溪镇 → 柳荡上庄村).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lib import settings
from lib.model import Form
from lib.normalize.names import ETHNIC_GROUPS, split_unit_name
from lib.normalize.text import match_key

PLACE = "□"
DIGIT = "#"
_DIGITS = re.compile(r"\d")
_PLACE_KINDS = ("街道", "苏木", "镇", "乡", "县", "旗", "区", "市", "州", "盟", "省")


class PlaceMask:
    """Masks the known place names and the digits of a match key (texts as ``match_key`` makes them)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(n for n in names if len(n) >= 2)
        self._places = re.compile(_trie_pattern(self.names)) if self.names else None

    def key(self, text: str) -> str:
        """The text with each character of a place name (the longest known, leftmost first) and each digit masked."""
        if self._places is not None:
            text = self._places.sub(_masked, text)
        return _DIGITS.sub(DIGIT, text)


def _masked(match: re.Match[str]) -> str:
    return PLACE * len(match[0])


def _trie_pattern(names: Iterable[str]) -> str:
    """One regular expression matching any of the names, longest first, as a character trie.

    A plain alternation of a thousand names would try each at every position; the trie tries
    one branch per character.
    """
    trie: dict[str, dict] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(trie)


def _branch(node: dict[str, dict]) -> str:
    options = [re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char]
    if not options:
        return ""
    body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    return f"(?:{body})?" if "" in node else body


def place_names(forms: Iterable[Form]) -> set[str]:
    """The place names the forms' units carry: counties, towns, and the runs of their stems."""
    names: set[str] = set()
    for form in forms:
        county, township = form.county, form.township
        if not (county or township):
            parsed = split_unit_name(form.unit_name)
            county, township = parsed.county, parsed.township
        for place in (county, township):
            stem = _stem(match_key(place)) if place else ""
            if stem and len(stem) <= settings.get("max_place_stem_chars"):  # longer is no place name
                names.update(_stem_runs(stem))
    return names


def _stem(place: str) -> str:
    """The name without its kind (镇, 乡, 县…) and ethnic qualifier: 河口苗族乡 → 河口."""
    for kind in _PLACE_KINDS:
        if place.endswith(kind) and len(place) > len(kind):
            place = place[: -len(kind)]
            break
    for group in sorted(ETHNIC_GROUPS, key=len, reverse=True):
        if place.endswith(group) and len(place) > len(group):
            return place[: -len(group)]
    return place


def _stem_runs(stem: str) -> set[str]:
    return {
        stem[start : start + length]
        for length in range(2, len(stem) + 1)
        for start in range(len(stem) - length + 1)
    }
