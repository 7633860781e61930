"""The map page: search, the map, the clicked carrier's details, the drawn areas.

The page is one fragment (:func:`map_panel`): typing a search, clicking a
carrier, drawing an area or moving the map reruns only this panel, never the
sidebar or the rest of the page. The map's static part comes ready-made
(:class:`geo_app.ui.map_view.StaticMap`, cached per data, city, language,
basemap and hidden layers); what changes reaches the map it already shows.

State kept in the session, so it survives reruns, page switches and basemap
or language switches:

- ``map_view``: the planner's ``(lat, lon, zoom)``, WGS-84 (also written to
  the URL as ``at=``);
- ``drawn_areas``: the drawn polygons, a WGS-84 GeoDataFrame (read by the
  site-selection page);
- ``selected_id``: the carrier whose details are shown;
- ``map_focus``: the searched carrier the map zoomed to.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo_app.errors import GeoAppError
from geo_app.search import carrier_at, carriers_in_areas, drawn_areas, search_carriers
from geo_app.ui.i18n import error_text, t
from geo_app.ui.map_view import StaticMap, drawings_script, dynamic_script, show_map
from geo_app.ui.markdown import plain
from geo_app.ui.panels import label_values, render_details, render_gap_summary
from geo_app.view import ViewState
from geocoding.coords import gcj02_to_wgs84, wgs84_to_gcj02
from layers.basemaps import Basemap, display_frame
from layers.carrier_map import display_positions, highlight_layer

__all__ = [
    "MAP_KEY",
    "MAP_VIEW_KEY",
    "USER_LAYERS_KEY",
    "map_panel",
    "open_map_at",
    "planner_view",
    "user_layers",
]

log = logging.getLogger("carrier_map.app")

MAP_KEY = "map"
#: The planner's own layers, as the import page stores them
#: (``geo_app.ui.import_panel.USER_LAYERS_KEY``; read here without importing
#: that page and the analysis it carries).
USER_LAYERS_KEY = "user_layers"
MAP_VIEW_KEY = "map_view"
_FOCUS_KEY = "map_focus"
_VIEW_CITY_KEY = "map_view_city"
_OPEN_AT_KEY = "_map_open_at"
_LIVE_KEY = "_map_live"
#: What the map reports back. Centre and zoom are kept so the view survives;
#: a move reruns only the map's fragment.
RETURNED: tuple[str, ...] = ("last_object_clicked", "all_drawings", "center", "zoom")
#: A searched carrier is shown at least at this zoom (streets).
FOCUS_ZOOM = 15


def user_layers() -> dict[str, gpd.GeoDataFrame]:
    """The planner's own layers in this session (imported or batch-geocoded)."""
    layers: dict[str, gpd.GeoDataFrame] = st.session_state.setdefault(USER_LAYERS_KEY, {})
    return layers


def planner_view(view: ViewState) -> tuple[float, float, int] | None:
    """The map view of this session: the last one the map reported, else the URL's.

    A view kept for another city is dropped: the map then fits the new city.
    """
    kept = st.session_state.get(MAP_VIEW_KEY)
    if not kept:
        return view.at
    if st.session_state.get(_VIEW_CITY_KEY, view.city) != view.city:
        st.session_state.pop(MAP_VIEW_KEY, None)
        st.session_state.pop(_VIEW_CITY_KEY, None)
        return None
    return (float(kept[0]), float(kept[1]), int(kept[2]))


def open_map_at(target: tuple[float, float, int] | None) -> None:
    """Where the map is put on this full run: ``target`` (WGS-84), or left as it is.

    A fragment rerun keeps the position sent last, so that a move reported by
    the map is never answered by moving it back; only a search moves it.
    """
    st.session_state[_OPEN_AT_KEY] = target


def _follow_search(
    before: object, focus: tuple[str, float, float, int] | None, city: str | None
) -> None:
    """A new searched carrier: go there; a search cleared: stay where the planner is.

    The view the map is sent to is kept as the planner's at once: the map
    does not report a view the app set (:mod:`geo_app.ui.map_view`).
    """
    if before == focus:
        return
    if focus is not None:
        st.session_state[_OPEN_AT_KEY] = (focus[1], focus[2], focus[3])
        _keep_view((round(focus[1], 6), round(focus[2], 6), focus[3]), city)
    else:
        st.session_state[_OPEN_AT_KEY] = st.session_state.get(MAP_VIEW_KEY)


