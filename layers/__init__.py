"""GeoDataFrames to map layers (folium) and files (GeoJSON, GeoPackage, CSV)."""

from __future__ import annotations

from layers.carrier_map import build_carrier_map, carrier_popup_html
from layers.files import geojson_text, write_csv, write_geojson, write_gpkg

__all__ = [
    "build_carrier_map",
    "carrier_popup_html",
    "geojson_text",
    "write_csv",
    "write_geojson",
    "write_gpkg",
]
