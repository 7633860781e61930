"""The map's scripts and stylesheets come from the app, never from a public CDN."""

# folium's plugin constructors carry no type hints.
# mypy: disallow-untyped-calls=False

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import branca.colormap
import folium
import folium.folium
import pytest
from folium import plugins
from folium.elements import JSCSSMixin

from layers.assets import (
    ASSET_MAP,
    DEFAULT_BASE_URL,
    VENDOR_DIR,
    VENDOR_MANIFEST,
    ExternalAssetError,
    find_external_assets,
    inline_assets,
    localize_map,
)

PLUGIN_CLASSES: tuple[type[Any], ...] = (
    folium.Map,
    plugins.MarkerCluster,
    plugins.FastMarkerCluster,
    plugins.Draw,
    plugins.Fullscreen,
    plugins.HeatMap,
    plugins.FeatureGroupSubGroup,
)

needs_vendor = pytest.mark.skipif(
    not (VENDOR_DIR / "manifest.json").is_file(),
    reason="static/vendor is absent: run `python scripts/vendor_assets.py` first",
)

LUOYANG = (34.62, 112.45)
POINTS = [(34.60 + i * 0.01, 112.40 + i * 0.01) for i in range(12)]
GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "周山双创智慧岛", "category": "smart_island"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[112.35, 34.63], [112.38, 34.63], [112.38, 34.66], [112.35, 34.66]]
                ],
            },
        }
    ],
}


def full_map() -> folium.Map:
    """A map using every plugin the product draws with."""
    m = folium.Map(location=LUOYANG, zoom_start=10)
    cluster = plugins.MarkerCluster(name="carriers").add_to(m)
    for lat, lon in POINTS:
        folium.Marker((lat, lon), popup="carrier", icon=folium.Icon(icon="flag")).add_to(cluster)
    plugins.FastMarkerCluster(POINTS, name="fast").add_to(m)
    sub = plugins.FeatureGroupSubGroup(cluster, name="subgroup").add_to(m)
    folium.CircleMarker(POINTS[0], radius=5).add_to(sub)
    plugins.Draw().add_to(m)
    plugins.Fullscreen().add_to(m)
    plugins.HeatMap(POINTS, name="heat").add_to(m)
    folium.GeoJson(
        GEOJSON,
        name="zones",
        popup=folium.GeoJsonPopup(fields=["name"]),
        tooltip=folium.GeoJsonTooltip(fields=["category"]),
    ).add_to(m)
    folium.LayerControl().add_to(m)
    return m


def _elements(m: folium.Map) -> Iterator[Any]:
    stack: list[Any] = [m]
    while stack:
        element = stack.pop()
        yield element
        stack.extend(getattr(element, "_children", {}).values())


def _asset_urls(html: str) -> list[str]:
    scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", html)
    links = re.findall(r"<link\b[^>]*\bhref=\"([^\"]+)\"", html)
    return scripts + links


def _class_lists() -> dict[str, Any]:
    lists: dict[str, Any] = {
        "folium._default_js": copy.deepcopy(folium.folium._default_js),
        "folium._default_css": copy.deepcopy(folium.folium._default_css),
    }
    for cls in PLUGIN_CLASSES:
        lists[f"{cls.__name__}.js"] = copy.deepcopy(cls.default_js)
        lists[f"{cls.__name__}.css"] = copy.deepcopy(cls.default_css)
    return lists


def test_unlocalized_map_loads_from_public_cdns() -> None:
    # The problem this module solves, stated as a fact about folium.
    html = full_map().get_root().render()
    assert any("cdn.jsdelivr.net" in url for url in find_external_assets(html))


def test_every_plugin_url_is_in_the_manifest() -> None:
    for cls in PLUGIN_CLASSES:
        for _, url in [*cls.default_js, *cls.default_css]:
            assert url in ASSET_MAP, f"{cls.__name__}: {url}"


def test_localized_map_loads_nothing_external() -> None:
    m = localize_map(full_map())
    html = m.get_root().render()
    urls = _asset_urls(html)
    assert urls, "the page should still load its scripts and stylesheets"
    assert find_external_assets(html) == []
    assert not [u for u in urls if re.match(r"(https?:)?//", u)]
    assert all(u.startswith(DEFAULT_BASE_URL + "/") for u in urls)
    # Tiles are not assets: the tile URL template stays in the page.
    assert "tile.openstreetmap.org" in html


