"""Near-duplicate texts across a corpus without comparing all pairs.

Texts are first deduplicated. Candidate pairs come from a prefix-filtered inverted index of
character bigrams: a pair with rapidfuzz ``ratio`` ≥ t differs by at most
d = ⌊(1 − t)·2L/t⌋ insertions or deletions, each of which removes at most two of a text's
distinct bigrams, so the pair shares at least |grams| − 2d of them; with the bigrams of every
text ordered from rarest to commonest, two such texts must share one of their first 2d + 1
(the prefix filtering principle). Every candidate is verified with rapidfuzz. The filter loses
no pair the exact all-pairs baseline (:func:`exact_pairs`) finds; the benchmark checks that.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist, extract

Pair = tuple[int, int, float]  # (text index, text index, ratio), first index < second


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _prefix_size(length: int, grams: int, threshold: float) -> int:
    edits = int((1 - threshold) * 2 * length / threshold)
    return min(grams, 2 * edits + 1)


def similar_pairs(texts: list[str], threshold: float, involving: Iterable[int] | None = None) -> list[Pair]:
    """Pairs of distinct texts with ratio ≥ threshold (0–1); only pairs touching ``involving`` if given."""
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
    wanted = np.zeros(len(texts), dtype=bool)
    wanted[list(range(len(texts))) if involving is None else list(involving)] = True
    pairs: list[Pair] = []
    everything = involving is None
    for number in np.flatnonzero(wanted):
        lists = [index[gram] for gram in prefixes[number]]
        if everything:  # each pair is found once, from its lower-numbered text
            lists = [ids[np.searchsorted(ids, number, side="right") :] for ids in lists]
        candidates = np.unique(np.concatenate(lists))
        length = lengths[number]
        candidates = candidates[
            (candidates != number)
            & ~(wanted[candidates] & (candidates < number))  # that pair is found from the other side
            & (lengths[candidates] * (2 - threshold) >= length * threshold)
            & (length * (2 - threshold) >= lengths[candidates] * threshold)
        ]
        pairs += [
            (min(number, other), max(number, other), score)
            for other, score in _verified(texts, int(number), candidates.tolist(), threshold)
        ]
    return [(int(a), int(b), score) for a, b, score in pairs]


def _verified(
    texts: list[str], number: int, candidates: list[int], threshold: float
) -> list[tuple[int, float]]:
    """The candidates whose ratio with the text reaches the threshold (one rapidfuzz call)."""
    if not candidates:
        return []
    found = extract(
        texts[number],
        [texts[c] for c in candidates],
        scorer=fuzz.ratio,
        score_cutoff=threshold * 100,
        limit=None,
    )
    return [(candidates[index], score) for _, score, index in found]


def exact_pairs(texts: list[str], threshold: float) -> list[Pair]:
    """The naive baseline: every pair scored with rapidfuzz (quadratic; for small corpora and checks)."""
    matrix = cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold * 100, workers=-1)
    return [
        (a, b, float(matrix[a, b]))
        for a in range(len(texts))
        for b in matrix[a, a + 1 :].nonzero()[0] + a + 1
    ]
