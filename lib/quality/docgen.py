"""Rewrite the generated section of docs/judging.md: ``python -m lib.quality.docgen``."""

from __future__ import annotations

import re
from pathlib import Path

from lib.quality.scoring import GENERATED_END, GENERATED_START, scoring_doc

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "judging.md"


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    pattern = re.escape(GENERATED_START) + ".*?" + re.escape(GENERATED_END)
    DOC.write_text(re.sub(pattern, lambda _: scoring_doc(), text, flags=re.S), encoding="utf-8")


if __name__ == "__main__":
    main()
