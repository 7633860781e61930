"""The import tab: a plan document's carriers (reviewed) placed on the map as a layer."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo_app.analysis.coverage import CARRIER_CATEGORIES
from geo_app.analysis.sources import LayerCarriers, combine_carriers, layer_carriers
from geo_app.config import Settings
from geo_app.model import CATEGORY_LABELS
from geo_app.pipeline import place_registry_frame
from geo_app.ui.i18n import t
from geo_app.ui.markdown import plain
from geo_app.ui.panels import label_values

__all__ = ["USER_LAYERS_KEY", "choose_carriers", "render_place_imported", "user_layers"]

USER_LAYERS_KEY = "user_layers"


def user_layers() -> dict[str, gpd.GeoDataFrame]:
    """The planner's own layers in this session (imported or batch-geocoded)."""
    layers: dict[str, gpd.GeoDataFrame] = st.session_state.setdefault(USER_LAYERS_KEY, {})
    return layers


def render_place_imported(settings: Settings, lang: str) -> None:
    """Geocode the reviewed registry (offline gazetteer + area check) into a layer."""
    registry = st.session_state.get("user_registry")
    if not isinstance(registry, pd.DataFrame) or registry.empty:
        return
    if st.button(t(lang, "import_place"), key="import_place"):
        layers = place_registry_frame(registry, settings)
        user_layers()[t(lang, "import_layer")] = layers.placed
        st.session_state["import_unplaced"] = layers.unplaced
        st.success(
            t(lang, "import_placed", placed=len(layers.placed), unplaced=len(layers.unplaced))
        )
    unplaced = st.session_state.get("import_unplaced")
    if isinstance(unplaced, pd.DataFrame) and not unplaced.empty:
        cols = ["id", "name_zh", "category", "reason"]
        st.dataframe(label_values(unplaced[cols], lang), hide_index=True, width="stretch")


def choose_carriers(
    placed: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame, lang: str, *, key: str
) -> tuple[gpd.GeoDataFrame, str]:
    """Which carriers a tab analyses: the registry and/or the planner's own layers.

    Without any layer of the planner's this is the registry, silently. With
    layers, a multiselect chooses them; for each chosen layer a category is
    picked for rows that name none, and the rows used are counted on screen.

    Returns
    -------
    tuple
        The carriers (the columns :func:`geo_app.analysis.sources.combine_carriers`
        gives) and a one-line note naming the sources, for results.
    """
    layers = {name: gdf for name, gdf in user_layers().items() if len(gdf)}
    if not layers:
        return placed, ""
    registry_label = t(lang, "source_registry")
    chosen = st.multiselect(
        t(lang, "sources"),
        ["registry", *layers],
        default=["registry"],
        format_func=lambda o: registry_label if o == "registry" else o,
        key=f"{key}_sources",
    )
    picked: dict[str, LayerCarriers] = {}
    for name in (c for c in chosen if c != "registry"):
        category = st.selectbox(
            t(lang, "source_category", name=name),
            [None, *CARRIER_CATEGORIES],
            format_func=lambda c: t(lang, "source_none") if c is None else CATEGORY_LABELS[c][lang],
            key=f"{key}_category_{name}",
        )
        got = layer_carriers(layers[name], boundaries, name=name, category=category)
        picked[name] = got
        st.caption(
            t(
                lang,
                "source_counts",
                name=plain(name),
                rows=got.n_rows,
                used=len(got.carriers) - got.n_outside,
                outside=got.n_outside,
                missing=got.n_no_category,
            )
        )
    registry = placed if "registry" in chosen else None
    names = [registry_label if c == "registry" else c for c in chosen]
    return combine_carriers(registry, picked), t(lang, "source_note", names="、".join(names))
