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

import codecs
import csv
import hashlib
import io
import json
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo_app.errors import DataFileError, GeocodingError, OutOfAreaError
from geocoding.base import PRECISION_RANK, Location, Precision
from geocoding.chain import GeocoderChain, Resolution
from geocoding.check import AreaIndex
from geocoding.coords import bd09_to_wgs84, gcj02_to_wgs84, in_china

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
]

ProgressCallback = Callable[[int, int], None]

#: Header words per role, compared after NFKC + case folding; exact matches
#: first, then headers that contain a word (``孵化器名称`` -> name).
ROLE_HEADERS: Mapping[str, tuple[str, ...]] = {
    "name": ("名称", "名字", "单位名称", "载体名称", "机构名称", "name", "title"),
    "address": ("地址", "详细地址", "所在地", "address", "addr", "street"),
    "city": ("城市", "地市", "所在城市", "市", "city"),
    "district": ("区县", "县区", "所在区县", "行政区", "区域", "district", "county"),
    "category": ("类别", "类型", "分类", "载体类型", "category", "type", "kind"),
    "lon": ("经度", "lon", "lng", "long", "longitude", "x"),
    "lat": ("纬度", "lat", "latitude", "y"),
    "crs": ("坐标系", "坐标系统", "crs", "srs", "datum", "coordinate system"),
}

_CRS_ALIASES: Mapping[str, str] = {
    "wgs84": "WGS-84",
    "wgs-84": "WGS-84",
    "epsg:4326": "WGS-84",
    "4326": "WGS-84",
    "gps": "WGS-84",
    "cgcs2000": "WGS-84",
    "天地图": "WGS-84",
    "osm": "WGS-84",
    "gcj02": "GCJ-02",
    "gcj-02": "GCJ-02",
    "gcj": "GCJ-02",
    "火星": "GCJ-02",
    "高德": "GCJ-02",
    "amap": "GCJ-02",
    "国测局": "GCJ-02",
    "腾讯": "GCJ-02",
    "bd09": "BD-09",
    "bd-09": "BD-09",
    "bd09ll": "BD-09",
    "百度": "BD-09",
    "baidu": "BD-09",
}

#: Row statuses that end up on the map layer (the others only in review).
LAYER_STATUSES = frozenset({"ok", "low_precision", "given", "corrected"})
_REVIEW_STATUSES = frozenset(
    {
        "low_precision",
        "not_found",
        "rejected",
        "error",
        "out_of_area",
        "out_of_china",
        "invalid_coordinate",
    }
)
_JOURNAL_VERSION = 1


# --------------------------------------------------------------------------
# Reading the table
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableInfo:
    """How a table was read: file, detected text encoding (CSV) or sheet (XLSX)."""

    path: Path
    encoding: str | None
    sheet: str | None
    digest: str


def detect_encoding(data: bytes) -> str:
    """Detect UTF-8 (with or without BOM), UTF-16 (with BOM), GBK or GB18030.

    Examples
    --------
    >>> detect_encoding("名称".encode("gbk")), detect_encoding("名称".encode("utf-8-sig"))
    ('gbk', 'utf-8-sig')
    >>> detect_encoding("𠀀".encode("gb18030"))
    'gb18030'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gbk", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ValueError("not UTF-8, GBK or GB18030 text")


def read_table(path: str | Path) -> tuple[pd.DataFrame, TableInfo]:
    """Read a CSV (any supported encoding, ``,`` ``;`` or tab) or the first XLSX sheet.

    Every cell is read as text (empty cells as ``""``) so that codes and
    coordinates keep their digits.

    Raises
    ------
    DataFileError
        Missing, empty or undecodable file.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(path, "file not found")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        try:
            sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str)
        except (ValueError, OSError, KeyError) as err:
            raise DataFileError(path, f"not a readable Excel workbook ({err})") from err
        if not sheets:
            raise DataFileError(path, "the workbook has no sheet")
        sheet, frame = next(iter(sheets.items()))
        info = TableInfo(path, None, str(sheet), digest)
    else:
        try:
            encoding = detect_encoding(data)
        except ValueError as err:
            raise DataFileError(path, str(err)) from err
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise DataFileError(path, f"not readable as {encoding} text") from err
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
            sep = dialect.delimiter
        except csv.Error:
            sep = ","
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
            raise DataFileError(path, f"not a readable CSV table ({err})") from err
        info = TableInfo(path, "gbk" if encoding == "gbk" else encoding, None, digest)
    frame = frame.fillna("").astype(str)
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise DataFileError(path, "the table has no rows")
    return frame, info


