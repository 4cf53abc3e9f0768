"""The score's generated table (docs/judging.md, filled by lib.docgen) names every rule and weight."""

from __future__ import annotations

from lib.quality.rules import RULES
from lib.quality.scoring import scoring_doc


def test_the_table_names_every_rule_and_every_weight() -> None:
    section = scoring_doc()
    assert all(f"`{code}`" in section for code in RULES)
    assert "0.25" in section and "`template_filled`" in section
