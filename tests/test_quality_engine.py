"""The engine on the real forms and on forms built to show one behaviour each."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from quality_forms import GOOD_ROWS, TEMPLATE_ROWS, form_from_rows

from lib.quality.corpus import build_view
from lib.quality.engine import assess, corpus_texts, score_store, text_pairs
from lib.quality.matching import exact_pairs, similar_pairs
from lib.readers import parse_file
from lib.samples import sample_files
from lib.store import open_store


@pytest.fixture(scope="module")
def seeds():
    forms = [parse_file(p)[0] for p in sample_files()]
    scores, _ = assess(forms)
    return {f.source[:3]: (f, s) for f, s in zip(forms, scores, strict=True)}


def flagged(score) -> set[int]:
    return {int(seq) for seq, flags in score.indicator_flags.items() if flags}


def test_002_template_tables_are_flagged_with_reasons(seeds) -> None:
    form, score = seeds["002"]
    template_rows = [i.seq for i in form.indicators if i.value_raw == "≥90百分百"]
    assert len(template_rows) == 108
    marked = [seq for seq in template_rows if score.indicator_flags.get(str(seq))]
    assert len(marked) >= 0.9 * 108
    assert all(score.indicator_flags[str(seq)] for seq in marked)
    assert {"same_value", "repeated_in_form", "name_is_description", "generic"} <= {
        f for flags in score.indicator_flags.values() for f in flags
    }


def test_the_template_and_the_narrative_forms_grade_worst(seeds) -> None:
    worst = {key: s for key, (_, s) in seeds.items() if key in ("002", "004")}
    assert {s.grade for s in worst.values()} == {"差"}
    others = [s.score for key, (_, s) in seeds.items() if key not in worst]
    assert max(s.score for s in worst.values()) < min(others)
    assert "template_filled" in worst["002"].gates and "under_half_measurable" in worst["004"].gates


def test_no_sample_is_excellent(seeds) -> None:
    assert "优" not in {s.grade for _, s in seeds.values()}


def test_a_hollow_form_ranks_below_the_specific_and_complete_ones(seeds) -> None:
    """大华镇: pseudo-quantified targets, 100% satisfaction, no budget, no 成本 or 时效."""
    _, hollow = seeds["001"]
    codes = {f.code for f in hollow.findings}
    assert {"pseudo_quantified", "satisfaction_at_100", "no_budget"} <= codes
    assert hollow.score < seeds["003"][1].score
    assert "missing_core_category" in hollow.gates and hollow.grade in ("中", "差")


def test_outputs_only_is_a_form_to_redo(seeds) -> None:
    """000: specific counts, but no 效益, 满意度 or 成本 at all: returned for resubmission."""
    _, outputs_only = seeds["000"]
    assert "missing_core_categories" in outputs_only.gates and outputs_only.grade == "差"


def test_a_form_without_money_gets_nothing_for_money(seeds) -> None:
    for key in ("001", "003"):
        _, score = seeds[key]
        assert score.dimensions["consistency"] is None
        assert "no_budget" in {f.code for f in score.findings}


def test_000_is_clean_but_incomplete_and_its_money_unit_suspect(seeds) -> None:
    form, score = seeds["000"]
    assert len(flagged(score)) <= 1
    missing = " ".join(f.message for f in score.findings if f.code == "missing_category")
    assert "效益指标" in missing and "满意度指标" in missing and "成本指标" in missing
    assert "money_unit_suspect" in {f.code for f in score.findings}


def test_004_narrative_items_are_unmeasurable(seeds) -> None:
    form, score = seeds["004"]
    others = sorted(s.dimensions["measurability"] for key, (_, s) in seeds.items() if key != "004")
    assert score.dimensions["measurability"] <= others[0]
    no_target = next(f for f in score.findings if f.code == "no_target")
    assert len(no_target.seqs) == 70 and "进一步巩固脱贫成果" in no_target.message


def test_ten_copied_rows_are_one_block_on_the_right_rows() -> None:
    own = [("数量指标", f"甲镇第{n}号特色蔬菜大棚滴灌改造面积", f"≥{10 + n}亩") for n in range(1, 15)]
    theirs = [("数量指标", f"乙镇第{n}条通组公路硬化修缮长度", f"≥{n}公里") for n in range(1, 8)]
    source = form_from_rows(own, unit="示例县甲镇人民政府")
    copier = form_from_rows(theirs[:2] + own[4:14] + theirs[2:], unit="示例县乙镇人民政府")
    view = build_view([source, copier], text_pairs(corpus_texts([source, copier])))
    blocks = [b for b in view.blocks if b.form_id == copier.form_id]
    assert len(blocks) == 1
    assert blocks[0].seqs == tuple(range(3, 13)) and blocks[0].other_seqs == tuple(range(5, 15))
    scores, _ = assess([source, copier])
    copied = scores[1].indicator_flags
    assert copied["3"] == [f"copied:{source.form_id}#5"]


def test_common_standard_rows_are_not_copies() -> None:
    """社会公众满意度 in every unit's form is standard vocabulary; each unit's own rows are its own."""
    topics = [
        f"{a}{b}"
        for a in ("农村公路", "垃圾清运", "森林防火", "安全生产", "河道巡查")
        for b in ("养护里程", "检查次数", "培训人数", "覆盖村数", "宣传场次", "整改完成率")
    ]
    forms = [
        form_from_rows(
            [("数量指标", topic, "≥10次") for topic in topics[n * 6 : n * 6 + 6]]
            + [("服务对象满意度指标", "社会公众满意度", "≥90%")],
            unit=f"示例县{town}镇人民政府",
        )
        for n, town in enumerate("甲乙丙丁戊")
    ]
    scores, _ = assess(forms)
    flags = [flag for s in scores for row in s.indicator_flags.values() for flag in row]
    assert not any(flag.startswith("copied") for flag in flags)


def test_a_specific_form_beats_its_vague_copy() -> None:
    specific = form_from_rows(GOOD_ROWS)
    vague = form_from_rows([(l2, name, "效果明显") for l2, name, _ in GOOD_ROWS], unit="示例县丙镇人民政府")
    scores, _ = assess([specific, vague])
    assert scores[0].score > scores[1].score
    assert scores[0].dimensions["measurability"] > scores[1].dimensions["measurability"]


def test_a_form_beats_itself_padded_with_template_rows() -> None:
    plain = form_from_rows(GOOD_ROWS)
    padded = form_from_rows(GOOD_ROWS + TEMPLATE_ROWS * 3, unit="示例县丁镇人民政府")
    scores, _ = assess([plain, padded])
    assert scores[0].score > scores[1].score
    assert scores[1].boilerplate_share > 0.4


def test_a_form_carried_over_from_last_year() -> None:
    last = form_from_rows([(l2, f"2023年{name}", value) for l2, name, value in GOOD_ROWS], year=2023)
    this = form_from_rows([(l2, f"2024年{name}", value) for l2, name, value in GOOD_ROWS], year=2024)
    scores, view = assess([last, this])
    assert view.carry_share[this.form_id] == 1.0
    assert "carried_over" in {f.code for f in scores[1].findings}
    assert scores[1].indicator_flags["1"] == [f"carried_over:{last.form_id}#1"]


def test_blocked_matching_finds_what_exact_all_pairs_finds() -> None:
    rng = random.Random(7)
    words = "乡镇村组户道路桥梁垃圾污水绿化安全生产防火防汛培训宣传检查整治改造维修覆盖完成及时合格满意"
    base = ["".join(rng.choice(words) for _ in range(rng.randint(6, 30))) for _ in range(300)]
    edited = [t[: len(t) // 2] + rng.choice(words) + t[len(t) // 2 + 1 :] for t in base[:150]]
    texts = sorted(set(base + edited))
    exact = {(a, b) for a, b, _ in exact_pairs(texts, 0.9)}
    blocked = {(a, b) for a, b, _ in similar_pairs(texts, 0.9)}
    assert exact and exact == blocked


def test_store_scores_incrementally(tmp_db) -> None:
    first, second = (
        form_from_rows(GOOD_ROWS),
        form_from_rows(GOOD_ROWS[:8] + TEMPLATE_ROWS, unit="示例县乙镇人民政府"),
    )
    with open_store(tmp_db) as store:
        store.add_form(first)
        score_store(store)
        matched_before = store.matched_texts()
        store.add_form(second)
        incremental = {s.form_id: s.score for s in score_store(store)}
        assert matched_before < store.matched_texts()
        assert len(store.scores_frame()) == 2
        assert set(store.findings_frame()["form_id"]) <= {first.form_id, second.form_id}
    fresh = {s.form_id: s.score for s in assess([first, second])[0]}
    assert incremental == fresh


def test_score_json_matches_the_rules_document(tmp_db) -> None:
    with open_store(tmp_db) as store:
        store.add_form(form_from_rows(GOOD_ROWS + TEMPLATE_ROWS * 3))
        score_store(store)
        [result] = store.score_results()
    assert {
        "form_id",
        "unit_name",
        "year",
        "score",
        "grade",
        "dimensions",
        "boilerplate_share",
        "findings",
        "indicator_flags",
        "not_checkable",
    } <= set(result)
    assert {"completeness", "measurability", "specificity", "consistency"} < set(result["dimensions"])
    assert {"relevance", "appropriateness", "feasibility"} < set(result["dimensions"])
    assert result["grade"] in ("优", "良", "中", "差")
    assert all({"code", "severity", "message", "seqs", "evidence"} <= set(f) for f in result["findings"])


def test_grade_cut_offs() -> None:
    from lib.quality.scoring import grade

    assert [grade(s) for s in (95, 90, 89.9, 80, 79.9, 60, 59.9, 0)] == [
        "优",
        "优",
        "良",
        "良",
        "中",
        "中",
        "差",
        "差",
    ]


def test_weights_change_the_composite(monkeypatch) -> None:
    form = form_from_rows([(l2, name, "效果明显") for l2, name, _ in GOOD_ROWS])
    before = assess([form])[0][0].score
    monkeypatch.setenv("TARGETLENS_WEIGHT_FEASIBILITY", "0.9")
    assert assess([replace(form)])[0][0].score < before


def test_learnt_phrases_never_duplicate_the_seed_list() -> None:
    from lib.quality.phrases import seed_phrases, stock_phrases

    seed = seed_phrases()[0]
    names = {
        f"unit{n}": {seed.text, f"第{n}个专属指标名称"} if n % 2 else {f"第{n}个专属指标名称"}
        for n in range(10)
    }
    keys = [p.key for p in stock_phrases(names)]
    assert len(keys) == len(set(keys)) and seed.key in keys


def test_changing_the_copy_threshold_rematches(tmp_db, monkeypatch) -> None:
    near = form_from_rows([("数量指标", "甲镇北垸村农村公路日常养护里程", "≥5公里")] + GOOD_ROWS[1:])
    other = form_from_rows(
        [("数量指标", "甲镇南坝村农村公路日常养护里程", "≥5公里")] + GOOD_ROWS[1:], unit="示例县乙镇人民政府"
    )
    with open_store(tmp_db) as store:
        store.add_form(near)
        store.add_form(other)
        score_store(store)
        assert not any("北垸" in a + b and "南坝" in a + b for a, b, _ in store.text_pairs())  # ratio 86.7
        monkeypatch.setenv("TARGETLENS_COPY_RATIO", "85")
        score_store(store)
        assert store.matching_threshold() == 85
        assert any("北垸" in a + b and "南坝" in a + b for a, b, _ in store.text_pairs())


def test_editing_a_rule_invalidates_cached_rule_results(tmp_db, tmp_path, monkeypatch) -> None:
    """Cached findings are reused while the code is the same, and dropped once a rule's code changes."""
    import shutil

    from lib.quality import engine
    from lib.quality.results import Finding

    roots = tuple(shutil.copytree(root, tmp_path / root.name) for root in engine.CODE_ROOTS)
    monkeypatch.setattr(engine, "CODE_ROOTS", roots)
    form = form_from_rows(GOOD_ROWS)

    def changed_rules(form):  # what the edited rule would now find
        return [Finding("few_indicators", "medium", "规则已修改", [1])]

    with open_store(tmp_db) as store:
        store.add_form(form)
        score_store(store)
        monkeypatch.setattr(engine, "run_rules", changed_rules)
        [cached] = score_store(store)
        assert "规则已修改" not in {f.message for f in cached.findings}  # same code: the cache serves
        rules_py = roots[0] / "rules.py"
        rules_py.write_text(rules_py.read_text(encoding="utf-8") + "\n# a rule edited\n", encoding="utf-8")
        [rescored] = score_store(store)
        assert "规则已修改" in {f.message for f in rescored.findings}


def test_rules_run_in_a_forked_process_give_the_same_scores(tmp_db, monkeypatch) -> None:
    monkeypatch.setenv(
        "TARGETLENS_FORK_RULES_MIN_FORMS", "1"
    )  # forked for two forms (when no other thread runs)
    forms = [
        form_from_rows(GOOD_ROWS),
        form_from_rows(GOOD_ROWS[:8] + TEMPLATE_ROWS, unit="示例县乙镇人民政府"),
    ]
    with open_store(tmp_db) as store:
        for form in forms:
            store.add_form(form)
        stored = {s.form_id: s.to_dict() for s in score_store(store)}
    assert stored == {s.form_id: s.to_dict() for s in assess(forms)[0]}


def test_results_serialise_as_dataclasses_asdict_does(seeds) -> None:
    from dataclasses import asdict

    for _, score in seeds.values():
        assert score.to_dict() == asdict(score)
        assert [f.to_dict() for f in score.findings] == [asdict(f) for f in score.findings]