@dataclass(frozen=True, slots=True)
class ColumnRoles:
    """Which column (header text) plays which role; ``None`` if absent."""

    name: str | None = None
    address: str | None = None
    city: str | None = None
    district: str | None = None
    category: str | None = None
    lon: str | None = None
    lat: str | None = None
    crs: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Role -> column."""
        return asdict(self)


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split()).strip("_-:：")


def detect_columns(
    columns: Sequence[str],
    overrides: Mapping[str, str | None] | None = None,
    *,
    path: str | Path = "<table>",
) -> ColumnRoles:
    """Assign roles to columns from their headers, then apply ``overrides``.

    Examples
    --------
    >>> roles = detect_columns(["序号", "孵化器名称", "详细地址", "所在区县", "经度", "纬度"])
    >>> roles.name, roles.address, roles.district, roles.lon, roles.lat
    ('孵化器名称', '详细地址', '所在区县', '经度', '纬度')
    >>> detect_columns(["Name", "Addr", "LNG", "LAT"]).lon
    'LNG'
    >>> detect_columns(["名称", "地点"], {"address": "地点"}).address
    '地点'

    Raises
    ------
    DataFileError
        If an override names a missing column or role, or if no name,
        address or coordinate column is found.
    """
    folded = {col: _fold(col) for col in columns}
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for exact in (True, False):
        for role, words in ROLE_HEADERS.items():
            if role in chosen:
                continue
            for col in columns:
                if col in used:
                    continue
                key = folded[col]
                hit = key in words if exact else any(len(w) >= 2 and w in key for w in words)
                if hit:
                    chosen[role] = col
                    used.add(col)
                    break
    for role, override in (overrides or {}).items():
        if role not in ROLE_HEADERS:
            raise DataFileError(
                path, f"unknown column role {role!r}; roles: {', '.join(ROLE_HEADERS)}"
            )
        if override in (None, ""):
            chosen.pop(role, None)
            continue
        if override not in columns:
            raise DataFileError(
                path, f"no column named {override!r} for role {role}", column=override
            )
        for other, existing in list(chosen.items()):
            if existing == override:
                del chosen[other]
        chosen[role] = str(override)
    roles = ColumnRoles(**chosen)
    if not (roles.name or roles.address or (roles.lon and roles.lat)):
        raise DataFileError(
            path, "no name, address or lon/lat column found; name the columns with an override"
        )
    return roles


def normalise_crs(text: str | None, default: str = "WGS-84") -> str | None:
    """Canonical name (``WGS-84``, ``GCJ-02``, ``BD-09``) of a declared system.

    Empty text gives ``default``; unknown text gives ``None``.

    Examples
    --------
    >>> normalise_crs("gcj02"), normalise_crs("百度坐标"), normalise_crs(""), normalise_crs("UTM")
    ('GCJ-02', 'BD-09', 'WGS-84', None)
    """
    if not text or not text.strip():
        return default
    key = _fold(text)
    if key in _CRS_ALIASES:
        return _CRS_ALIASES[key]
    for alias, name in _CRS_ALIASES.items():
        if len(alias) >= 2 and alias in key:
            return name
    return None


# --------------------------------------------------------------------------
# Journal
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What happened to one row; this is what the journal stores.

    ``lon``/``lat`` are WGS-84; ``original``/``crs`` what the provider or the
    file gave. ``candidates`` lists alternatives the planner may pick.
    """

    row: int
    fingerprint: str
    status: str
    name: str = ""
    address: str = ""
    city: str = ""
    district: str = ""
    category: str = ""
    lon: float | None = None
    lat: float | None = None
    precision: str | None = None
    provider: str = ""
    source: str = ""
    crs: str = ""
    original: tuple[float, float] | None = None
    matched: str = ""
    reason: str = ""
    candidates: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> str:
        """One journal line."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> RowOutcome:
        """Parse one journal line."""
        data = json.loads(text)
        names = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in names}
        if data.get("original") is not None:
            data["original"] = tuple(data["original"])
        data["candidates"] = tuple(data.get("candidates") or ())
        return cls(**data)


class Journal:
    """Append-only JSON-lines record of finished rows, fsynced per row.

    The first line names the input (its SHA-256) and the settings that shape
    results; a journal written for another file or other settings is
    refused. A last line cut short by a kill is dropped on reopening.

    Parameters
    ----------
    path
        Journal file.
    header
        What this run is (input digest, roles, geocoders …).
    fsync
        Flush to disk after each row (default); off only for benchmarks.
    """

    def __init__(self, path: str | Path, header: Mapping[str, Any], *, fsync: bool = True) -> None:
        self.path = Path(path)
        self.fsync = fsync
        self.done: dict[int, RowOutcome] = {}
        expected = {"journal": "carrier-mapper geocode", "version": _JOURNAL_VERSION, **header}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not self._load(expected)
        self._file = self.path.open("a", encoding="utf-8")
        if fresh:
            self._append(json.dumps(expected, ensure_ascii=False))

    def _load(self, expected: Mapping[str, Any]) -> bool:
        """Read finished rows; return ``False`` if there is no complete header yet."""
        if not self.path.exists():
            return False
        data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):  # a line cut short by a kill
            with self.path.open("r+b") as fh:
                fh.truncate(end)
        lines = data[:end].decode("utf-8").splitlines()
        if not lines:
            return False
        if json.loads(lines[0]) != json.loads(json.dumps(expected, ensure_ascii=False)):
            raise DataFileError(
                self.path,
                "this journal belongs to another file or other settings; "
                "remove it or start afresh (--restart)",
            )
        for line in lines[1:]:
            outcome = RowOutcome.from_json(line)
            self.done[outcome.row] = outcome
        return True

    def _append(self, line: str) -> None:
        self._file.write(line + "\n")
        self._file.flush()
        if self.fsync:
            os.fsync(self._file.fileno())

    def record(self, outcome: RowOutcome) -> None:
        """Append one finished row and make it durable."""
        self._append(outcome.to_json())
        self.done[outcome.row] = outcome

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --------------------------------------------------------------------------
# Per-row work
# --------------------------------------------------------------------------


def _cell(record: Mapping[str, str], column: str | None) -> str:
    return str(record.get(column, "")).strip() if column else ""


def _fingerprint(values: Iterable[str]) -> str:
    return hashlib.sha1("\x1f".join(values).encode("utf-8")).hexdigest()[:16]


def _parse_number(text: str) -> float:
    return float(unicodedata.normalize("NFKC", text).replace("°", "").strip())


def _candidate(location: Location, *, rejected: str = "") -> dict[str, Any]:
    raw = location.raw
    return {
        "provider": str(raw.get("provider", "")),
        "precision": location.precision.value,
        "lon": round(location.longitude, 7),
        "lat": round(location.latitude, 7),
        "address": location.address,
        "crs": str(raw.get("crs", "WGS-84")),
        "original": list(raw.get("original") or [location.longitude, location.latitude]),
        "rejected": rejected,
    }


def _better(a: Resolution, b: Resolution) -> Resolution:
    if b.best is None:
        return a
    if a.best is None or PRECISION_RANK[b.best.precision] < PRECISION_RANK[a.best.precision]:
        return b
    return a


def _geocode_row(base: RowOutcome, chain: GeocoderChain) -> RowOutcome:
    city = base.city or None
    district = base.district or None
    queries = [q for q in (base.address, base.name) if q]
    resolution = chain.resolve(queries[0], city=city, district=district)
    coarse = resolution.best is None or resolution.best.precision in (
        Precision.DISTRICT,
        Precision.CITY,
    )
    if coarse and len(queries) > 1 and queries[1] != queries[0]:
        second = chain.resolve(queries[1], city=city, district=district)
        merged = _better(resolution, second)
        resolution = replace(
            merged,
            candidates=tuple(
                sorted(
                    (*resolution.candidates, *second.candidates),
                    key=lambda loc: PRECISION_RANK[loc.precision],
                )
            ),
            rejected=(*resolution.rejected, *second.rejected),
            attempts=(*resolution.attempts, *second.attempts),
        )
    candidates = tuple(_candidate(loc) for loc in resolution.candidates) + tuple(
        _candidate(r.location, rejected=r.reason) for r in resolution.rejected
    )
    best = resolution.best
    if best is None:
        if resolution.rejected:
            status = "rejected"
        elif any(a.status == "error" for a in resolution.attempts):
            status = "error"
        else:
            status = "not_found"
        return replace(base, status=status, reason=resolution.reason, candidates=candidates)
    raw = best.raw
    low = best.precision in (Precision.DISTRICT, Precision.CITY)
    return replace(
        base,
        status="low_precision" if low else "ok",
        lon=best.longitude,
        lat=best.latitude,
        precision=best.precision.value,
        provider=str(raw.get("provider", "")),
        source=str(raw.get("source", "")),
        crs=str(raw.get("crs", "WGS-84")),
        original=tuple(raw.get("original") or (best.longitude, best.latitude)),
        matched=best.address,
        reason=resolution.reason if low else "",
        candidates=candidates,
    )


_CITY_NAMES: Mapping[str, str] = {"luoyang": "洛阳市", "luohe": "漯河市"}


def _known_city(text: str, chain: GeocoderChain) -> str:
    """``洛阳`` / ``Luoyang`` -> ``洛阳市`` when the boundaries know it; else as written."""
    known = chain.area_index.city_geometries
    folded = _fold(text)
    for candidate in (text, f"{text}市", _CITY_NAMES.get(folded, "")):
        if candidate in known:
            return candidate
    return text


def _known_district(text: str, chain: GeocoderChain) -> str:
    """``涧西`` -> ``涧西区``, ``嵩`` + ``县`` … when the boundaries know it; else as written."""
    names = set(chain.area_index.names)
    for candidate in (text, f"{text}区", f"{text}县"):
        if candidate in names:
            return candidate
    return text


def _coordinate_row(
    base: RowOutcome,
    lon_text: str,
    lat_text: str,
    crs_text: str,
    default_crs: str,
    area_index: AreaIndex,
) -> RowOutcome:
    try:
        lon, lat = _parse_number(lon_text), _parse_number(lat_text)
    except ValueError:
        return replace(base, status="invalid_coordinate", reason="lon/lat is not a number")
    crs = normalise_crs(crs_text, default_crs)
    if crs is None:
        return replace(
            base, status="invalid_coordinate", reason=f"unknown coordinate system {crs_text!r}"
        )
    notes: list[str] = []
    if not bool(in_china(lon, lat)):
        if bool(in_china(lat, lon)):
            lon, lat = lat, lon
            notes.append("lat/lon were swapped; fixed")
        else:
            return replace(
                base,
                status="out_of_china",
                original=(lon, lat),
                crs=crs,
                reason=f"({lon}, {lat}) is outside China",
            )
    if crs == "GCJ-02":
        wlon, wlat = gcj02_to_wgs84(lon, lat)
    elif crs == "BD-09":
        wlon, wlat = bd09_to_wgs84(lon, lat)
    else:
        wlon, wlat = lon, lat
    location = Location(base.name or base.address, wlat, wlon, {"precision": "point"})
    status = "given"
    city, district = base.city, base.district
    try:
        if city or district:
            known = (
                bool(district) and area_index.area(city=city or None, district=district) is not None
            )
            area_index.check(
                location,
                city=city or None,
                district=district if known else None,
                query=base.name or base.address,
            )
        else:
            found = area_index.locate(wlon, wlat)
            if found is None:
                expected = " or ".join(area_index.city_geometries)
                raise OutOfAreaError(base.name or base.address, expected, wlon, wlat)
            city, district = found
    except OutOfAreaError as err:
        status = "out_of_area"
        notes.append(str(err))
    return replace(
        base,
        status=status,
        city=city,
        district=district,
        lon=wlon,
        lat=wlat,
        precision=Precision.POINT.value,
        provider="input",
        source="input file",
        crs=crs,
        original=(lon, lat),
        reason="; ".join(notes),
    )


# --------------------------------------------------------------------------
# The batch
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchResult:
    """Output of a batch: all outcomes, the map layer and the review table."""

    outcomes: tuple[RowOutcome, ...]
    roles: ColumnRoles
    info: TableInfo | None = None
    resumed: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def layer(self) -> gpd.GeoDataFrame:
        """Rows with a point (EPSG:4326), low-precision ones flagged by ``precision``."""
        rows = [o for o in self.outcomes if o.status in LAYER_STATUSES and o.lon is not None]
        frame = pd.DataFrame(
            {
                "row": [o.row for o in rows],
                "name": [o.name for o in rows],
                "address": [o.address for o in rows],
                "city": [o.city for o in rows],
                "district": [o.district for o in rows],
                "category": [o.category for o in rows],
                "status": [o.status for o in rows],
                "precision": [o.precision for o in rows],
                "provider": [o.provider for o in rows],
                "source": [o.source for o in rows],
                "crs_original": [o.crs for o in rows],
                "lon_original": [o.original[0] if o.original else np.nan for o in rows],
                "lat_original": [o.original[1] if o.original else np.nan for o in rows],
                "note": [o.reason for o in rows],
            }
        )
        geometry = gpd.points_from_xy([o.lon for o in rows], [o.lat for o in rows], crs=4326)
        return gpd.GeoDataFrame(frame, geometry=geometry, crs=4326)

    @property
    def review(self) -> pd.DataFrame:
        """Rows needing a planner's look, with reasons and candidates."""
        rows = [o for o in self.outcomes if o.status in _REVIEW_STATUSES]
        return pd.DataFrame(
            {
                "row": [o.row for o in rows],
                "name": [o.name for o in rows],
                "address": [o.address for o in rows],
                "city": [o.city for o in rows],
                "district": [o.district for o in rows],
                "status": [o.status for o in rows],
                "precision": [o.precision or "" for o in rows],
                "reason": [o.reason for o in rows],
                "lon": [o.lon for o in rows],
                "lat": [o.lat for o in rows],
                "candidates": [" | ".join(_label(c) for c in o.candidates) for o in rows],
            },
            columns=[
                "row",
                "name",
                "address",
                "city",
                "district",
                "status",
                "precision",
                "reason",
                "lon",
                "lat",
                "candidates",
            ],
        )

    def precision_mix(self) -> dict[str, int]:
        """Count of rows per precision level (layer rows) and per failure status."""
        mix: dict[str, int] = {}
        for o in self.outcomes:
            key = o.precision if o.status in LAYER_STATUSES and o.precision else o.status
            mix[key] = mix.get(key, 0) + 1
        return dict(sorted(mix.items()))


