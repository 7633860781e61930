"""Streamlit app: the innovation carriers of Luoyang and Luohe on a map, against their plans.

Run with ``streamlit run streamlit_app.py``. The script reads widgets, calls
the library and renders; the logic lives in geo_app/, geocoding/ and layers/,
the panels in geo_app/ui/.
"""

from __future__ import annotations

import copy
import json
import logging
import os
from typing import Any, cast

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo_app.cities import city_record
from geo_app.config import Settings
from geo_app.errors import GeoAppError
from geo_app.exports import standalone_map_html
from geo_app.model import CATEGORY_LABELS, Category
from geo_app.ui.i18n import error_text, t
from geo_app.ui.map_page import MAP_KEY, map_panel, open_map_at, planner_view, user_layers
from geo_app.ui.map_view import LiveAssets, StaticMap, static_map
from geo_app.ui.markdown import plain
from geo_app.ui.panels import (
    render_exports,
    render_tables,
)
from geo_app.view import ALL_CITIES, PAGES, ViewState
from geo_app.workspace import Workspace, resolve_workspace_path
from geo_app.workspace.views import carrier_layers, registry_targets, workspace_gap_table
from geocoding.providers import GeocoderSettings
from layers._html import check_map_inert
from layers.assets import VENDOR_DIR, localize_map
from layers.basemaps import BASEMAPS, available_basemaps, display_frame, shift_layer_for_display
from layers.carrier_map import build_carrier_map, planner_layer

log = logging.getLogger("carrier_map.app")


# The other pages' panels import what they compute with (the site-selection
# solvers alone take seconds to import): each is imported when its page is
# first shown, so the map's first draw never waits for them.


def render_analysis_panel(*args: Any, **kwargs: Any) -> Any:
    """:func:`geo_app.ui.analysis_panel.render_analysis_panel`, imported on first use."""
    from geo_app.ui.analysis_panel import render_analysis_panel as panel

    return panel(*args, **kwargs)


def render_siting_panel(*args: Any, **kwargs: Any) -> Any:
    """:func:`geo_app.ui.siting_panel.render_siting_panel`, imported on first use."""
    from geo_app.ui.siting_panel import render_siting_panel as panel

    return panel(*args, **kwargs)


def render_extract_panel(*args: Any, **kwargs: Any) -> Any:
    """:func:`geo_app.ui.extract_panel.render_extract_panel`, imported on first use."""
    from geo_app.ui.extract_panel import render_extract_panel as panel

    return panel(*args, **kwargs)


def render_geocode_panel(*args: Any, **kwargs: Any) -> Any:
    """:func:`geo_app.ui.geocode_panel.render_geocode_panel`, imported on first use."""
    from geo_app.ui.geocode_panel import render_geocode_panel as panel

    return panel(*args, **kwargs)


def render_inventory(*args: Any, **kwargs: Any) -> Any:
    """:func:`geo_app.ui.workspace_panel.render_inventory`, imported on first use."""
    from geo_app.ui.workspace_panel import render_inventory as panel

    return panel(*args, **kwargs)


def render_workspace_import(*args: Any, **kwargs: Any) -> Any:
    """:func:`geo_app.ui.workspace_import_panel.render_workspace_import`, imported on first use."""
    from geo_app.ui.workspace_import_panel import render_workspace_import as panel

    return panel(*args, **kwargs)


def render_workspace_targets(*args: Any, **kwargs: Any) -> Any:
    """:func:`geo_app.ui.targets_panel.render_workspace_targets`, imported on first use."""
    from geo_app.ui.targets_panel import render_workspace_targets as panel

    return panel(*args, **kwargs)


def choose_carriers(*args: Any, **kwargs: Any) -> Any:
    """:func:`geo_app.ui.import_panel.choose_carriers`, imported on first use."""
    from geo_app.ui.import_panel import choose_carriers as choose

    return choose(*args, **kwargs)


def render_place_imported(*args: Any, **kwargs: Any) -> Any:
    """:func:`geo_app.ui.import_panel.render_place_imported`, imported on first use."""
    from geo_app.ui.import_panel import render_place_imported as panel

    return panel(*args, **kwargs)


def open_workspace() -> Workspace:
    """The planner's workspace, opened once per session (created and seeded on first use).

    Its path comes from ``CARRIER_MAP_WORKSPACE`` or the user's data folder
    (:func:`geo_app.workspace.resolve_workspace_path`).
    """
    path = resolve_workspace_path()
    ws = st.session_state.get("_workspace")
    if not isinstance(ws, Workspace) or ws.path != path:
        ws = Workspace.open(path, settings=Settings.from_env())
        st.session_state["_workspace"] = ws
    return ws


