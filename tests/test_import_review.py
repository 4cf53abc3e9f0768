"""What the import page points out before a form is stored, and the reviewer's corrections from the
editable table to the drill-down (人工更正) and back (undo): the logic, then the pages through AppTest.

The reader marks every row "high" today, so forms with low-confidence rows are built here by code:
the real reading of a sample with some of its rows marked low.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from app_pages import open_page
from streamlit.testing.v1 import AppTest

from lib import corrections, settings
from lib.corrections import DROPPED
from lib.readers import parse_bytes
from lib.store import open_store
from lib.views import data, drill, imports

pytestmark = pytest.mark.usefixtures("fresh_caches")
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))
SAMPLE = SAMPLES[3]  # 楠木坪镇 2026, a tab-rows form
PROSE = "".join(f"第{n}条：本镇今年还要继续做好各项日常工作，确保各项任务圆满完成。\n" for n in range(30))


def unsure(form, every: int = 3):
    """The form with every ``every``-th row marked low confidence, as the new reader will mark rows."""
    return replace(
        form,
        indicators=[
            replace(i, confidence="low", confidence_reasons=["level_inferred"]) if i.seq % every == 0 else i
            for i in form.indicators
        ],
    )


def stored_forms(*forms) -> pd.DataFrame:
    """The store's forms as the page has them (``ctx.everything``)."""
    return pd.DataFrame(
        [(f.form_id, f.source, f.county, f.township, f.year, f"{f.township} {f.year}") for f in forms],
        columns=["form_id", "source", "county", "township", "year", "label"],
    )


# ---- the logic ------------------------------------------------------------------------------------
def test_low_confidence_rows_and_much_unplaced_text_are_pointed_out() -> None:
    [form] = parse_bytes(SAMPLE.read_bytes(), SAMPLE.name)
    assert imports.concerns(form, 1, stored_forms()) == []
    [low] = imports.concerns(unsure(form), 1, stored_forms())
    assert low.key == "import.warn_low" and low.values["count"] == len(form.indicators) // 3
    [padded] = parse_bytes(SAMPLE.read_bytes() + PROSE.encode(), "padded.txt")
    assert (
        imports.unplaced_share(padded) > settings.get("review_unplaced_share") > imports.unplaced_share(form)
    )
    [much] = imports.concerns(padded, 2, stored_forms())
    assert much.key == "import.warn_unplaced" and much.values["number"] == 2


def test_the_unplaced_threshold_is_a_setting(monkeypatch) -> None:
    [padded] = parse_bytes(SAMPLE.read_bytes() + PROSE.encode(), "padded.txt")
    monkeypatch.setenv("TARGETLENS_REVIEW_UNPLACED_SHARE", "0.9")
    assert imports.concerns(padded, 1, stored_forms()) == []


def test_a_form_already_stored_or_its_township_and_year_are_named() -> None:
    [form] = parse_bytes(SAMPLE.read_bytes(), "renamed.txt")
    same_file = replace(form, source="data/samples/original.txt")
    [found] = imports.concerns(form, 1, stored_forms(same_file))
    assert found.key == "import.warn_same_file" and "original.txt" in found.detail
    other_year = replace(form, form_id="f" * 16, year=form.year - 1, source="last.txt")
    same_place = replace(form, form_id="e" * 16, source="other.docx")
    [found] = imports.concerns(form, 1, stored_forms(other_year, same_place))
    assert found.key == "import.warn_same_place" and "other.docx" in found.detail
    assert [c.key for c in imports.concerns(form, 2, stored_forms(), [(1, form)])] == [
        "import.warn_same_upload"
    ]
    assert [c.key for c in imports.concerns(form, 2, stored_forms(), [(1, same_place)])] == [
        "import.warn_same_place_upload"
    ]


def test_the_drill_down_marks_corrected_rows_and_lists_their_corrections(tmp_db, make_form) -> None:
    form = make_form()
    edited = corrections_table(form, {1: {"target": 12000.0}, 3: {DROPPED: True}})
    with open_store(tmp_db) as store:
        corrections.add_form(store, form, corrections.edits(form, edited))
        fixes = drill.corrections_of(data.load_table(store, "corrections"), form.form_id, "zh")
        rows = data.indicators_table(store, [form.form_id])
    assert fixes[["seq", "field", "original", "corrected"]].values.tolist() == [
        [1, "目标值", "10000", "12000"],
        [3, "删除", "环境改善", "（已删除此行）"],
    ]
    flags = pd.DataFrame(columns=["form_id", "seq", "flag", "other_form_id", "other_seq"])
    table = drill.indicator_table(rows, flags, {}, corrected=set(fixes["seq"])).set_index("seq")
    assert table.loc[1, "flags"] == ["corrected"] and table.loc[2, "flags"] == [] and 3 not in table.index
    assert drill.correction_labels(fixes)[0] == "#1 目标值: 10000 → 12000"


