"""Conversions between WGS-84, GCJ-02 and BD-09 longitude/latitude.

Chinese web maps do not publish WGS-84 coordinates: AMap (Gaode) and Tencent
use GCJ-02, an obfuscated datum offset from WGS-84 by a few hundred metres,
and Baidu uses BD-09, a second offset on top of GCJ-02. The product stores
every coordinate in WGS-84 (EPSG:4326) and converts on the way in, and on the
way out when it draws on a GCJ-02 basemap.

Every function takes **longitude first, then latitude** (GeoJSON and shapely
order) and accepts Python floats or numpy arrays of any shape; arrays are
broadcast against each other and the result has their common shape. Two
floats give two floats.

The out-of-China rule
---------------------
The offsets are defined only for mainland China. Like the published reference
implementations (eviltransform, PRCoords, gcoord), a point is converted only
if it lies in the box 72.004–137.8347° E, 0.8293–55.8271° N, judged on the
*input* coordinate; any other point (including NaN) is returned unchanged.
The box is rough: it contains parts of neighbouring countries, where the
conversion is applied all the same.

Accuracy
--------
The forward transforms (WGS-84 → GCJ-02 → BD-09) are the closed-form
formulas. The inverse transforms are solved by fixed-point iteration until
the forward transform of the result matches the input to better than
``1e-10`` degrees (about 0.01 mm), instead of the usual one-step
approximation, which is off by up to a few metres.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias, overload

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from pyproj import CRS

from geo_app.errors import GeoAppError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "CHINA_BOX",
    "CoordFunc",
    "bd09_to_gcj02",
    "bd09_to_wgs84",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "in_china",
    "to_gcj02_gdf",
    "to_wgs84_from_gcj02_gdf",
    "transform_geometry",
    "wgs84_to_bd09",
    "wgs84_to_gcj02",
]

FloatArray: TypeAlias = NDArray[np.float64]

#: A vectorised converter: ``(lon, lat) -> (lon, lat)`` on float64 arrays.
CoordFunc: TypeAlias = Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]

#: ``(min_lon, min_lat, max_lon, max_lat)`` of the box where offsets apply.
CHINA_BOX: tuple[float, float, float, float] = (72.004, 0.8293, 137.8347, 55.8271)

# Krasovsky 1940 ellipsoid, as in the GCJ-02 algorithm.
_A = 6378245.0
_EE = 0.00669342162296594323
# Baidu's constants.
_X_PI = math.pi * 3000.0 / 180.0
_BD_DLON = 0.0065
_BD_DLAT = 0.006
# Iterative inverses stop once the forward residual is below this (degrees).
_TOLERANCE = 1e-10
_MAX_ITERATIONS = 50


# --------------------------------------------------------------------------
# Array kernels: no out-of-China rule, float64 arrays in and out.
# --------------------------------------------------------------------------


def _gcj_offset(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    """GCJ-02 minus WGS-84, in degrees, at the WGS-84 point ``(lon, lat)``."""
    x = lon - 105.0
    y = lat - 35.0
    shared = 20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)
    sqrt_abs_x = np.sqrt(np.abs(x))
    dlat_m = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * sqrt_abs_x
        + (shared + 20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    )
    dlon_m = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * sqrt_abs_x
        + (shared + 20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    )
    rad_lat = np.radians(lat)
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat_m * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon_m * 180.0) / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return dlon, dlat


def _wgs_to_gcj(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    dlon, dlat = _gcj_offset(lon, lat)
    return lon + dlon, lat + dlat


def _gcj_to_wgs_rough(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    dlon, dlat = _gcj_offset(lon, lat)
    return lon - dlon, lat - dlat


def _gcj_to_bd(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    z = np.hypot(lon, lat) + 0.00002 * np.sin(lat * _X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _X_PI)
    return z * np.cos(theta) + _BD_DLON, z * np.sin(theta) + _BD_DLAT


def _bd_to_gcj_rough(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    x = lon - _BD_DLON
    y = lat - _BD_DLAT
    z = np.hypot(x, y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta), z * np.sin(theta)


def _invert(
    forward: CoordFunc, first_guess: CoordFunc, lon: FloatArray, lat: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Solve ``forward(x, y) == (lon, lat)`` by fixed-point iteration.

    Both offsets change by well under 1 % of a degree per degree, so each
    step shrinks the error at least a hundredfold; four steps are typical.
    """
    x, y = first_guess(lon, lat)
    for _ in range(_MAX_ITERATIONS):
        fx, fy = forward(x, y)
        ex = fx - lon
        ey = fy - lat
        if ex.size == 0 or max(np.abs(ex).max(), np.abs(ey).max()) < _TOLERANCE:
            break
        x = x - ex
        y = y - ey
    return x, y


