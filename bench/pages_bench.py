"""Dashboard speed: every page's first render, a rerun and a filter change, timed with Streamlit's AppTest.

    python bench/pages_bench.py                 # the bundled samples
    python bench/pages_bench.py --forms 2000    # N synthetic forms (lib.demo's generator), added and scored
    python bench/pages_bench.py --db STORE      # a store you already have (an older one is migrated)
    python bench/pages_bench.py --forms 20000 --keep STORE   # build the store there, and keep it

Goals (issue 14): at 2,000 forms the slowest first render under 2 s and filter change under 1 s;
at 20,000 forms under 3 s and 1 s. The goals of the store's size are printed beside the figures.

The store is built in a temporary folder and scored before timing. For each page: Streamlit's
caches are cleared and the page is run (the first render: store read, tables loaded, charts
drawn); then run again (a rerun on a warm cache); then a year is chosen in the sidebar filter
(a filter change). AppTest runs the script as the server does, without a browser, so the
figures are the server's time to produce the page. Prints one table (wall and CPU seconds: on a
shared machine the CPU time is the steadier figure), the load average, and the goals beside the
slowest page.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.demo.generate import generate  # noqa: E402
from lib.demo.params import CorpusParams  # noqa: E402
from lib.quality.engine import score_store  # noqa: E402
from lib.samples import load_samples_if_empty  # noqa: E402
from lib.store import open_store  # noqa: E402

MAX_UNITS = 4000  # invented towns lib.demo can name: 20,000 forms take five years
PAGES = ("overview", "budget", "structure", "quality", "compare", "drill", "import_forms")


def build_store(path: Path, forms: int, seed: int) -> tuple[int, int, int]:
    """The samples (forms = 0) or ``forms`` synthetic forms, scored; (forms, indicators, latest year) stored."""
    with open_store(path) as store:
        if forms:
            for synthetic in generate(forms, seed, corpus_params(forms)):
                store.add_form(synthetic.form)
        else:
            load_samples_if_empty(store)
        score_store(store)
    return describe_store(path)


def corpus_params(forms: int) -> CorpusParams:
    """The demo's settings, with more years (to 2024) when one form per unit and year needs them."""
    params = CorpusParams()
    years = max(len(params.years), -(-forms // MAX_UNITS))
    return replace(params, years=tuple(range(2025 - years, 2025)))


def describe_store(path: Path) -> tuple[int, int, int]:
    """(forms, indicators, latest year) of a store."""
    with open_store(path) as store:
        frame = store.forms_frame()
    return len(frame), int(frame["indicator_count"].sum()), int(frame["year"].max())


GOALS = {2000: (2.0, 1.0), 20000: (3.0, 1.0)}
"""Seconds for the slowest first render and the slowest filter change, per store size (issue 14)."""


def goals_for(forms: int) -> tuple[int, float, float]:
    """(store size the goals are for, first render s, filter change s): the largest size the store reaches."""
    size = max((size for size in GOALS if forms >= size), default=min(GOALS))
    return (size, *GOALS[size])


def time_pages(
    year: int, timeout: float
) -> list[tuple[str, tuple[float, float], tuple[float, float], tuple[float, float]]]:
    """(page, first render, rerun, filter change to ``year``) per page, each as (wall s, CPU s)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    app.run()  # imports and the first store read, as a server does at start-up
    _check(app, "start")
    rows = []
    for page in PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()  # the store's tables are kept there (pages/common/data.py)
        app.switch_page(f"pages/{page}.py")
        first = _timed(app, page)
        rerun = _timed(app, page)
        app.session_state["filter.year"] = [year]  # as the sidebar's year filter does when a year is picked
        change = _timed(app, page)
        app.session_state["filter.year"] = []
        app.run()
        rows.append((page, first, rerun, change))
    return rows


def _timed(app, page: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + sys of this process: AppTest runs the page in a thread of it) of one run."""
    started, cpu = time.perf_counter(), time.process_time()
    app.run()
    elapsed = time.perf_counter() - started, time.process_time() - cpu
    _check(app, page)
    return elapsed


def _check(app, page: str) -> None:
    if app.exception:
        raise SystemExit(f"{page}: {app.exception[0].value}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=0, help="synthetic forms (0: the bundled samples)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="time an existing store instead of building one")
    parser.add_argument("--keep", type=Path, help="build the store at this path (new) and keep it")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds AppTest waits for one run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or args.keep or Path(folder) / "bench.sqlite"
        started = time.perf_counter()
        forms, indicators, year = (
            describe_store(path) if args.db else build_store(path, args.forms, args.seed)
        )
        built = time.perf_counter() - started
        os.environ["TARGETLENS_DB"] = str(path)
        rows = time_pages(year, args.timeout)
    print(
        f"store: {forms} forms, {indicators} indicators ({'read' if args.db else 'built and scored'} in {built:.1f} s)"
    )
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores shared)")
    print(f"{'page':<14}{'first render s':>20}{'rerun s':>16}{f'filter to {year} s':>22}   (wall / CPU)")
    for page, first, rerun, change in rows:
        print(f"{page:<14}{_pair(first):>20}{_pair(rerun):>16}{_pair(change):>22}")
    slowest_first = max(rows, key=lambda r: r[1][0])
    slowest_change = max(rows, key=lambda r: r[3][0])
    size, first_goal, change_goal = goals_for(forms)
    print(
        f"goal: slowest first render < {first_goal:g} s: {slowest_first[0]} "
        f"{_pair(slowest_first[1])} · slowest filter change < {change_goal:g} s: "
        f"{slowest_change[0]} {_pair(slowest_change[3])} (goals are for {size:,} forms)"
    )


def _pair(timing: tuple[float, float]) -> str:
    return f"{timing[0]:.2f} / {timing[1]:.2f}"


if __name__ == "__main__":
    main()
