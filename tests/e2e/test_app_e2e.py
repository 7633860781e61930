"""The real app in headless Chromium: what a planner sees and does.

Every public host is unreachable in these tests (as where CDNs are blocked):
the page must draw from the app's own assets. A copy of the shipped data with
one extra incubator (placed at district precision) is used so that every
category has a marker to see.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from harness import ExternalRequests, click_until_shown, map_frame, settled
from playwright.sync_api import Frame, Page
from vendor_mark import needs_vendor

from geo_app.model import Category

pytestmark = [
    pytest.mark.e2e,
    needs_vendor,
]

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "streamlit_app.py"
TIMEOUT = 60_000


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The shipped data plus one incubator in 涧西区, so all five categories are drawn."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    registry = pd.read_csv(target / "carriers.csv", dtype=str, keep_default_na=False)
    extra = registry[registry["id"] == "LY-COM-03"].copy()
    extra["id"] = "LY-INC-90"
    extra["name_zh"] = "测试众创空间"
    extra["name_en"] = "Test maker space"
    extra["category"] = "incubator"
    extra["status"] = "existing"
    extra["aliases"] = ""
    pd.concat([registry, extra]).to_csv(target / "carriers.csv", index=False)
    return target


@pytest.fixture
def app_url(streamlit_server: Callable[..., str], data_dir: Path) -> str:
    return streamlit_server(APP, env={"CARRIER_MAP_DATA_DIR": str(data_dir)})


def _map(page: Page, url: str) -> Frame:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url)
    frame = map_frame(page, timeout=TIMEOUT / 1000)
    frame.wait_for_selector(".carrier-marker", state="attached", timeout=TIMEOUT)
    # A script error in any layer would stop the rest of the map (e.g. the layer control).
    frame.wait_for_selector(".leaflet-control-layers", state="attached", timeout=TIMEOUT)
    assert not errors, errors
    return frame


def _frame_showing(page: Page, text: str) -> Frame:
    """The map frame whose layer control shows ``text`` and whose markers are drawn.

    A change of language or basemap re-creates the map in a new frame; the old
    one may linger for a moment, so look again until a live one matches.
    """
    for _ in range(int(TIMEOUT / 250)):
        for frame in page.frames:
            try:
                if (
                    not frame.is_detached()
                    and frame.locator(".leaflet-control-layers", has_text=text).count()
                    and frame.locator(".carrier-marker").count()
                ):
                    return frame
            except Exception:  # a frame may detach while we look
                continue
        page.wait_for_timeout(250)
    seen = []
    for frame in page.frames:
        try:
            seen.append(
                (
                    frame.url[-40:],
                    frame.evaluate(
                        "(() => { const c = document.querySelector('.leaflet-control-layers');"
                        " return [c ? c.innerText : null,"
                        " document.querySelectorAll('.carrier-marker').length]; })()"
                    ),
                )
            )
        except Exception as err:  # a frame may detach while we look
            seen.append((frame.url[-40:], str(err)[:80]))
    page.screenshot(path=str(REPO / "artifacts" / "screenshots" / "frame-missing.png"))
    raise AssertionError(f"no map shows {text!r} in its layer control; frames: {seen}")


def _count(frame: Frame, category: str) -> int:
    return len(frame.query_selector_all(f".carrier-{category}"))


def test_markers_layers_language_and_basemap(
    page: Page,
    app_url: str,
    external_requests: ExternalRequests,
    screenshot: Callable[[Page, str], Path],
) -> None:
    page.set_viewport_size({"width": 1600, "height": 1100})  # layer control open
    frame = _map(page, app_url)
    for category in Category:
        assert _count(frame, category.value) >= 1, category
    screenshot(page, "map-zh")
    # Switch a layer off in the map's layer control: its markers disappear.
    frame.locator(".leaflet-control-layers-overlays label", has_text="智慧岛").locator(
        "input"
    ).uncheck()
    frame.wait_for_function("document.querySelectorAll('.carrier-smart_island').length === 0")
    assert _count(frame, "community") >= 1
    # Language: the whole page switches to English.
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Innovation carriers of Luoyang and Luohe").wait_for(
        timeout=TIMEOUT
    )
    frame = _frame_showing(page, "Smart island")
    # Basemap: Gaode, with the overlays shifted to GCJ-02 and a note saying so.
    page.locator("[data-testid='stSelectbox']").filter(has_text="Basemap").click()
    page.get_by_role("option", name="Gaode (AMap) roads").click()
    page.get_by_text("GCJ-02", exact=False).first.wait_for(timeout=TIMEOUT)
    for _ in range(int(TIMEOUT / 250)):
        if any("autonavi.com" in url for url in external_requests.tiles):
            break
        page.wait_for_timeout(250)
    assert any("autonavi.com" in url for url in external_requests.tiles)
    _frame_showing(page, "Smart island")
    assert not external_requests.non_tile, external_requests.non_tile
    screenshot(page, "map-en-gaode")


def test_click_carrier_details_and_download_geojson(
    page: Page,
    app_url: str,
    tmp_path: Path,
    external_requests: ExternalRequests,
    screenshot: Callable[[Page, str], Path],
) -> None:
    page.set_viewport_size({"width": 1500, "height": 1100})
    frame = _map(page, app_url)
    # At city zoom several approximate markers share a point; dispatch the click
    # to the marker itself (Leaflet's handler) rather than to whatever is on top.
    frame.locator(".carrier-smart_island").first.dispatch_event("click")
    page.get_by_role("heading", name="周山双创智慧岛").or_(
        page.get_by_role("heading", name="伊滨智慧岛")
    ).first.wait_for(timeout=TIMEOUT)
    page.get_by_text("001_77636db043cf34e5.txt").first.wait_for(timeout=TIMEOUT)
    screenshot(page, "details")
    page.locator("[data-testid='stRadio']").get_by_text("导出", exact=True).click()
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name="GeoJSON").click()
    download = info.value
    assert download.suggested_filename.startswith("all_carriers_community_")
    path = tmp_path / download.suggested_filename
    download.save_as(str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    gdf = gpd.read_file(path)
    assert len(gdf) == 8 and set(gdf["category"]) == {"community"}
    assert gdf.total_bounds[0] > 111 and gdf.total_bounds[3] < 36  # lon/lat order
    assert not external_requests.non_tile


def test_shared_url_opens_the_same_view(
    page: Page, app_url: str, screenshot: Callable[[Page, str], Path]
) -> None:
    page.set_viewport_size({"width": 1500, "height": 1100})
    frame = _map(page, f"{app_url}/?city=luohe&lang=en&hide=park")
    page.get_by_role("heading", name="Innovation carriers of Luoyang and Luohe").wait_for(
        timeout=TIMEOUT
    )
    assert _count(frame, "zone") >= 1
    assert _count(frame, "community") == 0  # Luohe has no community named
    assert _count(frame, "park") == 0  # hidden by the link
    city_box = page.locator("[data-testid='stSelectbox']").filter(has_text="City")
    assert city_box.locator("input").first.input_value() == "Luohe"
    screenshot(page, "shared-luohe-en")


_LEAFLET_VIEW_JS = """() => {
  for (const key of Object.keys(window)) {
    const map = window[key];
    if (key.startsWith("map_") && map && typeof map.getZoom === "function") {
      const c = map.getCenter();
      return [c.lat, c.lng, map.getZoom()];
    }
  }
  return null;
}"""


def _leaflet_view(frame: Frame) -> tuple[float, float, int]:
    view = frame.evaluate(_LEAFLET_VIEW_JS)
    assert view is not None, "no Leaflet map found in the frame"
    return float(view[0]), float(view[1]), int(view[2])


def test_link_button_gives_the_view_on_screen(
    page: Page, app_url: str, screenshot: Callable[[Page, str], Path]
) -> None:
    """A link with ``at`` opens there; after panning, the 🔗 button's link opens the new view."""
    page.set_viewport_size({"width": 1500, "height": 1100})
    frame = _map(page, f"{app_url}/?city=luoyang&lang=en&at=34.66,112.43,13")
    lat, lon, zoom = _leaflet_view(frame)
    # Leaflet snaps the centre to whole pixels (about 20 m at zoom 13).
    assert zoom == 13 and abs(lat - 34.66) < 5e-4 and abs(lon - 112.43) < 5e-4
    # The planner moves the map (no rerun), then asks for a link to what is on screen.
    frame.evaluate(
        "() => { for (const k of Object.keys(window)) { const m = window[k];"
        " if (k.startsWith('map_') && m && typeof m.setView === 'function')"
        " { m.setView([34.7, 112.5], 12, {animate: false}); return; } } }"
    )
    frame.click(".share-view-button")
    link = frame.input_value(".share-view-link")
    assert "at=34.70000%2C112.50000%2C12" in link and "city=luoyang" in link and "lang=en" in link
    screenshot(page, "share-view-link")
    again = _map(page, link)
    lat, lon, zoom = _leaflet_view(again)
    assert zoom == 12 and abs(lat - 34.7) < 5e-4 and abs(lon - 112.5) < 5e-4