def _label(candidate: Mapping[str, Any]) -> str:
    """Short text naming a candidate (used by the review table and the app)."""
    flag = " (outside area)" if candidate.get("rejected") else ""
    return (
        f"{candidate['provider']}:{candidate['precision']} "
        f"{candidate['lon']:.5f},{candidate['lat']:.5f} {candidate['address']}{flag}"
    )


def geocode_table(
    frame: pd.DataFrame,
    *,
    roles: ColumnRoles,
    chain: GeocoderChain,
    journal: Journal | None = None,
    default_city: str | None = None,
    default_crs: str = "WGS-84",
    progress: ProgressCallback | None = None,
    info: TableInfo | None = None,
) -> BatchResult:
    """Locate every row of ``frame``; rows already in ``journal`` are not redone.

    Parameters
    ----------
    frame
        The table, cells as text.
    roles
        Column roles (:func:`detect_columns`).
    chain
        Geocoders and the area index.
    journal
        Where finished rows go; a row in it with the same content is reused.
    default_city
        City for rows without one (e.g. ``"洛阳市"``).
    default_crs
        System of given coordinates when the row does not declare one.
    progress
        Called as ``progress(done, total)`` after every row.
    info
        How the table was read (kept in the result).
    """
    total = len(frame)
    outcomes: list[RowOutcome] = []
    resumed = 0
    cols = [c for c in roles.as_dict().values() if c]
    for position, record in enumerate(frame.to_dict(orient="records")):
        row = position + 2  # the header is line 1
        cells = {k: str(v) for k, v in record.items()}
        fingerprint = _fingerprint(_cell(cells, c) for c in cols)
        previous = journal.done.get(row) if journal else None
        if previous is not None and previous.fingerprint == fingerprint:
            outcomes.append(previous)
            resumed += 1
        else:
            base = RowOutcome(
                row=row,
                fingerprint=fingerprint,
                status="pending",
                name=_cell(cells, roles.name),
                address=_cell(cells, roles.address),
                city=_known_city(_cell(cells, roles.city) or (default_city or ""), chain),
                district=_known_district(_cell(cells, roles.district), chain),
                category=_cell(cells, roles.category),
            )
            lon_text, lat_text = _cell(cells, roles.lon), _cell(cells, roles.lat)
            if lon_text and lat_text:
                outcome = _coordinate_row(
                    base,
                    lon_text,
                    lat_text,
                    _cell(cells, roles.crs),
                    default_crs,
                    chain.area_index,
                )
            elif base.name or base.address:
                try:
                    outcome = _geocode_row(base, chain)
                except GeocodingError as err:
                    outcome = replace(base, status="error", reason=str(err))
            else:
                outcome = replace(base, status="not_found", reason="no name, address or lon/lat")
            if journal is not None:
                journal.record(outcome)
            outcomes.append(outcome)
        if progress is not None:
            progress(position + 1, total)
    return BatchResult(tuple(outcomes), roles, info, resumed)