def test_localize_map_sets_instance_lists_only() -> None:
    before = _class_lists()
    m = localize_map(full_map(), base_url="/custom/vendor/")
    assert _class_lists() == before
    assert dict(m.default_js)["leaflet"] == "/custom/vendor/leaflet/dist/leaflet.js"
    assert m.default_js is not folium.Map.default_js
    # A second, untouched map in the same process still gets folium's URLs.
    other = folium.Map(location=LUOYANG).get_root().render()
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in other
    # Adding a link to the localized instance does not reach the class list.
    m.add_js_link("extra", "/custom/vendor/extra.js")
    assert _class_lists() == before


def test_localize_map_covers_every_asset_element() -> None:
    m = localize_map(full_map())
    for element in _elements(m):
        if isinstance(element, JSCSSMixin):
            for _, url in [*element.default_js, *element.default_css]:
                assert url.startswith(DEFAULT_BASE_URL), (type(element).__name__, url)


def test_localize_map_is_idempotent_and_fixes_rendered_header() -> None:
    m = full_map()
    m.get_root().render()  # header now holds CDN links
    localize_map(m)
    localize_map(m)
    assert find_external_assets(m.get_root().render()) == []


def test_unknown_plugin_url_is_refused() -> None:
    m = folium.Map(location=LUOYANG)
    plugins.MiniMap().add_to(m)
    with pytest.raises(ExternalAssetError) as info:
        localize_map(m)
    assert "Control.MiniMap" in str(info.value)
    assert any(owner == "MiniMap" for owner, _ in info.value.urls)
    # A refused map is left as it was, not half localized.
    assert dict(m.default_js)["leaflet"].startswith("https://cdn.jsdelivr.net/")


def test_colormap_is_refused() -> None:
    m = folium.Map(location=LUOYANG)
    branca.colormap.LinearColormap(["white", "red"], vmin=0, vmax=10).add_to(m)
    with pytest.raises(ExternalAssetError, match="colormap"):
        localize_map(m)


@needs_vendor
def test_every_local_path_is_vendored() -> None:
    for asset in VENDOR_MANIFEST:
        assert (VENDOR_DIR / asset.local_path).is_file(), asset.local_path
    html = localize_map(full_map()).get_root().render()
    for url in _asset_urls(html):
        rel = url.removeprefix(DEFAULT_BASE_URL + "/")
        assert (VENDOR_DIR / rel).is_file(), url


@needs_vendor
def test_vendored_stylesheets_reference_existing_files() -> None:
    for asset in VENDOR_MANIFEST:
        if not asset.path.endswith(".css"):
            continue
        css_file = VENDOR_DIR / asset.local_path
        for ref in re.findall(r"url\(\s*[\"']?([^\"')]+)", css_file.read_text(encoding="utf-8")):
            if ref.startswith(("data:", "#")):
                continue
            target = css_file.parent / re.split(r"[?#]", ref)[0]
            assert target.is_file(), f"{asset.local_path} -> {ref}"


@needs_vendor
def test_inline_assets_is_standalone(tmp_path: Path) -> None:
    html = localize_map(full_map()).get_root().render()
    standalone = inline_assets(html, VENDOR_DIR)
    assert find_external_assets(standalone) == []
    assert not re.search(r"<script\b[^>]*\bsrc=", standalone)
    assert not re.search(r"<link\b[^>]*stylesheet", standalone)
    # Fonts and images are embedded; one font format per face is kept.
    assert "data:font/woff2;base64," in standalone
    assert "data:image/png;base64," in standalone
    assert "webfonts/fa-solid-900.ttf" not in standalone
    assert not re.search(r"url\((?![\"']?(data:|#))", standalone)
    # Leaflet's default marker images come along as data URIs.
    assert "L.Icon.Default.imagePath=''" in standalone
    # The page's own scripts survive and the CDN-free page stays a page.
    assert "L.map(" in standalone
    assert standalone.count("<script>") >= len(
        {a.local_path for a in VENDOR_MANIFEST if a.path.endswith(".js")}
    )
    out = tmp_path / "map.html"
    out.write_text(standalone, encoding="utf-8")
    assert out.stat().st_size < 5_000_000


@needs_vendor
def test_inline_assets_accepts_cdn_urls_directly() -> None:
    html = folium.Map(location=LUOYANG).get_root().render()
    standalone = inline_assets(html, VENDOR_DIR)
    assert find_external_assets(standalone) == []


def test_inline_assets_refuses_unknown_external_script(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    html = '<html><head><script src="https://example.com/evil.js"></script></head></html>'
    with pytest.raises(ExternalAssetError, match=r"example\.com"):
        inline_assets(html, tmp_path)
