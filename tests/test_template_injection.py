"""User text never runs as a template on the server and never breaks the map.

folium/branca render each element's output a second time as a Jinja2
template; these tests put HTML/JS payloads and template probes
(``tests/data/attack``) into every free-text field of every map-building
path and render the map as the app, the HTML export and streamlit-folium do.
"""

from __future__ import annotations

import os
import re

import folium
import geopandas as gpd
import pytest
from attack_scene import SURFACES, build_scene, payloads, read_lines

from geo_app.pipeline import CarrierLayers
from layers._html import TemplateTextError, check_map_inert, escape_html, template_free
from layers.assets import VENDOR_DIR, inline_assets
from layers.carrier_map import build_carrier_map

FAKE_KEY = "amapkey-SSTI-7f3a9c"

#: What a template probe would leave in the page had it been evaluated: each
#: is computed from the probe, never written in it.
EVALUATED = re.compile(
    r"SSTI-(CONCAT|IF|LOOP|SET|CLOSE|TRIM|DOLLAR|DOUBLE)|7777777-SSTIMUL|STSSTIFMT"
    r"|<Template memory|<function |environ\(\{|<class 'object'>"
)

PAYLOADS = payloads()


@pytest.fixture(autouse=True)
def _fake_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARRIER_MAP_AMAP_KEY", FAKE_KEY)
    monkeypatch.delenv("SSTI_PWNED", raising=False)


def _render(fmap: folium.Map) -> str:
    return str(fmap.get_root().render())


_JSON_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\", "/": "/"}


def _json_unescaped(html: str) -> str:
    """The page with JSON string escapes decoded, as the browser reads the strings."""
    return re.sub(
        r"\\(u[0-9a-fA-F]{4}|[tnr\"\\/])",
        lambda m: (
            chr(int(m.group(1)[1:], 16)) if len(m.group(1)) == 5 else _JSON_ESCAPES[m.group(1)]
        ),
        html,
    )


def _assert_not_evaluated(html: str) -> None:
    found = EVALUATED.search(html)
    assert found is None, f"template text was evaluated: {found.group(0)!r}"
    assert FAKE_KEY not in html
    assert "SSTI_PWNED" not in os.environ


def test_corpus_size() -> None:
    assert len(read_lines("xss_payloads.txt")) >= 60
    assert len(read_lines("template_probes.txt")) >= 20


@pytest.mark.parametrize("surface", SURFACES)
def test_no_payload_evaluated_on_any_surface(
    surface: str, carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    fmap = build_scene(carrier_layers.placed, boundaries, PAYLOADS, surfaces=(surface,))
    html = _render(fmap)
    _assert_not_evaluated(html)
    assert "L.control.layers" in html  # the map still builds
    # Escaped once, at the boundary: the planner reads "<", not "&lt;".
    readable = _json_unescaped(html)
    assert "&amp;lt;" not in readable and "&amp;quot;" not in readable


@pytest.mark.parametrize("basemap", [None, "osm", "gaode"])
def test_every_surface_at_once_on_each_basemap(
    basemap: str | None, carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    """Gaode shifts every overlay to GCJ-02 (the data is rewritten): still inert."""
    fmap = build_scene(carrier_layers.placed, boundaries, PAYLOADS, basemap=basemap)
    _assert_not_evaluated(_render(fmap))


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_each_payload_alone_in_a_registry_name(
    payload: str, carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    """One payload per map: a syntax-breaking probe cannot hide behind another."""
    placed = carrier_layers.placed.copy()
    placed.loc[placed.index[0], "name_zh"] = payload
    placed.loc[placed.index[0], "note"] = payload
    html = _render(build_carrier_map(placed, boundaries, basemap=None))
    _assert_not_evaluated(html)
    # The text is kept, escaped: a planner still reads what was typed.
    assert escape_html(payload) in html


@pytest.mark.skipif(not VENDOR_DIR.is_dir(), reason="static/vendor absent: no standalone export")
def test_standalone_export_is_inert(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    html = inline_assets(_render(build_scene(carrier_layers.placed, boundaries, PAYLOADS)))
    _assert_not_evaluated(html)
    # Nothing the payloads hold survives as markup in the page source.
    for payload in read_lines("xss_payloads.txt"):
        if "<" in payload:
            assert payload not in html


def test_layer_names_are_escaped_in_the_layer_control(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    html = _render(build_scene(carrier_layers.placed, boundaries, PAYLOADS, surfaces=("planner",)))
    readable = _json_unescaped(html)
    for payload in PAYLOADS:
        assert escape_html(payload) in readable  # shown as typed, never as markup
    assert "<svg/onload=alert(1)>" not in readable


def test_guard_refuses_unescaped_template_text(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    """Text that skipped the escaping boundary is refused before anything renders."""
    fmap = build_carrier_map(carrier_layers.placed, boundaries, basemap=None)
    folium.FeatureGroup(name="{{ 7*7 }}").add_to(fmap)
    with pytest.raises(TemplateTextError) as caught:
        check_map_inert(fmap.get_root())
    assert caught.value.code == "map.template_text"
    assert "FeatureGroup" in caught.value.text("zh")
    fmap2 = build_carrier_map(carrier_layers.placed, boundaries, basemap=None)
    folium.Marker((34.6, 112.4), popup=folium.Popup("{% raw %}")).add_to(fmap2)
    with pytest.raises(TemplateTextError):
        check_map_inert(fmap2.get_root())


def test_guard_passes_the_real_map_after_rendering(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    fmap = build_carrier_map(carrier_layers.placed, boundaries, basemap="osm", share_control=True)
    _render(fmap)  # rendering adds the rendered scripts to the tree: still clean
    assert check_map_inert(fmap.get_root()) > 100


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_escape_html_output_is_inert(payload: str) -> None:
    escaped = escape_html(payload)
    assert template_free(escaped)
    assert not re.search(r"[<>\"'`{}$\\]", escaped)