def apply_review_edits(result: BatchResult, edits: pd.DataFrame) -> BatchResult:
    """Apply a planner's corrections from an edited review table.

    ``edits`` has a ``row`` column and any of: ``pick`` (a candidate label
    from the ``candidates`` column, or its 1-based position), ``new_lon`` /
    ``new_lat`` (a typed coordinate) and ``new_crs`` (its system, WGS-84 if
    empty). Typed coordinates win over picks. Corrected rows get status
    ``corrected`` and join the layer; swapped lat/lon is fixed and a point
    outside China is refused with the reason.

    Examples
    --------
    >>> r = BatchResult((RowOutcome(row=2, fingerprint="x", status="not_found", name="A"),),
    ...                 ColumnRoles(name="名称"))
    >>> fixed = apply_review_edits(r, pd.DataFrame({"row": [2], "new_lon": ["34.6"],
    ...                                             "new_lat": ["112.4"]}))
    >>> fixed.outcomes[0].status, fixed.outcomes[0].lon, len(fixed.layer)
    ('corrected', 112.4, 1)
    """
    by_row = {o.row: o for o in result.outcomes}
    for record in edits.to_dict(orient="records"):
        row = int(record["row"])
        outcome = by_row.get(row)
        if outcome is None:
            continue
        lon_text = str(record.get("new_lon") or "").strip()
        lat_text = str(record.get("new_lat") or "").strip()
        pick = str(record.get("pick") or "").strip()
        if lon_text and lat_text and lon_text != "nan" and lat_text != "nan":
            fixed = _typed_coordinate(outcome, lon_text, lat_text, str(record.get("new_crs") or ""))
        elif pick:
            fixed = _picked(outcome, pick)
        else:
            continue
        by_row[row] = fixed
    return replace(result, outcomes=tuple(by_row[o.row] for o in result.outcomes))


