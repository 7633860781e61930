"""The siting panel driven by Streamlit's AppTest (no browser)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo_app.siting.session import SitingSession, session_text
from geo_app.ui.siting_panel import REOPENED_SESSION_KEY, SESSION_KEY, note_text

REPO = Path(__file__).resolve().parents[2]


def _panel_app() -> None:
    import streamlit as st

    from geo_app.boundaries import read_boundaries
    from geo_app.config import Settings
    from geo_app.pipeline import load_carriers
    from geo_app.registry import read_registry, read_targets
    from geo_app.targets import gap_table
    from geo_app.ui.siting_panel import render_siting_panel

    settings = Settings()
    layers = load_carriers(settings)
    gaps = gap_table(
        read_targets(settings.targets_file),
        read_registry(settings.registry_file),
        set(layers.placed["id"]),
    )
    out = render_siting_panel(
        layers.placed,
        read_boundaries(settings.boundaries_file),
        gaps,
        city="漯河市",
        lang="en",
        settings=settings,
    )
    st.caption(f"layers returned: {len(out)}")


def _finish(at: AppTest) -> AppTest:
    """Rerun until the run started has ended (it runs in a worker thread)."""
    deadline = time.monotonic() + 120
    while "siting_job" in at.session_state and time.monotonic() < deadline:
        time.sleep(0.2)
        at.run()
    assert "siting_job" not in at.session_state
    return at


def _run_greedy(at: AppTest, n: int) -> SitingSession:
    at.selectbox(key="siting_category").set_value("incubator").run()
    at.number_input(key="siting_n_incubator").set_value(n)
    at.radio(key="siting_model").set_value("greedy")
    at.number_input(key="siting_sp").set_value(3000.0)
    at.button(key="siting_run").click().run()
    _finish(at)
    assert not at.exception and not at.error
    session = at.session_state[SESSION_KEY]
    assert isinstance(session, SitingSession) and len(session.result.sites) == n
    return session


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_function(_panel_app, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_panel_runs_greedy_and_offers_downloads(app: AppTest) -> None:
    app.selectbox(key="siting_category").set_value("incubator").run()
    app.number_input(key="siting_n_incubator").set_value(3)
    app.radio(key="siting_model").set_value("greedy")
    app.number_input(key="siting_sp").set_value(3000.0)
    app.number_input(key="siting_ms").set_value(4000.0)
    app.button(key="siting_run").click().run()
    _finish(app)
    assert not app.exception
    assert not app.error
    assert "greedy" in app.success[0].value
    tables = [d for d in app.dataframe if d.key is None]  # the quota editor has a key
    assert len(tables) == 2
    assert len(tables[0].value) == 3
    assert list(tables[0].value["Rank"]) == [1, 2, 3]  # labelled columns, whole numbers
    assert "Share of people within reach" not in tables[1].value.columns
    assert {"District", "Within reach after", "Share after"} <= set(tables[1].value.columns)
    assert any("layers returned: 3" in c.value for c in app.caption)
    # The result says which population the resident counts rest on.
    assert any(c.value.startswith("Population: 2020 census") for c in app.caption)
    assert app.get("file_uploader")  # the population-grid upload is offered


def test_panel_shows_errors_without_traceback(app: AppTest, tmp_path: Path) -> None:
    app.selectbox(key="siting_category").set_value("park").run()
    app.number_input(key="siting_n_park").set_value(5)
    app.number_input(key="siting_sp").set_value(3000.0)
    app.number_input(key="siting_ms").set_value(100_000.0)
    app.radio(key="siting_model").set_value("greedy")
    app.button(key="siting_run").click().run()
    _finish(app)
    assert not app.exception
    assert app.error and "Site selection failed" in app.error[0].value


@pytest.mark.parametrize(
    ("note", "zh"),
    [
        ("CBC ran 80.4 s.", "CBC 求解用时 80.4 秒。"),
        ("LP relaxation solved by HiGHS in 2.1 s.", "LP 松弛上界由 HiGHS 求得,用时 2.1 秒。"),
        (
            "LP relaxation not solved (instance too large or too slow).",
            "LP 松弛未求解(规模过大或耗时过长)。",
        ),
        (
            "Demand merged into 5000 m cells for the p-median (1,234 points); "
            "coverage is evaluated on the full grid.",
            "P 中值模型将需求合并为 5000 米网格(1,234 个点);覆盖率按完整网格计算。",
        ),
        (
            "Greedy guarantee for these rules: at least 1 − 1/e (63.2 %) of the optimal gain.",
            "贪心解的保证:至少达到最优新增覆盖的 1 − 1/e(63.2%)。",
        ),
        (
            "Greedy guarantee for these rules: no constant-factor guarantee under a minimum spacing.",
            "设置了最小间距,贪心解没有常数倍的保证。",
        ),
    ],
)
def test_result_notes_read_in_chinese(note: str, zh: str) -> None:
    assert note_text(note, "zh") == zh
    assert note_text(note, "en") == note


def test_every_note_the_models_write_has_a_chinese_form() -> None:
    """The notes written by the models (read from their source) all match a pattern."""
    source = (REPO / "geo_app" / "siting" / "models.py").read_text(encoding="utf-8")
    assert (
        source.count("notes.append(") + source.count("notes.insert(") == 3
    )  # a new note needs a Chinese form in geo_app/ui/siting_panel.py or the catalogue


@pytest.mark.parametrize(
    ("code", "params"),
    [
        ("solver.note.ran", {"solver": "HiGHS", "seconds": "8.7", "budget": "9.1", "gap": "0.12%"}),
        ("solver.note.overran", {"solver": "CBC", "seconds": "31.0"}),
        (
            "solver.note.pmedian_demand",
            {"demand_cell": "5,000", "n_demand": "612", "cap": "200,000"},
        ),
        (
            "solver.note.pmedian_sized",
            {
                "cap": "200,000",
                "demand_cell": "12,207",
                "n_demand": "118",
                "site_cell": "2,441",
                "n_sites": "1,650",
                "n_sites_all": "15,102",
            },
        ),
    ],
)
def test_solver_notes_read_in_chinese_from_the_catalogue(code: str, params: dict[str, str]) -> None:
    from geo_app.messages import render_message
    from geo_app.siting.solvers import solver_note

    note = solver_note(code, **params)
    assert note_text(note, "zh") == render_message(code, "zh", params)
    assert note_text(note, "en") == note
    assert all(v in note_text(note, "zh") for v in params.values())


def test_uploaded_areas_without_a_polygon_name_their_file(app: AppTest) -> None:
    """A damaged areas file is reported with its own name, before any run."""
    points = b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
    points += b' "geometry": {"type": "Point", "coordinates": [114.0, 33.6]}}]}'
    app.file_uploader(key="siting_up_include").upload("zone.geojson", points, "application/json")
    app.run()
    assert not app.exception
    assert app.error and "zone.geojson" in app.error[0].value


def test_sites_only_inside_drawn_areas_without_any_is_refused(app: AppTest) -> None:
    """No area drawn: the run is refused with a message, the previous result stays."""
    before = _run_greedy(app, 2)
    app.radio(key="siting_drawn").set_value("include")
    app.button(key="siting_run").click().run()
    assert not app.exception
    assert "siting_job" not in app.session_state  # nothing started
    assert app.error and "needs an area" in app.error[0].value
    assert app.session_state[SESSION_KEY] is before


def test_a_run_inside_a_drawn_area_shows_the_area_it_used() -> None:
    def script() -> None:
        import streamlit as st

        from geo_app.boundaries import read_boundaries
        from geo_app.config import Settings
        from geo_app.pipeline import load_carriers
        from geo_app.registry import read_registry, read_targets
        from geo_app.targets import gap_table
        from geo_app.ui.siting_panel import render_siting_panel

        settings = Settings()
        layers = load_carriers(settings)
        gaps = gap_table(
            read_targets(settings.targets_file),
            read_registry(settings.registry_file),
            set(layers.placed["id"]),
        )
        ring = [[113.95, 33.5], [114.1, 33.5], [114.1, 33.65], [113.95, 33.65], [113.95, 33.5]]
        drawn = [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ]
        out = render_siting_panel(
            layers.placed,
            read_boundaries(settings.boundaries_file),
            gaps,
            city="漯河市",
            lang="en",
            settings=settings,
            drawn=drawn,
        )
        st.caption("layer names: " + " | ".join(str(layer.layer_name) for layer in out))

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    at.radio(key="siting_drawn").set_value("include")
    session = _run_greedy(at, 2)
    assert session.inputs.include_areas is not None
    assert any("sites only inside 1 area(s)" in c.value for c in at.caption)
    assert any("Areas the site selection used" in c.value for c in at.caption)
    xy = session.result.sites_gdf().geometry
    assert ((xy.x >= 113.95) & (xy.x <= 114.1) & (xy.y >= 33.5) & (xy.y <= 33.65)).all()


def test_a_reopened_session_is_shown_beside_and_never_replaces_a_newer_run(app: AppTest) -> None:
    older = _run_greedy(app, 2)
    saved = session_text(older).encode("utf-8")
    newer = _run_greedy(app, 3)
    app.file_uploader(key="siting_reopen").upload("older.session.json", saved, "application/json")
    app.run()
    assert not app.exception and not app.error
    # This page's result is still the newer run; the reopened one has its own section.
    assert app.session_state[SESSION_KEY] is newer
    reopened = app.session_state[REOPENED_SESSION_KEY]
    assert len(reopened.result.sites) == 2
    assert any("Reopened session" in h.value for h in app.subheader)
    # Each section offers its own downloads, under its own keys.
    keys = {b.proto.id for b in app.get("download_button")}
    assert len(keys) == 8
    assert any("layers returned: 6" in c.value for c in app.caption)
    # A later run of this page replaces this page's result, not the reopened one;
    # the same uploaded file does not come back over it on later reruns.
    latest = _run_greedy(app, 4)
    app.run()
    assert app.session_state[SESSION_KEY] is latest
    assert len(app.session_state[REOPENED_SESSION_KEY].result.sites) == 2


def test_a_running_selection_shows_its_stage_and_can_be_cancelled(app: AppTest) -> None:
    """While a run works the panel shows its stage and a cancel; a cancel keeps the result."""
    import threading

    from geo_app.analysis.jobs import Job

    before = _run_greedy(app, 2)
    release = threading.Event()

    def work(job: Job) -> None:
        job.stage("solve")
        while not job.cancelled and not release.is_set():
            time.sleep(0.02)
        job.stage("result")  # raises once cancelled

    app.session_state["siting_job"] = Job.start(
        work, stages=("grid", "demand", "candidates", "model", "solve", "result")
    )
    app.run()
    assert not app.exception
    assert any("Solving (step 5 of 6" in p.proto.text for p in app.get("progress"))
    assert app.button(key="siting_run").disabled  # one run at a time
    app.button(key="siting_job_cancel").click().run()
    _finish(app)
    release.set()
    assert not app.exception and not app.error
    assert any("Cancelled: the previous result stays" in i.value for i in app.info)
    assert app.session_state[SESSION_KEY] is before
