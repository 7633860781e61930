"""The map draws with every public host unreachable, because the app serves its assets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from harness import ExternalRequests, MarkerCount, count_markers, map_frame
from playwright.sync_api import Frame, Page
from vendor_mark import needs_vendor

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parent / "apps" / "offline_map_app.py"
N_MARKERS = 30


def _wait_for_markers(frame: Frame, expected: int, timeout_ms: float = 20_000) -> MarkerCount:
    """Wait until the frame represents ``expected`` carriers, then count them."""
    frame.wait_for_function(
        """(expected) => {
            const icons = document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon');
            let total = 0;
            icons.forEach(el => {
                total += el.classList.contains('marker-cluster')
                    ? (parseInt(el.textContent, 10) || 0) : 1;
            });
            return total >= expected;
        }""",
        arg=expected,
        timeout=timeout_ms,
    )
    return count_markers(frame)


@needs_vendor
def test_localized_map_draws_all_markers_offline(
    streamlit_server: Callable[..., str],
    page: Page,
    external_requests: ExternalRequests,
    screenshot: Callable[[Page, str], Path],
) -> None:
    base_url = streamlit_server(APP)
    page.goto(base_url, wait_until="domcontentloaded")
    frame = map_frame(page, timeout=60)
    count = _wait_for_markers(frame, N_MARKERS)
    assert count.leaflet
    assert count.total == N_MARKERS, count
    # The GeoJson zone is drawn too (an SVG polygon, not a circle).
    assert frame.locator(".leaflet-overlay-pane path").count() >= 1
    shot = screenshot(page, "localized")
    assert shot.is_file() and shot.stat().st_size > 10_000

    # Zoom in until the clusters split: single markers appear.
    frame.evaluate(
        "() => { const m = Object.values(window).find(v => v instanceof L.Map) || window.map;"
        " m.setView([34.60, 112.37], 14, {animate: false}); }"
    )
    frame.wait_for_function(
        "() => document.querySelectorAll("
        "'.leaflet-marker-pane .leaflet-marker-icon:not(.marker-cluster)').length > 0",
        timeout=10_000,
    )
    zoomed = count_markers(frame)
    assert zoomed.icons >= 1
    assert external_requests.non_tile == [], external_requests.non_tile


def test_unlocalized_map_draws_nothing_offline(
    streamlit_server: Callable[..., str],
    page: Page,
    external_requests: ExternalRequests,
    screenshot: Callable[[Page, str], Path],
) -> None:
    """Why localisation exists: with folium's CDN URLs the map stays empty."""
    base_url = streamlit_server(APP)
    page.goto(f"{base_url}/?localize=0", wait_until="domcontentloaded")
    component = page.frame_locator("iframe[title*='streamlit_folium']")
    component.locator("#map_div").wait_for(state="attached", timeout=60_000)
    # Give the component time to try (and fail) to load Leaflet.
    page.wait_for_timeout(5_000)
    frames = [f for f in page.frames if "streamlit_folium" in f.url]
    assert frames, [f.url for f in page.frames]
    count = count_markers(frames[0])
    screenshot(page, "unlocalized")
    assert not count.leaflet
    assert count.total == 0
    assert any("cdn.jsdelivr.net" in url for url in external_requests.non_tile)