def _keep_view(kept: tuple[float, float, int], city: str | None) -> None:
    """The planner's view (WGS-84), in the session and the URL."""
    if kept != st.session_state.get(MAP_VIEW_KEY):
        st.session_state[MAP_VIEW_KEY] = kept
        st.session_state[_VIEW_CITY_KEY] = city
        st.query_params["at"] = ViewState(at=kept).to_query()["at"]


def _to_display(lat: float, lon: float, basemap: Basemap) -> tuple[float, float]:
    if basemap.crs == "gcj02":
        lon, lat = wgs84_to_gcj02(lon, lat)
    return float(lat), float(lon)


def _from_display(lat: float, lon: float, basemap: Basemap) -> tuple[float, float]:
    if basemap.crs == "gcj02":
        lon, lat = gcj02_to_wgs84(lon, lat)
    return round(float(lat), 6), round(float(lon), 6)


def _focus(picked: str | None, shown: gpd.GeoDataFrame) -> tuple[str, float, float, int] | None:
    """The searched carrier to show, kept while the same one stays picked."""
    focus = st.session_state.get(_FOCUS_KEY)
    if picked is None:
        st.session_state.pop(_FOCUS_KEY, None)
        return None
    if focus is not None and focus[0] == picked:
        return tuple(focus)  # type: ignore[return-value]
    row = shown[shown["id"] == picked]
    if row.empty:
        return None
    kept = st.session_state.get(MAP_VIEW_KEY)
    zoom = max(FOCUS_ZOOM, int(kept[2]) if kept else 0)
    point = row.geometry.iloc[0]
    new = (str(picked), float(point.y), float(point.x), zoom)
    st.session_state[_FOCUS_KEY] = new
    return new


def _live_script(
    token: tuple[Any, ...],
    sources: Sequence[object],
    build: Callable[[], list[folium.map.Layer]],
) -> str:
    """The live layers' script, rebuilt only when a layer or the token changed.

    ``sources`` are the objects the layers come from (compared by identity:
    a page that computes new layers stores new objects).
    """
    cached = st.session_state.get(_LIVE_KEY)
    if (
        cached is not None
        and cached[0] == token
        and len(cached[1]) == len(sources)
        and all(_same(a, b) for a, b in zip(cached[1], sources, strict=True))
    ):
        return str(cached[2])
    script = dynamic_script(build())
    st.session_state[_LIVE_KEY] = (token, tuple(sources), script)
    return script


def _same(a: object, b: object) -> bool:
    """Identity for frames and layer lists; equality for names."""
    return a is b or (isinstance(a, tuple) and isinstance(b, tuple) and a == b)


def _drawn_features(areas: object, basemap: Basemap) -> list[dict[str, Any]]:
    if not isinstance(areas, gpd.GeoDataFrame) or areas.empty:
        return []
    features: list[dict[str, Any]] = json.loads(display_frame(areas, basemap).to_json())["features"]
    return features


def _remember(out: dict[str, Any], basemap: Basemap, city: str | None) -> None:
    """Keep the view (and the city it shows) and the drawings the map reported (WGS-84)."""
    center, zoom = out.get("center"), out.get("zoom")
    if isinstance(center, dict) and isinstance(zoom, int | float) and 1 <= zoom <= 19:
        lat, lon = _from_display(center["lat"], center["lng"], basemap)
        _keep_view((lat, lon, int(zoom)), city)
    drawings = out.get("all_drawings")
    if drawings is not None:  # None: the map has not reported drawings since it was made
        st.session_state["drawn_areas"] = drawn_areas(drawings, display_crs=basemap.crs)


def _clicked(out: dict[str, Any], shown: gpd.GeoDataFrame, basemap: Basemap) -> None:
    clicked = out.get("last_object_clicked")
    if not clicked or clicked == st.session_state.get("_last_click"):
        return
    st.session_state["_last_click"] = clicked
    drawn = display_frame(shown, basemap)
    cid = carrier_at(list(drawn["id"]), display_positions(drawn), clicked["lat"], clicked["lng"])
    if cid is not None:
        st.session_state["selected_id"] = cid


def _search(shown: gpd.GeoDataFrame, lang: str) -> str | None:
    """The search box; returns the picked carrier's id, if any."""
    query = st.text_input(t(lang, "search"), key="search")
    if not query.strip():
        return None
    found = search_carriers(shown, query)
    if found.empty:
        st.caption(t(lang, "search_none"))
        return None
    names = dict(zip(found["id"], found["name_zh"], strict=True))
    picked: str = st.selectbox(
        t(lang, "search_pick"),
        options=list(names),
        format_func=lambda i: str(names[i]),
        key="search_pick",
    )
    if picked != st.session_state.get("_last_pick"):
        st.session_state["_last_pick"] = picked
        st.session_state["selected_id"] = picked
    return picked


