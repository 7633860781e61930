"""Places written in a list: city, county-level unit, former names, functional zones.

The places table is built from the City records (``data/cities/``): the
county-level units of each covered city with their official names, their
former names (吉利区 and 孟津县 → 孟津区, 偃师市 → 偃师区, since 2021) and the
functional zones an address may name instead of a unit (伊滨区 → 偃师区,
洛阳高新区 → 涧西区, 漯河经开区 → 召陵区; 洛阳经开区 and 沙澧高新区 stay at
city level), each with its source. By default the covered cities are the
shipped ones (洛阳市, 漯河市); a workspace passes its own. Other cities are
recognised by name (许昌市, 长葛市 → 许昌市) so that their rows are kept and
flagged, never moved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from geo_app.cities import City, shipped_cities
from geo_app.extraction._places import AMBIGUOUS_CITIES, most_common_county_city
from geo_app.extraction._places import CITIES as _ALL_CITIES
from geo_app.inventory._names import fold_text

__all__ = [
    "Place",
    "PlaceRow",
    "cities_written",
    "city_place_rows",
    "place_rows",
    "resolve_place",
]

PLACE_KINDS: Final[frozenset[str]] = frozenset(
    {"district", "former_name", "functional_zone", "alias"}
)

# Luoyang's 涧西区 names its streets after cities (长春路, 南昌路, 天津路 …):
# a city word followed by a street word is an address, not a city.
_STREET = "(?:路|街|大街|大道|道|巷|胡同|里|桥|广场|小区|东路|西路|南路|北路|中路)"


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One row of ``places.csv``."""

    city: str
    name: str
    kind: str
    admin_district: str
    note: str
    source: str


@dataclass(frozen=True, slots=True)
class Place:
    """Where a text puts a row.

    ``city`` and ``admin_district`` are ``""`` when unknown; ``matched`` the
    words that decided them; ``reason`` a short code when the text
    contradicts itself or the expected city: ``other_city`` (a place of the
    other covered city), ``district_not_in_city`` (a district of another
    city than the one written), ``uncovered_city`` (a city the workspace does
    not cover), or ``""``.
    """

    city: str = ""
    admin_district: str = ""
    matched: tuple[str, ...] = ()
    reason: str = ""


_UNITS_SOURCE: Final[str] = "data/cities/units.csv"
_CJK: Final[re.Pattern[str]] = re.compile(r"[\u4e00-\u9fff]")


def _unit_rows(city: City) -> Iterator[PlaceRow]:
    for unit in city.units:
        yield PlaceRow(city.name, unit.name, "district", unit.name, "", _UNITS_SOURCE)
        if unit.official_name != unit.name:
            note = "the unit's full official name"
            yield PlaceRow(city.name, unit.official_name, "alias", unit.name, note, _UNITS_SOURCE)
        for alias in unit.aliases:
            if _CJK.search(alias) and len(alias) >= 2 and alias != _short(unit.name):
                yield PlaceRow(city.name, alias, "alias", unit.name, "", _UNITS_SOURCE)
        for former in unit.former_names:
            note = f"{former.change} into {unit.name} in {former.until}"
            yield PlaceRow(city.name, former.name, "former_name", unit.name, note, former.source)


def _zone_rows(city: City) -> Iterator[PlaceRow]:
    for zone in city.zones:
        unit = city.unit_by_adcode(zone.draw_unit).name if zone.draw_unit else ""
        note = "" if unit else "no source names the county-level unit: stays at city level"
        for name in dict.fromkeys((zone.name, *zone.aliases)):
            if _CJK.search(name):
                yield PlaceRow(city.name, name, "functional_zone", unit, note, zone.source)


@lru_cache(maxsize=16)
def city_place_rows(cities: tuple[City, ...]) -> tuple[PlaceRow, ...]:
    """The places table of ``cities``: units, official names, former names, zones.

    Examples
    --------
    >>> from geo_app.cities import city_record
    >>> rows = city_place_rows((city_record("许昌市"),))
    >>> sorted(r.name for r in rows if r.kind == "district")[:2]
    ['建安区', '禹州市']
    >>> [(r.name, r.admin_district) for r in rows if r.kind == "former_name"]
    [('许昌县', '建安区')]
    """
    return tuple(row for city in cities for row in (*_unit_rows(city), *_zone_rows(city)))


def place_rows(cities: Sequence[City] | None = None) -> tuple[PlaceRow, ...]:
    """The places table of ``cities`` (default: the shipped cities)."""
    return city_place_rows(tuple(cities) if cities is not None else shipped_cities())


def _short(name: str) -> str:
    """涧西区 → 涧西, 嵩县 → 嵩县 (a one-character stem is too ambiguous)."""
    stem = name[:-1] if name[-1:] in "区县" else name
    return stem if len(stem) >= 2 else name


@lru_cache(maxsize=16)
def _index(rows: tuple[PlaceRow, ...]) -> tuple[tuple[str, PlaceRow], ...]:
    """(word, row), longest word first; districts also by their short form."""
    pairs: list[tuple[str, PlaceRow]] = []
    for row in rows:
        pairs.append((row.name, row))
        if row.kind == "district" and _short(row.name) != row.name:
            pairs.append((_short(row.name), row))
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


