"""Projected CRSs: zone choice, and areas against geodesic areas on the ellipsoid."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo_app.analysis.crs import analysis_crs, equal_area_crs, gauss_kruger_crs, geodesic_area_m2
from geo_app.analysis.grid import build_grid
from geo_app.errors import GeoAppError


@pytest.mark.parametrize(
    ("lon", "epsg"), [(111.1, 4546), (112.4, 4546), (112.6, 4547), (114.0, 4547), (75.0, 4534)]
)
def test_gauss_kruger_zone_is_nearest_central_meridian(lon: float, epsg: int) -> None:
    assert gauss_kruger_crs(lon).to_epsg() == epsg


def test_gauss_kruger_rejects_longitudes_outside_china() -> None:
    with pytest.raises(GeoAppError):
        gauss_kruger_crs(10.0)


@pytest.mark.parametrize("city", ["洛阳市", "漯河市"])
def test_equal_area_matches_geodesic_area_for_every_district(
    boundaries: gpd.GeoDataFrame, city: str
) -> None:
    part = boundaries[boundaries["city"] == city]
    crs = analysis_crs(part)
    projected = part.to_crs(crs.area).area.to_numpy()
    geodesic = geodesic_area_m2(part)
    assert len(part) == {"洛阳市": 14, "漯河市": 5}[city]
    assert np.all(np.abs(projected / geodesic - 1) < 0.005)


@pytest.mark.parametrize("city", ["洛阳市", "漯河市"])
def test_grid_pieces_add_up_to_geodesic_district_areas(
    boundaries: gpd.GeoDataFrame, city: str
) -> None:
    part = boundaries[boundaries["city"] == city].reset_index(drop=True)
    grid = build_grid(part, cell_size_m=1000)
    pieces = grid.sum_by_district(grid.pieces["area_m2"].to_numpy())
    assert np.all(np.abs(pieces / geodesic_area_m2(part) - 1) < 0.005)
    assert np.all(np.abs(grid.districts["area_km2"] * 1e6 / geodesic_area_m2(part) - 1) < 0.005)


def test_equal_area_is_exact_for_a_degree_square() -> None:
    square = gpd.GeoSeries([shapely.box(112.0, 34.0, 113.0, 35.0)], crs=4326)
    laea = square.to_crs(equal_area_crs(112.5, 34.5)).area.iloc[0]
    assert laea == pytest.approx(geodesic_area_m2(square)[0], rel=1e-3)


def test_analysis_crs_needs_a_crs() -> None:
    with pytest.raises(GeoAppError):
        analysis_crs(gpd.GeoSeries([shapely.Point(112, 34)]))
