"""Streamlit panel: where the carriers the plans still need should go.

The planner picks a category, the number of new sites (the plan's gap by
default), the service radius, the model and the rules (spacing, quotas,
areas drawn on the map or uploaded as GeoJSON), presses *Run*, and gets the
ranked sites, the coverage before and after per district, downloads of the
results and of the session file — and can reopen a session file later. The
solver code lives in :mod:`geo_app.siting`; this module only reads widgets,
calls it and shows the answer. Errors are shown with ``st.error``.
"""

from __future__ import annotations

import logging
import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from geo_app.analysis.coverage import DEFAULT_RADII_M
from geo_app.analysis.grid import Grid
from geo_app.analysis.population import (
    PopulationSurface,
    census_assumption,
    read_district_population,
)
from geo_app.analysis.run import city_grid, city_population
from geo_app.analysis.sources import carriers_from_layers
from geo_app.config import Settings
from geo_app.errors import DataFileError, GeoAppError
from geo_app.registry import read_targets
from geo_app.siting.run import SitingInputs, default_n_new, read_areas_file, run_siting
from geo_app.siting.session import (
    FileRef,
    SitingSession,
    data_version,
    read_session,
    session_text,
)
from geo_app.siting.solvers import note_in
from geo_app.storage import store_upload
from geo_app.ui.i18n import error_text, t
from geo_app.ui.markdown import plain
from geo_app.ui.tables import category_label, show_table
from layers.basemaps import Basemap
from layers.files import csv_bytes, geojson_text, write_gpkg
from layers.siting_layers import siting_layers

__all__ = ["SESSION_KEY", "render_siting_panel"]

#: Session-state key of the current site-selection session.
SESSION_KEY: Final[str] = "siting_session"
# Content hash of the session file last reopened.
_REOPENED_KEY: Final[str] = "siting_reopened"

log = logging.getLogger("carrier_map.app")

_CATEGORIES: Final[list[str]] = ["community", "incubator", "smart_island", "park", "zone"]
_MODELS: Final[list[str]] = ["mclp", "pmedian", "greedy"]
_TEXT: Final[dict[str, dict[str, str]]] = {
    "zh": {
        "header": "选址:缺口载体应布局在哪里",
        "category": "载体类别",
        "n": "新增数量(默认为规划缺口)",
        "radius": "服务半径(米)",
        "model": "模型",
        "mclp": "最大覆盖 MCLP(精确求解)",
        "pmedian": "P 中值(平均距离最短)",
        "greedy": "贪心启发式(大规模快速)",
        "time": "求解时限(秒)",
        "demand": "需求权重",
        "population": "人口",
        "area": "面积",
        "spacing": "候选点间距(米)",
        "min_spacing": "选址最小间距(米,0 为不限)",
        "approx": "将区县级约略位置的载体计为已有载体",
        "drawn": "地图上绘制的区域",
        "drawn_ignore": "不使用",
        "drawn_include": "仅在区域内选址",
        "drawn_exclude": "排除这些区域",
        "upload_include": "上传选址范围 GeoJSON(可选)",
        "upload_exclude": "上传排除区域 GeoJSON(可选)",
        "pop_grid": "人口网格(可选:CSV 点 lon,lat,weight 或 GeoTIFF),替代普查人口均匀分布",
        "quotas": "各区县上限(留空为不限)",
        "plan_quotas": "按规划目标的分区县分配设定上限(表中填写的数值优先)",
        "run": "运行选址",
        "needs_file": "此会话用到的文件,请上传以重新运行:",
        "rerun_session": "重新运行此会话",
        "quota_district": "区县",
        "quota_max": "新增上限",
        "running": "正在求解……",
        "reopen": "打开已保存的选址会话文件",
        "sites": "建议选址(按边际增益排序)",
        "districts": "各区县覆盖(新增前 / 新增后)",
        "dl_geojson": "下载选址 GeoJSON",
        "dl_csv": "下载选址 CSV",
        "dl_gpkg": "下载 GeoPackage",
        "dl_session": "下载选址会话文件",
        "error": "无法完成选址:",
        "no_gap": "规划未给出该类别的数量缺口,请填写新增数量。",
    },
    "en": {
        "header": "Site selection: where the missing carriers should go",
        "category": "Carrier category",
        "n": "New sites (default: the plan's gap)",
        "radius": "Service radius (m)",
        "model": "Model",
        "mclp": "Maximal covering (MCLP, exact)",
        "pmedian": "p-median (shortest mean distance)",
        "greedy": "Greedy heuristic (fast, large areas)",
        "time": "Solver time limit (s)",
        "demand": "Demand weight",
        "population": "population",
        "area": "area",
        "spacing": "Candidate spacing (m)",
        "min_spacing": "Minimum spacing between sites (m, 0 = none)",
        "approx": "Count district-precision carriers as open",
        "drawn": "Areas drawn on the map",
        "drawn_ignore": "ignore",
        "drawn_include": "sites only inside them",
        "drawn_exclude": "exclude them",
        "upload_include": "Upload a GeoJSON of allowed areas (optional)",
        "upload_exclude": "Upload a GeoJSON of excluded areas (optional)",
        "pop_grid": "Population grid (optional: CSV of lon,lat,weight points, or GeoTIFF), "
        "replacing the even spread of census totals",
        "quotas": "Maximum new sites per district (empty = no limit)",
        "plan_quotas": "Quotas from the plan's per-district allocation (table entries win)",
        "run": "Run site selection",
        "needs_file": "A file this session used; upload it to re-run: ",
        "rerun_session": "Re-run this session",
        "quota_district": "District",
        "quota_max": "Most new sites",
        "running": "Solving …",
        "reopen": "Reopen a saved site-selection session",
        "sites": "Proposed sites (ranked by marginal gain)",
        "districts": "Coverage per district (before / after)",
        "dl_geojson": "Download sites GeoJSON",
        "dl_csv": "Download sites CSV",
        "dl_gpkg": "Download GeoPackage",
        "dl_session": "Download the session file",
        "error": "Site selection failed: ",
        "no_gap": "The plans give no gap for this category; enter the number of sites.",
    },
}


