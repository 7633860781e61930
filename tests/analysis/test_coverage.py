"""Coverage: hand-computable cases, bounds and monotonicity, carrier selection."""

from __future__ import annotations

import math
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pytest
import shapely
from scipy.spatial import cKDTree

from geo_app.analysis.coverage import (
    DEFAULT_RADII_M,
    coverage_by_district,
    coverage_polygons,
    covered_cells,
    distance_grid,
    mean_distance_km,
    nearest_distance_m,
    select_carriers,
)
from geo_app.analysis.grid import Grid, build_grid
from geo_app.analysis.population import PopulationSurface
from geo_app.errors import GeoAppError

RADII_M = [250.0, 1000.0, 2000.0, 3500.0, 5000.0, 8000.0]


def test_one_carrier_in_a_square_district_covers_pi_r_squared(
    square_grid: Callable[..., Grid], make_carriers: Callable[..., gpd.GeoDataFrame], even_people
) -> None:
    grid = square_grid(cell_size_m=50)
    carriers = make_carriers([(5000, 5000)])
    r = 2000.0
    result = coverage_by_district(
        grid, select_carriers(carriers), even_people(grid), radii_m={"community": r}
    )
    expected = math.pi * r**2 / 10_000.0**2
    row = result.table.iloc[0]
    assert row["share_area"] == pytest.approx(expected, abs=0.002)
    assert row["share_population"] == pytest.approx(expected, abs=0.002)
    assert row["covered_area_km2"] == pytest.approx(math.pi * 4.0, rel=0.02)
    assert row["n_carriers"] == 1


def test_carrier_in_a_corner_covers_a_quarter_disc(square_grid, make_carriers, even_people) -> None:
    grid = square_grid(cell_size_m=50)
    result = coverage_by_district(
        grid,
        select_carriers(make_carriers([(0.0, 0.0)])),
        even_people(grid),
        radii_m={"community": 4000.0},
    )
    assert result.table["share_area"].iloc[0] == pytest.approx(math.pi * 16 / 4 / 100, abs=0.003)


def test_carrier_outside_the_district_still_covers_across_the_border(
    square_grid, make_carriers, even_people
) -> None:
    grid = square_grid(cell_size_m=50)
    result = coverage_by_district(
        grid,
        select_carriers(make_carriers([(-1000.0, 5000.0)])),
        even_people(grid),
        radii_m={"community": 2000.0},
    )
    # Circular segment of a 2 km disc beyond a chord 1 km from its centre.
    r, d = 2000.0, 1000.0
    segment = r * r * math.acos(d / r) - d * math.sqrt(r * r - d * d)
    assert result.table["share_area"].iloc[0] == pytest.approx(segment / 1e8, abs=0.002)
    assert result.table["n_carriers"].iloc[0] == 0


@pytest.mark.parametrize("seed", [1, 2, 3], ids=lambda s: f"seed{s}")
def test_shares_lie_in_0_1_and_grow_with_the_radius(
    seed: int, square_grid, make_carriers, even_people
) -> None:
    rng = np.random.default_rng(seed)
    grid = square_grid(n=3, cell_size_m=200)
    carriers = make_carriers(rng.uniform(0, 30_000, size=(6, 2)) * [1, 1 / 3])
    sel = select_carriers(carriers)
    people = even_people(grid)
    shares = np.array(
        [
            coverage_by_district(grid, sel, people, radii_m={"community": r})
            .table[["share_area", "share_population"]]
            .to_numpy()
            for r in RADII_M
        ]
    )
    assert np.all((shares >= 0) & (shares <= 1))
    assert np.all(np.diff(shares, axis=0) >= -1e-12)


def test_population_share_follows_where_people_live(square_grid, make_carriers) -> None:
    grid = square_grid(cell_size_m=100)
    centres = grid.piece_centres()
    west = (centres[:, 0] - grid.x0) < 5000  # everyone lives in the western half
    people = PopulationSurface(west.astype(float) * 10.0, "points", "test")
    result = coverage_by_district(
        grid,
        select_carriers(make_carriers([(2500.0, 5000.0)])),
        people,
        radii_m={"community": 2000.0},
    )
    row = result.table.iloc[0]
    assert row["share_population"] == pytest.approx(2 * row["share_area"], rel=0.02)


def test_covered_cells_match_a_brute_force_distance_check(square_grid) -> None:
    grid = square_grid(n=2, cell_size_m=100)
    rng = np.random.default_rng(7)
    xy = rng.uniform([grid.x0, grid.y0], [grid.x0 + 20_000, grid.y0 + 10_000], size=(40, 2))
    radii = rng.choice([500.0, 1500.0, 3000.0], size=40)
    got = covered_cells(grid, xy, radii)
    xs, ys = grid.cell_centres()
    cx, cy = np.meshgrid(xs, ys)
    d = np.hypot(cx[..., None] - xy[:, 0], cy[..., None] - xy[:, 1])
    assert np.array_equal(got, (d <= radii).any(axis=-1))


