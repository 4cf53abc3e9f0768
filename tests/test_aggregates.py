"""The dashboard's per-form aggregates (issue 14): the figures drawn from them equal those drawn from
every row, on a scored store built here, and they stay so when a form is added, scored
incrementally, removed, or when an older store is opened (the migration fills them)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lib.demo.generate import generate
from lib.normalize.values import is_real_unit
from lib.quality.engine import score_store
from lib.quality.incremental import score_added
from lib.store import FINDING_HEADS, MIGRATIONS, Store, open_store
from lib.views import data, similarity, structure

# Synthetic forms (lib.demo): units over three years, towns copying each other's rows.
FORMS = [made.form for made in generate(30, seed=5)]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("aggregates") / "store.sqlite"
    with open_store(path) as store:
        for form in FORMS[:-1]:
            store.add_form(form)
        score_store(store)
    return path


def copy_of(path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.sqlite"
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    return copy


def rows_of(store: Store) -> pd.DataFrame:
    return store.indicators_frame(columns=("form_id", "level1", "level2", "kind", "operator", "unit"))


# ---- the figures as they were computed from every row (the oracle) -----------------------------
def sunburst_from_rows(rows: pd.DataFrame) -> pd.DataFrame:
    return structure.sunburst_frame(structure.level_counts(rows))


def share_from_rows(rows: pd.DataFrame) -> pd.Series:
    return (rows["kind"] == "定量").groupby(rows["form_id"]).mean()


def operators_from_rows(rows: pd.DataFrame) -> dict[str, int]:
    return rows["operator"].astype(object).fillna(structure.UNLABELLED).value_counts().to_dict()


def units_from_rows(rows: pd.DataFrame) -> tuple[dict[str, int], int]:
    units = rows["unit"].dropna().astype(str)
    real = units.map(is_real_unit)
    return units[real].value_counts().to_dict(), int((~real).sum())


def coverage_from_rows(rows: pd.DataFrame, forms: pd.DataFrame) -> structure.Coverage:
    return structure.coverage(structure.level_counts(rows), forms)


def pairs_from_flags(flags: pd.DataFrame, forms: pd.DataFrame) -> list[tuple[str, str, int, int]]:
    """(a, b, rows of a copied from b, rows of b copied from a) for every pair of selected forms."""
    ids = set(forms["form_id"])
    copied = flags[
        (flags["flag"] == "copied") & flags["form_id"].isin(ids) & flags["other_form_id"].isin(ids)
    ]
    found: dict[tuple[str, str], list[int]] = {}
    for source, other in zip(copied["form_id"], copied["other_form_id"], strict=True):
        a, b = sorted((source, other))
        found.setdefault((a, b), [0, 0])[0 if source == a else 1] += 1
    return sorted((a, b, ab, ba) for (a, b), (ab, ba) in found.items())


def reused_from_rows(texts: pd.DataFrame, forms: pd.DataFrame) -> dict[str, tuple[str, int, int, int]]:
    """Per wording key used by two units or more: (its first row's wording, units, forms, rows)."""
    rows = texts[texts["key"].str.len() >= 2].merge(forms[["form_id", "unit"]], on="form_id")
    wording = rows["name"].fillna(rows["description"])
    found = {}
    for key, group in rows.assign(wording=wording).groupby("key", sort=False):
        if group["unit"].nunique() >= 2:
            found[key] = (
                group["wording"].iloc[0],
                group["unit"].nunique(),
                group["form_id"].nunique(),
                len(group),
            )
    return found


def selections(forms: pd.DataFrame) -> list[pd.DataFrame]:
    """Every form, one year's, and one county's: what the sidebar selects."""
    year = int(forms["year"].max())
    county = forms["county"].dropna().iloc[0]
    return [forms, forms[forms["year"] == year], forms[forms["county"] == county]]


def assert_figures_match_rows(path: Path) -> None:
    with open_store(path) as store:
        everything = data.forms_table(store)
        everything = everything[everything["score"].notna()]
        rows = rows_of(store)
        levels, values = store.level_counts_frame(), store.value_counts_frame()
        copies, flags = store.copy_counts_frame(), store.flags_frame()
        texts = data.indicators_table(store, columns=data.TEXT_COLUMNS)
        row_texts = store.row_text_ids()
        for forms in selections(everything):
            chosen = data.restrict(rows, forms["form_id"])
            own_levels = data.restrict(levels, forms["form_id"])
            own_values = data.restrict(values, forms["form_id"])
            pd.testing.assert_frame_equal(structure.sunburst_frame(own_levels), sunburst_from_rows(chosen))
            share = structure.quantitative_share(own_levels, forms).set_index("form_id")["share"]
            assert share.to_dict() == pytest.approx(share_from_rows(chosen).to_dict())
            cover, expected = structure.coverage(own_levels, forms), coverage_from_rows(chosen, forms)
            pd.testing.assert_frame_equal(cover.counts, expected.counts)
            pd.testing.assert_frame_equal(cover.missing, expected.missing)
            operators = structure.distribution(own_values, "operator", limit=1000)
            assert dict(zip(operators["value"], operators["count"], strict=True)) == operators_from_rows(
                chosen
            )
            units = structure.unit_distribution(own_values, limit=1000)
            real, junk = units_from_rows(chosen)
            is_junk = units["value"] == structure.NOT_A_UNIT
            assert dict(zip(units.loc[~is_junk, "value"], units.loc[~is_junk, "count"], strict=True)) == real
            assert int(units.loc[is_junk, "count"].sum()) == junk
            assert structure.level2_options(own_levels) == structure.level2_options(chosen)
            pairs = similarity.pair_similarity(copies, forms)
            assert sorted(pairs[["a", "b", "rows_ab", "rows_ba"]].itertuples(index=False, name=None)) == (
                pairs_from_flags(flags, forms)
            )
            for members in similarity.clusters(pairs, forms)[
                "members"
            ]:  # a group's order is its pairs' order
                shown = pairs[pairs["a"].isin(members)]
                assert similarity.matrix_forms(shown, 3, members) == similarity.matrix_forms(shown, 3)
            reused = similarity.reused_phrases(data.restrict(row_texts, forms["form_id"]), forms)
            shown = similarity.with_wording(
                reused,
                store.text_examples(list(zip(reused["text"], reused["form_id"], strict=True))),
                store.phrases_frame(),
            )
            expected_reused = reused_from_rows(data.restrict(texts, forms["form_id"]), forms)
            for key, text, units_, forms_, rows_ in shown[
                ["key", "text", "units", "forms", "rows"]
            ].itertuples(index=False):
                assert expected_reused[key] == (text, units_, forms_, rows_)
            most = sorted((v[1] for v in expected_reused.values()), reverse=True)[: len(shown)]
            assert shown["units"].tolist() == most


def test_figures_from_aggregates_equal_those_from_every_row(store_path: Path) -> None:
    with open_store(store_path) as store:
        assert len(store.copy_counts_frame()) > 0 and len(store.row_text_ids()) == len(FORMS) - 1
    assert_figures_match_rows(store_path)


def test_aggregates_follow_an_added_a_removed_and_a_replaced_form(store_path: Path, tmp_path: Path) -> None:
    path = copy_of(store_path, tmp_path)
    with open_store(path) as store:
        store.add_form(FORMS[-1])
        score_added(store)
        assert FORMS[-1].form_id in set(store.level_counts_frame()["form_id"])
    assert_figures_match_rows(path)
    with open_store(path) as store:
        store.delete_form(FORMS[0].form_id)
        assert FORMS[0].form_id not in set(store.level_counts_frame()["form_id"])
        assert FORMS[0].form_id not in set(store.copy_counts_frame()["form_id"])
        shorter = replace(FORMS[1], indicators=FORMS[1].indicators[:-3])  # read again, three rows fewer
        store.put_form(shorter, [], replace=True)
        score_added(store)
        assert store.level_counts_frame().query("form_id == @shorter.form_id")["n"].sum() == len(
            shorter.indicators
        )
    assert_figures_match_rows(path)


def test_an_older_store_gains_its_aggregates_when_opened(store_path: Path, tmp_path: Path) -> None:
    path = copy_of(store_path, tmp_path)
    with closing(sqlite3.connect(path)) as file:  # back to the schema before the aggregates
        for table in ("level_counts", "value_counts", "copy_counts"):
            file.execute(f"DROP TABLE {table}")
        file.execute("DROP INDEX indicators_level2")
        file.execute("DROP INDEX scores_shown")
        file.execute("ALTER TABLE scores DROP COLUMN gates")
        file.execute(f"PRAGMA user_version = {migration_creating('level_counts')}")
        file.commit()
    with open_store(path) as store:
        assert store.level_counts_frame()["n"].sum() == len(rows_of(store))
        gates = dict(zip(*store.scores_frame()[["form_id", "gates"]].T.values, strict=True))
        assert gates == {result["form_id"]: tuple(result["gates"]) for result in store.score_results()}
        assert any(gates.values())
    assert_figures_match_rows(path)


def migration_creating(table: str) -> int:
    """The schema version before the migration that creates ``table``."""
    return next(n for n, steps in enumerate(MIGRATIONS) if any(f"CREATE TABLE {table} " in s for s in steps))


def test_the_scores_are_read_from_their_index_in_an_older_store_too(store_path: Path, tmp_path: Path) -> None:
    """Every page reads every form's scores: from the index that holds them (not the rows, whose long
    result text sits before some of them), in a new store and in one made before the index, once opened;
    the same scores either way."""
    path = copy_of(store_path, tmp_path)
    with open_store(path) as store:
        fresh = store.scores_frame()
    with closing(sqlite3.connect(path)) as file:
        file.execute("DROP INDEX scores_shown")
        file.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
        file.commit()
    with open_store(path) as store:
        pd.testing.assert_frame_equal(store.scores_frame(), fresh)
    for with_forms in (False, True):
        with closing(sqlite3.connect(path)) as file:
            plan = " ".join(map(str, file.execute(f"EXPLAIN QUERY PLAN {scores_sql(path, with_forms)}")))
        assert "COVERING INDEX scores_shown" in plan


def scores_sql(path: Path, with_forms: bool) -> str:
    """The query Store.scores_frame runs (caught from the connection's trace)."""
    seen: list[str] = []
    with open_store(path) as store:
        store._conn.set_trace_callback(seen.append)
        store.scores_frame(with_forms=with_forms)
    return next(sql for sql in seen if "FROM" in sql and "scores" in sql)


def test_reused_phrases_rank_wordings_by_units_then_rows() -> None:
    frame = pd.DataFrame(
        {"form_id": ["a", "b", "c", "d"], "unit": ["甲镇", "甲镇", "乙镇", "丙镇"], "label": list("abcd")}
    )
    row_texts = pd.DataFrame(
        {
            "form_id": ["a", "b", "c", "d"],
            "texts": [np.array(ids, dtype=np.int64) for ids in ([7, 7, 3], [7], [7, 3], [5])],
        }
    )
    reused = similarity.reused_phrases(row_texts, frame)
    assert reused[["text", "units", "forms", "rows", "form_id"]].values.tolist() == [
        [7, 2, 3, 4, "a"],
        [3, 2, 2, 2, "a"],
    ]
    examples = pd.DataFrame(
        {
            "text": [7, 3],
            "form_id": ["a", "a"],
            "key": ["资金按时拨付", "公开"],
            "wording": ["资金按时拨付。", "公开"],
        }
    )
    phrases = pd.DataFrame({"key": ["资金按时拨付"]})
    shown = similarity.with_wording(reused, examples, phrases)
    assert shown[["text", "stock"]].values.tolist() == [["资金按时拨付。", True], ["公开", False]]


def grown_one_by_one(
    group: set[str], links: dict[str, dict[str, float]], strength: dict[str, float]
) -> list[str]:
    """The cluster order as it was first written: each step scans every candidate (n² on a large group)."""
    start = max(sorted(group), key=lambda n: strength[n])
    placed, best = [start], dict(links[start])
    while len(placed) < len(group):
        nxt = max(sorted(n for n in best if n not in placed), key=lambda n: (best[n], strength[n]))
        placed.append(nxt)
        for other, share in links[nxt].items():
            best[other] = max(best.get(other, 0.0), share)
    return placed


@pytest.mark.parametrize("seed", range(5))
def test_cluster_order_is_the_one_by_one_order(seed: int) -> None:
    generator = np.random.default_rng(seed)
    forms_ = [f"f{n:03d}" for n in range(120)]
    edges = {tuple(sorted(generator.choice(forms_, 2, replace=False))) for _ in range(400)}
    shares = generator.choice([0.0, 0.1, 0.25, 0.5, 0.5, 0.9], len(edges))  # ties on purpose
    pairs = pd.DataFrame(
        [(a, b, share) for (a, b), share in zip(sorted(edges), shares, strict=True)],
        columns=["a", "b", "share"],
    )
    links: dict[str, dict[str, float]] = {}
    for a, b, share in pairs.itertuples(index=False):
        links.setdefault(a, {})[b] = links.setdefault(b, {})[a] = float(share)
    strength = {node: sum(others.values()) for node, others in links.items()}
    groups = similarity.cluster_groups(pairs)
    assert [grown_one_by_one(set(group), links, strength) for group in groups] == groups


def test_the_findings_list_from_heads_and_shown_texts_is_the_full_list(store_path: Path) -> None:
    """The quality page's findings list, read as codes and severities with the messages of the rows shown
    only, is the list read from every finding whole: same findings, order, messages and rows."""
    with open_store(store_path) as store:
        forms = data.forms_table(store)
        full = similarity.findings_list(store.findings_frame(), forms)
        heads = similarity.findings_list(store.findings_frame(columns=FINDING_HEADS), forms)
        shown = heads.head(7)
        texts = store.finding_texts(list(zip(shown["form_id"], shown["idx"].astype(int), strict=True)))
    assert len(full) > 7 and len(heads) == len(full)
    listed = similarity.with_rows_text(similarity.with_texts(shown, texts))
    expected = similarity.with_rows_text(full.head(7))
    pd.testing.assert_frame_equal(listed, expected[listed.columns.tolist()])
