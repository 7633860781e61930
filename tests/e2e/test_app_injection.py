"""The real app: an uploaded list carrying attack text is drawn as text, never run.

A planner's CSV whose file name and cells hold HTML/JS payloads and Jinja2
probes is uploaded in the Import tab and added as a map layer (the layer is
named after the file, as in the app). The server evaluates nothing (a probe
that would create a folder through ``lipsum.__globals__.os`` leaves none), the
browser runs nothing, and the names are shown as typed.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from harness import map_frame
from playwright.sync_api import Frame, Page
from vendor_mark import needs_vendor

pytestmark = [
    pytest.mark.e2e,
    needs_vendor,
]

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "streamlit_app.py"
TIMEOUT = 60_000

#: File stem: what the app names the layer after.
STEM = "list<img src=x onerror=alert(1)>{{ 7*'7' }}"

CELLS = [
    "<script>alert(1)</script>甲众创空间",
    "<img src=x onerror=alert(1)>乙孵化器",
    "{{ lipsum.__globals__.os.makedirs(lipsum.__globals__.os.environ.SSTI_PROBE_DIR) }}",
    '{{ "SSTI" ~ "-APP" }}丙孵化器',
    "{% raw %}丁孵化器",
    "<svg/onload=alert(1)>戊孵化器",
]


def _layer_frame(page: Page, text: str) -> Frame:
    for _ in range(int(TIMEOUT / 250)):
        for frame in page.frames:
            try:
                if (
                    not frame.is_detached()
                    and frame.locator(".leaflet-control-layers", has_text=text).count()
                ):
                    return frame
            except Exception:  # a frame may detach while we look
                continue
        page.wait_for_timeout(250)
    page.screenshot(path=str(REPO / "artifacts" / "attack-list-missing.png"), full_page=True)
    raise AssertionError(f"no map shows {text!r} in its layer control")


def test_uploaded_attack_list_is_drawn_as_text(
    streamlit_server: Callable[..., str],
    page: Page,
    tmp_path: Path,
    screenshot: Callable[[Page, str], Path],
) -> None:
    probe_dir = tmp_path / "ssti-probe"
    url = streamlit_server(APP, env={"SSTI_PROBE_DIR": str(probe_dir)})
    listing = tmp_path / f"{STEM}.csv"
    with listing.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["名称", "地址", "类别", "经度", "纬度"])
        for i, cell in enumerate(CELLS):
            writer.writerow([cell, cell, "孵化器", f"{112.40 + 0.01 * i:.2f}", "34.66"])
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_viewport_size({"width": 1600, "height": 1100})  # layer control open
    page.goto(f"{url}/?city=luoyang&lang=en")
    map_frame(page, timeout=TIMEOUT / 1000)
    page.locator("[data-testid='stRadio']").get_by_text("Import", exact=True).click()
    uploader = page.locator("[data-testid='stFileUploader']", has_text="Upload a CSV or XLSX")
    uploader.locator("input[type=file]").set_input_files(str(listing))
    page.get_by_role("button", name="Locate").click(timeout=TIMEOUT)
    page.get_by_role("button", name="Add as a map layer").click(timeout=TIMEOUT)
    page.get_by_text("added with", exact=False).wait_for(timeout=TIMEOUT)
    page.locator("[data-testid='stRadio']").get_by_text("Map", exact=True).click()
    frame = _layer_frame(page, "{{ 7*'7' }} (6)")  # the layer name, shown as typed
    page.wait_for_timeout(1500)
    # Open every popup and tooltip of the planner's layer.
    frame.evaluate(
        """() => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            map.setView([34.66, 112.425], 16, {animate: false});
            const layers = [];
            map.eachLayer(l => layers.push(l));
            for (const l of layers) {
                if (l.getPopup && l.getPopup()) { l.openPopup(); }
                if (l.getTooltip && l.getTooltip()) { l.openTooltip(); }
            }
        }"""
    )
    page.wait_for_timeout(1500)
    screenshot(page, "attack-list")
    control = frame.locator(".leaflet-control-layers").inner_text()
    assert "<img src=x onerror=alert(1)>" in control  # text, not an image
    source = frame.content()
    assert "7777777" not in source and "SSTI-APP" not in source
    assert not probe_dir.exists(), "a template probe ran on the server"
    live = frame.evaluate(
        """() => [...document.querySelectorAll('*')].filter(n => [...n.attributes].some(
            a => a.name.toLowerCase().startsWith('on'))).length"""
    )
    assert live == 0
    assert (
        frame.locator("svg[onload], img[onerror], script:not([src])", has_text="alert").count() == 0
    )
    assert dialogs == []
    assert not errors, errors
