"""The analysis panel in Streamlit (AppTest): controls, tables, charts, layers, errors.

The analysis runs on *Run analysis* only, and its result is kept by its inputs.
"""

from __future__ import annotations

import time

from streamlit.testing.v1 import AppTest

from geo_app.analysis.coverage import CARRIER_CATEGORIES, DEFAULT_RADII_M


def _panel_script() -> None:
    from pathlib import Path

    import folium
    import geopandas as gpd
    import numpy as np
    import shapely
    import streamlit as st

    from geo_app.boundaries import read_boundaries
    from geo_app.registry import read_targets
    from geo_app.ui.analysis_panel import render_analysis_panel

    data = Path.cwd() / "data"
    boundaries = read_boundaries(data / "boundaries.geojson")
    targets = read_targets(data / "targets.csv")
    city = st.session_state.get("test_city", "漯河市")
    luohe = boundaries[boundaries["city"] == "漯河市"]
    rng = np.random.default_rng(3)
    west, south, east, north = luohe.total_bounds
    pts = rng.uniform([west, south], [east, north], size=(40, 2))
    inside = shapely.contains_xy(shapely.union_all(luohe.geometry.to_numpy()), pts[:, 0], pts[:, 1])
    pts = pts[inside]
    n = len(pts)
    carriers = gpd.GeoDataFrame(
        {
            "id": [f"LH-T-{i}" for i in range(n)],
            "name_zh": [f"<b>载体{i}</b>" for i in range(n)],
            "name_en": "",
            "category": np.resize(["park", "incubator", "community", "zone"], n),
            "city": "漯河市",
            "admin_district": "",
            "status": np.resize(["existing", "planned"], n),
            "out_of_area": False,
            "precision": np.resize(["point", "point", "district"], n),
        },
        geometry=shapely.points(pts),
        crs=4326,
    )
    layers = render_analysis_panel(carriers, boundaries, targets, city=city, lang="zh")
    fmap = folium.Map(location=[33.6, 114.0], zoom_start=9)
    for layer in layers:
        layer.add_to(fmap)
    st.session_state["n_layers"] = len(layers)
    st.session_state["html_len"] = len(fmap.get_root().render())


def _finish(at: AppTest) -> AppTest:
    """Rerun until the analysis started has ended (it runs in a worker thread)."""
    deadline = time.monotonic() + 120
    while "an_job" in at.session_state and time.monotonic() < deadline:
        time.sleep(0.2)
        at.run()
    assert "an_job" not in at.session_state
    return at


def _press_run(at: AppTest) -> AppTest:
    at.button(key="an_run").click().run()
    return _finish(at)


def _coarse(at: AppTest) -> AppTest:
    """Open the panel and choose the coarsest grid (keeps the test fast), as a planner would."""
    at.run()
    at.select_slider(key="an_cell").set_value(1000).run()
    return at


def _app() -> AppTest:
    return _press_run(_coarse(AppTest.from_function(_panel_script, default_timeout=120)))


def test_panel_shows_assumption_tables_charts_and_returns_layers() -> None:
    at = _app()
    assert not at.exception and not at.error
    # The population assumption, on screen in the panel's language, with each district's basis.
    assert "2020年第七次全国人口普查" in at.info[0].value
    assert "郾城区: 源汇区+郾城区+召陵区2020年普查总数减去其余区县" in at.info[0].value
    assert at.session_state["n_layers"] == 6
    assert at.session_state["html_len"] > 10_000
    frames = [df.value for df in at.dataframe]
    assert len(frames) >= 4  # coverage, density, city targets, district allocation
    coverage = frames[0]  # columns named in the panel's language, counts as whole numbers
    assert coverage["面积覆盖率"].between(0, 1).all()
    assert set(coverage["区县"]) == {"源汇区", "郾城区", "召陵区", "舞阳县", "临颍县"}
    assert coverage["人口"].dtype.kind == "i"
    targets = frames[2]
    assert not targets.astype(str).isin(["None", "nan", "<NA>"]).any().any()
    assert not targets["目标"].str.contains("named").any()
    assert any("未纳入" in c.value for c in at.caption)


def test_panel_controls_change_the_result() -> None:
    at = _app()
    before = at.dataframe[0].value["面积覆盖率"].sum()
    at.checkbox(key="an_approx").check()
    at.number_input(key="an_r_park").set_value(8.0)
    at.radio(key="an_basis").set_value("area").run()
    assert not at.exception and not at.error
    assert at.dataframe[0].value["面积覆盖率"].sum() == before  # nothing recomputed yet
    assert any("设置已更改" in w.value for w in at.warning)
    _press_run(at)
    after = at.dataframe[0].value["面积覆盖率"].sum()
    assert after > before
    alloc = at.dataframe[-1].value
    assert set(alloc["分配依据"]) <= {"按面积", "规划点名"}
    assert "按面积" in set(alloc["分配依据"])


def test_every_setting_declares_its_default_to_the_browser() -> None:
    """What the page tells the browser a setting starts from is its real default.

    A default seeded through the session state only was declared to the
    browser as an empty one (no category at all: nothing analysed) wherever
    the browser did not hold the value itself.
    """
    at = AppTest.from_function(_panel_script, default_timeout=120)
    at.run()
    assert not at.warning  # no value is both declared and seeded
    cats = at.multiselect(key="an_categories")
    assert [cats.options[i] for i in cats.proto.default] == cats.options
    assert len(cats.options) == len(CARRIER_CATEGORIES)
    assert at.number_input(key="an_r_park").proto.default == DEFAULT_RADII_M["park"] / 1000
    assert list(at.select_slider(key="an_cell").proto.default) == [1]  # 250 m
    assert list(at.slider(key="an_h3").proto.default) == [7]
    assert list(at.slider(key="an_bw").proto.default) == [2.0]
    assert at.checkbox(key="an_approx").proto.default is False
    assert at.radio(key="an_basis").proto.default == 0
    assert at.radio(key="an_measure").proto.default == 0


def test_panel_errors_are_shown_not_raised() -> None:
    at = AppTest.from_function(_panel_script, default_timeout=120)
    at.session_state["test_city"] = "郑州市"  # no boundaries for this city
    _press_run(_coarse(at))
    assert not at.exception
    assert at.error and "郑州市" in at.error[0].value
    assert at.session_state["n_layers"] == 0


def test_nothing_runs_until_asked() -> None:
    at = _coarse(AppTest.from_function(_panel_script, default_timeout=120))
    assert not at.exception and not at.error
    assert "an_results" not in at.session_state
    assert not at.dataframe
    assert at.session_state["n_layers"] == 0


def test_same_inputs_show_the_kept_result_and_a_change_waits_for_run() -> None:
    at = _app()
    results = at.session_state["an_results"]
    assert len(results) == 1
    first = next(iter(results.values()))
    # A rerun, and pressing Run again with the same inputs, compute nothing.
    at.run()
    _press_run(at)
    assert list(at.session_state["an_results"].values()) == [first]
    # Another setting: the old result stays on screen, marked, until Run.
    at.number_input(key="an_r_community").set_value(5.0).run()
    assert len(at.session_state["an_results"]) == 1
    assert any("设置已更改" in w.value for w in at.warning)
    _press_run(at)
    assert len(at.session_state["an_results"]) == 2
    assert not at.warning
    # Back to the first settings: that result shows at once, without a run.
    at.number_input(key="an_r_community").set_value(1.5).run()
    assert "an_job" not in at.session_state
    assert not at.warning
    assert len(at.session_state["an_results"]) == 2
    assert at.session_state["n_layers"] == 6
