"""Shareable views, search/selection helpers, basemap shifting and export files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import openpyxl
import pyogrio
import pytest
import shapely

from geo_app.exports import csv_bytes, export_filename, geojson_bytes, gpkg_bytes, xlsx_bytes
from geo_app.pipeline import CarrierLayers
from geo_app.search import carrier_at, carriers_in_areas, drawn_areas, search_carriers
from geo_app.view import ViewState
from geocoding.coords import wgs84_to_gcj02
from layers.basemaps import BASEMAPS, display_frame
from layers.carrier_map import build_carrier_map, display_positions


@pytest.mark.parametrize(
    "view",
    [
        ViewState(),
        ViewState(city="洛阳市", lang="en", basemap="amap", hidden=("park",)),
        ViewState(city="漯河市", radius_m={"community": 1500.0}, include_approximate=True),
        ViewState(city="洛阳市", at=(34.668123, 112.441987, 14)),
    ],
    ids=["default", "luoyang-en-amap", "luohe-radius", "luoyang-at"],
)
def test_view_round_trips_through_the_url(view: ViewState) -> None:
    assert ViewState.from_query(view.to_query()) == view


def test_mangled_query_falls_back_to_defaults() -> None:
    v = ViewState.from_query({"city": "zhoushan", "lang": "fr", "hide": "lab", "r_community": "x"})
    assert v == ViewState()
    for bad in ("34.6,112.4", "34.6,112.4,0", "95,112.4,10", "34.6,112.4,10,bd09", "a,b,c"):
        assert ViewState.from_query({"at": bad}).at is None, bad


def test_position_read_off_a_gcj02_basemap_is_converted_back_exactly() -> None:
    gcj_lon, gcj_lat = wgs84_to_gcj02(112.45, 34.62)
    v = ViewState.from_query({"at": f"{gcj_lat:.7f},{gcj_lon:.7f},13,gcj02"})
    assert v.at is not None
    assert v.at[0] == pytest.approx(34.62, abs=2e-6) and v.at[1] == pytest.approx(112.45, abs=2e-6)
    assert v.at[2] == 13


@pytest.mark.parametrize("basemap", ["osm", "amap"])
def test_map_opens_at_a_shared_position_and_offers_the_link_button(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame, basemap: str
) -> None:
    fmap = build_carrier_map(
        carrier_layers.placed,
        boundaries,
        basemap=basemap,
        position=(34.62, 112.45, 13),
        share_control=True,
    )
    html = fmap.get_root().render()
    lon, lat = (112.45, 34.62) if basemap == "osm" else wgs84_to_gcj02(112.45, 34.62)
    assert f"center: [{lat}, {lon}]" in html
    assert '"zoom": 13' in html and "fitBounds" not in html
    assert "share-view-button" in html
    assert ('at += ",gcj02"' in html) and (("if (true)" in html) == (basemap == "amap"))
    plain = build_carrier_map(carrier_layers.placed, boundaries).get_root().render()
    assert "fitBounds" in plain and "share-view-button" not in plain


def test_search_finds_pinyin_alias_and_english(carrier_layers: CarrierLayers) -> None:
    placed = carrier_layers.placed
    assert list(search_carriers(placed, "Zhoushan")["id"]) == ["LY-ISL-01"]
    assert "LH-ZON-01" in set(search_carriers(placed, "shali")["id"])
    assert search_carriers(placed, "舟山").empty


def test_click_finds_the_drawn_marker(carrier_layers: CarrierLayers) -> None:
    placed = carrier_layers.placed
    pos = display_positions(placed)
    ids = list(placed["id"])
    for i in (0, 5, len(ids) - 1):
        assert carrier_at(ids, pos, pos[i][0], pos[i][1]) == ids[i]
    assert carrier_at(ids, pos, 30.0, 120.0) is None


def test_drawn_polygon_selects_carriers_and_undoes_gcj(carrier_layers: CarrierLayers) -> None:
    placed = carrier_layers.placed
    target = placed[placed["id"] == "LY-COM-07"].geometry.iloc[0]
    box = shapely.box(target.x - 0.01, target.y - 0.01, target.x + 0.01, target.y + 0.01)
    feature = {"type": "Feature", "geometry": shapely.geometry.mapping(box)}
    areas = drawn_areas([feature, {"geometry": None}, {"type": "Point"}])
    assert len(areas) == 1
    assert "LY-COM-07" in set(carriers_in_areas(placed, areas)["id"])
    # The same box drawn over a GCJ-02 basemap sits ~600 m east/north: converted back.
    gx, gy = wgs84_to_gcj02(np.array(box.exterior.xy[0]), np.array(box.exterior.xy[1]))
    gcj_box = shapely.Polygon(zip(gx, gy, strict=True))
    back = drawn_areas([{"geometry": shapely.geometry.mapping(gcj_box)}], display_crs="gcj02")
    assert back.geometry.iloc[0].symmetric_difference(box).area < 1e-10


def test_gaode_basemap_shifts_overlays_for_display_only(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    placed = carrier_layers.placed
    before = placed.geometry.copy()
    shifted = display_frame(placed, BASEMAPS["amap"])
    dx = (shifted.geometry.x - placed.geometry.x).abs()
    assert (dx > 0.001).all() and (dx < 0.02).all()
    html = build_carrier_map(placed, boundaries, basemap="amap").get_root().render()
    assert "autonavi.com" in html and "openstreetmap" not in html
    assert placed.geometry.equals(before)


def test_tianditu_without_key_falls_back_to_osm(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    html = (
        build_carrier_map(carrier_layers.placed, boundaries, basemap="tianditu").get_root().render()
    )
    assert "tianditu" not in html and "openstreetmap" in html
    keyed = (
        build_carrier_map(
            carrier_layers.placed, boundaries, basemap="tianditu", tianditu_key="K123"
        )
        .get_root()
        .render()
    )
    assert "tianditu.gov.cn" in keyed


def test_export_files(carrier_layers: CarrierLayers, tmp_path: Path) -> None:
    placed = carrier_layers.placed
    name = export_filename("漯河市", "carriers_zone", "geojson")
    assert name.startswith("luohe_carriers_zone_") and name.endswith(".geojson")
    data = json.loads(geojson_bytes(placed))
    assert len(data["features"]) == len(placed) and "crs" not in data
    assert csv_bytes(placed).startswith(b"\xef\xbb\xbf")
    path = tmp_path / "x.gpkg"
    path.write_bytes(gpkg_bytes({"carriers": placed, "unplaced": carrier_layers.unplaced}))
    assert {str(n) for n, _ in pyogrio.list_layers(path)} == {"carriers", "unplaced"}
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"carriers": placed})))
    sheet = book["carriers"]
    header = [c.value for c in sheet[1]]
    assert "lon" in header and "name_zh" in header and sheet.max_row == len(placed) + 1
