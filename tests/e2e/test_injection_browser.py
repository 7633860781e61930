"""In headless Chromium, no payload runs and none is left as live markup.

The standalone HTML export of a map carrying HTML/JS payloads and template
probes in every free-text field of every surface (``tests/attack_scene.py``)
is opened; every overlay is switched on, every popup and tooltip opened. A
payload that ran would call ``alert`` (counted) or bump ``window.__xss``.
Every popup, tooltip and layer-control entry may hold only the product's own
tags, with no event-handler attribute and no URL; the page as a whole holds
exactly the elements of the same scene built with harmless text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from playwright.sync_api import BrowserContext, Page
from vendor_mark import needs_vendor

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from attack_scene import SURFACES, build_scene, payloads

from geo_app.pipeline import CarrierLayers
from layers.assets import inline_assets

pytestmark = [
    pytest.mark.e2e,
    needs_vendor,
]

COUNT_RUNS = """
window.__xss = 0;
for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = function () { window.__xss = (window.__xss || 0) + 1; };
}
"""

#: Tags the product itself writes into popups, tooltips and the layer control.
ALLOWED_TAGS = [
    "div", "span", "h4", "p", "i", "b", "br", "ul", "li", "code", "small",
    "table", "tbody", "tr", "th", "td", "hr", "label", "input", "a", "section",
]  # fmt: skip

OPEN_EVERYTHING = """
async (allowed) => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const bad = [];
    const inspect = (el, where) => {
        if (!el) { return; }
        for (const node of el.querySelectorAll("*")) {
            const tag = node.tagName.toLowerCase();
            if (!allowed.includes(tag)) { bad.push(where + ": <" + tag + ">"); }
            for (const attr of node.attributes) {
                const name = attr.name.toLowerCase();
                const value = attr.value.trim().toLowerCase();
                if (name.startsWith("on")) { bad.push(where + ": " + name); }
                if (["href", "src", "action", "formaction", "xlink:href", "background",
                     "data", "srcdoc", "dynsrc", "lowsrc"].includes(name)
                    && !(tag === "a" && name === "href" && /^#[a-z]*$/.test(value))) {
                    bad.push(where + ": " + name + "=" + value.slice(0, 40));
                }
            }
        }
    };
    // Every overlay on: the layer control lists them (and shows their names).
    for (const box of document.querySelectorAll(
            ".leaflet-control-layers-overlays input[type=checkbox]")) {
        if (!box.checked) { box.click(); }
    }
    inspect(document.querySelector(".leaflet-control-layers"), "layer control");
    map.setView([34.6416, 112.4457], 16, {animate: false});
    await new Promise(r => setTimeout(r, 300));
    let popups = 0, tooltips = 0, fast = 0;
    const layers = [];
    map.eachLayer(l => layers.push(l));
    for (const layer of layers) {
        if (layer.getPopup && layer.getPopup() && layer.openPopup) {
            layer.openPopup();
            const popup = layer.getPopup();
            inspect(popup.getElement && popup.getElement(), "popup");
            popups += 1;
            if (layer.carrierIndex !== undefined) { fast += 1; }
        }
        if (layer.getTooltip && layer.getTooltip() && layer.openTooltip) {
            layer.openTooltip();
            inspect(layer.getTooltip().getElement(), "tooltip");
            tooltips += 1;
        }
    }
    await new Promise(r => setTimeout(r, 1500));  // image errors, animations, focus
    return {popups, tooltips, fast, bad: bad.slice(0, 20), nbad: bad.length, runs: window.__xss};
}
"""

CENSUS = """
() => {
    const tags = {};
    for (const node of document.querySelectorAll("*")) {
        const tag = node.tagName.toLowerCase();
        tags[tag] = (tags[tag] || 0) + 1;
    }
    const handlers = [...document.querySelectorAll("*")]
        .filter(n => [...n.attributes].some(a => a.name.toLowerCase().startsWith("on"))).length;
    const js = [...document.querySelectorAll("*")].filter(n => [...n.attributes].some(
        a => /^\\s*(javascript|vbscript|data:text)/i.test(a.value))).length;
    return {tags, handlers, js};
}
"""


@pytest.fixture
def dialogs(page: Page) -> Iterator[list[str]]:
    seen: list[str] = []
    page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
    yield seen


def _open(page: Page, html: str, path: Path) -> dict[str, Any]:
    path.write_text(html, encoding="utf-8")
    page.add_init_script(COUNT_RUNS)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("() => typeof L !== 'undefined'", timeout=20_000)
    opened: dict[str, Any] = page.evaluate(OPEN_EVERYTHING, ALLOWED_TAGS)
    census: dict[str, Any] = page.evaluate(CENSUS)
    return {**opened, **census}


def _scene_html(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame, texts: list[str]
) -> str:
    fmap = build_scene(carrier_layers.placed, boundaries, texts, surfaces=SURFACES)
    return inline_assets(fmap.get_root().render())


def test_no_payload_runs_or_stays_live_markup(
    browser: BrowserContext,
    page: Page,
    dialogs: list[str],
    carrier_layers: CarrierLayers,
    boundaries: gpd.GeoDataFrame,
    tmp_path: Path,
) -> None:
    texts = payloads()
    attacked = _open(page, _scene_html(carrier_layers, boundaries, texts), tmp_path / "a.html")
    benign_texts = [f"载体 {i} 的名称" for i in range(len(texts))]
    clean_page = browser.new_page()
    clean = _open(
        clean_page, _scene_html(carrier_layers, boundaries, benign_texts), tmp_path / "b.html"
    )
    clean_page.close()

    assert attacked["runs"] == 0, "a payload ran"
    assert dialogs == []
    assert attacked["nbad"] == 0, attacked["bad"]
    # Every surface was exercised: registry, clustered, planner, analysis, siting.
    # registry markers + clustered incubators + each planner layer + the whole planner layer
    assert attacked["fast"] == 310 + 2 * len(texts), attacked["fast"]
    assert attacked["popups"] == attacked["fast"] + len(texts) + 6  # + 6 proposed sites
    assert attacked["tooltips"] >= attacked["popups"]
    assert attacked["popups"] == clean["popups"]
    # The page as a whole: the same elements as with harmless text.
    assert attacked["tags"] == clean["tags"]
    assert attacked["handlers"] == clean["handlers"]
    assert attacked["js"] == clean["js"] == 0
