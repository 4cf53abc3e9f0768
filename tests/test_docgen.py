"""The generated parts of the docs (lib/docgen.py) are what the code generates today."""

from __future__ import annotations

import pytest

from lib import docgen
from lib.settings import SETTINGS, Setting


def test_every_committed_doc_matches_the_code() -> None:
    stale = docgen.stale(docgen.doc_files())
    assert not stale, f"run python -m lib.docgen: {[p.name for p in stale]} differ from the code"


def test_the_settings_table_holds_every_name_default_and_help() -> None:
    text = (docgen.ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for setting in SETTINGS.values():
        assert f"| `{setting.name}` | {setting.default} | {docgen.cell(setting.help)} |" in text


def test_a_changed_setting_makes_the_doc_stale(monkeypatch) -> None:
    doc = docgen.render("before\n<!-- generated: settings-table -->\n<!-- end generated -->\nafter\n")
    assert doc.startswith("before\n") and doc.endswith("after\n") and "`max_file_mb` | 20 |" in doc
    changed = Setting("max_file_mb", 21, SETTINGS["max_file_mb"].help)
    monkeypatch.setitem(SETTINGS, "max_file_mb", changed)
    assert docgen.render(doc) != doc and "`max_file_mb` | 21 |" in docgen.render(doc)


def test_check_reports_a_stale_doc_and_rewrite_fixes_it(tmp_path, monkeypatch) -> None:
    (tmp_path / "docs").mkdir()
    readme = tmp_path / "README.md"
    readme.write_text(
        "x\n<!-- generated: settings-table -->\nold\n<!-- end generated -->\n", encoding="utf-8"
    )
    monkeypatch.setattr(docgen, "ROOT", tmp_path)
    monkeypatch.setattr(docgen, "doc_files", lambda root=tmp_path: [readme])
    assert docgen.main(["--check"]) == 1 and "old" in readme.read_text(encoding="utf-8")
    assert docgen.main([]) == 0 and docgen.main(["--check"]) == 0
    assert "`max_file_mb`" in readme.read_text(encoding="utf-8")


def test_an_unknown_generator_is_named() -> None:
    with pytest.raises(KeyError, match="no-such-table"):
        docgen.render("<!-- generated: no-such-table -->\n<!-- end generated -->")


def test_table_cells_keep_pipes_and_line_breaks_out() -> None:
    assert docgen.table(["a"], [["x | y\nz"]]).splitlines()[-1] == "| x \\| y z |"
