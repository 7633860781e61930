"""The app's coverage, density and target-gap panel.

:func:`render_analysis_panel` reads its controls and, when the planner
presses *Run analysis*, runs :func:`geo_app.analysis.run.run_analysis` in a
worker thread (stages and a cancel button while it takes long, see
:mod:`geo_app.ui.progress`); it shows the tables and charts and returns the
folium layers for the app to add to its map.

Results are kept in the planner's session by a key of every input
(:func:`geo_app.analysis.fingerprint.analysis_key`): coming back to the same
settings shows the kept result at once, and changing a setting computes
nothing until asked (the last result stays, marked as such). The analysis
grid is built once per server and shared read-only
(:class:`geo_app.analysis.shared.SharedGrids` hands out private copies).
Errors of the product are shown with ``st.error``, never as a traceback.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
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
from geo_app.analysis.fingerprint import analysis_key, carriers_fingerprint, frame_fingerprint
from geo_app.analysis.grid import Grid
from geo_app.analysis.jobs import Job, JobCancelledError
from geo_app.analysis.population import read_district_population
from geo_app.analysis.run import (
    AnalysisOptions,
    AnalysisResult,
    city_population,
    run_analysis,
)
from geo_app.analysis.shared import SharedGrids
from geo_app.config import Settings
from geo_app.errors import GeoAppError
from geo_app.model import CATEGORY_LABELS
from geo_app.storage import store_upload
from geo_app.targets import gap_table
from geo_app.ui.analysis_text import analysis_text as _t
from geo_app.ui.i18n import error_text
from geo_app.ui.markdown import plain
from geo_app.ui.panels import GAP_TABLE_COLUMNS
from geo_app.ui.progress import running_job, show_job, start_job, take_job
from geo_app.ui.tables import RESULT_COLUMNS, display_frame, show_table, target_text
from layers.analysis_layers import analysis_layers
from layers.files import csv_bytes, geojson_text

__all__ = ["render_analysis_panel", "shared_grid", "shared_grids"]


def _fingerprint(boundaries: gpd.GeoDataFrame) -> str:
    """The boundaries' key (the same in the site-selection panel, so both share a grid)."""
    return frame_fingerprint(boundaries)


@st.cache_resource(show_spinner=False)
def shared_grids() -> SharedGrids:
    """The grids every session of this server uses (handed out as private copies)."""
    return SharedGrids(max_entries=8)


def shared_grid(boundaries: gpd.GeoDataFrame, city: str, cell_size: float) -> Grid:
    """The analysis grid of a city, built once per server (a private copy of it)."""
    return shared_grids().get(boundaries, _fingerprint(boundaries), city, cell_size)


