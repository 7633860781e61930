"""Benchmark app: the 10,000-carrier map in Streamlit, rerun by a click on the map.

The approach and the number of carriers come from the environment
(``CARRIER_BENCH_APPROACH`` = ``plain`` | ``fast``, ``CARRIER_BENCH_N``);
``benchmarks/bench_map_render.py --rerun`` starts it and clicks the map.
Each rerun builds the map again, as an app does when its inputs change.
"""

# folium's plugin constructors carry no type hints.
# mypy: disallow-untyped-calls=False

from __future__ import annotations

import os

import geopandas as gpd
import streamlit as st  # noqa: TID251 - a Streamlit app, like streamlit_app.py
from bench_map_render import fast_map, generate_carriers, plain_map
from streamlit_folium import st_folium

from layers.assets import localize_map

APPROACH = os.environ.get("CARRIER_BENCH_APPROACH", "fast")
N_CARRIERS = int(os.environ.get("CARRIER_BENCH_N", "10000"))


@st.cache_data(show_spinner=False)
def carriers(n: int) -> gpd.GeoDataFrame:
    """The generated carriers (the data, not the map, is cached)."""
    return generate_carriers(n)


builder = plain_map if APPROACH == "plain" else fast_map
fmap = localize_map(builder(carriers(N_CARRIERS)))
out = st_folium(
    fmap, key="bench", height=600, use_container_width=True, returned_objects=["last_clicked"]
)
clicked = (out or {}).get("last_clicked")
if clicked:
    st.markdown(f"clicked: {clicked['lat']:.5f},{clicked['lng']:.5f}")
else:
    st.markdown("clicked: none")
