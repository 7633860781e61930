"""Storage behind a workspace: one small interface, a GeoPackage implementation.

:class:`WorkspaceBackend` is all :class:`~geo_app.workspace.store.Workspace`
needs from storage: read the tables, and run a write as one transaction
(:class:`WorkspaceTransaction`). :class:`GeoPackageBackend` keeps everything in
one GeoPackage file; a backend on a shared PostGIS server implements the same
two protocols.

Records cross the interface as plain dicts of Python values (``extras`` and
``provenance`` as dicts, booleans as ``bool``, empty numbers as ``None``);
geometry is derived from ``precision``, ``lon`` and ``lat`` by the backend.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final, Protocol

import geopandas as gpd
import numpy as np
import pandas as pd

from geo_app.errors import WorkspaceError
from geo_app.workspace.covered import (
    create_city_tables,
    has_city_tables,
    insert_city,
    read_boundary_layer,
    read_city_rows,
)
from geo_app.workspace.gpkg import (
    APPLICATION_ID,
    CARRIERS,
    CHANGES,
    COLUMN_TYPES,
    GEOMETRY_COLUMN,
    META,
    SCHEMA_VERSION,
    TARGETS,
    create_schema,
    decode_points,
    encode_point,
    encode_points,
    from_sql_value,
    has_geometry,
    quote,
    to_sql_value,
)
from geo_app.workspace.schema import CARRIER_FIELDS, CHANGE_FIELDS, TARGET_FIELDS

__all__ = ["BUSY_TIMEOUT_S", "GeoPackageBackend", "WorkspaceBackend", "WorkspaceTransaction"]

#: How long a write waits for another writer before giving up, seconds.
BUSY_TIMEOUT_S: Final[float] = 10.0

Record = dict[str, object]

_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    CARRIERS: CARRIER_FIELDS,
    TARGETS: TARGET_FIELDS,
    CHANGES: CHANGE_FIELDS,
}
_GEOMETRY_INPUTS: Final[frozenset[str]] = frozenset({"precision", "lon", "lat"})


class WorkspaceTransaction(Protocol):
    """The reads and writes of one transaction: all of them commit, or none."""

    def get(self, table: str, rid: str) -> Record | None:
        """The record ``rid`` of ``table`` (deleted ones too), or None."""
        ...

    def values(self, table: str, field: str, *, include_deleted: bool = False) -> dict[str, object]:
        """Id → value of ``field`` for every record of ``table``."""
        ...

    def insert(self, table: str, records: Sequence[Mapping[str, object]]) -> None:
        """Add new records (every field of the table given)."""
        ...

    def update(self, table: str, rid: str, values: Mapping[str, object]) -> None:
        """Set some fields of record ``rid``."""
        ...

    def log(self, changes: Sequence[Mapping[str, object]]) -> list[int]:
        """Append history rows (CHANGE_FIELDS but ``seq``); returns their ``seq``."""
        ...

    def batch_changes(self, batch: str) -> list[Record]:
        """The history rows of ``batch``, oldest first."""
        ...

    def latest_batch(self) -> str | None:
        """The newest batch that is neither undone nor itself an undo."""
        ...

    def mark_undone(self, seqs: Sequence[int], by: int) -> None:
        """Record that change ``by`` undid the changes ``seqs``."""
        ...

    def allocate(self, counter: str, count: int = 1) -> int:
        """Reserve ``count`` numbers of ``counter``; returns the first."""
        ...

    def city_adcodes(self) -> list[str]:
        """The adcodes of the covered cities, in the order they were added."""
        ...

    def add_city(self, record: Mapping[str, str], boundaries: gpd.GeoDataFrame) -> None:
        """Cover one more city: its row (adcode, names, slug …) and its units' boundaries."""
        ...


class WorkspaceBackend(Protocol):
    """Where a workspace lives (a GeoPackage file, a PostGIS schema …)."""

    @property
    def location(self) -> str:
        """Where the workspace is, as a planner would name it (a path, a URL)."""
        ...

    def exists(self) -> bool:
        """Whether the workspace has been created."""
        ...

    def create(self, seed: Callable[[WorkspaceTransaction], None], *, lang: str) -> bool:
        """Create the workspace and fill it with ``seed``, unless it exists; True if created."""
        ...

    def transaction(self) -> contextlib.AbstractContextManager[WorkspaceTransaction]:
        """One write transaction; waits for other writers up to :data:`BUSY_TIMEOUT_S`."""
        ...

    def read_carriers(self, *, include_deleted: bool = False) -> gpd.GeoDataFrame:
        """The carriers layer: CARRIER_FIELDS and a WGS-84 ``geometry``."""
        ...

    def read_table(
        self, table: str, *, include_deleted: bool = False, limit: int | None = None
    ) -> pd.DataFrame:
        """An attribute table (targets; changes newest first, at most ``limit``)."""
        ...

    def revision(self) -> int:
        """A number that grows with every committed write."""
        ...

    def read_cities(self) -> list[dict[str, str]]:
        """The covered cities' rows, in the order they were added ([] before any)."""
        ...

    def read_boundaries(self) -> gpd.GeoDataFrame:
        """The covered cities' county-level units, EPSG:4326."""
        ...


