"""The app's coverage, density and target-gap panel.

:func:`render_analysis_panel` reads its controls, runs
:func:`geo_app.analysis.run.run_analysis` and shows the tables and charts; it
returns the folium layers for the app to add to its map. Errors of the
product are shown with ``st.error``, never as a traceback.
"""

from __future__ import annotations

import hashlib
from types import MappingProxyType
from typing import Any

import altair as alt
import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo_app.analysis.allocation import Basis
from geo_app.analysis.coverage import (
    CARRIER_CATEGORIES,
    DEFAULT_RADII_M,
    coverage_polygons,
    mean_distance_km,
)
from geo_app.analysis.export import result_layers, result_tables
from geo_app.analysis.grid import Grid
from geo_app.analysis.population import read_district_population
from geo_app.analysis.run import (
    AnalysisOptions,
    AnalysisResult,
    city_grid,
    city_population,
    run_analysis,
)
from geo_app.config import Settings
from geo_app.errors import GeoAppError
from geo_app.model import CATEGORY_LABELS
from geo_app.storage import store_upload
from geo_app.targets import gap_table
from geo_app.ui.i18n import error_text
from geo_app.ui.markdown import plain
from geo_app.ui.panels import GAP_TABLE_COLUMNS
from geo_app.ui.tables import RESULT_COLUMNS, display_frame, show_table, target_text
from layers.analysis_layers import analysis_layers
from layers.files import csv_bytes, geojson_text

__all__ = ["render_analysis_panel"]

_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "settings": "分析设置",
        "categories": "参与覆盖与密度分析的载体类别",
        "radius": "{cat} 服务半径(公里)",
        "approx": "包含区县级约略位置的载体",
        "approx_help": "这些载体只知道所在区县,点位是区县代表点,并非实际位置。",
        "cell": "网格边长(米)",
        "h3": "H3 六边形分辨率",
        "bandwidth": "核密度带宽(公里)",
        "basis": "目标分解到区县的依据",
        "population": "人口",
        "area": "面积",
        "measure": "分级设色指标",
        "per_100k": "每10万人载体数",
        "per_km2": "每平方公里载体数",
        "pop_grid": "人口网格(可选:CSV 点 lon,lat,weight 或 GeoTIFF),替代均匀分布",
        "pop_assumption": "人口假设:",
        "used": "参与分析的载体 {used} 个(精确位置 {exact},区县级约略位置 {approx});"
        "未纳入:区县级约略位置 {excluded},仅知城市 {city},市外 {out}。",
        "none_used": "当前没有可用于分析的载体:勾选“包含区县级约略位置的载体”、选择其他类别,"
        "或在“导入”页上传带坐标的载体清单后在上方选用。",
        "coverage": "各区县服务覆盖",
        "coverage_chart": "覆盖占比(面积 / 人口)",
        "density": "各区县载体密度",
        "targets": "规划目标与现状(全市)",
        "targets_chart": "已有与点名数量 / 规划目标",
        "allocation": "目标分解到区县与缺口",
        "pick_target": "选择目标",
        "gap_chart": "各区县缺口",
        "downloads": "下载分析结果",
        "untracked": "该目标的子类(如“省级”)未在载体清单中记录,无法统计缺口。",
        "radii_note": "服务半径为规划假设:社区 1.5 km(15 分钟生活圈),孵化载体 3 km,"
        "智慧岛与产业园 5 km,高新区/科技城 10 km,可在此修改。",
    },
    "en": {
        "settings": "Analysis settings",
        "categories": "Carrier categories in coverage and density",
        "radius": "{cat} service radius (km)",
        "approx": "Include carriers placed only at district precision",
        "approx_help": "Only their district is known; the point is the district's representative point.",
        "cell": "Grid cell (m)",
        "h3": "H3 hexagon resolution",
        "bandwidth": "Kernel density bandwidth (km)",
        "basis": "Allocate targets to districts by",
        "population": "population",
        "area": "area",
        "measure": "Choropleth measure",
        "per_100k": "carriers per 100,000 residents",
        "per_km2": "carriers per km²",
        "pop_grid": "Population grid (optional: CSV of lon,lat,weight points, or GeoTIFF), "
        "replaces the even spread",
        "pop_assumption": "Population assumption: ",
        "used": "{used} carriers used ({exact} exact, {approx} at district precision); left out: "
        "{excluded} at district precision, {city} known only to their city, {out} out of area.",
        "none_used": "No carrier can be used: include district-precision carriers, choose other "
        "categories, or upload a list with coordinates in the Import tab and choose it above.",
        "coverage": "Coverage by district",
        "coverage_chart": "Share within reach (area / population)",
        "density": "Carrier density by district",
        "targets": "Planned counts and what exists (city)",
        "targets_chart": "Existing and named vs planned",
        "allocation": "Targets allocated to districts, and gaps",
        "pick_target": "Target",
        "gap_chart": "Gap per district",
        "downloads": "Download the analysis",
        "untracked": "The registry does not record this sub-kind (e.g. provincial); no gap can "
        "be counted.",
        "radii_note": "Service radii are planning assumptions: community 1.5 km (15-minute "
        "catchment), incubator 3 km, smart island and park 5 km, zone 10 km; change them here.",
    },
}


