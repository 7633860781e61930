"""Streamlit app: the innovation carriers of Luoyang and Luohe on a map, against their plans.

Run with ``streamlit run streamlit_app.py``. The script only reads widgets,
calls the library and renders; all logic lives in geo_app/, geocoding/ and
layers/.
"""

from __future__ import annotations

import logging

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo_app.boundaries import read_boundaries
from geo_app.config import Settings
from geo_app.errors import GeoAppError
from geo_app.model import CATEGORY_LABELS, CITY_LABELS, STATUS_LABELS
from geo_app.pipeline import load_carriers
from geo_app.registry import read_registry, read_targets
from geo_app.targets import gap_table
from layers.carrier_map import PRECISION_TEXT, build_carrier_map

log = logging.getLogger("carrier_map.app")

TEXT = {
    "zh": {
        "title": "洛阳 · 漯河 创新载体地图",
        "caption": "“十四五”规划点名的科技产业社区、智慧岛、孵化载体、产业园区与高新区,及规划目标差距。",
        "city": "城市",
        "both": "洛阳市 + 漯河市",
        "lang": "语言 / Language",
        "targets": "规划目标与已点名/上图数量",
        "unplaced": "未上图的载体",
        "carriers": "载体清单",
        "approx_note": "虚线 ≈ 标记为约略位置:没有可信的精确坐标,标在所在区县(或城市)的代表点,并非实际位置。",
        "error": "出错了:",
        "unexpected": "发生意外错误,页面其余部分仍可使用。详情已写入服务器日志。",
        "cols": {
            "target_id": "编号",
            "city": "城市",
            "category": "类别",
            "subject_zh": "规划对象",
            "target": "目标",
            "year": "年份",
            "existing": "已建成",
            "planned_named": "规划已点名",
            "named": "合计点名",
            "mapped": "已上图",
            "gap": "缺口",
            "share": "完成比例",
            "conflicts_with": "冲突目标",
            "source_file": "来源文件",
            "source_phrase": "原文",
            "id": "编号",
            "name_zh": "名称",
            "name_en": "英文名",
            "status": "状态",
            "admin_district": "区县",
            "precision": "定位精度",
            "reason": "原因",
        },
    },
    "en": {
        "title": "Innovation carriers of Luoyang and Luohe",
        "caption": "Communities, smart islands, incubators, parks and zones named in the 2021–2025 plans, "
        "and how far each city is from its targets.",
        "city": "City",
        "both": "Luoyang + Luohe",
        "lang": "语言 / Language",
        "targets": "Planned counts vs named / mapped",
        "unplaced": "Carriers not on the map",
        "carriers": "Carrier list",
        "approx_note": "Dashed ≈ symbols are approximate: no trustworthy coordinate is known, so the "
        "carrier is drawn at a representative point of its district (or city), not at its site.",
        "error": "Error: ",
        "unexpected": "An unexpected error occurred; the rest of the page still works. "
        "Details are in the server log.",
        "cols": {
            "target_id": "Id",
            "city": "City",
            "category": "Category",
            "subject_zh": "Planned item",
            "target": "Target",
            "year": "Year",
            "existing": "Existing",
            "planned_named": "Planned, named",
            "named": "Named",
            "mapped": "Mapped",
            "gap": "Gap",
            "share": "Reached",
            "conflicts_with": "Conflicts with",
            "source_file": "Source",
            "source_phrase": "Phrase",
            "id": "Id",
            "name_zh": "Name",
            "name_en": "English name",
            "status": "Status",
            "admin_district": "District",
            "precision": "Precision",
            "reason": "Reason",
        },
    },
}


@st.cache_data(show_spinner=False)
def load_data(
    data_dir: str,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame, gpd.GeoDataFrame, pd.DataFrame]:
    """Placed carriers, unplaced carriers, boundaries and the gap table (cached)."""
    settings = Settings.from_env()
    settings = Settings(data_dir=type(settings.data_dir)(data_dir), seeds_dir=settings.seeds_dir)
    layers = load_carriers(settings)
    boundaries = read_boundaries(settings.boundaries_file)
    gaps = gap_table(
        read_targets(settings.targets_file),
        read_registry(settings.registry_file),
        set(layers.placed["id"]),
    )
    return layers.placed, layers.unplaced, boundaries, gaps


def _label_values(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    if "category" in out:
        out["category"] = out["category"].map(lambda c: CATEGORY_LABELS.get(c, {}).get(lang, c))
    if "status" in out:
        out["status"] = out["status"].map(lambda s: STATUS_LABELS.get(s, {}).get(lang, s))
    if "precision" in out:
        out["precision"] = out["precision"].map(lambda p: PRECISION_TEXT.get(p, {}).get(lang, p))
    if "city" in out and lang == "en":
        out["city"] = out["city"].map(lambda c: CITY_LABELS.get(c, {}).get("en", c))
    return out


def render(lang: str, city: str | None) -> None:
    """Draw the page for the chosen language and city."""
    t = TEXT[lang]
    placed, unplaced, boundaries, gaps = load_data(str(Settings.from_env().data_dir))
    left, right = st.columns([3, 2])
    with left:
        fmap = build_carrier_map(placed, boundaries, city=city, lang=lang)
        st_folium(
            fmap,
            key=f"map-{city}-{lang}",
            height=620,
            use_container_width=True,
            returned_objects=[],
        )
        st.caption(t["approx_note"])
    with right:
        st.subheader(t["targets"])
        shown = gaps if city is None else gaps[gaps["city"] == city]
        cols = [
            "city",
            "category",
            "subject_zh",
            "target",
            "existing",
            "planned_named",
            "mapped",
            "gap",
            "share",
            "conflicts_with",
            "source_file",
            "source_phrase",
        ]
        table = _label_values(shown[cols], lang).rename(columns=t["cols"])
        st.dataframe(
            table,
            hide_index=True,
            use_container_width=True,
            column_config={t["cols"]["share"]: st.column_config.ProgressColumn(format="percent")},
        )
    with st.expander(t["carriers"]):
        view = placed if city is None else placed[placed["city"] == city]
        cols = ["id", "name_zh", "name_en", "category", "status", "admin_district", "precision"]
        st.dataframe(
            _label_values(pd.DataFrame(view[cols]), lang).rename(columns=t["cols"]),
            hide_index=True,
            use_container_width=True,
        )
    with st.expander(f"{t['unplaced']} ({len(unplaced)})"):
        view = unplaced if city is None else unplaced[unplaced["city"] == city]
        cols = ["id", "name_zh", "category", "status", "reason"]
        st.dataframe(
            _label_values(view[cols], lang).rename(columns=t["cols"]),
            hide_index=True,
            use_container_width=True,
        )


def main() -> None:
    """Page entry point: widgets, then :func:`render` inside one error boundary."""
    st.set_page_config(page_title="创新载体地图 · Carrier map", layout="wide")
    lang = st.sidebar.radio(
        TEXT["zh"]["lang"],
        options=["zh", "en"],
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
        key="lang",
    )
    t = TEXT[lang]
    st.title(t["title"])
    st.caption(t["caption"])
    choice = st.sidebar.selectbox(
        t["city"],
        options=["both", "洛阳市", "漯河市"],
        format_func=lambda c: t["both"] if c == "both" else CITY_LABELS[c][lang],
        key="city",
    )
    city = None if choice == "both" else choice
    try:
        render(lang, city)
    except GeoAppError as err:
        st.error(f"{t['error']}{err}")
    except Exception:  # the page must never show a traceback
        log.exception("unexpected error while rendering")
        st.error(t["unexpected"])


main()
