"""The inventory page in headless Chromium: a planner places, edits and undoes.

A real ``streamlit run`` of a small app that draws the inventory page of a
temporary workspace; the browser types the planner's name, picks a carrier,
places it with a click on the small map, changes its operator in the form
and saves, then undoes the change. The workspace file is checked after each
step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from harness import settled
from playwright.sync_api import Page
from vendor_mark import needs_vendor

from geo_app.workspace import Workspace

pytestmark = [pytest.mark.e2e, needs_vendor]

APP = Path(__file__).resolve().parent / "apps" / "workspace_app.py"
TIMEOUT = 60_000


def _carrier(path: Path, cid: str) -> pd.Series:
    carriers = Workspace.open(path).carriers(include_deleted=True)
    return carriers[carriers["id"] == cid].iloc[0]


def _until(check: Callable[[], bool], seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.25)
    return check()


def test_place_edit_save_and_undo_in_the_browser(
    streamlit_server: Callable[..., str],
    page: Page,
    tmp_path: Path,
    screenshot: Callable[[Page, str], Path],
) -> None:
    path = tmp_path / "workspace.gpkg"
    Workspace.open(path)
    start = _carrier(path, "LY-COM-01")
    url = streamlit_server(APP, env={"CARRIER_MAP_WORKSPACE": str(path)})
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{url}/?lang=en")
    page.get_by_text("My carrier inventory").wait_for(timeout=TIMEOUT)

    name = page.get_by_label("Your name (recorded with each change)")
    name.fill("Li Lei")
    name.press("Enter")
    page.get_by_text("Enter your name first").wait_for(state="detached", timeout=TIMEOUT)

    pick = page.get_by_test_id("stSelectbox").filter(has_text="Carrier to view / edit")
    pick.click()
    page.keyboard.type("LY-COM-01")
    page.keyboard.press("Enter")
    settled(page, TIMEOUT)

    # Click-to-place: a click on the small map, then "Set position here".
    page.get_by_text("Place on the map").click()
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
    area = frame.locator(".leaflet-container").first
    area.wait_for(timeout=TIMEOUT)
    box = area.bounding_box()
    assert box is not None
    area.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2})
    here = page.get_by_role("button", name="Set position here")
    here.wait_for(timeout=TIMEOUT)
    here.click()
    assert _until(lambda: _carrier(path, "LY-COM-01")["precision"] == "point")
    moved = _carrier(path, "LY-COM-01")
    assert moved["lon"] > start["lon"] and abs(moved["lat"] - start["lat"]) < 0.01
    page.get_by_text("saved.").first.wait_for(timeout=TIMEOUT)
    settled(page, TIMEOUT)

    operator = page.get_by_label("Operator", exact=True).first  # the add form has one too
    operator.fill("洛阳光电园运营公司")
    page.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    assert _until(lambda: _carrier(path, "LY-COM-01")["operator"] == "洛阳光电园运营公司")
    assert _carrier(path, "LY-COM-01")["updated_by"] == "Li Lei"
    settled(page, TIMEOUT)
    screenshot(page, "saved")

    page.get_by_role("button", name="Undo last change").click()
    page.get_by_text("Undone (").first.wait_for(timeout=TIMEOUT)
    assert _until(lambda: _carrier(path, "LY-COM-01")["operator"] == "")
    assert _carrier(path, "LY-COM-01")["precision"] == "point"  # the move is a step of its own
    assert "Traceback" not in page.content()
    assert not errors, errors