def _t(lang: str, key: str, **values: object) -> str:
    text = _TEXT.get(lang, _TEXT["zh"])[key]
    return text.format(**values) if values else text


def _fingerprint(boundaries: gpd.GeoDataFrame) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update("|".join(map(str, boundaries["adcode"])).encode())
    digest.update(b"".join(boundaries.geometry.to_wkb()))
    return digest.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=8)
def _cached_grid(_boundaries: gpd.GeoDataFrame, key: str, city: str, cell_size: float) -> Grid:
    """The analysis grid of a city, built once per boundaries/city/cell size (read-only)."""
    return city_grid(_boundaries, city, cell_size_m=cell_size)


def _controls(lang: str) -> tuple[AnalysisOptions, str, Any]:
    defaults: dict[str, Any] = {
        "an_categories": list(CARRIER_CATEGORIES),
        "an_approx": False,
        "an_cell": 250,
        "an_h3": 7,
        "an_bw": 2.0,
        "an_basis": "population",
        "an_measure": "per_100k",
    }
    for cat, metres in DEFAULT_RADII_M.items():
        defaults[f"an_r_{cat}"] = metres / 1000.0
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    with st.expander(_t(lang, "settings"), expanded=False):
        cats = st.multiselect(
            _t(lang, "categories"),
            options=list(CARRIER_CATEGORIES),
            format_func=lambda c: CATEGORY_LABELS[c][lang],
            key="an_categories",
        )
        cols = st.columns(max(len(cats), 1))
        radii = dict(DEFAULT_RADII_M)
        for col, cat in zip(cols, cats, strict=False):
            with col:
                km = st.number_input(
                    _t(lang, "radius", cat=CATEGORY_LABELS[cat][lang]),
                    min_value=0.1,
                    max_value=50.0,
                    step=0.5,
                    key=f"an_r_{cat}",
                )
                radii[cat] = float(km) * 1000.0
        st.caption(_t(lang, "radii_note"))
        approx = st.checkbox(_t(lang, "approx"), key="an_approx", help=_t(lang, "approx_help"))
        left, mid, right = st.columns(3)
        with left:
            cell = st.select_slider(_t(lang, "cell"), options=[100, 250, 500, 1000], key="an_cell")
        with mid:
            h3_res = st.slider(_t(lang, "h3"), min_value=4, max_value=10, key="an_h3")
        with right:
            bandwidth = st.slider(
                _t(lang, "bandwidth"), min_value=0.5, max_value=10.0, step=0.5, key="an_bw"
            )
        basis = st.radio(
            _t(lang, "basis"),
            options=["population", "area"],
            format_func=lambda b: _t(lang, b),
            key="an_basis",
            horizontal=True,
        )
        measure = st.radio(
            _t(lang, "measure"),
            options=["per_100k", "per_km2"],
            format_func=lambda m: _t(lang, m),
            key="an_measure",
            horizontal=True,
        )
        upload = st.file_uploader(_t(lang, "pop_grid"), type=["csv", "tif", "tiff"], key="an_pop")
    chosen: Basis = "area" if basis == "area" else "population"
    options = AnalysisOptions(
        categories=tuple(cats),
        radii_m=MappingProxyType(radii),
        include_approximate=bool(approx),
        cell_size_m=float(cell),
        h3_resolution=int(h3_res),
        bandwidth_km=float(bandwidth),
        basis=chosen,
    )
    return options, str(measure), upload


_COVERAGE_COLUMNS = (
    "name",
    "population",
    "share_area",
    "share_population",
    "covered_population",
    "area_km2",
    "covered_area_km2",
    "n_carriers",
    "mean_distance_km",
)
_DENSITY_COLUMNS = ("name", "n_carriers", "per_km2", "per_100k", "class_label", "population")
# One city at a time, so no city column; the phrase is on the Targets tab.
_GAP_COLUMNS = tuple(c for c in GAP_TABLE_COLUMNS if c not in ("city", "source_phrase"))
_ALLOCATION_COLUMNS = ("name", "basis", "weight_share", "allocated", "mapped", "gap", "share")


def _coverage_section(result: AnalysisResult, lang: str) -> None:
    st.subheader(_t(lang, "coverage"))
    table = result.coverage.table.copy()
    table["mean_distance_km"] = mean_distance_km(result.coverage)
    show_table(table, _COVERAGE_COLUMNS, lang)
    chart, _ = display_frame(table, ["name", "share_area", "share_population"], lang)
    st.caption(_t(lang, "coverage_chart"))
    st.bar_chart(chart.set_index(chart.columns[0]), stack=False, height=260)
    st.subheader(_t(lang, "density"))
    show_table(pd.DataFrame(result.density), _DENSITY_COLUMNS, lang)