@lru_cache(maxsize=1)
def _city_re() -> re.Pattern[str]:
    names = sorted(_ALL_CITIES, key=len, reverse=True)
    alternatives = "|".join(
        re.escape(c) + ("市" if c in AMBIGUOUS_CITIES else "市?") for c in names
    )
    return re.compile(f"(?:{alternatives})(?!{_STREET})")


def cities_written(text: str) -> tuple[str, ...]:
    """Prefecture-level cities written in ``text`` (full names), street names excluded.

    Examples
    --------
    >>> cities_written("洛阳市涧西区长春路12号"), cities_written("许昌市魏都区")
    (('洛阳市',), ('许昌市',))
    """
    found = [m.group(0).removesuffix("市") + "市" for m in _city_re().finditer(text)]
    return tuple(dict.fromkeys(found))


def _places_in(text: str, rows: tuple[PlaceRow, ...]) -> list[tuple[str, PlaceRow]]:
    """Places of the table written in ``text``, longest first, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, PlaceRow]] = []
    for word, row in _index(rows):
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            # The same word may name a place in each city (高新区); a shorter
            # word inside a longer one (洛阳高新区 ⊃ 高新区) does not count.
            if not any(s < end and start < e and (s, e) != (start, end) for s, e in taken):
                taken.append((start, end))
                found.append((word, row))
            start = text.find(word, end)
    return found


def _pick(found: Sequence[tuple[str, PlaceRow]], city: str) -> tuple[str, PlaceRow] | None:
    """The most specific place of ``city`` (a named unit before a generic 高新区)."""
    inside = [p for p in found if p[1].city == city]
    return inside[0] if inside else None


def resolve_place(
    text: str, *, city_hint: str | None = None, places: tuple[PlaceRow, ...] | None = None
) -> Place:
    """City and county-level unit a text (address, district cell, name) names.

    Functional zones and former names are mapped through the places table
    ``places`` (default: :func:`place_rows` of the shipped cities), whose
    cities are the covered ones; a zone written without its city (高新区,
    经开区) is read in the city the text names, else in ``city_hint``.

    Examples
    --------
    >>> resolve_place("洛阳市高新区丰华路").admin_district
    '涧西区'
    >>> resolve_place("伊滨区", city_hint="洛阳市").admin_district
    '偃师区'
    >>> resolve_place("洛阳市吉利区"), resolve_place("孟津县").admin_district
    (Place(city='洛阳市', admin_district='孟津区', matched=('洛阳市', '吉利区'), reason=''), '孟津区')
    >>> resolve_place("漯河市郾城区", city_hint="洛阳市").reason
    'other_city'
    >>> resolve_place("洛阳市郾城区").reason
    'district_not_in_city'
    >>> resolve_place("许昌市魏都区", city_hint="洛阳市")
    Place(city='许昌市', admin_district='', matched=('许昌市',), reason='uncovered_city')
    """
    folded = fold_text(text)
    if not folded:
        return Place(city=city_hint or "")
    rows = places if places is not None else place_rows()
    covered = {row.city for row in rows}
    written = [c for c in cities_written(folded) if c in covered]
    other = [c for c in cities_written(folded) if c not in covered]
    found = _places_in(folded, rows)
    named = [p for p in found if p[1].kind != "functional_zone" or p[0] not in _GENERIC_ZONES]
    if written:
        city = written[0]
        place = _pick(found, city)
        if place is None and named:
            # A named unit of another city than the one written.
            word, row = named[0]
            return Place(city, "", (city, word), "district_not_in_city")
        if place is None:
            return Place(city, "", (city,), "")
        word, row = place
        return Place(city, row.admin_district, (city, word), _other(city, city_hint))
    if other:
        # 北京市西城区 is Beijing's, although 漯河 has a functional zone 西城区;
        # 许昌市郾城区 names a district of another city than the one written.
        districts = [word for word, row in named if row.kind == "district"]
        if districts:
            return Place(other[0], "", (other[0], districts[0]), "district_not_in_city")
        return Place(other[0], "", (other[0],), "uncovered_city")
    if named:
        word, row = named[0]
        return Place(row.city, row.admin_district, (word,), _other(row.city, city_hint))
    county_city = most_common_county_city(folded)
    if county_city and county_city not in covered:
        return Place(county_city, "", (county_city,), "uncovered_city")
    if city_hint:
        place = _pick(found, city_hint)
        if place is not None:
            return Place(city_hint, place[1].admin_district, (place[0],), "")
    return Place(city=city_hint or "")


# Zone words that name a place only together with a city (高新区 of which city?).
_GENERIC_ZONES: Final[frozenset[str]] = frozenset(
    {"高新区", "高新技术产业开发区", "经开区", "经济技术开发区", "经济开发区"}
)


def _other(city: str, hint: str | None) -> str:
    return "other_city" if hint and city and hint != city else ""
