"""Real forms copied from public government pages (tests/data/wild, see its SOURCES.md) read as the key says.

Each file goes through the CLI's ``parse FILE --json`` (in-process), the command users and
the read-score tool run. A key indicator is found when a parsed indicator has its name (spaces,
punctuation, pinyin glosses, ★ and 指标N: prefixes ignored; fuzzy) and, where the key gives a
number, the same target; self-evaluations are keyed on their target column only.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from lib.cli import main

WILD = Path(__file__).resolve().parent / "data" / "wild"
KEY = json.loads((WILD / "key.json").read_text(encoding="utf-8"))
FILES = sorted(KEY)
_GLOSS = re.compile(r"\([A-Za-z\u00C0-\u024F]+\)")
_SLOT = re.compile(r"\([^()]*\*\*[^()]*\)|[≥≤≧≦<>=]*\*{2,}")


@cache
def parsed(name: str) -> list[dict]:
    """The forms of one wild file, as ``python -m lib parse FILE --json`` prints them."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["parse", str(WILD / "raw" / name), "--json"])
    assert code == 0, f"{name} refused"
    data = json.loads(out.getvalue())
    return data if isinstance(data, list) else [data]


def norm(text: str | None) -> str:
    text = _SLOT.sub("", _GLOSS.sub("", unicodedata.normalize("NFKC", text or "")))
    text = re.sub(r"^指标\d+[::]", "", re.sub(r"\s+", "", text).replace("★", ""))
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC").lower()


def same_name(key_name: str, parsed_name: str | None) -> bool:
    a, b = norm(key_name), norm(parsed_name)
    return bool(a and b) and (fuzz.partial_ratio(a, b) >= 85 or fuzz.ratio(a, b) >= 80)


def found(name: str) -> int:
    """Key indicators matched one to one by a parsed indicator with the right target."""
    indicators = [i for form in parsed(name) for i in form["indicators"]]
    taken: set[int] = set()
    count = 0
    for wanted in KEY[name]["indicators"]:
        for index, got in enumerate(indicators):
            if index in taken or not same_name(wanted["name"], got["name"]):
                continue
            if wanted["target"] is not None and got["target"] != pytest.approx(wanted["target"]):
                continue
            taken.add(index)
            count += 1
            break
    return count


@pytest.mark.parametrize("name", FILES)
def test_each_wild_file_is_read_with_most_of_its_key_indicators(name: str) -> None:
    keyed = KEY[name]["indicators"]
    assert found(name) >= 0.8 * len(keyed), f"{name}: {found(name)}/{len(keyed)}"


def test_the_wild_set_reads_95_percent_of_its_indicators_with_the_right_target() -> None:
    total = sum(len(KEY[name]["indicators"]) for name in FILES)
    assert sum(found(name) for name in FILES) >= 0.95 * total


def test_unit_year_and_budget_are_right_where_the_key_states_them() -> None:
    right = {"unit": [0, 0], "year": [0, 0], "budget": [0, 0]}
    for name in FILES:
        key, forms = KEY[name], parsed(name)
        if key["unit_name"]:
            wanted = norm(key["unit_name"])
            right["unit"][1] += 1
            right["unit"][0] += any(
                f["unit_name"] and (norm(f["unit_name"]) in wanted or wanted in norm(f["unit_name"]))
                for f in forms
            )
        if key["year"]:
            right["year"][1] += 1
            right["year"][0] += any(f["year"] == key["year"] for f in forms)
        if key["budget_total_wan"] is not None:
            right["budget"][1] += 1
            right["budget"][0] += any(
                f["budget"]["total"] == pytest.approx(key["budget_total_wan"], rel=0.005) for f in forms
            )
    for field, (good, stated) in right.items():
        assert good >= 0.9 * stated, f"{field}: {good}/{stated}"


@pytest.mark.parametrize("name", FILES)
def test_every_wild_indicator_says_how_sure_the_reader_is(name: str) -> None:
    for form in parsed(name):
        for indicator in form["indicators"]:
            assert indicator["confidence"] in ("high", "medium", "low")
            if indicator["confidence"] != "high":
                assert indicator["confidence_reasons"], indicator["name"]


def test_an_ambiguous_fused_region_value_keeps_the_name_without_a_target() -> None:
    """Seven county columns fused into 2312222: no single target, so none is given (low confidence)."""
    [form] = parsed("w16.txt")
    [row] = [i for i in form["indicators"] if i["name"].startswith("宗教管理经费补助县")]
    assert row["target"] is None
    assert row["confidence"] == "low"
