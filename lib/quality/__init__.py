"""The quality engine: review rules, boilerplate similarity and scores, with evidence (no UI)."""
