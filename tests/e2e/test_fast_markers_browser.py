"""The fast marker layer in Chromium: every carrier drawn, a hostile name stays text."""

from __future__ import annotations

from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pytest
from harness import ExternalRequests, count_markers
from playwright.sync_api import BrowserContext, Dialog
from vendor_mark import needs_vendor

from layers.assets import VENDOR_DIR, inline_assets
from layers.fast_markers import fast_marker_layer

pytestmark = [
    pytest.mark.e2e,
    needs_vendor,
]

EVIL = "<img src=x onerror=alert(1)>"


def test_popup_shows_the_name_as_text_in_a_browser(
    tmp_path: Path, browser: BrowserContext, external_requests: ExternalRequests
) -> None:
    """In Chromium: every carrier is drawn and the hostile name stays text."""
    rng = np.random.default_rng(7)
    n = 200
    gdf = gpd.GeoDataFrame(
        {"name": [EVIL] + [f"载体 {i}" for i in range(1, n)]},
        geometry=gpd.points_from_xy(rng.uniform(112.2, 112.7, n), rng.uniform(34.5, 34.8, n)),
        crs=4326,
    )
    m = folium.Map(location=[34.65, 112.45], zoom_start=9)
    fast_marker_layer(gdf, name="carriers", popup_fields=["name"], tooltip_field="name").add_to(m)
    page_file = tmp_path / "map.html"
    page_file.write_text(inline_assets(m.get_root().render(), VENDOR_DIR), encoding="utf-8")

    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(page_file.as_uri())
    page.wait_for_function(
        "() => document.querySelectorAll('.marker-cluster').length > 0", timeout=15_000
    )
    assert count_markers(page).total == n
    # Zoom onto the hostile carrier until it is drawn alone, then open its popup.
    lat, lon = gdf.geometry.y[0], gdf.geometry.x[0]
    page.evaluate(
        "([lat, lon]) => { const map = Object.values(window).find("
        "v => v instanceof L.Map); map.setView([lat, lon], 17, {animate: false}); }",
        [lat, lon],
    )
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-overlay-pane path').length > 0",
        timeout=10_000,
    )
    page.evaluate(
        "() => { const map = Object.values(window).find(v => v instanceof L.Map);"
        " map.eachLayer(l => { if (l.carrierIndex === 0) { l.openPopup(); } }); }"
    )
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    assert popup.inner_text().strip().endswith(EVIL)
    assert popup.locator("img").count() == 0
    assert page.locator(".leaflet-pane img[src='x']").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    assert external_requests.non_tile == []


def test_carrier_map_with_a_planners_layer_has_no_script_error(
    tmp_path: Path, browser: BrowserContext, external_requests: ExternalRequests
) -> None:
    """The planner's layer is created before the layer control that lists it."""
    from geo_app.boundaries import read_boundaries
    from geo_app.config import Settings
    from geo_app.pipeline import load_carriers
    from layers.carrier_map import build_carrier_map

    settings = Settings.from_env()
    mine = gpd.GeoDataFrame(
        {"name": ["甲众创空间", "乙孵化器"]},
        geometry=gpd.points_from_xy([112.44, 112.39], [34.68, 34.66]),
        crs=4326,
    )
    fmap = build_carrier_map(
        load_carriers(settings).placed,
        read_boundaries(settings.boundaries_file),
        city="洛阳市",
        lang="en",
        display_layers=[
            fast_marker_layer(mine, name="Your layers: mine (2)", tooltip_field="name")
        ],
    )
    page_file = tmp_path / "map.html"
    page_file.write_text(inline_assets(fmap.get_root().render(), VENDOR_DIR), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(page_file.as_uri())
    page.wait_for_selector(".leaflet-control-layers", state="attached", timeout=15_000)
    assert not errors, errors
    # Below 1600 px the control is folded: its names are there, not shown.
    assert "Your layers: mine (2)" in (page.text_content(".leaflet-control-layers") or "")


def test_carriers_on_one_spot_spread_out_on_click(
    tmp_path: Path, browser: BrowserContext, external_requests: ExternalRequests
) -> None:
    """Six carriers at one address: the cluster opens into six pickable markers."""
    gdf = gpd.GeoDataFrame(
        {"name": [f"同址载体 {i}" for i in range(6)] + ["别处"]},
        geometry=gpd.points_from_xy([112.45] * 6 + [112.60], [34.62] * 6 + [34.70]),
        crs=4326,
    )
    m = folium.Map(location=[34.62, 112.45], zoom_start=12)
    fast_marker_layer(gdf, name="carriers", popup_fields=["name"]).add_to(m)
    page_file = tmp_path / "map.html"
    page_file.write_text(inline_assets(m.get_root().render(), VENDOR_DIR), encoding="utf-8")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    cluster = page.locator(".marker-cluster", has_text="6")
    cluster.wait_for(timeout=15_000)
    cluster.click()
    # No zooming into a point: the six are drawn apart, at the same zoom.
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive')"
        ".length >= 6",
        timeout=10_000,
    )
    zoom = page.evaluate("Object.values(window).find(v => v instanceof L.Map).getZoom()")
    assert zoom == 12
    markers = page.locator(".leaflet-overlay-pane path.leaflet-interactive")
    boxes = [markers.nth(i).bounding_box() for i in range(markers.count())]
    centres = {
        (round(b["x"] + b["width"] / 2), round(b["y"] + b["height"] / 2)) for b in boxes if b
    }
    assert len(centres) >= 6  # six places, not one
    markers.nth(3).click()
    assert "同址载体" in page.locator(".leaflet-popup-content").inner_text()
    assert external_requests.non_tile == []
