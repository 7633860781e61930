"""The GeoPackage encoding of a workspace, written with :mod:`sqlite3` alone.

A workspace is an OGC GeoPackage (1.2.1): the ``carriers`` layer holds WGS-84
points in GeoPackage binary geometry (a short header before standard WKB),
``targets`` and ``changes`` are attribute tables, and ``layer_styles`` holds
the QGIS symbology (the GDAL/QGIS convention), so QGIS and GDAL open the file
as it is. Writing through sqlite3 rather than GDAL lets every change be one
small transaction in a file several programs share.

The schema is described once here (:data:`COLUMN_TYPES`); values go in and
out through :func:`to_sql_value` and :func:`from_sql_value`.
"""

from __future__ import annotations

import json
import math
import sqlite3
import struct
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import numpy as np
import shapely

from geo_app.workspace.schema import CARRIER_FIELDS, CHANGE_FIELDS, JSON_FIELDS, TARGET_FIELDS
from geo_app.workspace.styles import carriers_qml, carriers_sld

__all__ = [
    "APPLICATION_ID",
    "CARRIERS",
    "CHANGES",
    "COLUMN_TYPES",
    "GEOMETRY_COLUMN",
    "META",
    "SCHEMA_VERSION",
    "TARGETS",
    "USER_VERSION",
    "create_schema",
    "decode_points",
    "encode_geometries",
    "encode_point",
    "encode_points",
    "from_sql_value",
    "has_geometry",
    "quote",
    "to_sql_value",
]

#: ``PRAGMA application_id`` of a GeoPackage: the ASCII bytes "GPKG".
APPLICATION_ID: Final[int] = 0x47504B47
#: ``PRAGMA user_version``: GeoPackage 1.2.1.
USER_VERSION: Final[int] = 10201
#: Version of the workspace tables; a file with a higher one was written by a newer release.
SCHEMA_VERSION: Final[int] = 1

CARRIERS: Final[str] = "carriers"
TARGETS: Final[str] = "targets"
CHANGES: Final[str] = "changes"
#: Counters and the revision number; not a GeoPackage layer.
META: Final[str] = "workspace_meta"
GEOMETRY_COLUMN: Final[str] = "geom"
_SRS_ID: Final[int] = 4326

#: SQL type of every column that is not text (GeoPackage's own type names).
COLUMN_TYPES: Final[Mapping[str, str]] = {
    "year": "INTEGER",
    "lon": "DOUBLE",
    "lat": "DOUBLE",
    "out_of_area": "BOOLEAN",
    "deleted": "BOOLEAN",
    "version": "INTEGER",
    "min": "INTEGER",
    "max": "INTEGER",
    "rule_year_from": "INTEGER",
    "rule_year_to": "INTEGER",
    "seq": "INTEGER",
    "undone_by": "INTEGER",
}

#: Precisions whose carriers have no geometry: only the city (or nothing) is known.
_NO_GEOMETRY: Final[frozenset[str]] = frozenset({"city", "none", ""})

# Size in bytes of the envelope after the header, by the envelope code of the flags.
_ENVELOPE_BYTES: Final[Mapping[int, int]] = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
# "GP", version 0, flags: little-endian, no envelope, not empty, standard type.
_HEADER: Final[bytes] = b"GP\x00\x01" + struct.pack("<i", _SRS_ID)

_WGS84_WKT: Final[str] = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)


def quote(name: str) -> str:
    """An SQL identifier, quoted (``min``, ``max`` and ``year`` are column names here).

    >>> quote('min')
    '"min"'
    """
    return '"' + name.replace('"', '""') + '"'


def has_geometry(precision: object, lon: object, lat: object) -> bool:
    """Whether a carrier is drawn: a finite lon/lat and a precision finer than the city.

    >>> has_geometry("district", 112.4, 34.6), has_geometry("city", 112.4, 34.6)
    (True, False)
    """
    if str(precision or "") in _NO_GEOMETRY:
        return False
    return _finite(lon) and _finite(lat)


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def encode_point(lon: float, lat: float) -> bytes:
    """GeoPackage binary of a WGS-84 point: the 8-byte header, then little-endian WKB.

    >>> encode_point(112.45, 34.62)[:2]
    b'GP'
    """
    wkb = shapely.to_wkb(shapely.Point(lon, lat), byte_order=1)
    return _HEADER + bytes(wkb)


def encode_points(lons: Sequence[float], lats: Sequence[float]) -> list[bytes]:
    """GeoPackage binary of many WGS-84 points at once (vectorised WKB).

    >>> [b[:2] for b in encode_points([112.4, 114.0], [34.6, 33.6])]
    [b'GP', b'GP']
    """
    if not len(lons):
        return []
    points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    return [_HEADER + bytes(w) for w in shapely.to_wkb(points, byte_order=1)]


def encode_geometries(geometries: Sequence[object]) -> list[bytes | None]:
    """GeoPackage binary of WGS-84 geometries of any type (None stays None).

    Polygons are written without an envelope, which the standard allows and
    QGIS and GDAL read.

    >>> import shapely
    >>> [b and b[:2] for b in encode_geometries([shapely.box(0, 0, 1, 1), None])]
    [b'GP', None]
    """
    wkbs = shapely.to_wkb(np.asarray(list(geometries), dtype=object), byte_order=1)
    return [None if w is None else _HEADER + bytes(w) for w in wkbs]


