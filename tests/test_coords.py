"""Tests of the WGS-84 / GCJ-02 / BD-09 conversions in ``geocoding.coords``."""

from __future__ import annotations

import doctest
import math
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely
from numpy.typing import NDArray
from pyproj import Geod
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from geo_app.errors import GeoAppError
from geocoding import coords
from geocoding.coords import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    in_china,
    to_gcj02_gdf,
    to_wgs84_from_gcj02_gdf,
    transform_geometry,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

FloatArray = NDArray[np.float64]
GEOD = Geod(ellps="WGS84")

# Published test vectors.
# eviltransform (googollee/eviltransform, python/test.py): wgs lat, wgs lng, gcj lat, gcj lng.
EVILTRANSFORM_WGS_GCJ = [
    pytest.param(31.1774276, 121.5272106, 31.17530398364597, 121.531541859215, id="shanghai"),
    pytest.param(22.543847, 113.912316, 22.540796131694766, 113.9171764808363, id="shenzhen"),
    pytest.param(39.911954, 116.377817, 39.91334545536069, 116.38404722455657, id="beijing"),
]
# gcoord (hujiulong/gcoord, test/unit/crs/*.spec.ts): each function applied to
# (123, 45), lon/lat, published to 7-8 decimals and checked there to 5e-6.
# Forward values are closed-form, so they must match to the printed digits;
# gcoord's inverses stop iterating at 1e-6 degrees (BD-09 -> GCJ-02 is its
# one-step formula), so those are compared at the published 5e-6.
GCOORD_AT_123_45 = [
    pytest.param(wgs84_to_gcj02, (123.00607541, 45.00197815), 1e-7, id="wgs84_to_gcj02"),
    pytest.param(wgs84_to_bd09, (123.0124491, 45.0083293), 1e-6, id="wgs84_to_bd09"),
    pytest.param(gcj02_to_bd09, (123.00636499, 45.00636899), 1e-7, id="gcj02_to_bd09"),
    pytest.param(gcj02_to_wgs84, (122.99395597, 44.99804071), 5e-6, id="gcj02_to_wgs84"),
    pytest.param(bd09_to_gcj02, (122.99363304, 44.99365430), 5e-6, id="bd09_to_gcj02"),
    pytest.param(bd09_to_wgs84, (122.98762210, 44.99171540), 5e-6, id="bd09_to_wgs84"),
]


def _grid(n: int, seed: int = 20210301) -> tuple[FloatArray, FloatArray]:
    """Random WGS-84 points over mainland China plus Luoyang and Luohe."""
    rng = np.random.default_rng(seed)
    lon = np.concatenate([rng.uniform(74.0, 134.0, n), rng.uniform(111.0, 115.0, n)])
    lat = np.concatenate([rng.uniform(19.0, 53.0, n), rng.uniform(33.0, 35.5, n)])
    return lon, lat