def _bd_to_gcj(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    return _invert(_gcj_to_bd, _bd_to_gcj_rough, lon, lat)


def _gcj_to_wgs(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    return _invert(_wgs_to_gcj, _gcj_to_wgs_rough, lon, lat)


def _wgs_to_bd(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    return _gcj_to_bd(*_wgs_to_gcj(lon, lat))


def _bd_to_wgs(lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]:
    return _gcj_to_wgs(*_bd_to_gcj(lon, lat))


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def in_china(lon: ArrayLike, lat: ArrayLike) -> NDArray[np.bool_]:
    """Tell where the out-of-China rule lets a conversion apply.

    Parameters
    ----------
    lon, lat
        Longitude and latitude in degrees (lon first), floats or arrays.

    Returns
    -------
    numpy.ndarray
        Boolean array of the broadcast shape: ``True`` inside
        :data:`CHINA_BOX`, ``False`` outside it or for NaN.

    Examples
    --------
    >>> in_china([112.45, 2.35], [34.62, 48.86]).tolist()
    [True, False]
    """
    x, y = np.broadcast_arrays(np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64))
    min_lon, min_lat, max_lon, max_lat = CHINA_BOX
    inside: NDArray[np.bool_] = (x >= min_lon) & (x <= max_lon) & (y >= min_lat) & (y <= max_lat)
    return inside


def _apply(kernel: CoordFunc, lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Run ``kernel`` on the in-China points; return floats for float input."""
    x, y = np.broadcast_arrays(np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64))
    out_x = np.array(x, dtype=np.float64, copy=True)
    out_y = np.array(y, dtype=np.float64, copy=True)
    mask = in_china(x, y)
    if mask.any():
        out_x[mask], out_y[mask] = kernel(x[mask], y[mask])
    if out_x.ndim == 0:
        return float(out_x), float(out_y)
    return out_x, out_y


@overload
def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]: ...
@overload
def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]: ...
def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert WGS-84 to GCJ-02 (AMap, Tencent).

    Parameters
    ----------
    lon, lat
        WGS-84 longitude and latitude in degrees, **lon first**; floats or
        arrays of any (broadcastable) shape.

    Returns
    -------
    tuple
        ``(lon, lat)`` in GCJ-02, floats or arrays of the input shape. Points
        outside the China box are returned unchanged.

    Examples
    --------
    >>> lon, lat = wgs84_to_gcj02(112.45, 34.62)
    >>> round(lon, 6), round(lat, 6)
    (112.456261, 34.618983)
    """
    return _apply(_wgs_to_gcj, lon, lat)


@overload
def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]: ...
@overload
def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]: ...
def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert GCJ-02 (AMap, Tencent) to WGS-84, exactly.

    The inverse is solved by iteration, so converting the result back with
    :func:`wgs84_to_gcj02` gives the input to better than ``1e-10`` degrees.

    Parameters
    ----------
    lon, lat
        GCJ-02 longitude and latitude in degrees, **lon first**; floats or
        arrays of any (broadcastable) shape.

    Returns
    -------
    tuple
        ``(lon, lat)`` in WGS-84, floats or arrays of the input shape. Points
        outside the China box are returned unchanged.

    Examples
    --------
    >>> lon, lat = gcj02_to_wgs84(112.456261, 34.618983)
    >>> round(lon, 6), round(lat, 6)
    (112.45, 34.62)
    """
    return _apply(_gcj_to_wgs, lon, lat)


@overload
def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]: ...
@overload
def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]: ...
def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert GCJ-02 to BD-09 (Baidu).

    Parameters
    ----------
    lon, lat
        GCJ-02 longitude and latitude in degrees, **lon first**; floats or
        arrays of any (broadcastable) shape.

    Returns
    -------
    tuple
        ``(lon, lat)`` in BD-09, floats or arrays of the input shape. Points
        outside the China box are returned unchanged.

    Examples
    --------
    >>> lon, lat = gcj02_to_bd09(123.0, 45.0)
    >>> round(lon, 6), round(lat, 6)
    (123.006365, 45.006369)
    """
    return _apply(_gcj_to_bd, lon, lat)


@overload
def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]: ...
@overload
def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]: ...
def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert BD-09 (Baidu) to GCJ-02, exactly.

    The usual closed-form inverse (about ``1e-6`` degrees off) is refined by
    iteration until :func:`gcj02_to_bd09` of the result matches the input to
    better than ``1e-10`` degrees.

    Parameters
    ----------
    lon, lat
        BD-09 longitude and latitude in degrees, **lon first**; floats or
        arrays of any (broadcastable) shape.

    Returns
    -------
    tuple
        ``(lon, lat)`` in GCJ-02, floats or arrays of the input shape. Points
        outside the China box are returned unchanged.

    Examples
    --------
    >>> lon, lat = bd09_to_gcj02(123.006365, 45.006369)
    >>> round(lon, 6), round(lat, 6)
    (123.0, 45.0)
    """
    return _apply(_bd_to_gcj, lon, lat)


@overload
def bd09_to_wgs84(lon: float, lat: float) -> tuple[float, float]: ...
@overload
def bd09_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]: ...
def bd09_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert BD-09 (Baidu) to WGS-84, exactly (through GCJ-02).

    Parameters
    ----------
    lon, lat
        BD-09 longitude and latitude in degrees, **lon first**; floats or
        arrays of any (broadcastable) shape.

    Returns
    -------
    tuple
        ``(lon, lat)`` in WGS-84, floats or arrays of the input shape. Points
        outside the China box are returned unchanged.

    Examples
    --------
    >>> lon, lat = bd09_to_wgs84(*wgs84_to_bd09(112.45, 34.62))
    >>> round(lon, 9), round(lat, 9)
    (112.45, 34.62)
    """
    return _apply(_bd_to_wgs, lon, lat)


