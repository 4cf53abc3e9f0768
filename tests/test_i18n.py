"""One catalogue for every word on screen: complete in both languages, and the only place with Chinese text."""

from __future__ import annotations

import io
import re
import string
import tokenize
from pathlib import Path

import pytest

from lib.i18n import CATALOGUE, LANGS, display, label, t, term
from lib.quality.rules import RULES
from lib.views.data import GRADES, SEVERITIES
from lib.views.drill import FLAG_ORDER

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").rglob("*.py"))]
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    for key, texts in CATALOGUE.items():
        assert len(texts) == len(LANGS) and all(text.strip() for text in texts), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in texts]
        assert fields[0] == fields[1], key


def test_page_code_holds_no_chinese_text() -> None:
    for path in PAGE_FILES:
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            if token.type == tokenize.STRING:
                assert not CJK.search(token.string), f"{path.name}:{token.start[0]}: {token.string}"


def test_every_key_the_pages_name_is_in_the_catalogue() -> None:
    used = set()
    for path in [*PAGE_FILES, ROOT / "lib" / "charts.py", *sorted((ROOT / "lib" / "views").glob("*.py"))]:
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+\.[a-z_.]+)\"", path.read_text(encoding="utf-8")))
    assert used and used <= set(CATALOGUE), used - set(CATALOGUE)


def test_every_coded_value_has_a_name() -> None:
    for code in RULES:
        assert f"finding.{code}" in CATALOGUE, code
    for prefix, values in (("grade", GRADES), ("severity", SEVERITIES), ("flag", FLAG_ORDER)):
        assert all(f"{prefix}.{value}" in CATALOGUE for value in values), prefix


def test_lookups_fall_back_to_the_value_itself() -> None:
    assert [label("grade", g, "en") for g in GRADES] == ["A", "B", "C", "D"]
    assert label("grade", "差", "zh") == "差" and label("finding", "brand_new_rule", "en") == "brand_new_rule"
    assert term("数量指标", "en") == "Quantity" and term("自编的指标类别", "en") == "自编的指标类别"
    assert t("caption.all", "en", total=3) == "3 forms."


@pytest.mark.parametrize(
    "field, value, shown",
    [
        ("budget_total", 2887.86941, "2,887.87"),
        ("boilerplate_share", 0.994, "99%"),
        ("score", 45.8, "45.8"),
        ("year", 2024.0, "2024"),
        ("grade", "良", "B"),
        ("form_kind", "department", "Department"),
        ("budget_total", None, "—"),
        ("budget_unit_suspect", True, "yes"),
        ("stage", "批复", "approved"),
    ],
)
def test_display_formats_values_for_headline_tables(field: str, value: object, shown: str) -> None:
    assert display(field, value, "en") == shown


def test_source_references_read_in_the_language_shown() -> None:
    from lib.i18n import source_ref

    assert (
        source_ref("line 9 cell 7", "zh") == "第9行第7格"
        and source_ref("line 9 cell 7", "en") == "line 9 cell 7"
    )
    assert source_ref("table 1 row 3 cell 2", "zh") == "表1第3行第2格"
    assert source_ref("Sheet1!B3", "zh") == "Sheet1!B3"  # a spreadsheet's own address stays as written
