"""A city added to a workspace: ``cities add/list``, import, targets and export for 许昌市."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo_app.boundaries import read_boundaries
from geo_app.cities import city_record
from geo_app.cli import main
from geo_app.config import Settings
from geo_app.exports import export_filename
from geo_app.workspace import Workspace

XUCHANG_UNITS = {"魏都区", "建安区", "禹州市", "长葛市", "鄢陵县", "襄城县"}

LIST = (
    "名称,类型,地址,所在县区\n"
    "许昌市科技企业孵化器,孵化器,许昌市魏都区七一路18号,\n"
    "建安区众创空间,众创空间,许昌市建安区新元大道,\n"
    "禹州钧瓷产业园,产业园区,,禹州市\n"
    "长葛市大周再生金属产业园,产业园区,长葛市大周镇,\n"
    "许昌县科技园,产业园区,许昌县,\n"
)


@pytest.fixture
def ws_path(seeded_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ws.gpkg"
    shutil.copyfile(seeded_file, path)
    return path


@pytest.fixture
def xuchang_list(tmp_path: Path) -> Path:
    path = tmp_path / "xuchang.csv"
    path.write_text(LIST, encoding="utf-8")
    return path


def _run(*words: str) -> int:
    return main(["--lang", "en", *words])


def test_a_new_workspace_covers_the_shipped_cities(ws_path: Path, settings: Settings) -> None:
    workspace = Workspace.open(ws_path)
    assert [c.name for c in workspace.cities()] == ["洛阳市", "漯河市"]
    stored = workspace.boundaries()
    shipped = read_boundaries(settings.boundaries_file)
    assert list(stored.columns) == list(shipped.columns)
    pd.testing.assert_frame_equal(
        pd.DataFrame(stored.drop(columns="geometry")),
        pd.DataFrame(shipped.drop(columns="geometry")),
    )
    assert stored.geometry.geom_equals_exact(shipped.geometry, 0).all()


def test_cities_add_and_list(ws_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("cities", "list", "--workspace", str(ws_path)) == 0
    out = capsys.readouterr().out
    assert "洛阳市\tLuoyang\t410300\t14 units\t2020 census 7,056,699" in out
    assert "许昌市" not in out

    assert _run("cities", "add", "许昌", "--workspace", str(ws_path), "--who", "li") == 0
    assert "added Xuchang (411000) with 6 county-level units" in capsys.readouterr().out
    # A second add changes nothing and says so.
    revision = Workspace.open(ws_path).revision()
    assert _run("cities", "add", "xuchang", "--workspace", str(ws_path), "--who", "li") == 0
    assert "already covered" in capsys.readouterr().out
    assert Workspace.open(ws_path).revision() == revision

    assert _run("cities", "list", "--workspace", str(ws_path)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "许昌市\tXuchang\t411000\t6 units\tno census figure — analysis by area"

    workspace = Workspace.open(ws_path)
    assert [c.slug for c in workspace.cities()] == ["luoyang", "luohe", "xuchang"]
    units = workspace.boundaries()
    assert set(units.loc[units["city"] == "许昌市", "name"]) == XUCHANG_UNITS
    assert len(units) == 19 + 6


def test_the_boundaries_layer_is_a_geopackage_layer(ws_path: Path) -> None:
    Workspace.open(ws_path).add_city("许昌市", who="li")
    layer = gpd.read_file(ws_path, layer="boundaries")  # read by GDAL, as QGIS reads it
    assert layer.crs.to_epsg() == 4326 and set(layer.geom_type) == {"MultiPolygon"}
    assert len(layer) == 25 and "魏都区" in set(layer["name"])
    with sqlite3.connect(ws_path) as con:
        kind = con.execute(
            "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name='boundaries'"
        ).fetchone()
        box = con.execute(
            "SELECT min_x, max_x FROM gpkg_contents WHERE table_name='boundaries'"
        ).fetchone()
    assert kind == ("MULTIPOLYGON",) and box[0] < 112 < 114 < box[1]


def test_a_city_is_refused_by_name(ws_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("cities", "add", "Atlantis", "--workspace", str(ws_path)) == 2
    err = capsys.readouterr().err
    assert "unknown city: Atlantis" in err and "Traceback" not in err
    assert main(["--lang", "zh", "cities", "add", "Atlantis", "--workspace", str(ws_path)]) == 2
    assert "未知城市" in capsys.readouterr().err
    # A real city whose boundaries are not shipped: how to add it.
    assert _run("cities", "add", "北京市", "--workspace", str(ws_path)) == 2
    err = capsys.readouterr().err
    assert "not shipped" in err and "scripts/build_city_boundaries.py" in err
    assert [c.name for c in Workspace.open(ws_path).cities()] == ["洛阳市", "漯河市"]


def test_an_uncovered_city_is_kept_and_flagged(
    ws_path: Path, xuchang_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("import", str(xuchang_list), "--workspace", str(ws_path), "--who", "li") == 0
    assert "5 to review" in capsys.readouterr().out
    carriers = Workspace.open(ws_path).carriers()
    rows = carriers[carriers["sources"].str.startswith("xuchang.csv#")]
    assert len(rows) == 5 and set(rows["city"]) == {"许昌市"}
    assert rows["out_of_area"].all() and (rows["admin_district"] == "").all()
    assert rows["geometry"].isna().all()


def test_import_targets_and_export_in_an_added_city(
    ws_path: Path, xuchang_list: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("cities", "add", "许昌市", "--workspace", str(ws_path), "--who", "li") == 0
    assert _run("import", str(xuchang_list), "--workspace", str(ws_path), "--who", "li") == 0
    assert "5 added" in capsys.readouterr().out
    workspace = Workspace.open(ws_path)
    carriers = workspace.carriers()
    rows = carriers[carriers["sources"].str.startswith("xuchang.csv#")].set_index("name_zh")
    assert not rows["out_of_area"].any()
    weidu = rows.loc["许昌市科技企业孵化器"]
    assert (weidu["city"], weidu["admin_district"], weidu["precision"]) == (
        "许昌市",
        "魏都区",
        "district",
    )
    assert (weidu["lon"], weidu["lat"]) == pytest.approx((113.804003, 34.041454))
    assert rows.loc["禹州钧瓷产业园", "admin_district"] == "禹州市"
    assert rows.loc["长葛市大周再生金属产业园", "admin_district"] == "长葛市"
    assert rows.loc["许昌县科技园", "admin_district"] == "建安区"  # former name, since 2017

    # A target entered for 许昌市 counts its carriers.
    workspace.add_target(
        {
            "city": "许昌市",
            "subject_zh": "产业园区",
            "bound": "at_least",
            "min": 4,
            "rule_categories": "park",
        },
        who="li",
    )
    table = tmp_path / "targets.csv"
    assert (
        _run("targets", "--workspace", str(ws_path), "--city", "xuchang", "--out", str(table)) == 0
    )
    counted = pd.read_csv(table, encoding="utf-8-sig")
    assert list(counted["city"]) == ["许昌市"]
    assert (int(counted.loc[0, "counted"]), int(counted.loc[0, "gap"])) == (3, 1)

    for fmt in ("gpkg", "geojson", "csv"):
        out = tmp_path / fmt
        args = ["export", "--workspace", str(ws_path), "--city", "411000", "--format", fmt]
        assert _run(*args, "--out", str(out)) == 0
    units = gpd.read_file(tmp_path / "gpkg" / "carriers.gpkg", layer="boundaries")
    assert set(units["name"]) >= XUCHANG_UNITS
    parks = gpd.read_file(tmp_path / "gpkg" / "carriers.gpkg", layer="carriers_park")
    assert set(parks["city"]) == {"许昌市"} and len(parks) == 3
    geojson = json.loads((tmp_path / "geojson" / "carriers_park.geojson").read_text("utf-8"))
    assert {f["properties"]["admin_district"] for f in geojson["features"]} >= {"禹州市"}
    placed = pd.read_csv(tmp_path / "csv" / "carriers.csv", encoding="utf-8-sig")
    assert set(placed["city"]) == {"许昌市"} and len(placed) == 5
    gaps = pd.read_csv(tmp_path / "csv" / "targets_vs_mapped.csv", encoding="utf-8-sig")
    assert list(gaps["city"]) == ["许昌市"]
    day = dt.date(2026, 12, 5)
    assert (
        export_filename("许昌市", "carriers", "gpkg", day=day) == "xuchang_carriers_2026-12-05.gpkg"
    )
    assert export_filename(None, "carriers", "csv", day=day) == "all_carriers_2026-12-05.csv"


def test_a_point_moved_into_an_added_city_takes_its_district(ws_path: Path) -> None:
    workspace = Workspace.open(ws_path)
    workspace.add_city(city_record("许昌市"), who="li")
    cid = workspace.add_carrier({"name_zh": "某孵化器", "category": "incubator"}, who="li")
    workspace.move_carrier(cid, 113.804003, 34.041454, expected_version=1, who="li")
    moved = workspace.carriers().set_index("id").loc[cid]
    assert (moved["city"], moved["admin_district"]) == ("许昌市", "魏都区")


def test_a_workspace_without_the_cities_table_covers_the_shipped_cities(ws_path: Path) -> None:
    # As a workspace written before cities were recorded.
    with sqlite3.connect(ws_path) as con:
        con.execute("DROP TABLE cities")
        con.execute("DROP TABLE boundaries")
        con.execute("DELETE FROM gpkg_contents WHERE table_name IN ('cities', 'boundaries')")
        con.execute("DELETE FROM gpkg_geometry_columns WHERE table_name = 'boundaries'")
    workspace = Workspace.open(ws_path)
    assert [c.name for c in workspace.cities()] == ["洛阳市", "漯河市"]
    assert len(workspace.boundaries()) == 19


@pytest.fixture
def xuchang_ws(ws_path: Path, xuchang_list: Path) -> Path:
    """许昌市 added, its list imported and an incubation target of 4 entered."""
    assert _run("cities", "add", "许昌市", "--workspace", str(ws_path), "--who", "li") == 0
    assert _run("import", str(xuchang_list), "--workspace", str(ws_path), "--who", "li") == 0
    Workspace.open(ws_path).add_target(
        {
            "city": "许昌市",
            "subject_zh": "孵化载体",
            "bound": "at_least",
            "min": 4,
            "rule_categories": "incubator",
        },
        who="li",
    )
    return ws_path


def test_analyse_an_added_city_by_area(
    xuchang_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    out = tmp_path / "analysis"
    args = ["analyse", "--workspace", str(xuchang_ws), "--city", "许昌市", "--cell-size", "1000"]
    assert _run(*args, "--out", str(out)) == 0
    printed = capsys.readouterr().out
    assert "######## 许昌市 ########" in printed
    assert "No census population is cited for this city" in printed
    assert "targets allocated to districts by area" in printed
    coverage = pd.read_csv(out / "xuchang_coverage_by_district.csv", encoding="utf-8-sig")
    assert set(coverage["name"]) == XUCHANG_UNITS
    # By area: each district's "population" is its area in km².
    assert coverage["population"].to_numpy() == pytest.approx(
        coverage["area_km2"].to_numpy(), rel=1e-3
    )
    allocation = pd.read_csv(out / "xuchang_district_allocation.csv", encoding="utf-8-sig")
    assert set(allocation["basis"]) == {"area"} and set(allocation["name"]) == XUCHANG_UNITS
    assert allocation["allocated"].sum() == 4
    # The grid is measured in the city record's CRS (CGCS2000 / 3-degree GK CM 114E).
    assert city_record("许昌市").distance_epsg == 4547
    density = gpd.read_file(out / "xuchang_density_districts.geojson")
    assert density.crs.to_epsg() == 4326 and len(density) == 6


def test_analyse_all_covers_the_workspaces_cities(
    xuchang_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    args = ["analyse", "--workspace", str(xuchang_ws), "--cell-size", "2000"]
    assert _run(*args, "--categories", "incubator") == 0
    printed = capsys.readouterr().out
    assert [line for line in printed.splitlines() if line.startswith("########")] == [
        "######## 洛阳市 ########",
        "######## 漯河市 ########",
        "######## 许昌市 ########",
    ]


def test_select_in_an_added_city(
    xuchang_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    out = tmp_path / "sites"
    args = ["select", "--workspace", str(xuchang_ws), "--city", "xuchang"]
    args += ["--category", "incubator", "--model", "greedy", "--candidate-spacing", "4000"]
    assert _run(*args, "--out", str(out), "--quiet") == 0
    printed = capsys.readouterr().out
    # The plan's gap (4 wanted, 2 incubation carriers listed) sets N; demand is the area.
    assert "2 new sites" in printed and "km²" in printed and "residents" not in printed
    assert "No census population is cited for this city" in printed
    sites = gpd.read_file(out / "sites.geojson")
    assert len(sites) == 2 and set(sites["district"]) <= XUCHANG_UNITS
    assert sites.geometry.x.between(113.0, 114.5).all()
    session = json.loads((out / "session.json").read_text("utf-8"))
    assert session["inputs"]["city"] == "许昌市"  # as the record names it
    assert session["inputs"]["demand"] == "area"
    # Reopened and run again from the session: the same answer.
    again = ["select", "--workspace", str(xuchang_ws), "--session", str(out / "session.json")]
    assert _run(*again, "--rerun", "--out", str(tmp_path / "again"), "--quiet") == 0
    assert "re-run: same answer" in capsys.readouterr().out
