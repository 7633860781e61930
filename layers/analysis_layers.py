"""Folium layers for the coverage and density analysis.

Each function returns a :class:`folium.FeatureGroup` (one entry in the layer
control) holding the drawing and, where it needs one, its legend; the legend
shows only while its layer is on. Every text that reaches the page is escaped
(:func:`layers._html.escape_html`). Surfaces (distance to the nearest carrier,
kernel density) are drawn as image overlays resampled to lon/lat, not as
thousands of polygons.
"""

from __future__ import annotations

from collections.abc import Sequence

import folium
import geopandas as gpd
import numpy as np
from branca.element import MacroElement
from jinja2 import Template
from numpy.typing import NDArray

from geo_app.analysis.coverage import CoverageResult, coverage_polygons, nearest_distance_m
from geo_app.analysis.density import KdeSurface
from geo_app.analysis.raster import LonLatImage, piece_raster, to_lonlat_image
from layers._html import escape_html, inert_frame
from layers.fast_markers import script_json

__all__ = [
    "analysis_layers",
    "choropleth_layer",
    "colorize",
    "coverage_layers",
    "distance_layer",
    "h3_layer",
    "kde_layer",
]

_BLUES = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
_DISTANCE = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027")
_HEAT = ("#ffffcc", "#fed976", "#fd8d3c", "#e31a1c", "#800026")

_WORDS = {
    "zh": {
        "covered": "服务覆盖范围",
        "uncovered": "未覆盖范围",
        "distance": "到最近载体的距离",
        "density": "载体密度(区县)",
        "h3": "H3 六边形载体数",
        "kde": "核密度(载体/km²)",
        "share": "覆盖面积占比",
        "km": "公里",
        "per_100k": "每10万人载体数",
        "per_km2": "每平方公里载体数",
        "carriers": "载体数",
        "bandwidth": "带宽",
    },
    "en": {
        "covered": "Within reach",
        "uncovered": "Not within reach",
        "distance": "Distance to nearest carrier",
        "density": "Carrier density (districts)",
        "h3": "Carriers per H3 hexagon",
        "kde": "Kernel density (carriers/km²)",
        "share": "share of area",
        "km": "km",
        "per_100k": "carriers per 100,000 residents",
        "per_km2": "carriers per km²",
        "carriers": "carriers",
        "bandwidth": "bandwidth",
    },
}

# The legend is a Leaflet control made by the layer's own script, so it works
# both in a map file and for a layer added to a live map after it was drawn
# (streamlit-folium's ``feature_group_to_add`` sends scripts, not page HTML).
# It follows its layer: on while the layer is on, gone when it is switched
# off or removed.
_LEGEND = Template(
    """
{% macro script(this, kwargs) %}
(function (layer) {
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "analysis-legend");
    div.style.cssText = "background: rgba(255,255,255,0.92); padding: 6px 8px;"
      + " border: 1px solid #999; border-radius: 4px; font-size: 12px;"
      + " line-height: 16px; max-width: 260px;";
    div.innerHTML = {{ this.body_json }};
    return div;
  };
  layer.on("add", function () { if (!legend._map && layer._map) { legend.addTo(layer._map); } });
  layer.on("remove", function () { if (legend._map) { legend.remove(); } });
  if (layer._map) { legend.addTo(layer._map); }
})({{ this._parent.get_name() }});
{% endmacro %}
"""
)


class _LayerLegend(MacroElement):  # type: ignore[misc]
    """A legend box shown while its parent layer is on the map.

    ``body`` is HTML whose every outside text was escaped; it reaches the
    script as a JSON string safe inside ``<script>``.
    """

    def __init__(self, body: str, *, bottom: int = 24) -> None:
        super().__init__()
        self._name = "AnalysisLegend"
        self._template = _LEGEND
        self.body_json = script_json(body)
        self.bottom = bottom  # kept for callers; Leaflet stacks the legends in their corner


