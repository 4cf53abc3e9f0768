"""The pages' data preparation (lib/views), on small frames built here, and the tables read from a store."""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import pytest

from lib.i18n import display_width
from lib.normalize.text import match_key
from lib.quality.results import CRITERIA_WEIGHTED, DIMENSIONS
from lib.store import open_store
from lib.views import align, briefing, budget, compare, data, drill, imports, overview, similarity, structure


def forms(*rows: dict) -> pd.DataFrame:
    """A forms table as :func:`lib.views.data.forms_table` gives it; each row overrides the defaults."""
    base = {
        "form_id": "f",
        "source": "f.txt",
        "unit_name": None,
        "county": "甲县",
        "township": "一镇",
        "year": 2024,
        "form_kind": "department",
        "stage": "批复",
        "budget_unit_raw": "万元",
        "budget_total": None,
        "budget_basic": None,
        "budget_project": None,
        "budget_other": None,
        "budget_unit_suspect": False,
        "indicator_count": 10,
        "score": 80.0,
        "grade": "良",
        **dict.fromkeys(DIMENSIONS, 80.0),
        "boilerplate_share": 0.1,
        "carry_share": None,
        "gates": (),
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    return frame.assign(
        place=data.place_names(frame), unit=data.unit_keys(frame), label=data.form_labels(frame)
    )


def indicators(*rows: tuple) -> pd.DataFrame:
    """Indicators from (form_id, seq, level1, level2, name, value_raw, kind) tuples."""
    columns = ["form_id", "seq", "level1", "level2", "name", "value_raw", "kind"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(
        key=frame["name"].map(match_key),
        description=None,
        operator=None,
        target=None,
        unit=None,
        group_name=None,
        project=None,
        source_ref="line 1",
    )


def findings(*rows: tuple) -> pd.DataFrame:
    """Findings from (form_id, code, severity, rows) tuples."""
    return pd.DataFrame(
        [
            {
                "form_id": f,
                "idx": n,
                "code": c,
                "severity": s,
                "message": f"{c}。",
                "rows": r,
                "seqs": json.dumps(r),
            }
            for n, (f, c, s, r) in enumerate(rows)
        ]
    )


def flags(*rows: tuple) -> pd.DataFrame:
    """Flags from (form_id, seq, flag, other_form_id, other_seq) tuples."""
    return pd.DataFrame(rows, columns=["form_id", "seq", "flag", "other_form_id", "other_seq"])


# ---- labels and options ----------------------------------------------------------------------
def test_the_forms_table_has_each_column_once(samples_db) -> None:
    with open_store(samples_db) as store:
        table = data.forms_table(store)
    assert not table.columns.duplicated().any()
    long = compare.dimension_frame(table)
    assert not long.duplicated(["form_id", "dimension"]).any()  # one bar per form and dimension


def test_labels_are_short_and_unique() -> None:
    frame = forms(
        {"form_id": "aaaaaa1"},
        {"form_id": "bbbbbb2"},
        {"form_id": "c", "township": None, "unit_name": "某局"},
        {"form_id": "d", "year": None, "township": "二镇"},
    )
    assert frame["label"].tolist() == ["一镇 2024 · aaaaaa", "一镇 2024 · bbbbbb", "某局 2024", "二镇"]


def test_text_keys_are_the_match_keys_of_each_row() -> None:
    texts = pd.Series(
        ["Ｔｅｓｔ　ＡＢＣ", "完成率≥95%", None, "完成率≥95%", "道路 硬化（公里）"], index=[5, 6, 7, 8, 9]
    )
    keys = data.text_keys(texts)
    assert keys.index.tolist() == [5, 6, 7, 8, 9]
    assert keys.tolist() == [match_key(text) for text in texts.fillna("")]
    assert keys.tolist()[:2] == ["testabc", "完成率≥95%"]


def test_filter_options_list_what_the_store_holds() -> None:
    frame = forms(
        {"form_id": "a", "grade": "差"}, {"form_id": "b", "year": 2023, "county": "乙县", "grade": "优"}
    )
    options = data.filter_options(frame)
    assert options["year"] == [2024, 2023] and options["county"] == ["乙县", "甲县"]
    assert options["grade"] == ["优", "差"]


def test_tables_read_from_a_scored_store(samples_db) -> None:
    with open_store(samples_db) as store:
        tables = {name: data.load_table(store, name) for name in data.TABLES}
    assert len(tables["forms"]) == 5 and tables["forms"]["score"].notna().all()
    assert tables["texts"]["key"].str.len().gt(0).all() and len(tables["texts"]) == 329
    assert tables["level_counts"]["n"].sum() == tables["forms"]["indicator_count"].sum()
    with open_store(samples_db) as store:
        assert isinstance(data.findings_table(store)["rows"].iloc[0], list)
    with open_store(samples_db) as store:
        assert set(data.indicators_table(store, [tables["forms"]["form_id"].iloc[0]]).columns) == {
            *data.INDICATOR_COLUMNS,
            "key",
        }
    with open_store(samples_db) as store:
        assert store.indicators_frame(columns=["seq", "level1_inferred"])["level1_inferred"].dtype == bool
        with pytest.raises(ValueError, match="no such indicator columns"):
            store.indicators_frame(columns=["seq; DROP TABLE forms"])
    lin = tables["forms"][tables["forms"]["township"] == "林南仓镇"]["form_id"].iloc[0]
    projects = tables["projects"][tables["projects"]["form_id"] == lin]
    assert len(projects) == 14 and projects["budget"].sum() == pytest.approx(316.731)


# ---- overview ----------------------------------------------------------------------------------
def three_forms() -> pd.DataFrame:
    return forms(
        {"form_id": "a", "township": "一镇", "score": 50.0, "grade": "差", "budget_total": 100.0},
        {
            "form_id": "b",
            "township": "二镇",
            "score": 90.0,
            "grade": "优",
            "budget_total": 300.0,
            "year": 2023,
        },
        {"form_id": "c", "township": "二镇", "score": None, "grade": None, "budget_total": None},
    )


def test_headline_figures() -> None:
    found = findings(
        ("a", "no_target", "high", [1]), ("a", "placeholder", "high", []), ("b", "vague_target", "medium", [])
    )
    figures = overview.headline(three_forms(), found)
    assert figures == overview.Headline(
        forms=3, townships=2, years=2, budget_total=400.0, median_score=70.0, flagged_high=1
    )


def test_every_figure_has_the_rows_behind_it() -> None:
    frame, found = three_forms(), findings(("a", "no_target", "high", [1]))
    figures = overview.headline(frame, found)
    assert len(overview.rows_behind("forms", frame, found)) == figures.forms
    assert len(overview.rows_behind("townships", frame, found)) == figures.townships
    assert len(overview.rows_behind("years", frame, found)) == figures.years
    assert overview.rows_behind("budget_total", frame, found)["budget_total"].sum() == figures.budget_total
    assert overview.rows_behind("median_score", frame, found)["score"].median() == figures.median_score
    assert overview.rows_behind("flagged_high", frame, found)["form_id"].nunique() == figures.flagged_high


def test_the_high_findings_behind_the_figure_read_without_text_gain_their_messages() -> None:
    frame = three_forms()
    found = findings(
        ("a", "no_target", "high", [1]), ("a", "placeholder", "high", []), ("b", "vague", "low", [])
    )
    whole = overview.rows_behind("flagged_high", frame, found)
    heads = overview.rows_behind("flagged_high", frame, found[["form_id", "idx", "code", "severity"]])
    texts = found[["form_id", "idx", "message", "seqs"]]
    pd.testing.assert_frame_equal(similarity.with_texts(heads, texts)[overview.HIGH_COLUMNS], whole)


def test_ranking_puts_the_worst_first_and_unscored_last_with_the_standing() -> None:
    ranked = overview.ranking(three_forms())
    assert ranked["form_id"].tolist() == ["a", "b", "c"]
    assert ranked["rank"].tolist()[:2] == [2, 1] and pd.isna(ranked["rank"].iloc[2])
    best = overview.ranking(three_forms(), worst_first=False)
    assert best["form_id"].tolist() == ["b", "a", "c"] and best["rank"].tolist()[:2] == [1, 2]
    assert ranked.columns[0] == "rank" and ranked.columns[-1] == "form_id"


def test_top_findings_count_forms_not_rows() -> None:
    found = findings(
        ("a", "x", "low", []), ("a", "x", "low", []), ("b", "y", "high", []), ("a", "y", "high", [])
    )
    top = overview.top_findings(three_forms(), found, limit=5)
    assert top[["code", "forms", "findings"]].values.tolist() == [["y", 2, 2], ["x", 1, 2]]


# ---- briefing: to return, league, trend, summary -------------------------------------------
def county_forms() -> pd.DataFrame:
    return forms(
        {"form_id": "a", "county": "甲县", "township": "一镇", "score": 40.0, "grade": "差", "year": 2023},
        {"form_id": "b", "county": "甲县", "township": "一镇", "score": 70.0, "grade": "中", "year": 2024},
        {"form_id": "c", "county": "乙县", "township": "二镇", "score": 55.0, "grade": "差", "year": 2024},
        {"form_id": "d", "county": "乙县", "township": "三镇", "score": 92.0, "grade": "优", "year": 2024},
        {"form_id": "e", "county": "乙县", "township": "四镇", "score": 85.0, "grade": "良", "year": 2024},
    )


def test_forms_to_return_are_those_the_review_sends_back_worst_first_with_why() -> None:
    found = findings(
        ("c", "vague_target", "medium", []),
        ("c", "no_target", "high", []),
        ("c", "vague_target", "medium", []),
        ("a", "placeholder", "high", []),
        ("d", "no_target", "high", []),
    )
    returned = briefing.to_return(county_forms(), found)
    assert returned["form_id"].tolist() == ["a", "c", "b"]  # 差, 差 (to resubmit), then 中 (to revise)
    assert returned["verdict"].tolist() == ["退回重报", "退回重报", "退回修改"]
    assert returned["codes"].tolist() == [("placeholder",), ("no_target", "vague_target"), ()]
    assert (
        briefing.reason((), ("no_target", "vague_target", "placeholder"), "zh")
        == "未设指标值、目标表述模糊（另 1 类）"
    )
    assert briefing.reason(("template_filled",), ("no_target",), "zh") == "套用模板、未设指标值"
    from lib.i18n import has
    from lib.quality.scoring import GATES

    assert all(has(f"briefing.gate.{gate}") for gate in GATES)  # every gate can be named in a reason
    both = ("missing_core_category", "missing_core_categories")
    assert briefing.reason(both, ("no_target",), "en") == "Core categories missing; No target"
    assert briefing.reason((), ("no_target",), "en") == "No target"


def test_the_return_list_follows_the_letters_verdict_gates_included() -> None:
    """A form graded 良 that fails a basic requirement is returned for revision, as its letter says."""
    from lib.export.letter import verdict

    gated = county_forms().assign(gates=[(), (), (), (), ("missing_core_category",)])
    returned = briefing.to_return(gated, findings(("a", "no_target", "high", [])))
    assert "e" in returned["form_id"].tolist() and "d" not in returned["form_id"].tolist()
    for row in returned.itertuples():
        assert row.verdict == verdict(row.grade, list(row.gates))
    assert briefing.verdicts(gated.assign(grade=[None, "中", "差", "优", "良"])).tolist()[0] is None


def test_league_table_puts_the_weakest_county_first() -> None:
    league = briefing.league(county_forms())
    assert league["county"].tolist() == ["甲县", "乙县"]  # medians 55.0 and 85.0
    first, second = league.iloc[0], league.iloc[1]
    assert (first["forms"], first["median_score"], first["poor_share"], first["to_return"]) == (
        2,
        55.0,
        0.5,
        2,  # the 差 form to resubmit and the 中 form to revise
    )
    assert (second["forms"], second["to_return"]) == (3, 1)


def test_trend_keeps_townships_with_several_years() -> None:
    trend = briefing.trend(county_forms())
    assert trend["place"].unique().tolist() == ["一镇"] and trend["score"].tolist() == [40.0, 70.0]


def test_summary_paragraph_counts_and_names_the_commonest_problem() -> None:
    found = findings(
        ("a", "no_target", "high", []), ("c", "no_target", "high", []), ("c", "vague_target", "low", [])
    )
    text = briefing.summary(county_forms(), found, "zh")
    assert text.startswith(
        "本次共 5 张表，涉及 4 个乡镇；中位得分 70.0，2 张为“差”。建议退回 3 张（退回重报 2 张、退回修改 1 张）。"
    )
    assert text.endswith("主要问题为未设指标值、目标表述模糊。")
    english = briefing.summary(county_forms(), found, "en")
    assert (
        "5 forms from 4 townships" in english
        and "3 to return (2 to resubmit, 1 to revise)" in english
        and not any("\u4e00" <= c <= "\u9fff" for c in english)
    )


# ---- budget ------------------------------------------------------------------------------------
def test_budget_composition_shows_what_is_not_broken_down_and_what_is_suspect() -> None:
    frame = forms(
        {"form_id": "a", "budget_total": 100.0, "budget_basic": 60.0, "budget_project": 30.0},
        {"form_id": "b", "budget_total": 50.0, "budget_basic": 50.0, "budget_unit_suspect": True},
        {"form_id": "c"},
    )
    found = findings(("a", "budget_arithmetic", "high", []), ("a", "no_target", "high", []))
    parts = budget.composition(frame, found)
    assert parts["form_id"].tolist() == ["a", "b"]
    a = parts.iloc[0]
    assert (a["basic"], a["project"], a["other"], a["unspecified"]) == (60.0, 30.0, 0.0, 10.0)
    assert parts["suspect"].tolist() == [("budget_arithmetic",), ("money_unit_suspect",)]
    shares = budget.as_shares(parts)
    assert shares[list(budget.PARTS)].sum(axis=1).round(6).tolist() == [100.0, 100.0]
    assert budget.suspect_rows(parts)["code"].tolist() == ["budget_arithmetic", "money_unit_suspect"]


def test_project_tree_and_money_per_indicator() -> None:
    frame = forms(
        {"form_id": "a", "budget_total": 500.0, "indicator_count": 5},
        {"form_id": "b", "budget_total": 90.0, "indicator_count": 9},
    )
    projects = pd.DataFrame(
        {
            "form_id": ["a", "a", "b"],
            "idx": [0, 1, 0],
            "code": [None, "P1", None],
            "name": ["修路", None, "清运"],
            "budget": [20.0, 5.0, None],
        }
    )
    tree = budget.project_tree(projects, frame)
    assert tree[["label", "project", "budget"]].values.tolist() == [
        ["一镇 2024 · a", "修路", 20.0],
        ["一镇 2024 · a", "P1", 5.0],
    ]
    per = budget.money_per_indicator(frame)
    assert per["per_indicator"].tolist() == [100.0, 10.0]


# ---- structure ---------------------------------------------------------------------------------
STRUCTURE_ROWS = (
    ("a", 1, "产出指标", "数量指标", "清运量", "≥10吨", "定量"),
    ("a", 2, "产出指标", "质量指标", "合格率", "≥95%", "定量"),
    ("a", 3, "效益指标", None, "环境改善", "明显", "定性"),
    ("a", 4, "满意度指标", None, "群众满意度", "≥90%", "定量"),
    ("b", 1, "产出指标", "数量指标", "清运量", "≥20吨", "定量"),
    ("b", 2, "成本指标", "经济成本指标", "成本控制", "≤10万元", "定量"),
    ("b", 3, "满意度指标", "服务对象满意度指标", "群众满意度", "100%", "定量"),
    ("b", 4, None, None, "其他", None, None),
)


def value_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Per form, field (operator, unit) and value, the indicators: what the store's ``value_counts`` holds."""
    operators = rows.groupby(["form_id", "operator"], dropna=False).size().rename("n").reset_index()
    units = rows[rows["unit"].notna()].groupby(["form_id", "unit"]).size().rename("n").reset_index()
    return pd.concat(
        [
            operators.rename(columns={"operator": "value"}).assign(field="operator"),
            units.rename(columns={"unit": "value"}).assign(field="unit"),
        ],
        ignore_index=True,
    )


def test_sunburst_counts_every_indicator_once() -> None:
    counts = structure.sunburst_frame(structure.level_counts(indicators(*STRUCTURE_ROWS)))
    assert counts["count"].sum() == len(STRUCTURE_ROWS)
    assert counts["level1"].iloc[0] == "产出指标"
    assert (structure.UNLABELLED, structure.UNLABELLED, structure.UNLABELLED) in set(
        map(tuple, counts[["level1", "level2", "kind"]].values)
    )


def test_coverage_marks_required_categories_that_are_absent() -> None:
    frame = forms(
        {"form_id": "a", "year": 2021, "indicator_count": 4}, {"form_id": "b", "indicator_count": 4}
    )
    cover = structure.coverage(structure.level_counts(indicators(*STRUCTURE_ROWS)), frame)
    a, b = cover.counts.index
    assert cover.counts.loc[a, "服务对象满意度指标"] == 1 and cover.counts.loc[b, "成本指标"] == 1
    assert cover.counts.loc[b, structure.UNLABELLED] == 1
    assert cover.missing.loc[a, "时效指标"] and not cover.missing.loc[a, "成本指标"]  # cost only from 2022
    assert not cover.missing.loc[a, "社会效益指标"]  # a benefit labelled only at level 1 counts
    assert cover.missing.loc[b, list(structure.BENEFIT_COLUMNS)].all()
    assert structure.gaps_first(cover, 1).counts.index.tolist() == [b]


def test_quantitative_share_distributions_and_targets() -> None:
    rows, frame = indicators(*STRUCTURE_ROWS), forms({"form_id": "a"}, {"form_id": "b", "township": "二镇"})
    share = structure.quantitative_share(structure.level_counts(rows), frame)
    assert share["share"].tolist() == [0.75, 0.75]
    operators = value_counts(rows.assign(operator=["≥", "≥", None, "≥", "≥", "≤", "=", None]))
    assert structure.distribution(operators, "operator").values.tolist() == [
        ["≥", 4],
        [structure.UNLABELLED, 2],
        ["=", 1],
        ["≤", 1],
    ]
    assert structure.target_text("≥", 90.0, "%", "≥90%") == "≥90%"
    assert structure.target_text("=", 100.0, "%", "100%") == "100%"
    assert structure.target_text(None, None, None, "明显") == "明显"
    satisfaction = rows.assign(
        level2=rows["level2"].where(rows["name"] != "群众满意度", "服务对象满意度指标"),
        operator=["≥"] * 8,
        target=[10, 95, None, 90, 20, 10, 100, None],
        unit=["吨", "%", None, "%", "吨", "万元", "%", None],
    )
    chosen = satisfaction[satisfaction["level2"] == "服务对象满意度指标"]
    targets = structure.target_distribution(chosen, frame)
    assert sorted(targets[["target", "places"]].values.tolist()) == [["≥100%", 1], ["≥90%", 1]]
    assert structure.level2_options(structure.level_counts(satisfaction))[0] == "服务对象满意度指标"


# ---- similarity --------------------------------------------------------------------------------
def copying_forms() -> pd.DataFrame:
    return forms(*({"form_id": f, "township": f"{f}镇", "indicator_count": 10} for f in "abcde"))


def test_pair_similarity_counts_both_directions() -> None:
    copied = flags(
        ("a", 1, "copied", "b", 1),
        ("a", 2, "copied", "b", 2),
        ("b", 1, "copied", "a", 1),
        ("c", 5, "copied", "d", 5),
        ("a", 3, "generic", None, None),
        ("e", 1, "copied", "zz", 1),
    )
    counted = copied[copied["flag"] == "copied"].groupby(["form_id", "other_form_id"]).size().rename("n")
    pairs = similarity.pair_similarity(counted.reset_index(), copying_forms())
    assert pairs[["a", "b", "rows_ab", "rows_ba", "rows", "share"]].values.tolist() == [
        ["a", "b", 2, 1, 3, 0.15],
        ["c", "d", 1, 0, 1, 0.05],
    ]


def test_cluster_order_keeps_copied_forms_together() -> None:
    pairs = pd.DataFrame(
        {"a": ["a", "c", "a", "b"], "b": ["e", "d", "b", "e"], "share": [0.5, 0.4, 0.1, 0.3]}
    )
    order = similarity.cluster_order(pairs)
    assert order[:3] in (["e", "a", "b"], ["a", "e", "b"], ["e", "b", "a"])
    assert order[3:] in (["c", "d"], ["d", "c"])
    assert similarity.matrix_forms(pairs.assign(rows=1), 2) == [f for f in order if f in {"e", "a"}]


def test_clusters_summarise_groups_that_copy_each_other_largest_first() -> None:
    pairs = pd.DataFrame(
        {"a": ["a", "c", "a", "b"], "b": ["e", "d", "b", "e"], "share": [0.5, 0.4, 0.1, 0.3]}
    )
    frame = forms(
        *({"form_id": f, "township": f"{town}镇"} for f, town in zip("abcde", "一一二三一", strict=True))
    )
    groups = similarity.clusters(pairs, frame)
    assert groups["cluster"].tolist() == [1, 2] and groups["forms"].tolist() == [3, 2]
    first, second = groups.iloc[0], groups.iloc[1]
    assert (
        set(first["members"]) == {"a", "b", "e"}
        and list(first["members"]) == similarity.cluster_order(pairs)[:3]
    )
    assert (first["townships"], first["places"], first["median_share"], first["max_share"]) == (
        1,
        ["一镇"],
        0.3,
        0.5,
    )
    assert (second["townships"], sorted(second["places"]), second["median_share"]) == (
        2,
        ["三镇", "二镇"],
        0.4,
    )
    many = [f"{n}镇" for n in range(9)]
    assert similarity.named_places(many, "zh") == "0镇、1镇、2镇、3镇、4镇 等（另有 4 项）"
    assert similarity.clusters(pairs.iloc[0:0], frame).empty


def test_matrix_cells_are_symmetric_and_top_pairs_are_labelled() -> None:
    pairs = pd.DataFrame(
        {"a": ["a"], "b": ["b"], "rows_ab": [2], "rows_ba": [1], "rows": [3], "share": [0.15]}
    )
    labels = {"a": "甲", "b": "乙"}
    cells = similarity.matrix_cells(pairs, ["a", "b"], labels)
    assert cells[["x", "y"]].values.tolist() == [["甲", "乙"], ["乙", "甲"]]
    assert similarity.top_pairs(pairs, labels)[["label_a", "label_b"]].values.tolist() == [["甲", "乙"]]


def test_findings_list_filters_by_rule_severity_and_township() -> None:
    found = findings(("a", "x", "low", [1, 2]), ("b", "y", "high", []), ("c", "x", "medium", [3]))
    frame = copying_forms()
    rows = similarity.with_rows_text(similarity.findings_list(found, frame))
    assert rows["severity"].tolist() == ["high", "medium", "low"] and rows["rows_text"].iloc[2] == "1、2"
    assert similarity.findings_list(found, frame, codes=("x",), severities=("low",))["form_id"].tolist() == [
        "a"
    ]
    assert similarity.findings_list(found, frame, places=("b镇",))["form_id"].tolist() == ["b"]


def test_carry_trend_follows_units_over_years() -> None:
    frame = forms(
        {"form_id": "a", "unit_name": "甲镇", "year": 2022},
        {"form_id": "b", "unit_name": "甲镇", "year": 2023, "carry_share": 0.6},
        {"form_id": "c", "unit_name": "甲镇", "year": 2024, "carry_share": 0.9},
        {"form_id": "d", "unit_name": "乙镇", "year": 2024},
    )
    trend = similarity.carry_trend(frame)
    assert trend[["year", "share"]].values.tolist() == [[2023, 0.6], [2024, 0.9]]
    assert similarity.carry_trend(frame.assign(carry_share=None)).empty


# ---- alignment ---------------------------------------------------------------------------------
def test_match_pairs_is_one_to_one_and_best_first() -> None:
    pairs = align.match_pairs(
        ["垃圾清运量", "群众满意度"], ["群众满意度", "垃圾清运总量", "群众满意率"], cutoff=60
    )
    assert pairs[0] == (1, 0, 100.0) and {(i, j) for i, j, _ in pairs} == {(1, 0), (0, 1)}
    assert align.match_pairs([], ["x"]) == []


def test_mark_common_brackets_the_shared_text() -> None:
    assert align.mark_common("林南仓镇道路清理", "大华镇道路清理") == "林南仓【镇道路清理】"
    assert align.mark_common("完全不同", "另一句话") == "完全不同"


def test_pair_rows_shade_identical_text() -> None:
    rows = indicators(
        ("a", 1, None, None, "资金按时拨付到位", "100%", None),
        ("a", 2, None, None, "本镇特有指标", "1", None),
        ("b", 7, None, None, "资金按时拨付到位", "≥90%", None),
        ("b", 8, None, None, "完全无关的内容", "2", None),
    )
    pair = align.pair_rows(rows, "a", "b")
    assert pair[["seq_a", "seq_b", "same_name", "same_value"]].values.tolist() == [[1, 7, True, False]]
    styles = align.identical_cells(pair)
    assert styles.loc[0, "name_a"] == align.IDENTICAL_STYLE and styles.loc[0, "value_a"] == ""


def test_align_forms_shows_what_one_measures_and_another_does_not() -> None:
    rows = indicators(*STRUCTURE_ROWS)
    aligned = align.align_forms(rows, ["a", "b"])
    assert list(aligned.columns) == ["level1", "level2", "a", "b"]
    both = aligned[aligned["a"].notna() & aligned["b"].notna()]
    assert both["a"].tolist() == ["清运量（≥10吨）", "群众满意度（≥90%）"]
    assert aligned["a"].isna().sum() == 2 and aligned["b"].isna().sum() == 2
    assert aligned["level1"].iloc[0] == "产出指标"
    assert (align.missing_cells(aligned[["a", "b"]]) != "").sum().sum() == 4


# ---- compare and drill -----------------------------------------------------------------------------
def test_compare_tables_follow_the_chosen_order() -> None:
    frame = forms(
        {"form_id": "a", "budget_total": 1234.5}, {"form_id": "b", "township": "二镇", "grade": "差"}
    )
    chosen = compare.chosen(frame, ["b", "a", "zz"])
    assert chosen["form_id"].tolist() == ["b", "a"]
    table = compare.headline_table(chosen, "en")
    assert list(table.columns) == ["field", "二镇 2024", "一镇 2024"]
    assert table.set_index("field").loc["Total budget (10k yuan)"].tolist() == ["—", "1,234.50"]
    assert table.set_index("field").loc["Grade"].tolist() == ["D", "B"]
    assert len(compare.dimension_frame(chosen)) == 2 * (len(CRITERIA_WEIGHTED) + 1)  # and the total


def test_drill_lists_and_tables() -> None:
    frame = forms({"form_id": "a", "year": 2023}, {"form_id": "b"}, {"form_id": "c", "township": "二镇"})
    assert drill.places(frame) == ["一镇", "二镇"] and drill.forms_of(frame, "一镇") == ["b", "a"]
    assert drill.place_of(frame, "c") == "二镇" and drill.place_of(frame, "zz") is None
    rows = indicators(*STRUCTURE_ROWS).assign(
        group_name=["职能1", "职能1", "职能2", None, None, None, None, None]
    )
    assert drill.sections(rows[rows["form_id"] == "a"]) == ["职能1", "职能2"]
    marks = flags(
        ("a", 1, "generic", None, None), ("a", 1, "copied", "b", 1), ("a", 2, "same_value", None, None)
    )
    table = drill.indicator_table(rows[rows["form_id"] == "a"], marks, {"b": "乙镇 2024"})
    assert table["flags"].tolist()[:2] == [["copied", "generic"], ["same_value"]]
    assert table["copied_from"].iloc[0] == "乙镇 2024 #1" and pd.isna(table["copied_from"].iloc[1])
    assert drill.indicator_table(rows[rows["form_id"] == "a"], marks, {}, section="职能2")[
        "seq"
    ].tolist() == [3]
    assert drill.indicator_table(rows[rows["form_id"] == "a"], marks, {}, search="满意")["seq"].tolist() == [
        4
    ]


def test_record_findings_and_nearest_rows(make_form) -> None:
    rows = indicators(*STRUCTURE_ROWS)
    record = dict(drill.record(make_form().indicators[3], "en").values.tolist())
    assert (
        record["Indicator"] == "群众满意度" and record["Points got/full"] == "8/10" and "Basis" not in record
    )
    assert record["Level 1"] == "Satisfaction" and record["Kind"] == "quantitative"
    found = findings(("a", "x", "low", [1, 2]), ("a", "y", "high", [1]), ("a", "z", "high", [3]))
    assert drill.row_findings(found, "a", 1)["code"].tolist() == ["y", "x"]
    nearest = drill.nearest_rows(rows, {"b": "乙"}, "a", 1)
    assert nearest[["form_id", "seq", "ratio"]].values.tolist()[0] == ["b", 1, 100.0]
    assert "a" not in set(nearest["form_id"])


def test_a_record_value_too_long_for_its_half_page_cell_is_set_apart_in_full(make_form) -> None:
    indicator = make_form().indicators[3]
    long_description = "按季度入户回访群众，" * 6  # 60 CJK characters: a cell of the half-page table cuts it
    record = drill.record(replace(indicator, description=long_description), "zh")
    long = drill.long_fields(record)
    assert record[long]["value"].tolist() == [long_description]
    assert record[~long]["value"].map(display_width).max() <= drill.RECORD_VALUE_WIDTH
    assert "三级指标" in set(record[~long]["field"])  # short values stay in the table


# ---- import ------------------------------------------------------------------------------------
def test_an_upload_is_read_before_anything_is_stored(tmp_db, monkeypatch, samples) -> None:
    sample = samples[0]
    good = imports.read_upload(sample.read_bytes(), sample.name)
    assert good.error is None and len(good.forms[0].indicators) > 0
    bad = imports.read_upload(b"PK\x03\x04 not really a docx", "x.docx")
    assert bad.error and not bad.forms
    monkeypatch.setenv("TARGETLENS_MAX_FILE_MB", "0")
    assert "limit" in imports.read_upload(b"12345", "big.txt").error.reason
    with open_store(tmp_db) as store:
        assert imports.commit(store, [good, bad]) == [(sample.name, good.forms[0].form_id, True, 0)]
        assert store.count_forms() == 1
    summary = imports.summary_table(good.forms[0], "zh").set_index("field")["value"]
    assert summary["指标数"] == str(len(good.forms[0].indicators))
    assert list(imports.editor_table(good.forms[0]).columns) == imports.EDITOR_COLUMNS


def test_synthetic_share_counts_the_demo_counties() -> None:
    import pandas as pd

    from lib.views.data import synthetic_share

    forms = pd.DataFrame({"county": ["合成云岭县", "合成青岚县", "息烽县", None]})
    assert synthetic_share(forms) == 0.5
    assert synthetic_share(forms.iloc[2:]) == 0.0


def test_units_list_only_real_units_and_count_the_rest_apart() -> None:
    rows = pd.DataFrame({"form_id": ["a", "a", "b", "b", "b", "b"], "operator": None})
    table = structure.unit_distribution(
        value_counts(rows.assign(unit=["个", "万元", "个", "往年", "及时性", None]))
    )
    assert table.values.tolist() == [["个", 2], ["万元", 1], [structure.NOT_A_UNIT, 2]]


@pytest.mark.parametrize("dtype", ["str", object])
def test_among_picks_the_same_rows_as_isin(dtype):
    """The selection's rows of a table, found by pyarrow, are the rows pandas' isin finds (text or object
    columns, a missing id, a wanted id no row has, wanted ids given as a Series, a list or a tuple)."""
    column = pd.Series(["f1", "f2", None, "f3", "f1", "f4"], dtype=dtype)
    for wanted in (pd.Series(["f1", "f3", "f9"], dtype="str"), ["f2", "f4"], ("f9",), []):
        assert data.among(column, wanted).tolist() == column.isin(list(wanted)).tolist()


def test_findings_list_without_texts_gains_them_for_the_rows_shown() -> None:
    found = findings(("a", "x", "low", [1, 2]), ("b", "y", "high", []), ("c", "x", "medium", [3]))
    heads = similarity.findings_list(found[["form_id", "idx", "code", "severity"]], copying_forms())
    listed = similarity.with_rows_text(
        similarity.with_texts(heads, found[["form_id", "idx", "message", "seqs"]])
    )
    assert listed["message"].tolist() == ["y。", "x。", "x。"] and listed["rows_text"].tolist() == [
        "",
        "3",
        "1、2",
    ]
