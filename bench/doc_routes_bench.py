"""Three ways to read a .doc, measured on the same files: fidelity against the text, and cost.

Usage: python bench/doc_routes_bench.py   (the LibreOffice and antiword routes need `soffice` and
`antiword` on the PATH; a route whose program is missing is reported as such)

The files are tests/data/old-office/000.doc … 004.doc: each bundled sample's .docx rendition saved
as Word 97-2003 by LibreOffice. Each route turns a file into a form, compared with the form read
from the sample's .txt (tests/fixtures_office.comparable):
- ``olefile``: the project's reader (lib/readers/worddoc.py), the Word binary format parsed in Python;
- ``soffice``: LibreOffice headless converts the .doc to .docx, read by the project's .docx reader;
- ``antiword``: antiword's text output (tables drawn with ``|``, cell text wrapped at the column's
  width), read as a text export;
- ``antiword-db``: antiword's DocBook XML output, its ``<row>``/``<entry>`` turned into rows of cells.
"indicators" counts the text form's indicators that the route read identically; "same form" says
whether everything but file names and refs is identical. Seconds are per file, one core.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fixtures_office import comparable, seed_text  # noqa: E402
from lib.readers.units import read_forms  # noqa: E402

from lib.errors import FormError  # noqa: E402
from lib.model import Form  # noqa: E402
from lib.readers import parse_bytes  # noqa: E402
from lib.readers.grid import Cell, Row  # noqa: E402

STEMS = ["000", "001", "002", "003", "004"]
FIXTURES = ROOT / "tests" / "data" / "old-office"
TIMEOUT_S = 120


def by_olefile(path: Path, _work: Path) -> list[Form]:
    return parse_bytes(path.read_bytes(), path.name)


def by_soffice(path: Path, work: Path) -> list[Form]:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{work}/profile",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(work),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT_S,
    )
    converted = work / f"{path.stem}.docx"
    return parse_bytes(converted.read_bytes(), converted.name)


def by_antiword(path: Path, _work: Path) -> list[Form]:
    text = _run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)])
    return parse_bytes(text, f"{path.stem}.txt")


def by_antiword_docbook(path: Path, _work: Path) -> list[Form]:
    xml = _run(["antiword", "-m", "UTF-8.txt", "-x", "db", str(path)])
    root = ElementTree.fromstring(xml.split(b"\n", 3)[-1])  # the DOCTYPE line names a remote DTD
    rows: list[Row] = []
    for element in root.iter():
        if element.tag == "row":
            texts = ["".join(entry.itertext()).strip() for entry in element.findall("entry")]
            rows.append(Row([Cell(text, f"row {len(rows)}") for text in texts], f"row {len(rows)}", "db"))
        elif element.tag == "para" and element.text and element.text.strip():
            rows.append(Row([Cell(element.text.strip(), "para")], "para", "db"))
    return read_forms([rows], path.name, "doc")


def _run(command: list[str]) -> bytes:
    return subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_S).stdout


ROUTES: dict[str, tuple[str, Callable[[Path, Path], list[Form]]]] = {
    "olefile": ("", by_olefile),
    "soffice": ("soffice", by_soffice),
    "antiword": ("antiword", by_antiword),
    "antiword-db": ("antiword", by_antiword_docbook),
}


def score(forms: list[Form], stem: str) -> tuple[int, int, bool]:
    """(indicators read identically, indicators in the text form, the whole form identical)."""
    [expected] = parse_bytes(seed_text(stem).encode("utf-8"), f"{stem}.txt")
    wanted = comparable(expected.to_dict())
    if len(forms) != 1:
        return 0, len(wanted["indicators"]), False
    got = comparable(forms[0].to_dict())
    same = sum(1 for indicator in wanted["indicators"] if indicator in got["indicators"])
    return same, len(wanted["indicators"]), got == wanted


def main() -> int:
    print(f"{'route':<13}{'file':<9}{'indicators':>12}{'same form':>11}{'seconds':>9}")
    for route, (program, read) in ROUTES.items():
        if program and not shutil.which(program):
            print(f"{route:<13}(no `{program}` on the PATH)")
            continue
        totals = [0, 0, 0, 0.0]
        for stem in STEMS:
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                try:
                    forms = read(FIXTURES / f"{stem}.doc", Path(tmp))
                except (FormError, subprocess.SubprocessError) as error:
                    print(f"{route:<13}{stem}.doc  failed: {error}")
                    forms = []
                seconds = time.perf_counter() - start
            same, wanted, identical = score(forms, stem)
            totals = [totals[0] + same, totals[1] + wanted, totals[2] + identical, totals[3] + seconds]
            print(
                f"{route:<13}{stem}.doc{same:>7}/{wanted:<4}{'yes' if identical else 'no':>11}{seconds:>9.3f}"
            )
        print(
            f"{route:<13}{'all':<9}{totals[0]:>7}/{totals[1]:<4}{totals[2]:>9}/5"
            f"{totals[3] / len(STEMS):>9.3f}  per file\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
