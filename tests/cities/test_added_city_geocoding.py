"""Geocoding reads the City records: an address in an added city resolves to its district."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from streamlit.testing.v1 import AppTest

from geo_app.batch import geocode_file
from geo_app.cities import city_record, shipped_cities
from geo_app.cli import main
from geo_app.config import Settings
from geo_app.workspace import Workspace
from geocoding.base import Location
from geocoding.check import AreaIndex
from geocoding.gazetteer import Gazetteer
from geocoding.providers import GeocoderSettings, build_chain

XUCHANG = city_record("许昌市")
COVERED = (*shipped_cities(), XUCHANG)

ROWS = (
    "名称,地址\n"
    "许昌市科技企业孵化器,许昌市魏都区七一路18号\n"
    "某众创空间,许昌县某路6号\n"  # 许昌县: a former name, part of 建安区 since 2017
    "某园区,长葛市大周镇\n"
    "洛阳某孵化器,洛阳市涧西区\n"
)
EXPECTED = {
    "许昌市科技企业孵化器": "魏都区",
    "某众创空间": "建安区",
    "某园区": "长葛市",
    "洛阳某孵化器": "涧西区",
}


def outcome_city(name: str) -> str:
    return "洛阳市" if name.startswith("洛阳") else "许昌市"


@pytest.fixture
def listing(tmp_path: Path) -> Path:
    path = tmp_path / "list.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def test_the_area_index_of_covered_cities_locates_an_added_citys_point() -> None:
    index = AreaIndex.for_cities(COVERED)
    assert set(index.city_geometries) == {"洛阳市", "漯河市", "许昌市"}
    assert index.locate(113.804003, 34.041454) == ("许昌市", "魏都区")
    assert AreaIndex.default().locate(113.804003, 34.041454) is None  # shipped cities only
    index.check(Location("x", 34.041454, 113.804003), city="许昌市", district="魏都区")


@pytest.mark.parametrize(
    ("query", "city", "district"),
    [
        ("许昌市魏都区七一路18号", None, "魏都区"),
        ("许昌县某路6号", "许昌市", "建安区"),
        ("禹州钧瓷文化园", None, "禹州市"),  # the unit's short name
        ("某科技园", "许昌市", ""),  # nothing more than the city: its point
        ("长葛市大周镇", None, "长葛市"),
    ],
    ids=["district", "former-name", "short-name", "city-only", "county-city"],
)
def test_the_gazetteer_reads_an_added_citys_units(
    query: str, city: str | None, district: str
) -> None:
    gazetteer = Gazetteer.from_data_dir(cities=COVERED)
    found = gazetteer.geocode(query, city=city)
    assert found is not None
    assert (found.raw["city"], found.raw["district"]) == ("许昌市", district)
    # The shipped gazetteer alone does not know the city.
    assert Gazetteer.from_data_dir().geocode(query, city=city) is None


def test_a_batch_in_the_covered_cities_places_every_row(listing: Path, tmp_path: Path) -> None:
    chain = build_chain(["gazetteer"], settings=GeocoderSettings(use_cache=False), cities=COVERED)
    result = geocode_file(listing, chain=chain, journal_path=tmp_path / "j.jsonl")
    placed = {o.name: o for o in result.outcomes}
    for name, district in EXPECTED.items():
        outcome = placed[name]
        assert outcome.status == "low_precision" and outcome.precision == "district", name
        assert outcome.lon is not None and outcome.lat is not None
        assert chain.area_index.locate(outcome.lon, outcome.lat) == (outcome_city(name), district)


def test_geocode_command_reads_the_workspace(
    listing: Path, tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "ws.gpkg"
    Workspace.open(workspace, settings=settings).add_city("许昌市", who="li")
    out = tmp_path / "placed.geojson"
    args = ["geocode", str(listing), "--geocoders", "gazetteer", "--no-cache", "--quiet"]
    assert main(["--lang", "en", *args, "-o", str(out), "--workspace", str(workspace)]) == 1
    assert "4 on the layer" in capsys.readouterr().out
    layer = gpd.read_file(out)
    index = AreaIndex.from_boundaries(Workspace.open(workspace).boundaries())
    districts = {
        name: index.locate(p.x, p.y)[1]  # type: ignore[index]
        for name, p in zip(layer["name"], layer.geometry, strict=True)
    }
    assert districts == EXPECTED
    # Without the workspace the 许昌 rows are not placed.
    plain = tmp_path / "plain.geojson"
    assert main(["--lang", "en", *args, "-o", str(plain), "--restart"]) == 1
    assert set(gpd.read_file(plain)["name"]) == {"洛阳某孵化器"}


def _panel() -> None:
    from geo_app.cities import city_record, read_cities_boundaries
    from geo_app.ui.geocode_panel import render_geocode_panel

    names = ["洛阳市", "漯河市", "许昌市"]
    units = read_cities_boundaries([city_record(n) for n in names])
    render_geocode_panel("en", cities=names, boundaries=units)


def test_the_geocode_panel_places_an_added_citys_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARRIER_MAP_GEOCODERS", "gazetteer")
    monkeypatch.setenv("CARRIER_MAP_CACHE_PATH", str(tmp_path / "cache.sqlite3"))
    import streamlit as st

    monkeypatch.setattr(st, "file_uploader", st._main.file_uploader)
    app = AppTest.from_function(_panel, default_timeout=60)
    app.run()
    app.file_uploader[0].upload("list.csv", ROWS.encode("utf-8"), "text/csv")
    app.run()
    assert app.selectbox(key="geocode_city").options[:3] == ["洛阳市", "漯河市", "许昌市"]
    app.multiselect(key="geocode_providers").set_value(["gazetteer"])
    app.button(key="geocode_run").click()
    app.run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert "4 rows, 4 on the map" in app.info[0].value
