"""Census populations, the even spread, and planner-supplied population grids."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo_app.analysis.population import (
    district_populations,
    even_population,
    population_from_points,
    read_district_population,
    read_population_points,
    read_population_raster,
)
from geo_app.errors import DataFileError, GeoAppError

REPO = Path(__file__).resolve().parents[2]
HEADER = "adcodes,name,city,population,year,source\n"


def _write(tmp_path: Path, text: str, name: str = "pop.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_population_file_covers_every_district(boundaries, square_grid) -> None:
    table = read_district_population(REPO / "data" / "population.csv")
    codes = boundaries["adcode"].astype(str).to_numpy()
    pops, basis = district_populations(table, codes, np.ones(len(codes)))
    assert np.all(pops > 0) and all(basis)
    by_city = pd.Series(pops).groupby(boundaries["city"].to_numpy()).sum()
    assert by_city["洛阳市"] == pytest.approx(7_056_699)
    assert by_city["漯河市"] == pytest.approx(2_367_490)
    assert pops[list(codes).index("410302")] == 252_165
    readme = (REPO / "data" / "README.population.md").read_text(encoding="utf-8")
    for key in table["source"]:
        assert f"`{key}`" in readme


@pytest.mark.parametrize(
    ("body", "row", "column"),
    [
        ("4101x,a,c,10,2020,s\n", 2, "adcodes"),
        ("410101,a,c,-3,2020,s\n", 2, "population"),
        ("410101,a,c,3,20x0,s\n", 2, "year"),
        ("410101,a,c,3,2020,\n", 2, "source"),
        (
            "410101,a,c,3,2020,s\n410101|410102,b,c,9,2020,s\n410102|410103,d,c,9,2020,s\n",
            4,
            "adcodes",
        ),
    ],
    ids=["bad-adcode", "negative", "bad-year", "no-source", "overlap"],
)
def test_bad_population_rows_name_file_row_and_column(
    tmp_path: Path, body: str, row: int, column: str
) -> None:
    path = _write(tmp_path, HEADER + body)
    with pytest.raises(DataFileError) as err:
        read_district_population(path)
    assert (err.value.row, err.value.column, err.value.path) == (row, column, path)


def test_missing_column_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as err:
        read_district_population(_write(tmp_path, "adcodes,name\n410101,a\n"))
    assert err.value.row == 1 and err.value.column == "city"
    with pytest.raises(DataFileError):
        read_district_population(tmp_path / "nope.csv")


def test_group_totals_are_shared_by_area_after_own_figures() -> None:
    table = pd.DataFrame(
        {
            "adcodes": [("1",), ("2", "3"), ("1", "2", "3", "4")],
            "name": ["a", "bc", "abcd"],
            "population": [100, 300, 1000],
            "year": [2020] * 3,
        }
    )
    pops, basis = district_populations(
        table, np.array(["1", "2", "3", "4"]), np.array([1, 1, 2, 5.0])
    )
    assert pops.tolist() == [100.0, 100.0, 200.0, 600.0]
    assert basis[0] == "census 2020" and "bc" in basis[1] and "abcd" in basis[3]
    with pytest.raises(GeoAppError):
        district_populations(table, np.array(["1", "2", "3", "4", "5"]), np.ones(5))


def test_even_population_conserves_district_totals(square_grid) -> None:
    grid = square_grid(n=2, cell_size_m=500)
    table = pd.DataFrame(
        {
            "adcodes": [("419000",), ("419001",)],
            "name": ["a", "b"],
            "population": [1000, 3000],
            "year": [2020, 2020],
        }
    )
    surface = even_population(grid, table)
    assert surface.district_totals(grid).tolist() == pytest.approx([1000, 3000])
    assert "2020 census" in surface.assumption and surface.kind == "even"


def test_points_csv_replaces_the_even_spread(tmp_path: Path, square_grid) -> None:
    grid = square_grid(n=2, cell_size_m=500)
    west, south, east, north = grid.districts_wgs84.total_bounds
    lat = (south + north) / 2
    lon_a, lon_b = west + (east - west) * 0.25, west + (east - west) * 0.75
    path = _write(
        tmp_path,
        f"lon,lat,weight\n{lon_a},{lat},100\n{lon_b},{lat},50\n{lon_b},{lat},25\n{west - 1},{lat},7\n",
        "points.csv",
    )
    surface = population_from_points(grid, read_population_points(path))
    assert surface.district_totals(grid).tolist() == pytest.approx([100, 75])
    assert surface.dropped_weight == pytest.approx(7)
    assert surface.kind == "points" and "replaces" in surface.assumption


@pytest.mark.parametrize(
    ("text", "row", "column"),
    [
        ("lon,lat,weight\n112.1,34.5,1\n112.1,abc,1\n", 3, "lat"),
        ("lon,lat,weight\n212.1,34.5,1\n", 2, "lon"),
        ("lon,lat,population\n112.1,34.5,-1\n", 2, "population"),
        ("lon,lat\n112.1,34.5\n", 1, "weight"),
    ],
    ids=["text-lat", "lon-range", "negative", "no-weight"],
)
def test_bad_points_csv_names_row_and_column(
    tmp_path: Path, text: str, row: int, column: str
) -> None:
    with pytest.raises(DataFileError) as err:
        read_population_points(_write(tmp_path, text, "p.csv"))
    assert (err.value.row, err.value.column) == (row, column)


def test_geotiff_population_grid(tmp_path: Path, square_grid) -> None:
    rasterio = pytest.importorskip("rasterio", reason="rasterio is an optional extra")
    from affine import Affine

    grid = square_grid(n=2, cell_size_m=250)
    west, south, east, north = grid.districts_wgs84.total_bounds
    data = np.zeros((4, 8), dtype="float32")
    data[1, 1] = 400.0  # western district
    data[2, 6] = 100.0  # eastern district
    data[0, 0] = -9999.0  # nodata
    path = tmp_path / "pop.tif"
    transform = Affine((east - west) / 8, 0.0, west, 0.0, -(north - south) / 4, north)
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=8,
        height=4,
        count=1,
        dtype="float32",
        crs="EPSG:4326",
        transform=transform,
        nodata=-9999.0,
    ) as dst:
        dst.write(data, 1)
    points = read_population_raster(path, cell_size_m=250)
    assert points["weight"].sum() == pytest.approx(500.0)
    surface = population_from_points(grid, points, kind="raster")
    assert surface.district_totals(grid).tolist() == pytest.approx([400.0, 100.0], rel=1e-6)
    assert np.count_nonzero(surface.per_piece) > 2  # a ~2.5 km pixel spreads over many cells


def test_unreadable_geotiff_is_a_data_file_error(tmp_path: Path) -> None:
    pytest.importorskip("rasterio", reason="rasterio is an optional extra")
    bad = tmp_path / "bad.tif"
    bad.write_bytes(b"not a tiff")
    with pytest.raises(DataFileError):
        read_population_raster(bad)


def test_estimates_split_a_census_remainder_and_are_not_figures(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "adcodes,name,city,population,year,source,kind\n"
        "410101,a,c,100,2020,s,census\n"
        "410101|410102|410103,abc,c,400,2020,s,\n"
        "410102,b,c,900,2018,y,estimate\n"
        "410103,c,c,100,2018,y,estimate\n"
        "410101,a,c,5,2018,y,estimate\n",
    )
    table = read_district_population(path)
    assert list(table["kind"]) == ["census", "census", "estimate", "estimate", "estimate"]
    codes = np.array(["410101", "410102", "410103"])
    pops, basis = district_populations(table, codes, np.array([1.0, 50.0, 1.0]))
    # The own census figure wins over an estimate; the remainder 300 goes 9:1.
    assert pops.tolist() == [100.0, 270.0, 30.0]
    assert basis[0] == "census 2020"
    assert basis[1] == "share by 2018 estimates of the 2020 census remainder of abc"


def test_estimates_must_cover_every_free_district_or_area_is_used() -> None:
    table = pd.DataFrame(
        {
            "adcodes": [("1", "2", "3"), ("2",)],
            "name": ["abc", "b"],
            "population": [300, 1000],
            "year": [2020, 2018],
            "kind": ["census", "estimate"],
        }
    )
    pops, basis = district_populations(table, np.array(["1", "2", "3"]), np.ones(3))
    assert pops.tolist() == [100.0, 100.0, 100.0]
    assert all("share by area" in b for b in basis)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("410101,a,c,3,2020,s,guess\n", "is not one of"),
        ("410101|410102,a,c,3,2018,s,estimate\n", "one adcode"),
    ],
)
def test_bad_kind_rows_are_refused(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, "adcodes,name,city,population,year,source,kind\n" + body)
    with pytest.raises(DataFileError) as err:
        read_district_population(path)
    assert err.value.row == 2 and message in str(err.value)


def test_shipped_luoyang_figures_rest_on_census_or_estimates_not_area(boundaries) -> None:
    """Every Luoyang district has its own census figure or a pre-census estimate weight."""
    table = read_district_population(REPO / "data" / "population.csv")
    codes = boundaries["adcode"].astype(str).to_numpy()
    pops, basis = district_populations(table, codes, np.ones(len(codes)))
    luoyang = boundaries["city"].to_numpy() == "洛阳市"
    assert not any("by area" in b for b, ly in zip(basis, luoyang, strict=True) if ly)
    by_code = dict(zip(codes, pops, strict=True))
    # An area split would give 西工区 (55 km²) under 2 % of 嵩县 (3,000 km²); the estimates ~70 %.
    assert by_code["410303"] / by_code["410325"] > 0.5
    assert sum(by_code[c] for c in codes[luoyang]) == pytest.approx(7_056_699)
