"""Indicator structure: levels and kinds, category coverage per form, operators, units and targets."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.normalize.taxonomy import LEVEL1
from lib.normalize.values import is_real_unit
from lib.quality.rules import COST_LEVEL2, REQUIRED_CATEGORIES

UNLABELLED = "未标注"
"""Stands for a missing level or kind in the grouped frames (the pages translate it)."""
BENEFIT_COLUMNS = ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")
COVERAGE_COLUMNS = (
    "数量指标",
    "质量指标",
    "时效指标",
    *BENEFIT_COLUMNS,
    "服务对象满意度指标",
    "成本指标",
    UNLABELLED,
)
"""The level-2 categories of the coverage matrix; every cost sub-category counts as 成本指标."""


def level_counts(indicators: pd.DataFrame) -> pd.DataFrame:
    """A few forms' indicator rows counted as the store's ``level_counts`` holds every form's: ``n`` per form
    and (level 1, level 2, kind)."""
    columns = ["form_id", "level1", "level2", "kind"]
    return indicators.groupby(columns, dropna=False).size().rename("n").reset_index()


def sunburst_frame(levels: pd.DataFrame) -> pd.DataFrame:
    """Indicator counts per (level 1, level 2, kind), missing values as :data:`UNLABELLED`, from
    :data:`level counts <lib.views.data.TABLES>` (``n`` indicators per form and level)."""
    counts = (
        levels.groupby(["level1", "level2", "kind"], dropna=False)["n"].sum().rename("count").reset_index()
    )
    counts[["level1", "level2", "kind"]] = (
        counts[["level1", "level2", "kind"]].astype(object).fillna(UNLABELLED)
    )
    order = {name: n for n, name in enumerate((*LEVEL1, UNLABELLED))}
    return counts.sort_values(
        ["level1", "level2", "kind"],
        key=lambda c: c.map(order) if c.name == "level1" else c,
        ignore_index=True,
    )


def coverage_columns(levels: pd.DataFrame) -> pd.Series:
    """The coverage-matrix column of each (level 1, level 2): the level 2, with every cost sub-category as 成本指标
    and a bare 成本/满意度 level 1 standing for its only level 2."""
    level1, level2 = levels["level1"], levels["level2"]
    bare = level2.isna()
    column = level2.astype(object).where(level2.isin(COVERAGE_COLUMNS), UNLABELLED)
    column = column.mask(level2.isin(COST_LEVEL2) | (bare & (level1 == "成本指标")), "成本指标")
    return column.mask(bare & (level1 == "满意度指标"), "服务对象满意度指标")


@dataclass(frozen=True)
class Coverage:
    """Indicators per form and category (rows: form labels, in the forms' order) and the required gaps."""

    counts: pd.DataFrame
    missing: pd.DataFrame  # True where a category the form must have is absent


def coverage(levels: pd.DataFrame, forms: pd.DataFrame) -> Coverage:
    """Counts per form × category, and which required categories (as the rules require them) are absent."""
    counts = (
        levels.groupby(["form_id", coverage_columns(levels).rename("column")])["n"]
        .sum()
        .unstack()
        .reindex(index=forms["form_id"], columns=list(COVERAGE_COLUMNS))
        .fillna(0)
        .astype(int)
    )
    benefit_level1 = counts.index.isin(levels.loc[levels["level1"] == "效益指标", "form_id"].unique())
    has_rows = forms["indicator_count"].to_numpy() > 0
    years = forms["year"].fillna(0).to_numpy()
    missing = np.zeros(counts.shape, dtype=bool)
    for column, since in _required_columns():
        group = [counts.columns.get_loc(c) for c in (BENEFIT_COLUMNS if column == "效益指标" else (column,))]
        present = counts.to_numpy()[:, group].sum(axis=1) > 0
        if column == "效益指标":
            present |= benefit_level1
        missing[:, group] |= (has_rows & (years >= since) & ~present)[:, None]
    labels = pd.Index(forms["label"], name=None)
    return Coverage(
        counts.set_axis(labels, axis=0), pd.DataFrame(missing, index=labels, columns=counts.columns)
    )


def _required_columns() -> list[tuple[str, int]]:
    """The categories the rules require, as :data:`COVERAGE_COLUMNS` (效益 as a group), with the first year."""
    named = {"效益指标": "效益指标", "满意度指标": "服务对象满意度指标", "成本指标": "成本指标"}
    return [(level2 or named[level1], since) for level1, level2, _, since in REQUIRED_CATEGORIES]


def gaps_first(cover: Coverage, limit: int) -> Coverage:
    """At most ``limit`` rows: those with the most required gaps first, else in their own order."""
    gaps = cover.missing.sum(axis=1)
    keep = gaps.sort_values(ascending=False, kind="stable").index[:limit]
    return Coverage(cover.counts.loc[keep], cover.missing.loc[keep])


def quantitative_share(levels: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """Per form, the share of its indicators that are 定量 (a number to reach), highest first."""
    per_form = levels.groupby("form_id")
    share = (
        levels["n"].where(levels["kind"] == "定量", 0).groupby(levels["form_id"]).sum() / per_form["n"].sum()
    )
    frame = forms[["form_id", "label", "indicator_count"]].assign(share=forms["form_id"].map(share))
    frame = frame[frame["share"].notna()]
    return frame.sort_values(["share", "label"], ascending=[False, True], ignore_index=True)


def distribution(values: pd.DataFrame, field: str, limit: int = 15) -> pd.DataFrame:
    """The commonest values of one field (missing as :data:`UNLABELLED`): value, count, from
    :data:`value counts <lib.views.data.TABLES>` (``n`` indicators per form, field and value)."""
    chosen = values[values["field"] == field]
    return _commonest(chosen["value"].astype(object).fillna(UNLABELLED), chosen["n"]).head(limit)


def _commonest(values: pd.Series, counts: pd.Series) -> pd.DataFrame:
    """value, count: the counts summed per value, most first (ties in the values' alphabetical order)."""
    summed = counts.groupby(values.astype(str)).sum()
    frame = pd.DataFrame({"value": summed.index.astype(str), "count": summed.to_numpy().astype(int)})
    return frame.sort_values(["count", "value"], ascending=[False, True], ignore_index=True)


NOT_A_UNIT = "not_a_unit"  # shown through the catalogue (term.not_a_unit)


def unit_distribution(values: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The commonest real units (value, count), then one row counting the words standing where a unit goes
    that are none (往年, 及时性: what the junk-unit rule flags); indicators without a unit are left out."""
    units = values[(values["field"] == "unit") & values["value"].notna()]
    written = units["value"].astype(str)
    judged = {unit: is_real_unit(unit) for unit in written.unique()}  # each distinct unit judged once
    real = written.map(judged).astype(bool)
    table = _commonest(units.loc[real, "value"], units.loc[real, "n"]).head(limit)
    if (~real).any():
        table = pd.concat(
            [table, pd.DataFrame({"value": [NOT_A_UNIT], "count": [int(units.loc[~real, "n"].sum())]})]
        )
    return table.reset_index(drop=True)


def target_text(operator: object, target: object, unit: object, value_raw: object) -> str:
    """A target as a reviewer reads it (≥90%), from its parsed parts, else as written."""
    if pd.isna(target):
        return str(value_raw) if isinstance(value_raw, str) else UNLABELLED
    op = operator if isinstance(operator, str) and operator not in ("=", "定性") else ""
    return f"{op}{float(target):g}{unit if isinstance(unit, str) else ''}"


def target_distribution(rows: pd.DataFrame, forms: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """For the rows of one level-2 category (form_id, operator, target, unit, value_raw), how many forms and
    townships set each target (≥90% vs 100%)."""
    if rows.empty:
        return pd.DataFrame(columns=["target", "forms", "places"])
    columns = (rows[c].tolist() for c in ("operator", "target", "unit", "value_raw"))
    texts: dict[
        tuple, str
    ] = {}  # each way of writing a target spelled once: a few hundred among 100,000 rows
    text = [
        texts.get(parts) or texts.setdefault(parts, target_text(*parts))
        for parts in zip(*columns, strict=True)
    ]
    places = rows["form_id"].map(forms.set_index("form_id")["place"])
    frame = pd.DataFrame({"target": text, "form_id": rows["form_id"].to_numpy(), "place": places.to_numpy()})
    grouped = frame.groupby("target")
    result = pd.DataFrame(
        {"forms": grouped["form_id"].nunique(), "places": grouped["place"].nunique()}
    ).reset_index()
    return (
        result.sort_values(["places", "forms", "target"], ascending=[False, False, True])
        .head(limit)
        .reset_index(drop=True)
    )


def level2_options(levels: pd.DataFrame) -> list[str]:
    """The level-2 categories present, satisfaction first (the question most asked of targets)."""
    present = set(levels["level2"].dropna().unique())
    preferred = ["服务对象满意度指标", *[c for c in COVERAGE_COLUMNS if c != "服务对象满意度指标"]]
    return [c for c in preferred if c in present] + sorted(present - set(preferred))
