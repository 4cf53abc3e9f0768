"""The parts of the docs that are generated from code, so they cannot drift from it.

A doc marks a generated region with two HTML comments (invisible once rendered)::

    <!-- generated: settings-table -->
    ...whatever the generator named ``settings-table`` returns...
    <!-- end generated -->

:data:`GENERATORS` maps each name to a function that returns the region's Markdown.
``python -m lib.docgen`` rewrites every region in ``README.md`` and ``docs/*.md``;
``python -m lib.docgen --check`` only lists the files that differ (exit 1), and
``tests/test_docgen.py`` fails on them. To add a generated table: write a function here
returning its Markdown, register it with ``@generator("its-name")``, put the two markers
where it belongs in a doc and run ``python -m lib.docgen``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from lib.quality.scoring import scoring_doc
from lib.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
REGION = re.compile(
    r"(?P<start><!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(?P<end><!-- end generated -->)",
    flags=re.S,
)
GENERATORS: dict[str, Callable[[], str]] = {}


def generator(name: str) -> Callable[[Callable[[], str]], Callable[[], str]]:
    """Register a function as the generator of the regions marked ``<!-- generated: name -->``."""

    def register(function: Callable[[], str]) -> Callable[[], str]:
        GENERATORS[name] = function
        return function

    return register


def cell(text: object) -> str:
    """Text made safe for one cell of a Markdown table (pipes escaped, one line)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A Markdown table, one line per row, ending with a newline."""
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


@generator("settings-table")
def settings_table() -> str:
    """Every setting of :mod:`lib.settings`: name, default and help, in the module's order."""
    return table(
        ("setting", "default", "what it does"),
        ((f"`{s.name}`", s.default, s.help) for s in SETTINGS.values()),
    )


@generator("scoring-table")
def scoring_table() -> str:
    """The score's weights and gates, and every rule by criterion (:mod:`lib.quality.scoring`)."""
    return scoring_doc()


def render(text: str) -> str:
    """``text`` with every generated region filled by its generator (an unknown name is an error)."""

    def fill(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in GENERATORS:
            raise KeyError(f"no generator named {name!r} (known: {', '.join(sorted(GENERATORS))})")
        return match["start"] + GENERATORS[name]() + match["end"]

    return REGION.sub(fill, text)


def doc_files(root: Path = ROOT) -> list[Path]:
    """The files that may hold generated regions: README.md and every Markdown file in docs/."""
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def stale(paths: Iterable[Path]) -> list[Path]:
    """The files whose generated regions differ from what the code generates now."""
    return [p for p in paths if render(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.docgen", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list the files that differ; change nothing")
    args = parser.parse_args(argv)
    differing = stale(doc_files())
    for path in differing:
        if args.check:
            print(f"out of date: {path.relative_to(ROOT)} (run python -m lib.docgen)")
        else:
            path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
            print(f"rewritten: {path.relative_to(ROOT)}")
    return 1 if args.check and differing else 0


if __name__ == "__main__":
    sys.exit(main())