def _metres(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> FloatArray:
    """Geodesic distance on WGS-84, in metres."""
    _, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
    return np.asarray(dist, dtype=np.float64)


# --------------------------------------------------------------------------
# Independent implementations (test-only dependencies)
# --------------------------------------------------------------------------


def _prcoords_forward(
    module: ModuleType,
) -> tuple[Callable[[float, float], tuple[float, float]], ...]:
    def wgs_gcj(lon: float, lat: float) -> tuple[float, float]:
        out = module.wgs_gcj((lat, lon))
        return out.lon, out.lat

    def gcj_bd(lon: float, lat: float) -> tuple[float, float]:
        out = module.gcj_bd((lat, lon))
        return out.lon, out.lat

    return wgs_gcj, gcj_bd


def _coordtransform_forward(
    module: ModuleType,
) -> tuple[Callable[[float, float], tuple[float, float]], ...]:
    def wgs_gcj(lon: float, lat: float) -> tuple[float, float]:
        x, y = module.wgs84_to_gcj02(lon, lat)
        return x, y

    def gcj_bd(lon: float, lat: float) -> tuple[float, float]:
        x, y = module.gcj02_to_bd09(lon, lat)
        return x, y

    return wgs_gcj, gcj_bd


REFERENCES = {
    "prcoords": ("prcoords", _prcoords_forward),
    "coordtransform": ("coordTransform", _coordtransform_forward),
}


@pytest.fixture(params=sorted(REFERENCES), ids=sorted(REFERENCES))
def reference(request: pytest.FixtureRequest) -> tuple[Callable[[float, float], Any], ...]:
    """Forward functions ``(wgs→gcj, gcj→bd)`` of an independent package."""
    module_name, adapter = REFERENCES[request.param]
    module = pytest.importorskip(module_name, reason=f"test-only package {request.param}")
    return adapter(module)


def test_forward_matches_independent_implementation(
    reference: tuple[Callable[[float, float], Any], ...],
) -> None:
    ref_wgs_gcj, ref_gcj_bd = reference
    lon, lat = _grid(500)
    gcj_lon, gcj_lat = wgs84_to_gcj02(lon, lat)
    bd_lon, bd_lat = gcj02_to_bd09(gcj_lon, gcj_lat)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref_gcj = np.array([ref_wgs_gcj(x, y) for x, y in zip(lon, lat, strict=True)])
        ref_bd = np.array([ref_gcj_bd(x, y) for x, y in zip(gcj_lon, gcj_lat, strict=True)])
    np.testing.assert_allclose(gcj_lon, ref_gcj[:, 0], rtol=0, atol=1e-6)
    np.testing.assert_allclose(gcj_lat, ref_gcj[:, 1], rtol=0, atol=1e-6)
    np.testing.assert_allclose(bd_lon, ref_bd[:, 0], rtol=0, atol=1e-6)
    np.testing.assert_allclose(bd_lat, ref_bd[:, 1], rtol=0, atol=1e-6)


def test_exact_inverse_matches_prcoords_iterative_inverse() -> None:
    prcoords = pytest.importorskip("prcoords", reason="test-only package prcoords")
    lon, lat = wgs84_to_gcj02(*_grid(200))
    wgs_lon, wgs_lat = gcj02_to_wgs84(lon, lat)
    ref = np.array([prcoords.gcj_wgs_bored((y, x)) for x, y in zip(lon, lat, strict=True)])
    np.testing.assert_allclose(wgs_lon, ref[:, 1], rtol=0, atol=1e-6)
    np.testing.assert_allclose(wgs_lat, ref[:, 0], rtol=0, atol=1e-6)


# --------------------------------------------------------------------------
# Published reference points
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("wgs_lat", "wgs_lon", "gcj_lat", "gcj_lon"), EVILTRANSFORM_WGS_GCJ)
def test_published_wgs_gcj_pairs(
    wgs_lat: float, wgs_lon: float, gcj_lat: float, gcj_lon: float
) -> None:
    lon, lat = wgs84_to_gcj02(wgs_lon, wgs_lat)
    assert lon == pytest.approx(gcj_lon, abs=1e-6)
    assert lat == pytest.approx(gcj_lat, abs=1e-6)
    back_lon, back_lat = gcj02_to_wgs84(gcj_lon, gcj_lat)
    assert _metres(back_lon, back_lat, wgs_lon, wgs_lat) < 0.05


@pytest.mark.parametrize(("func", "expected", "tolerance"), GCOORD_AT_123_45)
def test_published_gcoord_points(
    func: Callable[[float, float], tuple[float, float]],
    expected: tuple[float, float],
    tolerance: float,
) -> None:
    assert func(123.0, 45.0) == pytest.approx(expected, abs=tolerance)


# --------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------


def test_gcj_round_trip_is_exact() -> None:
    lon, lat = _grid(5000)
    back_lon, back_lat = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert np.abs(back_lon - lon).max() < 1e-9
    assert np.abs(back_lat - lat).max() < 1e-9
    assert _metres(back_lon, back_lat, lon, lat).max() < 0.5


