"""The fast marker layer: compact data, escaped popups, and a browser check."""

# folium's plugin constructors carry no type hints.
# mypy: disallow-untyped-calls=False

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import geopandas as gpd
import pytest
from shapely.geometry import Point, Polygon

from layers.assets import find_external_assets, localize_map
from layers.fast_markers import (
    FastMarkerLayer,
    LayerDataError,
    MarkerStyle,
    fast_marker_layer,
    script_json,
)

EVIL = "<img src=x onerror=alert(1)>"
EVIL_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"

CHROMIUM = Path("/usr/bin/chromium")
E2E_DIR = Path(__file__).resolve().parent / "e2e"


def carriers(n: int = 5) -> gpd.GeoDataFrame:
    names = [EVIL, "周山双创智慧岛", 'say "hi" & <b>bye</b>', "伊滨智慧岛", "沙澧高新区"][:n]
    return gpd.GeoDataFrame(
        {
            "name": names,
            "category": ["smart_island", "smart_island", "park", "smart_island", "zone"][:n],
            "district": ["涧西区", "洛龙区", None, float("nan"), "源汇区"][:n],
        },
        geometry=[Point(112.30 + 0.05 * i, 34.60 + 0.02 * i) for i in range(n)],
        crs=4326,
    )


def page_html(layer: FastMarkerLayer) -> str:
    m = folium.Map(location=[34.62, 112.4], zoom_start=10)
    layer.add_to(m)
    folium.LayerControl().add_to(m)
    return str(localize_map(m).get_root().render())


def test_popup_values_are_escaped() -> None:
    layer = fast_marker_layer(carriers(), name="carriers", popup_fields=["name", "district"])
    rows = layer.payload["rows"]
    assert rows[0][0] == EVIL_ESCAPED
    assert rows[2][0] == "say &quot;hi&quot; &amp; &lt;b&gt;bye&lt;/b&gt;"
    assert rows[2][1] == ""  # None
    assert rows[3][1] == ""  # NaN


def test_page_never_contains_raw_markup_from_data() -> None:
    html = page_html(
        fast_marker_layer(
            carriers(),
            name="carriers",
            popup_fields=["name"],
            popup_labels=["<i>名称</i>"],
            tooltip_field="name",
        )
    )
    assert "<img src=x" not in html
    assert "<b>bye" not in html
    assert "<i>名称" not in html
    # Inside the script the escaped text is also JSON-escaped for <script>.
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html
    # Chinese text is written as UTF-8, not as \\uXXXX escapes.
    assert "周山双创智慧岛" in html


def test_payload_round_trips_through_the_page() -> None:
    gdf = carriers()
    layer = fast_marker_layer(gdf, name="carriers", popup_fields=["name"], tooltip_field="category")
    html = page_html(layer)
    match = re.search(r"var d = (\{.*?\});\n", html)
    assert match is not None
    data = json.loads(match.group(1))
    assert data["lat"] == pytest.approx(list(gdf.geometry.y))
    assert data["lon"] == pytest.approx(list(gdf.geometry.x))
    assert data["labels"] == ["name"]
    assert data["tip"] == 1  # the tooltip column follows the popup columns
    assert [row[1] for row in data["rows"]] == list(gdf["category"])


def test_tooltip_reuses_popup_column() -> None:
    layer = fast_marker_layer(carriers(), name="c", popup_fields=["name"], tooltip_field="name")
    assert layer.payload["tip"] == 0
    assert all(len(row) == 1 for row in layer.payload["rows"])


def test_layer_is_a_feature_group_in_the_layer_control() -> None:
    layer = fast_marker_layer(carriers(), name="创新载体", popup_fields=["name"])
    assert isinstance(layer, folium.FeatureGroup)
    assert len(layer) == 5
    html = page_html(layer)
    # LayerControl lists the layer under its name (folium writes it \u-escaped).
    assert json.dumps("创新载体") + " : " + layer.get_name() in html
    assert find_external_assets(html) == []
    assert "/app/static/vendor/leaflet.markercluster/dist/MarkerCluster.Default.css" in html


def test_projected_input_is_reprojected() -> None:
    gdf = carriers().to_crs(3857)
    layer = fast_marker_layer(gdf, name="c")
    assert layer.payload["lat"][0] == pytest.approx(34.60, abs=1e-6)
    assert layer.payload["lon"][0] == pytest.approx(112.30, abs=1e-6)


def test_rows_without_geometry_are_counted() -> None:
    gdf = carriers()
    gdf.loc[1, "geometry"] = None
    layer = fast_marker_layer(gdf, name="c", popup_fields=["name"])
    assert len(layer) == 4
    assert layer.skipped == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(lambda g: g.set_crs(None, allow_override=True), "no CRS", id="no-crs"),
        pytest.param(
            lambda g: g.set_geometry([Polygon([(0, 0), (1, 0), (1, 1)])] * len(g), crs=4326),
            "points only",
            id="polygons",
        ),
    ],
)
def test_bad_geometry_is_refused(change: object, message: str) -> None:
    gdf = change(carriers())  # type: ignore[operator]
    with pytest.raises(LayerDataError, match=message):
        fast_marker_layer(gdf, name="c")


def test_bad_columns_and_colours_are_refused() -> None:
    with pytest.raises(LayerDataError, match="not in the data"):
        fast_marker_layer(carriers(), name="c", popup_fields=["missing"])
    gdf = carriers().assign(colour=["red", "#00ff00", "blue", "x');alert(1)//", "green"])
    with pytest.raises(LayerDataError, match="not colours"):
        fast_marker_layer(gdf, name="c", color_column="colour")
    with pytest.raises(LayerDataError, match="CSS colour"):
        MarkerStyle(color="red;}</style>")
    with pytest.raises(LayerDataError, match="one label per"):
        fast_marker_layer(carriers(), name="c", popup_fields=["name"], popup_labels=[])


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"a": "</script><script>alert(1)</script>", "b": "\u2028", "c": "'"})
    assert "<" not in text and ">" not in text and "'" not in text
    assert "\u2028" not in text
    assert json.loads(text)["a"] == "</script><script>alert(1)</script>"
