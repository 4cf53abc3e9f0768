"""Old binary Office files (.xls, .doc, and Kingsoft's .et/.wps) read like the forms they hold.

Each bundled sample as an .xls (written by xlwt from the .xlsx rendition, merged cells and all)
and as a .doc (the .docx rendition saved by LibreOffice, tests/data/old-office/) reads to the
same form as its text, whatever the file is called; details.xls (saved by LibreOffice) holds what
only a real Excel-format file can: a cached formula result, a hidden row and a hidden sheet.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from functools import cache
from pathlib import Path

import olefile
import pytest
import xlrd
from fixtures_hostile import ole_file
from fixtures_office import (
    SEED_STEMS,
    assert_seed_000_facts,
    blocks_of,
    comparable,
    docx_bytes,
    seed_text,
    text_form,
    xlsx_bytes,
)
from fixtures_old_office import (
    DELETED_FROM,
    DELETED_TO,
    DOC_FIXTURES,
    doc_fixture,
    nested_table_docx,
    word_document,
    xls_from_xlsx,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.errors import FormError
from lib.ingest import ingest_paths
from lib.readers import parse_bytes
from lib.readers.worddoc import read_doc
from lib.readers.xls import read_xls
from lib.store import open_store
from lib.views import imports

STEMS = SEED_STEMS


@cache
def xls_rendition(stem: str) -> bytes:
    return xls_from_xlsx(xlsx_bytes({"绩效目标表": blocks_of(seed_text(stem))}))


def old_rendition(stem: str, fmt: str) -> bytes:
    return xls_rendition(stem) if fmt == "xls" else doc_fixture(stem)


@pytest.mark.parametrize(("fmt", "name"), [("xls", "xls"), ("xls", "et"), ("doc", "doc"), ("doc", "wps")])
@pytest.mark.parametrize("stem", STEMS)
def test_old_rendition_reads_like_the_text(stem: str, fmt: str, name: str) -> None:
    [form] = parse_bytes(old_rendition(stem, fmt), f"{stem}.{name}")
    assert form.format == fmt
    assert comparable(form.to_dict()) == comparable(text_form(stem).to_dict())


@pytest.mark.parametrize("fmt", ["xls", "doc"])
def test_old_rendition_keeps_the_facts(fmt: str) -> None:
    """A spot check in user terms, so a mistake shared with the text reader would still show."""
    [form] = parse_bytes(old_rendition("000", fmt), f"000.{fmt}")
    assert_seed_000_facts(form, "table " if fmt == "doc" else "绩效目标表!")


def test_xls_rendition_really_has_merged_cells() -> None:
    """The .xls test means something only if labels are merged (and so filled down by the reader)."""
    sheet = xlrd.open_workbook(file_contents=xls_rendition("001"), formatting_info=True).sheet_by_index(0)
    assert any(rhi - rlo > 1 for rlo, rhi, _, _ in sheet.merged_cells)  # merged down
    assert any(chi - clo > 1 for _, _, clo, chi in sheet.merged_cells)  # merged across


def test_doc_fixtures_are_word_97_files_with_merged_labels() -> None:
    """The committed .doc files are real Word 97-2003 documents, labels merged down their rows."""
    for stem in STEMS:
        with olefile.OleFileIO(io.BytesIO(doc_fixture(stem))) as ole:
            assert ole.exists("WordDocument")
            assert struct.unpack_from("<H", ole.openstream("WordDocument").read(4), 2)[0] >= 0xC1
    rows = read_doc(doc_fixture("001"), "001.doc")
    table = [row for row in rows if row.shape == "doc-table"]
    assert any(row.values[0] == "" and row.values[-1] for row in table)  # cells covered by a merge are empty


def test_xls_details_a_real_excel_file_keeps() -> None:
    sheets = read_xls((DOC_FIXTURES / "details.xls").read_bytes(), "details.xls")
    assert [sheet.title for sheet in sheets] == ["明细", "隐藏表"]  # the hidden sheet too
    rows = [row.values for row in sheets[0].rows]
    assert rows[1] == ["产出指标", "培训人次", "120", "2024-12-31"]  # the formula's cached result, a date
    assert rows[2][:3] == ["产出指标", "验收合格率", "95%"]  # filled down; a percentage as shown
    assert rows[3][1] == "隐藏行里的指标"  # a hidden row is read
    assert rows[4] == ["合计说明：本表数据为测试数据"]  # merged across: one cell
    assert sheets[1].rows[0].values == ["隐藏表里的文字"]
    assert sheets[0].rows[1].cells[2].ref == "明细!C2"


def test_hidden_rows_and_sheets_of_an_xls_form_are_read() -> None:
    blocks = blocks_of(seed_text("000"))
    workbook = xls_from_xlsx(
        xlsx_bytes({"封面": ["隐藏的封面"], "绩效目标表": blocks}),
        hidden_sheets=("封面",),
        hidden_rows=(12, 13),
    )
    [form] = parse_bytes(workbook, "000.xls")
    assert comparable(form.to_dict())["indicators"] == comparable(text_form("000").to_dict())["indicators"]


@pytest.mark.parametrize(("fmt", "name"), [("xlsx", "et"), ("docx", "wps")])
def test_kingsoft_names_on_zip_files_go_to_the_zip_readers(fmt: str, name: str) -> None:
    blocks = blocks_of(seed_text("003"))
    data = xlsx_bytes({"表": blocks}) if fmt == "xlsx" else docx_bytes(blocks)
    [form] = parse_bytes(data, f"003.{name}")
    assert form.format == fmt
    assert comparable(form.to_dict()) == comparable(text_form("003").to_dict())


def test_the_kind_comes_from_the_streams_not_the_name() -> None:
    [as_doc] = parse_bytes(doc_fixture("004"), "004.xls")
    [as_xls] = parse_bytes(xls_rendition("004"), "004.doc")
    assert (as_doc.format, as_xls.format) == ("doc", "xls")


def word_header_changed(offset: int, change: Callable[[int], int]) -> bytes:
    """Sample 003's .doc with one 16-bit field of its Word header (FIB) changed."""
    with olefile.OleFileIO(io.BytesIO(doc_fixture("003"))) as ole:
        document = bytearray(ole.openstream("WordDocument").read())
    struct.pack_into("<H", document, offset, change(struct.unpack_from("<H", document, offset)[0]))
    return ole_file({"WordDocument": bytes(document[:4096])})


