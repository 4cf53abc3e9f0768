"""Near-duplicate texts across a corpus, at a cost that grows with distinct wording, not copies.

Texts are deduplicated, then grouped by their template key (:mod:`lib.quality.templates`:
known place names and digits masked, lengths kept). Within a group the texts differ only in
the masked spans, so the group is a dense block: one rapidfuzz ``cdist`` over it (multi-
threaded, with a ``score_cutoff``) verifies all its pairs at once. Between groups the keys are
sparse, and near keys come from a prefix-filtered inverted index of their character bigrams: a
pair with rapidfuzz ``ratio`` ≥ t differs by at most d = ⌊(1 − t)·2L/t⌋ insertions or
deletions, each of which removes at most two of a text's distinct bigrams, so the pair shares
at least |grams| − 2d of them; with the bigrams of every key ordered from rarest to commonest,
two such keys must share one of their first 2d + 1 (the prefix filtering principle). The
texts of two near keys are then verified with ``cdist``. A text alone in its group goes
through the same index built over all texts, which loses nothing.

So the only pairs that can be missed join two groups whose keys are further apart than their
texts (a place name masked in one text and edited in the other, say). ``bench/goals_bench.py``
measures recall against the exact all-pairs baseline (:func:`exact_pairs`) on two corpora.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist, extract

from lib import settings
from lib.quality.templates import PlaceMask

Pair = tuple[int, int, float]  # (text index, text index, ratio), first index < second
_CELLS_PER_CALL = 2_000_000  # score-matrix cells per cdist call (16 MB of float64)


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similar_pairs(
    texts: list[str],
    threshold: float,
    involving: Iterable[int] | None = None,
    mask: PlaceMask | None = None,
) -> list[Pair]:
    """Pairs of distinct texts with ratio ≥ threshold (0–1); only pairs touching ``involving`` if given.

    Pairs touching a few new texts are scored against every text (a form's texts against 40,000
    take a fraction of a second), more of them through the index of all texts; both are exact.
    A whole corpus is matched by template (:func:`_template_pairs`).
    """
    if involving is None:
        return _template_pairs(texts, threshold, mask or PlaceMask(()))
    wanted = sorted(set(involving))
    compact = compact_alphabet(texts)
    found = _Found(compact, threshold)
    if len(wanted) * len(texts) <= int(settings.get("match_brute_force_cells")):  # cheaper than any index
        found.verify(np.array(wanted, dtype=np.int64), np.arange(len(texts)))
    else:
        for number, near in _near(compact, threshold, wanted, everything=False):
            found.add(number, near)
    return found.pairs()


def _template_pairs(texts: list[str], threshold: float, mask: PlaceMask) -> list[Pair]:
    """Every pair: within each template group at once, between groups through their keys.

    A text alone in its group (its wording its own, or a template edited) is looked up in the
    index of all texts, which is exact; so the only pairs that can be missed join two groups
    whose keys are further apart than their texts.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for number, text in enumerate(texts):
        groups[mask.key(text)].append(number)
    keys = sorted(k for k, ids in groups.items() if len(ids) > 1)
    members = [np.array(groups[key], dtype=np.int64) for key in keys]
    alone = sorted(ids[0] for ids in groups.values() if len(ids) == 1)
    compact = compact_alphabet(texts + keys)
    texts, keys = compact[: len(texts)], compact[len(texts) :]
    found = _Found(texts, threshold)
    for ids in members:
        found.verify(ids, ids, within=True)
    for key, near in _near(keys, threshold, list(range(len(keys))), everything=True):
        found.verify(members[key], np.concatenate([members[other] for other, _ in near]))
    for number, near in _near(texts, threshold, alone, everything=False):
        found.add(number, near)
    return found.pairs()


def compact_alphabet(texts: list[str]) -> list[str]:
    """The texts with their characters renumbered from 1, commonest first (ratios unchanged).

    rapidfuzz looks characters below 256 up in an array and the rest in a hash map; Chinese
    text is all the rest. Renumbering makes the commonest 255 characters array look-ups, which
    makes ``cdist`` several times faster.
    """
    frequency = Counter(char for text in texts for char in text)
    table = {ord(char): number for number, (char, _) in enumerate(frequency.most_common(), 1)}
    return [text.translate(table) for text in texts]


