"""The import tab: a plan document's carriers (reviewed) placed on the map as a layer."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo_app.config import Settings
from geo_app.pipeline import place_registry_frame
from geo_app.ui.i18n import t
from geo_app.ui.panels import label_values

__all__ = ["USER_LAYERS_KEY", "render_place_imported", "user_layers"]

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
