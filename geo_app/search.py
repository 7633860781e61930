"""Find carriers by name, by click position, and inside drawn areas."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geocoding.coords import to_wgs84_from_gcj02_gdf
from geocoding.gazetteer import normalize_name

__all__ = ["carrier_at", "carriers_in_areas", "drawn_areas", "search_carriers"]


def search_carriers(carriers: pd.DataFrame, text: str) -> pd.DataFrame:
    """Carriers whose Chinese name, English name or an alias contains ``text``.

    Matching ignores case, width and spacing; exact-name matches come first.

    Examples
    --------
    >>> df = pd.DataFrame({"name_zh": ["周山双创智慧岛", "伊滨智慧岛"],
    ...     "name_en": ["Zhoushan Smart Island", "Yibin Smart Island"], "aliases": ["", ""]})
    >>> list(search_carriers(df, "zhoushan")["name_zh"])
    ['周山双创智慧岛']
    """
    key = normalize_name(text)
    if not key:
        return carriers.iloc[0:0]
    haystack = (
        carriers["name_zh"].map(normalize_name)
        + "\n"
        + carriers["name_en"].map(normalize_name)
        + "\n"
        + carriers["aliases"].map(normalize_name)
    )
    hits = carriers[haystack.str.contains(key, regex=False)]
    exact = hits["name_zh"].map(normalize_name) == key
    return pd.concat([hits[exact], hits[~exact]])


def carrier_at(
    ids: Sequence[str],
    positions: Sequence[tuple[float, float]],
    lat: float,
    lng: float,
    *,
    tolerance_m: float = 50.0,
) -> str | None:
    """The id of the carrier drawn at (or within ``tolerance_m`` of) a clicked point.

    ``positions`` are the (lat, lon) the markers are drawn at.

    Examples
    --------
    >>> carrier_at(["a", "b"], [(34.6, 112.4), (34.7, 112.5)], 34.7, 112.5)
    'b'
    """
    best: tuple[float, str] | None = None
    for cid, (plat, plon) in zip(ids, positions, strict=True):
        dy = (plat - lat) * 111_320.0
        dx = (plon - lng) * 111_320.0 * math.cos(math.radians(lat))
        dist = math.hypot(dx, dy)
        if dist <= tolerance_m and (best is None or dist < best[0]):
            best = (dist, cid)
    return None if best is None else best[1]


def drawn_areas(
    features: Iterable[Mapping[str, Any]], *, display_crs: str = "wgs84"
) -> gpd.GeoDataFrame:
    """Polygons drawn on the map (GeoJSON features) as a WGS-84 GeoDataFrame.

    Drawings made over a GCJ-02 basemap are converted back to WGS-84.
    Points and lines are ignored.
    """
    geoms = []
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, Mapping) else None
        if not geometry:
            continue
        try:
            geom = shapely.geometry.shape(geometry)
        except (ValueError, TypeError, AttributeError):
            continue
        if geom.geom_type in ("Polygon", "MultiPolygon") and geom.is_valid and not geom.is_empty:
            geoms.append(geom)
    gdf = gpd.GeoDataFrame(geometry=geoms, crs=4326)
    if display_crs == "gcj02" and len(gdf):
        gdf = to_wgs84_from_gcj02_gdf(gdf)
    return gdf


def carriers_in_areas(carriers: gpd.GeoDataFrame, areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Carriers whose stored point lies in any of ``areas`` (both WGS-84)."""
    if areas.empty or carriers.empty:
        return carriers.iloc[0:0]
    union = shapely.union_all(areas.to_crs(4326).geometry.to_numpy())
    inside = shapely.contains_xy(union, carriers.geometry.x, carriers.geometry.y)
    return carriers[inside]