def _typed_coordinate(outcome: RowOutcome, lon_text: str, lat_text: str, crs: str) -> RowOutcome:
    try:
        lon, lat = _parse_number(lon_text), _parse_number(lat_text)
    except ValueError:
        return replace(outcome, reason="typed lon/lat is not a number")
    system = normalise_crs(crs) or "WGS-84"
    note = ""
    if not bool(in_china(lon, lat)):
        if not bool(in_china(lat, lon)):
            return replace(outcome, reason=f"typed ({lon}, {lat}) is outside China")
        lon, lat, note = lat, lon, "lat/lon were swapped; fixed"
    convert = {"GCJ-02": gcj02_to_wgs84, "BD-09": bd09_to_wgs84}.get(system)
    wlon, wlat = convert(lon, lat) if convert else (lon, lat)
    return replace(
        outcome,
        status="corrected",
        lon=wlon,
        lat=wlat,
        precision=Precision.POINT.value,
        provider="planner",
        source="typed by the planner",
        crs=system,
        original=(lon, lat),
        reason=note,
    )


def _picked(outcome: RowOutcome, pick: str) -> RowOutcome:
    chosen: Mapping[str, Any] | None = None
    if pick.isdigit() and 1 <= int(pick) <= len(outcome.candidates):
        chosen = outcome.candidates[int(pick) - 1]
    else:
        chosen = next((c for c in outcome.candidates if _label(c) == pick), None)
    if chosen is None:
        return replace(outcome, reason=f"no candidate {pick!r}")
    original = chosen.get("original") or [chosen["lon"], chosen["lat"]]
    return replace(
        outcome,
        status="corrected",
        lon=float(chosen["lon"]),
        lat=float(chosen["lat"]),
        precision=str(chosen["precision"]),
        provider=str(chosen["provider"]),
        source="candidate picked by the planner",
        crs=str(chosen.get("crs", "WGS-84")),
        original=(float(original[0]), float(original[1])),
        matched=str(chosen["address"]),
        reason=str(chosen.get("rejected") or ""),
    )


