"""What the site-selection panel shows of a result: summary, tables, downloads, layers.

The panel shows this page's latest result and, beside it, a reopened session
file; each is drawn by :func:`show_result` with downloads of exactly that
result, and :func:`result_layers` gives its map layers (with the areas the
run kept its sites inside or out of).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import streamlit as st

from geo_app.config import Settings
from geo_app.errors import GeoAppError
from geo_app.siting.session import (
    SitingSession,
    session_text,
)
from geo_app.ui.markdown import plain
from geo_app.ui.siting_text import note_text, population_zh
from geo_app.ui.tables import show_table
from layers._html import escape_html
from layers.basemaps import Basemap, display_frame
from layers.files import csv_bytes, geojson_text, write_gpkg
from layers.siting_layers import siting_layers

__all__ = ["area_count", "result_layers", "show_result"]


def _gpkg_bytes(session: SitingSession) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "siting.gpkg"
        write_gpkg(
            {"sites": session.result.sites_gdf(), "coverage_by_district": session.result.districts},
            path,
        )
        return path.read_bytes()


def area_count(areas: Mapping[str, Any] | None) -> int:
    if not areas:
        return 0
    return len(areas.get("features") or ([areas] if areas.get("type") == "Feature" else []))


def _areas_layer(
    session: SitingSession, text: dict[str, str], basemap: Basemap | None
) -> folium.GeoJson | None:
    """The areas a run kept its sites inside (green) or out of (red), as one layer."""
    feats: list[dict[str, Any]] = []
    for kind, areas in (
        ("include", session.inputs.include_areas),
        ("exclude", session.inputs.exclude_areas),
    ):
        for feat in (areas or {}).get("features") or []:
            if isinstance(feat, dict) and feat.get("geometry"):
                # Only the geometry: a drawn or uploaded area's properties are not shown.
                feats.append(
                    {"type": "Feature", "geometry": feat["geometry"], "properties": {"k": kind}}
                )
    if not feats:
        return None
    frame = gpd.GeoDataFrame.from_features(feats, crs=4326)
    if basemap is not None:
        frame = display_frame(frame, basemap)
    return folium.GeoJson(
        frame.to_json(),
        name=escape_html(text["areas_layer"]),
        style_function=lambda f: {
            "color": "#238b45" if f["properties"]["k"] == "include" else "#cb181d",
            "weight": 2,
            "dashArray": "6 4",
            "fillOpacity": 0.05,
        },
    )


def show_result(
    session: SitingSession,
    text: dict[str, str],
    lang: str,
    *,
    boundaries: gpd.GeoDataFrame,
    settings: Settings,
    key: str = "siting_dl",
    stem_suffix: str = "",
) -> None:
    result = session.result
    st.success(result.summary(lang))
    included = area_count(session.inputs.include_areas)
    excluded = area_count(session.inputs.exclude_areas)
    if included or excluded:
        st.caption(text["areas_used"].format(include=included, exclude=excluded))
    for note in result.notes:
        in_zh = ""
        if lang == "zh" and note.startswith("Population: "):
            try:
                in_zh = population_zh(note, boundaries, session.inputs.city, settings)
            except GeoAppError:
                in_zh = ""
        st.caption(plain(note_text(note, lang, in_zh)))
    # Demand in km² (area) keeps one decimal; people are whole numbers.
    amounts = ("demand", "covered_before", "covered_after", "added")
    gains = ("newly_covered", "cumulative_covered")
    kinds = dict.fromkeys((*amounts, *gains), "km2") if result.demand == "area" else {}
    st.markdown(f"**{text['sites']}**")
    show_table(result.sites, list(result.sites.columns), lang, kinds=kinds)
    st.markdown(f"**{text['districts']}**")
    show_table(result.districts, list(result.districts.columns), lang, kinds=kinds)
    _downloads(session, text, key=key, stem_suffix=stem_suffix)


def _downloads(session: SitingSession, text: dict[str, str], *, key: str, stem_suffix: str) -> None:
    """Downloads of exactly the result shown above them."""
    result = session.result
    stem = f"siting_{session.inputs.city}_{session.inputs.category}{stem_suffix}"
    c1, c2, c3, c4 = st.columns(4)
    sites = result.sites_gdf()
    c1.download_button(
        text["dl_geojson"],
        geojson_text(sites).encode(),
        f"{stem}.geojson",
        "application/geo+json",
        key=f"{key}_geojson",
    )
    csv = csv_bytes(result.sites)
    c2.download_button(text["dl_csv"], csv, f"{stem}.csv", "text/csv", key=f"{key}_csv")
    c3.download_button(
        text["dl_gpkg"],
        _gpkg_bytes(session),
        f"{stem}.gpkg",
        "application/geopackage+sqlite3",
        key=f"{key}_gpkg",
    )
    c4.download_button(
        text["dl_session"],
        session_text(session).encode("utf-8"),
        f"{stem}.session.json",
        "application/json",
        key=f"{key}_session",
    )


#: Session keys: the reopened session (shown beside this page's result) and the running job.
def result_layers(
    session: SitingSession,
    boundaries: gpd.GeoDataFrame,
    text: dict[str, str],
    lang: str,
    basemap: Basemap | None,
    prefix: str = "",
) -> list[folium.FeatureGroup | folium.GeoJson]:
    layers = siting_layers(session.result, boundaries, lang=lang, basemap=basemap)
    areas = _areas_layer(session, text, basemap)
    if areas is not None:
        layers.insert(0, areas)
    if prefix:
        for layer in layers:
            # Layer names are escaped HTML already; the prefix is escaped the same way.
            layer.layer_name = escape_html(prefix) + layer.layer_name
    return layers
