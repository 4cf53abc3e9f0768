"""Boilerplate and copying: form-by-form similarity, cluster order, reused phrases, findings, carry-over.

Similarity between two forms comes from the stored ``copied`` flags (a row of one form
near-identical to a specific row of the other unit's form, or inside a copied block):
``share`` = rows of either copied from the other ÷ rows of both.
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd

from lib.i18n import t
from lib.quality.results import SEVERITIES
from lib.views.data import among

PAIR_COLUMNS = ["a", "b", "rows_ab", "rows_ba", "rows", "share"]


def pair_similarity(copies: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of selected forms that copy from each other (a < b), most similar first, from
    :data:`copy counts <lib.views.data.TABLES>` (``n`` rows of ``form_id`` copied from ``other_form_id``)."""
    ids = forms["form_id"]
    copied = copies[among(copies["form_id"], ids) & among(copies["other_form_id"], ids)]
    if copied.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    source, other = copied["form_id"].to_numpy(dtype=object), copied["other_form_id"].to_numpy(dtype=object)
    forward = source < other
    rows = copied["n"].to_numpy()
    directed = pd.DataFrame(
        {
            "a": np.where(forward, source, other),
            "b": np.where(forward, other, source),
            "rows_ab": np.where(forward, rows, 0),
            "rows": rows,
        }
    )
    pairs = directed.groupby(["a", "b"])[["rows_ab", "rows"]].sum().reset_index()
    pairs["rows_ba"] = pairs["rows"] - pairs["rows_ab"]
    counts = forms.set_index("form_id")["indicator_count"]
    pairs["share"] = (pairs["rows"] / (pairs["a"].map(counts) + pairs["b"].map(counts))).round(4)
    return pairs[PAIR_COLUMNS].sort_values(
        ["share", "rows", "a", "b"], ascending=[False, False, True, True], ignore_index=True
    )


def cluster_order(pairs: pd.DataFrame) -> list[str]:
    """The linked forms in an order that keeps clusters of copied forms together (:func:`cluster_groups`, one
    group after another)."""
    return [form_id for group in cluster_groups(pairs) for form_id in group]


def cluster_groups(pairs: pd.DataFrame) -> list[list[str]]:
    """The groups of forms that copy each other, each in an order that keeps similar forms side by side.

    Forms fall into connected groups (linked by any copying); larger groups come first. Within
    a group the order grows from its most-linked form, each time adding the form most similar
    to one already placed, so that strongly similar forms sit side by side.
    """
    links: dict[str, dict[str, float]] = defaultdict(dict)
    ends = (
        pairs["a"].to_numpy(dtype=object),
        pairs["b"].to_numpy(dtype=object),
    )  # not one pyarrow scalar a row
    for a, b, share in zip(*ends, pairs["share"].tolist(), strict=True):
        links[a][b] = links[b][a] = float(share)
    strength = {node: sum(others.values()) for node, others in links.items()}
    ranked = sorted(_components(links), key=lambda g: (-len(g), -sum(strength[n] for n in g), min(g)))
    return [_grow(group, links, strength) for group in ranked]


def _components(links: dict[str, dict[str, float]]) -> list[set[str]]:
    seen: set[str] = set()
    groups = []
    for start in sorted(links):
        if start in seen:
            continue
        group, stack = set(), [start]
        while stack:
            node = stack.pop()
            if node not in group:
                group.add(node)
                stack.extend(links[node])
        seen |= group
        groups.append(group)
    return groups


def _grow(group: set[str], links: dict[str, dict[str, float]], strength: dict[str, float]) -> list[str]:
    """The group's order: from its strongest form, each time the unplaced form most similar to a placed one
    (ties: the stronger, then the first by id). A heap of candidates, so that a group of thousands of forms
    (a county's template) is ordered in n log n, not n²."""
    start = max(sorted(group), key=lambda n: strength[n])
    placed, seen, best = [start], {start}, dict(links[start])
    candidates = [(-share, -strength[n], n) for n, share in best.items()]
    heapq.heapify(candidates)
    while candidates:
        share, _, nxt = heapq.heappop(candidates)
        if nxt in seen or -share != best[nxt]:
            continue  # placed already, or a stale entry (the form has come closer since)
        placed.append(nxt)
        seen.add(nxt)
        for other, closeness in links[nxt].items():
            if other not in seen and (other not in best or closeness > best[other]):
                best[other] = closeness
                heapq.heappush(candidates, (-closeness, -strength[other], other))
    return placed


CLUSTER_COLUMNS = ["cluster", "forms", "townships", "places", "median_share", "max_share", "members"]
PLACES_NAMED = 5  # townships named in a cluster's row; the rest are counted


