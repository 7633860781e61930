"""What the app offers for download: bytes plus a file name that says what it is.

File names carry the city, the layer and the date
(``luoyang_carriers_community_2026-11-21.geojson``). Coordinates are WGS-84
whatever basemap is on screen.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo_app._cells import defuse_frame
from geo_app.model import Category
from layers._html import check_map_inert
from layers.assets import VENDOR_DIR, inline_assets
from layers.basemaps import BASEMAPS
from layers.carrier_map import build_carrier_map
from layers.files import csv_bytes as _csv_bytes
from layers.files import geojson_text, table_frame, write_gpkg

__all__ = [
    "ALL_CITIES_SLUG",
    "csv_bytes",
    "export_filename",
    "geojson_bytes",
    "gpkg_bytes",
    "gpkg_layers",
    "html_basemap",
    "standalone_map_html",
    "workbook_sheets",
    "xlsx_bytes",
]

#: The file-name word of an export of every covered city.
ALL_CITIES_SLUG = "all"


def export_filename(city: str | None, layer: str, ext: str, *, day: dt.date | None = None) -> str:
    """``<city slug>_<layer>_<date>.<ext>`` with a safe layer slug.

    The city's slug comes from its City record (``luoyang``, ``xuchang``);
    ``None`` (every city) is ``all``.

    Raises
    ------
    UnknownCityError
        ``cities.unknown``: no City record has this name.

    Examples
    --------
    >>> export_filename("洛阳市", "carriers community", "geojson", day=dt.date(2026, 11, 21))
    'luoyang_carriers-community_2026-11-21.geojson'
    >>> export_filename(None, "carriers", "csv", day=dt.date(2026, 11, 21))
    'all_carriers_2026-11-21.csv'
    """
    from geo_app.cities import city_record

    slug = re.sub(r"[^0-9A-Za-z_-]+", "-", layer).strip("-") or "layer"
    day = day or dt.date.today()
    prefix = ALL_CITIES_SLUG if city is None else city_record(city).slug
    return f"{prefix}_{slug}_{day.isoformat()}.{ext.lstrip('.')}"


def geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """RFC 7946 GeoJSON (UTF-8)."""
    return geojson_text(gdf).encode("utf-8")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (Excel opens Chinese text correctly); points as lon/lat.

    Text cells that a spreadsheet could run as a formula are defused
    (:mod:`geo_app._cells`).
    """
    return _csv_bytes(frame)


def gpkg_bytes(layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame]) -> bytes:
    """One GeoPackage with every layer and table."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_gpkg(layers, Path(tmp) / "export.gpkg")
        return path.read_bytes()


def gpkg_layers(
    placed: gpd.GeoDataFrame,
    unplaced: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
) -> dict[str, gpd.GeoDataFrame | pd.DataFrame]:
    """The layers and tables of the GeoPackage export.

    One layer of carriers per category (``carriers_<category>``, empty when
    none), the district boundaries, the unplaced carriers and the gap table
    (``targets_vs_mapped``).
    """
    layers: dict[str, gpd.GeoDataFrame | pd.DataFrame] = {
        f"carriers_{c.value}": placed[placed["category"] == c.value] for c in Category
    }
    layers.update(boundaries=boundaries, unplaced=unplaced, targets_vs_mapped=gaps)
    return layers


def workbook_sheets(
    placed: pd.DataFrame, unplaced: pd.DataFrame, gaps: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """The sheets of the Excel export: the carriers, the targets (gap table), the unplaced."""
    return {"carriers": placed, "targets": gaps, "unplaced": unplaced}


#: The control characters Excel refuses in a cell (openpyxl's
#: ``ILLEGAL_CHARACTERS_RE``, written out so that importing this module, which
#: the map page does, does not import openpyxl).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def _sheet_name(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def _excel_text(value: object) -> object:
    """A cell Excel accepts: control characters it refuses become U+FFFD."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An Excel workbook, one sheet per table (geometry written as lon/lat or WKT).

    Every cell is a value, never a formula: text that a spreadsheet could
    run is defused (:mod:`geo_app._cells`) and written as a string.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            table = defuse_frame(table_frame(frame)).map(_excel_text)
            table.columns = pd.Index([_excel_text(c) for c in table.columns])
            table.to_excel(writer, sheet_name=_sheet_name(name), index=False)
    return buffer.getvalue()


def html_basemap(basemap: str) -> str:
    """The basemap of a standalone HTML map: ``basemap``, or OSM when it needs a key.

    A key would be written into the page, so a basemap that needs one is
    never used in an export.

    Examples
    --------
    >>> html_basemap("amap"), html_basemap("tianditu"), html_basemap("nope")
    ('amap', 'osm', 'osm')
    """
    known = BASEMAPS.get(basemap)
    return basemap if known is not None and known.needs_key is None else "osm"


def standalone_map_html(
    placed: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    *,
    city: str | None,
    lang: str = "zh",
    basemap: str = "osm",
    position: tuple[float, float, int] | None = None,
) -> str | None:
    """A standalone HTML map of the carriers, scripts and styles inlined.

    The page the Export tab offers and ``carrier-map export --format html``
    writes. It opens with no network apart from map tiles.

    Parameters
    ----------
    placed
        Carriers with a point (``CarrierLayers.placed``).
    boundaries
        District polygons.
    city
        A covered city's name (``"洛阳市"``) or ``None`` for all of them.
    lang
        ``"zh"`` or ``"en"``.
    basemap
        A basemap key; one that needs a key falls back to OpenStreetMap
        (:func:`html_basemap`).
    position
        ``(lat, lon, zoom)`` the map opens at, WGS-84.

    Returns
    -------
    str or None
        The page, or ``None`` when the map assets are not vendored (the page
        could not open offline).

    Raises
    ------
    layers._html.TemplateTextError
        If an element of the map carries template text.
    """
    if not VENDOR_DIR.is_dir():
        return None
    fmap = build_carrier_map(
        placed,
        boundaries,
        city=city,
        lang=lang,
        basemap=html_basemap(basemap),
        position=position,
    )
    check_map_inert(fmap.get_root())  # no text reaches the template engine
    return inline_assets(fmap.get_root().render())