def test_bd_round_trip_within_half_a_metre() -> None:
    lon, lat = _grid(5000)
    back_lon, back_lat = bd09_to_wgs84(*wgs84_to_bd09(lon, lat))
    assert _metres(back_lon, back_lat, lon, lat).max() < 0.5
    assert np.abs(back_lon - lon).max() < 1e-9


def test_bd_gcj_round_trip_is_exact() -> None:
    lon, lat = wgs84_to_gcj02(*_grid(5000))
    back_lon, back_lat = bd09_to_gcj02(*gcj02_to_bd09(lon, lat))
    assert np.abs(back_lon - lon).max() < 1e-9
    assert np.abs(back_lat - lat).max() < 1e-9


def test_one_step_inverse_would_be_metres_off() -> None:
    """Guards the reason for the iteration: the rough inverse is not enough."""
    lon, lat = _grid(2000)
    gcj_lon, gcj_lat = wgs84_to_gcj02(lon, lat)
    rough_lon, rough_lat = wgs84_to_gcj02(gcj_lon, gcj_lat)
    one_step = (gcj_lon - (rough_lon - gcj_lon), gcj_lat - (rough_lat - gcj_lat))
    assert np.abs(gcj_lon - lon).max() > 0.001  # offsets are hundreds of metres
    assert _metres(*one_step, lon, lat).max() > 1.0


def test_offset_is_hundreds_of_metres_in_luoyang() -> None:
    lon, lat = 112.45, 34.62
    shifted = wgs84_to_gcj02(lon, lat)
    assert 200 < _metres(*shifted, lon, lat) < 1000


def test_hundred_thousand_points() -> None:
    rng = np.random.default_rng(7)
    lon = rng.uniform(111.0, 115.0, 100_000)
    lat = rng.uniform(33.0, 35.5, 100_000)
    gcj = wgs84_to_gcj02(lon, lat)
    back_lon, back_lat = gcj02_to_wgs84(*gcj)
    assert back_lon.shape == (100_000,)
    assert _metres(back_lon, back_lat, lon, lat).max() < 0.5
    bd_lon, bd_lat = bd09_to_wgs84(*wgs84_to_bd09(lon, lat))
    assert _metres(bd_lon, bd_lat, lon, lat).max() < 0.5


# --------------------------------------------------------------------------
# Shapes, scalars and the out-of-China rule
# --------------------------------------------------------------------------

ALL_FUNCS = [
    wgs84_to_gcj02,
    gcj02_to_wgs84,
    gcj02_to_bd09,
    bd09_to_gcj02,
    bd09_to_wgs84,
    wgs84_to_bd09,
]


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
def test_scalars_give_floats(func: Callable[[float, float], tuple[float, float]]) -> None:
    lon, lat = func(112.45, 34.62)
    assert type(lon) is float
    assert type(lat) is float


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
def test_arrays_keep_their_shape(func: Callable[[Any, Any], tuple[Any, Any]]) -> None:
    lon = np.full((3, 4), 112.45)
    lat = np.full((3, 4), 34.62)
    out_lon, out_lat = func(lon, lat)
    assert out_lon.shape == (3, 4)
    assert out_lat.shape == (3, 4)
    assert out_lon.dtype == np.float64


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
def test_empty_arrays(func: Callable[[Any, Any], tuple[Any, Any]]) -> None:
    out_lon, out_lat = func(np.array([]), np.array([]))
    assert out_lon.shape == (0,)
    assert out_lat.shape == (0,)


@pytest.mark.parametrize("func", ALL_FUNCS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("lon", "lat"),
    [
        pytest.param(2.3522, 48.8566, id="paris"),
        pytest.param(-74.006, 40.7128, id="new-york"),
        pytest.param(140.0, 35.0, id="east-of-box"),
        pytest.param(112.0, 56.0, id="north-of-box"),
    ],
)
def test_outside_china_unchanged(
    func: Callable[[float, float], tuple[float, float]], lon: float, lat: float
) -> None:
    assert func(lon, lat) == (lon, lat)


