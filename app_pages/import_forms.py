"""Import: upload files, preview what was read from each, then commit the good ones and rescore.

Each upload is read once, in the worker process within the reading budget (a file over it is
refused with its reason), and cached by its content hash, not read again on every rerun. A file
that cannot be read shows its reason and is never committed; each form goes into the
store in its own transaction, and the scores are refreshed afterwards with progress shown.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from app_pages import common
from lib import settings
from lib.store import open_store
from lib.views import imports

PREVIEW_ROWS = 200


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
    known = set(ctx.everything["form_id"])
    for number, upload in enumerate(uploads, 1):
        preview(ctx, number, upload, known)
    ready = [u for u in uploads if u.error is None]
    new = imports.new_forms(ready, known)
    st.caption(ctx.t("import.summary", ready=len(ready), failed=len(uploads) - len(ready), new=len(new)))
    if st.button(
        ctx.t("import.commit", count=len(new)), key="import.commit", type="primary", disabled=not new
    ):
        commit(ctx, ready)


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


def preview(ctx: common.Context, number: int, upload: imports.Upload, known: set[str]) -> None:
    """What one file gave: its headline, indicators, warnings and unparsed text, or why it failed."""
    with st.container(border=True):
        st.text(ctx.t("import.file", number=number, name=upload.source, kb=upload.size / 1024))
        if upload.error is not None:
            st.error(ctx.t("import.failed"))
            st.text(upload.error)
            return
        for form in upload.forms:
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
                        ctx.t("import.tab_indicators", count=len(form.indicators)),
                        ctx.t("import.tab_warnings", count=len(form.warnings)),
                        ctx.t("import.tab_unparsed", count=len(form.unparsed)),
                    ]
                )
                frames = (
                    imports.indicators_preview(form).head(PREVIEW_ROWS),
                    imports.warnings_preview(form),
                    imports.unparsed_preview(form),
                )
                for tab, frame, name in zip(
                    tabs, frames, ("indicators", "warnings", "unparsed"), strict=True
                ):
                    with tab:
                        common.table(
                            frame, list(frame.columns), f"import.{name}.{number}.{form.form_id}", height=260
                        )


def commit(ctx: common.Context, ready: list[imports.Upload]) -> None:
    """Store the forms of the files that were read, then rescore, with progress."""
    with st.status(ctx.t("import.committing"), expanded=True) as status:
        with open_store(ctx.db_path) as store:
            results = imports.commit(store, ready)
            for source, form_id, added in results:
                st.text(ctx.t("import.added" if added else "import.already", name=source, form_id=form_id))
            common.score_with_progress(store, ctx.lang)
        status.update(
            label=ctx.t("import.done", count=sum(added for _, _, added in results)), state="complete"
        )
    st.page_link(
        common.PAGES["overview"][0], label=ctx.t("import.to_overview"), icon=common.PAGES["overview"][2]
    )


main()