def _wkb_offset(blob: bytes) -> int:
    """Where the WKB starts in a GeoPackage binary geometry (after header and envelope)."""
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    envelope = (blob[3] >> 1) & 0b111
    return 8 + _ENVELOPE_BYTES.get(envelope, 0)


def decode_points(blobs: Sequence[bytes | None]) -> np.ndarray:
    """Shapely geometries (None where empty) of GeoPackage binary geometries, vectorised.

    >>> [g.x for g in decode_points([encode_point(1.5, 2.0)])]
    [1.5]
    """
    wkbs: list[bytes | None] = []
    for blob in blobs:
        if blob is None or len(blob) < 8 or (blob[3] >> 4) & 1:
            wkbs.append(None)
        else:
            wkbs.append(bytes(blob[_wkb_offset(blob) :]))
    return np.asarray(shapely.from_wkb(wkbs), dtype=object)


def to_sql_value(field: str, value: object) -> object:
    """A record value as stored: JSON text for dicts, 0/1 for booleans, None for empty."""
    if type(value) is str and field not in JSON_FIELDS:
        return value
    if field in JSON_FIELDS:
        return json.dumps(value or {}, ensure_ascii=False, sort_keys=True)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def from_sql_value(field: str, value: object) -> object:
    """A stored value as a record value (the inverse of :func:`to_sql_value`)."""
    if field in JSON_FIELDS:
        loaded = json.loads(str(value)) if value else {}
        return loaded if isinstance(loaded, dict) else {}
    if COLUMN_TYPES.get(field) == "BOOLEAN":
        return bool(value)
    if value is None and field not in COLUMN_TYPES:
        return ""
    return value


def _column_sql(field: str) -> str:
    if field == "id":
        return '"id" TEXT NOT NULL UNIQUE'
    kind = COLUMN_TYPES.get(field, "TEXT")
    default = " NOT NULL DEFAULT 0" if kind == "BOOLEAN" else ""
    if field == "version":
        default = " NOT NULL DEFAULT 1"
    return f"{quote(field)} {kind}{default}"


def _table_sql(table: str, fields: Iterable[str], *, geometry: bool) -> str:
    columns = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"]
    if geometry:
        columns.append(f"{GEOMETRY_COLUMN} POINT")
    columns += [_column_sql(f) for f in fields]
    return f"CREATE TABLE {quote(table)} ({', '.join(columns)})"


def _core_tables(con: sqlite3.Connection) -> None:
    """The tables every GeoPackage has, with the three required spatial reference systems."""
    con.execute(
        "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
        "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
        "definition TEXT NOT NULL, description TEXT)"
    )
    con.executemany(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic"),
            ("WGS 84 geodetic", _SRS_ID, "EPSG", 4326, _WGS84_WKT, "longitude/latitude"),
        ],
    )
    con.execute(
        "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, "
        "data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', "
        "last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), "
        "min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, "
        "CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))"
    )
    con.execute(
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, "
        "column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, "
        "z TINYINT NOT NULL, m TINYINT NOT NULL, "
        "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), "
        "CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), "
        "CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))"
    )


def _style_table(con: sqlite3.Connection, lang: str) -> None:
    """``layer_styles`` as GDAL and QGIS write it, with the carriers' default style."""
    con.execute(
        "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), "
        "f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, "
        "useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
        "update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
    )
    con.execute(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
        "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui) "
        "VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, '', '')",
        (
            CARRIERS,
            GEOMETRY_COLUMN,
            "carrier-map",
            carriers_qml(lang),
            carriers_sld(lang),
            "Carriers by category, in the colours of the carrier-map app",
        ),
    )
    con.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
        "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles')"
    )


def create_schema(con: sqlite3.Connection, *, lang: str = "zh") -> None:
    """Create every table of an empty workspace (inside the caller's transaction).

    Parameters
    ----------
    con
        A connection to a new, empty file, in a transaction.
    lang
        Language of the category labels in the stored QGIS style.
    """
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {USER_VERSION}")
    _core_tables(con)
    con.execute(_table_sql(CARRIERS, CARRIER_FIELDS, geometry=True))
    con.execute(_table_sql(TARGETS, TARGET_FIELDS, geometry=False))
    change_fields = [f for f in CHANGE_FIELDS if f != "seq"]
    changes = _table_sql(CHANGES, change_fields, geometry=False).replace(
        "fid INTEGER", "seq INTEGER"
    )
    con.execute(changes)
    con.execute(f"CREATE INDEX changes_batch ON {CHANGES} (batch)")
    con.execute(f"CREATE TABLE {META} (key TEXT PRIMARY KEY NOT NULL, value TEXT)")
    con.executemany(
        f"INSERT INTO {META} VALUES (?, ?)",
        [("schema_version", str(SCHEMA_VERSION)), ("revision", "0")],
    )
    con.executemany(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
        "min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (CARRIERS, "features", CARRIERS, "Innovation carriers", *[None] * 4, _SRS_ID),
            (TARGETS, "attributes", TARGETS, "Planned counts and their rules", *[None] * 5),
            (CHANGES, "attributes", CHANGES, "History of changes", *[None] * 5),
        ],
    )
    con.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, ?, 'POINT', ?, 0, 0)",
        (CARRIERS, GEOMETRY_COLUMN, _SRS_ID),
    )
    _style_table(con, lang)
