"""Draw thousands of carriers as one clustered layer built in the browser.

A folium ``Marker`` per carrier writes several lines of JavaScript per point,
and Leaflet.markercluster then builds its cluster tree for every zoom level
while the page loads; with 10,000 carriers the page weighs megabytes and
drawing takes seconds. This layer writes the points once, as one compact data
array. In the browser only what the current view needs is drawn: the points
in view are grouped on a grid of screen cells fixed to the world (a few
milliseconds for 10,000 points, redone after each pan or zoom), each group of
two or more as a cluster icon (styled like Leaflet.markercluster's, with the
number of carriers), each lone carrier as a circle marker. A cluster whose
carriers share one spot (the same address, or a district's representative
point) is spread out around it on click ("spiderfied") so each can be picked;
so is a stack of carriers on one screen pixel at street zoom. Popups and tooltips
are assembled in the browser from values that were HTML-escaped here, so a
carrier name can never inject markup.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from folium.elements import JSCSSMixin
from folium.template import Template

from geo_app.errors import GeoAppError
from layers._html import escape_html, neutralise_template

__all__ = [
    "CLUSTER_CSS",
    "FastMarkerLayer",
    "LayerDataError",
    "MarkerStyle",
    "fast_marker_layer",
    "script_json",
]

_MARKERCLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0"
#: The stylesheets of the cluster icons (Leaflet.markercluster's look).
CLUSTER_CSS: tuple[tuple[str, str], ...] = (
    ("markerclustercss", f"{_MARKERCLUSTER}/MarkerCluster.css"),
    ("markerclusterdefaultcss", f"{_MARKERCLUSTER}/MarkerCluster.Default.css"),
)
_COLOR_RE = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\([0-9.,\s%]+\)")
_COORD_DIGITS = 6  # about 0.1 m: finer than any geocoder
# Characters that could end a <script> element or a JS string early.
_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE_RE = re.compile("[<>&'\u2028\u2029]")


class LayerDataError(GeoAppError, ValueError):
    """The data given to a map layer cannot be drawn."""


def script_json(value: Any) -> str:
    """Serialise to JSON that is safe inside an HTML ``<script>`` element.

    Unlike ``json.dumps`` with ``ensure_ascii``, Chinese text stays as UTF-8
    (a third of the size of ``\\uXXXX`` escapes); the characters that could
    close the element or break a string are escaped.

    Examples
    --------
    >>> script_json({"name": "</script>周山"})
    '{"name":"\\\\u003c/script\\\\u003e周山"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return neutralise_template(_SCRIPT_UNSAFE_RE.sub(lambda m: _SCRIPT_UNSAFE[m.group(0)], text))


@dataclass(frozen=True, slots=True)
class MarkerStyle:
    """Look of the circle markers.

    Parameters
    ----------
    color
        Stroke and fill colour (CSS colour), unless ``color_column`` gives one
        per row.
    radius
        Radius in pixels.
    weight
        Stroke width in pixels.
    fill_opacity
        Fill opacity, 0–1.
    """

    color: str = "#1f6fb2"
    radius: float = 6.0
    weight: float = 1.0
    fill_opacity: float = 0.8

    def __post_init__(self) -> None:
        if not _COLOR_RE.fullmatch(self.color):
            raise LayerDataError(code="fast.bad_colour", params={"value": repr(self.color)})
        if not (0 <= self.fill_opacity <= 1) or self.radius <= 0 or self.weight < 0:
            raise LayerDataError(code="fast.bad_style", params={"style": repr(self)})


