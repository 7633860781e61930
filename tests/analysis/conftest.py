"""Factory fixtures: small synthetic districts and carriers with the layers' schema.

Districts are squares laid out in CGCS2000 / 3-degree Gauss-Krüger CM 111E
(EPSG:4546) near Luoyang, so that sizes and radii are easy to compute by hand;
carriers carry the columns of the carriers layer (id, name_zh, name_en,
category, city, admin_district, status, out_of_area, precision, geometry).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import geopandas as gpd
import numpy as np
import pyproj
import pytest
import shapely

from geo_app.analysis.grid import Grid, build_grid
from geo_app.analysis.population import PopulationSurface

GK = pyproj.CRS.from_epsg(4546)
X0, Y0 = 500_000.0, 3_830_000.0  # about 112.0°E, 34.6°N

MakeDistricts = Callable[..., gpd.GeoDataFrame]
MakeCarriers = Callable[..., gpd.GeoDataFrame]


@pytest.fixture
def make_districts() -> MakeDistricts:
    """``make_districts(n=1, size_m=10_000, city="洛阳市")``: n squares in a row (EPSG:4326)."""

    def make(n: int = 1, size_m: float = 10_000.0, city: str = "洛阳市") -> gpd.GeoDataFrame:
        boxes = [
            shapely.box(X0 + i * size_m, Y0, X0 + (i + 1) * size_m, Y0 + size_m) for i in range(n)
        ]
        frame = gpd.GeoDataFrame(
            {
                "adcode": [f"4190{i:02d}" for i in range(n)],
                "name": [f"区{i}" for i in range(n)],
                "name_en": [f"District {i}" for i in range(n)],
                "city": city,
            },
            geometry=boxes,
            crs=GK,
        )
        return frame.to_crs(4326)

    return make


@pytest.fixture
def make_carriers() -> MakeCarriers:
    """``make_carriers([(dx, dy), ...], category=..., precision=...)`` with offsets in metres."""

    def make(
        offsets: Sequence[tuple[float, float]],
        *,
        category: str | Sequence[str] = "community",
        precision: str | Sequence[str] = "point",
        city: str = "洛阳市",
        out_of_area: bool | Sequence[bool] = False,
        ids: Sequence[str] | None = None,
    ) -> gpd.GeoDataFrame:
        n = len(offsets)
        xy = np.asarray(offsets, dtype=float).reshape(-1, 2) + np.array([X0, Y0])
        ids = list(ids) if ids is not None else [f"C{i:04d}" for i in range(n)]
        frame = gpd.GeoDataFrame(
            {
                "id": ids,
                "name_zh": [f"载体{i}" for i in range(n)],
                "name_en": [f"Carrier {i}" for i in range(n)],
                "category": category if isinstance(category, str) else list(category),
                "city": city,
                "admin_district": "",
                "status": "planned",
                "out_of_area": out_of_area if isinstance(out_of_area, bool) else list(out_of_area),
                "precision": precision if isinstance(precision, str) else list(precision),
            },
            geometry=shapely.points(xy) if n else [],
            crs=GK,
        )
        return frame.to_crs(4326)

    return make


@pytest.fixture
def square_grid(make_districts: MakeDistricts) -> Callable[..., Grid]:
    """``square_grid(n=1, size_m=10_000, cell_size_m=50)``: a grid over n square districts."""

    def make(n: int = 1, size_m: float = 10_000.0, cell_size_m: float = 50.0) -> Grid:
        return build_grid(make_districts(n, size_m), cell_size_m=cell_size_m)

    return make


@pytest.fixture
def even_people() -> Callable[..., PopulationSurface]:
    """``even_people(grid, per_km2=1000)``: people spread evenly over the grid."""

    def make(grid: Grid, per_km2: float = 1000.0) -> PopulationSurface:
        return PopulationSurface(grid.pieces["area_m2"].to_numpy() / 1e6 * per_km2, "even", "test")

    return make