def data_key(ws: Workspace) -> str:
    """What the cached views of the workspace are keyed by: its file and revision."""
    return f"{ws.path}#{ws.revision()}"


@st.cache_data(show_spinner=False, max_entries=8)
def load_data(
    key: str,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame, gpd.GeoDataFrame, pd.DataFrame, pd.DataFrame]:
    """The workspace's placed and unplaced carriers, boundaries, targets and the gap
    table counted from it (cached per workspace revision, see :func:`data_key`)."""
    path = key.rsplit("#", 1)[0]
    ws = Workspace.open(path, settings=Settings.from_env())
    carriers = ws.carriers()
    stored_targets = ws.targets()
    layers = carrier_layers(carriers)
    gaps = workspace_gap_table(stored_targets, carriers)
    return layers.placed, layers.unplaced, ws.boundaries(), registry_targets(stored_targets), gaps


def tianditu_key() -> str | None:
    """The Tianditu key from the environment or Streamlit secrets (never shown or logged)."""
    key = os.environ.get("CARRIER_MAP_TIANDITU_KEY")
    if key:
        return key
    try:
        value = st.secrets.get("tianditu_key")
    except (FileNotFoundError, KeyError, st.errors.StreamlitAPIException):
        return None
    return str(value) if value else None


def geocoder_settings() -> GeocoderSettings:
    """Provider keys and options from the environment, overlaid by Streamlit secrets."""
    try:
        secrets = st.secrets.to_dict()
    except (FileNotFoundError, st.errors.StreamlitAPIException):
        secrets = {}
    return GeocoderSettings.from_mapping({**os.environ, **secrets})


def _map_html(fmap: folium.Map) -> folium.Map:
    """The map as sent to the page: refused if any element carries template text
    (:func:`layers._html.check_map_inert`), its scripts served from the app when
    they are vendored (no public CDN)."""
    check_map_inert(fmap.get_root())
    return localize_map(fmap) if VENDOR_DIR.is_dir() else fmap


@st.cache_data(show_spinner=False)
def standalone_html(
    data_dir: str,
    city: str | None,
    lang: str,
    basemap: str,
    position: tuple[float, float, int] | None = None,
) -> str | None:
    """A standalone HTML map of the view, scripts inlined; None when assets are not vendored."""
    placed, _, boundaries, _, _ = load_data(data_dir)
    return standalone_map_html(
        placed, boundaries, city=city, lang=lang, basemap=basemap, position=position
    )


def city_names() -> tuple[str, ...]:
    """The cities the planner's workspace covers (its selector's options)."""
    return tuple(c.name for c in open_workspace().cities())


def city_label(city: str, lang: str) -> str:
    """A covered city's name in ``lang``."""
    return city_record(city).label(lang)


def title_text(lang: str) -> str:
    """The page title, naming the workspace's cities."""
    cities = [city_record(c) for c in city_names()]
    if lang == "zh":
        names = " · ".join(c.short_name for c in cities)
    else:
        labels = [c.label("en") for c in cities]
        names = " and ".join([", ".join(labels[:-1]), labels[-1]]) if len(labels) > 1 else labels[0]
    return t(lang, "title", cities=names)


def sidebar(view: ViewState, tdt_key: str | None) -> ViewState:
    """Widgets in the sidebar; returns the view they describe.

    The URL is the source of truth: each widget starts from the view read
    from the query string, and the widgets whose label changes with the
    language get a key per language, so switching language never resets them.
    """
    st.session_state.setdefault("lang", view.lang)
    lang = st.sidebar.radio(
        t("zh", "lang"),
        options=["zh", "en"],
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
        key="lang",
        horizontal=True,
    )
    cities = [ALL_CITIES, *city_names()]
    city = st.sidebar.selectbox(
        t(lang, "city"),
        options=cities,
        index=cities.index(view.city) if view.city in cities else 0,
        format_func=lambda c: t(lang, "both") if c == ALL_CITIES else city_label(c, lang),
        key=f"city-{lang}",
    )
    basemaps = {b.key: b for b in available_basemaps(tianditu_key=tdt_key)}
    keys = list(basemaps)
    basemap = st.sidebar.selectbox(
        t(lang, "basemap"),
        options=keys,
        index=keys.index(view.basemap) if view.basemap in basemaps else 0,
        format_func=lambda k: basemaps[k].label(lang),
        key=f"basemap-{lang}",
    )
    if tdt_key is None:
        st.sidebar.caption(t(lang, "tianditu_missing"))
    shown = st.sidebar.multiselect(
        t(lang, "layers"),
        options=[c.value for c in Category],
        default=[c.value for c in Category if c.value not in view.hidden],
        format_func=lambda c: CATEGORY_LABELS[c][lang],
        key=f"shown-{lang}",
    )
    st.sidebar.caption(t(lang, "share"))
    return view.with_changes(
        lang=lang,
        city=None if city == ALL_CITIES else city,
        basemap=basemap,
        hidden=tuple(c.value for c in Category if c.value not in shown),
    )