@st.fragment
def map_panel(
    view: ViewState,
    static: StaticMap,
    basemap: Basemap,
    placed: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    *,
    sources: Sequence[object],
    live_layers: Callable[[], list[folium.map.Layer]],
    city_level: pd.DataFrame | None = None,
) -> None:
    """Search, the map, the details of the picked carrier and the drawn areas.

    The map opens where :func:`open_map_at` said (the planner's last view);
    ``live_layers`` builds the layers drawn over the static map from ``sources``.
    ``city_level`` are carriers known only to their city: never drawn (no
    district holds them), found by the search and listed under the map.
    """
    lang = view.lang
    try:
        shown = placed if view.city is None else placed[placed["city"] == view.city]
        unplaced = city_level if city_level is not None else pd.DataFrame(columns=placed.columns)
        if view.city is not None:
            unplaced = unplaced[unplaced["city"] == view.city]
        searchable = pd.concat([pd.DataFrame(shown), unplaced], ignore_index=True)
        # A container of its own, so the search's own widgets (the list of
        # matches comes and goes) never move the map: a moved map is re-created.
        with st.container():
            picked = _search(searchable, lang)
        before = st.session_state.get(_FOCUS_KEY)
        focus = _focus(picked, shown)
        _follow_search(before, focus, view.city)
        center: tuple[float, float] | None = None
        zoom = None
        at = st.session_state.get(_OPEN_AT_KEY)
        if at:
            center, zoom = _to_display(at[0], at[1], basemap), int(at[2])

        def build() -> list[folium.map.Layer]:
            groups = live_layers()
            if focus is not None:
                name = shown.loc[shown["id"] == focus[0], "name_zh"]
                lat, lon = _to_display(focus[1], focus[2], basemap)
                groups.append(highlight_layer(lat, lon, label=str(name.iloc[0])))
            return groups

        live = _live_script((view.basemap, lang, focus), sources, build)
        live += drawings_script(_drawn_features(st.session_state.get("drawn_areas"), basemap))
        left, right = st.columns([5, 2])
        with left:
            out = show_map(
                static,
                key=MAP_KEY,
                live=live,
                center=center,
                zoom=zoom,
                height=620,
                returned_objects=RETURNED,
            )
            if basemap.crs == "gcj02":
                st.info(t(lang, "gcj_note"))
            st.caption(t(lang, "approx_note"))
        _remember(out, basemap, view.city)
        _clicked(out, shown, basemap)
        selected_id = st.session_state.get("selected_id")
        row = None
        if selected_id in set(searchable["id"]):
            row = searchable[searchable["id"] == selected_id].iloc[0]
        with right:
            render_details(row, lang)
            render_gap_summary(gaps, lang)
        _drawn_table(shown, lang)
        _city_level_table(unplaced, lang)
    except GeoAppError as err:
        st.error(plain(f"{t(lang, 'error')}{error_text(err, lang)}"))
    except Exception:  # the page must never show a traceback
        log.exception("unexpected error on the map page")
        st.error(t(lang, "unexpected"))


def _city_level_table(unplaced: pd.DataFrame, lang: str) -> None:
    """Carriers known only to their city: listed, never drawn inside a district."""
    known = unplaced[unplaced["precision"].isin(["city", "none"])] if len(unplaced) else unplaced
    if known.empty:
        return
    with st.expander(t(lang, "city_level_list", n=len(known))):
        st.caption(t(lang, "city_level_hint"))
        cols = ["id", "name_zh", "category", "status", "city", "precision"]
        st.dataframe(label_values(known[cols], lang), hide_index=True, width="stretch")


def _drawn_table(shown: gpd.GeoDataFrame, lang: str) -> None:
    areas = st.session_state.get("drawn_areas")
    st.subheader(t(lang, "drawn"))
    if not isinstance(areas, gpd.GeoDataFrame) or areas.empty:
        st.caption(t(lang, "drawn_hint"))
        return
    inside = carriers_in_areas(shown, areas)
    st.caption(f"{t(lang, 'drawn_selected')}: {len(inside)}")
    cols = ["id", "name_zh", "category", "status", "admin_district", "precision"]
    st.dataframe(label_values(inside[cols], lang), hide_index=True, width="stretch")
