"""Exports (GeoJSON, CSV, GeoPackage) and the folium layers of an analysis."""

from __future__ import annotations

import json
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from geo_app.analysis.export import (
    add_to_geopackage,
    export_analysis,
    result_layers,
    result_tables,
)
from geo_app.analysis.raster import piece_raster, to_lonlat_image
from geo_app.analysis.run import AnalysisOptions, AnalysisResult, run_analysis
from layers.analysis_layers import analysis_layers as folium_layers
from layers.analysis_layers import colorize

EVIL = "<script>alert(1)</script>`${x}`"


@pytest.fixture
def result(square_grid, make_carriers, even_people) -> AnalysisResult:
    grid = square_grid(n=2, cell_size_m=500)
    grid.districts.loc[0, "name"] = EVIL
    carriers = make_carriers(
        [(2000, 2000), (8000, 5000), (15000, 5000)],
        category=["community", "incubator", "park"],
        ids=["A", "B", "C"],
    )
    gaps = pd.DataFrame(
        [
            {
                "target_id": "T-1",
                "city": "洛阳市",
                "category": "community",
                "subkind": "",
                "subject_zh": "科技产业社区",
                "target": "≥ 4",
                "bound": "at_least",
                "min": 4,
                "max": None,
                "named": 1,
                "gap": 3,
                "source_file": "000.txt",
            },
        ]
    )
    targets = pd.DataFrame({"id": ["T-1"], "named_ids": [""]})
    return run_analysis(
        carriers,
        gaps,
        targets,
        grid,
        even_people(grid),
        city="洛阳市",
        options=AnalysisOptions(h3_resolution=6, bandwidth_km=1.0),
    )


def test_export_writes_rfc7946_geojson_and_csv(result: AnalysisResult, tmp_path: Path) -> None:
    written = export_analysis(result, tmp_path)
    names = {p.name for p in written}
    assert "luoyang_coverage_areas.geojson" in names
    assert "luoyang_district_allocation.csv" in names
    data = json.loads((tmp_path / "luoyang_coverage_areas.geojson").read_text(encoding="utf-8"))
    assert "crs" not in data
    lon, lat = np.asarray(
        shapely.geometry.shape(data["features"][0]["geometry"]).centroid.coords[0]
    )
    assert 111 < lon < 113 and 34 < lat < 35  # lon/lat order, WGS-84
    table = pd.read_csv(tmp_path / "luoyang_coverage_by_district.csv", encoding="utf-8-sig")
    assert {"share_area", "share_population", "population_assumption"} <= set(table.columns)
    assert table["share_area"].between(0, 1).all()


def test_add_to_geopackage_keeps_existing_layers(result: AnalysisResult, tmp_path: Path) -> None:
    gpkg = tmp_path / "carriers.gpkg"
    existing = gpd.GeoDataFrame({"name": ["x"]}, geometry=[shapely.Point(112, 34.6)], crs=4326)
    existing.to_file(gpkg, layer="carriers_community", driver="GPKG")
    add_to_geopackage({**result_layers(result), **result_tables(result)}, gpkg)
    layers = dict(pyogrio.list_layers(gpkg).tolist())
    assert "carriers_community" in layers
    assert layers["luoyang_coverage_areas"] is not None  # spatial
    assert layers["luoyang_district_allocation"] is None  # attribute table
    grid = gpd.read_file(gpkg, layer="luoyang_analysis_grid")
    assert grid.crs.to_epsg() == 4326
    assert {"distance_m", "covered", "population", "kde_per_km2"} <= set(grid.columns)


def test_folium_layers_render_and_escape_text(result: AnalysisResult) -> None:
    layers = folium_layers(result.coverage, result.density, result.hexes, result.kde)
    assert len(layers) == 6
    fmap = folium.Map(location=[34.6, 112.0], zoom_start=10)
    for layer in layers:
        layer.add_to(fmap)
    html = fmap.get_root().render()
    assert "<script>alert(1)</script>" not in html
    assert "\\u0026lt;script\\u0026gt;alert(1)" in html  # HTML-escaped inside the JSON
    assert "`${x}`" not in html
    assert html.count("data:image/png;base64") == 2  # distance grid and KDE surface
    assert html.count('"analysis-legend"') == 4  # one legend control per shaded layer
    assert html.count("L.featureGroup(") == 6
    for legend in ("到最近载体的距离", "载体密度(区县)", "H3 六边形载体数", "核密度"):
        assert legend in html


def test_resampled_image_keeps_values_and_masks(square_grid) -> None:
    grid = square_grid(n=2, cell_size_m=500)
    values = np.arange(len(grid.pieces), dtype=float)
    image = to_lonlat_image(grid, piece_raster(grid, values), width=200)
    finite = image.values[np.isfinite(image.values)]
    assert finite.min() >= 0 and finite.max() <= values.max()
    assert np.isfinite(image.values).mean() > 0.8  # two squares fill most of their bounds
    rgba = colorize(image.values, 0.0, float(values.max()), ("#000000", "#ffffff"))
    assert rgba.shape == (*image.values.shape, 4)
    assert (rgba[..., 3][~np.isfinite(image.values)] == 0).all()
