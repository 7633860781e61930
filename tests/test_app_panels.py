"""The map page's panels and state, driven with AppTest.

The map itself is a browser component; here its arguments are read as the
script sent them (``json_args``): where it opens, what is drawn over it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def _app(**state: Any) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception and not at.error
    return at


def _map_args(at: AppTest) -> dict[str, Any]:
    maps = at.get("component_instance")
    assert len(maps) == 1, "the map page shows one map"
    args: dict[str, Any] = json.loads(maps[0].proto.json_args)
    return args


def _page(at: AppTest, page: str) -> None:
    at.radio(key="page").set_value(page).run()
    assert not at.exception and not at.error


def test_search_shows_details_and_zooms_to_the_carrier() -> None:
    at = _app()
    assert _map_args(at)["center"] is None  # a fresh session: the map fits the cities
    at.text_input(key="search").set_value("Liandong").run()
    assert at.selectbox(key="search_pick").value == "LY-COM-01"
    assert any("联东U谷" in md.value for md in at.markdown)
    args = _map_args(at)
    assert args["zoom"] >= 15
    lat, lon = args["center"]
    assert 34.5 < lat < 34.9 and 112.2 < lon < 112.8
    assert "#ffd400" in args["feature_group"]  # the highlight ring
    # The planner moves on (the map reports it), then clears the search: the
    # ring goes, the carrier stays selected, and the map stays where it is.
    at.session_state["map_view"] = (34.70, 112.60, 16)
    at.text_input(key="search").set_value("").run()
    args = _map_args(at)
    assert "#ffd400" not in args["feature_group"]
    assert args["center"] == [34.70, 112.60] and args["zoom"] == 16
    assert at.session_state["selected_id"] == "LY-COM-01"


def test_selected_carrier_and_view_survive_another_page_and_basemap() -> None:
    at = _app(selected_id="LY-ISL-01", map_view=(34.66, 112.43, 13))
    assert at.query_params["at"] == ["34.66,112.43,13"] or at.query_params["at"] == (
        "34.66,112.43,13"
    )
    _page(at, "targets")
    at.sidebar.selectbox(key="basemap-zh").set_value("amap").run()
    assert not at.exception
    _page(at, "map")
    args = _map_args(at)
    assert args["zoom"] == 13
    lat, lon = args["center"]  # drawn on a GCJ-02 basemap: shifted by a few hundred metres
    assert abs(lat - 34.66) < 0.01 and abs(lon - 112.43) < 0.01 and (lat, lon) != (34.66, 112.43)
    assert any("周山双创智慧岛" in md.value for md in at.markdown)


def test_drawn_areas_survive_other_pages_and_return_to_the_map() -> None:
    area = gpd.GeoDataFrame(geometry=[shapely.box(112.0, 34.3, 112.9, 34.9)], crs=4326)
    at = _app(drawn_areas=area)
    captions = " ".join(c.value for c in at.caption)
    assert "框选区域内的载体" in captions
    assert "[112.9,34.3]" in _map_args(at)["feature_group"]  # put back on the map
    _page(at, "targets")
    at.sidebar.selectbox(key="basemap-zh").set_value("amap").run()
    assert at.session_state["drawn_areas"] is area  # not cleared while the map is away
    _page(at, "map")
    live = _map_args(at)["feature_group"]
    assert "drawnItems" in live and "[112.9,34.3]" not in live  # shifted to GCJ-02 for display


@pytest.mark.parametrize("basemap", ["osm", "amap"])
def test_layers_of_other_pages_are_drawn_over_the_same_static_map(basemap: str) -> None:
    layer = folium.FeatureGroup(name="覆盖 &lt;测试&gt;", show=False)
    folium.CircleMarker((34.6, 112.4), radius=4).add_to(layer)
    at = _app()
    at.sidebar.selectbox(key="basemap-zh").set_value(basemap).run()
    before = _map_args(at)
    at.session_state["analysis_layers"] = [layer]
    at.text_input(key="search").set_value("").run()  # any rerun
    after = _map_args(at)
    assert after["key"] == before["key"] and after["script"] == before["script"]
    assert "覆盖 \\u0026lt;测试\\u0026gt;" in after["feature_group"]
    # The stored layer is drawn from a copy: a GCJ-02 shift never changes it.
    assert layer._children[next(iter(layer._children))].location == [34.6, 112.4]


def test_planner_layers_reach_the_map_as_live_layers() -> None:
    points = gpd.GeoDataFrame(
        {"name_zh": ["甲", "乙"]},
        geometry=gpd.points_from_xy([112.40, 112.50], [34.60, 34.70]),
        crs=4326,
    )
    at = _app(user_layers={"mine": points})
    live = _map_args(at)["feature_group"]
    added = re.findall(r"map_div\.addLayer\((\w+)\)", live)
    assert added, live[-400:]
    for name in added:  # each layer added is the one the script declared
        assert f"var {name} = " in live
    assert ": mine (2)" in live


def test_the_map_reads_the_planner_layers_where_the_import_page_keeps_them() -> None:
    from geo_app.ui import import_panel, map_page

    assert map_page.USER_LAYERS_KEY == import_panel.USER_LAYERS_KEY


def test_another_city_opens_on_that_city_not_on_the_last_view() -> None:
    at = _app(map_view=(34.66, 112.43, 13), map_view_city=None)
    assert _map_args(at)["zoom"] == 13
    at.sidebar.selectbox(key="city-zh").set_value("漯河市").run()
    assert not at.exception
    assert _map_args(at)["center"] is None  # the map fits Luohe
    assert "at" not in at.query_params


def test_a_live_layer_with_template_text_is_refused() -> None:
    layer = folium.FeatureGroup(name="{{ 7*7 }}")  # not escaped: must never be rendered
    at = _app()
    at.session_state["analysis_layers"] = [layer]
    at.text_input(key="search").set_value("").run()
    assert not at.exception  # a message, never a traceback
    assert at.error and not at.get("component_instance")


def test_a_searched_carrier_is_kept_as_the_view_the_map_was_sent_to() -> None:
    # The map does not report a view the app set, so the session keeps it:
    # a later basemap switch reopens the map at the searched carrier.
    at = _app()
    at.text_input(key="search").set_value("Liandong").run()
    args = _map_args(at)
    kept = at.session_state["map_view"]
    assert kept[2] == args["zoom"] >= 15
    assert abs(kept[0] - args["center"][0]) < 1e-6 and abs(kept[1] - args["center"][1]) < 1e-6
    at.sidebar.selectbox(key="basemap-zh").set_value("amap").run()
    assert _map_args(at)["zoom"] == kept[2]


def test_the_static_map_does_not_report_a_view_the_app_set() -> None:
    from geo_app.ui.map_view import static_map

    script = static_map(folium.Map(location=[34.6, 112.4], zoom_start=9, tiles=None)).script
    assert "window.initComponent = function" in script  # the opening view is marked as sent
    assert 'map.on("moveend"' in script and "last_center" in script


def test_maps_render_the_same_without_compiling_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import itertools

    import branca.element
    import jinja2

    from geo_app.ui import map_view
    from layers.fast_markers import fast_marker_layer

    placed = gpd.GeoDataFrame(
        {
            "id": ["A", "B"],
            "name_zh": ["甲 {{ x }}", "乙"],  # template text in data stays text
            "city": ["洛阳市", "漯河市"],
        },
        geometry=gpd.points_from_xy([112.40, 114.0], [34.60, 33.58]),
        crs=4326,
    )

    def render(template: object) -> map_view.StaticMap:
        ids = itertools.count()
        monkeypatch.setattr(branca.element, "Template", template)
        monkeypatch.setattr(
            branca.element.Element, "_generate_id", classmethod(lambda cls: f"{next(ids):032x}")
        )
        fmap = folium.Map(location=[34.6, 112.4], zoom_start=9, tiles=None)
        fast_marker_layer(placed, name="c\r\n", popup_fields=["name_zh"]).add_to(fmap)
        folium.Element("<style>a {color: red}</style>\n").add_to(fmap.get_root().header)
        return map_view.static_map(fmap)

    assert render(map_view._element_template) == render(jinja2.Template)
