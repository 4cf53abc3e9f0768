"""Every dashboard page run through Streamlit's AppTest: the samples, an empty store, one form, English, URLs.

Stores: the run's scored store of the bundled samples (``samples_db``, tests/conftest.py), and
here an empty store, one form, a hostile one. Streamlit's caches live in the process, so each
test starts with them cleared.
"""

from __future__ import annotations

import json
import time
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from app_pages import open_page
from streamlit.testing.v1 import AppTest

from lib import settings
from lib.demo.build import make_corpus
from lib.ingest import ingest_paths
from lib.quality import background
from lib.quality.engine import score_store
from lib.samples import SAMPLES_DIR as SAMPLES
from lib.store import open_store
from lib.views import align
from lib.views.data import findings_table
from lib.views.drill import place_key, row_findings

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("overview", "budget", "structure", "quality", "compare", "drill", "import_forms")
LIN = "0013f095e93b0e20"  # 玉田县林南仓镇, 2023: 157 indicators, the most boilerplate
HOSTILE = "[点我](javascript:alert(1))<img src=x onerror=alert(1)>"

pytestmark = [pytest.mark.app, pytest.mark.usefixtures("fresh_caches")]


def app(db: Path, monkeypatch, page: str = "overview", **query: str) -> AppTest:
    """The dashboard on ``db``, run once, then on ``page`` with ``query`` in the URL."""
    at = open_page(db, monkeypatch, page, query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table(at: AppTest, *columns: str):
    """The table showing exactly these columns (tables without row selection carry no key in AppTest)."""
    return next(d.value for d in at.dataframe if set(columns) == set(d.value.columns))


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def shown_text(at: AppTest) -> str:
    """Everything rendered as Markdown or as a widget label (where form text must never go)."""
    parts = [
        e.value
        for kind in (
            "markdown",
            "caption",
            "title",
            "header",
            "subheader",
            "info",
            "error",
            "success",
            "warning",
        )
        for e in at.get(kind)
    ]
    parts += [
        e.label
        for kind in ("metric", "selectbox", "multiselect", "radio", "button", "expander")
        for e in at.get(kind)
    ]
    return "\n".join(map(str, parts))


# ---- the bundled samples ------------------------------------------------------------------------
def test_overview_shows_the_samples_figures_and_ranking(samples_db, monkeypatch) -> None:
    at = app(samples_db, monkeypatch)
    with open_store(samples_db) as store:
        stored = store.scores_frame()
    shown = metrics(at)
    assert {k: shown[k] for k in ("表数", "乡镇数", "年度数", "预算总额（万元）")} == {
        "表数": "5",
        "乡镇数": "5",
        "年度数": "4",
        "预算总额（万元）": "3,810.62",
    }
    assert shown["得分中位数"] == f"{stored['score'].median():.1f}"
    ranking = at.dataframe(key="overview.table").value
    assert ranking["score"].tolist() == sorted(stored["score"])  # worst first
    labels = ranking["label"].tolist()
    # The hollow form (pseudo-quantified targets, 100% satisfaction, no budget) ranks below the
    # specific and complete one; the template-filled and the narrative forms come last, graded 差.
    assert labels.index("大华镇 2024") < labels.index("楠木坪镇 2026")
    assert set(labels[:2]) == {"林南仓镇 2023", "河口苗族乡 2021"}
    assert ranking["grade"].tolist()[:2] == [["差"], ["差"]] and ["优"] not in ranking["grade"].tolist()
    assert ranking["rank"].tolist() == list(range(len(labels), 0, -1))
    sent_back = [
        label for label, grade in zip(labels, ranking["grade"], strict=True) if grade in (["中"], ["差"])
    ]
    returned = at.dataframe(key="overview.to_return").value
    assert (
        returned["label"].tolist() == sent_back
    )  # a gated form grades 中 at best: these are the verdicts 退回…
    assert set(returned["verdict"]) <= {"退回修改", "退回重报"}
    assert at.info[0].value.startswith("本次共 5 张表，涉及 5 个乡镇；中位得分")
    assert at.download_button(key="overview.export")
    at.radio(key="overview.order").set_value("best").run()
    best = at.dataframe(key="overview.table").value
    assert (
        best["score"].tolist() == sorted(stored["score"], reverse=True) and at.query_params["order"] == "best"
    )


def test_a_figure_lists_the_rows_behind_it(samples_db, monkeypatch) -> None:
    at = app(samples_db, monkeypatch)
    at.button_group(key="overview.figure").set_value("flagged_high").run()
    rows = at.dataframe(key="overview.behind_table").value
    with open_store(samples_db) as store:
        findings = store.findings_frame()
    high = findings[findings["severity"] == "high"]
    assert set(rows["form_id"]) == set(high["form_id"]) and "养龙司镇 2024" in set(rows["label"])
    assert sorted(rows["message"]) == sorted(high["message"])  # read for these findings alone, each its own


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_the_samples(samples_db, monkeypatch, page: str) -> None:
    at = app(samples_db, monkeypatch, page)
    assert at.title[0].value


def test_budget_marks_the_suspect_money_on_the_chart(samples_db, monkeypatch) -> None:
    at = app(samples_db, monkeypatch, "budget")
    suspect = at.dataframe(key="budget.suspect").value
    assert suspect[["label", "code"]].values.tolist() == [["养龙司镇 2024", "金额单位存疑"]]
    bars = charts(at)[0]["data"]
    assert [trace["name"] for trace in bars][-1] == "金额存疑" and bars[-1]["text"] == ["⚠"]
    treemap = charts(at)[1]["data"][0]
    assert treemap["type"] == "treemap" and len(treemap["ids"]) == 1 + 14  # 林南仓镇 and its 14 projects


def test_structure_shows_coverage_gaps_and_satisfaction_targets(samples_db, monkeypatch) -> None:
    at = app(samples_db, monkeypatch, "structure")
    assert at.selectbox(key="structure.level2").value == "服务对象满意度指标"
    heatmap = next(c["data"][0] for c in charts(at) if c["data"][0]["type"] == "heatmap")
    assert "养龙司镇 2024" in heatmap["y"] and -1 in heatmap["z"][heatmap["y"].index("养龙司镇 2024")]


def test_quality_lists_every_finding_and_pairs_two_forms(samples_db, monkeypatch) -> None:
    with open_store(samples_db) as store:
        total = len(store.findings_frame())
    at = app(samples_db, monkeypatch, "quality")
    assert len(at.dataframe(key="quality.findings").value) == total
    assert at.info[0].value == "所选的表之间没有发现雷同（互相照抄的具体指标）。"
    at.multiselect(key="quality.rule").set_value(["same_value_everywhere"]).run()
    found = at.dataframe(key="quality.findings").value
    assert set(found["label"]) == {"林南仓镇 2023"} and at.query_params["rule"] == "same_value_everywhere"
    assert table(at, *align.PAIR_COLUMNS)["ratio"].min() >= settings.get("align_ratio")


def test_compare_puts_the_best_and_the_worst_side_by_side(samples_db, monkeypatch) -> None:
    at = app(samples_db, monkeypatch, "compare")
    with open_store(samples_db) as store:
        ranked = store.scores_frame().sort_values("score")
    best, worst = (f"{row.township} {row.year}" for row in (ranked.iloc[-1], ranked.iloc[0]))
    assert list(table(at, "field", best, worst).columns) == ["field", best, worst]
    aligned = table(at, "level1", "level2", best, worst)
    assert list(aligned.columns) == ["level1", "level2", best, worst]
    assert (aligned[best] == "").any() and (aligned[worst] == "").any()


def test_drill_down_opens_from_the_url_at_one_indicator(samples_db, monkeypatch) -> None:
    at = app(samples_db, monkeypatch, "drill", form=LIN, seq="52")
    assert at.selectbox(key="drill.township").value == "林南仓镇"
    assert at.selectbox(key="drill.form").value == LIN
    record = dict(table(at, "field", "value").values.tolist())
    assert record["三级指标"] == "资金按时拨付" and record["指标值（原文）"] == "≥90百分百"
    assert record["原文位置"].startswith("第") and "line" not in record["原文位置"]
    with open_store(samples_db) as store:
        about = row_findings(findings_table(store, LIN), LIN, 52)
    notes = [text.value for text in at.text]
    assert "通用套话" in notes and set(about["message"]) <= set(notes)  # each finding's message, whole
    assert len(at.dataframe(key="drill.nearest").value) > 0
    rows = at.dataframe(key="drill.table").value
    assert len(rows) == 157 and {"same_value", "repeated_in_form"} <= set(
        rows.set_index("seq").loc[52, "flags"]
    )
    assert at.query_params["township"] == place_key("林南仓镇") and at.download_button(key="drill.brief")


def test_a_finding_or_a_flag_kind_narrows_the_indicator_table(samples_db, monkeypatch) -> None:
    """A click on a finding sets ?finding= (AppTest cannot click a table row, so the URL is set here)."""
    with open_store(samples_db) as store:
        stored = store.findings_frame()
    at = app(samples_db, monkeypatch, "drill", form=LIN)
    at.query_params["finding"] = str(int(_listed_idx(stored, LIN, "same_value_everywhere")))
    at.run()
    rows = at.dataframe(key="drill.table").value
    assert rows["seq"].tolist() == _finding_seqs(stored, LIN, "same_value_everywhere")
    assert any(c.value.startswith("只显示所选问题涉及的") for c in at.caption)
    at.button(key="drill.all_rows").click().run()
    assert len(at.dataframe(key="drill.table").value) == 157 and "finding" not in at.query_params
    whole_form = stored[(stored["form_id"] == LIN) & (stored["seqs"] == "[]")]["idx"].iloc[0]
    at.query_params["finding"] = str(int(whole_form))  # a finding about the whole form: no row to narrow to
    at.run()
    assert len(at.dataframe(key="drill.table").value) == 157
    assert any(c.value.startswith("所选问题针对整张表") for c in at.caption)
    at.button(key="drill.all_rows").click().run()
    at.selectbox(key="drill.flag").set_value("same_value").run()
    flagged = at.dataframe(key="drill.table").value
    assert 0 < len(flagged) < 157 and all("same_value" in f for f in flagged["flags"])
    assert at.query_params["flag"] == "same_value"


def _listed_idx(stored, form_id: str, code: str) -> int:
    return stored[(stored["form_id"] == form_id) & (stored["code"] == code)]["idx"].iloc[0]


def _finding_seqs(stored, form_id: str, code: str) -> list[int]:
    seqs = stored[(stored["form_id"] == form_id) & (stored["code"] == code)]["seqs"].iloc[0]
    return json.loads(seqs) if isinstance(seqs, str) else list(seqs)


def test_filters_come_from_the_url_and_go_back_into_it(samples_db, monkeypatch) -> None:
    at = app(samples_db, monkeypatch, year="2024")
    assert metrics(at)["表数"] == "2" and at.caption[0].value == "筛选后 2 张表（共 5 张）。"
    with open_store(samples_db) as store:
        scores = store.scores_frame()
    grade = scores.loc[scores["year"] == 2024, "grade"].iloc[0]
    expected = int(((scores["year"] == 2024) & (scores["grade"] == grade)).sum())
    at.multiselect(key="filter.grade").set_value([grade]).run()
    assert (
        metrics(at)["表数"] == str(expected)
        and at.query_params["grade"] == grade
        and at.query_params["year"] == "2024"
    )


def test_english_throughout(samples_db, monkeypatch) -> None:
    at = app(samples_db, monkeypatch, lang="en")
    assert at.title[0].value == "Performance targets at a glance" and "Median score" in metrics(at)
    at.switch_page("pages/quality.py").run()
    findings = at.dataframe(key="quality.findings").value
    assert (
        "Required category missing" in set(findings["code"])
        and findings["message"].str.contains("缺少").any()
    )
    at.radio(key="app.lang").set_value("zh").run()
    assert at.title[0].value == "雷同与质量" and "lang" not in at.query_params


# ---- other stores ---------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES)
def test_an_empty_store_shows_the_first_run_guide(tmp_path, monkeypatch, page: str) -> None:
    at = app(tmp_path / "empty.sqlite", monkeypatch, page)
    if page == "import_forms":
        assert at.get("file_uploader")
    else:
        assert at.info[0].value.startswith("数据库里还没有绩效目标表")
        assert at.button(key="firstrun.load_samples")


def samples_median(db: Path) -> str:
    with open_store(db) as store:
        return f"{store.scores_frame()['score'].median():.1f}"


def test_the_first_run_button_loads_and_scores_the_samples(samples_db, tmp_path, monkeypatch) -> None:
    at = app(tmp_path / "empty.sqlite", monkeypatch)
    at.button(key="firstrun.load_samples").click().run()
    assert not at.exception and metrics(at)["表数"] == "5"
    assert metrics(at)["得分中位数"] == samples_median(samples_db)


@pytest.mark.parametrize("page", PAGES)
def test_a_store_with_one_form_works(tmp_path, monkeypatch, make_form, page: str) -> None:
    path = tmp_path / "one.sqlite"
    with open_store(path) as store:
        store.add_form(make_form())
        score_store(store)
    at = app(path, monkeypatch, page)
    assert at.title[0].value


def test_unscored_forms_are_scored_in_the_background(samples_db, tmp_path, monkeypatch) -> None:
    path = tmp_path / "unscored.sqlite"
    with open_store(path) as store:
        ingest_paths([SAMPLES], store)
    at = app(path, monkeypatch)  # returns at once: the page does not wait for the scores
    for _ in range(600):
        if background.progress(str(path)) is None:
            break
        time.sleep(0.1)
    with open_store(path) as store:
        assert len(store.scores_frame()) == 5
    at.run()
    assert metrics(at)["得分中位数"] == samples_median(samples_db)


def test_form_text_never_reaches_markdown_or_labels(tmp_path, monkeypatch, make_form) -> None:
    path = tmp_path / "hostile.sqlite"
    with open_store(path) as store:
        rows = [replace(i, name=HOSTILE + i.name, description=HOSTILE) for i in make_form().indicators]
        places = {"unit_name": HOSTILE, "township": HOSTILE, "county": HOSTILE}
        store.add_form(make_form(form_id="a" * 16, indicators=rows, **places))
        store.add_form(make_form(form_id="b" * 16, township="乙镇"))
        score_store(store)
    for page in PAGES:
        at = app(path, monkeypatch, page, form="a" * 16, seq="1")
        assert "javascript" not in shown_text(at) and "onerror" not in shown_text(at), page
        if page == "drill":  # the record's name, too long for its cell, is shown whole as plain text
            assert rows[0].name in [text.value for text in at.text]


def test_import_previews_each_file_and_commits_only_the_readable(tmp_path, monkeypatch, samples) -> None:
    path = tmp_path / "import.sqlite"
    at = app(path, monkeypatch, "import_forms")
    assert f"{settings.get('max_file_mb')} MB" in at.caption[0].value
    uploader = at.get("file_uploader")[0]
    for sample in samples[:2]:
        uploader.upload(sample.name, sample.read_bytes(), "text/plain")
    uploader.upload("broken.docx", b"PK\x03\x04 not an office file", "application/octet-stream")
    at.run()
    assert not at.exception and len(at.error) == 1
    assert any("broken.docx" in text.value for text in at.text)
    assert any(
        text.value.startswith("Office 文件已损坏或不完整") for text in at.text
    )  # the reason, in Chinese
    at.button(key="import.commit").click().run()
    assert not at.exception
    with open_store(path) as store:
        assert store.count_forms() == 2 and len(store.scores_frame()) == 2


def test_a_refused_file_is_explained_in_english_on_the_english_page(tmp_path, monkeypatch) -> None:
    at = app(tmp_path / "import.sqlite", monkeypatch, "import_forms", lang="en")
    at.get("file_uploader")[0].upload("empty.txt", b"", "text/plain")
    at.run()
    assert not at.exception and len(at.error) == 1
    assert "the file is empty" in [text.value for text in at.text]


def test_streamlit_config_matches_the_settings() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == settings.SETTINGS["max_file_mb"].default
    assert config["browser"]["gatherUsageStats"] is False


def test_a_synthetic_store_says_so_and_the_samples_do_not(samples_db, tmp_path, monkeypatch) -> None:
    assert not [w for w in app(samples_db, monkeypatch).warning if "合成示例数据" in w.value]
    corpus, db = tmp_path / "corpus", tmp_path / "demo.sqlite"
    make_corpus(12, corpus, seed=3)
    with open_store(db) as store:
        ingest_paths([corpus], store)
        score_store(store)
    banner = [w.value for w in app(db, monkeypatch, "budget").warning if "合成示例数据" in w.value]
    assert banner and "100%" in banner[0]


def test_drill_down_reviews_a_finding_and_offers_the_letter(tmp_path, monkeypatch) -> None:
    path = tmp_path / "review.sqlite"
    with open_store(path) as store:
        ingest_paths([SAMPLES], store)
        score_store(store)
        forms, findings = store.forms_frame(), store.findings_frame()
    form_id = forms.loc[forms["unit_name"].str.contains("大华镇"), "form_id"].iloc[0]
    own = findings[findings["form_id"] == form_id]
    key = own.loc[own["code"] == "pseudo_quantified", "finding_key"].iloc[0]
    at = app(path, monkeypatch, "drill", form=form_id)
    assert at.download_button(key="drill.letter")
    credits = table(at, "seq", "text", "source_ref", "credit", "why")
    assert credits["credit"].iloc[0] < credits["credit"].iloc[-1] and credits["why"].iloc[0]
    at.selectbox(key="review.pick").set_value(key)
    at.text_input(key="review.reason").input("已与单位核实")
    next(b for b in at.button if b.label == "不予采纳所选问题").click().run()
    with open_store(path) as store:
        assert store.dismissals()[form_id] == {key: "已与单位核实"}
        scores = store.scores_frame().set_index("form_id")
    assert scores.loc[form_id, "score"] > scores.loc[form_id, "score_before_review"]
    assert any("复核前" in c.value for c in at.caption)
    shown = table(at, "criterion", "code", "severity", "message", "rows_text", "reviewed")
    assert shown["reviewed"].str.contains("已复核").any()


def test_every_page_is_served_under_its_file_name() -> None:
    """Streamlit's own page list (a pages/ folder) names pages by file; a different URL path opens "page not found"."""
    from pages.common import PAGES

    assert all(url == Path(file).stem for file, url, _ in PAGES.values())


def test_many_copying_forms_are_summarised_by_group_and_a_group_is_drawn(tmp_path, monkeypatch) -> None:
    """Past the labelled matrix's size, the groups of forms that copy each other are a table; the matrix draws
    the group picked (``?cluster=``), its forms named on the axes."""
    from lib import charts as chart_module
    from lib.demo.generate import generate

    forms = [synthetic.form for synthetic in generate(60, seed=3)]
    # two groups planted for sure, whatever else the generator plants: townships of the first year
    # (twenty units, one form each) filing another township's rows as their own
    for copier, source in [(1, 0), (2, 0), (3, 0), (6, 5), (7, 5)]:
        forms[copier] = replace(forms[copier], indicators=forms[source].indicators)
    db = tmp_path / "copying.sqlite"
    with open_store(db) as store:
        for form in forms:
            store.add_form(form)
        score_store(store)
    monkeypatch.setattr(chart_module, "MATRIX_LABELLED", 4)
    at = app(db, monkeypatch, "quality")
    groups = at.dataframe(key="quality.clusters").value
    assert len(groups) >= 2 and groups["forms"].is_monotonic_decreasing
    assert groups["median_share"].between(0, 1).all() and (groups["named_places"] != "").all()
    matrix = next(c for c in charts(at) if c["data"][0]["type"] == "scatter" and "customdata" in c["data"][0])
    assert len(set(matrix["data"][0]["x"])) == groups["forms"].iloc[0]  # the largest group by default
    at = app(db, monkeypatch, "quality", cluster="2")
    matrix = next(c for c in charts(at) if c["data"][0]["type"] == "scatter" and "customdata" in c["data"][0])
    assert len(set(matrix["data"][0]["x"])) == groups["forms"].iloc[1]
    assert any("第 2 组" in c.value for c in at.caption)


def test_the_county_map_places_the_real_counties_and_names_the_others(samples_db, monkeypatch) -> None:
    at = app(samples_db, monkeypatch)
    county_map = next(c for c in charts(at) if c["layout"]["title"]["text"] == "各县得分中位数")
    dots = county_map["data"][-1]
    assert sorted(c[0] for c in dots["customdata"]) == ["息烽县", "玉田县", "绥宁县"]
    assert any(c.value.startswith("1 个县未能在地图上定位") for c in at.caption)
    assert "潢源县" in [t.value for t in at.text]  # an invented county: named, not guessed onto the map
