"""The store as the pages see it: cached loaders keyed on the store's version, and one run's :class:`Context`."""

from __future__ import annotations

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
from lib.views.data import TABLES, indicators_table, labels_by_id, load_table, restrict


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

    @property
    def labels(self) -> dict[str, str]:
        return labels_by_id(self.everything)


@st.cache_data(max_entries=int(settings.get("cache_entries")) * len(TABLES), show_spinner=False)
def load(db_path: str, version: int, name: str) -> pd.DataFrame:
    """A table of the store at one version; the version is part of the key, so a change reloads it."""
    with open_store(db_path) as store:
        return load_table(store, name)


@st.cache_data(max_entries=int(settings.get("form_cache_entries")), show_spinner=False)
def load_rows(db_path: str, version: int, form_ids: tuple[str, ...]) -> pd.DataFrame:
    """The indicators of the forms named, at one version of the store."""
    with open_store(db_path) as store:
        return indicators_table(store, form_ids)


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
