"""Basemaps and the coordinate system each one is drawn in.

OpenStreetMap and Tianditu tiles are in WGS-84 (Tianditu: CGCS2000, which
agrees with WGS-84 to centimetres). Gaode (AMap) tiles are drawn in GCJ-02,
offset by several hundred metres: when a Gaode basemap is shown every overlay
is shifted to GCJ-02 *for display only* (:func:`display_frame`); stored data
and exports stay WGS-84.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

import folium
import folium.raster_layers
import geopandas as gpd
import shapely
import shapely.geometry
from branca.element import Element

from geocoding.coords import to_gcj02_gdf, transform_geometry, wgs84_to_gcj02

__all__ = [
    "BASEMAPS",
    "Basemap",
    "add_basemap",
    "available_basemaps",
    "display_frame",
    "shift_layer_for_display",
]


@dataclass(frozen=True, slots=True)
class Basemap:
    """A tile source.

    Attributes
    ----------
    key
        Stable identifier used in URLs and settings.
    label_zh, label_en
        Names shown in the app.
    tiles
        Tile URL templates (a basemap may have an annotation layer on top);
        ``{tk}`` is replaced by the Tianditu key.
    attribution
        Shown on the map, as each provider's terms require.
    crs
        ``"wgs84"`` or ``"gcj02"``: the system the tiles are drawn in.
    needs_key
        Name of the key the tiles need (``"tianditu"``), or ``None``.
    subdomains
        Leaflet ``{s}`` values.
    """

    key: str
    label_zh: str
    label_en: str
    tiles: tuple[str, ...]
    attribution: str
    crs: Literal["wgs84", "gcj02"]
    needs_key: str | None = None
    subdomains: str = "abc"
    max_zoom: int = 18

    def label(self, lang: str) -> str:
        """The name in ``lang``."""
        return self.label_zh if lang == "zh" else self.label_en


_AMAP_ATTR = '&copy; <a href="https://www.amap.com/">高德地图 AutoNavi</a> GS(2024)1158号'
_TDT_ATTR = '&copy; <a href="https://www.tianditu.gov.cn/">天地图 Tianditu</a> GS(2024)0568号'
_TDT = (
    "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={{tk}}"
)

BASEMAPS: Mapping[str, Basemap] = MappingProxyType(
    {
        b.key: b
        for b in (
            Basemap(
                key="osm",
                label_zh="OpenStreetMap",
                label_en="OpenStreetMap",
                tiles=("https://tile.openstreetmap.org/{z}/{x}/{y}.png",),
                attribution='&copy; <a href="https://www.openstreetmap.org/copyright">'
                "OpenStreetMap</a> contributors",
                crs="wgs84",
                subdomains="abc",
                max_zoom=19,
            ),
            Basemap(
                key="amap",
                label_zh="高德地图",
                label_en="Gaode (AMap) roads",
                tiles=(
                    "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1"
                    "&style=8&x={x}&y={y}&z={z}",
                ),
                attribution=_AMAP_ATTR,
                crs="gcj02",
                subdomains="1234",
            ),
            Basemap(
                key="amap_satellite",
                label_zh="高德卫星图",
                label_en="Gaode (AMap) satellite",
                tiles=(
                    "https://webst0{s}.is.autonavi.com/appmaptile?style=6&x={x}&y={y}&z={z}",
                    "https://webst0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}",
                ),
                attribution=_AMAP_ATTR,
                crs="gcj02",
                subdomains="1234",
            ),
            Basemap(
                key="tianditu",
                label_zh="天地图 矢量",
                label_en="Tianditu vector",
                tiles=(_TDT.format(s="{s}", layer="vec"), _TDT.format(s="{s}", layer="cva")),
                attribution=_TDT_ATTR,
                crs="wgs84",
                needs_key="tianditu",
                subdomains="01234567",
            ),
            Basemap(
                key="tianditu_img",
                label_zh="天地图 影像",
                label_en="Tianditu imagery",
                tiles=(_TDT.format(s="{s}", layer="img"), _TDT.format(s="{s}", layer="cia")),
                attribution=_TDT_ATTR,
                crs="wgs84",
                needs_key="tianditu",
                subdomains="01234567",
            ),
        )
    }
)


def available_basemaps(*, tianditu_key: str | None) -> list[Basemap]:
    """Basemaps that can be shown: Tianditu only with a key."""
    return [b for b in BASEMAPS.values() if b.needs_key is None or tianditu_key]


def add_basemap(
    fmap: folium.Map, key: str, *, lang: str = "zh", tianditu_key: str | None = None
) -> Basemap:
    """Add the tile layers of basemap ``key`` to ``fmap``; returns the basemap used.

    A basemap whose key is missing falls back to OpenStreetMap rather than
    drawing empty tiles.
    """
    basemap = BASEMAPS.get(key, BASEMAPS["osm"])
    if basemap.needs_key and not tianditu_key:
        basemap = BASEMAPS["osm"]
    for i, template in enumerate(basemap.tiles):
        url = template.replace("{tk}", tianditu_key or "")
        folium.TileLayer(
            tiles=url,
            attr=basemap.attribution,
            name=basemap.label(lang) if i == 0 else f"{basemap.label(lang)} ·",
            subdomains=basemap.subdomains,
            max_zoom=basemap.max_zoom,
            overlay=i > 0,
            control=False,
        ).add_to(fmap)
    return basemap


def display_frame(gdf: gpd.GeoDataFrame, basemap: Basemap) -> gpd.GeoDataFrame:
    """``gdf`` in the system the basemap is drawn in (a copy; input untouched).

    Examples
    --------
    >>> import shapely
    >>> g = gpd.GeoDataFrame(geometry=[shapely.Point(112.45, 34.62)], crs=4326)
    >>> shifted = display_frame(g, BASEMAPS["amap"])
    >>> bool(abs(shifted.geometry.x[0] - 112.45) > 1e-3)
    True
    >>> float(display_frame(g, BASEMAPS["osm"]).geometry.x[0])
    112.45
    """
    wgs = gdf.to_crs(4326)
    if basemap.crs == "gcj02":
        return to_gcj02_gdf(wgs)
    return wgs


def _shift_geojson(data: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON dict with every geometry shifted WGS-84 → GCJ-02."""
    out = dict(data)
    if data.get("type") == "FeatureCollection":
        out["features"] = [_shift_geojson(f) for f in data.get("features", [])]
    elif data.get("type") == "Feature":
        if data.get("geometry"):
            geom = shapely.geometry.shape(data["geometry"])
            out["geometry"] = shapely.geometry.mapping(transform_geometry(geom, wgs84_to_gcj02))
    elif "coordinates" in data:
        geom = shapely.geometry.shape(data)
        out = dict(shapely.geometry.mapping(transform_geometry(geom, wgs84_to_gcj02)))
    return out


