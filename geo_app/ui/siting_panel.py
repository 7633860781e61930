"""Streamlit panel: where the carriers the plans still need should go.

The planner picks a category, the number of new sites (the plan's gap by
default), the service radius, the model and the rules (spacing, quotas,
areas drawn on the map or uploaded as GeoJSON), presses *Run*, and gets the
ranked sites, the coverage before and after per district, the areas the run
used, downloads of the results and of the session file. The run happens in a
worker thread, with its stages and a cancel button (:mod:`geo_app.ui.progress`);
"sites only inside them" with no area is refused. A session file reopened
later is shown in a section of its own, to compare with: it never replaces
this page's latest result. The solver code lives in :mod:`geo_app.siting`;
this module only reads widgets, calls it and shows the answer. Errors are
shown with ``st.error``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo_app.analysis.coverage import DEFAULT_RADII_M
from geo_app.analysis.fingerprint import frame_fingerprint
from geo_app.analysis.jobs import Job
from geo_app.analysis.population import (
    read_district_population,
)
from geo_app.analysis.run import city_population
from geo_app.analysis.shared import SharedGrids
from geo_app.analysis.sources import carriers_from_layers
from geo_app.config import Settings
from geo_app.errors import DataFileError, GeoAppError, UsageError
from geo_app.registry import read_targets
from geo_app.siting.run import SitingInputs, default_n_new, read_areas_file, run_siting
from geo_app.siting.session import (
    FileRef,
    SitingSession,
    data_version,
    read_session,
)
from geo_app.storage import store_upload
from geo_app.ui.analysis_panel import shared_grids
from geo_app.ui.i18n import error_text, t
from geo_app.ui.markdown import plain
from geo_app.ui.progress import running_job, show_job, start_job, take_job
from geo_app.ui.siting_results import area_count, result_layers, show_result
from geo_app.ui.siting_text import TEXT, note_text
from geo_app.ui.tables import category_label
from layers.basemaps import Basemap

__all__ = ["REOPENED_SESSION_KEY", "SESSION_KEY", "note_text", "render_siting_panel"]

#: Session-state key of the current site-selection session.
SESSION_KEY: Final[str] = "siting_session"
# Content hash of the session file last reopened.
_REOPENED_KEY: Final[str] = "siting_reopened"

log = logging.getLogger("carrier_map.app")

_CATEGORIES: Final[list[str]] = ["community", "incubator", "smart_island", "park", "zone"]
_MODELS: Final[list[str]] = ["mclp", "pmedian", "greedy"]


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
    st.session_state[_AREAS_USE_KEY] = use
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


def _uploaded_population(upload: Any) -> tuple[Path, FileRef]:
    """Where the planner's population grid is stored, and its reference for the session."""
    stored = store_upload(upload.getvalue(), str(upload.name), kind="population_grid")
    return stored.path, FileRef("population_grid", f"sha256:{stored.digest}", stored.path.name)


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
    job: Job,
    session: SitingSession,
    given: dict[str, str],
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    settings: Settings,
) -> SitingSession:
    """Run a reopened session again on the files the planner uploaded (in a worker thread)."""
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
    job.stage("grid")
    done, result = run_siting(
        inputs, carriers, boundaries, gaps, census, targets=read_targets(settings.targets_file)
    )
    kept = replace(
        done, population_grid=session.inputs.population_grid, layers=session.inputs.layers
    )
    return SitingSession(kept, result, data_version(settings), files=session.files)


def _solve(
    job: Job,
    inputs: SitingInputs,
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    settings: Settings,
    population_file: tuple[Path, FileRef] | None,
    source_note: str,
    grids: SharedGrids,
) -> SitingSession:
    """One site selection from the panel's inputs (in a worker thread, no Streamlit call)."""
    census = read_district_population(settings.data_dir / "population.csv")
    targets = read_targets(settings.targets_file)
    job.stage("grid")
    grid = grids.get(boundaries, frame_fingerprint(boundaries), inputs.city, inputs.cell_size_m)
    population = None
    files: tuple[FileRef, ...] = ()
    if population_file is not None:
        job.stage("demand")
        path, ref = population_file
        population = city_population(grid, census, path)
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
    return SitingSession(done, result, data_version(settings), files=files)


REOPENED_SESSION_KEY: Final[str] = "siting_reopened_session"
_JOB_KEY: Final[str] = "siting_job"
_AREAS_USE_KEY: Final[str] = "siting_areas_use"
_STAGES: Final[tuple[str, ...]] = ("grid", "demand", "candidates", "model", "solve", "result")