def user_map_layers(basemap_key: str, lang: str) -> list[folium.FeatureGroup]:
    """The planner's own layers, clustered, shifted for the basemap like every overlay."""
    basemap = BASEMAPS.get(basemap_key, BASEMAPS["osm"])
    out = []
    for name, gdf in user_layers().items():
        if gdf.empty:
            continue
        out.append(
            planner_layer(
                display_frame(gdf, basemap), name=f"{t(lang, 'user_layers')}: {name} ({len(gdf)})"
            )
        )
    return out


@st.cache_data(show_spinner=False, max_entries=24)
def static_map_parts(
    data_dir: str,
    city: str | None,
    lang: str,
    basemap: str,
    hidden: tuple[str, ...],
    tdt_key: str | None,
) -> StaticMap:
    """The map's static part (basemap, boundaries, carriers, controls), rendered once.

    Cached by its inputs as a frozen value: every session gets its own copy,
    nothing shared is mutable.
    """
    placed, _, boundaries, _, _ = load_data(data_dir)
    fmap = build_carrier_map(
        placed,
        boundaries,
        city=city,
        lang=lang,
        basemap=basemap,
        tianditu_key=tdt_key,
        hidden=hidden,
        share_control=True,
        draw=True,
    )
    fmap.add_child(LiveAssets())
    return static_map(_map_html(fmap), key=MAP_KEY)


def map_tab(
    view: ViewState,
    data_dir: str,
    placed: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    unplaced: pd.DataFrame | None = None,
) -> None:
    """The map page: its static part from the cache, the rest as live layers."""
    basemap = BASEMAPS.get(view.basemap, BASEMAPS["osm"])
    static = static_map_parts(
        data_dir, view.city, view.lang, view.basemap, view.hidden, tianditu_key()
    )
    users = user_layers()
    # What the live layers are built from: a page that computes new layers
    # stores new objects, so comparing these by identity tells what changed.
    sources: list[object] = [st.session_state.get(key) for key in _STORED_LAYERS]
    sources.extend([tuple(users), *users.values()])

    def live_layers() -> list[folium.map.Layer]:
        shifted = [shift_layer_for_display(layer, basemap) for layer in stored_layers()]
        return [*cast(list[folium.map.Layer], shifted), *user_map_layers(view.basemap, view.lang)]

    open_map_at(view.at)
    map_panel(
        view,
        static,
        basemap,
        placed,
        gaps,
        sources=sources,
        live_layers=live_layers,
        city_level=unplaced,
    )


def analysis_tab(
    view: ViewState,
    placed: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    targets: pd.DataFrame,
    gaps: pd.DataFrame,
) -> list[folium.FeatureGroup]:
    """Coverage, density and targets by district for one city; returns its map layers."""
    lang = view.lang
    city = _tab_city(view, "analysis_city")
    st.caption(t(lang, "layers_hint"))
    carriers, _ = choose_carriers(placed, boundaries, lang, key="analysis")
    layers: list[folium.FeatureGroup] = render_analysis_panel(
        carriers, boundaries, targets, city=city, lang=lang, gaps=gaps[gaps["city"] == city]
    )
    return layers


def _tab_city(view: ViewState, key: str) -> str:
    """The city of a one-city tab: the view's, or chosen here when both are shown."""
    if view.city is not None:
        return view.city
    city: str = st.selectbox(
        t(view.lang, "city"),
        options=list(city_names()),
        format_func=lambda c: city_label(c, view.lang),
        key=key,
    )
    return city


def siting_tab(
    view: ViewState, placed: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame, gaps: pd.DataFrame
) -> list[folium.FeatureGroup]:
    """Where the missing carriers should go, for one city; returns the result's layers."""
    city = _tab_city(view, "siting_city")
    st.caption(t(view.lang, "layers_hint"))
    areas = st.session_state.get("drawn_areas")
    drawn = json.loads(areas.to_json())["features"] if areas is not None and len(areas) else []
    carriers, note = choose_carriers(placed, boundaries, view.lang, key="siting")
    layers: list[folium.FeatureGroup] = render_siting_panel(
        carriers,
        boundaries,
        gaps[gaps["city"] == city],
        city=city,
        lang=view.lang,
        drawn=drawn,
        settings=Settings(data_dir=Settings.from_env().data_dir),
        source_note=note,
    )
    return layers


