"""District boundaries of Luoyang and Luohe (county-level units, 2021 vintage)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
from pyogrio.errors import DataSourceError
from shapely.errors import GEOSException

from geo_app.errors import DataFileError

__all__ = ["BOUNDARY_COLUMNS", "city_outlines", "read_boundaries"]

BOUNDARY_COLUMNS: tuple[str, ...] = ("adcode", "name", "name_en", "kind", "city", "city_adcode")


def read_boundaries(path: str | Path) -> gpd.GeoDataFrame:
    """Read the shipped district boundaries.

    Parameters
    ----------
    path
        GeoJSON with one (multi)polygon per county-level unit in WGS-84.

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:4326 with the columns of :data:`BOUNDARY_COLUMNS`.

    Raises
    ------
    DataFileError
        Missing or unreadable file, missing column, or a non-polygon geometry.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(path, code="file.not_found")
    try:
        gdf = gpd.read_file(path)
    except (DataSourceError, ValueError, GEOSException) as err:
        # (A ring that does not close is a GEOS error: the file is broken.)
        raise DataFileError(path, code="boundaries.unreadable", params={"detail": err}) from err
    missing = [c for c in BOUNDARY_COLUMNS if c not in gdf.columns]
    if missing:
        raise DataFileError(
            path, code="boundaries.missing_properties", params={"names": ", ".join(missing)}
        )
    bad = ~gdf.geom_type.isin(["Polygon", "MultiPolygon"])
    if bad.any():
        index = int(bad.to_numpy().nonzero()[0][0])
        raise DataFileError(
            path,
            code="boundaries.not_polygon",
            params={"index": index + 1},
            column="geometry",
            value=str(gdf.geom_type.iloc[index]),
        )
    if gdf.crs is None:
        gdf = gdf.set_crs(4326)
    return gdf.to_crs(4326)


def city_outlines(boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dissolve districts into one outline per city (EPSG:4326)."""
    outlines = boundaries.dissolve(by="city", as_index=False)[["city", "geometry"]]
    return gpd.GeoDataFrame(outlines, geometry="geometry", crs=boundaries.crs)
