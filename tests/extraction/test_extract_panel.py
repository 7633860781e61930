"""The upload → review → merge panel, driven with Streamlit's AppTest."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo_app.workspace import Workspace


def _panel_with_upload() -> None:
    """Script: the panel with the uploader replaced by a fixed in-memory file."""
    import streamlit as st

    from geo_app.ui.extract_panel import render_extract_panel

    class _Upload:
        name = st.session_state.get("fake_name", "plan.txt")

        def getvalue(self) -> bytes:
            data: bytes = st.session_state["fake_data"]
            return data

    original = st.file_uploader
    st.file_uploader = lambda *args, **kwargs: _Upload()  # type: ignore[assignment]
    try:
        render_extract_panel(st.session_state.get("fake_lang", "zh"))
    finally:  # the stand-in must not leak into other tests in this process
        st.file_uploader = original  # type: ignore[method-assign]


def _panel_without_upload() -> None:
    from geo_app.ui.extract_panel import render_extract_panel

    render_extract_panel("en")


PLAN = "到2025年,建设科技产业社区不少于20家,加快卓阳科技产业社区建设,加快临港产业园改造升级。"


def _app(data: bytes, name: str = "plan.txt", lang: str = "zh") -> AppTest:
    app = AppTest.from_function(_panel_with_upload, default_timeout=30)
    app.session_state["fake_data"] = data
    app.session_state["fake_name"] = name
    app.session_state["fake_lang"] = lang
    return app.run()


def test_panel_shows_the_uploader_only_before_upload() -> None:
    app = AppTest.from_function(_panel_without_upload, default_timeout=30).run()
    assert not app.exception
    assert app.subheader[0].value == "Extract carriers from a plan"
    assert len(app.button) == 0


def test_upload_review_and_merge() -> None:
    app = _app(PLAN.encode("gbk"))
    assert not app.exception
    assert "2" in app.info[0].value  # two carriers found
    editor, targets = app.dataframe
    assert editor.key is not None and editor.key.startswith("extract_editor_")
    assert list(editor.value["name"]) == ["卓阳科技产业社区", "临港产业园"]
    assert editor.value["accept"].all()
    assert list(targets.value["min"]) == [20.0]
    app.button[0].click().run()
    assert not app.exception
    registry = app.session_state["user_registry"]
    assert isinstance(registry, pd.DataFrame)
    assert set(registry["name_zh"]) == {"卓阳科技产业社区", "临港产业园"}
    assert "新增 2" in app.success[0].value
    app.button[0].click().run()
    assert len(app.session_state["user_registry"]) == 2  # merging again adds nothing


def test_errors_are_shown_not_raised() -> None:
    app = _app(b"", name="empty.txt", lang="en")
    assert not app.exception
    assert "empty" in app.error[0].value
    assert "Cannot read this file" in app.error[0].value


# --- hand-off into the workspace ------------------------------------------

WHO = "Li Lei"
#: A Luoyang plan: a count, a carrier the seeded workspace holds (周山智慧岛 is
#: an alias of 周山双创智慧岛), a new one, and one of 许昌 (a city not covered).
WS_PLAN = (
    "洛阳市科技创新规划\n"
    "到2025年,全市建成科技企业孵化器不少于30家。\n"
    "加快青禾数创科技产业社区建设,推进洛阳周山智慧岛运营。\n"
    "支持许昌市中原电气谷孵化器建设。\n"
)


def _panel_with_workspace(path: str, plan: str) -> None:
    """Script: the panel given a workspace, the uploader replaced by a fixed file."""
    import streamlit as st

    from geo_app.ui.extract_panel import render_extract_panel
    from geo_app.workspace import Workspace

    class _Upload:
        name = "luoyang-plan.txt"

        def getvalue(self) -> bytes:
            return plan.encode("utf-8")

    original = st.file_uploader
    st.file_uploader = lambda *args, **kwargs: _Upload()  # type: ignore[assignment]
    try:
        render_extract_panel(st.session_state.get("fake_lang", "en"), ws=Workspace.open(path))
    finally:
        st.file_uploader = original  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One workspace seeded from the shipped registry (seeding is the slow part)."""
    path = tmp_path_factory.mktemp("seed") / "workspace.gpkg"
    Workspace.open(path)
    return path


