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

from layers.files import geojson_text, write_csv, write_gpkg

__all__ = ["csv_bytes", "export_filename", "geojson_bytes", "gpkg_bytes", "xlsx_bytes"]

_CITY_SLUG = {"洛阳市": "luoyang", "漯河市": "luohe", None: "luoyang-luohe"}


def export_filename(city: str | None, layer: str, ext: str, *, day: dt.date | None = None) -> str:
    """``<city>_<layer>_<date>.<ext>`` with a safe layer slug.

    Examples
    --------
    >>> export_filename("洛阳市", "carriers community", "geojson", day=dt.date(2026, 11, 21))
    'luoyang_carriers-community_2026-11-21.geojson'
    """
    slug = re.sub(r"[^0-9A-Za-z_-]+", "-", layer).strip("-") or "layer"
    day = day or dt.date.today()
    return f"{_CITY_SLUG.get(city, 'custom')}_{slug}_{day.isoformat()}.{ext.lstrip('.')}"


def geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """RFC 7946 GeoJSON (UTF-8)."""
    return geojson_text(gdf).encode("utf-8")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (Excel opens Chinese text correctly); points as lon/lat."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_csv(frame, Path(tmp) / "table.csv")
        return path.read_bytes()


def gpkg_bytes(layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame]) -> bytes:
    """One GeoPackage with every layer and table."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_gpkg(layers, Path(tmp) / "export.gpkg")
        return path.read_bytes()


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An Excel workbook, one sheet per table (geometry written as lon/lat or WKT)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            table = pd.DataFrame(frame).copy()
            if isinstance(frame, gpd.GeoDataFrame):
                geo = frame.to_crs(4326).geometry
                if len(geo) and (geo.geom_type == "Point").all():
                    table["lon"], table["lat"] = geo.x.round(6), geo.y.round(6)
                else:
                    table["wkt"] = geo.to_wkt()
                table = table.drop(columns=[frame.geometry.name])
            for col in table.columns:
                if str(table[col].dtype) in ("Int64", "Float64", "boolean"):
                    table[col] = table[col].astype(object).where(table[col].notna(), None)
            table.to_excel(writer, sheet_name=re.sub(r"[\[\]:*?/\\]", "_", name)[:31], index=False)
    return buffer.getvalue()
