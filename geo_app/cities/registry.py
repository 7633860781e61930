"""Look up City records and their shipped boundaries.

The records are read once per data folder from ``data/cities/`` (see
:mod:`geo_app.cities._read`) and kept in memory; they are frozen, so every
Streamlit session may share them.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from geo_app.cities._read import read_cities
from geo_app.cities.records import City, lookup_key
from geo_app.config import Settings
from geo_app.errors import DataFileError, UnknownCityError, UsageError

if TYPE_CHECKING:  # geodata libraries load with the first boundaries read, not the records
    import geopandas as gpd

__all__ = [
    "BOUNDARIES_DIR",
    "CITIES_DIR",
    "POINTS_FILE",
    "all_cities",
    "boundaries_path",
    "cities_dir",
    "city_record",
    "henan_cities",
    "read_cities_boundaries",
    "read_city_boundaries",
    "read_city_points",
    "shipped_cities",
]

#: Folder of the city files inside the data folder.
CITIES_DIR = "cities"
#: Folder of the per-city boundary files (``<city adcode>.geojson``).
BOUNDARIES_DIR = "boundaries"
#: Representative points of every unit and city.
POINTS_FILE = "points.csv"
_HENAN = "河南省"


def cities_dir(data_dir: Path | None = None) -> Path:
    """``data/cities`` of ``data_dir`` (default: the shipped data folder)."""
    return (data_dir if data_dir is not None else Settings().data_dir) / CITIES_DIR


@lru_cache(maxsize=8)
def _load(data_dir: Path) -> tuple[tuple[City, ...], MappingProxyType[str, City]]:
    cities = read_cities(data_dir / CITIES_DIR, data_dir / "population.csv")
    index = {lookup_key(name): city for city in cities for name in city.names}
    return cities, MappingProxyType(index)


def _registry(data_dir: Path | None) -> tuple[tuple[City, ...], MappingProxyType[str, City]]:
    return _load((data_dir if data_dir is not None else Settings().data_dir).resolve())


def all_cities(*, data_dir: Path | None = None) -> tuple[City, ...]:
    """Every city of the registry, in adcode order."""
    return _registry(data_dir)[0]


def city_record(key: str, *, data_dir: Path | None = None) -> City:
    """The city a name, alias, slug or adcode names.

    Parameters
    ----------
    key
        ``洛阳市``, ``洛阳``, ``Luoyang``, ``luoyang``, ``410300`` … (case,
        width and spaces do not matter).
    data_dir
        The data folder (default: the shipped one).

    Raises
    ------
    UnknownCityError
        Code ``cities.unknown``, naming the key and the cities known.

    Examples
    --------
    >>> city_record("Luoyang").name
    '洛阳市'
    >>> city_record("411100").slug
    'luohe'
    >>> try:
    ...     city_record("Atlantis")
    ... except LookupError as err:
    ...     print(err.code)
    cities.unknown
    """
    cities, index = _registry(data_dir)
    city = index.get(lookup_key(str(key)))
    if city is None:
        known = ", ".join(c.name for c in cities)
        raise UnknownCityError(code="cities.unknown", params={"name": key, "known": known})
    return city


def shipped_cities(*, data_dir: Path | None = None) -> tuple[City, ...]:
    """The cities the app covers out of the box (洛阳市, 漯河市)."""
    return tuple(city for city in all_cities(data_dir=data_dir) if city.shipped)


def henan_cities(*, data_dir: Path | None = None) -> tuple[City, ...]:
    """Henan's 18 prefecture-level units: 17 cities and 济源市.

    济源市 is a county-level city administered by the province (省直辖县级市):
    it stands at prefecture level, so it is a City here, with itself as its
    one county-level unit (adcode 419001 for both).
    """
    return tuple(c for c in all_cities(data_dir=data_dir) if c.province == _HENAN)


def boundaries_path(city: City, *, data_dir: Path | None = None) -> Path:
    """The GeoJSON of ``city``'s county-level units (WGS-84)."""
    return cities_dir(data_dir) / BOUNDARIES_DIR / f"{city.adcode}.geojson"


def read_city_boundaries(city: City, *, data_dir: Path | None = None) -> gpd.GeoDataFrame:
    """Read ``city``'s unit boundaries, one row per unit, EPSG:4326.

    Raises
    ------
    DataFileError
        ``cities.no_boundaries`` when no file is shipped for the city, or
        any error of :func:`geo_app.boundaries.read_boundaries`.
    """
    path = boundaries_path(city, data_dir=data_dir)
    if not path.is_file():
        raise DataFileError(
            path, code="cities.no_boundaries", params={"name": city.name, "adcode": city.adcode}
        )
    from geo_app.boundaries import read_boundaries

    return read_boundaries(path)


def read_cities_boundaries(
    cities: Sequence[City], *, data_dir: Path | None = None
) -> gpd.GeoDataFrame:
    """The unit boundaries of several cities in one frame, in the order given.

    For :func:`shipped_cities` this is ``data/boundaries.geojson``, row for
    row.
    """
    import geopandas as gpd
    import pandas as pd

    frames = [read_city_boundaries(city, data_dir=data_dir) for city in cities]
    if not frames:
        raise UsageError(code="cities.none_chosen")
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)


def read_city_points(city: City, *, data_dir: Path | None = None) -> list[dict[str, str]]:
    """``city``'s rows of ``points.csv``: one per unit, then one for the city."""
    path = cities_dir(data_dir) / POINTS_FILE
    if not path.is_file():
        raise DataFileError(path, code="file.not_found")
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["city"] == city.name]
