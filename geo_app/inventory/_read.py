"""Reading a planner's carrier list (a government attachment) into candidate carriers."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from geo_app.batch._header import LIST_ROLE_HEADERS, ROLE_HEADERS, frame_from_rows, match_roles
from geo_app.batch._table import read_table_rows
from geo_app.cities import City, city_record, read_cities_boundaries, read_city_points
from geo_app.config import Settings
from geo_app.errors import DataFileError, UnknownCityError
from geo_app.inventory._names import fold_text
from geo_app.inventory._places import cities_written, place_rows
from geo_app.inventory._rows import Resources, RowContext, carrier_from_row
from geo_app.model import CITIES
from geo_app.workspace.schema import CARRIER_FIELDS, Origin
from geocoding.check import AreaIndex

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "CANDIDATE_FIELDS",
    "LIST_ROLES",
    "CarrierList",
    "detect_list_roles",
    "read_carrier_list",
]

#: Columns of a candidate: the workspace's carrier columns the store fills itself left out.
CANDIDATE_FIELDS: Final[tuple[str, ...]] = tuple(
    f for f in CARRIER_FIELDS if f not in ("version", "updated_at", "updated_by", "deleted")
)

#: Header words of every role a carrier list may have.
LIST_ROLES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "name": (*ROLE_HEADERS["name"], "载体名称", "平台名称", "项目名称", "基地名称", "园区名称"),
        "address": (*ROLE_HEADERS["address"], "注册地址", "办公地址", "运营地址", "场地地址"),
        "district": (
            *ROLE_HEADERS["district"],
            "所在县区",
            "所属县区",
            "所属区县",
            "县(市、区)",
            "县(市区)",
            "所在县(市、区)",
            "所属区域",
        ),
        "city": (*ROLE_HEADERS["city"], "所属地市", "省辖市", "所在地市"),
        "type": LIST_ROLE_HEADERS["type"],
        "level": LIST_ROLE_HEADERS["level"],
        "operator": LIST_ROLE_HEADERS["operator"],
        "year": LIST_ROLE_HEADERS["year"],
        "status": LIST_ROLE_HEADERS["status"],
        "source": LIST_ROLE_HEADERS["source"],
        "lon": ROLE_HEADERS["lon"],
        "lat": ROLE_HEADERS["lat"],
        "crs": ROLE_HEADERS["crs"],
    }
)

_YEAR: Final[re.Pattern[str]] = re.compile(r"(?<!\d)(19[89]\d|20\d\d)\s*年")
# A title's year is the year of recognition only in a recognition list.
_RECOGNITION: Final[re.Pattern[str]] = re.compile("认定|备案|名单|公布|批次|第.批")


def _only_city(text: str, covered: frozenset[str]) -> str:
    """The one covered city a title or heading names (``""`` if none or several)."""
    cities = {c for c in cities_written(fold_text(text)) if c in covered}
    return cities.pop() if len(cities) == 1 else ""


@dataclass(frozen=True)
class CarrierList:
    """A list read into candidate carriers.

    ``carriers`` has :data:`CANDIDATE_FIELDS`, one row per data row (index
    0, 1, …; ``sources`` names the sheet row); ``header_row`` is the 1-based
    row of the header, ``title`` the text of the rows above it, ``roles``
    role -> column and ``extra_columns`` the columns kept in ``extras``.
    """

    carriers: pd.DataFrame
    header_row: int
    title: str
    roles: Mapping[str, str]
    extra_columns: tuple[str, ...]


def detect_list_roles(columns: Sequence[str]) -> dict[str, str]:
    """Role -> column of a carrier list's header.

    Examples
    --------
    >>> detect_list_roles(["序号", "名称", "类型", "级别", "运营单位", "认定年份", "地址", "信息来源", "备注"])
    {'name': '名称', 'type': '类型', 'level': '级别', 'operator': '运营单位', 'year': '认定年份', 'address': '地址', 'source': '信息来源'}
    """
    found = match_roles(columns, LIST_ROLES)
    order = {column: i for i, column in enumerate(columns)}
    return dict(sorted(found.items(), key=lambda item: order[item[1]]))


_HEADING: Final[re.Pattern[str]] = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+[批类部])"
    r"|[(（]?共\s*\d+\s*[家个][)）]?$|^(?:注|备注|说明|合计|小计|总计)"
)


def _heading(cells: Sequence[str]) -> str | None:
    """The text of a heading or note row (``一、国家级孵化器``, ``注：…``), else ``None``.

    Such a row has one filled cell; a heading's words (its kind, its level)
    apply to the rows below it.
    """
    filled = {c.strip() for c in cells if c.strip()}
    if len(filled) != 1:
        return None
    text = next(iter(filled))
    return text if _HEADING.search(text) else None


def _override(
    path: Path,
    detected: dict[str, str],
    overrides: Mapping[str, str | None],
    columns: Sequence[str],
    header_row: int,
) -> dict[str, str]:
    """The detected roles with the planner's choices applied (one role per column)."""
    chosen = dict(detected)
    for role, column in overrides.items():
        if role not in LIST_ROLES:
            raise DataFileError(
                path,
                code="table.unknown_role",
                params={"role": role, "roles": ", ".join(LIST_ROLES)},
            )
        if not column:
            chosen.pop(role, None)
            continue
        if column not in columns:
            raise DataFileError(
                path,
                code="table.no_column_for_role",
                params={"column": column, "role": role},
                row=header_row,
                column=column,
            )
        chosen = {r: c for r, c in chosen.items() if c != column}
        chosen[role] = column
    order = {column: i for i, column in enumerate(columns)}
    return dict(sorted(chosen.items(), key=lambda item: order[item[1]]))


