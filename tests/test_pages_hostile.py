"""Every page opened with bad URL values and on a damaged store: a translated message, never an exception box.

The bad values are the ones issue 15 met (D5 years that str.isdigit() accepts, D6 a form twice,
D8 huge values) and garbage ids; the store damage is simulated where the pages read it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from app_pages import open_page
from streamlit.testing.v1 import AppTest

from lib import settings
from lib.i18n import t
from lib.quality.engine import score_store
from lib.store import open_store
from lib.views import data

pytestmark = pytest.mark.usefixtures("fresh_caches")
PAGES = ("overview", "budget", "structure", "quality", "compare", "drill", "import_forms")
LIN = "0013f095e93b0e20"  # a sample form (玉田县林南仓镇, 2023)
HUGE = "长" * 5000  # past max_url_param_chars; Streamlit itself drops a whole query string over 512 KB
BAD_URLS = {
    "year-superscript": {"year": "²"},
    "year-circled": {"year": "①,2024"},
    "year-5000-digits": {"year": "9" * 5000},
    "same-form-twice": {"forms": f"{LIN},{LIN}", "a": LIN, "b": LIN},
    "garbage-ids": {
        "form": "zz'; DROP TABLE forms;--",
        "seq": "²",
        "forms": "x,y,z",
        "a": "?",
        "rule": "nope",
    },
    "huge-values": {"township": HUGE, "county": HUGE, "form": HUGE, "forms": HUGE, "lang": HUGE},
}


def run_page(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, query: dict[str, str]) -> AppTest:
    return open_page(db, monkeypatch, page, query, timeout=90)  # huge values take longer to refuse


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("case", list(BAD_URLS))
def test_a_bad_url_value_never_shows_an_exception(
    samples_db: Path, monkeypatch: pytest.MonkeyPatch, page: str, case: str
) -> None:
    at = run_page(samples_db, monkeypatch, page, BAD_URLS[case])
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page did not render"
    limit = int(settings.get("max_url_param_chars"))
    assert all(len(str(value)) <= limit for value in at.query_params.values())  # the link reopens


def test_a_huge_value_is_ignored_with_a_notice(samples_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(samples_db, monkeypatch, "overview", {"township": HUGE, "year": "2024"})
    assert t("url.ignored", "zh", param="township") in [i.value for i in at.info]
    assert "township" not in at.query_params and at.query_params["year"] == "2024"


def test_a_form_with_a_100k_character_name_keeps_the_drill_url_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_form
) -> None:
    db = tmp_path / "long.sqlite"
    with open_store(db) as store:
        store.add_form(make_form(form_id="c" * 16, unit_name="长" * 100_000, township="长" * 100_000))
        score_store(store)
    at = run_page(db, monkeypatch, "drill", {"form": "c" * 16})
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["form"] == "c" * 16
    assert len(at.query_params["township"]) <= 16


def test_the_same_form_twice_is_compared_once(samples_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(samples_db, monkeypatch, "compare", {"forms": f"{LIN},{LIN}"})
    assert at.multiselect(key="compare.forms").value == [LIN]


@pytest.mark.parametrize("page", PAGES)
def test_a_store_damaged_under_a_page_shows_a_translated_message(
    samples_db: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    """The forms load, then any other table fails as a corrupt file fails (the overview rendered
    while quality, drill and compare showed pandas' DatabaseError)."""
    real = data.load_table

    def damaged(store, name):  # noqa: ANN001, ANN202 - the signature of load_table
        if name == "forms":
            return real(store, name)
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(data, "load_table", damaged)
    monkeypatch.setattr("pages.common.data.load_table", damaged, raising=False)
    at = run_page(samples_db, monkeypatch, page, {})
    assert not at.exception, [e.value for e in at.exception]
    if page in ("overview", "import_forms", "budget"):
        return  # these may need no other table
    assert t("error.store_corrupt", "zh") in [e.value for e in at.error]


def test_a_corrupt_store_file_shows_a_translated_message(
    samples_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    at = run_page(broken, monkeypatch, "overview", {})
    assert not at.exception, [e.value for e in at.exception]
    assert t("error.store_corrupt", "zh") in [e.value for e in at.error]
