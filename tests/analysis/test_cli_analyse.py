"""``carrier-map analyse`` on the shipped data."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import pytest

from geo_app import cli_analyse
from geo_app.errors import GeoAppError

REPO = Path(__file__).resolve().parents[2]


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="carrier-map")
    cli_analyse.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["analyse", "--data-dir", str(REPO / "data"), *argv])
    return int(args.func(args))


def test_analyse_prints_tables_and_writes_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gpkg = tmp_path / "out.gpkg"
    status = _run(
        "--city",
        "luohe",
        "--cell-size",
        "1000",
        "--include-approximate",
        "--radius",
        "park=4000",
        "--basis",
        "area",
        "--out",
        str(tmp_path),
        "--gpkg",
        str(gpkg),
    )
    out = capsys.readouterr().out
    assert status == 0
    for title in (
        "coverage by district",
        "density by district",
        "planned counts",
        "targets allocated to districts by area",
        "population: 2020 census",
    ):
        assert title in out
    assert "park=4000" in out
    alloc = pd.read_csv(tmp_path / "luohe_district_allocation.csv", encoding="utf-8-sig")
    assert set(alloc["name"]) == {"源汇区", "郾城区", "召陵区", "舞阳县", "临颍县"}
    assert (alloc["basis"].isin(["area", "named"])).all()
    assert gpkg.is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ("--radius", "school=100"),
        ("--radius", "park=-1"),
        ("--categories", "labs"),
        ("--city", "zhengzhou"),
        ("--grid",),
    ],
    ids=[
        "unknown-category-radius",
        "negative-radius",
        "unknown-category",
        "unknown-city",
        "grid-without-output",
    ],
)
def test_bad_options_are_product_errors(argv: tuple[str, ...]) -> None:
    with pytest.raises(GeoAppError):
        _run("--cell-size", "2000", *argv)


def test_analyse_a_planners_layer_with_or_without_the_registry(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import geopandas as gpd
    import shapely

    layer = tmp_path / "my_incubators.geojson"
    gpd.GeoDataFrame(
        {"name": ["甲众创空间", "乙", "丙孵化器"]},
        geometry=[
            shapely.Point(114.02, 33.58),
            shapely.Point(114.0, 33.6),
            shapely.Point(113.65, 34.75),
        ],
        crs=4326,
    ).to_file(layer)
    status = _run("--city", "luohe", "--cell-size", "2000", "--layer", str(layer), "--no-registry")
    out = capsys.readouterr().out
    assert status == 0
    # 乙 names no category; 丙 lies in Zhengzhou, outside both cities.
    assert (
        "my_incubators.geojson: 3 rows, 1 usable, 1 outside both cities, 1 without a category"
        in out
    )
    assert "carriers used: 1 (1 at point/area precision" in out
    _run(
        "--city", "luohe", "--cell-size", "2000", "--layer", str(layer), "--layer-category", "park"
    )
    out = capsys.readouterr().out
    assert "2 usable" in out


def test_bad_layer_files_are_product_errors(tmp_path: Path) -> None:
    with pytest.raises(GeoAppError, match=r"nope\.geojson"):
        _run("--city", "luohe", "--layer", str(tmp_path / "nope.geojson"))
    with pytest.raises(GeoAppError, match="--no-registry"):
        _run("--city", "luohe", "--no-registry")


def test_the_full_grid_is_written_only_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import geopandas as gpd

    base = ("--city", "luohe", "--categories", "park", "--cell-size", "3000")
    assert _run(*base, "--out", str(tmp_path / "default")) == 0
    names = {p.name for p in (tmp_path / "default").iterdir()}
    assert "luohe_coverage_areas.geojson" in names and "luohe_coverage_by_district.csv" in names
    assert not [n for n in names if "analysis_grid" in n]
    assert _run(*base, "--out", str(tmp_path / "full"), "--grid") == 0
    grid = gpd.read_parquet(tmp_path / "full" / "luohe_analysis_grid.parquet")
    assert grid.crs.to_epsg() == 4326
    assert {"distance_m", "covered", "population", "kde_per_km2"} <= set(grid.columns)
    assert len(grid) > 0 and grid["covered"].dtype == bool
    assert str(tmp_path / "full" / "luohe_analysis_grid.parquet") in capsys.readouterr().out
