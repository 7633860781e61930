"""Offline geocoding from the shipped gazetteer: the default provider.

Two files in ``data/``:

``gazetteer.csv``
    One row per known place (the registry's carriers): name, aliases
    (Chinese, pinyin and English), city, district, WGS-84 lon/lat, precision
    and the source of the coordinate.
``district_points.csv``
    A representative point inside every county-level unit and each city,
    used when only the district (or city) of a place is known; results then
    carry ``precision="district"`` (or ``"city"``) and are drawn as
    approximate.

Pinyin names are matched only through the aliases written for the places of
these two cities, so "Zhoushan smart island" finds 周山双创智慧岛 in Luoyang
and can never become 舟山 in Zhejiang.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from geo_app.config import Settings
from geo_app.errors import DataFileError
from geocoding.base import PRECISION_RANK, Location, Precision

if TYPE_CHECKING:  # the City records are read when a gazetteer is built for cities
    from geo_app.cities import City

__all__ = ["Gazetteer", "GazetteerEntry", "normalize_name"]

_PROVIDER = "gazetteer"
_SPACES = re.compile(r"\s+")
_GAZETTEER_COLUMNS = (
    "name",
    "aliases",
    "city",
    "admin_district",
    "lon",
    "lat",
    "precision",
    "source",
)
_POINT_COLUMNS = ("city", "admin_district", "lon", "lat", "precision", "source")


def normalize_name(text: str) -> str:
    """Fold width, case and spacing so that spellings of a name compare equal.

    Examples
    --------
    >>> normalize_name("中欧（洛阳）科创  国际合作产业园")
    '中欧(洛阳)科创国际合作产业园'
    >>> normalize_name(" Zhoushan  Smart Island ")
    'zhoushan smart island'
    """
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    folded = _SPACES.sub(" ", folded)
    # Spaces matter between Latin words only.
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", folded)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One named place with a WGS-84 point."""

    name: str
    keys: tuple[str, ...]
    city: str
    district: str
    lon: float
    lat: float
    precision: Precision
    source: str

    def to_location(self, *, matched: str) -> Location:
        """This entry as a :class:`Location`."""
        return Location(
            address=" ".join(x for x in (self.city, self.district, self.name) if x),
            latitude=self.lat,
            longitude=self.lon,
            raw={
                "provider": _PROVIDER,
                "precision": self.precision.value,
                "source": self.source,
                "matched": matched,
                "city": self.city,
                "district": self.district,
                "crs": "EPSG:4326",
            },
        )


def _read(path: Path, columns: Iterable[str]) -> pd.DataFrame:
    if not path.is_file():
        raise DataFileError(path, code="file.not_found")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFileError(
            path, code="gazetteer.missing_columns", params={"columns": ", ".join(missing)}, row=1
        )
    return frame


def _coord(path: Path, frame: pd.DataFrame, index: int, column: str, lo: float, hi: float) -> float:
    raw = frame.at[index, column]
    try:
        value = float(raw)
    except ValueError as err:
        raise DataFileError(
            path,
            code="gazetteer.not_number",
            params={"value": raw},
            row=index + 2,
            column=column,
            value=raw,
        ) from err
    if not (lo <= value <= hi) or math.isnan(value):
        raise DataFileError(
            path,
            code="gazetteer.out_of_range",
            params={"value": value, "lo": lo, "hi": hi},
            row=index + 2,
            column=column,
            value=value,
        )
    return value


def _entries(path: Path, frame: pd.DataFrame, *, named: bool) -> list[GazetteerEntry]:
    out = []
    for index in range(len(frame)):
        row = frame.iloc[index]
        try:
            precision = Precision(row["precision"])
        except ValueError as err:
            raise DataFileError(
                path,
                code="gazetteer.precision_unknown",
                params={"value": row["precision"]},
                row=index + 2,
                column="precision",
                value=row["precision"],
            ) from err
        name = row["name"] if named else (row["admin_district"] or row["city"])
        keys = [name]
        if named:
            keys += [a for a in row["aliases"].split("|") if a.strip()]
        out.append(
            GazetteerEntry(
                name=name,
                keys=tuple(dict.fromkeys(normalize_name(k) for k in keys)),
                city=row["city"],
                district=row["admin_district"],
                lon=_coord(path, frame, index, "lon", 73.0, 136.0),
                lat=_coord(path, frame, index, "lat", 3.0, 54.0),
                precision=precision,
                source=row["source"],
            )
        )
    return out


def _short(district: str) -> str:
    """涧西区 → 涧西, 嵩县 → 嵩县 (a one-character stem is too ambiguous)."""
    stem = district[:-1] if district[-1:] in "区县市" else district
    return stem if len(stem) >= 2 else district


