"""The carrier map: district boundaries plus one toggleable layer per category."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.plugins import Draw
from jinja2 import Template

from geo_app.model import CATEGORY_LABELS, STATUS_LABELS, Category
from geocoding.coords import wgs84_to_gcj02
from layers._html import check_map_inert, escape_html, inert_frame
from layers.basemaps import BASEMAPS, add_basemap, display_frame, shift_layer_for_display
from layers.fast_markers import MarkerStyle, fast_marker_layer
from layers.map_controls import CarrierLayerControl
from layers.share_view import ShareViewControl
from layers.style import CATEGORY_COLORS, marker_svg

__all__ = [
    "FAST_LAYER_THRESHOLD",
    "PRECISION_TEXT",
    "add_carrier_layers",
    "build_carrier_map",
    "carrier_popup_html",
    "display_positions",
    "highlight_layer",
    "legend_html",
    "planner_layer",
]

PRECISION_TEXT: Mapping[str, Mapping[str, str]] = {
    "point": {"zh": "精确位置", "en": "exact site"},
    "area": {"zh": "园区代表点", "en": "representative point of its area"},
    "district": {
        "zh": "约略位置:所在区县代表点",
        "en": "approximate: district representative point",
    },
    "city": {"zh": "约略位置:所在城市代表点", "en": "approximate: city representative point"},
}

_FIELD_LABELS: Mapping[str, Mapping[str, str]] = {
    "category": {"zh": "类别", "en": "Category"},
    "status": {"zh": "状态", "en": "Status"},
    "district": {"zh": "区县", "en": "District"},
    "precision": {"zh": "定位精度", "en": "Precision"},
    "source": {"zh": "来源", "en": "Source"},
    "note": {"zh": "备注", "en": "Note"},
}

#: Display-only spread of carriers that share one representative point (metres).
_SPREAD_M = 700.0

#: Above this many carriers in one category, the layer is drawn as one clustered
#: data layer (:func:`layers.fast_markers.fast_marker_layer`) instead of one
#: symbol per carrier, so thousands of carriers stay fast.
FAST_LAYER_THRESHOLD = 300


def carrier_popup_html(row: Mapping[str, object], lang: str = "zh") -> str:
    """Popup HTML of one carrier; every value is escaped.

    Examples
    --------
    >>> html = carrier_popup_html({"name_zh": "<b>x</b>", "category": "park",
    ...     "status": "planned", "precision": "district"})
    >>> "<b>x</b>" in html
    False
    """

    def label(key: str) -> str:
        return escape_html(_FIELD_LABELS[key][lang])

    category = str(row.get("category", ""))
    status = str(row.get("status", ""))
    precision = str(row.get("precision", ""))
    district = str(row.get("admin_district", "") or "")
    as_written = str(row.get("district_as_written", "") or "")
    if as_written and as_written != district:
        district = f"{district} ({as_written})" if district else as_written
    files = str(row.get("source_files", "") or "").split("|")
    phrases = str(row.get("source_phrases", "") or "").split("|")
    sources = "".join(
        f"<li><code>{escape_html(f)}</code>: 「{escape_html(p)}」</li>"
        for f, p in zip(files, phrases, strict=False)
        if f
    )
    cat_label = CATEGORY_LABELS.get(category, {}).get(lang, category)
    status_label = STATUS_LABELS.get(status, {}).get(lang, status)
    precision_label = PRECISION_TEXT.get(precision, {}).get(lang, precision)
    parts = [
        f'<div class="carrier-popup" data-id="{escape_html(row.get("id", ""))}">',
        f"<h4>{escape_html(row.get('name_zh', ''))}</h4>",
        f"<p><i>{escape_html(row.get('name_en', ''))}</i></p>",
        f"<p><b>{label('category')}</b>: {escape_html(cat_label)}<br>",
        f"<b>{label('status')}</b>: {escape_html(status_label)}<br>",
        f"<b>{label('district')}</b>: {escape_html(row.get('city', ''))} {escape_html(district)}<br>",
        f"<b>{label('precision')}</b>: {escape_html(precision_label)}</p>",
        f"<p><b>{label('source')}</b>:</p><ul>{sources}</ul>",
    ]
    note = str(row.get("note", "") or "")
    if note:
        parts.append(f"<p><b>{label('note')}</b>: {escape_html(note)}</p>")
    parts.append("</div>")
    return "".join(parts)


def display_positions(gdf: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    """(lat, lon) for drawing: carriers sharing a point are spread on a small ring.

    Only the drawing moves; the stored geometry stays the representative point.
    """
    xs, ys = gdf.geometry.x.to_numpy(), gdf.geometry.y.to_numpy()
    keys = [f"{x:.6f},{y:.6f}" for x, y in zip(xs, ys, strict=True)]
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    out: list[tuple[float, float]] = [(float(y), float(x)) for x, y in zip(xs, ys, strict=True)]
    for members in groups.values():
        if len(members) < 2:
            continue
        for k, i in enumerate(members):
            angle = 2 * math.pi * k / len(members)
            dlat = _SPREAD_M * math.sin(angle) / 111_320.0
            dlon = _SPREAD_M * math.cos(angle) / (111_320.0 * math.cos(math.radians(ys[i])))
            out[i] = (float(ys[i] + dlat), float(xs[i] + dlon))
    return out


def add_carrier_layers(
    fmap: folium.Map,
    placed: gpd.GeoDataFrame,
    *,
    lang: str = "zh",
    hidden: frozenset[str] = frozenset(),
) -> dict[str, folium.FeatureGroup]:
    """Add one FeatureGroup per category to ``fmap`` (all five, even if empty)."""
    positions = display_positions(placed)
    placed = placed.assign(_lat=[p[0] for p in positions], _lon=[p[1] for p in positions])
    groups: dict[str, folium.FeatureGroup] = {}
    for category in Category:
        part = placed[placed["category"] == category.value]
        label = CATEGORY_LABELS[category.value][lang]
        if len(part) > FAST_LAYER_THRESHOLD:
            groups[category.value] = _fast_category_layer(
                part, category.value, label, lang=lang, show=category.value not in hidden
            )
            groups[category.value].add_to(fmap)
            continue
        group = folium.FeatureGroup(
            name=escape_html(f"{label} ({len(part)})"), show=category.value not in hidden
        )
        for _, row in part.iterrows():
            record = row.to_dict()
            icon = folium.DivIcon(
                html=marker_svg(
                    category.value,
                    existing=record["status"] == "existing",
                    approximate=bool(record["approximate"]),
                ),
                icon_size=(24, 24),
                icon_anchor=(12, 12),
                class_name=f"carrier-marker carrier-{category.value}",
            )
            tooltip = escape_html(record["name_zh"])
            if record["approximate"]:
                tooltip += " ≈"
            folium.Marker(
                location=(record["_lat"], record["_lon"]),
                icon=icon,
                tooltip=tooltip,
                popup=folium.Popup(carrier_popup_html(record, lang), max_width=360),
            ).add_to(group)
        group.add_to(fmap)
        groups[category.value] = group
    return groups


def _fast_category_layer(
    part: gpd.GeoDataFrame, category: str, label: str, *, lang: str, show: bool
) -> folium.FeatureGroup:
    """One clustered layer for a large category (drawn at its display positions)."""
    shown = part.drop(columns=["geometry"]).copy()
    shown["status"] = shown["status"].map(lambda v: STATUS_LABELS.get(v, {}).get(lang, v))
    shown["precision"] = shown["precision"].map(lambda v: PRECISION_TEXT.get(v, {}).get(lang, v))
    points = gpd.GeoDataFrame(
        shown,
        geometry=gpd.points_from_xy(shown["_lon"], shown["_lat"]),
        crs=4326,
    )
    fields = ["name_zh", "name_en", "status", "admin_district", "precision", "source_files"]
    layer: folium.FeatureGroup = fast_marker_layer(
        points,
        name=f"{label} ({len(part)})",
        popup_fields=fields,
        popup_labels=[_FIELD_LABELS_FAST[lang][f] for f in fields],
        tooltip_field="name_zh",
        style=MarkerStyle(color=CATEGORY_COLORS[category]),
        show=show,
    )
    return layer


_FIELD_LABELS_FAST: Mapping[str, Mapping[str, str]] = {
    "zh": {
        "name_zh": "名称",
        "name_en": "英文名",
        "status": "状态",
        "admin_district": "区县",
        "precision": "定位精度",
        "source_files": "来源",
    },
    "en": {
        "name_zh": "Name",
        "name_en": "English name",
        "status": "Status",
        "admin_district": "District",
        "precision": "Precision",
        "source_files": "Source",
    },
}


#: Columns of a planner's layer shown in its popups, in this order, when present.
PLANNER_POPUP_FIELDS: tuple[str, ...] = ("name_zh", "name", "address", "category", "precision")


def planner_layer(points: gpd.GeoDataFrame, *, name: str) -> folium.FeatureGroup:
    """One of the planner's own point layers, clustered, named ``name`` (plain text).

    ``points`` are in the basemap's display coordinates already. Every value
    shown, and the name, is escaped by :func:`layers.fast_markers.fast_marker_layer`.
    """
    fields = [c for c in PLANNER_POPUP_FIELDS if c in points]
    layer: folium.FeatureGroup = fast_marker_layer(
        points,
        name=name,
        popup_fields=fields,
        tooltip_field=fields[0] if fields else None,
    )
    return layer


def highlight_layer(lat: float, lon: float, *, label: str) -> folium.FeatureGroup:
    """A ring around a found carrier, outside the layer control.

    ``lat``/``lon`` are the carrier's drawn position (display coordinates);
    ``label`` is plain text (escaped here).

    Examples
    --------
    >>> fg = highlight_layer(34.6, 112.4, label="<b>x</b>")
    >>> fg.control, fg.show
    (False, True)
    """
    group = folium.FeatureGroup(name="highlight", control=False, show=True)
    folium.CircleMarker(
        location=(lat, lon),
        radius=18,
        color="#ffd400",
        weight=4,
        fill=False,
        tooltip=escape_html(label),
    ).add_to(group)
    return group


def _boundary_layer(boundaries: gpd.GeoDataFrame, lang: str) -> folium.GeoJson:
    shown = inert_frame(boundaries[["name", "name_en", "city", "geometry"]])
    name = "区县边界" if lang == "zh" else "District boundaries"
    return folium.GeoJson(
        shown.to_json(),
        name=escape_html(name),
        style_function=lambda _f: {
            "color": "#444444",
            "weight": 1.5,
            "fillColor": "#cccccc",
            "fillOpacity": 0.08,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "name_en"], labels=False),
    )


_LEGEND = Template(
    """
{% macro html(this, kwargs) %}
<div class="carrier-legend" style="position: fixed; bottom: 64px; left: 12px; z-index: 9999;
  background: rgba(255,255,255,0.92); padding: 8px 10px; border: 1px solid #999;
  border-radius: 4px; font-size: 12px; line-height: 18px;">
{{ this.body }}
</div>
{% endmacro %}
"""
)


class _Legend(MacroElement):
    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "CarrierLegend"
        self._template = _LEGEND
        self.body = body


def legend_html(lang: str = "zh") -> str:
    """Legend body: every category symbol, existing vs planned, approximate."""
    rows = []
    for category in Category:
        svg = marker_svg(category.value, existing=True, approximate=False, size=14)
        rows.append(f"{svg} {escape_html(CATEGORY_LABELS[category.value][lang])}<br>")
    filled = marker_svg("community", existing=True, approximate=False, size=14)
    hollow = marker_svg("community", existing=False, approximate=False, size=14)
    approx = marker_svg("community", existing=True, approximate=True, size=14)
    words = {
        "zh": ("实心:已建成", "空心:规划/在建", "虚线 ≈:约略位置(区县/城市代表点)"),
        "en": (
            "filled: existing",
            "hollow: planned",
            "dashed ≈: approximate (district/city point)",
        ),
    }[lang]
    rows.append(f"<hr style='margin:4px 0'>{filled} {escape_html(words[0])}<br>")
    rows.append(f"{hollow} {escape_html(words[1])}<br>")
    rows.append(f"{approx} {escape_html(words[2])}")
    return "".join(rows)


#: Drawing tools offered on the app's map: areas only.
_DRAW_OPTIONS: Mapping[str, bool] = {
    "polyline": False,
    "circle": False,
    "marker": False,
    "circlemarker": False,
    "rectangle": True,
    "polygon": True,
}


def build_carrier_map(
    placed: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    *,
    city: str | None = None,
    lang: str = "zh",
    basemap: str | None = "osm",
    tianditu_key: str | None = None,
    hidden: Iterable[str] = (),
    extra_layers: Iterable[folium.map.Layer] = (),
    display_layers: Iterable[folium.map.Layer] = (),
    position: tuple[float, float, int] | None = None,
    share_control: bool = False,
    draw: bool = False,
) -> folium.Map:
    """A folium map of the carriers over the district boundaries.

    Parameters
    ----------
    placed
        Carriers with a point (``CarrierLayers.placed``), in any CRS.
    boundaries
        District polygons with ``name``, ``name_en``, ``city``.
    city
        ``"洛阳市"``, ``"漯河市"`` or ``None`` for both.
    lang
        ``"zh"`` or ``"en"`` for labels.
    basemap
        A key of :data:`layers.basemaps.BASEMAPS`, or ``None`` for no tiles.
        On a GCJ-02 basemap (Gaode) every overlay is shifted to GCJ-02 for
        display; the data passed in is not changed.
    tianditu_key
        Key for the Tianditu basemaps (never stored or logged).
    hidden
        Categories whose layer starts switched off.
    extra_layers
        More overlays (analysis, site selection) built in WGS-84; shifted to
        GCJ-02 like everything else when the basemap needs it.
    display_layers
        More overlays already in the basemap's display coordinates (the
        planner's own layers), added as they are. Every overlay must be given
        here or in ``extra_layers``: the layer control lists the layers that
        exist when it is created.
    position
        ``(lat, lon, zoom)`` in WGS-84 to open the map at (a shared link);
        the map fits the city's districts when omitted.
    share_control
        Add the link button that gives a link to the view on screen
        (:class:`layers.share_view.ShareViewControl`; for the app, not for
        standalone files).
    draw
        Add the drawing tools (rectangle and polygon) for selecting areas.
    """
    fmap = folium.Map(tiles=None, control_scale=True)
    shown = BASEMAPS["osm"]
    if basemap is not None:
        shown = add_basemap(fmap, basemap, lang=lang, tianditu_key=tianditu_key)
    bounds_gdf = display_frame(boundaries, shown)
    points = display_frame(placed, shown)
    if city:
        bounds_gdf = bounds_gdf[bounds_gdf["city"] == city]
        points = points[points["city"] == city]
    if position is None:
        minx, miny, maxx, maxy = bounds_gdf.total_bounds
        fmap.fit_bounds([[miny, minx], [maxy, maxx]])
    else:
        lat, lon, zoom = position
        if shown.crs == "gcj02":
            lon, lat = wgs84_to_gcj02(lon, lat)
        fmap.location = [float(lat), float(lon)]
        fmap.options["zoom"] = int(zoom)
    _boundary_layer(bounds_gdf, lang).add_to(fmap)
    add_carrier_layers(fmap, points, lang=lang, hidden=frozenset(hidden))
    for layer in extra_layers:
        shift_layer_for_display(layer, shown).add_to(fmap)
    for layer in display_layers:
        layer.add_to(fmap)
    CarrierLayerControl().add_to(fmap)
    fmap.get_root().add_child(_Legend(legend_html(lang)))
    if share_control:
        fmap.add_child(ShareViewControl(lang=lang, gcj02=shown.crs == "gcj02"))
    if draw:
        Draw(export=False, draw_options=_DRAW_OPTIONS).add_to(fmap)
    check_map_inert(fmap.get_root())
    return fmap