#: Session keys of the map layers the analysis and site-selection pages built
#: last (kept in WGS-84; the map draws copies, shifted for its basemap).
_STORED_LAYERS: tuple[str, ...] = ("analysis_layers", "siting_layers")


def page_switch(view: ViewState) -> str:
    """The page shown; only that page's work is done on a rerun."""
    lang = view.lang
    st.session_state.setdefault("page", view.page)
    page: str = st.radio(
        t(lang, "page"),
        options=list(PAGES),
        format_func=lambda p: t(lang, f"tab_{p}"),
        horizontal=True,
        key="page",
        label_visibility="collapsed",
    )
    return page


def stored_layers() -> list[folium.FeatureGroup]:
    """Copies of the layers the analysis and site-selection pages built last.

    Copies, because drawing on a GCJ-02 basemap shifts a layer in place.
    """
    out: list[folium.FeatureGroup] = []
    for key in _STORED_LAYERS:
        out.extend(copy.deepcopy(st.session_state.get(key, [])))
    return out


def render(view: ViewState) -> None:
    """Draw the page the view shows (and only that one)."""
    lang = view.lang
    ws = open_workspace()
    data_dir = data_key(ws)
    placed, unplaced, boundaries, targets, gaps = load_data(data_dir)
    in_city = placed if view.city is None else placed[placed["city"] == view.city]
    out_city = unplaced if view.city is None else unplaced[unplaced["city"] == view.city]
    gaps_city = gaps if view.city is None else gaps[gaps["city"] == view.city]
    page = view.page
    if page == "inventory":
        guarded(lambda: render_inventory(ws, lang, city=view.city), lang)
    elif page == "import":
        guarded(lambda: render_workspace_import(ws, lang), lang)
        st.divider()
        guarded(lambda: render_extract_panel(lang, ws=ws), lang)
        guarded(lambda: render_place_imported(Settings.from_env(), lang), lang)
        st.divider()
        guarded(
            lambda: render_geocode_panel(
                lang,
                settings=geocoder_settings(),
                cities=list(city_names()),
                boundaries=boundaries,
            ),
            lang,
        )
    elif page == "analysis":
        guarded(
            lambda: st.session_state.__setitem__(
                "analysis_layers", analysis_tab(view, placed, boundaries, targets, gaps)
            ),
            lang,
        )
    elif page == "siting":
        guarded(
            lambda: st.session_state.__setitem__(
                "siting_layers", siting_tab(view, placed, boundaries, gaps)
            ),
            lang,
        )
    elif page == "targets":
        guarded(lambda: render_workspace_targets(ws, view.city, lang), lang)
        guarded(lambda: render_tables(in_city, out_city, lang), lang)
    elif page == "export":
        basemap = view.basemap
        if BASEMAPS.get(basemap, BASEMAPS["osm"]).needs_key:
            st.caption(t(lang, "export_html_key"))
            basemap = "osm"
        guarded(
            lambda: render_exports(
                view.city,
                in_city,
                out_city,
                boundaries,
                gaps_city,
                standalone_html(data_dir, view.city, lang, basemap, view.at),
                lang,
                data_key=data_dir,
            ),
            lang,
        )
    else:
        guarded(lambda: map_tab(view, data_dir, placed, gaps_city, unplaced), lang)


def guarded(draw: object, lang: str) -> None:
    """Run one part of the page; a failure shows a message, the rest keeps working."""
    try:
        draw()  # type: ignore[operator]
    except GeoAppError as err:
        st.error(plain(f"{t(lang, 'error')}{error_text(err, lang)}"))
    except Exception:  # the page must never show a traceback
        log.exception("unexpected error while rendering")
        st.error(t(lang, "unexpected"))


def main() -> None:
    """Page entry point: the view from the URL, the widgets, then the page."""
    st.set_page_config(page_title="创新载体地图 · Carrier map", layout="wide")
    lang = "zh"  # until the view (and its language) is known
    try:
        view = ViewState.from_query(st.query_params.to_dict())
        lang = view.lang
        view = sidebar(view, tianditu_key())
        view = view.with_changes(at=planner_view(view))  # the map's last view, kept
        lang = view.lang
        st.title(title_text(view.lang))
        st.caption(t(view.lang, "caption"))
        view = view.with_changes(page=page_switch(view))
        st.query_params.from_dict(view.to_query())
        render(view)
    except GeoAppError as err:
        st.error(plain(f"{t(lang, 'error')}{error_text(err, lang)}"))
    except Exception:  # the page must never show a traceback
        log.exception("unexpected error")
        st.error(t(lang, "unexpected"))


main()