def _reopen(
    text: dict[str, str],
    settings: Settings,
) -> None:
    """Read a session file the planner uploads into its own slot (never this page's result)."""
    upload = st.file_uploader(text["reopen"], type=["json"], key="siting_reopen")
    if upload is None:
        return
    stored = store_upload(upload.getvalue(), str(upload.name), kind="session")
    if st.session_state.get(_REOPENED_KEY) == stored.digest:
        return
    session = read_session(stored.data)
    st.session_state[_REOPENED_KEY] = stored.digest
    st.session_state[REOPENED_SESSION_KEY] = session
    message = session.data_message(settings)
    if message:
        st.warning(plain(message))


def _collect(text: dict[str, str], lang: str) -> None:
    """Keep the result of a run that has ended, or say why there is none."""
    job = take_job(_JOB_KEY)
    if job is None:
        return
    if isinstance(job.result, SitingSession):
        st.session_state[SESSION_KEY] = job.result
    elif job.error is not None:
        st.error(plain(text["error"] + error_text(job.error, lang)))
    elif job.cancelled:
        st.info(text["cancelled"])


def _check_areas(inputs: SitingInputs) -> None:
    """Refuse a run asked to stay inside drawn areas when there are none."""
    if st.session_state.get(_AREAS_USE_KEY) == "include" and not area_count(inputs.include_areas):
        raise UsageError(code="siting.no_drawn_areas")


def _reopened_section(
    text: dict[str, str],
    lang: str,
    carriers: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    settings: Settings,
) -> SitingSession | None:
    """The reopened session, shown as a result to compare with; it can be re-run here."""
    session = st.session_state.get(REOPENED_SESSION_KEY)
    if not isinstance(session, SitingSession):
        return None
    st.divider()
    st.subheader(text["reopened"])
    try:
        given = _session_files(session, text) if session.files else None
        if (
            given is not None
            and st.button(text["rerun_session"], key="siting_rerun_session")
            and running_job(_JOB_KEY) is None
        ):
            start_job(
                _JOB_KEY,
                lambda job: _rerun_session(
                    job, session, given, carriers, boundaries, gaps, settings
                ),
                _STAGES,
            )
            st.rerun()
    except GeoAppError as err:
        st.error(plain(text["error"] + error_text(err, lang)))
    show_result(
        session,
        text,
        lang,
        boundaries=boundaries,
        settings=settings,
        key="siting_dl_reopened",
        stem_suffix="_reopened",
    )
    return session


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
    """Draw the site-selection panel; return the map layers of the results shown.

    A run starts on *Run* in a worker thread; while it runs the panel shows
    its stage and a cancel button, and the previous result stays until the
    new one is there (or for good, after a cancel or an error). A session
    file reopened here is shown in a section of its own to compare with; it
    never replaces this page's latest result, and each section's downloads
    give that section's result.

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
    text = TEXT["en" if lang == "en" else "zh"]
    settings = settings or Settings.from_env()
    st.subheader(text["header"])
    try:
        _reopen(text, settings)
        inputs = _inputs(boundaries, gaps, city, drawn, text, lang)
        pop_upload = (
            st.file_uploader(text["pop_grid"], type=["csv", "tif", "tiff"], key="siting_pop")
            if inputs.demand == "population"
            else None
        )
        _collect(text, lang)
        running = running_job(_JOB_KEY) is not None
        if st.button(text["run"], type="primary", key="siting_run", disabled=running):
            _check_areas(inputs)
            population_file = _uploaded_population(pop_upload) if pop_upload is not None else None
            grids = shared_grids()
            start_job(
                _JOB_KEY,
                lambda job: _solve(
                    job,
                    inputs,
                    carriers,
                    boundaries,
                    gaps,
                    settings,
                    population_file,
                    source_note,
                    grids,
                ),
                _STAGES,
            )
            _collect(text, lang)
        if running_job(_JOB_KEY) is not None:
            show_job(_JOB_KEY, {s: text[f"stage_{s}"] for s in ("", *_STAGES)}, lang)
    except GeoAppError as err:
        st.error(plain(text["error"] + error_text(err, lang)))
    except Exception:  # a planner never sees a traceback
        log.exception("unexpected error in site selection")
        st.error(t(lang, "unexpected"))
    layers: list[folium.FeatureGroup | folium.GeoJson] = []
    current = st.session_state.get(SESSION_KEY)
    if isinstance(current, SitingSession) and current.inputs.city == city:
        st.subheader(text["current"])
        show_result(current, text, lang, boundaries=boundaries, settings=settings)
        layers += result_layers(current, boundaries, text, lang, basemap)
    reopened = _reopened_section(text, lang, carriers, boundaries, gaps, settings)
    if reopened is not None and reopened.inputs.city == city:
        layers += result_layers(reopened, boundaries, text, lang, basemap, text["reopened_layer"])
    return layers
