"""One row of a list → one candidate carrier: cells, place, point, provenance."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Final

from geo_app.batch._table import normalise_crs
from geo_app.config import Settings
from geo_app.inventory._kinds import classify_carrier
from geo_app.inventory._names import fold_text, normalise_name
from geo_app.inventory._places import Place, PlaceRow, resolve_place
from geo_app.messages import render_message
from geo_app.model import Status
from geocoding.check import AreaIndex
from geocoding.coords import bd09_to_wgs84, gcj02_to_wgs84, in_china
from geocoding.gazetteer import Gazetteer, GazetteerEntry

__all__ = ["Resources", "RowContext", "carrier_from_row", "review_text"]

#: Longest review reason kept (a reason is read in a table cell).
MAX_REVIEW_CHARS: Final[int] = 80

# Gazetteer precisions that are the carrier's own site or area.
_EXACT: Final[frozenset[str]] = frozenset({"point", "area"})
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_STATUS_WORDS: Final[tuple[tuple[str, str], ...]] = (
    ("在建", Status.UNDER_CONSTRUCTION),
    ("建设中", Status.UNDER_CONSTRUCTION),
    ("under construction", Status.UNDER_CONSTRUCTION),
    ("规划", Status.PLANNED),
    ("拟建", Status.PLANNED),
    ("筹建", Status.PLANNED),
    ("计划", Status.PLANNED),
    ("争创", Status.PLANNED),
    ("planned", Status.PLANNED),
)


@dataclass(frozen=True)
class Resources:
    """The offline data a list is placed with (one per data folder)."""

    gazetteer: Gazetteer
    areas: AreaIndex
    by_key: Mapping[str, tuple[GazetteerEntry, ...]]
    #: (city, unit) → representative point of units the gazetteer does not hold
    #: (cities a workspace added), from ``data/cities/points.csv``.
    unit_points: Mapping[tuple[str, str], tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> Resources:
        """Gazetteer, district points and boundaries of ``data_dir``."""
        return _resources(str(data_dir))


@lru_cache(maxsize=4)
def _resources(data_dir: str) -> Resources:
    base = Path(data_dir)
    gazetteer = Gazetteer.from_data_dir(base)
    areas = AreaIndex.default(Settings(data_dir=base))
    by_key: dict[str, list[GazetteerEntry]] = {}
    for entry in gazetteer.places:
        for key in {normalise_name(k) for k in entry.keys}:
            by_key.setdefault(key, []).append(entry)
    return Resources(gazetteer, areas, {k: tuple(v) for k, v in by_key.items()})


@dataclass
class RowContext:
    """What the whole list tells every row: file label, default city, roles, title year."""

    label: str
    city: str | None
    covered: frozenset[str]
    roles: Mapping[str, str]
    extra_columns: Sequence[str]
    title_year: int | None
    resources: Resources
    title_city: str = ""
    places: tuple[PlaceRow, ...] | None = None
    section: str = ""
    section_city: str = ""
    section_row: int = 0


def review_text(code: str, **params: object) -> str:
    """A review reason in both languages, ``"zh / en"``, at most 80 characters."""
    zh = render_message(code, "zh", params)
    en = render_message(code, "en", params)
    text = f"{zh} / {en}"
    return text if len(text) <= MAX_REVIEW_CHARS else text[: MAX_REVIEW_CHARS - 1] + "…"


def _short(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(text: str) -> float:
    value = float(unicodedata.normalize("NFKC", text).replace("°", "").strip())
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _status(text: str) -> str:
    folded = fold_text(text)
    for word, status in _STATUS_WORDS:
        if word in folded:
            return str(status)
    return str(Status.EXISTING)


def _year(text: str) -> int | None:
    found = _YEAR.search(unicodedata.normalize("NFKC", text))
    return int(found.group(1)) if found else None


def _coordinates(lon_text: str, lat_text: str, crs_text: str) -> tuple[float, float] | str:
    """WGS-84 (lon, lat) of the cells, or the code of what is wrong with them."""
    try:
        lon, lat = _number(lon_text), _number(lat_text)
    except ValueError:
        return "inventory.review.bad_coordinates"
    crs = normalise_crs(crs_text)
    if crs is None:
        return "inventory.review.unknown_crs"
    if not bool(in_china(lon, lat)):
        if not bool(in_china(lat, lon)):
            return "inventory.review.outside_china"
        lon, lat = lat, lon  # written lat, lon
    if crs == "GCJ-02":
        return gcj02_to_wgs84(lon, lat)
    if crs == "BD-09":
        return bd09_to_wgs84(lon, lat)
    return (lon, lat)


@dataclass
class _Draft:
    """A carrier being built: values, provenance, and the first review reason."""

    values: dict[str, object]
    provenance: dict[str, str]
    review: str = ""

    def set(self, field_name: str, value: object, source: str) -> None:
        self.values[field_name] = value
        self.provenance[field_name] = source

    def flag(self, code: str, **params: object) -> None:
        # One reason per row: the first found is the most important.
        if not self.review:
            self.review = review_text(code, **params)


def _cell(cells: Mapping[str, str], ctx: RowContext, role: str) -> str:
    column = ctx.roles.get(role)
    return cells.get(column, "").strip() if column else ""


def _where(ctx: RowContext, row: int, role: str) -> str:
    return f"{ctx.label}#{row}, column {ctx.roles[role]}"


def _places_written(
    cells: Mapping[str, str], ctx: RowContext, name: str
) -> tuple[str, list[tuple[str, Place]]]:
    """The city cell's city, and the places the district, address and name cells name."""
    city_cell = _cell(cells, ctx, "city")
    explicit = resolve_place(city_cell, places=ctx.places).city if city_cell else ""
    if city_cell and not explicit:
        explicit = city_cell if city_cell.endswith("市") else ""
    hint = explicit or ctx.section_city or ctx.city or ctx.title_city or None
    found: list[tuple[str, Place]] = []
    cells_of = (
        ("district", _cell(cells, ctx, "district")),
        ("address", _cell(cells, ctx, "address")),
    )
    for role, text in (*cells_of, ("name", name)):
        if text:
            place = resolve_place(text, city_hint=hint, places=ctx.places)
            if place.matched:
                found.append((role, place))
                hint = hint or place.city
    return explicit, found