@pytest.fixture
def ws_path(seeded: Path, tmp_path: Path) -> Path:
    path = tmp_path / "workspace.gpkg"
    shutil.copy(seeded, path)
    return path


def _ws_app(path: Path) -> AppTest:
    app = AppTest.from_function(
        _panel_with_workspace, args=(str(path), WS_PLAN), default_timeout=60
    )
    app.run()
    assert not app.exception, app.exception
    return app


def _add_button(app: AppTest) -> Any:
    return next(b for b in app.button if b.key and b.key.startswith("extract_ws_add_"))


def test_reviewed_rows_go_into_the_workspace(ws_path: Path) -> None:
    app = _ws_app(ws_path)
    names = list(app.dataframe[0].value["name"])
    assert names == ["青禾数创科技产业社区", "洛阳周山智慧岛", "许昌市中原电气谷孵化器"]
    assert "registry" not in "".join(b.label for b in app.button)  # no session-registry merge
    assert _add_button(app).disabled  # no change without the planner's name
    assert "许昌市" in app.warning[0].value  # uncovered city: said, not refused
    assert "1 more merge" in "".join(c.value for c in app.caption)
    app.text_input(key="ws_who").set_value(WHO).run()
    _add_button(app).click().run()
    assert not app.exception, app.exception
    assert "2 new carriers, 1 merged" in app.success[0].value
    assert "1 new targets" in app.success[0].value

    ws = Workspace.open(ws_path)
    carriers = ws.carriers()
    new = carriers[carriers["origin"] == "plan"].set_index("name_zh")
    assert set(new.index) == {"青禾数创科技产业社区", "许昌市中原电气谷孵化器"}
    assert new.loc["青禾数创科技产业社区", "city"] == "洛阳市"
    assert new.loc["青禾数创科技产业社区", "updated_by"] == WHO
    assert not new.loc["青禾数创科技产业社区", "review"]
    xuchang = new.loc["许昌市中原电气谷孵化器"]
    assert xuchang["city"] == "许昌市" and bool(xuchang["out_of_area"]) and xuchang["review"]
    island = carriers[carriers["aliases"].str.contains("洛阳周山智慧岛", regex=False)]
    assert list(island["id"]) == ["LY-ISL-01"]  # merged, not added twice
    targets = ws.targets()
    plan = targets[targets["origin"] == "plan"]
    assert list(zip(plan["city"], plan["min"], plan["year"], strict=True)) == [("洛阳市", 30, 2025)]
    assert plan["rule_categories"].iloc[0] == "incubator"

    # The same rows again add nothing; the history holds two steps, each undoable.
    assert "0 carriers (0 more merge into carriers already held, 3 were added before)" in "".join(
        c.value for c in app.caption
    )
    _add_button(app).click().run()
    assert not app.exception, app.exception
    assert len(Workspace.open(ws_path).carriers()) == len(carriers)
    assert len(Workspace.open(ws_path).targets()) == len(targets)
    assert Workspace.open(ws_path).undo(who=WHO) is not None


def test_unticked_rows_stay_out_of_the_workspace(ws_path: Path) -> None:
    app = _ws_app(ws_path)
    before = len(Workspace.open(ws_path).carriers())
    editor, targets = app.dataframe
    # The data editor's own edit state, as a planner's unticks leave it.
    untick = {"edited_rows": {1: {"accept": False}, 2: {"accept": False}}}
    app.session_state[str(editor.key)] = {**untick, "added_rows": [], "deleted_rows": []}
    no_target = {"edited_rows": {0: {"accept": False}}, "added_rows": [], "deleted_rows": []}
    app.session_state[str(targets.key)] = no_target
    app.run()
    assert "1 carriers (0 more merge" in "".join(c.value for c in app.caption)
    app.text_input(key="ws_who").set_value(WHO).run()
    _add_button(app).click().run()
    assert not app.exception, app.exception
    carriers = Workspace.open(ws_path).carriers()
    assert len(carriers) == before + 1
    assert list(carriers[carriers["origin"] == "plan"]["name_zh"]) == ["青禾数创科技产业社区"]
    assert (Workspace.open(ws_path).targets()["origin"] != "plan").all()
