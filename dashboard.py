"""Target Lens dashboard (``make run``, or ``streamlit run dashboard.py``): the forms in the store.

The store is ``$TARGETLENS_DB`` when set, else ``data/targetlens.sqlite``. Form text reaches
the page only through ``st.dataframe`` and ``st.text``.
"""

from __future__ import annotations

import sqlite3

import pandas as pd
import streamlit as st

from lib import settings
from lib.store import StoreError, open_store

COLUMNS = {
    "unit_name": "单位",
    "county": "县（区）",
    "township": "乡镇",
    "year": "年度",
    "form_kind": "表类型",
    "stage": "阶段",
    "budget_total": "预算总额（万元）",
    "indicator_count": "指标数",
}
EMPTY_HELP = (
    "数据库中还没有绩效目标表。运行 `make run` 会自动载入项目自带的样例表；"
    "也可以用 `python -m lib ingest 路径` 导入自己的文件或文件夹，然后刷新本页。"
)


@st.cache_data(max_entries=int(settings.get("cache_entries")), show_spinner=False)
def load_forms(db_path: str, data_version: int) -> pd.DataFrame:
    """The forms table of a store; ``data_version`` is part of the cache key, so a change reloads it."""
    with open_store(db_path) as store:
        return store.forms_frame()


def show_forms(forms: pd.DataFrame) -> None:
    st.caption(f"共 {len(forms)} 张表")
    st.dataframe(
        forms[list(COLUMNS)].rename(columns=COLUMNS),
        hide_index=True,
        column_config={
            COLUMNS["year"]: st.column_config.NumberColumn(format="%d"),
            COLUMNS["budget_total"]: st.column_config.NumberColumn(format="%.2f"),
        },
        key="home_forms_table",
    )


def main() -> None:
    st.set_page_config(page_title="绩效目标透视 · Target Lens", layout="wide")
    st.title("绩效目标透视 · Target Lens")
    db_path = settings.default_db_path()
    try:
        with open_store(db_path) as store:
            version = store.data_version()
        forms = load_forms(str(db_path), version)
    except (StoreError, sqlite3.DatabaseError, OSError) as error:
        st.error("无法打开数据库。")
        st.text(f"{db_path}: {error}")
        return
    if forms.empty:
        st.info(EMPTY_HELP)
    else:
        show_forms(forms)


main()
