"""Projected coordinate systems for measuring distances and areas.

Carriers and boundaries are stored in WGS-84 (EPSG:4326, lon/lat). Nothing is
measured in degrees: distances use the CGCS2000 3-degree Gauss-Krüger zone
whose central meridian is nearest to the area (EPSG:4534 … EPSG:4554, central
meridians 75°E … 135°E; Luoyang falls in the 111°E zone, EPSG:4546, and Luohe
in the 114°E zone, EPSG:4547), and areas use a Lambert azimuthal equal-area
projection centred on the area, built with pyproj on the CGCS2000 ellipsoid.

Within 1.5° of the central meridian at Henan's latitudes the Gauss-Krüger
scale error stays below 0.03 %, so a 1.5 km radius is off by less than
half a metre; the equal-area projection keeps areas exact up to the
ellipsoid, which the tests check against :class:`pyproj.Geod` geodesic areas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pyproj
from numpy.typing import NDArray
from pyproj.crs import ProjectedCRS
from pyproj.crs.coordinate_operation import LambertAzimuthalEqualAreaConversion

from geo_app.errors import AnalysisError

__all__ = [
    "WGS84",
    "AnalysisCRS",
    "analysis_crs",
    "equal_area_crs",
    "gauss_kruger_crs",
    "geodesic_area_m2",
]

#: Storage CRS of every layer (lon/lat order).
WGS84 = pyproj.CRS.from_epsg(4326)

_GK_FIRST_EPSG = 4534  # CGCS2000 / 3-degree Gauss-Kruger CM 75E
_GK_FIRST_CM = 75
_GK_LAST_CM = 135


@dataclass(frozen=True, slots=True)
class AnalysisCRS:
    """The pair of projected CRSs one analysis runs in.

    Parameters
    ----------
    distance
        Conformal CRS for distances, buffers and grids (metres).
    area
        Equal-area CRS for district areas (square metres).
    """

    distance: pyproj.CRS
    area: pyproj.CRS


def gauss_kruger_crs(lon: float) -> pyproj.CRS:
    """Return the CGCS2000 3-degree Gauss-Krüger CRS for a longitude.

    Parameters
    ----------
    lon
        Longitude in degrees east (WGS-84 / CGCS2000 agree to centimetres).

    Returns
    -------
    pyproj.CRS
        The zone whose central meridian is nearest to ``lon``.

    Examples
    --------
    >>> gauss_kruger_crs(112.2).to_epsg()
    4546
    >>> gauss_kruger_crs(113.9).to_epsg()
    4547
    """
    if not math.isfinite(lon):
        raise AnalysisError(code="analysis.lon_nan", params={"lon": lon})
    cm = round(lon / 3.0) * 3
    if not _GK_FIRST_CM <= cm <= _GK_LAST_CM:
        raise AnalysisError(code="analysis.lon_outside", params={"lon": f"{lon:.3f}"})
    return pyproj.CRS.from_epsg(_GK_FIRST_EPSG + (cm - _GK_FIRST_CM) // 3)


def equal_area_crs(lon: float, lat: float) -> pyproj.CRS:
    """Return a Lambert azimuthal equal-area CRS centred on a point.

    Parameters
    ----------
    lon, lat
        Centre of the projection in degrees (lon/lat order).

    Returns
    -------
    pyproj.CRS
        LAEA on CGCS2000 (EPSG:4490, GRS 1980 ellipsoid), metres.

    Examples
    --------
    >>> equal_area_crs(112.3, 34.4).coordinate_operation.method_name
    'Lambert Azimuthal Equal Area'
    """
    return ProjectedCRS(
        conversion=LambertAzimuthalEqualAreaConversion(
            latitude_natural_origin=round(lat, 6), longitude_natural_origin=round(lon, 6)
        ),
        geodetic_crs=pyproj.CRS.from_epsg(4490),
        name=f"CGCS2000 / LAEA {lat:.3f}N {lon:.3f}E",
    )


def analysis_crs(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> AnalysisCRS:
    """Choose the distance and area CRSs for the extent of a layer.

    Parameters
    ----------
    frame
        Any layer with a CRS (usually the city's district boundaries).

    Returns
    -------
    AnalysisCRS
        Gauss-Krüger zone nearest to the centre of the extent, and an
        equal-area projection centred on it.

    Examples
    --------
    >>> from shapely import box
    >>> g = gpd.GeoSeries([box(111.8, 34.3, 112.9, 34.9)], crs=4326)
    >>> analysis_crs(g).distance.to_epsg()
    4546
    """
    if frame.crs is None:
        raise AnalysisError(code="analysis.layer_no_crs")
    if frame.empty:
        raise AnalysisError(code="analysis.layer_empty")
    minx, miny, maxx, maxy = frame.to_crs(WGS84).total_bounds
    lon, lat = (minx + maxx) / 2.0, (miny + maxy) / 2.0
    return AnalysisCRS(distance=gauss_kruger_crs(lon), area=equal_area_crs(lon, lat))


def geodesic_area_m2(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> NDArray[np.float64]:
    """Return geodesic areas on the GRS 1980 ellipsoid (m²), one per row.

    Used as the reference the projected areas are tested against.

    Parameters
    ----------
    frame
        Polygons with a CRS.

    Returns
    -------
    numpy.ndarray
        Unsigned areas in square metres.
    """
    geod = pyproj.Geod(ellps="GRS80")
    geoms = frame.to_crs(WGS84).geometry
    areas = [abs(geod.geometry_area_perimeter(g)[0]) if g is not None else 0.0 for g in geoms]
    return np.asarray(areas, dtype=np.float64)
