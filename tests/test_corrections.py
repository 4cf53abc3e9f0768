"""A reviewer's corrections: found from an edited table, stored with the original reading, applied
again when the same file comes in again (import page and CLI ingest alike), and undone."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib import corrections
from lib.corrections import DROPPED, Correction
from lib.ingest import ingest_paths
from lib.readers import parse_file
from lib.store import open_store

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "003_73eb393beac77fdc.txt"


def editor_table(form, **changes: dict) -> pd.DataFrame:
    """The import page's editable table of ``form``, with ``changes`` by row number."""
    rows = [
        {"seq": i.seq, DROPPED: False, **{f: getattr(i, f) for f in corrections.EDITABLE_FIELDS}}
        for i in form.indicators
    ]
    for row in rows:
        row.update(changes.get(f"row{row['seq']}", {}))
    return pd.DataFrame(rows)


def test_an_edited_table_gives_one_correction_per_changed_field_and_dropped_row(make_form) -> None:
    form = make_form()
    found = corrections.edits(
        form,
        editor_table(form, row1={"name": "生活垃圾清运量", "target": 12000.0}, row3={DROPPED: True}),
        made_at="2026-01-01T00:00:00+00:00",
    )
    assert [(c.seq, c.field, c.original, c.corrected) for c in found] == [
        (1, "name", "垃圾清运量", "生活垃圾清运量"),
        (1, "target", 10000.0, 12000.0),
        (3, DROPPED, found[2].original, True),
    ]
    assert found[2].original["name"] == "环境改善" and found[0].source_ref == "line 40"
    assert not corrections.edits(form, editor_table(form))  # an untouched table corrects nothing


def test_a_correction_is_stored_with_its_line_time_and_original_reading(tmp_db, make_form) -> None:
    form = make_form()
    with open_store(tmp_db) as store:
        new = corrections.edits(form, editor_table(form, row2={"level2": "质量指标"}, row4={DROPPED: True}))
        assert corrections.add_form(store, form, new)
        stored = store.get_form(form.form_id)
        rows = store.corrections([form.form_id])
        shown = store.indicators_frame([form.form_id])
    assert [i.seq for i in stored.indicators] == [1, 2, 3]
    assert stored.indicators[1].level2 == "质量指标" and list(shown["level2"])[1] == "质量指标"
    assert [(r["seq"], r["field"], r["source_ref"], r["row_name"]) for r in rows] == [
        (2, "level2", "line 41", "其中：焚烧量"),
        (4, DROPPED, "line 43", "群众满意度"),
    ]
    assert rows[0]["original"] == '"数量指标"' and rows[0]["made_at"].startswith("20")


def test_the_same_form_ingested_again_gets_its_corrections_back(tmp_db, make_form) -> None:
    form = make_form()
    with open_store(tmp_db) as store:
        corrections.add_form(store, form, corrections.edits(form, editor_table(form, row1={"unit": "公斤"})))
        store.delete_form(form.form_id)
        assert corrections.add_form(store, make_form())  # the same file read afresh
        assert store.get_form(form.form_id).indicators[0].unit == "公斤"


def test_cli_ingest_applies_the_stored_corrections_again(tmp_db) -> None:
    [form] = parse_file(SAMPLE)
    first = form.indicators[0]
    with open_store(tmp_db) as store:
        ingest_paths([SAMPLE], store)
        edited = editor_table(form, **{f"row{first.seq}": {"name": "更正后的名称", "operator": "≤"}})
        assert not corrections.add_form(store, form, corrections.edits(form, edited))  # present: rewritten
        assert store.get_form(form.form_id).indicators[0].name == "更正后的名称"
        store.delete_form(form.form_id)
        [result] = ingest_paths([SAMPLE], store)
        again = store.get_form(form.form_id).indicators[0]
    assert result.status == "added"
    assert (again.name, again.operator, again.value_raw) == ("更正后的名称", "≤", first.value_raw)


def test_undo_restores_the_original_reading(tmp_db, make_form) -> None:
    form = make_form()
    with open_store(tmp_db) as store:
        edited = editor_table(form, row1={"name": "新名称"}, row3={DROPPED: True})
        corrections.add_form(store, form, corrections.edits(form, edited))
        by_field = {c.field: c for c in corrections.stored(store, form.form_id)}
        assert corrections.undo(store, form.form_id, by_field["name"].id)
        assert store.get_form(form.form_id).indicators[0].name == "垃圾清运量"
        assert corrections.undo(store, form.form_id, by_field[DROPPED].id)
        assert store.get_form(form.form_id).indicators == form.indicators
        assert store.corrections([form.form_id]) == []
        assert not corrections.undo(store, form.form_id, by_field["name"].id)  # gone already
        store.delete_form(form.form_id)
        corrections.add_form(store, make_form())
        assert store.get_form(form.form_id).indicators == form.indicators  # undone stays undone


def test_correcting_again_keeps_the_first_reading_and_setting_it_back_removes_it(make_form) -> None:
    form = make_form()
    first = corrections.edits(form, editor_table(form, row1={"name": "甲"}))
    shown, _, _ = corrections.apply(form, first)
    second = corrections.edits(shown, editor_table(shown, row1={"name": "乙"}))
    [kept] = corrections.merged(first, second)
    assert (kept.original, kept.corrected, kept.row_name) == ("垃圾清运量", "乙", "垃圾清运量")
    back = corrections.edits(shown, editor_table(shown, row1={"name": "垃圾清运量"}))
    assert corrections.merged(first, back) == []


def test_a_correction_whose_row_is_gone_touches_nothing_and_says_so(tmp_db, make_form) -> None:
    form = make_form()
    lost = Correction(form.form_id, 9, "name", "旧行", "新行", "line 99", "旧行", "2026-01-01")
    fixed, applied, missed = corrections.apply(form, [lost])
    assert fixed.indicators == form.indicators and applied == [] and missed == [lost]
    with open_store(tmp_db) as store:
        corrections.add_form(store, form, [lost])
        stored = store.get_form(form.form_id)
    assert stored.indicators == form.indicators
    assert any(w.code == "correction_unmatched" for w in stored.warnings)


def test_a_dropped_row_brought_back_keeps_its_other_corrections(tmp_db, make_form) -> None:
    form = make_form()
    with open_store(tmp_db) as store:
        corrections.add_form(store, form, corrections.edits(form, editor_table(form, row2={"unit": "千吨"})))
        shown = store.get_form(form.form_id)
        corrections.add_form(store, form, corrections.edits(shown, editor_table(shown, row2={DROPPED: True})))
        assert [i.seq for i in store.get_form(form.form_id).indicators] == [1, 3, 4]
        drop = next(c for c in corrections.stored(store, form.form_id) if c.field == DROPPED)
        corrections.undo(store, form.form_id, drop.id)
        back = store.get_form(form.form_id).indicators[1]
    assert (back.seq, back.name, back.unit) == (2, "其中：焚烧量", "千吨")
    assert form.warnings == make_form().warnings  # the form as read is never changed in place


@pytest.mark.parametrize("value, cleaned", [(float("nan"), None), ("  ", None), (" 吨 ", "吨"), (5, 5.0)])
def test_cells_are_compared_as_stored(value, cleaned) -> None:
    assert corrections.clean(value) == cleaned
