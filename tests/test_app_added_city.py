"""A city added to the workspace goes through every page of the app.

许昌市 is not shipped with the plans: added with ``Workspace.add_city`` (what
``carrier-map cities add`` does), given a list and a target, it must be
selectable in the sidebar and every page must work for it.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo_app.config import Settings
from geo_app.inventory import read_carrier_list
from geo_app.workspace import Workspace

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")

LIST = (
    "名称,类型,级别,地址\n"
    "许昌甲众创空间,众创空间,省级,许昌市魏都区某路1号\n"
    "许昌乙孵化器,科技企业孵化器,国家级,许昌市建安区某路2号\n"
    "禹州丙科技园,产业园,,禹州市某路3号\n"
)


@pytest.fixture(scope="module")
def xuchang_file(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    folder = tmp_path_factory.mktemp("xuchang")
    path = folder / "seed.gpkg"
    ws = Workspace.open(path, settings=settings)
    ws.add_city("许昌市", who="测试")
    listing = folder / "xuchang.csv"
    listing.write_text(LIST, encoding="utf-8")
    read = read_carrier_list(listing, covered_cities=[c.name for c in ws.cities()])
    ws.import_carriers(read.carriers, source="xuchang.csv", who="测试")
    ws.add_target(
        {
            "city": "许昌市",
            "subject_zh": "孵化载体",
            "bound": "at_least",
            "min": 5,
            "year": 2025,
            "rule_categories": "incubator",
        },
        who="测试",
    )
    return path


@pytest.fixture
def app(xuchang_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    path = tmp_path / "ws.gpkg"
    shutil.copyfile(xuchang_file, path)
    monkeypatch.setenv("CARRIER_MAP_WORKSPACE", str(path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    at.sidebar.selectbox(key="city-zh").set_value("许昌市").run()
    assert not at.exception and not at.error
    return at


def _page(at: AppTest, page: str) -> None:
    at.radio(key="page").set_value(page).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_the_added_city_is_offered_and_named(app: AppTest) -> None:
    options = app.sidebar.selectbox(key="city-zh").options
    assert options[1:] == ["洛阳市", "漯河市", "许昌市"]
    assert "许昌" in app.title[0].value
    assert app.query_params["city"] in ("xuchang", ["xuchang"])


def test_targets_count_the_added_citys_carriers(app: AppTest) -> None:
    _page(app, "targets")
    table = next(df.value for df in app.dataframe if len(df.value.columns) >= 8)
    row = table.iloc[0]
    assert "许昌" in " ".join(map(str, row.values))
    # The two incubation carriers of the list count; three more are needed.
    assert (str(row["已计入"]), str(row["缺口"])) == ("2", "3")
    _page(app, "inventory")
    assert any("许昌甲众创空间" in str(df.value.to_numpy()) for df in app.dataframe)


def test_analysis_runs_for_the_added_city_without_a_census(app: AppTest) -> None:
    _page(app, "analysis")
    app.select_slider(key="an_cell").set_value(1000).run()  # a coarse grid keeps the test fast
    app.button(key="an_run").click().run()
    deadline = time.monotonic() + 120
    while "an_job" in app.session_state and time.monotonic() < deadline:
        time.sleep(0.2)
        app.run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]


@pytest.mark.parametrize("page", ["map", "siting", "import", "export"])
def test_every_other_page_works_for_the_added_city(app: AppTest, page: str) -> None:
    _page(app, page)