def _controls(lang: str) -> tuple[AnalysisOptions, str, Any]:
    # Each widget declares its default itself; none is seeded through
    # st.session_state, which left the browser an empty declared default
    # (no category at all) for any case where it does not hold the value.
    with st.expander(_t(lang, "settings"), expanded=False):
        cats = st.multiselect(
            _t(lang, "categories"),
            options=list(CARRIER_CATEGORIES),
            default=list(CARRIER_CATEGORIES),
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
                    value=DEFAULT_RADII_M[cat] / 1000.0,
                    step=0.5,
                    key=f"an_r_{cat}",
                )
                radii[cat] = float(km) * 1000.0
        st.caption(_t(lang, "radii_note"))
        approx = st.checkbox(
            _t(lang, "approx"), value=False, key="an_approx", help=_t(lang, "approx_help")
        )
        left, mid, right = st.columns(3)
        with left:
            cell = st.select_slider(
                _t(lang, "cell"), options=[100, 250, 500, 1000], value=250, key="an_cell"
            )
        with mid:
            h3_res = st.slider(_t(lang, "h3"), min_value=4, max_value=10, value=7, key="an_h3")
        with right:
            bandwidth = st.slider(
                _t(lang, "bandwidth"),
                min_value=0.5,
                max_value=10.0,
                value=2.0,
                step=0.5,
                key="an_bw",
            )
        basis = st.radio(
            _t(lang, "basis"),
            options=["population", "area"],
            index=0,
            format_func=lambda b: _t(lang, b),
            key="an_basis",
            horizontal=True,
        )
        measure = st.radio(
            _t(lang, "measure"),
            options=["per_100k", "per_km2"],
            index=0,
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


@dataclass(frozen=True, slots=True)
class _Computed:
    """One analysis result of this session, with what its display needs.

    Nobody mutates its frames: the panel copies a table before adding columns.
    """

    key: str
    result: AnalysisResult
    polygons: gpd.GeoDataFrame
    seconds: float
    #: Map layers built with the result, for this (measure, language).
    layers_for: tuple[str, str] = ("", "")
    layers: tuple[folium.FeatureGroup, ...] = ()


#: Session keys: computed results by input key, the key last computed, the running job.
_RESULTS_KEY = "an_results"
_LAST_KEY = "an_last"
_JOB_KEY = "an_job"
_LAYERS_KEY = "an_layers_cache"
#: Results kept per session (about 20 MB each for Luoyang at 250 m, layers included).
_MAX_RESULTS = 3
_STAGES = ("grid", "population", "analysis", "layers")


def _population_source(upload: Any) -> tuple[str, Path | None]:
    """Key and stored path of the population source: the census, or an uploaded grid."""
    if upload is None:
        return "census", None
    stored = store_upload(upload.getvalue(), str(upload.name), kind="population_grid")
    return f"sha256:{stored.digest}", stored.path


def _input_key(
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    targets: pd.DataFrame,
    gaps: pd.DataFrame,
    city: str,
    options: AnalysisOptions,
    population: str,
) -> str:
    plans = frame_fingerprint(gaps) + frame_fingerprint(targets)
    return analysis_key(
        city,
        options,
        carriers=carriers_fingerprint(carriers),
        boundaries=_fingerprint(boundaries),
        population=population,
        plans=plans,
    )


def _analyse(
    job: Job,
    *,
    key: str,
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    targets: pd.DataFrame,
    gaps: pd.DataFrame,
    city: str,
    options: AnalysisOptions,
    population_path: Path | None,
    grids: SharedGrids,
    census_path: Path,
    measure: str,
    lang: str,
) -> _Computed:
    """The whole analysis, in a worker thread (no Streamlit call in here)."""
    t0 = time.perf_counter()
    job.stage("grid")
    grid = grids.get(boundaries, _fingerprint(boundaries), city, options.cell_size_m)
    job.stage("population")
    population = city_population(grid, read_district_population(census_path), population_path)
    job.stage("analysis")
    result = run_analysis(carriers, gaps, targets, grid, population, city=city, options=options)
    job.stage("layers")
    polygons = coverage_polygons(result.coverage)
    layers = _build_layers(result, polygons, measure, lang)
    return _Computed(
        key, result, polygons, time.perf_counter() - t0, (measure, lang), tuple(layers)
    )


def _build_layers(
    result: AnalysisResult, polygons: gpd.GeoDataFrame, measure: str, lang: str
) -> list[folium.FeatureGroup]:
    return analysis_layers(
        result.coverage,
        result.density,
        result.hexes,
        result.kde,
        measure=measure,
        lang=lang,
        polygons=polygons,
    )


def _keep(done: _Computed) -> None:
    results: dict[str, _Computed] = st.session_state.setdefault(_RESULTS_KEY, {})
    results.pop(done.key, None)
    results[done.key] = done
    while len(results) > _MAX_RESULTS:
        results.pop(next(iter(results)))
    st.session_state[_LAST_KEY] = done.key


def _collect(lang: str) -> None:
    """Keep the result of an analysis that has ended, or say why there is none."""
    job = take_job(_JOB_KEY)
    if job is None:
        return
    if isinstance(job.result, _Computed):
        _keep(job.result)
    elif job.error is not None:
        st.error(plain(error_text(job.error, lang)))
    elif job.cancelled:
        st.info(plain(JobCancelledError().text(lang)))


def _layers(done: _Computed, measure: str, lang: str) -> list[folium.FeatureGroup]:
    """The map layers of a result, built once per result, measure and language."""
    if done.layers_for == (measure, lang):
        return list(done.layers)
    cache: dict[tuple[str, str, str], list[folium.FeatureGroup]]
    cache = st.session_state.setdefault(_LAYERS_KEY, {})
    key = (done.key, measure, lang)
    if key not in cache:
        cache[key] = _build_layers(done.result, done.polygons, measure, lang)
        while len(cache) > _MAX_RESULTS:
            cache.pop(next(iter(cache)))
    return list(cache[key])


def _show_result(done: _Computed, lang: str) -> None:
    result = done.result
    st.info(_t(lang, "pop_assumption") + result.coverage.population.assumption_in(lang))
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
        + " "
        + _t(lang, "ran", seconds=f"{done.seconds:.1f}")
    )
    if sel.n_used == 0:
        st.warning(_t(lang, "none_used"))
    _coverage_section(result, lang)
    _targets_section(result, lang)
    _downloads(result, lang, done.polygons)


def _start(
    key: str,
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    targets: pd.DataFrame,
    gaps: pd.DataFrame,
    city: str,
    options: AnalysisOptions,
    population_path: Path | None,
    view: tuple[str, str],
) -> None:
    census_path = Settings.from_env().data_dir / "population.csv"
    grids = shared_grids()
    start_job(
        _JOB_KEY,
        lambda job: _analyse(
            job,
            key=key,
            carriers=carriers,
            boundaries=boundaries,
            targets=targets,
            gaps=gaps,
            city=city,
            options=options,
            population_path=population_path,
            grids=grids,
            census_path=census_path,
            measure=view[0],
            lang=view[1],
        ),
        _STAGES,
    )


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

    The analysis runs when the planner presses *Run analysis* (in a worker
    thread, with its stages and a cancel button when it takes long); its
    result is kept by its inputs, so returning to the same settings shows it
    at once, and changing a setting recomputes nothing until asked.

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
        counts and kernel density of the result shown; empty when none is.
    """
    options, measure, upload = _controls(lang)
    try:
        if gaps is None:
            gaps = gap_table(targets, pd.DataFrame(carriers), set(carriers["id"]))
        source, population_path = _population_source(upload)
        key = _input_key(carriers, boundaries, targets, gaps, city, options, source)
        _collect(lang)
        results: dict[str, _Computed] = st.session_state.get(_RESULTS_KEY, {})
        running = running_job(_JOB_KEY) is not None
        pressed = st.button(_t(lang, "run"), type="primary", key="an_run", disabled=running)
        if pressed and key not in results:
            view = (measure, lang)
            _start(key, carriers, boundaries, targets, gaps, city, options, population_path, view)
            _collect(lang)
            results = st.session_state.get(_RESULTS_KEY, {})
        if running_job(_JOB_KEY) is not None:
            show_job(_JOB_KEY, {s: _t(lang, f"stage_{s}") for s in ("", *_STAGES)}, lang)
        done = results.get(key)
        if done is None:
            done = results.get(st.session_state.get(_LAST_KEY, ""))
            if done is None or done.result.city != city:
                st.caption(_t(lang, "press_run"))
                return []
            st.warning(_t(lang, "stale"))
        _show_result(done, lang)
        return _layers(done, measure, lang)
    except GeoAppError as err:
        st.error(plain(error_text(err, lang)))
        return []