class _Found:
    """Verified pairs, gathered as arrays; a pair found from both sides is kept once."""

    def __init__(self, texts: list[str], threshold: float) -> None:
        self.texts, self.cutoff = texts, threshold * 100
        self.firsts: list[np.ndarray] = []
        self.seconds: list[np.ndarray] = []
        self.scores: list[np.ndarray] = []

    def verify(self, queries: np.ndarray, choices: np.ndarray, within: bool = False) -> None:
        """Score every query against every choice, one multi-threaded cdist per slice.

        ``within`` a group (queries and choices the same texts), each pair is taken from one side only.
        """
        step = max(1, _CELLS_PER_CALL // max(1, len(queries)))
        query_texts = [self.texts[q] for q in queries]
        for start in range(0, len(choices), step):
            part = choices[start : start + step]
            matrix = cdist(
                query_texts,
                [self.texts[c] for c in part],
                scorer=fuzz.ratio,
                score_cutoff=self.cutoff,
                dtype=np.float64,
                workers=-1 if len(queries) * len(part) > 10_000 else 1,
            )
            rows, columns = matrix.nonzero()
            firsts, seconds = queries[rows], part[columns]
            kept = (firsts < seconds) if within else (firsts != seconds)
            self._keep(firsts[kept], seconds[kept], matrix[rows, columns][kept])

    def add(self, number: int, near: list[tuple[int, float]]) -> None:
        others = np.array([other for other, _ in near], dtype=np.int64)
        self._keep(np.full(len(near), number), others, np.array([score for _, score in near]))

    def _keep(self, firsts: np.ndarray, seconds: np.ndarray, scores: np.ndarray) -> None:
        self.firsts.append(np.minimum(firsts, seconds))
        self.seconds.append(np.maximum(firsts, seconds))
        self.scores.append(scores)

    def pairs(self) -> list[Pair]:
        if not self.firsts:
            return []
        low, high = np.concatenate(self.firsts), np.concatenate(self.seconds)
        _, first = np.unique(low * len(self.texts) + high, return_index=True)
        scores = np.concatenate(self.scores)[first]
        return list(zip(low[first].tolist(), high[first].tolist(), scores.tolist(), strict=True))


def _prefix_size(length: int, grams: int, threshold: float) -> int:
    edits = int((1 - threshold) * 2 * length / threshold)
    return min(grams, 2 * edits + 1)


def _near(
    texts: list[str], threshold: float, wanted: list[int], everything: bool
) -> Iterator[tuple[int, list[tuple[int, float]]]]:
    """For each wanted text, the other texts at ratio ≥ threshold, with their ratios.

    With ``everything`` each pair is given once, from its lower-numbered text; otherwise every
    near text of a wanted one is given (a pair of two wanted texts twice).
    """
    gram_sets = [bigrams(t) for t in texts]
    frequency = Counter(g for grams in gram_sets for g in grams)
    prefixes = [
        sorted(grams, key=lambda g: (frequency[g], g))[: _prefix_size(len(t), len(grams), threshold)]
        for t, grams in zip(texts, gram_sets, strict=True)
    ]
    postings: dict[str, list[int]] = defaultdict(list)
    for number, prefix in enumerate(prefixes):
        for gram in prefix:
            postings[gram].append(number)
    index = {gram: np.array(ids, dtype=np.int64) for gram, ids in postings.items()}
    lengths = np.fromiter(map(len, texts), dtype=np.float64, count=len(texts))
    for number in wanted:
        lists = [index[gram] for gram in prefixes[number]]
        if everything:
            lists = [ids[np.searchsorted(ids, number, side="right") :] for ids in lists]
        candidates = np.unique(np.concatenate(lists))
        length = lengths[number]
        candidates = candidates[
            (candidates != number)
            & (lengths[candidates] * (2 - threshold) >= length * threshold)
            & (length * (2 - threshold) >= lengths[candidates] * threshold)
        ]
        found = extract(
            texts[number],
            [texts[c] for c in candidates],
            scorer=fuzz.ratio,
            score_cutoff=threshold * 100,
            limit=None,
        )
        if found:
            yield number, [(int(candidates[index]), score) for _, score, index in found]


def exact_pairs(texts: list[str], threshold: float) -> list[Pair]:
    """The naive baseline: every pair scored with rapidfuzz (quadratic; for small corpora and checks)."""
    matrix = cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold * 100, workers=-1)
    return [
        (a, b, float(matrix[a, b]))
        for a in range(len(texts))
        for b in matrix[a, a + 1 :].nonzero()[0] + a + 1
    ]