class FastMarkerLayer(JSCSSMixin, folium.FeatureGroup):  # type: ignore[misc]
    """A feature group that clusters and draws a point array in the browser.

    Build it with :func:`fast_marker_layer`. It is a ``folium.FeatureGroup``,
    so ``LayerControl`` lists it and ``st_folium(feature_group_to_add=...)``
    accepts it.

    Parameters
    ----------
    payload
        JSON-ready data: ``lat``, ``lon``, ``labels`` (escaped popup
        headings), ``rows`` (escaped popup values per point), ``tip`` (index
        of the row value used as tooltip, or -1), ``colors`` (per point, or
        ``None``).
    name
        Layer name in the layer control.
    style
        Marker look.
    cell_px
        Size of the clustering grid's cells, in screen pixels.
    unclustered_zoom
        From this zoom on, every carrier is drawn alone.
    show
        Whether the layer is on when the map opens.

    Attributes
    ----------
    skipped
        Rows left out because they had no geometry.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.featureGroup({});
            (function (group) {
                var d = {{ this.payload_json }};
                var style = {{ this.style_json }};
                var opt = {{ this.cluster_json }};
                var n = d.lat.length;
                var px = new Float64Array(n), py = new Float64Array(n), drawn = {};
                var crs = L.CRS.EPSG3857;
                for (var i = 0; i < n; i++) {
                    // Web Mercator pixels at zoom 0; zoom z is a factor 2^z.
                    var p0 = crs.latLngToPoint(L.latLng(d.lat[i], d.lon[i]), 0);
                    px[i] = p0.x;
                    py[i] = p0.y;
                }
                function popupHtml(layer) {
                    var row = d.rows[layer.carrierIndex], html = '<table class="carrier-popup">';
                    for (var k = 0; k < d.labels.length; k++) {
                        html += "<tr><th>" + d.labels[k] + "</th><td>" + row[k] + "</td></tr>";
                    }
                    return html + "</table>";
                }
                function pointLayer(i) {
                    var opts = style;
                    if (d.colors) {
                        opts = L.extend({}, style, {color: d.colors[i], fillColor: d.colors[i]});
                    }
                    var m = L.circleMarker([d.lat[i], d.lon[i]], opts);
                    m.carrierIndex = i;
                    if (d.labels.length) { m.bindPopup(popupHtml); }
                    if (d.tip >= 0) { m.bindTooltip(d.rows[i][d.tip]); }
                    return m;
                }
                function clusterLayer(c) {
                    var size = c.count < 10 ? "small" : (c.count < 100 ? "medium" : "large");
                    var icon = L.divIcon({
                        html: "<div><span>" + c.count + "</span></div>",
                        className: "marker-cluster marker-cluster-" + size,
                        iconSize: L.point(40, 40)
                    });
                    var m = L.marker([c.lat / c.count, c.lon / c.count],
                                     {icon: icon, title: String(c.count)});
                    m.on("click", function () {
                        var map = m._map;
                        // Carriers that stay on one spot at the deepest zoom are
                        // spread out around it (spiderfied) instead of zoomed to.
                        var deepest = Math.pow(2, map.getMaxZoom());
                        var spread = Math.max(c.x1 - c.x0, c.y1 - c.y0) * deepest;
                        if (c.stack || spread < opt.cellSize / 4) {
                            spiderfy(c);
                        } else {
                            map.fitBounds(c.bounds, {padding: [40, 40]});
                        }
                    });
                    return m;
                }
                // Spider legs: the members of a cluster on a circle (up to
                // eight) or a spiral around its centre, each with its popup.
                var spider = null;
                function unspiderfy() {
                    if (spider) { group.removeLayer(spider); spider = null; }
                }
                function spiderfy(c) {
                    var map = group._map;
                    unspiderfy();
                    var k = c.members.length;
                    var centre = L.latLng(c.lat / c.count, c.lon / c.count);
                    var p0 = map.latLngToLayerPoint(centre), legs = L.layerGroup();
                    var angle = 0, r = 11;
                    for (var j = 0; j < k; j++) {
                        var a, len;
                        if (k <= 8) {
                            a = 2 * Math.PI * j / k;
                            len = 30;
                        } else {
                            angle += 28 / r + j * 0.0005;
                            a = angle;
                            len = r;
                            r += 2 * Math.PI * 5 / angle;
                        }
                        var ll = map.layerPointToLatLng(
                            p0.add(L.point(len * Math.cos(a), len * Math.sin(a))));
                        legs.addLayer(L.polyline([centre, ll], {
                            color: "#555", weight: 1, opacity: 0.7, interactive: false}));
                        var leg = pointLayer(c.members[j]);
                        leg.options.bubblingMouseEvents = false;  // a map click folds the legs
                        leg.setLatLng(ll);
                        legs.addLayer(leg);
                    }
                    spider = legs;
                    group.addLayer(legs);
                }
                // Grid clustering of the current view: cells of opt.cellSize screen
                // pixels, fixed to the world so panning keeps the same clusters.
                function refresh() {
                    var map = group._map;
                    if (!map) { return; }
                    var z = Math.round(map.getZoom());
                    var scale = Math.pow(2, z);
                    var view = map.getPixelBounds().pad(0.25);
                    var x0 = view.min.x / scale, x1 = view.max.x / scale;
                    var y0 = view.min.y / scale, y1 = view.max.y / scale;
                    var single = z >= opt.maxZoom, cell = opt.cellSize / scale;
                    var cells = {}, wanted = {}, key, c;
                    for (var i = 0; i < n; i++) {
                        if (px[i] < x0 || px[i] > x1 || py[i] < y0 || py[i] > y1) { continue; }
                        // From opt.maxZoom on, only carriers on the same screen pixel
                        // (one spot) are grouped: a stack, spread out on click.
                        key = single
                            ? "s" + z + ":" + Math.round(px[i] * scale) + ":"
                                + Math.round(py[i] * scale)
                            : z + ":" + Math.floor(px[i] / cell) + ":" + Math.floor(py[i] / cell);
                        c = cells[key];
                        if (!c) {
                            cells[key] = {first: i, count: 1, lat: d.lat[i], lon: d.lon[i],
                                          bounds: L.latLngBounds([[d.lat[i], d.lon[i]]]),
                                          members: [i], stack: single,
                                          x0: px[i], x1: px[i], y0: py[i], y1: py[i]};
                        } else {
                            c.count += 1;
                            c.lat += d.lat[i];
                            c.lon += d.lon[i];
                            c.bounds.extend([d.lat[i], d.lon[i]]);
                            c.members.push(i);
                            c.x0 = Math.min(c.x0, px[i]);
                            c.x1 = Math.max(c.x1, px[i]);
                            c.y0 = Math.min(c.y0, py[i]);
                            c.y1 = Math.max(c.y1, py[i]);
                        }
                    }
                    for (key in cells) {
                        c = cells[key];
                        // A lone carrier is drawn as itself, under a key of its own.
                        var k2 = c.count === 1 ? "p" + c.first : key + ":" + c.count;
                        wanted[k2] = drawn[k2] || (c.count === 1 ? pointLayer(c.first) : clusterLayer(c));
                    }
                    for (key in drawn) {
                        if (!(key in wanted)) { group.removeLayer(drawn[key]); }
                    }
                    for (key in wanted) {
                        if (!(key in drawn)) { group.addLayer(wanted[key]); }
                    }
                    drawn = wanted;
                }
                group.on("add", function (e) {
                    e.target._map.on("moveend", refresh);
                    e.target._map.on("zoomstart click", unspiderfy);
                    refresh();
                });
                group.on("remove", function (e) {
                    if (e.target._map) {
                        e.target._map.off("moveend", refresh);
                        e.target._map.off("zoomstart click", unspiderfy);
                    }
                    spider = null;
                    drawn = {};
                });
                group.carrierCount = n;
            })({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        payload: Mapping[str, Any],
        *,
        name: str,
        style: MarkerStyle,
        cell_px: int = 80,
        unclustered_zoom: int = 16,
        show: bool = True,
    ) -> None:
        if cell_px < 10 or not 0 <= unclustered_zoom <= 30:
            raise LayerDataError(
                code="fast.bad_clustering", params={"cell_px": cell_px, "zoom": unclustered_zoom}
            )
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "FastMarkerLayer"
        # Instance lists: the layer's assets, rewritten by layers.assets.localize_map.
        self.default_css = list(CLUSTER_CSS)
        self.payload = dict(payload)
        self.payload_json = script_json(self.payload)
        self.style_json = script_json(
            {
                "radius": style.radius,
                "color": style.color,
                "fillColor": style.color,
                "weight": style.weight,
                "fillOpacity": style.fill_opacity,
            }
        )
        self.cluster_json = script_json(
            {"cellSize": int(cell_px), "maxZoom": int(unclustered_zoom)}
        )
        self.skipped = 0

    def __len__(self) -> int:
        """Number of markers in the layer."""
        return len(self.payload["lat"])


def _cell(value: Any) -> str:
    """A table cell's text, HTML-escaped ('' for missing values)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return escape_html(value)


