"""How the reader fares on each family of the synthetic corpus, against the planted truth.

    python bench/families_bench.py [--forms 10] [--seed 2026] [--wild-only]

For each layout (today's READ_LAYOUTS and the web families of WILD_LAYOUTS), write ``--forms``
synthetic forms of that layout alone, read each with ``lib.readers.parse_file`` and print: forms
read, refused (FormError) and crashed (any other exception), and the share of the manifest's
indicators found with the same name and target. A name is compared on its simplified reading:
the *traditional* family plants simplified names but writes them in traditional characters,
and the reader keeps a name as the file wrote it. The goal for a layout to join the
default mix (``CorpusParams.layouts``): every form read, no crash, ≥ 95% of the indicators found.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.demo.generate import generate  # noqa: E402
from lib.demo.params import READ_LAYOUTS, WILD_LAYOUTS, CorpusParams  # noqa: E402
from lib.demo.render import write_corpus  # noqa: E402
from lib.errors import FormError  # noqa: E402
from lib.normalize.values import parse_value  # noqa: E402
from lib.readers import parse_file  # noqa: E402
from lib.readers.script import read_line  # noqa: E402

GOAL = "goal to join the default mix: all read, 0 crashes, ≥ 95% of indicators found (name and target)"


def family(layout: str, count: int, seed: int, folder: Path) -> tuple[int, int, int, int, int]:
    """(read, refused, crashed, indicators found, indicators planted) for one layout."""
    settings = CorpusParams(layouts=((layout, 1.0),))
    manifest = write_corpus(generate(count, seed, settings), folder, seed, settings)
    read = refused = crashed = found = planted = 0
    for entry in json.loads(manifest.read_text(encoding="utf-8"))["forms"]:
        truth = {
            (_simplified(name), _target(value))
            for name, value in zip(entry["names"], entry["values"], strict=True)
        }
        planted += len(truth)
        try:
            forms = parse_file(folder / entry["file"])
        except FormError:
            refused += 1
            continue
        except Exception:  # a crash is what this counts
            crashed += 1
            continue
        read += 1
        got = {(_simplified(i.name), i.target) for f in forms for i in f.indicators}
        found += len(truth & got)
    return read, refused, crashed, found, planted


def _simplified(name: str | None) -> str | None:
    """The name as read in simplified characters (the same name in either script)."""
    return None if name is None else read_line(name).simplified


def _target(value: str | None) -> float | None:
    """The target a value as written states (None for a qualitative one)."""
    return parse_value(value).target if value else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--wild-only", action="store_true")
    args = parser.parse_args()
    layouts = [name for name, _ in (() if args.wild_only else READ_LAYOUTS) + WILD_LAYOUTS]
    print(f"{'layout':<16}{'read':>6}{'refused':>9}{'crashed':>9}{'found':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for layout in layouts:
            read, refused, crashed, found, planted = family(layout, args.forms, args.seed, Path(tmp, layout))
            share = found / planted if planted else 0.0
            print(f"{layout:<16}{read:>6}{refused:>9}{crashed:>9}{share:>9.1%}")
    print(GOAL)


if __name__ == "__main__":
    main()
