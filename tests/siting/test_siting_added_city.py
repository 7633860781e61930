"""Site selection in the app for a city added to the workspace (许昌市, no census figure)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo_app.config import Settings
from geo_app.inventory import read_carrier_list
from geo_app.siting.session import SitingSession
from geo_app.ui.siting_panel import SESSION_KEY
from geo_app.workspace import Workspace

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
XUCHANG_UNITS = {"魏都区", "建安区", "禹州市", "长葛市", "鄢陵县", "襄城县"}
LIST = (
    "名称,类型,级别,地址\n"
    "许昌甲众创空间,众创空间,省级,许昌市魏都区某路1号\n"
    "许昌乙孵化器,科技企业孵化器,国家级,许昌市建安区某路2号\n"
)


@pytest.fixture
def app(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    path = tmp_path / "ws.gpkg"
    workspace = Workspace.open(path, settings=settings)
    workspace.add_city("许昌市", who="测试")
    listing = tmp_path / "xuchang.csv"
    listing.write_text(LIST, encoding="utf-8")
    read = read_carrier_list(listing, covered_cities=[c.name for c in workspace.cities()])
    workspace.import_carriers(read.carriers, source="xuchang.csv", who="测试")
    monkeypatch.setenv("CARRIER_MAP_WORKSPACE", str(path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.sidebar.selectbox(key="city-zh").set_value("许昌市").run()
    at.radio(key="page").set_value("siting").run()
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    return at


def test_site_selection_runs_for_an_added_city(app: AppTest) -> None:
    app.selectbox(key="siting_category").set_value("incubator").run()
    app.number_input(key="siting_n_incubator").set_value(2)
    app.radio(key="siting_model").set_value("greedy")
    app.number_input(key="siting_sp").set_value(4000.0)
    app.button(key="siting_run").click().run()
    deadline = time.monotonic() + 120  # the run is in a worker thread
    while "siting_job" in app.session_state and time.monotonic() < deadline:
        time.sleep(0.2)
        app.run()
    assert "siting_job" not in app.session_state
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    session = app.session_state[SESSION_KEY]
    assert isinstance(session, SitingSession)
    assert session.inputs.city == "许昌市" and session.inputs.demand == "area"
    sites = session.result.sites
    assert len(sites) == 2 and set(sites["district"]) <= XUCHANG_UNITS
    assert set(session.result.districts["district"]) == XUCHANG_UNITS
    # The page says the city has no census figure and works by area.
    captions = " ".join(c.value for c in app.caption)
    assert "没有引用的普查人口" in captions or "No census population" in captions