def colorize(
    values: NDArray[np.float64], vmin: float, vmax: float, ramp: Sequence[str], *, alpha: int = 190
) -> NDArray[np.uint8]:
    """Map values to RGBA through a linear colour ramp; ``nan`` is transparent.

    Examples
    --------
    >>> colorize(np.array([[0.0, np.nan]]), 0.0, 1.0, ("#000000", "#ffffff"))[0, :, 3].tolist()
    [190, 0]
    """
    rgb = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in ramp], dtype=np.float64)
    span = vmax - vmin if vmax > vmin else 1.0
    t = np.clip((np.nan_to_num(values, nan=vmin) - vmin) / span, 0.0, 1.0)
    stops = np.linspace(0.0, 1.0, len(ramp))
    out = np.zeros((*values.shape, 4), dtype=np.uint8)
    for ch in range(3):  # three colour channels, each one vectorised interpolation
        out[..., ch] = np.interp(t, stops, rgb[:, ch]).round().astype(np.uint8)
    out[..., 3] = np.where(np.isfinite(values), alpha, 0).astype(np.uint8)
    return out


def _ramp_legend(title: str, vmin: float, vmax: float, ramp: Sequence[str], unit: str) -> str:
    gradient = ", ".join(ramp)
    return (
        f"<b>{escape_html(title)}</b><br>"
        f"<div style='height:10px;background:linear-gradient(to right, {gradient});'></div>"
        f"<span>{vmin:.3g}</span><span style='float:right'>{vmax:.3g} {escape_html(unit)}</span>"
    )


def _image_layer(
    image: LonLatImage, name: str, vmin: float, vmax: float, ramp: Sequence[str], legend: str
) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=escape_html(name), show=False)
    folium.raster_layers.ImageOverlay(
        image=colorize(image.values, vmin, vmax, ramp),
        bounds=image.bounds,
        mercator_project=False,  # rows already evenly spaced in Web Mercator
        opacity=0.75,
    ).add_to(group)
    group.add_child(_LayerLegend(legend, bottom=24))
    return group


def coverage_layers(
    result: CoverageResult, *, lang: str = "zh", polygons: gpd.GeoDataFrame | None = None
) -> list[folium.FeatureGroup]:
    """Two layers: the covered and the uncovered parts of each district.

    ``polygons`` may pass :func:`~geo_app.analysis.coverage.coverage_polygons`
    already computed for ``result``.
    """
    words = _WORDS[lang]
    frame = coverage_polygons(result) if polygons is None else polygons
    out = []
    for status, color in (("covered", "#1a9850"), ("uncovered", "#d73027")):
        part = frame[frame["status"] == status].copy()
        part["label"] = [
            f"{n} · {words[status]} · {words['share']} {s:.1%} ({a:,.1f} km²)"
            for n, s, a in zip(part["name"], part["share_area"], part["area_km2"], strict=True)
        ]
        group = folium.FeatureGroup(name=escape_html(words[status]), show=False)
        out.append(group)
        if part.empty:  # nothing covered (or nothing left uncovered): an empty layer
            continue
        folium.GeoJson(
            inert_frame(part[["label", "geometry"]]).to_json(),
            style_function=lambda _f, c=color: {
                "color": c,
                "weight": 0.5,
                "fillColor": c,
                "fillOpacity": 0.35,
            },
            tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        ).add_to(group)
    return out


def distance_layer(
    result: CoverageResult, *, lang: str = "zh", width: int = 640
) -> folium.FeatureGroup:
    """Distance from every grid cell to the nearest selected carrier, km."""
    words = _WORDS[lang]
    dist_km = nearest_distance_m(result) / 1000.0
    image = to_lonlat_image(result.grid, piece_raster(result.grid, dist_km), width=width)
    vmax = float(np.nanpercentile(dist_km, 95)) if np.isfinite(dist_km).any() else 1.0
    legend = _ramp_legend(words["distance"], 0.0, vmax, _DISTANCE, words["km"])
    return _image_layer(image, words["distance"], 0.0, vmax, _DISTANCE, legend)


def kde_layer(surface: KdeSurface, *, lang: str = "zh", width: int = 640) -> folium.FeatureGroup:
    """The kernel density surface (carriers per km²)."""
    words = _WORDS[lang]
    image = to_lonlat_image(surface.grid, surface.values, width=width)
    vmax = float(np.nanmax(surface.values)) if np.isfinite(surface.values).any() else 1.0
    title = f"{words['kde']} · {words['bandwidth']} {surface.bandwidth_km:g} km"
    legend = _ramp_legend(title, 0.0, vmax, _HEAT, "/km²")
    return _image_layer(image, title, 0.0, max(vmax, 1e-12), _HEAT, legend)


