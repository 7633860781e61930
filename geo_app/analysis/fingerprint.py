"""Keys of analysis results: the same inputs give the same key, any change another.

The app keeps computed analyses by these keys, so a result reappears at
once when the planner comes back to the same settings and nothing is
recomputed until the inputs change. A key covers everything a result
depends on: the city, every option, the population source, the carriers
(ids, places, categories, precision) and the boundaries, gaps and targets.

Examples
--------
>>> import geopandas as gpd
>>> from shapely import Point
>>> one = gpd.GeoDataFrame({"id": ["a"], "category": ["park"], "precision": ["point"]},
...                        geometry=[Point(112.4, 34.6)], crs=4326)
>>> moved = one.set_geometry([Point(112.5, 34.6)], crs=4326)
>>> frame_fingerprint(one) == frame_fingerprint(one.copy()), frame_fingerprint(one) == frame_fingerprint(moved)
(True, False)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import geopandas as gpd
import pandas as pd

from geo_app.analysis.run import AnalysisOptions

__all__ = ["CARRIER_KEY_COLUMNS", "analysis_key", "carriers_fingerprint", "frame_fingerprint"]

#: Columns of the carriers an analysis reads (with the geometry).
CARRIER_KEY_COLUMNS: tuple[str, ...] = ("id", "category", "precision", "city", "out_of_area")


def frame_fingerprint(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """A digest of a table's ``columns`` (all by default) and, if any, its geometry."""
    digest = hashlib.sha1(usedforsecurity=False)
    names = [c for c in (columns or frame.columns) if c in frame.columns]
    if isinstance(frame, gpd.GeoDataFrame):
        geometry = frame.geometry.name
        names = [c for c in names if c != geometry]
        digest.update(str(frame.crs).encode())
        digest.update(b"".join(g if g is not None else b"" for g in frame.geometry.to_wkb()))
    digest.update(json.dumps(names).encode())
    # The columns' values as text, hashed by pandas (a fixed key: stable across
    # runs and processes).
    values = pd.DataFrame(frame[names]).astype(str)
    digest.update(pd.util.hash_pandas_object(values, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def carriers_fingerprint(carriers: gpd.GeoDataFrame) -> str:
    """A digest of the carriers as an analysis reads them (ids, places, categories, precision)."""
    return frame_fingerprint(carriers, CARRIER_KEY_COLUMNS)


def analysis_key(
    city: str,
    options: AnalysisOptions,
    *,
    carriers: str,
    boundaries: str,
    population: str,
    plans: str = "",
) -> str:
    """The key of one analysis result.

    Parameters
    ----------
    city
        The city analysed.
    options
        The planner's choices (categories, radii, approximate carriers, cell
        size, H3 resolution, bandwidth, allocation basis, classification).
    carriers, boundaries
        :func:`carriers_fingerprint` and :func:`frame_fingerprint` of the inputs.
    population
        The population source: ``"census"`` or the digest of a supplied grid.
    plans
        A digest of the gap and target tables the allocation reads.
    """
    fields = {
        "city": city,
        "categories": list(options.categories),
        "radii": sorted((k, float(v)) for k, v in options.radii_m.items()),
        "approximate": options.include_approximate,
        "cell": options.cell_size_m,
        "h3": options.h3_resolution,
        "bandwidth": options.bandwidth_km,
        "basis": options.basis,
        "scheme": options.scheme,
        "k": options.k,
        "population": population,
        "carriers": carriers,
        "boundaries": boundaries,
        "plans": plans,
    }
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