def clusters(pairs: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """The groups of forms that copy each other (:func:`cluster_groups`), largest first: per group its number
    (1 = the largest), forms, townships (how many, and their names), the median and the highest similarity
    of its pairs, and its members in matrix order."""
    if pairs.empty:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    groups = cluster_groups(pairs)
    number = {form_id: n for n, group in enumerate(groups, start=1) for form_id in group}
    group_of_pair = [number[a] for a in pairs["a"].to_numpy(dtype=object)]  # a pair never spans two groups
    shares = pairs["share"].groupby(group_of_pair).agg(["median", "max"])
    place = dict(
        zip(
            forms["form_id"].to_numpy(dtype=object),
            forms["place"].astype(str).to_numpy(dtype=object),
            strict=True,
        )
    )
    rows = []
    for n, group in enumerate(groups, start=1):
        places = list(dict.fromkeys(place.get(f, f) for f in group))
        rows.append(
            {
                "cluster": n,
                "forms": len(group),
                "townships": len(places),
                "places": places,
                "median_share": float(shares.loc[n, "median"]),
                "max_share": float(shares.loc[n, "max"]),
                "members": tuple(group),
            }
        )
    return pd.DataFrame(rows, columns=CLUSTER_COLUMNS)


def named_places(places: list[str], lang: str) -> str:
    """A cluster's townships as one line: the first few named, the rest counted."""
    shown = t("widget.separator", lang).join(places[:PLACES_NAMED])
    rest = len(places) - PLACES_NAMED
    return t("brief.and_more", lang, shown=shown, count=rest) if rest > 0 else shown


def linked_count(pairs: pd.DataFrame) -> int:
    """How many forms copy from, or are copied by, another."""
    return pd.concat([pairs["a"], pairs["b"]]).nunique()


def matrix_forms(pairs: pd.DataFrame, limit: int, order: Sequence[str] | None = None) -> list[str]:
    """The forms of the matrix, in cluster order (``order`` when the caller has it: one group's members, as
    :func:`clusters` gives them): every linked form, or the ``limit`` most linked ones."""
    order = cluster_order(pairs) if order is None else list(order)
    if len(order) <= limit:
        return order
    strength = (
        pd.concat([pairs.set_index("a")["share"], pairs.set_index("b")["share"]]).groupby(level=0).sum()
    )
    keep = set(strength.sort_values(ascending=False, kind="stable").index[:limit])
    return [form_id for form_id in order if form_id in keep]


def matrix_cells(pairs: pd.DataFrame, order: list[str], labels: dict[str, str]) -> pd.DataFrame:
    """The non-empty cells of the square matrix over ``order``, both halves: x, y, a, b, rows, share."""
    inside = pairs[among(pairs["a"], order) & among(pairs["b"], order)]
    both = pd.concat([inside, inside.rename(columns={"a": "b", "b": "a"})], ignore_index=True)
    position = {form_id: n for n, form_id in enumerate(order)}
    both = both.assign(x=both["a"].map(labels), y=both["b"].map(labels), _p=both["a"].map(position))
    return both.sort_values(["_p", "b"], ignore_index=True)[["x", "y", "a", "b", "rows", "share"]]


def top_pairs(pairs: pd.DataFrame, labels: dict[str, str], limit: int = 50) -> pd.DataFrame:
    """The most similar pairs, with both forms' labels."""
    top = pairs.head(limit)
    return top.assign(label_a=top["a"].map(labels), label_b=top["b"].map(labels))[
        ["a", "b", "label_a", "label_b", "rows", "share"]
    ].reset_index(drop=True)


def boilerplate_ranking(forms: pd.DataFrame) -> pd.DataFrame:
    """Forms by boilerplate share, highest first."""
    frame = forms[forms["boilerplate_share"].notna()][
        ["form_id", "label", "boilerplate_share", "indicator_count"]
    ]
    return frame.sort_values(["boilerplate_share", "label"], ascending=[False, True], ignore_index=True)


def findings_list(
    findings: pd.DataFrame,
    forms: pd.DataFrame,
    codes: tuple[str, ...] = (),
    severities: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The findings of the selected forms, narrowed by rule, severity and township; most severe first. The
    findings may come without their text (:data:`lib.store.FINDING_HEADS`): :func:`with_texts` adds it to
    those shown, :func:`with_rows_text` the rows each names, as text."""
    found = findings.merge(forms[["form_id", "label", "place"]], on="form_id")
    for column, allowed in (("code", codes), ("severity", severities), ("place", places)):
        if allowed:
            found = found[found[column].isin(allowed)]
    rank = {name: n for n, name in enumerate(SEVERITIES)}
    found = found.assign(_rank=found["severity"].map(rank))
    found = found.sort_values(["_rank", "label", "idx"], ignore_index=True)
    texts = [column for column in FINDING_TEXTS if column in found]
    return found[["form_id", "label", "place", "code", "severity", "idx", *texts]]


FINDING_TEXTS = ("message", "seqs")


def with_texts(findings: pd.DataFrame, texts: pd.DataFrame) -> pd.DataFrame:
    """Listed findings with their ``message`` and ``seqs``, from :meth:`lib.store.Store.finding_texts`."""
    return findings.merge(texts, on=["form_id", "idx"], how="left")


def with_rows_text(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with ``rows_text``: the rows each names (``seqs``, a JSON list as stored), as text (1、2)."""
    return findings.assign(rows_text=findings["seqs"].map(lambda seqs: "、".join(map(str, json.loads(seqs)))))


def reused_phrases(row_texts: pd.DataFrame, forms: pd.DataFrame, limit: int = 20) -> pd.DataFrame:
    """The indicator wordings used by the most units: per wording (``text``, its id) the units, forms and rows
    using it, and the first form that does (``form_id``, for :func:`with_wording`).

    ``row_texts`` is :meth:`lib.store.Store.row_text_ids`: per form, its rows' wordings in row order."""
    lengths = row_texts["texts"].map(len).to_numpy(dtype=np.int64)
    ids = np.concatenate([*row_texts["texts"], np.array([], dtype=np.int64)])
    form_codes = np.repeat(np.arange(len(row_texts)), lengths)
    unit_codes = pd.factorize(row_texts["form_id"].map(forms.set_index("form_id")["unit"]))[0]
    keys, distinct = pd.factorize(ids)
    units = _count_distinct(keys, np.repeat(unit_codes, lengths))
    counts = np.bincount(keys)
    chosen = [k for k in np.lexsort((-counts, -units)) if units[k] >= 2][:limit]
    uses = [form_codes[keys == k] for k in chosen]  # the forms of each row with the wording, in form order
    return pd.DataFrame(
        {
            "text": distinct[chosen].astype(np.int64),
            "units": units[chosen],
            "forms": np.array([1 + np.count_nonzero(np.diff(codes)) for codes in uses], dtype=np.int64),
            "rows": counts[chosen],
            "form_id": row_texts["form_id"].to_numpy(dtype=object)[[codes[0] for codes in uses]],
        },
        columns=REUSED_COLUMNS,
    )


REUSED_COLUMNS = ["text", "units", "forms", "rows", "form_id"]


def with_wording(reused: pd.DataFrame, examples: pd.DataFrame, phrases: pd.DataFrame) -> pd.DataFrame:
    """:func:`reused_phrases` with each wording as its first row wrote it (``text``), its ``key``, and whether it
    is stock wording; ``examples`` is :meth:`lib.store.Store.text_examples` of its (text, form_id) pairs."""
    named = reused.merge(examples, on=["text", "form_id"], how="left")
    return pd.DataFrame(
        {
            "key": named["key"],
            "text": named["wording"],
            "units": named["units"],
            "forms": named["forms"],
            "rows": named["rows"],
            "stock": named["key"].isin(set(phrases["key"])),
        }
    )


def _count_distinct(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per group code, how many distinct value codes occur with it."""
    width = int(values.max()) + 1 if len(values) else 1
    pairs = np.sort(
        groups.astype(np.int64) * width + values
    )  # sorted by hand: numpy's hashing unique is slower
    distinct = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    return np.bincount(distinct // width, minlength=int(groups.max()) + 1 if len(groups) else 0)


def carry_trend(forms: pd.DataFrame, limit: int = 12) -> pd.DataFrame:
    """Per unit with forms in consecutive years: the share of each year's rows carried over from the year before.

    The first year of a unit has no share (nothing to repeat). Only the ``limit`` units whose
    forms repeat the most are kept (long frame: place, unit, year, share).
    """
    carried = forms[forms["year"].notna() & forms["carry_share"].notna()]
    if carried.empty:
        return pd.DataFrame(columns=["place", "unit", "year", "share"])
    top = (
        carried.groupby("unit")["carry_share"].max().sort_values(ascending=False, kind="stable").index[:limit]
    )
    chosen = carried[carried["unit"].isin(top)]
    frame = pd.DataFrame(
        {
            "place": chosen["place"],
            "unit": chosen["unit"],
            "year": chosen["year"].astype(int),
            "share": chosen["carry_share"].astype(float),
        }
    )
    return frame.sort_values(["unit", "year"], ignore_index=True)