@overload
def wgs84_to_bd09(lon: float, lat: float) -> tuple[float, float]: ...
@overload
def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]: ...
def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert WGS-84 to BD-09 (Baidu), through GCJ-02.

    Parameters
    ----------
    lon, lat
        WGS-84 longitude and latitude in degrees, **lon first**; floats or
        arrays of any (broadcastable) shape.

    Returns
    -------
    tuple
        ``(lon, lat)`` in BD-09, floats or arrays of the input shape. Points
        outside the China box are returned unchanged.

    Examples
    --------
    >>> lon, lat = wgs84_to_bd09(112.45, 34.62)
    >>> round(lon, 6), round(lat, 6)
    (112.462693, 34.625205)
    """
    return _apply(_wgs_to_bd, lon, lat)


def transform_geometry(geom: Any, func: Callable[[FloatArray, FloatArray], Any]) -> Any:
    """Apply a coordinate converter to every vertex of shapely geometries.

    Parameters
    ----------
    geom
        A shapely geometry or an array of them (e.g. ``GeoSeries.values``).
        Z values, where present, are kept unchanged.
    func
        One of this module's converters, e.g. :func:`gcj02_to_wgs84`: it is
        called once with all the vertices as two 1-D arrays ``(lon, lat)``.

    Returns
    -------
    shapely.Geometry or numpy.ndarray
        The converted geometry (or array of geometries), same structure.

    Examples
    --------
    >>> from shapely import Point
    >>> p = transform_geometry(Point(112.45, 34.62), wgs84_to_gcj02)
    >>> round(p.x, 6), round(p.y, 6)
    (112.456261, 34.618983)
    """

    def convert(coords: FloatArray) -> FloatArray:
        out = coords.copy()
        lon, lat = func(coords[:, 0], coords[:, 1])
        out[:, 0] = lon
        out[:, 1] = lat
        return out

    return shapely.transform(geom, convert, include_z=True)


def _require_lonlat(gdf: gpd.GeoDataFrame) -> None:
    """Raise unless ``gdf`` is in geographic lon/lat (EPSG:4326)."""
    crs = gdf.crs
    if crs is None or not CRS.from_user_input(crs).equals(4326, ignore_axis_order=True):
        raise GeoAppError(code="geocoding.gdf_not_wgs84", params={"crs": repr(crs)})


def _convert_gdf(
    gdf: gpd.GeoDataFrame, func: Callable[[FloatArray, FloatArray], Any]
) -> gpd.GeoDataFrame:
    import geopandas as gpd

    _require_lonlat(gdf)
    geoms = transform_geometry(gdf.geometry.to_numpy(), func)
    out = gdf.copy()
    out[gdf.geometry.name] = gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs)
    return out


def to_gcj02_gdf(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Shift a WGS-84 GeoDataFrame to GCJ-02, to draw it on an AMap basemap.

    Parameters
    ----------
    gdf
        Geometries in EPSG:4326 (WGS-84 lon/lat).

    Returns
    -------
    geopandas.GeoDataFrame
        A copy whose geometries are GCJ-02 lon/lat. GCJ-02 has no EPSG code,
        so the CRS stays labelled EPSG:4326: use the result for drawing only,
        never store or measure it.

    Raises
    ------
    GeoAppError
        If ``gdf`` has no CRS or is not in EPSG:4326.
    """
    return _convert_gdf(gdf, wgs84_to_gcj02)


def to_wgs84_from_gcj02_gdf(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Convert a GeoDataFrame of GCJ-02 lon/lat (labelled EPSG:4326) to WGS-84.

    Parameters
    ----------
    gdf
        Geometries whose coordinates are GCJ-02 lon/lat, with the CRS
        labelled EPSG:4326 (as AMap-derived files are).

    Returns
    -------
    geopandas.GeoDataFrame
        A copy in true WGS-84 (EPSG:4326), converted with the exact inverse.

    Raises
    ------
    GeoAppError
        If ``gdf`` has no CRS or is not labelled EPSG:4326.
    """
    return _convert_gdf(gdf, gcj02_to_wgs84)
