"""Batch import of a planner's own list (CSV or XLSX) onto the map.

Steps: read the table (UTF-8, UTF-8 with BOM, GBK or GB18030 detected),
detect which column plays which role (名称/name, 地址/address, 区县/district,
类别/category, 经度/lon, 纬度/lat, 坐标系/crs; overridable), then per row

* take given coordinates after converting them from their declared system
  (swapped lat/lon is detected and fixed, out-of-China rejected), or
* geocode the name/address through a :class:`~geocoding.chain.GeocoderChain`.

Each finished row is appended to a journal (JSON lines, flushed and fsynced)
before the next begins, so an interrupted run (Ctrl-C, kill -9) resumes where
it stopped and never asks a provider again for a finished row. The result is a
layer (GeoDataFrame, EPSG:4326) and a review table of rows that failed or came
back at low precision; :func:`apply_review_edits` applies the planner's fixes.
"""

from __future__ import annotations

from geo_app.batch._journal import Journal, RowOutcome, default_journal_path
from geo_app.batch._result import LAYER_STATUSES, BatchResult
from geo_app.batch._run import ProgressCallback as ProgressCallback
from geo_app.batch._run import apply_review_edits, geocode_file, geocode_table
from geo_app.batch._table import ROLE_HEADERS as ROLE_HEADERS
from geo_app.batch._table import (
    ColumnRoles,
    TableInfo,
    detect_columns,
    detect_encoding,
    normalise_crs,
    read_table,
    require_crs,
)

__all__ = [
    "LAYER_STATUSES",
    "BatchResult",
    "ColumnRoles",
    "Journal",
    "RowOutcome",
    "TableInfo",
    "apply_review_edits",
    "default_journal_path",
    "detect_columns",
    "detect_encoding",
    "geocode_file",
    "geocode_table",
    "normalise_crs",
    "read_table",
    "require_crs",
]