def _targets_section(result: AnalysisResult, lang: str) -> None:
    st.subheader(_t(lang, "targets"))
    gaps = result.gaps
    show_table(gaps, _GAP_COLUMNS, lang)
    tracked = gaps[gaps["named"].notna()].copy()
    if len(tracked):
        tracked["label"] = [
            f"{i} {s} {target_text(v, lang)}"
            for i, s, v in zip(
                tracked["target_id"], tracked["subject_zh"], tracked["target"], strict=True
            )
        ]
        tracked["needed"] = tracked["named"] + tracked["gap"]
        base = alt.Chart(tracked).encode(y=alt.Y("label:N", title=None, sort=None))
        bullet = base.mark_bar(color="#dddddd", size=18).encode(
            x=alt.X("needed:Q", title=_t(lang, "targets_chart"))
        ) + base.mark_bar(color="#2171b5", size=8).encode(x="named:Q")
        st.altair_chart(bullet, width="stretch")
    st.subheader(_t(lang, "allocation"))
    alloc = result.allocation
    if alloc.empty:
        return
    ids = list(dict.fromkeys(alloc["target_id"]))
    first = alloc.drop_duplicates("target_id").set_index("target_id")
    picked = st.selectbox(
        _t(lang, "pick_target"),
        options=ids,
        format_func=lambda i: (
            f"{i} {first.loc[i, 'subject_zh']} {target_text(first.loc[i, 'target'], lang)}"
        ),
        key="an_target",
    )
    part = alloc[alloc["target_id"] == picked]
    show_table(part, _ALLOCATION_COLUMNS, lang)
    if part["gap"].isna().all():
        st.caption(_t(lang, "untracked"))
    else:
        st.caption(_t(lang, "gap_chart"))
        bars = part.set_index("name")[["allocated", "mapped", "gap"]].astype(float)
        st.bar_chart(
            bars.rename(columns={c: RESULT_COLUMNS[c][0 if lang == "zh" else 1] for c in bars}),
            stack=False,
        )


def _downloads(result: AnalysisResult, lang: str, polygons: gpd.GeoDataFrame) -> None:
    with st.expander(_t(lang, "downloads")):
        for name, table in result_tables(result).items():
            data = csv_bytes(table)
            st.download_button(f"{name}.csv", data, f"{name}.csv", "text/csv", key=f"an_dl_{name}")
        # The grid layer has one feature per cell: the CLI writes it (carrier-map analyse).
        for name, layer in result_layers(result, with_grid=False, polygons=polygons).items():
            st.download_button(
                f"{name}.geojson",
                geojson_text(layer).encode("utf-8"),
                f"{name}.geojson",
                "application/geo+json",
                key=f"an_dl_{name}",
            )


def _population(grid: Grid, upload: Any) -> Any:
    census = read_district_population(Settings.from_env().data_dir / "population.csv")
    if upload is None:
        return city_population(grid, census)
    stored = store_upload(upload.getvalue(), str(upload.name), kind="population_grid")
    return city_population(grid, census, stored.path)


def render_analysis_panel(
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    targets: pd.DataFrame,
    *,
    city: str,
    lang: str = "zh",
    gaps: pd.DataFrame | None = None,
) -> list[folium.FeatureGroup]:
    """Show the coverage, density and target panels; return their map layers.

    Parameters
    ----------
    carriers
        Placed carriers (EPSG:4326, with ``precision``).
    boundaries
        District boundaries with ``adcode``, ``name``, ``city``.
    targets
        The targets table.
    city
        ``"洛阳市"`` or ``"漯河市"``.
    lang
        ``"zh"`` or ``"en"``.
    gaps
        The city-level gap table if the app already has it; computed from
        ``targets`` and ``carriers`` otherwise.

    Returns
    -------
    list of folium.FeatureGroup
        Covered and uncovered areas, distance grid, density choropleth, H3
        counts and kernel density; empty after an error.
    """
    options, measure, upload = _controls(lang)
    try:
        grid = _cached_grid(boundaries, _fingerprint(boundaries), city, options.cell_size_m)
        population = _population(grid, upload)
        st.info(_t(lang, "pop_assumption") + population.assumption_in(lang))
        if gaps is None:
            gaps = gap_table(targets, pd.DataFrame(carriers), set(carriers["id"]))
        result = run_analysis(carriers, gaps, targets, grid, population, city=city, options=options)
        sel = result.coverage.selection
        st.caption(
            _t(
                lang,
                "used",
                used=sel.n_used,
                exact=sel.n_exact,
                approx=sel.n_approximate,
                excluded=sel.n_approximate_excluded,
                city=sel.n_city_precision,
                out=sel.n_out_of_area,
            )
        )
        if sel.n_used == 0:
            st.warning(_t(lang, "none_used"))
        _coverage_section(result, lang)
        _targets_section(result, lang)
        polygons = coverage_polygons(result.coverage)
        _downloads(result, lang, polygons)
        return analysis_layers(
            result.coverage,
            result.density,
            result.hexes,
            result.kde,
            measure=measure,
            lang=lang,
            polygons=polygons,
        )
    except GeoAppError as err:
        st.error(plain(error_text(err, lang)))
        return []
