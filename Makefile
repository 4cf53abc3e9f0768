# Target Lens: make install | run | test | bench | clean
# The store is $TARGETLENS_DB when set, else data/targetlens.sqlite; nothing here overrides it.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run demo lint docs test test-fast bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# A sample that fails to load is reported but does not keep the dashboard from starting.
run: install
	-$(PY) -m lib.samples
	$(VENV)/bin/streamlit run dashboard.py

# A 300-form synthetic corpus in its own store (data/demo.sqlite), and the app on it.
DEMO_DB := data/demo.sqlite
demo: install
	test -f $(DEMO_DB) || ($(PY) -m lib demo --forms 300 --out data/demo-corpus --seed 1 && \
		TARGETLENS_DB=$(DEMO_DB) $(PY) -m lib ingest data/demo-corpus)
	TARGETLENS_DB=$(DEMO_DB) $(VENV)/bin/streamlit run dashboard.py

# The browser test drives Debian's Chromium (never a downloaded browser); install it when missing.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk

# Lint and format are checked before any test runs, so CI (.ci/run = make test) enforces them.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The generated tables in README.md and docs/ (lib/docgen.py); tests/test_docgen.py checks them.
docs: install
	$(PY) -m lib.docgen

# Every tier: unit, system, app (AppTest) and browser (markers in pyproject.toml, assigned in tests/conftest.py).
test: lint $(CHROMIUM)
	$(PY) -m pytest -q

# The unit tier only (no concurrent processes, no Streamlit app, no browser), one worker per core; for the edit-test loop.
test-fast: install
	$(PY) -m pytest -q -m unit -n auto

# make bench: one table, each speed goal beside its figure and exact all-pairs matching measured
# in the same run (2,000 synthetic forms; BENCH_ARGS=--forms N), then, with DIR=folder-of-forms,
# parse/ingest of that folder. Per-size and per-page tables: bench/suite.py, bench/pages_bench.py.
bench: install
	$(PY) bench/goals_bench.py $(BENCH_ARGS)
	$(if $(DIR),$(PY) bench/parse_bench.py $(DIR))

clean:
	rm -rf .pytest_cache .hypothesis .ruff_cache test-artifacts bench/out *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
