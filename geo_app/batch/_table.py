"""Reading the planner's table: encodings, sheets and column roles.

A CSV may be UTF-8 (with or without BOM), UTF-16 (with BOM), GBK or GB18030
and use ``,`` ``;`` or tab; an XLSX contributes its first sheet. Headers are
matched to roles (名称/name, 地址/address, 区县/district, 类别/category,
经度/lon, 纬度/lat, 坐标系/crs …) after NFKC + case folding.

Government attachments often put title rows above the header (``附件1``,
``2023年洛阳市科技企业孵化器名单``, a merged title cell, blank rows):
:func:`detect_header_row` finds the header below them, and
:func:`read_table_rows` returns the whole grid for a reader that keeps the
title. Cells merged down a column in the data (one 区县 cell for several
rows) are given to each row they span.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from geo_app._cells import tidy_cell
from geo_app.archives import (
    check_cells,
    check_zip,
    control_char_at,
    find_control_char,
    one_line,
    read_csv_text,
)
from geo_app.batch._header import (
    HEADER_SEARCH_ROWS,
    LIST_ROLE_HEADERS,
    ROLE_HEADERS,
    detect_header_row,
    fold_header,
    frame_from_rows,
    match_roles,
)
from geo_app.errors import DataFileError, GeoAppError

__all__ = [
    "LIST_ROLE_HEADERS",
    "ROLE_HEADERS",
    "ColumnRoles",
    "TableInfo",
    "detect_columns",
    "detect_encoding",
    "detect_header_row",
    "frame_from_rows",
    "match_roles",
    "normalise_crs",
    "read_table",
    "read_table_rows",
    "require_crs",
]


_CRS_ALIASES: Mapping[str, str] = {
    "wgs84": "WGS-84",
    "wgs-84": "WGS-84",
    "epsg:4326": "WGS-84",
    "4326": "WGS-84",
    "epsg:4490": "WGS-84",
    "4490": "WGS-84",
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


# Aliases that are codes: matched whole, never as part of a longer word.
_CODE_PREFIXES: Final[tuple[str, ...]] = ("epsg:", "4")


@dataclass(frozen=True, slots=True)
class TableInfo:
    """How a table was read: file, detected text encoding (CSV) or sheet (XLSX).

    ``header_row`` is the 1-based row of the header (1 unless title rows
    stand above it).
    """

    path: Path
    encoding: str | None
    sheet: str | None
    digest: str
    header_row: int = 1


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


#: Largest table file read (bytes); a carrier list of 100,000 rows is ~20 MiB.
MAX_TABLE_BYTES: Final[int] = 64 * 2**20

_EXCEL_SUFFIXES: Final[tuple[str, ...]] = (".xlsx", ".xlsm", ".xls")
# An OLE2 compound file: a legacy .xls, or an .xlsx encrypted with a password.
_OLE2_MAGIC: Final[bytes] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM: Final[bytes] = "EncryptedPackage".encode("utf-16-le")


def _line_of(data: bytes, offset: int) -> int:
    """1-based line holding byte ``offset``."""
    return data.count(b"\n", 0, offset) + 1


def _undecodable(path: Path, data: bytes) -> DataFileError:
    """The error for bytes in no supported encoding, on the row where they stop being readable.

    That row is where the encoding that reads furthest fails: a GBK file with
    one damaged row is reported at that row, not at its first Chinese character.
    """
    furthest = 0
    for encoding in ("utf-8", "gbk", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError as err:
            furthest = max(furthest, err.start)
    return DataFileError(path, code="file.unknown_encoding", row=_line_of(data, furthest))


#: A merged range of a sheet: ((first row, first column), (last row, last column)), 0-based.
MergedRange = tuple[tuple[int, int], tuple[int, int]]


def _open_sheet(path: Path, data: bytes, *, header: int | None) -> tuple[pd.DataFrame, str]:
    """First sheet of an .xlsx/.xlsm/.xls, every cell as text, and the sheet's name."""
    if data.startswith(_OLE2_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise DataFileError(path, code="table.excel_encrypted")
    elif data.startswith(b"PK"):
        check_zip(data, path, kind="Excel (.xlsx)")
    try:
        with pd.ExcelFile(io.BytesIO(data), engine="calamine") as workbook:
            names = [str(name) for name in workbook.sheet_names]
            frame = workbook.parse(names[0], header=header, dtype=str) if names else None
    except PasswordError as err:
        raise DataFileError(path, code="table.excel_encrypted") from err
    except (CalamineError, ValueError, OSError, KeyError, OverflowError) as err:
        raise DataFileError(
            path, code="table.excel_unreadable", params={"detail": one_line(err)}
        ) from err
    if frame is None:
        raise DataFileError(path, code="table.no_sheet")
    return frame, names[0]


def _merged_ranges(data: bytes) -> list[MergedRange]:
    """Merged cells of the first sheet (absolute 0-based rows and columns); none for .xls."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        ranges = workbook.get_sheet_by_index(0).merged_cell_ranges
    except (CalamineError, ValueError, OSError, IndexError):
        return []
    return [((int(a[0]), int(a[1])), (int(b[0]), int(b[1]))) for a, b in ranges or []]


def _decode_csv(path: Path, data: bytes) -> tuple[str, str, str]:
    """CSV bytes as text, with the encoding and the separator (``,`` ``;`` or tab)."""
    if not data.strip():
        raise DataFileError(path, code="file.empty")
    try:
        encoding = detect_encoding(data)
    except ValueError as err:
        raise _undecodable(path, data) from err
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DataFileError(
            path,
            code="file.not_readable_as",
            params={"encoding": encoding},
            row=_line_of(data, err.start),
        ) from err
    _check_text_lines(path, text)
    # The header may stand below title lines: sniff the separator on the
    # lines holding the most separators, not on a title.
    sample = "\n".join(sorted(text[:8192].splitlines()[:40], key=_separators)[-5:])
    try:
        sep = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        sep = ","
    return text, encoding, sep


def _separators(line: str) -> int:
    return max(line.count(c) for c in ",;\t")


def _csv_rows(path: Path, text: str, sep: str, limit: int | None = None) -> list[list[str]]:
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        return (
            [row for _, row in zip(range(limit), reader, strict=False)] if limit else list(reader)
        )
    except csv.Error as err:
        raise DataFileError(
            path, code="table.csv_unreadable", params={"detail": one_line(err)}
        ) from err


def _check_text_lines(path: Path, text: str) -> None:
    """Refuse a control character (a NUL …) naming its line, before parsing."""
    found = control_char_at(text)
    if found is not None:
        raise DataFileError(
            path,
            code="file.control_char",
            params={"char": found[1]},
            row=text.count("\n", 0, found[0]) + 1,
        )


def _check_cells(path: Path, frame: pd.DataFrame) -> None:
    """Refuse a header or cell holding a control character, naming its row and column."""
    found = find_control_char(str(c) for c in frame.columns)
    if found is not None:
        raise DataFileError(path, code="file.control_char", params={"char": found[1]}, row=1)
    check_cells(path, frame)


def _load(path: Path) -> tuple[bytes, str]:
    """The file's bytes and SHA-256, refusing a missing, unreadable or too large file."""
    if not path.is_file():
        raise DataFileError(path, code="file.not_found")
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise DataFileError(
                path,
                code="file.too_large",
                params={"size": f"{size / 2**20:,.1f}", "limit": MAX_TABLE_BYTES // 2**20},
            )
        data = path.read_bytes()
    except OSError as err:
        raise DataFileError(path, code="file.unreadable", params={"detail": err.strerror}) from err
    return data, hashlib.sha256(data).hexdigest()


def _grid(frame: pd.DataFrame) -> list[list[str]]:
    return [["" if pd.isna(v) else str(v) for v in row] for row in frame.itertuples(index=False)]


def _fill_merged(rows: list[list[str]], merged: Sequence[MergedRange]) -> None:
    """Give a merged cell's text to every cell it spans (one 区县 cell for several rows)."""
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                if not rows[r][c]:
                    rows[r][c] = value


def read_table_rows(path: str | Path) -> tuple[list[list[str]], TableInfo]:
    """Every row of a CSV or of a workbook's first sheet, title rows included.

    Cells are text (empty cells ``""``); merged cells are filled with their
    text; ``info.header_row`` is the header found by :func:`detect_header_row`.
    Row ``i`` of the result is row ``i + 1`` of the sheet (CSV: record ``i + 1``).

    Raises
    ------
    DataFileError
        As :func:`read_table`.
    """
    path = Path(path)
    data, digest = _load(path)
    sheet: str | None = None
    encoding: str | None = None
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        grid, sheet = _open_sheet(path, data, header=None)
        rows = _grid(grid)
        _fill_merged(rows, _merged_ranges(data))
    else:
        text, encoding, sep = _decode_csv(path, data)
        rows = _csv_rows(path, text, sep)
    for number, row in enumerate(rows, start=1):
        found = find_control_char(row)
        if found is not None:
            raise DataFileError(
                path, code="file.control_char", params={"char": found[1]}, row=number
            )
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise DataFileError(path, code="file.empty")
    header = detect_header_row(rows)
    return rows, TableInfo(path, encoding, sheet, digest, header_row=header + 1)


def read_table(path: str | Path) -> tuple[pd.DataFrame, TableInfo]:
    """Read a CSV (any supported encoding, ``,`` ``;`` or tab) or the first sheet of a workbook.

    Every cell is read as text (empty cells as ``""``) so that codes and
    coordinates keep their digits. Workbooks are ``.xlsx``, ``.xlsm`` or the
    legacy ``.xls``; a zip container is checked against the limits of
    :mod:`geo_app.archives` before it is opened. Title rows above the header
    (``附件1``, a merged title cell, blank rows) are skipped; ``info.header_row``
    says where the header was found.

    Raises
    ------
    DataFileError
        Missing, empty, too large, password-protected, damaged or undecodable
        file, a control character in a cell, or a table without rows —
        naming the file and, where there is one, the row and column.
    """
    path = Path(path)
    data, digest = _load(path)
    header = 0
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        grid, sheet = _open_sheet(path, data, header=None)
        rows = _grid(grid)
        header = detect_header_row(rows[:HEADER_SEARCH_ROWS])
        if header == 0:
            frame, sheet = _open_sheet(path, data, header=0)
        else:
            _fill_merged(rows, _merged_ranges(data))
            frame = frame_from_rows(rows, header).reset_index(drop=True)
        info = TableInfo(path, None, sheet, digest, header_row=header + 1)
    else:
        text, encoding, sep = _decode_csv(path, data)
        header = detect_header_row(_csv_rows(path, text, sep, HEADER_SEARCH_ROWS))
        if header == 0:
            frame = read_csv_text(text, path, sep=sep)
        else:
            frame = frame_from_rows(_csv_rows(path, text, sep), header).reset_index(drop=True)
        encoding = "gbk" if encoding == "gbk" else encoding
        info = TableInfo(path, encoding, None, digest, header_row=header + 1)
    frame = frame.fillna("").astype(str)
    frame.columns = [tidy_cell(str(c)) for c in frame.columns]
    _check_cells(path, frame)
    if frame.empty:
        raise DataFileError(path, code="table.no_rows")
    return frame, info


#: The folding of headers and cells (kept under its old name for the batch's rows).
_fold = fold_header


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
    folded = {col: fold_header(col) for col in columns}
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
                path,
                code="table.unknown_role",
                params={"role": role, "roles": ", ".join(ROLE_HEADERS)},
            )
        if override in (None, ""):
            chosen.pop(role, None)
            continue
        if override not in columns:
            raise DataFileError(
                path,
                code="table.no_column_for_role",
                params={"column": override, "role": role},
                column=override,
            )
        for other, existing in list(chosen.items()):
            if existing == override:
                del chosen[other]
        chosen[role] = str(override)
    roles = ColumnRoles(**chosen)
    if not (roles.name or roles.address or (roles.lon and roles.lat)):
        raise DataFileError(path, code="table.no_roles", row=1)
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
    key = fold_header(text)
    if key in _CRS_ALIASES:
        return _CRS_ALIASES[key]
    for alias, name in _CRS_ALIASES.items():
        # A code is matched whole only: EPSG:43260 is not EPSG:4326.
        if len(alias) >= 2 and not alias.startswith(_CODE_PREFIXES) and alias in key:
            return name
    return None


def require_crs(text: str) -> str:
    """Canonical name of a coordinate system the planner chose; refuses an unknown one.

    Unlike a cell of the table (an unknown system there marks that row for
    review), a system given for the whole file must be known before any row
    is read.

    Raises
    ------
    GeoAppError
        If ``text`` names no supported system (``EPSG:99999``, ``UTM``).

    Examples
    --------
    >>> require_crs("EPSG:4326"), require_crs("gcj02")
    ('WGS-84', 'GCJ-02')
    """
    found = normalise_crs(text, "")
    if not found:
        raise GeoAppError(code="crs.unknown", params={"crs": text})
    return found