def _row_city(
    explicit: str, found: Sequence[tuple[str, Place]], ctx: RowContext, row: int, name: str
) -> tuple[str, str]:
    """The row's city and where it comes from: its own cells first, the list's context last."""
    if explicit:
        return explicit, _where(ctx, row, "city")
    for role, place in found:
        if place.city:
            return place.city, _where(ctx, row, role)
    if ctx.section_city:
        return ctx.section_city, f"{ctx.label}#{ctx.section_row}"
    # The gazetteer knows the name in one city only (东城产业集聚区 → 漯河市).
    known = {e.city for e in ctx.resources.by_key.get(normalise_name(name), ())}
    if len(known) == 1:
        return known.pop(), "gazetteer"
    if ctx.city:
        return ctx.city, f"{ctx.label} (import city)"
    if ctx.title_city:
        return ctx.title_city, f"{ctx.label}#title"
    return "", ""


def _place_row(draft: _Draft, cells: Mapping[str, str], ctx: RowContext, row: int) -> None:
    """City and district from the city, district and address cells, then the name."""
    name = str(draft.values["name_zh"])
    explicit, found = _places_written(cells, ctx, name)
    city, source = _row_city(explicit, found, ctx, row, name)
    draft.set("city", city, source)
    for role, place in found:
        if place.admin_district and place.city == city and not draft.values.get("admin_district"):
            draft.set("admin_district", place.admin_district, _where(ctx, row, role))
    if city and city not in ctx.covered:
        draft.values["out_of_area"] = True
        draft.flag("inventory.review.uncovered_city", city=city)
    for role, place in found:
        if place.reason == "district_not_in_city" or (place.city and place.city != city):
            code = "inventory.review.district_not_in_city"
            if role == "address":
                code = "inventory.review.address_other_city"
            draft.flag(code, place=_short("".join(place.matched[-1:])), city=city)
    if ctx.city and city and city != ctx.city and city in ctx.covered:
        draft.flag("inventory.review.other_city", city=city, expected=ctx.city)
    if not city:
        draft.flag("inventory.review.no_city")


def _point_row(draft: _Draft, cells: Mapping[str, str], ctx: RowContext, row: int) -> None:
    """A given coordinate, else a gazetteer point, else the district's or city's."""
    lon_text, lat_text = _cell(cells, ctx, "lon"), _cell(cells, ctx, "lat")
    city = str(draft.values["city"])
    if lon_text and lat_text:
        got = _coordinates(lon_text, lat_text, _cell(cells, ctx, "crs"))
        if isinstance(got, str):
            draft.flag(got)
        else:
            _given_point(draft, got, ctx, row)
            return
    keys = normalise_name(str(draft.values["name_zh"]))
    for entry in ctx.resources.by_key.get(keys, ()):
        if entry.city != city:
            continue
        if entry.precision.value in _EXACT:
            draft.set("lon", entry.lon, "gazetteer")
            draft.set("lat", entry.lat, "gazetteer")
            draft.set("precision", entry.precision.value, "gazetteer")
            if entry.district:
                draft.set("admin_district", entry.district, "gazetteer")
            return
        if entry.district and not draft.values.get("admin_district"):
            # The registry knows the carrier's district, not its site.
            draft.set("admin_district", entry.district, "gazetteer")
    district = str(draft.values.get("admin_district") or "")
    if city and district:
        loc = ctx.resources.gazetteer.area_point(city=city, district=district)
        if loc is not None:
            draft.set("lon", loc.longitude, "district_points.csv")
            draft.set("lat", loc.latitude, "district_points.csv")
            draft.set("precision", "district", draft.provenance.get("admin_district", ""))
            return
        point = ctx.resources.unit_points.get((city, district))
        if point is not None:
            draft.set("lon", point[0], "data/cities/points.csv")
            draft.set("lat", point[1], "data/cities/points.csv")
            draft.set("precision", "district", draft.provenance.get("admin_district", ""))
            return
    draft.values["admin_district"] = ""
    draft.set("precision", "city" if city else "none", draft.provenance.get("city", ""))