def _geometry(record: Mapping[str, object]) -> bytes | None:
    lon, lat = record.get("lon"), record.get("lat")
    if not has_geometry(record.get("precision"), lon, lat):
        return None
    return encode_point(float(lon), float(lat))  # type: ignore[arg-type]


def _geometries(records: Sequence[Mapping[str, object]]) -> list[bytes | None]:
    """The geometry of each record, the points encoded in one vectorised call."""
    drawn = [
        i
        for i, r in enumerate(records)
        if has_geometry(r.get("precision"), r.get("lon"), r.get("lat"))
    ]
    blobs = encode_points(
        [float(records[i]["lon"]) for i in drawn],  # type: ignore[arg-type]
        [float(records[i]["lat"]) for i in drawn],  # type: ignore[arg-type]
    )
    out: list[bytes | None] = [None] * len(records)
    for i, blob in zip(drawn, blobs, strict=True):
        out[i] = blob
    return out


class _GpkgTransaction:
    """A :class:`WorkspaceTransaction` on one sqlite3 connection inside ``BEGIN IMMEDIATE``."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.written = False

    def get(self, table: str, rid: str) -> Record | None:
        fields = _FIELDS[table]
        columns = ", ".join(quote(f) for f in fields)
        row = self.con.execute(
            f"SELECT {columns} FROM {quote(table)} WHERE id = ?", (rid,)
        ).fetchone()
        if row is None:
            return None
        return {f: from_sql_value(f, v) for f, v in zip(fields, row, strict=True)}

    def values(self, table: str, field: str, *, include_deleted: bool = False) -> dict[str, object]:
        where = "" if include_deleted else " WHERE deleted = 0"
        rows = self.con.execute(f"SELECT id, {quote(field)} FROM {quote(table)}{where}")
        return {str(rid): from_sql_value(field, value) for rid, value in rows}

    def insert(self, table: str, records: Sequence[Mapping[str, object]]) -> None:
        if not records:
            return
        fields = [f for f in _FIELDS[table] if f != "seq"]
        columns = [quote(f) for f in fields]
        if table == CARRIERS:
            columns.insert(0, GEOMETRY_COLUMN)
        marks = ", ".join("?" * len(columns))
        rows = [[to_sql_value(f, record.get(f)) for f in fields] for record in records]
        if table == CARRIERS:
            rows = [[geom, *row] for geom, row in zip(_geometries(records), rows, strict=True)]
        self.con.executemany(
            f"INSERT INTO {quote(table)} ({', '.join(columns)}) VALUES ({marks})", rows
        )
        self.written = True

    def update(self, table: str, rid: str, values: Mapping[str, object]) -> None:
        if not values:
            return
        fields = list(values)
        params = [to_sql_value(f, values[f]) for f in fields]
        sets = [f"{quote(f)} = ?" for f in fields]
        if table == CARRIERS and _GEOMETRY_INPUTS & set(values):
            current = self.get(table, rid) or {}
            sets.append(f"{GEOMETRY_COLUMN} = ?")
            params.append(_geometry({**current, **values}))
        self.con.execute(
            f"UPDATE {quote(table)} SET {', '.join(sets)} WHERE id = ?", [*params, rid]
        )
        self.written = True

    def log(self, changes: Sequence[Mapping[str, object]]) -> list[int]:
        fields = [f for f in CHANGE_FIELDS if f != "seq"]
        sql = (
            f"INSERT INTO {CHANGES} ({', '.join(quote(f) for f in fields)}) "
            f"VALUES ({', '.join('?' * len(fields))})"
        )
        if not changes:
            return []
        # One writer holds the file (BEGIN IMMEDIATE): the new seq values follow the last.
        last = self.con.execute(f"SELECT COALESCE(MAX(seq), 0) FROM {CHANGES}").fetchone()[0]
        self.con.executemany(sql, [[to_sql_value(f, c.get(f)) for f in fields] for c in changes])
        self.written = True
        return list(range(int(last) + 1, int(last) + 1 + len(changes)))

    def batch_changes(self, batch: str) -> list[Record]:
        columns = ", ".join(quote(f) for f in CHANGE_FIELDS)
        rows = self.con.execute(
            f"SELECT {columns} FROM {CHANGES} WHERE batch = ? ORDER BY seq", (batch,)
        )
        return [dict(zip(CHANGE_FIELDS, row, strict=True)) for row in rows]

    def latest_batch(self) -> str | None:
        row = self.con.execute(
            f"SELECT batch FROM {CHANGES} WHERE undone_by IS NULL AND action != 'undo' "
            "ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return None if row is None else str(row[0])

    def mark_undone(self, seqs: Sequence[int], by: int) -> None:
        self.con.executemany(
            f"UPDATE {CHANGES} SET undone_by = ? WHERE seq = ?", [(by, s) for s in seqs]
        )
        self.written = True

    def allocate(self, counter: str, count: int = 1) -> int:
        key = f"next_{counter}"
        row = self.con.execute(f"SELECT value FROM {META} WHERE key = ?", (key,)).fetchone()
        first = int(row[0]) if row else 1
        self.con.execute(
            f"INSERT OR REPLACE INTO {META} (key, value) VALUES (?, ?)", (key, str(first + count))
        )
        return first

    def city_adcodes(self) -> list[str]:
        if not has_city_tables(self.con):
            return []
        return [row["adcode"] for row in read_city_rows(self.con)]

    def add_city(self, record: Mapping[str, str], boundaries: gpd.GeoDataFrame) -> None:
        if not has_city_tables(self.con):
            create_city_tables(self.con)
        insert_city(self.con, record, boundaries)
        self.written = True


class GeoPackageBackend:
    """A workspace in one GeoPackage file, read and written with :mod:`sqlite3`.

    Every write is one ``BEGIN IMMEDIATE`` transaction with the default
    rollback journal (WAL does not work for files on network shares, where
    QGIS users often keep them); a writer waits up to :data:`BUSY_TIMEOUT_S`
    for another.

    Parameters
    ----------
    path
        The ``.gpkg`` file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @property
    def location(self) -> str:
        """The file's path."""
        return str(self.path)

    def exists(self) -> bool:
        """Whether the file exists."""
        return self.path.is_file()

    def _connect(self, path: Path | None = None) -> sqlite3.Connection:
        try:
            con = sqlite3.connect(path or self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as err:
            raise self._error(err) from err
        con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        return con

    def _error(self, err: sqlite3.Error) -> WorkspaceError:
        text = str(err)
        if "locked" in text or "busy" in text:
            return WorkspaceError(code="workspace.busy", params={"seconds": BUSY_TIMEOUT_S})
        return WorkspaceError(
            code="workspace.unreadable", params={"path": str(self.path), "detail": text}
        )

    def check(self) -> None:
        """Raise :class:`WorkspaceError` unless the file is a workspace this version reads."""
        con = self._connect()
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            row = con.execute(f"SELECT value FROM {META} WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as err:
            raise WorkspaceError(
                code="workspace.not_workspace", params={"path": str(self.path), "detail": err}
            ) from err
        finally:
            con.close()
        if app_id != APPLICATION_ID or row is None:
            raise WorkspaceError(
                code="workspace.not_workspace",
                params={"path": str(self.path), "detail": "no workspace tables"},
            )
        if int(row[0]) > SCHEMA_VERSION:
            raise WorkspaceError(
                code="workspace.newer_schema",
                params={"path": str(self.path), "found": row[0], "known": SCHEMA_VERSION},
            )

    def create(self, seed: Callable[[WorkspaceTransaction], None], *, lang: str = "zh") -> bool:
        """Build the file beside its place and link it in; False if another process won."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(f".{self.path.name}.cmtmp-{os.getpid()}-new.gpkg")
        temp.unlink(missing_ok=True)
        con = self._connect(temp)
        try:
            con.execute("BEGIN IMMEDIATE")
            create_schema(con, lang=lang)
            create_city_tables(con)
            tx = _GpkgTransaction(con)
            seed(tx)
            con.execute("COMMIT")
        finally:
            con.close()
        try:
            # A hard link never replaces a file another process has just created.
            os.link(temp, self.path)
        except FileExistsError:
            return False
        except OSError:
            if self.path.exists():
                return False
            temp.replace(self.path)  # a file system without hard links
            return True
        finally:
            temp.unlink(missing_ok=True)
        return True

    @contextlib.contextmanager
    def transaction(self) -> Iterator[WorkspaceTransaction]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; any exception rolls everything back."""
        con = self._connect()
        try:
            try:
                con.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as err:
                raise self._error(err) from err
            tx = _GpkgTransaction(con)
            try:
                yield tx
                if tx.written:
                    con.execute(
                        f"UPDATE {META} SET value = CAST(value AS INTEGER) + 1 "
                        "WHERE key = 'revision'"
                    )
                con.execute("COMMIT")
            except sqlite3.Error as err:
                raise self._error(err) from err
        finally:
            if con.in_transaction:
                con.execute("ROLLBACK")
            con.close()

    def revision(self) -> int:
        """The revision counter (one short query)."""
        con = self._connect()
        try:
            row = con.execute(f"SELECT value FROM {META} WHERE key = 'revision'").fetchone()
        except sqlite3.Error as err:
            raise self._error(err) from err
        finally:
            con.close()
        return int(row[0]) if row else 0

    def _select(self, sql: str) -> list[tuple[object, ...]]:
        con = self._connect()
        try:
            return con.execute(sql).fetchall()
        except sqlite3.Error as err:
            raise self._error(err) from err
        finally:
            con.close()

    def read_cities(self) -> list[dict[str, str]]:
        """The ``cities`` table ([] in a workspace written before it existed)."""
        con = self._connect()
        try:
            return read_city_rows(con) if has_city_tables(con) else []
        except sqlite3.Error as err:
            raise self._error(err) from err
        finally:
            con.close()

    def read_boundaries(self) -> gpd.GeoDataFrame:
        """The ``boundaries`` layer (empty in a workspace written before it existed)."""
        con = self._connect()
        try:
            if not has_city_tables(con):
                return gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=4326), crs=4326)
            return read_boundary_layer(con)
        except sqlite3.Error as err:
            raise self._error(err) from err
        finally:
            con.close()

    def read_carriers(self, *, include_deleted: bool = False) -> gpd.GeoDataFrame:
        """Every carrier (deleted ones with ``include_deleted``), in file order."""
        where = "" if include_deleted else " WHERE deleted = 0"
        columns = ", ".join([GEOMETRY_COLUMN, *(quote(f) for f in CARRIER_FIELDS)])
        rows = self._select(f"SELECT {columns} FROM {CARRIERS}{where} ORDER BY fid")
        frame = _frame(rows, ("__geom", *CARRIER_FIELDS))
        geometry = decode_points(list(frame.pop("__geom")))
        gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=4326), crs=4326)
        drawn = ~gdf.geometry.isna()
        if drawn.any():
            # The geometry is the truth: a point moved in QGIS moves the carrier.
            gdf.loc[drawn, "lon"] = gdf.geometry[drawn].x
            gdf.loc[drawn, "lat"] = gdf.geometry[drawn].y
        return gdf

    def read_table(
        self, table: str, *, include_deleted: bool = False, limit: int | None = None
    ) -> pd.DataFrame:
        """Targets (file order) or changes (newest first, at most ``limit``)."""
        fields = _FIELDS[table]
        columns = ", ".join(quote(f) for f in fields)
        if table == CHANGES:
            bound = "" if limit is None else f" LIMIT {max(int(limit), 0)}"
            return _frame(
                self._select(f"SELECT {columns} FROM {CHANGES} ORDER BY seq DESC{bound}"), fields
            )
        where = "" if include_deleted else " WHERE deleted = 0"
        return _frame(
            self._select(f"SELECT {columns} FROM {quote(table)}{where} ORDER BY fid"), fields
        )


def _frame(rows: list[tuple[object, ...]], fields: Sequence[str]) -> pd.DataFrame:
    """A typed frame of stored rows: text "" for NULL, nullable integers, dicts for JSON."""
    data: dict[str, object] = {}
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(fields)
    for field, values in zip(fields, columns, strict=True):
        kind = COLUMN_TYPES.get(field)
        if field == "__geom":
            data[field] = list(values)
        elif field in ("provenance", "extras"):
            data[field] = [from_sql_value(field, v) for v in values]
        elif kind == "BOOLEAN":
            data[field] = np.asarray([bool(v) for v in values], dtype=bool)
        elif kind == "INTEGER":
            data[field] = pd.array(list(values), dtype="Int64")
        elif kind == "DOUBLE":
            data[field] = np.asarray([np.nan if v is None else v for v in values], dtype=float)
        else:
            data[field] = ["" if v is None else str(v) for v in values]
    return pd.DataFrame(data, columns=list(fields))