def test_encrypted_word_file_is_refused_as_password_protected() -> None:
    with pytest.raises(FormError, match="password-protected"):
        parse_bytes(word_header_changed(0x0A, lambda flags: flags | 0x0100), "locked.doc")  # fEncrypted


def test_word_95_file_is_refused_with_its_reason() -> None:
    with pytest.raises(FormError, match="Word 6/95 document"):
        parse_bytes(word_header_changed(0x02, lambda _: 0x65), "old.doc")  # nFib of Word 6


def test_encrypted_xls_is_refused_as_password_protected() -> None:
    with olefile.OleFileIO(io.BytesIO(xls_rendition("003"))) as ole:
        records = ole.openstream("Workbook").read()
    bof_end = 4 + struct.unpack_from("<H", records, 2)[0]
    file_pass = struct.pack("<HHH", 0x002F, 2, 0)  # FILEPASS: the workbook is encrypted
    locked = records[:bof_end] + file_pass + records[bof_end:]
    with pytest.raises(FormError, match="password-protected"):
        parse_bytes(ole_file({"Workbook": locked[: 120 * 512]}), "locked.xls")


def test_ingest_adds_a_folder_of_old_files(tmp_path: Path, tmp_db: Path) -> None:
    """The folder walk picks up all four suffixes, and every file adds its form."""
    folder = tmp_path / "forms"
    folder.mkdir()
    for stem in STEMS:
        data = {"xls": xls_rendition(stem), "doc": doc_fixture(stem)}
        for fmt, name in (("xls", "xls"), ("xls", "et"), ("doc", "doc"), ("doc", "wps")):
            (folder / f"{stem}-{name}.{name}").write_bytes(data[fmt] + name.encode())  # four distinct files
    with open_store(tmp_db) as store:
        results = ingest_paths([folder], store)
        assert [r.status for r in results] == ["added"] * 20
        assert store.count_forms() == 20


@pytest.mark.parametrize("name", ["xls", "et", "doc", "wps"])
def test_the_import_page_reads_old_files_within_the_upload_limit(name: str, monkeypatch) -> None:
    data = xls_rendition("003") if name in ("xls", "et") else doc_fixture("003")
    upload = imports.read_upload(data, f"003.{name}")
    assert upload.error is None and len(upload.forms[0].indicators) == 18
    monkeypatch.setenv("TARGETLENS_MAX_FILE_MB", "0")
    refused = imports.read_upload(data, f"003.{name}")
    assert refused.forms == () and "larger than the 0 MB limit" in refused.error.reason


OLD_FILES = [doc_fixture("003"), doc_fixture("000"), xls_rendition("003")]


