"""The cities a workspace covers: the ``cities`` table and the ``boundaries`` layer.

``cities`` is an attribute table, one row per covered prefecture-level city
(adcode, names, slug, who added it and when); ``boundaries`` is a WGS-84
MultiPolygon layer with one feature per county-level unit of those cities,
in the columns of the shipped boundary files, so QGIS draws the districts
the workspace covers beside its carriers.

A workspace written before these tables existed covers the shipped cities:
:func:`create_city_tables` adds the tables to it (older releases ignore them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from geo_app.workspace.gpkg import GEOMETRY_COLUMN, decode_points, encode_geometries, quote

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "BOUNDARIES",
    "BOUNDARY_FIELDS",
    "CITIES",
    "CITY_FIELDS",
    "create_city_tables",
    "has_city_tables",
    "insert_city",
    "read_boundary_layer",
    "read_city_rows",
]

CITIES: Final[str] = "cities"
BOUNDARIES: Final[str] = "boundaries"
#: Columns of the ``cities`` table.
CITY_FIELDS: Final[tuple[str, ...]] = ("adcode", "name", "name_en", "slug", "added_at", "added_by")
#: Columns of the ``boundaries`` layer: those of ``data/cities/boundaries/*.geojson``.
BOUNDARY_FIELDS: Final[tuple[str, ...]] = (
    "adcode",
    "name",
    "official_name",
    "name_en",
    "kind",
    "city",
    "city_adcode",
    "city_en",
    "source",
    "vintage",
)
_SRS_ID: Final[int] = 4326


def has_city_tables(con: sqlite3.Connection) -> bool:
    """Whether the file has the ``cities`` table (written by this release or a later one)."""
    row = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (CITIES,)
    ).fetchone()
    return row is not None


def create_city_tables(con: sqlite3.Connection) -> None:
    """Add ``cities`` and ``boundaries`` with their GeoPackage entries (inside a transaction)."""
    text = ", ".join(f"{quote(f)} TEXT" for f in CITY_FIELDS[1:])
    con.execute(
        f"CREATE TABLE {CITIES} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        f'"adcode" TEXT NOT NULL UNIQUE, {text})'
    )
    columns = ", ".join(f"{quote(f)} TEXT" for f in BOUNDARY_FIELDS)
    con.execute(
        f"CREATE TABLE {BOUNDARIES} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        f"{GEOMETRY_COLUMN} MULTIPOLYGON, {columns})"
    )
    con.executemany(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (CITIES, "attributes", CITIES, "Cities the workspace covers", None),
            (BOUNDARIES, "features", BOUNDARIES, "County-level units of those cities", _SRS_ID),
        ],
    )
    con.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, ?, 'MULTIPOLYGON', ?, 0, 0)",
        (BOUNDARIES, GEOMETRY_COLUMN, _SRS_ID),
    )


def _multi(geometries: Sequence[object]) -> list[object]:
    """Polygons as MultiPolygons: the layer declares one geometry type."""
    import shapely

    return [shapely.MultiPolygon([g]) if isinstance(g, shapely.Polygon) else g for g in geometries]


def insert_city(
    con: sqlite3.Connection, record: Mapping[str, str], boundaries: gpd.GeoDataFrame
) -> None:
    """Add one city (CITY_FIELDS) and its units (``boundaries``, EPSG:4326)."""
    marks = ", ".join("?" * len(CITY_FIELDS))
    names = ", ".join(quote(f) for f in CITY_FIELDS)
    con.execute(
        f"INSERT INTO {CITIES} ({names}) VALUES ({marks})",
        [str(record.get(f, "")) for f in CITY_FIELDS],
    )
    frame = boundaries.to_crs(4326)
    blobs = encode_geometries(_multi(list(frame.geometry)))
    rows = [
        [blob, *("" if f not in frame else str(row[f]) for f in BOUNDARY_FIELDS)]
        for blob, (_, row) in zip(blobs, frame.iterrows(), strict=True)
    ]
    columns = ", ".join([GEOMETRY_COLUMN, *(quote(f) for f in BOUNDARY_FIELDS)])
    con.executemany(
        f"INSERT INTO {BOUNDARIES} ({columns}) VALUES ({', '.join('?' * (len(BOUNDARY_FIELDS) + 1))})",
        rows,
    )
    _extent(con)


def _extent(con: sqlite3.Connection) -> None:
    """The layer's bounding box in ``gpkg_contents`` (where QGIS zooms to)."""
    blobs = [r[0] for r in con.execute(f"SELECT {GEOMETRY_COLUMN} FROM {BOUNDARIES}")]
    import shapely

    geometries = [g for g in decode_points(blobs) if g is not None]
    if not geometries:
        return
    x0, y0, x1, y1 = shapely.total_bounds(geometries)
    con.execute(
        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
        (float(x0), float(y0), float(x1), float(y1), BOUNDARIES),
    )


def read_city_rows(con: sqlite3.Connection) -> list[dict[str, str]]:
    """The covered cities, in the order they were added."""
    names = ", ".join(quote(f) for f in CITY_FIELDS)
    rows = con.execute(f"SELECT {names} FROM {CITIES} ORDER BY fid")
    return [
        {f: "" if v is None else str(v) for f, v in zip(CITY_FIELDS, r, strict=True)} for r in rows
    ]


def read_boundary_layer(con: sqlite3.Connection) -> gpd.GeoDataFrame:
    """The ``boundaries`` layer in file order: BOUNDARY_FIELDS and a WGS-84 geometry."""
    import geopandas as gpd
    import pandas as pd

    columns = ", ".join([GEOMETRY_COLUMN, *(quote(f) for f in BOUNDARY_FIELDS)])
    rows = con.execute(f"SELECT {columns} FROM {BOUNDARIES} ORDER BY fid").fetchall()
    blobs = [r[0] for r in rows]
    data = {
        f: ["" if r[i + 1] is None else str(r[i + 1]) for r in rows]
        for i, f in enumerate(BOUNDARY_FIELDS)
    }
    frame = pd.DataFrame(data, columns=list(BOUNDARY_FIELDS))
    geometry = gpd.GeoSeries(decode_points(blobs), crs=4326)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=4326)
