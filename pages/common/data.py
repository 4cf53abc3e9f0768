"""The store as the pages see it: cached loaders keyed on the store's version, and one run's :class:`Context`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from lib import settings
from lib.filters import Filters
from lib.i18n import label, t
from lib.model import Form
from lib.quality import background
from lib.quality.engine import score_store
from lib.store import Store, open_store
from lib.views.data import FORM_TABLES, TABLES, indicators_table, labels_by_id, load_table, restrict


@dataclass(frozen=True)
class Context:
    """One run's view of the store: language, selection and the selected forms."""

    lang: str
    db_path: str
    version: int
    filters: Filters
    everything: pd.DataFrame  # every form in the store
    forms: pd.DataFrame  # the forms the sidebar selects

    def t(self, key: str, **fmt: object) -> str:
        return t(key, self.lang, **fmt)

    def table(self, name: str) -> pd.DataFrame:
        """A store table (:data:`lib.views.data.TABLES`), restricted to the selected forms where rows are per form."""
        frame = load(self.db_path, self.version, name)
        return restrict(frame, self.forms["form_id"]) if "form_id" in frame else frame

    def rows(self, form_ids: Sequence[str]) -> pd.DataFrame:
        """The indicators of a few forms (read on their own: cheaper than the whole table on a large store)."""
        return load_rows(self.db_path, self.version, tuple(form_ids))

    def form_table(self, name: str, form_id: str) -> pd.DataFrame:
        """One form's rows of a store table (:data:`lib.views.data.FORM_TABLES`)."""
        return load_form_table(self.db_path, self.version, name, form_id)

    def level2_values(self, level2: str) -> pd.DataFrame:
        """The target parts of one level-2 category's rows of the selected forms (read on their own)."""
        return load_level2_values(
            self.db_path, self.version, level2, self.selection, tuple(self.forms["form_id"])
        )

    @property
    def selection(self) -> str:
        """The sidebar's selection as a short cache key (with the version, it says which forms are selected:
        hashing 20,000 form ids on every run would cost more than the read it saves)."""
        return json.dumps(self.filters.to_query(), sort_keys=True, ensure_ascii=False)

    def text_examples(self, uses: pd.DataFrame) -> pd.DataFrame:
        """:meth:`lib.store.Store.text_examples` of the (text, form_id) pairs of a frame."""
        pairs = tuple(zip(uses["text"].astype(int), uses["form_id"], strict=True))
        return load_text_examples(self.db_path, self.version, pairs)

    def finding_texts(self, findings: pd.DataFrame) -> pd.DataFrame:
        """:meth:`lib.store.Store.finding_texts` of the findings of a frame (form_id, idx)."""
        keys = tuple(zip(findings["form_id"], findings["idx"].astype(int), strict=True))
        return load_finding_texts(self.db_path, self.version, keys)

    @property
    def labels(self) -> dict[str, str]:
        return labels_by_id(self.everything)


def load(db_path: str, version: int, name: str) -> pd.DataFrame:
    """A table of the store at one version; the version is part of the key, so a change reloads it.

    The table is kept once for every session (``st.cache_resource``: ``st.cache_data`` pickles the
    frame when it is stored and unpickles it on every run, seconds for 200,000 findings); each
    caller gets a shallow copy, which pandas copies on write, so no page's change reaches it."""
    return shared_table(db_path, version, name).copy(deep=False)


@st.cache_resource(max_entries=int(settings.get("cache_entries")) * len(TABLES), show_spinner=False)
def shared_table(db_path: str, version: int, name: str) -> pd.DataFrame:
    with open_store(db_path) as store:
        return load_table(store, name)


@st.cache_data(max_entries=int(settings.get("form_cache_entries")), show_spinner=False)
def load_rows(db_path: str, version: int, form_ids: tuple[str, ...]) -> pd.DataFrame:
    """The indicators of the forms named, at one version of the store."""
    with open_store(db_path) as store:
        return indicators_table(store, form_ids)


@st.cache_data(max_entries=int(settings.get("form_cache_entries")) * len(FORM_TABLES), show_spinner=False)
def load_form_table(db_path: str, version: int, name: str, form_id: str) -> pd.DataFrame:
    """One form's rows of a table of the store at one version."""
    with open_store(db_path) as store:
        return FORM_TABLES[name](store, form_id)


@st.cache_data(max_entries=int(settings.get("cache_entries")), show_spinner=False)
def load_level2_values(
    db_path: str, version: int, level2: str, selection: str, _form_ids: tuple[str, ...]
) -> pd.DataFrame:
    """:meth:`lib.store.Store.level2_values` of the selected forms at one version of the store (cached on the
    selection, not on its form ids)."""
    with open_store(db_path) as store:
        return store.level2_values(level2, _form_ids)


@st.cache_data(max_entries=int(settings.get("cache_entries")), show_spinner=False)
def load_text_examples(db_path: str, version: int, uses: tuple[tuple[int, str], ...]) -> pd.DataFrame:
    """:meth:`lib.store.Store.text_examples` at one version of the store."""
    with open_store(db_path) as store:
        return store.text_examples(uses)


@st.cache_data(max_entries=int(settings.get("cache_entries")), show_spinner=False)
def load_finding_texts(db_path: str, version: int, keys: tuple[tuple[str, int], ...]) -> pd.DataFrame:
    """:meth:`lib.store.Store.finding_texts` at one version of the store."""
    with open_store(db_path) as store:
        return store.finding_texts(keys)


@st.cache_data(max_entries=int(settings.get("form_cache_entries")), show_spinner=False)
def load_form(db_path: str, version: int, form_id: str) -> Form | None:
    """One stored form as it was read (functions, goals, projects and all)."""
    with open_store(db_path) as store:
        return store.get_form(form_id)


@st.fragment(run_every=2)
def await_scores(db_path: str, lang: str) -> None:
    """The background scoring's progress, redrawn every two seconds; the whole page reruns when it ends."""
    share = background.progress(db_path)
    if share is None:
        st.rerun()
    st.progress(share, text=t("status.scoring_background", lang))


def score_with_progress(store: Store, lang: str) -> None:
    """Run the quality engine on the whole store under a progress bar."""
    bar = st.progress(0.0, text=t("status.scoring", lang))
    score_store(
        store,
        progress=lambda share, step: bar.progress(min(max(share, 0.0), 1.0), text=label("step", step, lang)),
    )
