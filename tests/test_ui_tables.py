"""Result tables as a planner reads them (labels, whole numbers, percentages, dashes)."""

from __future__ import annotations

import pandas as pd

from geo_app.ui.tables import display_frame


def test_counts_shares_and_empty_values() -> None:
    frame = pd.DataFrame(
        {
            "name": ["西工区", "嵩县"],
            "category": ["incubator", "park"],
            "population": [379529.526, 538467.2],
            "share_area": [0.3042, 0.0],
            "gap": [3, None],
            "share": [0.5, None],
            "target": ["3 named", "≥ 20"],
            "basis": ["population", "named"],
        }
    )
    zh, config = display_frame(frame, list(frame.columns), "zh")
    assert list(zh.columns) == [
        "区县",
        "类别",
        "人口",
        "面积覆盖率",
        "缺口",
        "完成比例",
        "目标",
        "分配依据",
    ]
    assert zh["人口"].tolist() == [379530, 538467] and zh["人口"].dtype.kind == "i"
    assert zh["缺口"].tolist() == ["3", "—"]  # a column with an empty value is text, dash for it
    assert zh["完成比例"].tolist() == ["50%", "—"]
    assert zh["目标"].tolist() == ["3 个(点名)", "≥ 20"]
    assert zh["类别"].tolist() == ["孵化载体", "产业园区"]
    assert zh["分配依据"].tolist() == ["按人口", "规划点名"]
    assert set(config) == {
        "人口",
        "面积覆盖率",
    }  # numeric columns keep numbers, formatted on screen
    en, _ = display_frame(frame, ["name", "share_area", "category"], "en")
    assert list(en.columns) == ["District", "Share of area within reach", "Category"]
    assert en["Category"].tolist() == ["Incubator", "Park"]


def test_area_demand_keeps_decimals() -> None:
    frame = pd.DataFrame({"demand": [12.34, 5.0]})
    out, config = display_frame(frame, ["demand"], "en", kinds={"demand": "km2"})
    assert out["Demand"].tolist() == [12.34, 5.0] and "Demand" in config