@st.composite
def mutated_old_file(draw: st.DrawFn) -> bytes:
    """A .doc or .xls with bytes overwritten, dropped or cut, often in its first sectors (the
    container's header, FAT and directory, and the Word header) where a change reaches structure."""
    data = bytearray(draw(st.sampled_from(OLD_FILES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, min(len(data), 6000) - 1) | st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["overwrite", "word", "drop", "cut"]))
        if action == "overwrite":
            data[at] = draw(st.integers(0, 255))
        elif action == "word":
            data[at : at + 4] = draw(st.binary(min_size=4, max_size=4))
        elif action == "drop":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            del data[at:]
        if len(data) < 2:
            break
    return bytes(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_old_file())
def test_mutated_old_files_read_or_fail_cleanly(data: bytes) -> None:
    """Any damage ends in forms or a FormError naming the file, never another exception."""
    try:
        forms = parse_bytes(data, "mutated.doc")
    except FormError as error:
        assert error.reason and str(error).startswith("mutated.doc: ")
        return
    assert forms


@pytest.mark.parametrize("compressed", [False, True])
def test_a_hand_written_doc_gives_rows_of_cells(compressed: bool) -> None:
    """Cells end at \\x07 and rows at the mark whose paragraph ends the row, so an empty last cell
    stays a cell of its own row; a cell's two paragraphs are two lines; a field shows its result."""
    blocks = [
        "Title",
        [["a", "b\nb2", ""], ["", "x", "y"]],
        "see \x13 HYPERLINK http://x \x14the site\x15 here",
    ]
    rows = read_doc(word_document(blocks, compressed=compressed), "t.doc")
    assert [(row.ref, row.values) for row in rows] == [
        ("paragraph 1", ["Title"]),
        ("table 1 row 1", ["a", "b\nb2", ""]),
        ("table 1 row 2", ["", "x", "y"]),
        ("paragraph 2", ["see the site here"]),
    ]
    assert rows[2].cells[2].ref == "table 1 row 2 cell 3"


def test_a_hand_written_doc_form_reads_like_its_text() -> None:
    """A form written straight into Word's binary format (no LibreOffice) reads like the text."""
    blocks = blocks_of(seed_text("003"))
    word_blocks = [block if isinstance(block, str) else block.rows for block in blocks]
    [form] = parse_bytes(word_document(word_blocks), "003.doc")
    assert comparable(form.to_dict()) == comparable(text_form("003").to_dict())


def test_characters_beyond_the_basic_plane_keep_the_table_in_step() -> None:
    """Word counts positions in UTF-16 units, so a rare character (CJK Extension B) is two of them;
    the cell and row marks after it must still be found where they are."""
    blocks = ["𠀀𠀁𠀂镇", [["𠀀𠀀𠀀𠀀", "b", ""], ["", "x", "y"], ["p", "q", "r"]], "end"]
    rows = read_doc(word_document(blocks), "t.doc")
    assert [row.values for row in rows] == [
        ["𠀀𠀁𠀂镇"],
        ["𠀀𠀀𠀀𠀀", "b", ""],
        ["", "x", "y"],
        ["p", "q", "r"],
        ["end"],
    ]


@pytest.mark.parametrize("compressed", [False, True])
def test_text_deleted_with_track_changes_is_left_out(compressed: bool) -> None:
    """A target revised from 95 to 98 with track changes on reads 98, not 9598 (as in a .docx)."""
    blocks = [
        f"Title {DELETED_FROM}old {DELETED_TO}new",
        [["rate", f">={DELETED_FROM}95{DELETED_TO}98%", "c"]],
    ]
    rows = read_doc(word_document(blocks, compressed=compressed), "t.doc")
    assert [row.values for row in rows] == [["Title new"], ["rate", ">=98%", "c"]]


def test_a_field_whose_result_spans_paragraphs_leaves_no_marks() -> None:
    blocks = ["\x13 TOC \\o \x14第一章", "第二章\x15", "正文"]
    assert [row.values for row in read_doc(word_document(blocks), "t.doc")] == [
        ["第一章"],
        ["第二章"],
        ["正文"],
    ]


def test_nested_table_header_and_footer_read_as_in_the_docx() -> None:
    """LibreOffice's .doc of a .docx with a table in a cell gives the rows the .docx reader gives:
    the page header first, the outer row, then the nested table's rows (``table 1.1 row 1``),
    then the next outer row, and the page footer last."""
    from lib.readers.word import read_docx

    expected = [(row.ref, row.values) for row in read_docx(nested_table_docx(), "nested.docx")]
    assert [(row.ref, row.values) for row in read_doc(doc_fixture("nested"), "nested.doc")] == expected
    assert ("table 1.1 row 2", ["路灯安装", "50盏"]) in expected
    assert expected[0] == ("header 1 paragraph 1", ["页眉：部门整体支出绩效目标表"])
    assert expected[-1] == ("footer 1 paragraph 1", ["第1页"])