def test_mixed_array_converts_only_points_in_china() -> None:
    lon = np.array([112.45, 2.3522, np.nan, 113.9])
    lat = np.array([34.62, 48.8566, 34.0, 33.58])
    out_lon, out_lat = wgs84_to_gcj02(lon, lat)
    assert out_lon[1] == lon[1]
    assert out_lat[1] == lat[1]
    assert math.isnan(out_lon[2])
    assert out_lon[0] != lon[0]
    assert out_lon[3] != lon[3]
    assert in_china(lon, lat).tolist() == [True, False, False, True]


def test_broadcasting() -> None:
    out_lon, out_lat = wgs84_to_gcj02(np.array([112.4, 112.5]), 34.6)
    assert out_lon.shape == (2,)
    assert out_lat.shape == (2,)


def test_inputs_not_modified() -> None:
    lon = np.array([112.45, 113.9])
    lat = np.array([34.62, 33.58])
    gcj02_to_wgs84(lon, lat)
    assert lon.tolist() == [112.45, 113.9]


# --------------------------------------------------------------------------
# Geometries and GeoDataFrames
# --------------------------------------------------------------------------


def _square(x: float, y: float, size: float) -> Polygon:
    return Polygon([(x, y), (x + size, y), (x + size, y + size), (x, y + size)])


def test_transform_geometry_moves_every_vertex() -> None:
    outer = _square(112.3, 34.5, 0.2)
    hole = _square(112.35, 34.55, 0.05)
    poly = Polygon(outer.exterior.coords, [hole.exterior.coords])
    geom = MultiPolygon([poly, _square(113.9, 33.5, 0.1)])
    moved = transform_geometry(geom, wgs84_to_gcj02)
    assert isinstance(moved, MultiPolygon)
    src = shapely.get_coordinates(geom)
    got = shapely.get_coordinates(moved)
    expected = np.column_stack(wgs84_to_gcj02(src[:, 0], src[:, 1]))
    np.testing.assert_array_equal(got, expected)
    back = transform_geometry(moved, gcj02_to_wgs84)
    np.testing.assert_allclose(shapely.get_coordinates(back), src, rtol=0, atol=1e-9)


def test_transform_geometry_keeps_z_and_handles_arrays() -> None:
    line = LineString([(112.4, 34.6, 120.0), (112.5, 34.7, 130.0)])
    point = Point(113.9, 33.6)
    moved = transform_geometry(np.array([line, point], dtype=object), wgs84_to_bd09)
    assert moved[0].has_z
    assert shapely.get_coordinates(moved[0], include_z=True)[:, 2].tolist() == [120.0, 130.0]
    assert not moved[1].has_z
    assert moved[1].x == pytest.approx(wgs84_to_bd09(113.9, 33.6)[0])


def _gdf(crs: Any) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["a", "b"]},
        geometry=[Point(112.45, 34.62), _square(113.9, 33.5, 0.1)],
        crs=crs,
    )


def test_gdf_round_trip() -> None:
    gdf = _gdf("EPSG:4326")
    gcj = to_gcj02_gdf(gdf)
    assert gcj.crs == gdf.crs
    assert list(gcj["name"]) == ["a", "b"]
    assert gcj.geometry[0].x == pytest.approx(wgs84_to_gcj02(112.45, 34.62)[0])
    assert gdf.geometry[0].x == 112.45  # input untouched
    back = to_wgs84_from_gcj02_gdf(gcj)
    np.testing.assert_allclose(
        shapely.get_coordinates(back.geometry.to_numpy()),
        shapely.get_coordinates(gdf.geometry.to_numpy()),
        rtol=0,
        atol=1e-9,
    )


@pytest.mark.parametrize("crs", [None, "EPSG:3857", "EPSG:4547"], ids=str)
@pytest.mark.parametrize("func", [to_gcj02_gdf, to_wgs84_from_gcj02_gdf], ids=lambda f: f.__name__)
def test_gdf_requires_lonlat(
    crs: Any, func: Callable[[gpd.GeoDataFrame], gpd.GeoDataFrame]
) -> None:
    with pytest.raises(GeoAppError, match="EPSG:4326"):
        func(_gdf(crs))


def test_docstring_examples() -> None:
    result = doctest.testmod(coords, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