class Gazetteer:
    """Offline geocoder over the shipped gazetteer (geopy-style ``geocode``).

    Parameters
    ----------
    places
        Named places (carriers) with their points.
    areas
        Representative points of districts and cities.
    cities
        The City records whose units, former names and functional zones a
        query is read against (default: the shipped cities).

    Examples
    --------
    >>> gaz = Gazetteer.from_data_dir()
    >>> loc = gaz.geocode("Zhoushan smart island", city="洛阳市")
    >>> loc.raw["city"], loc.raw["matched"]
    ('洛阳市', 'zhoushan smart island')
    """

    name = "gazetteer"

    def __init__(
        self,
        places: Iterable[GazetteerEntry],
        areas: Iterable[GazetteerEntry],
        *,
        cities: Sequence[City] | None = None,
    ) -> None:
        self._places = tuple(places)
        self._areas = tuple(areas)
        self._cities = tuple(cities) if cities is not None else None
        self._by_key: dict[str, list[GazetteerEntry]] = {}
        for entry in self._places:
            for key in entry.keys:
                self._by_key.setdefault(key, []).append(entry)

    @classmethod
    def from_files(cls, gazetteer_csv: str | Path, points_csv: str | Path) -> Gazetteer:
        """Load the two gazetteer files, validating every row."""
        gpath, ppath = Path(gazetteer_csv), Path(points_csv)
        places = _entries(gpath, _read(gpath, _GAZETTEER_COLUMNS), named=True)
        areas = _entries(ppath, _read(ppath, _POINT_COLUMNS), named=False)
        return cls(places, areas)

    @classmethod
    def from_data_dir(
        cls, data_dir: str | Path | None = None, *, cities: Sequence[City] | None = None
    ) -> Gazetteer:
        """Load ``gazetteer.csv`` and ``district_points.csv`` from ``data_dir``.

        With ``cities`` (the cities a workspace covers), a city those files
        do not hold gets the points of its units and its own point from the
        City records (``data/cities/points.csv``), and queries are read
        against the units, former names and zones of exactly these cities.

        Examples
        --------
        >>> from geo_app.cities import city_record
        >>> gaz = Gazetteer.from_data_dir(cities=[city_record("许昌市")])
        >>> gaz.geocode("许昌市建安区新元大道").raw["district"]
        '建安区'
        >>> gaz.geocode("许昌县政府", city="许昌市").raw["district"]  # a former name
        '建安区'
        """
        base = Path(data_dir) if data_dir is not None else Settings().data_dir
        shipped = cls.from_files(base / "gazetteer.csv", base / "district_points.csv")
        if cities is None:
            return shipped
        return cls(
            shipped.places, [*shipped._areas, *_city_areas(cities, base, shipped)], cities=cities
        )

    @property
    def places(self) -> tuple[GazetteerEntry, ...]:
        """The named places."""
        return self._places

    def area_point(self, *, city: str, district: str | None = None) -> Location | None:
        """The representative point of ``district`` in ``city`` (or of the city)."""
        for entry in self._areas:
            if entry.city == city and entry.district == (district or ""):
                return entry.to_location(matched=district or city)
        return None

    def _named(self, key: str, city: str | None, district: str | None) -> GazetteerEntry | None:
        candidates = [
            e
            for e in self._by_key.get(key, [])
            if (not city or e.city == city) and (not district or e.district in ("", district))
        ]
        if not candidates:
            # An alias written inside a longer query ("周山双创智慧岛, 洛阳高新区").
            candidates = [
                e
                for e in self._places
                if (not city or e.city == city) and any(len(k) >= 4 and k in key for k in e.keys)
            ]
        if not candidates:
            return None
        return min(candidates, key=lambda e: PRECISION_RANK[e.precision])

    def _district_in_query(self, key: str, city: str | None) -> GazetteerEntry | None:
        for entry in self._areas:
            in_city = entry.district and (not city or entry.city == city)
            if in_city and (entry.district in key or _short(entry.district) in key):
                return entry
        return None

    def _zone_in_query(self, query: str, city: str | None) -> GazetteerEntry | None:
        """The district of a functional zone or former name in the query (伊滨区 → 偃师区).

        The mapping is the inventory's places table, built from the City
        records (``data/cities/``), the one record of these names in the product.
        """
        # Imported here: geo_app.inventory itself places rows with this module.
        from geo_app.inventory import city_place_rows, resolve_place

        rows = city_place_rows(self._cities) if self._cities is not None else None
        place = resolve_place(query, city_hint=city, places=rows)
        if not place.admin_district or place.reason or (city and place.city != city):
            return None
        for entry in self._areas:
            if entry.city == place.city and entry.district == place.admin_district:
                return entry
        return None

    def geocode(
        self,
        query: str,
        *,
        city: str | None = None,
        district: str | None = None,
    ) -> Location | None:
        """Find ``query`` offline.

        Order: a named place (name or alias, within ``city``/``district``
        when given); else a district named in the query or given as
        ``district``, or the district of a functional zone or former name
        in the query (伊滨区 → 偃师区, 吉利区 → 孟津区); else the ``city``
        point. Returns ``None`` when none applies — never a point outside
        the given city.
        """
        key = normalize_name(query)
        if not key:
            return None
        entry = self._named(key, city, district)
        if entry is not None:
            return entry.to_location(matched=key)
        if district:
            loc = self.area_point(city=city or "", district=district) if city else None
            if loc is None:
                match = [e for e in self._areas if e.district == district]
                loc = match[0].to_location(matched=district) if match else None
            if loc is not None:
                return loc
        found = self._district_in_query(key, city) or self._zone_in_query(query, city)
        if found is not None:
            return found.to_location(matched=found.district)
        if city:
            return self.area_point(city=city)
        return None


def _city_areas(cities: Sequence[City], base: Path, shipped: Gazetteer) -> list[GazetteerEntry]:
    """Unit and city points, from the City records, of the cities ``shipped`` lacks."""
    from geo_app.cities import read_city_points

    held = {entry.city for entry in shipped._areas}
    data_dir = base if (base / "cities").is_dir() else None  # a test folder may hold none
    path = (base if data_dir else Settings().data_dir) / "cities" / "points.csv"
    rows = [
        row
        for city in cities
        if city.name not in held
        for row in read_city_points(city, data_dir=data_dir)
    ]
    if not rows:
        return []
    frame = pd.DataFrame(rows, columns=list(_POINT_COLUMNS)).fillna("")
    return _entries(path, frame, named=False)
