"""The import-and-geocode panel, driven with Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

if TYPE_CHECKING:
    from conftest import ProviderServer


def _app() -> None:
    from geo_app.ui.geocode_panel import render_geocode_panel

    render_geocode_panel("en")


@pytest.fixture
def app(server: ProviderServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    for key, value in server.env(cache_path=tmp_path / "cache.sqlite3").items():
        monkeypatch.setenv(key, value)
    # Another module's test may have swapped st.file_uploader for a fake without
    # restoring it; make sure the real widget is used here.
    monkeypatch.setattr(st, "file_uploader", st._main.file_uploader)
    return AppTest.from_function(_app, default_timeout=30)


def test_upload_locate_review_and_add_layer(app: AppTest, server: ProviderServer) -> None:
    app.run()
    assert not app.exception
    text = "名称,地址\n卓阳科技产业社区,洛阳市涧西区\nNORESULT 空间,\nZhoushan smart island,\n"
    app.file_uploader[0].upload("incubators.csv", text.encode("gbk"), "text/csv")
    app.run()
    assert not app.exception and not app.error
    assert any("gbk" in c.value for c in app.caption)
    app.multiselect(key="geocode_providers").set_value(["amap"])
    app.button(key="geocode_run").click()
    app.run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert "3 rows, 1 on the map, 2 to review" in app.info[0].value
    assert len(server.requests) == 3
    assert len(app.dataframe) == 1  # the review editor
    app.text_input(key="geocode_layer_name").set_value("my incubators")
    app.button(key="geocode_add").click()
    app.run()
    layer = app.session_state["user_layers"]["my incubators"]
    assert isinstance(layer, gpd.GeoDataFrame) and len(layer) == 1
    assert layer.crs.to_epsg() == 4326
    assert all(s not in str(app) for s in server.secrets.values())


def test_bad_file_shows_an_error_not_a_traceback(app: AppTest) -> None:
    app.run()
    app.file_uploader[0].upload("x.csv", b"\xff\xfe\x00\xd8\x81", "text/csv")
    app.run()
    assert not app.exception
    assert app.error and "Could not finish" in app.error[0].value
    # The file is named as the planner knows it, not by its temporary copy's path.
    assert "x.csv" in app.error[0].value and "/tmp" not in app.error[0].value