def _features(items: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    feats = [f for f in items or [] if isinstance(f, dict) and f.get("geometry")]
    return {"type": "FeatureCollection", "features": feats} if feats else None


def _uploaded_geojson(label: str, key: str) -> dict[str, Any] | None:
    upload = st.file_uploader(label, type=["geojson", "json"], key=key)
    if upload is None:
        return None
    stored = store_upload(upload.getvalue(), upload.name, kind="areas")
    return read_areas_file(stored.data, upload.name)


def _merge(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    feats: list[Any] = []
    for part in (a, b):
        if part:
            feats += part.get("features") or ([part] if part.get("type") == "Feature" else [])
    return {"type": "FeatureCollection", "features": feats} if feats else None


def _quota_editor(boundaries: gpd.GeoDataFrame, city: str, text: dict[str, str]) -> dict[str, int]:
    names = sorted(boundaries.loc[boundaries["city"] == city, "name"].astype(str))
    frame = pd.DataFrame(
        {"district": names, "max_new": pd.array([None] * len(names), dtype="Int64")}
    )
    edited = st.data_editor(
        frame,
        key=f"siting_quotas_{city}",
        disabled=["district"],
        hide_index=True,
        width="stretch",
        column_config={
            "district": st.column_config.TextColumn(text["quota_district"]),
            "max_new": st.column_config.NumberColumn(
                text["quota_max"], min_value=0, step=1, format="%d"
            ),
        },
    )
    return {
        str(r["district"]): int(r["max_new"])
        for _, r in edited.iterrows()
        if pd.notna(r["max_new"])
    }


def _inputs(
    boundaries: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    city: str,
    drawn: list[dict[str, Any]] | None,
    text: dict[str, str],
    lang: str,
) -> SitingInputs:
    category = st.selectbox(
        text["category"],
        _CATEGORIES,
        format_func=lambda c: category_label(c, lang),
        key="siting_category",
    )
    try:
        gap = default_n_new(gaps, city, category)
    except GeoAppError:
        gap = 1
        st.caption(text["no_gap"])
    c1, c2, c3 = st.columns(3)
    n_new = c1.number_input(text["n"], min_value=1, value=gap, step=1, key=f"siting_n_{category}")
    radius = c2.number_input(
        text["radius"],
        min_value=100.0,
        value=float(DEFAULT_RADII_M[category]),
        step=100.0,
        key=f"siting_radius_{category}",
    )
    limit = c3.number_input(text["time"], min_value=5.0, value=60.0, step=5.0, key="siting_time")
    model = st.radio(
        text["model"],
        _MODELS,
        index=_MODELS.index("greedy"),  # seconds, not minutes, for a whole city
        format_func=lambda m: text[m],
        horizontal=True,
        key="siting_model",
    )
    c4, c5, c6 = st.columns(3)
    demand = c4.radio(
        text["demand"], ["population", "area"], format_func=lambda d: text[d], key="siting_demand"
    )
    spacing = c5.number_input(
        text["spacing"], min_value=250.0, value=1000.0, step=250.0, key="siting_sp"
    )
    min_spacing = c6.number_input(
        text["min_spacing"], min_value=0.0, value=0.0, step=500.0, key="siting_ms"
    )
    approx = st.checkbox(text["approx"], value=False, key="siting_approx")
    use = st.radio(
        text["drawn"],
        ["ignore", "include", "exclude"],
        format_func=lambda u: text[f"drawn_{u}"],
        horizontal=True,
        key="siting_drawn",
    )
    drawn_fc = _features(drawn)
    include = _uploaded_geojson(text["upload_include"], "siting_up_include")
    exclude = _uploaded_geojson(text["upload_exclude"], "siting_up_exclude")
    if use == "include":
        include = _merge(include, drawn_fc)
    elif use == "exclude":
        exclude = _merge(exclude, drawn_fc)
    from_plan = st.checkbox(text["plan_quotas"], value=False, key="siting_plan_quotas")
    st.caption(text["quotas"])
    quotas = _quota_editor(boundaries, city, text)
    return SitingInputs(
        city=city,
        category=category,
        n_new=int(n_new),
        radius_m=float(radius),
        model=model,
        time_limit_s=float(limit),
        demand=demand,
        candidate_spacing_m=float(spacing),
        include_approximate=approx,
        min_spacing_m=float(min_spacing),
        quotas=quotas,
        include_areas=include,
        exclude_areas=exclude,
        quotas_from_plan=from_plan,
    )


def _uploaded_population(
    grid: Grid, census: pd.DataFrame, upload: Any
) -> tuple[PopulationSurface, FileRef]:
    """The planner's population grid on the city grid, and its reference for the session."""
    stored = store_upload(upload.getvalue(), str(upload.name), kind="population_grid")
    ref = FileRef("population_grid", f"sha256:{stored.digest}", stored.path.name)
    return city_population(grid, census, stored.path), ref


_UPLOAD_KIND: Final[dict[str, str]] = {"population_grid": "population_grid", "layer": "layer"}


def _session_files(session: SitingSession, text: dict[str, str]) -> dict[str, str] | None:
    """Ask for each file a reopened session used; ``None`` until all are given.

    Only what the planner uploads here counts: a session never makes the
    server look for a file of its own.
    """
    given: dict[str, str] = {}
    for ref in session.files:
        upload = st.file_uploader(
            text["needs_file"] + ref.label, key=f"siting_need_{ref.role}_{ref.ref[7:23]}"
        )
        if upload is None:
            continue
        stored = store_upload(upload.getvalue(), str(upload.name), kind=_UPLOAD_KIND[ref.role])
        if f"sha256:{stored.digest}" != ref.ref:
            raise DataFileError(stored.name, code="session.file_mismatch")
        given[ref.ref] = str(stored.path)
    return given if len(given) == len({f.ref for f in session.files}) else None


def _rerun_session(
    session: SitingSession,
    given: dict[str, str],
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    settings: Settings,
) -> SitingSession:
    """Run a reopened session again on the files the planner uploaded."""
    inputs, _ = session.resolve_files(given.values())
    if inputs.layers:
        carriers = carriers_from_layers(
            carriers,
            boundaries,
            list(inputs.layers),
            category=inputs.layer_category,
            registry=inputs.use_registry,
            report=lambda _: None,
        )
    census = read_district_population(settings.data_dir / "population.csv")
    done, result = run_siting(
        inputs, carriers, boundaries, gaps, census, targets=read_targets(settings.targets_file)
    )
    kept = replace(
        done, population_grid=session.inputs.population_grid, layers=session.inputs.layers
    )
    return SitingSession(kept, result, data_version(settings), files=session.files)


def _gpkg_bytes(session: SitingSession) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "siting.gpkg"
        write_gpkg(
            {"sites": session.result.sites_gdf(), "coverage_by_district": session.result.districts},
            path,
        )
        return path.read_bytes()


_NOTES_ZH: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^CBC ran ([\d.]+) s\.$"), "CBC 求解用时 {0} 秒。"),
    (
        re.compile(r"^LP relaxation solved by HiGHS in ([\d.]+) s\.$"),
        "LP 松弛上界由 HiGHS 求得,用时 {0} 秒。",
    ),
    (
        re.compile(r"^LP relaxation not solved \(instance too large or too slow\)\.$"),
        "LP 松弛未求解(规模过大或耗时过长)。",
    ),
    (
        re.compile(
            r"^Demand merged into (\S+) m cells for the p-median \(([\d,]+) points\); "
            r"coverage is evaluated on the full grid\.$"
        ),
        "P 中值模型将需求合并为 {0} 米网格({1} 个点);覆盖率按完整网格计算。",
    ),
    (
        re.compile(
            r"^Greedy guarantee for these rules: at least 1 − 1/e \(63\.2 %\) of the optimal gain\.$"
        ),
        "贪心解的保证:至少达到最优新增覆盖的 1 − 1/e(63.2%)。",
    ),
    (
        re.compile(r"^Greedy guarantee for these rules: at least 1/2 of the optimal gain\.$"),
        "贪心解的保证(有配额):至少达到最优新增覆盖的 1/2。",
    ),
    (
        re.compile(
            r"^Greedy guarantee for these rules: no constant-factor guarantee under a minimum spacing\.$"
        ),
        "设置了最小间距,贪心解没有常数倍的保证。",
    ),
)


def note_text(note: str, lang: str, population_zh: str = "") -> str:
    """A result note in the interface language (notes are stored in English).

    ``population_zh`` replaces the population note (the assumption in Chinese).

    >>> note_text("CBC ran 26.3 s.", "zh"), note_text("CBC ran 26.3 s.", "en")
    ('CBC 求解用时 26.3 秒。', 'CBC ran 26.3 s.')
    """
    if lang != "zh":
        return note
    if note.startswith("Population: ") and population_zh:
        return f"人口:{population_zh}"
    catalogued = note_in(note, lang)  # solver notes are worded by the catalogue
    if catalogued is not None:
        return catalogued
    for pattern, template in _NOTES_ZH:
        found = pattern.match(note)
        if found:
            return template.format(*found.groups())
    return note


def _population_zh(note: str, boundaries: gpd.GeoDataFrame, city: str, settings: Settings) -> str:
    """The Chinese population assumption behind a stored English population note."""
    if note.startswith("Population: Population from the supplied"):
        return "人口取自上传的人口网格,替代普查人口的均匀分布。"
    if not note.startswith("Population: 2020 census"):
        return ""
    census = read_district_population(settings.data_dir / "population.csv")
    districts = boundaries[boundaries["city"] == city]
    codes = districts["adcode"].astype(str).to_numpy()
    return census_assumption(
        census, codes, [str(n) for n in districts["name"]], np.ones(len(codes)), lang="zh"
    )


def _show(
    session: SitingSession,
    text: dict[str, str],
    lang: str,
    *,
    boundaries: gpd.GeoDataFrame,
    settings: Settings,
) -> None:
    result = session.result
    st.success(result.summary(lang))
    for note in result.notes:
        population_zh = ""
        if lang == "zh" and note.startswith("Population: "):
            try:
                population_zh = _population_zh(note, boundaries, session.inputs.city, settings)
            except GeoAppError:
                population_zh = ""
        st.caption(plain(note_text(note, lang, population_zh)))
    # Demand in km² (area) keeps one decimal; people are whole numbers.
    amounts = ("demand", "covered_before", "covered_after", "added")
    gains = ("newly_covered", "cumulative_covered")
    kinds = dict.fromkeys((*amounts, *gains), "km2") if result.demand == "area" else {}
    st.markdown(f"**{text['sites']}**")
    show_table(result.sites, list(result.sites.columns), lang, kinds=kinds)
    st.markdown(f"**{text['districts']}**")
    show_table(result.districts, list(result.districts.columns), lang, kinds=kinds)
    stem = f"siting_{session.inputs.city}_{session.inputs.category}"
    c1, c2, c3, c4 = st.columns(4)
    sites = result.sites_gdf()
    c1.download_button(
        text["dl_geojson"],
        geojson_text(sites).encode(),
        f"{stem}.geojson",
        "application/geo+json",
        key="siting_dl_geojson",
    )
    csv = csv_bytes(result.sites)
    c2.download_button(text["dl_csv"], csv, f"{stem}.csv", "text/csv", key="siting_dl_csv")
    c3.download_button(
        text["dl_gpkg"],
        _gpkg_bytes(session),
        f"{stem}.gpkg",
        "application/geopackage+sqlite3",
        key="siting_dl_gpkg",
    )
    c4.download_button(
        text["dl_session"],
        session_text(session).encode("utf-8"),
        f"{stem}.session.json",
        "application/json",
        key="siting_dl_session",
    )


def render_siting_panel(
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    *,
    city: str,
    lang: str = "zh",
    drawn: list[dict[str, Any]] | None = None,
    settings: Settings | None = None,
    basemap: Basemap | None = None,
    source_note: str = "",
) -> list[folium.FeatureGroup | folium.GeoJson]:
    """Draw the site-selection panel; return the map layers of the current result.

    Parameters
    ----------
    carriers
        Placed carriers (EPSG:4326).
    boundaries
        District boundaries of both cities.
    gaps
        :func:`geo_app.targets.gap_table` output.
    city
        The city the panel works on.
    lang
        ``"zh"`` or ``"en"``.
    drawn
        Polygons drawn on the map as GeoJSON features in WGS-84 (convert
        drawings over a GCJ-02 basemap with :func:`geo_app.search.drawn_areas`).
    settings
        Where the data files are (for the census table and the data version).
    basemap
        The basemap the layers are drawn on (GCJ-02 shift for AMap).
    source_note
        Which carriers were passed (registry and/or the planner's layers); kept
        with the result's notes when it names more than the registry.
    """
    text = _TEXT["en" if lang == "en" else "zh"]
    settings = settings or Settings.from_env()
    st.subheader(text["header"])
    try:
        upload = st.file_uploader(text["reopen"], type=["json"], key="siting_reopen")
        if upload is not None:
            stored = store_upload(upload.getvalue(), str(upload.name), kind="session")
            session = read_session(stored.data)
            message = session.data_message(settings)
            if message:
                st.warning(plain(message))
            if st.session_state.get(_REOPENED_KEY) != stored.digest:
                # Once per file: a result of this page (a re-run) is not replaced by it.
                st.session_state[_REOPENED_KEY] = stored.digest
                st.session_state[SESSION_KEY] = session
            given = _session_files(session, text) if session.files else None
            if given is not None and st.button(text["rerun_session"], key="siting_rerun_session"):
                with st.spinner(text["running"]):
                    st.session_state[SESSION_KEY] = _rerun_session(
                        session, given, carriers, boundaries, gaps, settings
                    )
        inputs = _inputs(boundaries, gaps, city, drawn, text, lang)
        pop_upload = (
            st.file_uploader(text["pop_grid"], type=["csv", "tif", "tiff"], key="siting_pop")
            if inputs.demand == "population"
            else None
        )
        if st.button(text["run"], type="primary", key="siting_run"):
            census = read_district_population(settings.data_dir / "population.csv")
            targets = read_targets(settings.targets_file)
            with st.spinner(text["running"]):
                grid, population = None, None
                files: tuple[FileRef, ...] = ()
                if pop_upload is not None:
                    grid = city_grid(boundaries, inputs.city, cell_size_m=inputs.cell_size_m)
                    population, ref = _uploaded_population(grid, census, pop_upload)
                    # Recorded by content: the session says which grid the counts rest on.
                    inputs = replace(inputs, population_grid=ref.ref)
                    files = (ref,)
                done, result = run_siting(
                    inputs,
                    carriers,
                    boundaries,
                    gaps,
                    census,
                    grid=grid,
                    population=population,
                    targets=targets,
                )
            if source_note:
                result = replace(result, notes=(source_note, *result.notes))
            st.session_state[SESSION_KEY] = SitingSession(
                done, result, data_version(settings), files=files
            )
    except GeoAppError as err:
        st.error(plain(text["error"] + error_text(err, lang)))
    except Exception:  # a planner never sees a traceback
        log.exception("unexpected error in site selection")
        st.error(t(lang, "unexpected"))
    current = st.session_state.get(SESSION_KEY)
    if not isinstance(current, SitingSession) or current.inputs.city != city:
        return []
    _show(current, text, lang, boundaries=boundaries, settings=settings)
    return siting_layers(current.result, boundaries, lang=lang, basemap=basemap)
