"""Read and check the city files of ``data/cities/``.

Four CSV files (UTF-8, one header line, ``|`` between list items):

- ``cities.csv``: one row per city;
- ``units.csv``: one row per county-level unit, with its city's adcode;
- ``former_names.csv``: earlier units now part of a unit, with year and source;
- ``zones.csv``: functional zones, with the units they lie in;

plus the census totals in ``data/population.csv``. Every problem is a
:class:`~geo_app.errors.DataFileError` naming the file, row and column.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from geo_app.cities.records import (
    CITY_KINDS,
    UNIT_KINDS,
    City,
    FormerName,
    Unit,
    Zone,
    lookup_key,
)
from geo_app.errors import DataFileError

__all__ = ["CITIES_FILE", "FORMER_FILE", "UNITS_FILE", "ZONES_FILE", "read_cities"]

CITIES_FILE = "cities.csv"
UNITS_FILE = "units.csv"
FORMER_FILE = "former_names.csv"
ZONES_FILE = "zones.csv"
POPULATION_FILE = "population.csv"

_ADCODE = re.compile(r"^[1-9]\d{5}$")
_SLUG = re.compile(r"^[a-z][a-z0-9-]*$")

Row = tuple[int, dict[str, str]]


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[Row]:
    """The rows of a CSV file with its 1-based line numbers (header = 1)."""
    if not path.is_file():
        raise DataFileError(path, code="file.not_found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise DataFileError(
                path,
                code="cities.dangling",
                params={"value": ", ".join(missing), "what": "column"},
            )
        for number, row in enumerate(reader, start=2):
            yield number, {k: (v or "").strip() for k, v in row.items() if k is not None}


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _check(path: Path, row: int, column: str, value: str, ok: bool, expected: str) -> None:
    if not ok:
        raise DataFileError(
            path,
            code="cities.bad_value",
            params={"column": column, "value": value, "expected": expected},
            row=row,
            column=column,
            value=value,
        )


def _former_names(path: Path, units: set[str]) -> dict[str, list[FormerName]]:
    columns = ("unit_adcode", "former_name", "former_adcode", "until", "change", "source_url")
    found: dict[str, list[FormerName]] = {}
    for number, row in _rows(path, columns):
        code = row["unit_adcode"]
        _check(path, number, "unit_adcode", code, code in units, "an adcode of units.csv")
        _check(path, number, "until", row["until"], row["until"].isdigit(), "a year")
        _check(
            path,
            number,
            "change",
            row["change"],
            row["change"] in ("renamed", "merged"),
            "renamed or merged",
        )
        _check(path, number, "source_url", row["source_url"], bool(row["source_url"]), "a source")
        found.setdefault(code, []).append(
            FormerName(
                name=row["former_name"],
                adcode=row["former_adcode"],
                until=int(row["until"]),
                change=row["change"],
                source=row["source_url"],
            )
        )
    return found


def _zones(path: Path, unit_city: Mapping[str, str]) -> dict[str, list[Zone]]:
    columns = ("city_adcode", "name", "name_en", "aliases", "unit_adcodes", "draw_unit")
    found: dict[str, list[Zone]] = {}
    for number, row in _rows(path, (*columns, "source_url")):
        city = row["city_adcode"]
        units = _split(row["unit_adcodes"])
        for code in (*units, *_split(row["draw_unit"])):
            ok = unit_city.get(code) == city
            _check(path, number, "unit_adcodes", code, ok, "a unit of the zone's city")
        _check(path, number, "source_url", row["source_url"], bool(row["source_url"]), "a source")
        found.setdefault(city, []).append(
            Zone(
                name=row["name"],
                name_en=row["name_en"],
                aliases=_split(row["aliases"]),
                unit_adcodes=units,
                draw_unit=row["draw_unit"],
                source=row["source_url"],
            )
        )
    return found


def _units(directory: Path) -> dict[str, list[Unit]]:
    """Units by city adcode, with their former names, in file order."""
    path = directory / UNITS_FILE
    columns = ("city_adcode", "adcode", "name", "official_name", "name_en", "kind", "aliases")
    rows = list(_rows(path, columns))
    unit_codes = {row["adcode"] for _, row in rows}
    former = _former_names(directory / FORMER_FILE, unit_codes)
    by_city: dict[str, list[Unit]] = {}
    seen: set[str] = set()
    for number, row in rows:
        code = row["adcode"]
        _check(path, number, "adcode", code, bool(_ADCODE.match(code)), "six digits")
        _check(path, number, "adcode", code, code not in seen, "each adcode once")
        _check(path, number, "kind", row["kind"], row["kind"] in UNIT_KINDS, "|".join(UNIT_KINDS))
        _check(path, number, "name", row["name"], bool(row["name"]), "a name")
        seen.add(code)
        by_city.setdefault(row["city_adcode"], []).append(
            Unit(
                adcode=code,
                name=row["name"],
                official_name=row["official_name"] or row["name"],
                name_en=row["name_en"],
                kind=row["kind"],
                aliases=_split(row["aliases"]),
                former_names=tuple(former.get(code, ())),
            )
        )
    return by_city


def _census(path: Path) -> dict[tuple[str, str], int]:
    """Census totals of whole cities: ``(city, source) -> population``."""
    totals: dict[tuple[str, str], int] = {}
    for _, row in _rows(path, ("name", "city", "population", "source", "kind")):
        if row["kind"] == "census" and row["name"] == row["city"] and row["population"].isdigit():
            totals[(row["city"], row["source"])] = int(row["population"])
    return totals


def _city(
    path: Path,
    number: int,
    row: dict[str, str],
    units: list[Unit],
    zones: list[Zone],
    census: Mapping[tuple[str, str], int],
) -> City:
    code = row["adcode"]
    _check(path, number, "adcode", code, bool(_ADCODE.match(code)), "six digits")
    _check(path, number, "slug", row["slug"], bool(_SLUG.match(row["slug"])), "a-z, 0-9, -")
    _check(path, number, "kind", row["kind"], row["kind"] in CITY_KINDS, "|".join(CITY_KINDS))
    _check(path, number, "shipped", row["shipped"], row["shipped"] in ("true", "false"), "bool")
    epsg = row["distance_epsg"]
    _check(path, number, "distance_epsg", epsg, epsg.isdigit(), "an EPSG code")
    _check(path, number, "adcode", code, bool(units), "a city with units in units.csv")
    source: str | None = row["census_source"]
    total = None
    if source == "none":
        source = None
    else:
        total = census.get((row["name"], str(source)))
        if total is None:
            raise DataFileError(
                path,
                code="cities.no_census",
                params={"name": row["name"], "source": source},
                row=number,
                column="census_source",
            )
    return City(
        adcode=code,
        name=row["name"],
        name_en=row["name_en"],
        slug=row["slug"],
        province=row["province"],
        kind=row["kind"],
        aliases=_split(row["aliases"]),
        units=tuple(sorted(units, key=lambda u: u.adcode)),
        zones=tuple(zones),
        distance_epsg=int(epsg),
        census_source=source,
        census_2020=total,
        shipped=row["shipped"] == "true",
    )


def _check_keys(path: Path, cities: tuple[City, ...]) -> None:
    """No key may name two cities (an alias shared by two is an error)."""
    owner: dict[str, str] = {}
    for city in cities:
        for name in city.names:
            key = lookup_key(name)
            if owner.setdefault(key, city.adcode) != city.adcode:
                raise DataFileError(
                    path, code="cities.duplicate", params={"value": name, "what": "cities"}
                )


def read_cities(directory: Path, population_file: Path) -> tuple[City, ...]:
    """Read every city of ``directory`` (``data/cities``), in adcode order.

    Parameters
    ----------
    directory
        The folder holding ``cities.csv``, ``units.csv``, ``former_names.csv``
        and ``zones.csv``.
    population_file
        ``data/population.csv``, where the census totals are.

    Raises
    ------
    DataFileError
        A missing file or column, a malformed cell, a unit or zone of an
        unknown city, a census source with no total, or an alias of two cities.
    """
    path = directory / CITIES_FILE
    units = _units(directory)
    unit_city = {u.adcode: city for city, us in units.items() for u in us}
    zones = _zones(directory / ZONES_FILE, unit_city)
    census = _census(population_file)
    columns = ("adcode", "name", "name_en", "slug", "province", "kind", "aliases")
    rows = list(_rows(path, (*columns, "census_source", "shipped", "distance_epsg")))
    cities = tuple(
        sorted(
            (
                _city(
                    path, n, row, units.get(row["adcode"], []), zones.get(row["adcode"], []), census
                )
                for n, row in rows
            ),
            key=lambda c: c.adcode,
        )
    )
    known = {c.adcode for c in cities}
    for city_code in (*units, *zones):
        if city_code not in known:
            raise DataFileError(
                directory / UNITS_FILE,
                code="cities.dangling",
                params={"value": city_code, "what": "city"},
            )
    _check_keys(path, cities)
    return cities
