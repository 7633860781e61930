"""Fixture app for the end-to-end tests: 30 carriers and one zone through st_folium.

Open with ``?localize=0`` to draw the same map with folium's CDN URLs left in
place (the broken case the asset localisation exists for).
"""

# folium's plugin constructors carry no type hints.
# mypy: disallow-untyped-calls=False

from __future__ import annotations

import folium
import streamlit as st
from folium import plugins
from streamlit_folium import st_folium

from layers.assets import localize_map

N_MARKERS = 30


def build_map() -> folium.Map:
    """Thirty markers in a cluster and one GeoJson zone, west Luoyang."""
    m = folium.Map(location=[34.64, 112.45], zoom_start=11)
    cluster = plugins.MarkerCluster(name="carriers").add_to(m)
    for i in range(N_MARKERS):
        lat = 34.56 + (i % 6) * 0.035
        lon = 112.30 + (i // 6) * 0.07
        folium.Marker([lat, lon], popup=f"carrier {i + 1}", tooltip=f"carrier {i + 1}").add_to(
            cluster
        )
    zone = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "洛阳高新区"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [112.33, 34.62],
                            [112.40, 34.62],
                            [112.40, 34.67],
                            [112.33, 34.67],
                            [112.33, 34.62],
                        ]
                    ],
                },
            }
        ],
    }
    folium.GeoJson(zone, name="zones", tooltip=folium.GeoJsonTooltip(fields=["name"])).add_to(m)
    folium.LayerControl().add_to(m)
    return m


st.title("Offline map check")
fmap = build_map()
if st.query_params.get("localize", "1") != "0":
    localize_map(fmap)
st_folium(fmap, key="carriers", height=520, use_container_width=True, returned_objects=[])
st.caption(f"{N_MARKERS} carriers")
