"""The Streamlit script, driven through every control with AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize("city", ["all", "洛阳市", "漯河市"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_app_runs_for_each_city_and_language(city: str, lang: str) -> None:
    at = _app()
    at.sidebar.radio(key="lang").set_value(lang).run()
    at.sidebar.selectbox(key=f"city-{lang}").set_value(city).run()
    assert not at.exception and not at.error
    assert at.title[0].value.startswith("洛阳" if lang == "zh" else "Innovation")
    # Beside the map: planned vs named vs mapped per category, with the gap.
    tables = [df.value for df in at.dataframe]
    summary = next(df for df in tables if df.shape[1] <= 6 and df.columns[-1] in ("缺口", "Gap"))
    assert len(summary) >= 1
    at.radio(key="page").set_value("targets").run()
    assert not at.exception and not at.error
    targets = next(df.value for df in at.dataframe if df.value.shape[1] >= 10)
    if city != "all":
        expected = {"洛阳市": {"洛阳市", "Luoyang"}, "漯河市": {"漯河市", "Luohe"}}[city]
        assert set(targets[targets.columns[1]]) <= expected
    assert at.query_params.get("lang", ["zh"]) in (["en"], "en", ["zh"], "zh") or lang == "zh"


def test_basemap_and_layer_controls() -> None:
    at = _app()
    at.sidebar.selectbox(key="basemap-zh").set_value("amap").run()
    assert not at.exception and not at.error
    assert any("GCJ-02" in info.value for info in at.info)
    at.sidebar.multiselect(key="shown-zh").set_value(["community", "zone"]).run()
    assert not at.exception
    assert "park" in str(at.query_params.get("hide"))
    # Switching language keeps the view (the layers, the basemap).
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.sidebar.multiselect(key="shown-en").value == ["community", "zone"]
    assert at.sidebar.selectbox(key="basemap-en").value == "amap"


def test_search_selects_a_carrier() -> None:
    at = _app()
    at.text_input(key="search").set_value("Zhoushan").run()
    assert not at.exception and not at.error
    assert at.selectbox(key="search_pick").value == "LY-ISL-01"
    assert any("周山双创智慧岛" in md.value for md in at.markdown)


def test_shared_link_opens_the_same_view() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["city"] = "luohe"
    at.query_params["lang"] = "en"
    at.query_params["basemap"] = "amap"
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="city-en").value == "漯河市"
    assert at.sidebar.radio(key="lang").value == "en"
    assert at.sidebar.selectbox(key="basemap-en").value == "amap"


def test_table_category_filter_and_exports() -> None:
    at = _app()
    at.radio(key="page").set_value("targets").run()
    at.multiselect(key="table_categories").set_value(["zone"]).run()
    assert not at.exception and not at.error
    at.radio(key="page").set_value("export").run()
    assert at.query_params.get("view") in (["export"], "export")
    assert at.selectbox(key="export_category").value == "community"
    at.selectbox(key="export_category").set_value("zone").run()
    assert not at.exception


def test_only_the_page_shown_is_computed() -> None:
    """The map page does not run the analysis; its layers reach the map once it ran."""
    at = _app()
    assert "analysis_layers" not in at.session_state  # the analysis has not run
    assert at.radio(key="page").value == "map"
    at.radio(key="page").set_value("analysis").run()
    assert not at.exception
    assert at.query_params.get("view") in (["analysis"], "analysis")
    with pytest.raises(KeyError):  # the map page is not drawn meanwhile
        at.text_input(key="search")
    assert "analysis_layers" in at.session_state
    at.radio(key="page").set_value("map").run()
    assert not at.exception and not at.error


def test_a_link_opens_its_page() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["view"] = "targets"
    at.run()
    assert not at.exception
    assert at.radio(key="page").value == "targets"
    assert at.multiselect(key="table_categories") is not None