def choropleth_layer(
    density: gpd.GeoDataFrame, *, measure: str = "per_100k", lang: str = "zh"
) -> folium.FeatureGroup:
    """District choropleth of carrier density, coloured by its mapclassify class."""
    words = _WORDS[lang]
    n_classes = int(density["class"].max()) + 1 if len(density) else 1
    colors = [
        _BLUES[round(i * (len(_BLUES) - 1) / max(n_classes - 1, 1))] for i in range(n_classes)
    ]
    shown = density[["name", "n_carriers", measure, "class", "class_label", "geometry"]].copy()
    shown["label"] = [
        f"{n}: {c} {words['carriers']}, {v:.3g} {words[measure]}"
        for n, c, v in zip(shown["name"], shown["n_carriers"], shown[measure], strict=True)
    ]
    group = folium.FeatureGroup(name=escape_html(words["density"]), show=False)
    folium.GeoJson(
        inert_frame(shown[["label", "class", "geometry"]]).to_json(),
        style_function=lambda f: {
            "color": "#555555",
            "weight": 1,
            "fillColor": colors[int(f["properties"]["class"])],
            "fillOpacity": 0.7,
        },
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(group)
    labels = (
        density.drop_duplicates("class").sort_values("class")[["class", "class_label"]].to_numpy()
    )
    rows = "".join(
        f"<i style='display:inline-block;width:12px;height:12px;background:{colors[int(c)]};"
        f"border:1px solid #777;margin-right:4px'></i>{escape_html(t)}<br>"
        for c, t in labels
    )
    group.add_child(
        _LayerLegend(
            f"<b>{escape_html(words['density'])}</b><br>{escape_html(words[measure])}<br>{rows}",
            bottom=140,
        )
    )
    return group


def h3_layer(hexes: gpd.GeoDataFrame, *, lang: str = "zh") -> folium.FeatureGroup:
    """Carrier counts per H3 hexagon, shaded by count."""
    words = _WORDS[lang]
    top = int(hexes["n_carriers"].max()) if len(hexes) else 1
    shown = hexes[["h3", "n_carriers", "geometry"]].copy()
    shown["label"] = [
        f"{h}: {n} {words['carriers']}"
        for h, n in zip(shown["h3"], shown["n_carriers"], strict=True)
    ]
    shown["color"] = [
        _HEAT[min(len(_HEAT) - 1, int((len(_HEAT) - 1) * n / max(top, 1)))]
        for n in shown["n_carriers"]
    ]
    group = folium.FeatureGroup(name=escape_html(words["h3"]), show=False)
    if shown.empty:  # no carrier in use: an empty layer (a tooltip needs features)
        return group
    folium.GeoJson(
        inert_frame(shown[["label", "color", "geometry"]]).to_json(),
        style_function=lambda f: {
            "color": "#7f0000",
            "weight": 0.5,
            "fillColor": f["properties"]["color"],
            "fillOpacity": 0.6,
        },
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(group)
    legend = _ramp_legend(words["h3"], 1.0 if top else 0.0, float(top), _HEAT, words["carriers"])
    group.add_child(_LayerLegend(legend, bottom=90))
    return group


def analysis_layers(
    coverage: CoverageResult,
    density: gpd.GeoDataFrame,
    hexes: gpd.GeoDataFrame,
    kde: KdeSurface,
    *,
    measure: str = "per_100k",
    lang: str = "zh",
    polygons: gpd.GeoDataFrame | None = None,
) -> list[folium.FeatureGroup]:
    """Every analysis layer, in the order they should be added to the map."""
    return [
        *coverage_layers(coverage, lang=lang, polygons=polygons),
        distance_layer(coverage, lang=lang),
        choropleth_layer(density, measure=measure, lang=lang),
        h3_layer(hexes, lang=lang),
        kde_layer(kde, lang=lang),
    ]
