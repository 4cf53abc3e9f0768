"""Rows of different forms put side by side: fuzzy one-to-one matching, alignment, shared text marked.

Rows are compared by their match key (widths folded, punctuation and spaces removed), with
rapidfuzz's ``ratio``; a pair is kept at ``align_ratio`` or above. Each row is used once.
"""

from __future__ import annotations

import difflib

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from lib import settings
from lib.normalize.taxonomy import LEVEL1, LEVEL2

MARK_OPEN, MARK_CLOSE = "【", "】"


def match_pairs(
    keys_a: list[str], keys_b: list[str], cutoff: float | None = None
) -> list[tuple[int, int, float]]:
    """One-to-one pairs (index in a, index in b, ratio), best first, each at ``cutoff`` or above."""
    if not keys_a or not keys_b:
        return []
    cutoff = settings.get("align_ratio") if cutoff is None else cutoff
    scores = cdist(keys_a, keys_b, scorer=fuzz.ratio, dtype=np.float32, score_cutoff=cutoff)
    rows, cols = np.nonzero(scores >= cutoff)
    order = np.lexsort((cols, rows, -scores[rows, cols]))
    used_a, used_b, pairs = set(), set(), []
    for i, j in zip(rows[order], cols[order], strict=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((int(i), int(j), round(float(scores[i, j]), 1)))
    return pairs


def mark_common(text: str, other: str, min_chars: int = 2) -> str:
    """``text`` with the runs it shares with ``other`` (at least ``min_chars`` long) put in 【】."""
    matcher = difflib.SequenceMatcher(None, text, other, autojunk=False)
    pieces, last = [], 0
    for start, _, size in matcher.get_matching_blocks():
        if size >= min_chars:
            pieces += [text[last:start], MARK_OPEN, text[start : start + size], MARK_CLOSE]
            last = start + size
    return "".join(pieces) + text[last:]


PAIR_COLUMNS = (
    "seq_a",
    "name_a",
    "value_a",
    "ratio",
    "seq_b",
    "name_b",
    "value_b",
    "common",
    "same_name",
    "same_value",
)
"""The columns of :func:`pair_rows`, in the order the pair view shows them."""


def pair_rows(indicators: pd.DataFrame, form_a: str, form_b: str) -> pd.DataFrame:
    """The rows of form A with their closest row in form B, side by side, A's order.

    ``same_name``/``same_value`` say where the two are identical; ``common`` is A's name with the
    text both share marked, so that identical parts show in plain text.
    """
    a = indicators[indicators["form_id"] == form_a].reset_index(drop=True)
    b = indicators[indicators["form_id"] == form_b].reset_index(drop=True)
    pairs = match_pairs(a["key"].tolist(), b["key"].tolist())
    if not pairs:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    rows = []
    for i, j, ratio in sorted(pairs):
        left, right = a.iloc[i], b.iloc[j]
        name_a, name_b = _text(left["name"]), _text(right["name"])
        rows.append(
            (
                int(left["seq"]),
                name_a,
                _text(left["value_raw"]),
                ratio,
                int(right["seq"]),
                name_b,
                _text(right["value_raw"]),
                mark_common(name_a, name_b),
                left["key"] == right["key"],
                _text(left["value_raw"]) == _text(right["value_raw"]),
            )
        )
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def align_forms(indicators: pd.DataFrame, form_ids: list[str]) -> pd.DataFrame:
    """The indicators of several forms aligned row by row: one row per matched group of indicators.

    Columns: ``level1``, ``level2``, then one column per form id holding "name（value）" or None
    where that form has no matching indicator. The first form's rows come first, each later
    form's unmatched rows are added as new groups; rows are sorted by level then first appearance.
    """
    groups: list[dict[str, object]] = []
    for form_id in form_ids:
        rows = indicators[indicators["form_id"] == form_id].reset_index(drop=True)
        free = [n for n, group in enumerate(groups) if form_id not in group]
        pairs = match_pairs([str(groups[n]["key"]) for n in free], rows["key"].tolist())
        matched = {j: free[i] for i, j, _ in pairs}
        for j, row in rows.iterrows():
            if j in matched:
                groups[matched[j]][form_id] = _cell(row)
            else:
                groups.append(
                    {
                        "key": row["key"],
                        "level1": row["level1"],
                        "level2": row["level2"],
                        "order": len(groups),
                        form_id: _cell(row),
                    }
                )
    frame = pd.DataFrame(groups, columns=["level1", "level2", "order", *form_ids])
    rank1 = {name: n for n, name in enumerate(LEVEL1)}
    rank2 = {name: n for n, name in enumerate(LEVEL2)}
    frame = frame.assign(
        _l1=frame["level1"].map(rank1).fillna(len(rank1)), _l2=frame["level2"].map(rank2).fillna(len(rank2))
    )
    frame = frame.sort_values(["_l1", "_l2", "order"], ignore_index=True)
    return (
        frame[["level1", "level2", *form_ids]]
        .astype(object)
        .where(frame[["level1", "level2", *form_ids]].notna(), None)
    )


def _cell(row: pd.Series) -> str:
    value = _text(row["value_raw"])
    return f"{_text(row['name'])}（{value}）" if value else _text(row["name"])


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


IDENTICAL_STYLE = "background-color: #F6D5CF"
SIMILAR_STYLE = "background-color: #FBEBD0"


def identical_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """CSS per cell of a :func:`pair_rows` frame: identical names and values shaded, near-identical lighter."""
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for side in ("a", "b"):
        if f"name_{side}" in frame:
            styles[f"name_{side}"] = [
                IDENTICAL_STYLE if same else SIMILAR_STYLE if ratio >= 90 else ""
                for same, ratio in zip(frame["same_name"], frame["ratio"], strict=True)
            ]
        if f"value_{side}" in frame:
            styles[f"value_{side}"] = [IDENTICAL_STYLE if same else "" for same in frame["same_value"]]
    return styles


MISSING_STYLE = "background-color: #F3F4F6; color: #9CA3AF"


def missing_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """CSS per cell of an :func:`align_forms` frame: a form with no matching indicator (empty) is greyed."""
    empty = frame.isna() | frame.eq("")
    return pd.DataFrame(np.where(empty, MISSING_STYLE, ""), index=frame.index, columns=frame.columns)
