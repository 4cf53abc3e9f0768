"""The reviewer's view of one form: what each part of each dimension earned, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.ingest import ingest_paths
from lib.quality.engine import score_store
from lib.store import open_store
from lib.views import review
from lib.views.data import findings_table, load_table

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.fixture(scope="module")
def hollow(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("view") / "s.sqlite") as store:
        ingest_paths([SAMPLES], store)
        score_store(store)
        forms = store.forms_frame()
        form_id = forms.loc[forms["unit_name"].str.contains("大华镇"), "form_id"].iloc[0]
        yield store.get_form(form_id), findings_table(store, form_id), load_table(store, "flags")


def test_completeness_shows_each_required_category(hollow) -> None:
    form, findings, flags = hollow
    table = review.credit_table(form, findings, flags, "completeness", "zh")
    lost = set(table.loc[table["credit"] == 0, "text"])
    assert lost == {"时效指标", "成本指标"} and (table["credit"] == 100).sum() == 4


def test_money_checks_without_a_budget_are_not_checkable_not_earned(hollow) -> None:
    form, findings, flags = hollow
    table = review.credit_table(form, findings, flags, "relevance", "zh")
    money = table[table["why"] == "无法核验"]
    assert len(money) == 4 and money["credit"].isna().all()
    assert set(table["credit"].dropna()) == {0, 100}  # the goals, covered or not


def test_row_dimensions_put_the_rows_that_lost_first_with_the_reason(hollow) -> None:
    form, findings, flags = hollow
    table = review.credit_table(form, findings, flags, "feasibility", "zh")
    assert len(table) == len(form.indicators) and table["credit"].is_monotonic_increasing
    pseudo = table[table["text"] == "履行宪法和法律赋予的职责=100%"]
    assert pseudo["credit"].iloc[0] == 0 and "伪量化" in pseudo["why"].iloc[0]
