"""The carrier-map command: files that GIS tools read back, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest

from geo_app.cli import main
from geo_app.model import Category


def test_build_writes_rfc7946_geojson_per_category(tmp_path: Path) -> None:
    assert main(["build", "--out", str(tmp_path)]) == 0
    total = 0
    for category in Category:
        path = tmp_path / f"carriers_{category.value}.geojson"
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection" and "crs" not in data
        gdf = gpd.read_file(path)
        total += len(gdf)
        for feature in data["features"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert 110 < lon < 115 and 33 < lat < 35.5  # lon/lat order
            props = feature["properties"]
            for key in ("id", "name_zh", "category", "status", "source_phrases", "precision"):
                assert key in props
            assert props["category"] == category.value
    assert total >= 20
    boundaries = gpd.read_file(tmp_path / "boundaries.geojson")
    assert len(boundaries) == 19
    assert (tmp_path / "targets_vs_mapped.csv").is_file()


def test_export_gpkg_holds_every_layer(tmp_path: Path) -> None:
    out = tmp_path / "all.gpkg"
    assert main(["export", "--format", "gpkg", "--out", str(out)]) == 0
    names = {str(name) for name, _ in pyogrio.list_layers(out)}
    expected = {f"carriers_{c.value}" for c in Category} | {"boundaries", "unplaced"}
    assert expected <= names
    assert len(gpd.read_file(out, layer="boundaries")) == 19


def test_missing_registry_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.csv"
    assert main(["build", "--registry", str(missing), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "not found" in err


def test_unknown_category_names_file_row_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = Path(__file__).resolve().parents[1] / "data" / "carriers.csv"
    lines = src.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(",community,", ",lab,", 1)
    bad = tmp_path / "mine.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["build", "--registry", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "row 5" in err and "'category'" in err and "'lab'" in err
    assert not (tmp_path / "o").exists()


def test_validate_reports_precision_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate"])
    out = capsys.readouterr().out
    assert "placed:" in out and "district" in out
    assert code in (0, 1)
