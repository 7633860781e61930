"""The map keeps its state in Chromium: view and drawings survive other pages.

One app start drives the rules a planner meets: the view (centre, zoom) and a
drawn area survive a rerun started on another page (a basemap switch while on
the targets page), and the layer control opens folded on a 1366 px screen.
A map file checks that an analysis layer's legend follows its layer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import folium
import pytest
from harness import ExternalRequests, map_frame
from playwright.sync_api import BrowserContext, Frame, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from vendor_mark import needs_vendor

from layers.analysis_layers import _LayerLegend, _ramp_legend
from layers.assets import VENDOR_DIR, inline_assets
from layers.map_controls import CarrierLayerControl

pytestmark = [
    pytest.mark.e2e,
    needs_vendor,
]

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "streamlit_app.py"
TIMEOUT = 60_000

_VIEW_JS = "[map_div.getCenter().lat, map_div.getCenter().lng, map_div.getZoom()]"
# A rectangle drawn as Leaflet.draw reports one (the same event as the tool's).
_DRAW_JS = """() => {
  const r = L.rectangle([[34.60, 112.35], [34.70, 112.50]]);
  map_div.fire("draw:created", {layer: r, layerType: "rectangle"});
}"""


def _live_map(page: Page) -> Frame:
    """The map frame once its carriers are drawn (a re-created map is a new frame)."""
    for _ in range(int(TIMEOUT / 250)):
        frame = map_frame(page, timeout=TIMEOUT / 1000)
        try:
            if not frame.is_detached() and frame.locator(".carrier-marker").count():
                return frame
        except Exception:  # the frame detached while we looked
            pass
        page.wait_for_timeout(250)
    raise AssertionError("no map with carriers")


def test_view_and_drawing_survive_another_page_and_a_basemap_switch(
    page: Page,
    streamlit_server: Callable[..., str],
    external_requests: ExternalRequests,
    screenshot: Callable[[Page, str], Path],
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(streamlit_server(APP))
    frame = _live_map(page)
    # 1366 px wide: the layer control is folded, not over Luoyang's core.
    control = frame.locator(".leaflet-control-layers")
    control.wait_for(state="attached", timeout=TIMEOUT)
    assert "leaflet-control-layers-expanded" not in (control.get_attribute("class") or "")
    # The planner zooms in and draws an area; both reach the session (and the URL).
    frame.evaluate("map_div.setView([34.66, 112.43], 13)")
    page.wait_for_function("location.search.includes('at=34.66')", timeout=TIMEOUT)
    frame.evaluate(_DRAW_JS)
    page.get_by_text("框选区域内的载体").wait_for(timeout=TIMEOUT)
    # Another page, a basemap switch there, then back to the map.
    page.locator("[data-testid='stRadio']").get_by_text("目标差距", exact=True).click()
    page.get_by_text("规划目标(按工作区清单计数)").wait_for(timeout=TIMEOUT)
    page.locator("[data-testid='stSelectbox']").filter(has_text="底图").click()
    page.get_by_role("option", name="高德卫星图").click()
    page.wait_for_function("location.search.includes('basemap=amap')", timeout=TIMEOUT)
    page.locator("[data-testid='stRadio']").get_by_text("地图", exact=True).click()
    frame = _live_map(page)
    frame.wait_for_function("map_div.getZoom() === 13", timeout=TIMEOUT)
    lat, lon, zoom = frame.evaluate(_VIEW_JS)
    # Gaode draws in GCJ-02: the same place is a few hundred metres off in numbers.
    assert abs(lat - 34.66) < 0.01 and abs(lon - 112.43) < 0.01 and zoom == 13
    frame.wait_for_function("drawnItems.getLayers().length === 1", timeout=TIMEOUT)
    page.get_by_text("框选区域内的载体").wait_for(timeout=TIMEOUT)
    screenshot(page, "kept-after-basemap")
    assert not errors, errors
    assert not external_requests.non_tile, external_requests.non_tile


# Every change of Streamlit's script state, recorded from now on.
_WATCH_RUNS_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__runs = [];
  // Each record's new value is the next one's old value (the last one's is
  // the attribute now): a run that starts and ends in one task is kept.
  new MutationObserver((records) => records.forEach((r, i) => window.__runs.push(
      i + 1 < records.length ? records[i + 1].oldValue
                             : app.getAttribute('data-test-script-state'))))
    .observe(app, {attributes: true, attributeOldValue: true,
                   attributeFilter: ['data-test-script-state']});
}"""


_SECOND_RUN_JS = "() => window.__runs.filter((s) => s === 'running').length > 1"


def _runs(page: Page) -> int:
    return int(page.evaluate("() => window.__runs.filter((s) => s === 'running').length"))


def test_a_view_the_app_sets_is_not_reported_back(
    page: Page,
    streamlit_server: Callable[..., str],
    external_requests: ExternalRequests,
) -> None:
    # The map opening, and moving to a searched carrier, rerun nothing more
    # than the search itself; a click on a carrier reruns once.
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(streamlit_server(APP) + "/?lang=en")
    frame = _live_map(page)
    page.evaluate(_WATCH_RUNS_JS)
    page.wait_for_timeout(1500)
    assert _runs(page) == 0
    box = page.get_by_label("Search").first
    box.fill("智慧岛")
    box.press("Enter")
    frame.wait_for_function("map_div.getZoom() >= 15", timeout=TIMEOUT)
    page.wait_for_timeout(1500)
    assert _runs(page) == 1
    markers = frame.locator(".carrier-marker")
    for attempt in range(10):
        # A click the map missed (a marker redrawn under it) is tried again on
        # the next marker: the map reports a click only when its object changes.
        markers.nth(attempt % max(1, markers.count())).dispatch_event("click")
        try:
            page.wait_for_function(_SECOND_RUN_JS, timeout=5000)
            break
        except PlaywrightTimeout:
            continue
    page.wait_for_timeout(1500)  # no further run follows the click's own
    assert _runs(page) == 2


def test_analysis_legend_follows_its_layer(
    tmp_path: Path, browser: BrowserContext, external_requests: ExternalRequests
) -> None:
    m = folium.Map(location=[34.6, 112.4], zoom_start=9, tiles=None)
    group = folium.FeatureGroup(name="核密度", show=False)
    folium.CircleMarker((34.6, 112.4), radius=8).add_to(group)
    group.add_child(_LayerLegend(_ramp_legend("核密度", 0.0, 2.0, ("#ffffcc", "#800026"), "km")))
    group.add_to(m)
    CarrierLayerControl().add_to(m)
    page_file = tmp_path / "map.html"
    page_file.write_text(inline_assets(m.get_root().render(), VENDOR_DIR), encoding="utf-8")
    page = browser.new_page()
    page.set_viewport_size({"width": 1700, "height": 900})  # wide: the control is open
    page.goto(page_file.as_uri())
    box = page.locator(".leaflet-control-layers-overlays label", has_text="核密度").locator("input")
    box.wait_for(timeout=15_000)
    assert page.locator(".analysis-legend").count() == 0  # the layer starts off
    box.check()
    page.locator(".analysis-legend", has_text="核密度").wait_for(timeout=5_000)
    box.uncheck()
    page.wait_for_function("!document.querySelector('.analysis-legend')", timeout=5_000)
    assert external_requests.non_tile == []
