"""Bad and hostile files end in a clear FormError, quickly and in bounded memory, and write nothing.

The files are read in a child process so its peak memory can be measured on its own; the
child's time limit is generous (a few seconds of work each, measured in bench/ rather than here).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures_hostile import (
    cyclic_ole,
    docx_without_tables,
    encrypted_xlsx,
    flate_bomb_pdf,
    header_stories_bomb,
    huge_stream_ole,
    many_paragraphs_docx,
    many_parts_xlsx,
    merge_bomb_xlsx,
    noise_sheet,
    noise_xls,
    old_binary_office,
    piece_table_bomb,
    piled_merges_xls,
    presentation_ole,
    shared_strings_bomb_xlsx,
    truncated_xlsx,
    wide_empty_cells_xlsx,
    xml_bomb_xlsx,
    zip_bomb,
)

from lib.ingest import ingest_paths
from lib.store import open_store

pytestmark = pytest.mark.system  # a gigabyte zip bomb, every file through a fresh worker: slow by nature
ROOT = Path(__file__).resolve().parent.parent
CASES = {
    "truncated.xlsx": (truncated_xlsx, "damaged or truncated"),
    "prose.docx": (docx_without_tables, "not a performance-target form"),
    "locked.xlsx": (encrypted_xlsx, "password-protected"),
    "header-only.xls": (old_binary_office, "old Office file is damaged or truncated"),
    "cyclic.doc": (cyclic_ole, "loops back on itself"),
    "huge-stream.xls": (huge_stream_ole, "declares a stream “Workbook” of 3338 MB"),
    "piece-bomb.wps": (piece_table_bomb, "claims 8000000 characters of text"),
    "headers.doc": (header_stories_bomb, "not a performance-target form"),
    "noise.xls": (noise_xls, "too large for a form: 65536 rows"),
    "merges.xls": (piled_merges_xls, "merged ranges covering 60000000 cells"),
    "slides.doc": (presentation_ole, "neither an Excel workbook nor a Word document"),
    "laughs.xlsx": (xml_bomb_xlsx, "XML bomb"),
    "bomb.xlsx": (zip_bomb, "zip bomb"),
    "noise.xlsx": (noise_sheet, "too large for a form: more than 20000 rows"),
    "noise-undeclared.xlsx": (
        lambda: noise_sheet(declare_size=False),
        "too large for a form: more than 20000 rows",
    ),
    "merges.xlsx": (merge_bomb_xlsx, "merged ranges covering"),
    "strings.xlsx": (shared_strings_bomb_xlsx, "max_shared_strings"),
    "parts.xlsx": (many_parts_xlsx, "max_zip_entries"),
    "paragraphs.docx": (many_paragraphs_docx, "max_docx_elements"),
    "inflates.pdf": (flate_bomb_pdf, "max_pdf_stream_mb"),
    "wide.xlsx": (wide_empty_cells_xlsx, "not a performance-target form"),  # read, quickly: nothing in it
}
CHILD = """
import json, resource, sys
from lib.errors import FormError
from lib.readers import parse_file
results = {}
for path in sys.argv[1:]:
    try:
        parse_file(path)
        results[path] = "read without error"
    except FormError as error:
        results[path] = "FormError: " + error.reason
try:  # the high-water mark of this program (ru_maxrss would include the parent's, kept across exec)
    status = open("/proc/self/status").read()
    peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"results": results, "peak_mb": peak_mb}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for name, (build, _) in CASES.items():
        paths[name] = folder / name
        paths[name].write_bytes(build())
    return paths


def test_zip_bomb_really_inflates_past_a_gigabyte(hostile_files: dict[str, Path]) -> None:
    import zipfile

    archive = zipfile.ZipFile(hostile_files["bomb.xlsx"])
    assert hostile_files["bomb.xlsx"].stat().st_size < 2_000_000
    assert sum(info.file_size for info in archive.infolist()) > 1 << 30


def test_each_ends_in_a_clear_error_in_bounded_memory(hostile_files: dict[str, Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, hostile_files.values())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout)
    for name, path in hostile_files.items():
        outcome = report["results"][str(path)]
        assert outcome.startswith("FormError: ") and CASES[name][1] in outcome, (name, outcome)
    assert report["peak_mb"] < 500


def test_nothing_is_written_for_them(hostile_files: dict[str, Path], tmp_db: Path) -> None:
    with open_store(tmp_db) as store:
        results = ingest_paths(list(hostile_files.values()), store)
        assert [r.status for r in results] == ["error"] * len(hostile_files)
        assert store.count_forms() == 0


def test_openpyxl_parses_with_defusedxml() -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML is True
