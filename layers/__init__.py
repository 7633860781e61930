"""GeoDataFrames to map layers (folium) and files (GeoJSON, GeoPackage, CSV).

The names are loaded on first use, so that writing a CSV does not load
folium and geopandas.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "build_carrier_map",
    "carrier_popup_html",
    "geojson_text",
    "write_csv",
    "write_geojson",
    "write_gpkg",
]

_HOMES = {
    "build_carrier_map": "layers.carrier_map",
    "carrier_popup_html": "layers.carrier_map",
    "geojson_text": "layers.files",
    "write_csv": "layers.files",
    "write_geojson": "layers.files",
    "write_gpkg": "layers.files",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'layers' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