def _given_point(draft: _Draft, lonlat: tuple[float, float], ctx: RowContext, row: int) -> None:
    lon, lat = lonlat
    where = f"{ctx.label}#{row}, columns {ctx.roles['lon']}/{ctx.roles['lat']}"
    draft.set("lon", float(lon), where)
    draft.set("lat", float(lat), where)
    draft.set("precision", "point", where)
    located = ctx.resources.areas.locate(float(lon), float(lat))
    city = str(draft.values["city"])
    if located is None:
        if city in ctx.covered:
            draft.flag("inventory.review.point_outside", city=city)
        return
    found_city, found_district = located
    own = draft.provenance.get("city", "").startswith(f"{ctx.label}#{row},")
    if not own:
        # The point is the row's own evidence, the import city or a heading
        # is not: a Luohe site stays in Luohe. Reasons about the city it
        # was given no longer apply.
        if found_city != city:
            draft.review = ""
        draft.set("city", found_city, where)
        city = found_city
        draft.values["out_of_area"] = False
        if ctx.city and found_city != ctx.city:
            draft.flag("inventory.review.other_city", city=found_city, expected=ctx.city)
    if found_city == city:
        draft.set("admin_district", found_district, where)
    else:
        draft.flag("inventory.review.point_elsewhere", place=found_city, city=city)


def carrier_from_row(cells: Mapping[str, str], ctx: RowContext, row: int) -> dict[str, object]:
    """The candidate carrier of one row (``row``: 1-based row of the sheet)."""
    name = _cell(cells, ctx, "name")
    draft = _Draft(
        values={"name_zh": name, "out_of_area": False, "admin_district": ""}, provenance={}
    )
    if name:
        draft.provenance["name_zh"] = _where(ctx, row, "name")
    else:
        draft.flag("inventory.review.no_name")
    type_cell = _cell(cells, ctx, "type")
    # A heading above the rows (一、众创空间) types the rows that have no type.
    type_text = type_cell or ctx.section
    level_text = _cell(cells, ctx, "level")
    found = classify_carrier(name, type_text, level_text)
    kind_from = "type" if "type" in ctx.roles and type_cell else "name"
    kind_source = _where(ctx, row, kind_from) if kind_from in ctx.roles else ""
    draft.set("category", found.category, kind_source if found.category else "")
    draft.set("kind", found.kind, kind_source if found.kind else "")
    level_from = "level" if level_text else kind_from
    draft.set(
        "level",
        found.level,
        _where(ctx, row, level_from) if found.level and level_from in ctx.roles else "",
    )
    status_text = _cell(cells, ctx, "status")
    draft.set("status", _status(status_text), _where(ctx, row, "status") if status_text else "")
    year = _year(_cell(cells, ctx, "year"))
    if year is not None:
        draft.set("year", year, _where(ctx, row, "year"))
    elif ctx.title_year is not None:
        draft.set("year", ctx.title_year, f"{ctx.label}#title")
    else:
        draft.values["year"] = None
    for field_name, role in (("operator", "operator"), ("address", "address")):
        text = _cell(cells, ctx, role)
        draft.set(field_name, text, _where(ctx, row, role) if text else "")
    _place_row(draft, cells, ctx, row)
    _point_row(draft, cells, ctx, row)
    if name and not found.category:
        code = "inventory.review.rd_platform" if found.kind else "inventory.review.no_category"
        draft.flag(code, type=_short(type_cell or name))
    extras = {column: cells.get(column, "") for column in ctx.extra_columns}
    if ctx.section:
        extras["section"] = ctx.section
    values = draft.values
    values.update(
        provenance={k: v for k, v in draft.provenance.items() if v},
        extras=extras,
        review=draft.review,
        sources=f"{ctx.label}#{row}",
    )
    return values