def read_carrier_list(
    path: str | Path,
    *,
    city: str | None = None,
    source_label: str | None = None,
    covered_cities: Sequence[str] = CITIES,
    boundaries: gpd.GeoDataFrame | None = None,
    settings: Settings | None = None,
    roles: Mapping[str, str | None] | None = None,
) -> CarrierList:
    """Read a list (CSV in UTF-8/GBK/GB18030, XLSX/XLS) into candidate carriers.

    The header is found below title rows; columns get roles (名称, 类型,
    级别, 运营单位, 认定年份, 地址, 所在县区, 城市, 信息来源, 状态, 经度/纬度,
    坐标系); every other column is kept in ``extras``. Each row's city comes
    from its own city, district and address cells and its name; ``city`` is
    the default for rows that name none, and a row of another city is kept
    in its own city and flagged. ``review`` holds one short reason per row,
    ``"中文 / English"`` (≤ 80 characters), or ``""``. Offline: a given
    coordinate (converted from GCJ-02/BD-09) is a ``point``; else the
    gazetteer's point for the name; else the district's representative
    point (``district``); else ``city`` with no coordinate. ``roles``
    overrides the detected roles (role -> column; ``None`` or ``""`` drops
    the role), as the planner confirms them. ``covered_cities`` are the
    cities rows are placed in (a workspace's :meth:`~geo_app.workspace.Workspace.cities`);
    their units, former names and zones come from the City records, and
    ``boundaries`` (a workspace's :meth:`~geo_app.workspace.Workspace.boundaries`;
    default: those of the covered cities) place given coordinates.

    Raises
    ------
    DataFileError
        Unreadable file, no name column, or an override naming an unknown
        role or a missing column.
    """
    settings = settings or Settings()
    path = Path(path)
    rows, info = read_table_rows(path)
    header = info.header_row - 1
    frame = frame_from_rows(rows, header)
    # A workbook's formatted but empty columns (no header, no cell) are no data.
    blank = [
        c
        for c in frame.columns
        if str(c).startswith("Unnamed: ") and not frame[c].str.strip().any()
    ]
    frame = frame.drop(columns=blank)
    columns = [str(c) for c in frame.columns]
    found = _override(path, detect_list_roles(columns), roles or {}, columns, info.header_row)
    if "name" not in found:
        raise DataFileError(path, code="inventory.no_name_column", row=info.header_row)
    extra = tuple(c for c in columns if c not in found.values() or c == found.get("source"))
    title = "\n".join(
        " ".join(dict.fromkeys(c.strip() for c in r if c.strip())) for r in rows[:header]
    )
    title = title.strip()
    found_year = _YEAR.search(title)
    cities = covered_records(covered_cities, settings)
    ctx = RowContext(
        label=source_label or path.name,
        city=city,
        places=place_rows(cities),
        covered=frozenset(covered_cities),
        roles=found,
        extra_columns=extra,
        title_year=int(found_year.group(1)) if found_year and _RECOGNITION.search(title) else None,
        resources=_resources(settings, cities, boundaries),
        title_city=_only_city(title, frozenset(covered_cities)),
    )
    records: list[dict[str, object]] = []
    for index, values in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = dict(zip(columns, (str(v) for v in values), strict=True))
        heading = _heading(list(cells.values()))
        if heading is not None:
            if not heading.startswith(("注", "备注", "说明", "合计", "小计", "总计")):
                ctx.section, ctx.section_row = heading, int(index) + 1
                ctx.section_city = _only_city(heading, ctx.covered)
            continue
        records.append(carrier_from_row(cells, ctx, int(index) + 1))
    return CarrierList(
        carriers=_frame(records),
        header_row=info.header_row,
        title=title,
        roles=MappingProxyType(dict(found)),
        extra_columns=extra,
    )


def covered_records(names: Sequence[str], settings: Settings) -> tuple[City, ...]:
    """The City records of the covered cities' names (names no record has are left out)."""
    data_dir = settings.data_dir if (settings.data_dir / "cities").is_dir() else None
    found: list[City] = []
    for name in names:
        try:
            found.append(city_record(name, data_dir=data_dir))
        except UnknownCityError:
            continue
    return tuple(found)


def _resources(
    settings: Settings, cities: tuple[City, ...], boundaries: gpd.GeoDataFrame | None
) -> Resources:
    """The data folder's resources, with the boundaries and points of cities it does not ship."""
    base = Resources.load(settings.data_dir)
    added = tuple(c for c in cities if not c.shipped)
    if not added and boundaries is None:
        return base
    data_dir = settings.data_dir if (settings.data_dir / "cities").is_dir() else None
    if boundaries is None:
        boundaries = read_cities_boundaries(cities, data_dir=data_dir)
    points = {
        (row["city"], row["admin_district"]): (float(row["lon"]), float(row["lat"]))
        for city in added
        for row in read_city_points(city, data_dir=data_dir)
        if row["admin_district"]
    }
    return replace(base, areas=AreaIndex.from_boundaries(boundaries), unit_points=points)


def _frame(records: Sequence[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(list(records), columns=list(CANDIDATE_FIELDS))
    for column in CANDIDATE_FIELDS:
        if column in ("lon", "lat"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(np.float64)
        elif column == "year":
            frame[column] = pd.array(
                [None if v is None or pd.isna(v) else int(v) for v in frame[column]], dtype="Int64"
            )
        elif column == "out_of_area":
            frame[column] = frame[column].fillna(False).astype(bool)
        elif column in ("provenance", "extras"):
            frame[column] = [v if isinstance(v, dict) else {} for v in frame[column]]
        else:
            frame[column] = frame[column].map(
                lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
            )
    frame["id"] = ""
    frame["origin"] = str(Origin.LIST)
    return frame