def default_journal_path(output: str | Path) -> Path:
    """Journal kept beside the output file: ``out.geojson`` -> ``out.geojson.journal.jsonl``.

    Examples
    --------
    >>> default_journal_path("out/incubators.geojson").name
    'incubators.geojson.journal.jsonl'
    """
    output = Path(output)
    return output.with_name(output.name + ".journal.jsonl")


def geocode_file(
    path: str | Path,
    *,
    chain: GeocoderChain,
    overrides: Mapping[str, str | None] | None = None,
    journal_path: str | Path | None = None,
    restart: bool = False,
    default_city: str | None = None,
    default_crs: str = "WGS-84",
    progress: ProgressCallback | None = None,
    fsync: bool = True,
) -> BatchResult:
    """Read ``path`` and run :func:`geocode_table`, journaling to ``journal_path``.

    Rerunning with the same file, columns, geocoders and journal resumes:
    finished rows are taken from the journal, not asked again. ``restart``
    discards an existing journal first.

    Raises
    ------
    DataFileError
        Unreadable file, unknown column, or a journal of another run.
    """
    frame, info = read_table(path)
    roles = detect_columns(list(frame.columns), overrides, path=info.path)
    journal: Journal | None = None
    if journal_path is not None:
        jpath = Path(journal_path)
        if restart and jpath.exists():
            jpath.unlink()
        header = {
            "input": info.digest,
            "roles": roles.as_dict(),
            "geocoders": [g.name for g in chain.geocoders],
            "default_city": default_city,
            "default_crs": default_crs,
        }
        journal = Journal(jpath, header, fsync=fsync)
    try:
        return geocode_table(
            frame,
            roles=roles,
            chain=chain,
            journal=journal,
            default_city=default_city,
            default_crs=default_crs,
            progress=progress,
            info=info,
        )
    finally:
        if journal is not None:
            journal.close()
