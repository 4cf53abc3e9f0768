"""Each real sample, rendered by code as the .docx and .xlsx it came from (and as a .csv export), reads to the same form.

The renditions (tests/fixtures_office.py) hold the merged cells the originals would have: labels
merged down their rows (Word vMerge; Excel merged ranges, which the reader fills down), titles
merged across. Everything is compared but what names the file and where text was read
(form_id, source, format, layout, every source_ref).
"""

from __future__ import annotations

import pytest
from fixtures_office import (
    SEED_STEMS,
    assert_seed_000_facts,
    blocks_of,
    comparable,
    csv_text,
    docx_bytes,
    seed_text,
    text_form,
    xlsx_bytes,
)

from lib.readers import parse_bytes

STEMS = SEED_STEMS


def rendition(stem: str, fmt: str) -> bytes:
    blocks = blocks_of(seed_text(stem))
    if fmt == "csv":
        return csv_text(blocks).encode("utf-8-sig")
    return docx_bytes(blocks) if fmt == "docx" else xlsx_bytes({"绩效目标表": blocks})


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv"])
@pytest.mark.parametrize("stem", STEMS)
def test_rendition_reads_like_the_text(stem: str, fmt: str) -> None:
    [form] = parse_bytes(rendition(stem, fmt), f"{stem}.{fmt}")
    assert form.format == fmt
    assert comparable(form.to_dict()) == comparable(text_form(stem).to_dict())


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_rendition_keeps_the_facts(fmt: str) -> None:
    """A spot check in user terms, so a shared mistake of both readers would still show."""
    [form] = parse_bytes(rendition("000", fmt), f"000.{fmt}")
    assert_seed_000_facts(form, "table " if fmt == "docx" else "绩效目标表!")


def test_xlsx_rendition_really_has_merged_cells() -> None:
    """The xlsx test means something only if labels are merged (and so filled down by the reader)."""
    import io

    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(rendition("001", "xlsx")))
    ranges = workbook.active.merged_cells.ranges
    assert any(r.min_row < r.max_row for r in ranges)  # merged down
    assert any(r.min_col < r.max_col for r in ranges)  # merged across