def _points_wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.crs is None:
        raise LayerDataError(code="fast.no_crs")
    points = gdf if gdf.crs.to_epsg() == 4326 else gdf.to_crs(4326)
    present = points[~(points.geometry.isna() | points.geometry.is_empty)]
    kinds = set(present.geometry.geom_type)
    if kinds - {"Point"}:
        raise LayerDataError(code="fast.not_points", params={"kinds": ", ".join(sorted(kinds))})
    return present


def fast_marker_layer(
    gdf: gpd.GeoDataFrame,
    *,
    name: str,
    popup_fields: Sequence[str] = (),
    popup_labels: Sequence[str] | None = None,
    tooltip_field: str | None = None,
    color_column: str | None = None,
    style: MarkerStyle | None = None,
    cell_px: int = 80,
    unclustered_zoom: int = 16,
    show: bool = True,
) -> FastMarkerLayer:
    """Build one clustered layer of circle markers from a point GeoDataFrame.

    Parameters
    ----------
    gdf
        Points with a CRS (reprojected to EPSG:4326 if needed). Rows without
        a geometry are left out and counted in ``skipped``.
    name
        Layer name shown in the layer control, as plain text (escaped here:
        Leaflet's layer control inserts it as HTML).
    popup_fields
        Columns shown, in this order, in each marker's popup table.
    popup_labels
        Row headings for ``popup_fields`` (default: the column names).
    tooltip_field
        Column shown on hover, if any.
    color_column
        Column holding a CSS colour per row (e.g. by carrier category);
        overrides ``style.color``.
    style
        Marker look (default :class:`MarkerStyle`).
    cell_px
        Carriers closer than about this many screen pixels are drawn as one
        cluster icon (grid cells of this size, fixed to the world).
    unclustered_zoom
        From this zoom on (16: streets), every carrier is drawn alone.
    show
        Whether the layer is on when the map opens.

    Returns
    -------
    FastMarkerLayer
        A ``folium.FeatureGroup``; add it to a map, then call
        :func:`layers.assets.localize_map` on the map.

    Raises
    ------
    LayerDataError
        Missing CRS or column, non-point geometries, invalid colour.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> gdf = gpd.GeoDataFrame({"name": ["<b>周山</b>"]}, geometry=[Point(112.39, 34.66)],
    ...                        crs=4326)
    >>> layer = fast_marker_layer(gdf, name="carriers", popup_fields=["name"])
    >>> len(layer), layer.payload["rows"]
    (1, [['&lt;b&gt;周山&lt;/b&gt;']])
    """
    fields = list(popup_fields)
    labels = list(popup_labels) if popup_labels is not None else fields
    if len(labels) != len(fields):
        raise LayerDataError(code="fast.label_count")
    wanted = [*fields, *(c for c in (tooltip_field, color_column) if c is not None)]
    missing = [c for c in wanted if c not in gdf.columns]
    if missing:
        raise LayerDataError(code="fast.missing_columns", params={"columns": ", ".join(missing)})
    points = _points_wgs84(gdf)
    style = style or MarkerStyle()
    colors: list[str] | None = None
    if color_column is not None:
        colors = [str(c) for c in points[color_column]]
        bad = sorted({c for c in colors if not _COLOR_RE.fullmatch(c)})
        if bad:
            raise LayerDataError(
                code="fast.bad_colour_column",
                params={"column": color_column, "values": ", ".join(bad)},
            )
    # The tooltip reuses a popup column when it can, so no text is sent twice.
    columns = list(fields)
    tip = -1
    if tooltip_field is not None:
        if tooltip_field not in columns:
            columns.append(tooltip_field)
        tip = columns.index(tooltip_field)
    rows = (
        [[_cell(v) for v in row] for row in points[columns].itertuples(index=False)]
        if columns
        else []
    )
    payload = {
        "lat": [round(y, _COORD_DIGITS) for y in points.geometry.y],
        "lon": [round(x, _COORD_DIGITS) for x in points.geometry.x],
        "labels": [escape_html(label) for label in labels],
        "rows": rows,
        "tip": tip,
        "colors": colors,
    }
    layer = FastMarkerLayer(
        payload,
        name=escape_html(name),
        style=style,
        cell_px=cell_px,
        unclustered_zoom=unclustered_zoom,
        show=show,
    )
    layer.skipped = len(gdf) - len(points)
    return layer
