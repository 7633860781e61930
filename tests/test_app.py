"""The Streamlit script runs for every city and language choice (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


@pytest.mark.parametrize("city", ["both", "洛阳市", "漯河市"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_app_runs_for_each_city(city: str, lang: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    at.sidebar.radio(key="lang").set_value(lang).run()
    at.sidebar.selectbox(key="city").set_value(city).run()
    assert not at.exception
    assert not at.error
    assert len(at.dataframe) >= 1
    table = at.dataframe[0].value
    if city != "both":
        city_col = table.columns[0]
        expected = {"洛阳市": {"洛阳市", "Luoyang"}, "漯河市": {"漯河市", "Luohe"}}[city]
        assert set(table[city_col]) <= expected
