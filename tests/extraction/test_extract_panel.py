"""The upload → review → merge panel, driven with Streamlit's AppTest."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest


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


PLAN = "到2025年,建设科技产业社区不少于20家,加快卓阳科技产业社区建设,推动临港产业园改造升级。"


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