def shift_layer_for_display(layer: Element, basemap: Basemap) -> Element:
    """Shift a folium layer built in WGS-84 onto a GCJ-02 basemap, in place.

    Handles what analysis and site-selection layers contain: GeoJSON
    overlays (every vertex converted), image overlays (the bounds converted;
    the GCJ-02 offset varies by well under a metre across one image) and
    markers/circles (their location). On a WGS-84 basemap nothing changes.
    """
    if basemap.crs != "gcj02":
        return layer
    stack = [layer]
    while stack:
        element = stack.pop()
        if isinstance(element, folium.GeoJson) and isinstance(element.data, dict):
            element.data = _shift_geojson(element.data)
        elif isinstance(element, folium.raster_layers.ImageOverlay):
            (lat0, lon0), (lat1, lon1) = element.bounds
            x0, y0 = wgs84_to_gcj02(lon0, lat0)
            x1, y1 = wgs84_to_gcj02(lon1, lat1)
            element.bounds = [[y0, x0], [y1, x1]]
        elif getattr(element, "location", None) is not None and not isinstance(element, folium.Map):
            lat, lon = getattr(element, "location")[:2]  # noqa: B009
            x, y = wgs84_to_gcj02(float(lon), float(lat))
            setattr(element, "location", [y, x])  # noqa: B010
        stack.extend(element._children.values())
    return layer
