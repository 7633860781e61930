"""A map that carries attack text in every free-text field of every map-building path.

Used by ``tests/test_template_injection.py`` (rendered on the server, read as
text) and ``tests/e2e/test_injection_browser.py`` (opened in Chromium). The
same scene built with harmless text is the browser test's baseline.

Surfaces, each named in :data:`SURFACES`:

* ``registry``: symbol markers of the carrier registry (popup and tooltip
  of each carrier: names, note, source files and phrases, district, id);
* ``clustered``: a category above the clustering threshold, drawn as one
  fast data layer (popup rows and tooltip);
* ``planner``: a planner's own imported layer, its name and its fields;
* ``analysis``: coverage, density choropleth and H3 layers (district names,
  class labels, cell ids);
* ``siting``: proposed-site markers and district reach choropleths;
* ``boundaries``: district names in the boundary tooltips.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo_app.siting.result import SitingResult
from layers.analysis_layers import choropleth_layer, coverage_layers, h3_layer
from layers.carrier_map import FAST_LAYER_THRESHOLD, build_carrier_map, planner_layer
from layers.siting_layers import siting_layers

ATTACK_DIR = Path(__file__).resolve().parent / "data" / "attack"

SURFACES = ("registry", "clustered", "planner", "analysis", "siting", "boundaries")

#: Free-text fields of a registry carrier that reach its popup or tooltip.
REGISTRY_TEXT_FIELDS = (
    "id",
    "name_zh",
    "name_en",
    "note",
    "source_files",
    "source_phrases",
    "district_as_written",
    "admin_district",
)


def read_lines(name: str) -> list[str]:
    """Non-empty lines of a corpus file in ``tests/data/attack``."""
    text = (ATTACK_DIR / name).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip()]


def payloads() -> list[str]:
    """Every HTML/JS payload and template probe."""
    return read_lines("xss_payloads.txt") + read_lines("template_probes.txt")


def _cycle(texts: Sequence[str], n: int) -> list[str]:
    return [texts[i % len(texts)] for i in range(n)]


def _registry(placed: gpd.GeoDataFrame, texts: Sequence[str]) -> gpd.GeoDataFrame:
    """One carrier per text (a copy of real carriers), the text in every free field."""
    base = placed[(placed["category"] != "incubator") & (placed["city"] == "洛阳市")]
    base = base.reset_index(drop=True)
    rows = base.iloc[[i % len(base) for i in range(len(texts))]].reset_index(drop=True).copy()
    for field in REGISTRY_TEXT_FIELDS:
        rows[field] = [f"{t}" for t in texts]
    rows["id"] = [f"{t}#{i}" for i, t in enumerate(texts)]
    # Spread over the city a little so the symbol markers do not all overlap.
    rows = rows.set_geometry(
        shapely.points(
            rows.geometry.x.to_numpy() + 0.002 * (np.arange(len(rows)) % 10),
            rows.geometry.y.to_numpy() + 0.002 * (np.arange(len(rows)) // 10),
        ),
        crs=placed.crs,
    )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=placed.crs)


def _clustered(placed: gpd.GeoDataFrame, texts: Sequence[str]) -> gpd.GeoDataFrame:
    """More incubators than the clustering threshold, in one small box (one view at zoom 16)."""
    n = FAST_LAYER_THRESHOLD + 10
    template = placed.iloc[[0]]
    rows = pd.concat([template] * n, ignore_index=True)
    cycled = _cycle(texts, n)
    for field in REGISTRY_TEXT_FIELDS:
        rows[field] = cycled
    rows["id"] = [f"{t}#c{i}" for i, t in enumerate(cycled)]
    rows["category"] = "incubator"
    rows["city"] = "洛阳市"
    rows["approximate"] = False
    k = np.arange(n)
    lon = 112.440 + 0.0006 * (k % 20)
    lat = 34.640 + 0.0004 * (k // 20)
    return gpd.GeoDataFrame(rows, geometry=shapely.points(lon, lat), crs=4326)


def planner_points(texts: Sequence[str]) -> gpd.GeoDataFrame:
    """A planner's imported list: each text in every column shown."""
    k = np.arange(len(texts))
    return gpd.GeoDataFrame(
        {
            "name_zh": list(texts),
            "name": list(texts),
            "address": list(texts),
            "category": list(texts),
            "precision": list(texts),
        },
        # In the scene's opening view (zoom 16), where the layer draws each point alone.
        geometry=shapely.points(112.4405 + 0.0009 * (k % 10), 34.6385 + 0.0006 * (k // 10)),
        crs=4326,
    )


def _boundaries(boundaries: gpd.GeoDataFrame, texts: Sequence[str]) -> gpd.GeoDataFrame:
    out = boundaries.copy()
    names = _cycle(texts, len(out))
    out["name"] = [f"{t}|{i}" for i, t in enumerate(names)]  # unique, as district names are
    out["name_en"] = names
    return out


def _analysis_layers(bounds: gpd.GeoDataFrame, texts: Sequence[str]) -> list[folium.FeatureGroup]:
    polygons = bounds[["name", "geometry"]].copy()
    polygons["status"] = ["covered" if i % 2 else "uncovered" for i in range(len(polygons))]
    polygons["share_area"] = 0.5
    polygons["area_km2"] = 10.0
    density = bounds[["name", "geometry"]].copy()
    density["n_carriers"] = 3
    density["per_100k"] = 1.5
    density["class"] = [i % 3 for i in range(len(density))]
    density["class_label"] = _cycle(texts, len(density))
    hexes = gpd.GeoDataFrame(
        {"h3": _cycle(texts, 5), "n_carriers": [1, 2, 3, 4, 5]},
        geometry=list(bounds.geometry.iloc[:5]),
        crs=bounds.crs,
    )
    layers: list[folium.FeatureGroup] = coverage_layers(None, lang="zh", polygons=polygons)  # type: ignore[arg-type]
    layers.append(choropleth_layer(density, lang="zh"))
    layers.append(h3_layer(hexes, lang="zh"))
    return layers


def _siting_layers(bounds: gpd.GeoDataFrame, texts: Sequence[str]) -> list[folium.FeatureGroup]:
    names = list(bounds["name"].iloc[:6])
    sites = pd.DataFrame(
        {
            "rank": range(1, 7),
            "site_id": _cycle(texts, 6),
            "district": names,
            "newly_covered": 100.0,
            "cumulative_covered": 600.0,
            "lon": 112.40 + 0.01 * np.arange(6),
            "lat": 34.62,
        }
    )
    districts = pd.DataFrame(
        {
            "district": names,
            "demand": 1000.0,
            "covered_before": 100.0,
            "covered_after": 300.0,
            "added": 200.0,
            "share_before": 0.1,
            "share_after": 0.3,
            "new_sites": 1,
        }
    )
    result = SitingResult(
        model="greedy",
        engine="greedy",
        status="done",
        optimal=False,
        solve_time_s=0.1,
        objective=600.0,
        objective_label="covered",
        n_new=6,
        n_existing=0,
        n_candidates=50,
        radius_m=1500.0,
        demand="population",
        total_demand=6000.0,
        covered_before=600.0,
        covered_after=1800.0,
        mean_distance_before_m=None,
        mean_distance_after_m=None,
        upper_bound=None,
        bound_source=None,
        gap_to_bound=None,
        sites=sites,
        districts=districts,
        notes=tuple(texts[:3]),
    )
    return list(siting_layers(result, bounds, lang="zh"))  # type: ignore[arg-type]


def build_scene(
    placed: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    texts: Sequence[str],
    *,
    surfaces: Sequence[str] = SURFACES,
    basemap: str | None = None,
    lang: str = "zh",
) -> folium.Map:
    """The carrier map with ``texts`` in every free-text field of the chosen surfaces."""
    carriers = placed.iloc[0:0]
    if "registry" in surfaces:
        carriers = pd.concat([carriers, _registry(placed, texts)], ignore_index=True)
    if "clustered" in surfaces:
        carriers = pd.concat([carriers, _clustered(placed, texts)], ignore_index=True)
    carriers = gpd.GeoDataFrame(carriers, geometry="geometry", crs=4326)
    bounds = _boundaries(boundaries, texts) if "boundaries" in surfaces else boundaries
    extra: list[folium.FeatureGroup] = []
    if "analysis" in surfaces:
        extra += _analysis_layers(bounds, texts)
    if "siting" in surfaces:
        extra += _siting_layers(bounds, texts)
    display: list[folium.FeatureGroup] = []
    if "planner" in surfaces:
        points = planner_points(texts)
        # One layer named after each text (one point each), and one with every point.
        display = [planner_layer(points.iloc[[i]], name=t) for i, t in enumerate(texts)]
        display.append(planner_layer(points, name="planner layer"))
    return build_carrier_map(
        carriers,
        boundaries if "boundaries" not in surfaces else bounds,
        city="洛阳市",
        lang=lang,
        basemap=basemap,
        extra_layers=extra,
        display_layers=display,
        position=(34.6416, 112.4457, 16),
        share_control=True,
    )
