"""Write layers to GeoJSON (RFC 7946), GeoPackage and CSV — atomically."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geo_app._cells import csv_text, records_csv_text
from geo_app.storage import atomic_path, write_bytes_atomic, write_text_atomic

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "csv_bytes",
    "geojson_text",
    "table_frame",
    "write_csv",
    "write_geojson",
    "write_gpkg",
    "write_records_csv",
]


def _export_frame(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """EPSG:4326 copy with list/bool/nullable columns made file-friendly."""
    out = gdf.to_crs(4326).copy()
    for col in out.columns:
        if col == out.geometry.name:
            continue
        if out[col].dtype == bool:
            continue
        if str(out[col].dtype) in ("Int64", "Float64", "boolean"):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def geojson_text(gdf: gpd.GeoDataFrame) -> str:
    """RFC 7946 GeoJSON text: WGS-84, lon/lat order, no ``crs`` member.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> g = gpd.GeoDataFrame({"name": ["周山"]}, geometry=[shapely.Point(112.3, 34.6)], crs=4326)
    >>> json.loads(geojson_text(g))["features"][0]["geometry"]["coordinates"]
    [112.3, 34.6]
    """
    data = json.loads(_export_frame(gdf).to_json(drop_id=True, to_wgs84=True))
    data.pop("crs", None)
    return json.dumps(data, ensure_ascii=False)


def write_geojson(gdf: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write ``gdf`` as RFC 7946 GeoJSON (UTF-8) atomically."""
    return write_text_atomic(geojson_text(gdf), path)


def write_gpkg(layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame], path: str | Path) -> Path:
    """Write several layers (and plain tables) into one GeoPackage atomically.

    GeoDataFrames become spatial layers in EPSG:4326; DataFrames without
    geometry become attribute tables.
    """
    import geopandas as gpd

    path = Path(path)
    with atomic_path(path, suffix=".gpkg") as tmp:
        for name, frame in layers.items():
            if isinstance(frame, gpd.GeoDataFrame):
                _export_frame(frame).to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
            else:
                table = gpd.GeoDataFrame(frame.copy())
                table.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
    return path


def table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A plain table of ``frame``: a geometry column becomes ``lon``/``lat`` or ``wkt``.

    Points are written as WGS-84 ``lon``/``lat`` (6 decimals), other shapes
    as WKT; nullable columns (``Int64``, ``Float64``, ``boolean``) become
    plain values with ``None`` for missing ones.
    """
    import pandas as pd

    out = pd.DataFrame(frame).copy()
    # A GeoDataFrame exists only once geopandas is loaded: plain tables (the
    # review tables of a plan) are written without loading it.
    geopandas = sys.modules.get("geopandas")
    if geopandas is not None and isinstance(frame, geopandas.GeoDataFrame):
        geo = frame.to_crs(4326).geometry
        if (geo.geom_type == "Point").all():
            out["lon"], out["lat"] = geo.x.round(6), geo.y.round(6)
        else:
            out["wkt"] = geo.to_wkt()
        out = out.drop(columns=[frame.geometry.name])
    for col in out.columns:
        if str(out[col].dtype) in ("Int64", "Float64", "boolean"):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def csv_bytes(frame: pd.DataFrame, *, bom: bool = True) -> bytes:
    """A table as UTF-8 CSV (with a BOM so Excel reads Chinese text correctly).

    Geometry as in :func:`table_frame`; every text cell that a spreadsheet
    could run as a formula is defused (:func:`geo_app._cells.defuse_frame`).
    """
    return csv_text(table_frame(frame)).encode("utf-8-sig" if bom else "utf-8")


def write_csv(frame: pd.DataFrame, path: str | Path, *, bom: bool = True) -> Path:
    """Write a table as UTF-8 CSV (see :func:`csv_bytes`) atomically."""
    return write_bytes_atomic(csv_bytes(frame, bom=bom), path)


def write_records_csv(
    columns: Sequence[str],
    records: Iterable[Sequence[object]],
    path: str | Path,
    *,
    bom: bool = True,
) -> Path:
    """Write plain records as :func:`write_csv` writes a table, without pandas.

    The command line writes a plan's review tables this way, so that
    reading a plan does not wait for pandas to load.
    """
    text = records_csv_text(columns, records)
    return write_bytes_atomic(text.encode("utf-8-sig" if bom else "utf-8"), path)
