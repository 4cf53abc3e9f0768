"""One new form into a scored store: only the forms it touches are judged again, and every
stored result then equals what scoring the whole store gives (issue 14)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from lib.demo.generate import generate
from lib.model import Form
from lib.quality.engine import score_store
from lib.quality.incremental import add_incrementally, score_added
from lib.store import Store, open_store

# Synthetic forms (lib.demo): ten units over three years, towns copying each other's rows.
FORMS = [made.form for made in generate(30, seed=11)]


def stored_results(store: Store) -> dict[str, object]:
    """Everything scoring stores that a page, the export or a letter reads (the tables without a
    reading method are read from the store's SQLite file, as any SQLite client would)."""
    with closing(sqlite3.connect(store.path)) as file:
        blocks = file.execute("SELECT * FROM copy_blocks ORDER BY 1, 2, 3").fetchall()
        phrases = file.execute("SELECT key, units, source FROM phrases ORDER BY key").fetchall()
    return {
        "scores": sorted(store.score_results(), key=lambda r: r["form_id"]),
        "carry": rows(store.scores_frame()[["form_id", "carry_share"]].sort_values("form_id")),
        "flags": rows(store.flags_frame()),
        "blocks": blocks,
        "phrases": phrases,
    }


def rows(frame: pd.DataFrame) -> list[list[object]]:
    """A frame's rows, a missing value as None (NaN is never equal to itself)."""
    return frame.astype(object).where(frame.notna(), None).values.tolist()


def scored_store(path: Path, forms: list[Form]) -> Store:
    store = open_store(path)
    for form in forms:
        store.add_form(form)
    score_store(store)
    return store


def full_rescore(path: Path, tmp_path: Path) -> dict[str, object]:
    """The store at ``path`` scored again as a whole (a copy: the store itself is left alone)."""
    copy = tmp_path / "rescored.sqlite"
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    with open_store(copy) as store:
        score_store(store)  # every form judged again
        return stored_results(store)


def fresh_store(forms: list[Form], tmp_path: Path) -> dict[str, object]:
    """The forms added to an empty store and scored at once."""
    with scored_store(tmp_path / "fresh.sqlite", forms) as store:
        return stored_results(store)


def forms_by_effect(tmp: Path) -> dict[str, list[Form]]:
    """The forms of a few units and years, each added last to a scored store of the others, sorted
    by what adding it does: ``incremental`` (it leaves the stock phrases and copy thresholds as they
    were) or ``whole`` (it makes, say, one more name stock wording: every form is judged again).
    Found, not hard-coded: which form does which depends on the generator's planted problems."""
    found: dict[str, list[Form]] = {"incremental": [], "whole": []}
    for number, added in enumerate(FORMS[12::4]):
        with scored_store(tmp / f"probe{number}.sqlite", [f for f in FORMS if f is not added]) as store:
            store.add_form(added)
            found["incremental" if add_incrementally(store) is not None else "whole"].append(added)
    return found


@pytest.fixture(scope="module")
def sorted_forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Form]]:
    found = forms_by_effect(tmp_path_factory.mktemp("probe"))
    assert found["incremental"] and found["whole"]  # the generator plants both kinds
    return found


@pytest.mark.parametrize("which", [0, 1])
def test_one_new_form_gives_what_scoring_the_whole_store_gives(
    which: int, sorted_forms: dict[str, list[Form]], tmp_path: Path
) -> None:
    added = sorted_forms["incremental"][which % len(sorted_forms["incremental"])]
    path = tmp_path / "store.sqlite"
    with scored_store(path, [f for f in FORMS if f is not added]) as store:
        before = stored_results(store)
        store.add_form(added)
        judged = add_incrementally(store)
        after = stored_results(store)
    assert judged is not None and 1 <= judged < len(FORMS)  # incremental: not every form judged again
    assert after == full_rescore(path, tmp_path) == fresh_store(FORMS, tmp_path)
    unchanged = [r for r in after["scores"] if r in before["scores"]]
    assert len(unchanged) >= len(FORMS) - judged  # the forms not judged keep their results


def test_the_new_forms_copies_are_found_in_both_directions(tmp_path: Path) -> None:
    """A new form copying an old one's rows: its rows are flagged, and the old form's rows that it
    copied now have a copy in another unit too."""
    source = FORMS[3]
    copier = replace(FORMS[29], form_id="copier", indicators=source.indicators)  # another unit's 2024 form
    path = tmp_path / "store.sqlite"
    with scored_store(path, FORMS[:29]) as store:
        store.add_form(copier)
        assert add_incrementally(store) is not None
        after = stored_results(store)
    flags = {(form_id, flag.split(":")[0]) for form_id, _, flag, *_ in after["flags"]}
    assert ("copier", "copied") in flags and (source.form_id, "copied") in flags
    assert after == full_rescore(path, tmp_path) == fresh_store([*FORMS[:29], copier], tmp_path)


def test_a_store_scored_by_other_code_or_settings_is_scored_whole(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    with scored_store(path, FORMS[:-1]) as store:
        with closing(sqlite3.connect(path)) as file, file:
            file.execute("UPDATE meta SET value = 'older' WHERE key = 'scored_engine'")
        store.add_form(FORMS[-1])
        assert add_incrementally(store) is None
        assert score_added(store) == len(FORMS)
        assert store.count_unscored() == 0


def test_a_new_stock_phrase_has_every_form_judged_again(
    sorted_forms: dict[str, list[Form]], tmp_path: Path
) -> None:
    added = sorted_forms["whole"][0]  # its unit's names make one more name stock wording
    path = tmp_path / "store.sqlite"
    with scored_store(path, [f for f in FORMS if f is not added]) as store:
        store.add_form(added)
        assert add_incrementally(store) is None
        assert score_added(store) == len(FORMS)
        after = stored_results(store)
    assert after == fresh_store(FORMS, tmp_path)


def test_a_store_that_lost_a_form_since_scoring_is_scored_whole(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    with scored_store(path, FORMS[:-1]) as store:
        store.delete_form(FORMS[0].form_id)
        store.add_form(FORMS[-1])
        assert add_incrementally(store) is None
        assert score_added(store) == len(FORMS) - 1
