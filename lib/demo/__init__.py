"""The synthetic corpus: invented townships with planted quality problems, for demos and scale tests."""