def test_district_precision_carriers_take_part_only_when_asked(
    square_grid, make_carriers, even_people
) -> None:
    grid = square_grid()
    carriers = make_carriers(
        [(2000, 2000), (8000, 8000), (5000, 5000), (5000, 5000)],
        precision=["point", "district", "city", "point"],
        out_of_area=[False, False, False, True],
    )
    without = select_carriers(carriers)
    with_approx = select_carriers(carriers, include_approximate=True)
    assert (without.n_used, without.n_approximate, without.n_approximate_excluded) == (1, 0, 1)
    assert (with_approx.n_used, with_approx.n_approximate) == (2, 1)
    assert with_approx.n_city_precision == 1 and with_approx.n_out_of_area == 1
    people = even_people(grid)
    radii = {"community": 1500.0}
    low = coverage_by_district(grid, without, people, radii_m=radii).table["share_area"].iloc[0]
    high = (
        coverage_by_district(grid, with_approx, people, radii_m=radii).table["share_area"].iloc[0]
    )
    assert high == pytest.approx(2 * low, rel=0.01)


def test_radius_per_category(square_grid, make_carriers, even_people) -> None:
    grid = square_grid(cell_size_m=50)
    carriers = make_carriers([(2500, 5000), (7500, 5000)], category=["community", "zone"])
    result = coverage_by_district(
        grid,
        select_carriers(carriers),
        even_people(grid),
        radii_m={"community": 1000.0, "zone": 2000.0},
    )
    expected = math.pi * (1.0**2 + 2.0**2) / 100.0
    assert result.table["share_area"].iloc[0] == pytest.approx(expected, abs=0.002)
    assert dict(result.radii_m) == {"community": 1000.0, "zone": 2000.0}


def test_no_carriers_means_nothing_covered(square_grid, make_carriers, even_people) -> None:
    grid = square_grid(cell_size_m=500)
    result = coverage_by_district(grid, select_carriers(make_carriers([])), even_people(grid))
    assert result.table["share_area"].iloc[0] == 0.0
    assert np.isnan(nearest_distance_m(result)).all()
    assert np.isnan(mean_distance_km(result)).all()


def test_layers_agree_with_the_shares(square_grid, make_carriers, even_people) -> None:
    grid = square_grid(n=2, cell_size_m=100)
    result = coverage_by_district(
        grid, select_carriers(make_carriers([(5000, 5000)])), even_people(grid)
    )
    polys = coverage_polygons(result)
    assert polys.crs.to_epsg() == 4326
    covered = polys[(polys["status"] == "covered") & (polys["adcode"] == "419000")]
    share = result.table.set_index("adcode").loc["419000", "share_area"]
    assert covered["share_area"].iloc[0] == pytest.approx(share)
    cells = distance_grid(result)
    assert len(cells) == len(grid.pieces)
    inside = cells["distance_m"] <= DEFAULT_RADII_M["community"]
    assert np.array_equal(inside.to_numpy(), cells["covered"].to_numpy())
    tree = cKDTree(result.xy)
    assert np.allclose(cells["distance_m"], tree.query(grid.piece_centres())[0])


def test_unknown_category_and_bad_radius_are_refused(
    square_grid, make_carriers, even_people
) -> None:
    grid = square_grid(cell_size_m=500)
    with pytest.raises(GeoAppError):
        select_carriers(make_carriers([(1, 1)]), categories=["school"])
    with pytest.raises(GeoAppError):
        coverage_by_district(
            grid,
            select_carriers(make_carriers([(1, 1)])),
            even_people(grid),
            radii_m={"community": -5.0},
        )


def test_locate_points_agrees_with_a_spatial_join_on_the_real_districts() -> None:
    """Arithmetic lookup for whole cells, exact test in border cells: same as sjoin."""
    from pathlib import Path

    bounds = gpd.read_file(Path(__file__).resolve().parents[2] / "data" / "boundaries.geojson")
    luoyang = bounds[bounds["city"] == "洛阳市"].reset_index(drop=True)
    grid = build_grid(luoyang, cell_size_m=1000)
    rng = np.random.default_rng(7)
    minx, miny, maxx, maxy = grid.districts.total_bounds
    xy = np.column_stack((rng.uniform(minx, maxx, 4000), rng.uniform(miny, maxy, 4000)))
    # Points right next to district borders, where the lookup must fall back to geometry.
    edge = shapely.get_coordinates(shapely.boundary(grid.districts.geometry.to_numpy()))[::50]
    xy = np.vstack((xy, edge + rng.normal(0, 30, edge.shape)))
    got = grid.locate_points(xy)
    pts = gpd.GeoDataFrame(geometry=shapely.points(xy), crs=grid.crs.distance)
    joined = gpd.sjoin(pts, grid.districts[["geometry"]], predicate="intersects", how="left")
    expected = joined.groupby(level=0)["index_right"].min().fillna(-1).astype(int).to_numpy()
    assert (got == expected).all()
    assert (got >= 0).any() and (got == -1).any()
    row, col = grid.cell_index(xy[:, 0], xy[:, 1])
    in_grid = row >= 0
    border_cells = grid.cell_lookup[row[in_grid] * grid.nx + col[in_grid]] == -2
    assert border_cells.sum() > 100  # the exact-test path was exercised