@pytest.mark.xfail(
    reason="passes alone; in some full runs the analysis of the chosen layer runs on 0 "
    "carriers (a state lost under load in the app, not yet found)",
    strict=False,
)
def test_imported_list_is_analysed_for_coverage(
    page: Page, app_url: str, tmp_path: Path, screenshot: Callable[[Page, str], Path]
) -> None:
    """A planner's list with coordinates: located, added as a layer, then analysed."""
    listing = tmp_path / "incubators.csv"
    listing.write_text(
        "名称,类别,经度,纬度\n"
        "甲众创空间,众创空间,112.44,34.68\n"
        "乙孵化器,孵化器,112.39,34.66\n"
        "丙孵化器,孵化器,112.48,34.67\n",
        encoding="utf-8",
    )
    page.set_viewport_size({"width": 1600, "height": 1100})  # layer control open
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    _map(page, f"{app_url}/?city=luoyang&lang=en")
    page.locator("[data-testid='stRadio']").get_by_text("Import", exact=True).click()
    uploader = page.locator("[data-testid='stFileUploader']", has_text="Upload a CSV or XLSX")
    uploader.locator("input[type=file]").set_input_files(str(listing))
    page.get_by_role("button", name="Locate").click(timeout=TIMEOUT)
    page.get_by_role("button", name="Add as a map layer").click(timeout=TIMEOUT)
    page.get_by_text("added with", exact=False).wait_for(timeout=TIMEOUT)
    page.locator("[data-testid='stRadio']").get_by_text("Map", exact=True).click()
    _frame_showing(page, "Your layers: incubators (3)")  # on the map, no script error
    page.locator("[data-testid='stRadio']").get_by_text("Coverage & density", exact=True).click()
    sources = page.locator("[data-testid='stMultiSelect']", has_text="Carrier inventory")
    sources.locator("input").first.click()
    page.get_by_role("option", name="incubators").click()
    page.keyboard.press("Escape")
    # The chosen layer shows as a tag before the analysis is asked for, and
    # still does once the app is idle (no rerun has dropped the choice).
    sources.get_by_text("incubators", exact=True).wait_for(timeout=TIMEOUT)
    settled(page, TIMEOUT)
    sources.get_by_text("incubators", exact=True).wait_for(timeout=TIMEOUT)
    try:
        click_until_shown(
            page,
            page.get_by_role("button", name="Run analysis"),
            page.get_by_text("3 carriers used (3 exact"),
            timeout_ms=4 * TIMEOUT,
            attempts=4,
        )
    except Exception:
        # Keep what the page showed instead, with the analysis settings open
        # (the categories analysed), for the reader of the failure.
        page.get_by_text("Analysis settings", exact=True).click()
        settled(page, TIMEOUT)
        shown = screenshot(page, "imported-list-not-analysed")
        shown.with_suffix(".txt").write_text(page.inner_text("body"), encoding="utf-8")
        raise
    screenshot(page, "imported-list-analysed")
    assert not errors, errors
