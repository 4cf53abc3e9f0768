"""Import: upload files, preview what was read from each, correct it, then commit the good ones and rescore.

Each upload is read once, in the worker process within the reading budget (a file over it is
refused with its reason), and cached by its content hash. A file that cannot be read shows its
reason and is never committed. Above the store button, a
warning for each form a reviewer should look at (rows the reader was unsure of, much unplaced
text, a form already in the store). The indicator table is editable; the edits are stored as
corrections with the form. Each form goes into the store in its own transaction, and the scores
are refreshed afterwards with progress shown.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from lib import settings
from lib.corrections import DROPPED
from lib.i18n import label
from lib.model import Form
from lib.store import open_store
from lib.views import imports
from pages import common
from pages.common.data import load


def main() -> None:
    ctx = common.page("title.import", needs_forms=False)
    limit_mb = int(settings.get("max_file_mb"))
    files = st.file_uploader(
        ctx.t("import.files"),
        accept_multiple_files=True,
        key="import.files",
        max_upload_size=limit_mb,
        type=None,
        help=ctx.t("import.files_help"),
    )
    st.caption(ctx.t("import.limit", mb=limit_mb))
    if not files:
        st.info(ctx.t("import.hint"))
        return
    uploads = read_all(ctx, files)
    ready = [u for u in uploads if u.error is None]
    with open_store(ctx.db_path) as store:
        shown = {f.form_id: imports.shown_form(store, f) for u in ready for f in u.forms}
    stored = load(ctx.db_path, ctx.version, "forms")  # every stored form: ctx.everything waits for scores
    known = set(stored["form_id"])
    edited: dict[str, pd.DataFrame] = {}
    for number, upload in enumerate(uploads, 1):
        edited |= preview(ctx, number, upload, shown, known)
    new = imports.new_forms(ready, known)
    pending = sum(len(imports.pending(shown[form_id], frame)) for form_id, frame in edited.items())
    review(ctx, uploads, shown, stored)
    st.caption(ctx.t("import.summary", ready=len(ready), failed=len(uploads) - len(ready), new=len(new)))
    if pending:
        st.caption(ctx.t("import.pending", count=pending))
    if st.button(
        ctx.t("import.commit", count=len(new)),
        key="import.commit",
        type="primary",
        disabled=not (new or pending),
    ):
        commit(ctx, ready, edited)


def read_all(ctx: common.Context, files: list) -> list[imports.Upload]:
    """Each upload read once (in the worker process, cached by content), with progress per file."""
    bar = st.progress(0.0)
    uploads = []
    for number, file in enumerate(files, 1):
        bar.progress(
            (number - 1) / len(files),
            text=ctx.t("import.reading", name=file.name, number=number, total=len(files)),
        )
        data = file.getvalue()
        uploads.append(read_upload(hashlib.sha256(data).hexdigest(), file.name, data))
    bar.empty()
    return uploads


@st.cache_data(max_entries=64, show_spinner=False)
def read_upload(digest: str, name: str, _data: bytes) -> imports.Upload:
    """One upload read; keyed by its content hash and name (``_data`` itself is not hashed)."""
    return imports.read_upload(_data, name)


def review(
    ctx: common.Context, uploads: list[imports.Upload], shown: dict[str, Form], stored: pd.DataFrame
) -> None:
    """Above the store button: what a reviewer should look at first (names as plain text)."""
    earlier: list[tuple[int, Form]] = []
    for number, upload in enumerate(uploads, 1):
        for form in upload.forms:
            for concern in imports.concerns(shown[form.form_id], number, stored, earlier):
                st.warning(ctx.t(concern.key, **concern.values), icon=":material/warning:")
                if concern.detail:
                    st.text(concern.detail)
            earlier.append((number, form))


def preview(
    ctx: common.Context, number: int, upload: imports.Upload, shown: dict[str, Form], known: set[str]
) -> dict[str, pd.DataFrame]:
    """What one file gave: its headline, editable indicators, warnings and unparsed text, or why it
    failed; the edited indicator table of each form, by form_id."""
    edited: dict[str, pd.DataFrame] = {}
    with st.container(border=True):
        st.text(ctx.t("import.file", number=number, name=upload.source, kb=upload.size / 1024))
        if upload.error is not None:
            st.error(ctx.t("import.failed"))
            st.text(upload.error.text(ctx.lang))
            return edited
        for form in (shown[f.form_id] for f in upload.forms):
            if form.form_id in known:
                st.caption(ctx.t("import.present"))
            summary, details = st.columns([1, 2], gap="large")
            with summary:
                common.table(
                    imports.summary_table(form, ctx.lang),
                    ["field", "value"],
                    f"import.summary.{number}.{form.form_id}",
                    height=560,
                )
            with details:
                tabs = st.tabs(
                    [
                        ctx.t("import.tab_warnings", count=len(form.warnings)),
                        ctx.t("import.tab_unparsed", count=len(form.unparsed)),
                    ]
                )
                for tab, frame, name in zip(
                    tabs,
                    (imports.warnings_preview(form, ctx.lang), imports.unparsed_preview(form)),
                    ("warnings", "unparsed"),
                    strict=True,
                ):
                    with tab:
                        common.table(
                            frame, list(frame.columns), f"import.{name}.{number}.{form.form_id}", height=460
                        )
            st.caption(ctx.t("import.tab_indicators", count=len(form.indicators)))
            st.caption(ctx.t("import.edit_hint"))
            edited[form.form_id] = editor(ctx, form, f"import.editor.{number}.{form.form_id}")
    return edited


def editor(ctx: common.Context, form: Form, key: str) -> pd.DataFrame:
    """The form's indicators as an editable table: levels, name, operator, target, unit; a tick drops a row."""
    frame = imports.editor_table(form).head(int(settings.get("preview_rows")))
    frame["confidence"] = frame["confidence"].map(lambda code: label("confidence", code, ctx.lang))
    level1, level2 = imports.level_options(form)
    config = common.column_config(imports.EDITOR_COLUMNS, ctx.lang) | {
        DROPPED: st.column_config.CheckboxColumn(ctx.t(f"col.{DROPPED}"), width="small"),
        "target": st.column_config.NumberColumn(ctx.t("col.target")),
        "level1": st.column_config.SelectboxColumn(ctx.t("col.level1"), options=level1),
        "level2": st.column_config.SelectboxColumn(ctx.t("col.level2"), options=level2),
    }
    return st.data_editor(
        frame,
        column_config=config,
        disabled=imports.EDITOR_LOCKED,
        hide_index=True,
        num_rows="fixed",
        key=key,
        height=min(420, common.ROW_PX * (len(frame) + 1) + 3),
    )


def commit(ctx: common.Context, ready: list[imports.Upload], edited: dict[str, pd.DataFrame]) -> None:
    """Store the forms of the files that were read, with the reviewer's corrections, then rescore."""
    with st.status(ctx.t("import.committing"), expanded=True) as status:
        with open_store(ctx.db_path) as store:
            results = imports.commit(store, ready, edited)
            for source, form_id, added, corrected in results:
                st.text(ctx.t("import.added" if added else "import.already", name=source, form_id=form_id))
                if corrected:
                    st.text(ctx.t("import.corrected", count=corrected))
            common.score_with_progress(store, ctx.lang)
        status.update(
            label=ctx.t("import.done", count=sum(added for _, _, added, _ in results)), state="complete"
        )
    st.page_link(
        common.PAGES["overview"][0], label=ctx.t("import.to_overview"), icon=common.PAGES["overview"][2]
    )


main()