def corrections_table(form, changes: dict[int, dict]) -> pd.DataFrame:
    """The import page's edited table: the editor's frame with ``changes`` by row number."""
    frame = imports.editor_table(form)
    for seq, values in changes.items():
        for column, value in values.items():
            frame.loc[frame["seq"] == seq, column] = value
    return frame


# ---- the pages ------------------------------------------------------------------------------------
def import_page(db: Path, monkeypatch, *files: tuple[str, bytes], lang: str = "zh") -> AppTest:
    at = open_page(db, monkeypatch, "import_forms", {"lang": lang} if lang != "zh" else {})
    uploader = at.get("file_uploader")[0]
    for name, content in files:
        uploader.upload(name, content, "text/plain")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def type_into(at: AppTest, key: str, edited_rows: dict[int, dict]) -> AppTest:
    """Edit cells of a ``st.data_editor`` as the browser does, through AppTest's public way: the keyed
    editor's edit state, ``{"edited_rows": {row position: {column: value}}, …}``, set in
    ``at.session_state`` before the next run."""
    assert any(e.key == key for e in at.data_editor), key
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def above_the_button(at: AppTest) -> list[str]:
    """The warnings shown between the last file's preview and the store button, in order."""
    shown, seen_button = [], False
    for node in at.main:
        if node.type == "button" and node.key == "import.commit":
            seen_button = True
        elif node.type == "warning" and not seen_button:
            shown.append(node.value)
    return shown


def test_a_doubtful_form_gets_a_warning_above_the_store_button(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(
        imports, "parse_bytes_budgeted", lambda data, name: [unsure(f) for f in parse_bytes(data, name)]
    )
    padded = SAMPLES[0].read_bytes() + PROSE.encode()
    at = import_page(
        tmp_path / "s.sqlite", monkeypatch, (SAMPLE.name, SAMPLE.read_bytes()), ("p.txt", padded)
    )
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("文件 1：有 ") and "置信度低" in w for w in warnings)
    assert any(w.startswith("文件 2：") and "未能归入任何字段" in w for w in warnings)
    assert set(warnings) <= set(above_the_button(at))
    editor = next(e for e in at.data_editor if e.key.startswith("import.editor.1."))
    assert editor.editing_mode == "fixed" and "低" in set(editor.value["confidence"])


def test_the_same_file_under_another_name_is_named_before_storing_in_english(tmp_path, monkeypatch) -> None:
    db = tmp_path / "e.sqlite"
    with open_store(db) as store:
        imports.commit(store, [imports.read_upload(SAMPLE.read_bytes(), SAMPLE.name)])
    at = import_page(db, monkeypatch, ("copy of the form.txt", SAMPLE.read_bytes()), lang="en")
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("File 1 has the same content as this form already in the store")
    assert any(SAMPLE.name in text.value for text in at.text)  # the stored form, named in plain text
    assert at.button(key="import.commit").disabled


def test_corrections_are_stored_shown_in_the_drill_down_and_undone(tmp_path, monkeypatch) -> None:
    db = tmp_path / "c.sqlite"
    [form] = parse_bytes(SAMPLE.read_bytes(), SAMPLE.name)
    first, second = form.indicators[0], form.indicators[1]
    at = import_page(db, monkeypatch, (SAMPLE.name, SAMPLE.read_bytes()))
    key = f"import.editor.1.{form.form_id}"
    type_into(at, key, {0: {"name": "更正后的指标名称", "target": 99}, 1: {"dropped": True}})
    assert any("3 处人工更正" in c.value for c in at.caption)
    at.button(key="import.commit").click().run()
    assert not at.exception
    with open_store(db) as store:
        stored = store.get_form(form.form_id)
        rows = store.corrections([form.form_id])
    assert (stored.indicators[0].name, stored.indicators[0].target) == ("更正后的指标名称", 99.0)
    assert second.seq not in [i.seq for i in stored.indicators]
    assert {r["source_ref"] for r in rows} == {first.source_ref, second.source_ref}

    at.switch_page("pages/drill.py").run()
    at.query_params.update(form=form.form_id, seq=str(first.seq))
    at.selectbox(key="drill.form").set_value(form.form_id).run()
    table = at.dataframe(key="drill.table").value.set_index("seq")
    assert "corrected" in table.loc[first.seq, "flags"] and second.seq not in table.index
    fixes = [d.value for d in at.dataframe if "made_at" in d.value.columns][-1]  # the form's, after the row's
    assert len(fixes) == 3 and {first.name, second.name, "更正后的指标名称", "99"} <= set(fixes.stack())
    undo_pick = at.selectbox(key="drill.undo_pick")
    undo_pick.set_value(next(o for o in undo_pick.options if "已删除" in o)).run()
    at.button(key="drill.undo").click().run()
    assert not at.exception and at.success
    with open_store(db) as store:
        back = store.get_form(form.form_id)
    assert back.indicators[1] == second and back.indicators[0].name == "更正后的指标名称"
