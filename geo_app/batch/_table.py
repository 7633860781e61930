"""Reading the planner's table: encodings, sheets and column roles.

A CSV may be UTF-8 (with or without BOM), UTF-16 (with BOM), GBK or GB18030
and use ``,`` ``;`` or tab; an XLSX contributes its first sheet. Headers are
matched to roles (名称/name, 地址/address, 区县/district, 类别/category,
经度/lon, 纬度/lat, 坐标系/crs …) after NFKC + case folding.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from geo_app.errors import DataFileError

__all__ = [
    "ROLE_HEADERS",
    "ColumnRoles",
    "TableInfo",
    "detect_columns",
    "detect_encoding",
    "normalise_crs",
    "read_table",
]


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
    # How exact a given coordinate is (this product's exports carry it): a
    # district or city representative point must not come back as an exact site.
    "precision": ("定位精度", "精度", "precision", "location precision"),
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
    precision: str | None = None

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
