"""A planner's own layers as carriers for coverage and site selection."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo_app.analysis.coverage import select_carriers
from geo_app.analysis.sources import category_of, combine_carriers, layer_carriers
from geo_app.errors import GeoAppError

# Inside 洛阳市 (西工区 area), inside 漯河市 (源汇区 area), and in Zhengzhou (outside both).
LUOYANG = (112.44, 34.68)
LUOHE = (114.02, 33.58)
ZHENGZHOU = (113.65, 34.75)


def _layer(rows: list[dict[str, object]], xy: list[tuple[float, float]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry=[shapely.Point(p) for p in xy], crs=4326)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("incubator", "incubator"),
        ("孵化载体", "incubator"),
        ("众创空间", "incubator"),
        ("Smart island", "smart_island"),
        ("洛阳高新区", "zone"),
        ("ＳＭＡＲＴ ＩＳＬＡＮＤ", "smart_island"),  # full-width, as typed in a Chinese sheet
        ("研发中心", None),
        ("", None),
        (None, None),
    ],
)
def test_category_words(value: object, expected: str | None) -> None:
    assert category_of(value) == expected


def test_rows_take_their_own_category_else_their_name_else_the_layers(boundaries) -> None:  # type: ignore[no-untyped-def]
    layer = _layer(
        [
            {"name": "甲", "category": "众创空间", "precision": "point"},
            {"name": "乙科技产业社区", "category": "", "precision": "point"},
            {"name": "丙", "category": None, "precision": "district"},
            {"name": "丁", "category": "研发中心", "precision": "point"},
        ],
        [LUOYANG, LUOYANG, LUOYANG, LUOYANG],
    )
    none = layer_carriers(layer, boundaries, name="mine")
    assert list(none.carriers["category"]) == ["incubator", "community"]
    assert none.n_no_category == 2 and none.n_rows == 4
    parks = layer_carriers(layer, boundaries, name="mine", category="park")
    assert list(parks.carriers["category"]) == ["incubator", "community", "park", "park"]
    assert list(parks.carriers["id"]) == ["mine:2", "mine:3", "mine:4", "mine:5"]
    assert list(parks.carriers["precision"]) == ["point", "point", "district", "point"]


def test_city_comes_from_where_the_point_lies(boundaries) -> None:  # type: ignore[no-untyped-def]
    layer = _layer([{"category": "incubator"}] * 3, [LUOYANG, LUOHE, ZHENGZHOU])
    got = layer_carriers(layer, boundaries, name="x")
    assert list(got.carriers["city"]) == ["洛阳市", "漯河市", ""]
    assert list(got.carriers["out_of_area"]) == [False, False, True]
    assert got.n_outside == 1
    # Coordinates without a precision column count as points and are analysed.
    sel = select_carriers(got.carriers, city="洛阳市")
    assert sel.n_exact == 1 and sel.n_used == 1


def test_unknown_precision_is_not_promoted(boundaries) -> None:  # type: ignore[no-untyped-def]
    layer = _layer([{"category": "park", "precision": "street?"}], [LUOYANG])
    got = layer_carriers(layer, boundaries, name="x")
    sel = select_carriers(got.carriers, include_approximate=True)
    assert sel.n_used == 0


def test_combined_with_the_registry_ids_stay_unique(carrier_layers, boundaries) -> None:  # type: ignore[no-untyped-def]
    layer = _layer([{"category": "incubator"}] * 2, [LUOYANG, LUOHE])
    got = layer_carriers(layer, boundaries, name="孵化器清单")
    both = combine_carriers(carrier_layers.placed, {"孵化器清单": got})
    assert len(both) == len(carrier_layers.placed) + 2
    assert both["id"].is_unique
    assert set(both["source"]) == {"registry", "孵化器清单"}
    only = combine_carriers(None, {"孵化器清单": got})
    assert len(only) == 2 and only.crs.to_epsg() == 4326
    empty = combine_carriers(None, {})
    assert len(empty) == 0 and "category" in empty


def test_bad_layers_are_refused(boundaries) -> None:  # type: ignore[no-untyped-def]
    lines = gpd.GeoDataFrame(geometry=[shapely.LineString([LUOYANG, LUOHE])], crs=4326)
    with pytest.raises(GeoAppError, match="not points"):
        layer_carriers(lines, boundaries, name="x")
    with pytest.raises(GeoAppError, match="no coordinate reference system"):
        layer_carriers(gpd.GeoDataFrame(geometry=[shapely.Point(LUOYANG)]), boundaries, name="x")
    with pytest.raises(GeoAppError, match="unknown carrier category"):
        layer_carriers(_layer([{}], [LUOYANG]), boundaries, name="x", category="lab")


def _choose_script() -> None:
    import geopandas as gpd
    import shapely
    import streamlit as st

    from geo_app.boundaries import read_boundaries
    from geo_app.config import Settings
    from geo_app.pipeline import load_carriers
    from geo_app.ui.import_panel import choose_carriers

    settings = Settings.from_env()
    placed = load_carriers(settings).placed
    boundaries = read_boundaries(settings.data_dir / "boundaries.geojson")
    if st.session_state.get("with_layer"):
        st.session_state["user_layers"] = {
            "我的孵化器": gpd.GeoDataFrame(
                {"name": ["甲众创空间", "乙"], "precision": ["point", "point"]},
                geometry=[shapely.Point(112.44, 34.68), shapely.Point(112.45, 34.67)],
                crs=4326,
            )
        }
    carriers, note = choose_carriers(placed, boundaries, "zh", key="t")
    st.session_state["n"] = len(carriers)
    st.session_state["note"] = note


def test_tab_chooses_registry_and_layers() -> None:
    at = AppTest.from_function(_choose_script, default_timeout=60)
    at.run()
    assert not at.exception
    registry_n = at.session_state["n"]
    assert not at.multiselect  # no layer of the planner's: the registry, silently
    at.session_state["with_layer"] = True
    at.run()
    assert at.multiselect[0].value == ["registry"]
    at.multiselect[0].set_value(["registry", "我的孵化器"]).run()
    assert at.session_state["n"] == registry_n + 1  # 乙 names no category
    assert "1 行无类别未计入" in at.caption[0].value
    at.selectbox[0].set_value("incubator").run()
    assert at.session_state["n"] == registry_n + 2
    assert "我的孵化器" in at.session_state["note"]
