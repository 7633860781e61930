"""The folium map, read as HTML (no browser needed)."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest

from geo_app.model import CATEGORY_LABELS, Category
from geo_app.pipeline import CarrierLayers
from layers.carrier_map import build_carrier_map, carrier_popup_html

EVIL = "<img src=x onerror=alert(1)>"


def readable(html: str) -> str:
    """The page with JSON ``\\uXXXX`` escapes decoded, as a browser would read the strings."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)


@pytest.fixture(scope="module")
def html(carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame) -> str:
    return readable(
        build_carrier_map(carrier_layers.placed, boundaries, basemap=None).get_root().render()
    )


def test_every_category_is_a_layer(html: str) -> None:
    for category in Category:
        assert CATEGORY_LABELS[category.value]["zh"] in html
    assert "L.control.layers" in html
    assert html.count("carrier-marker carrier-") >= 1


def test_every_placed_carrier_has_a_marker_and_popup(
    html: str, carrier_layers: CarrierLayers
) -> None:
    for _, row in carrier_layers.placed.iterrows():
        assert f'data-id="{row["id"]}"' in html


def test_boundaries_and_legend_drawn(html: str) -> None:
    assert "区县边界" in html
    assert "涧西区" in html and "临颍县" in html
    assert "carrier-legend" in html and "≈" in html


def test_city_filter(carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame) -> None:
    luohe = build_carrier_map(carrier_layers.placed, boundaries, city="漯河市", basemap=None)
    text = readable(luohe.get_root().render())
    assert "沙澧高新区" in text and "周山双创智慧岛" not in text


def test_names_are_escaped_in_popups_and_tooltips(
    carrier_layers: CarrierLayers, boundaries: gpd.GeoDataFrame
) -> None:
    placed = carrier_layers.placed.copy()
    placed.loc[placed.index[0], "name_zh"] = EVIL
    placed.loc[placed.index[1], "note"] = "`${alert(2)}`"
    text = readable(
        build_carrier_map(placed, boundaries, basemap=None, lang="en").get_root().render()
    )
    assert EVIL not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "${alert(2)}" not in text


def test_popup_shows_source_and_precision() -> None:
    html = carrier_popup_html(
        {
            "id": "X",
            "name_zh": "周山双创智慧岛",
            "category": "smart_island",
            "status": "planned",
            "precision": "city",
            "source_files": "000_a.txt|001_b.txt",
            "source_phrases": "高新区周山双创智慧岛|周山双创智慧岛和伊滨智慧岛建设",
            "city": "洛阳市",
        },
        "en",
    )
    assert "000_a.txt" in html and "周山双创智慧岛和伊滨智慧岛建设" in html
    assert "approximate" in html and "Planned" in html


def test_large_category_uses_the_clustered_fast_layer(boundaries: gpd.GeoDataFrame) -> None:
    """Thousands of carriers: one data layer per category instead of one symbol each."""
    import numpy as np
    import shapely

    from layers.carrier_map import FAST_LAYER_THRESHOLD

    n = FAST_LAYER_THRESHOLD + 200
    rng = np.random.default_rng(3)
    many = gpd.GeoDataFrame(
        {
            "id": [f"G-{i}" for i in range(n)],
            "name_zh": [EVIL] + [f"众创空间{i}" for i in range(1, n)],
            "name_en": "",
            "category": "incubator",
            "city": "洛阳市",
            "admin_district": "涧西区",
            "district_as_written": "",
            "status": "existing",
            "precision": "point",
            "approximate": False,
            "source_files": "mine.csv",
            "source_phrases": "",
            "note": "",
        },
        geometry=shapely.points(rng.uniform(112.3, 112.6, n), rng.uniform(34.6, 34.7, n)),
        crs=4326,
    )
    html = readable(build_carrier_map(many, boundaries, basemap=None).get_root().render())
    assert "carrier-incubator" not in html  # no per-carrier symbol
    assert f"({n})" in html and "众创空间42" in html
    assert EVIL not in html
