"""Which cities a workspace covers, as City records, and how one more is added.

A city is added with its county-level units' boundaries from the shipped
city data (``data/cities/boundaries/<adcode>.geojson``); a new workspace,
and one written before workspaces recorded their cities, covers the shipped
cities (洛阳市, 漯河市).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from geo_app.cities import (
    City,
    city_record,
    read_cities_boundaries,
    read_city_boundaries,
    shipped_cities,
)
from geo_app.config import Settings
from geo_app.errors import WorkspaceError
from geo_app.workspace.records import utc_now

if TYPE_CHECKING:
    import geopandas as gpd

    from geo_app.workspace.backend import WorkspaceBackend, WorkspaceTransaction

__all__ = [
    "SEED_WHO",
    "add_city",
    "boundaries_of",
    "cities_of",
    "city_data_dir",
    "covered_cities",
    "ensure_cities",
    "seed_cities",
]

#: Who the cities a workspace starts with are recorded as added by.
SEED_WHO = "carrier-map"


def city_data_dir(settings: Settings) -> Path | None:
    """The data folder whose ``cities/`` holds the city records (None: the shipped one).

    A data folder of a planner's own that has no ``cities/`` uses the shipped records.
    """
    return settings.data_dir if (settings.data_dir / "cities" / "cities.csv").is_file() else None


def add_city(tx: WorkspaceTransaction, city: City, *, who: str, settings: Settings) -> bool:
    """Cover ``city`` in the transaction's workspace; False when it already is.

    Raises
    ------
    DataFileError
        ``cities.no_boundaries`` when no boundary file is shipped for the city.
    """
    if city.adcode in tx.city_adcodes():
        return False
    boundaries = read_city_boundaries(city, data_dir=city_data_dir(settings))
    record = {
        "adcode": city.adcode,
        "name": city.name,
        "name_en": city.name_en,
        "slug": city.slug,
        "added_at": utc_now(),
        "added_by": who,
    }
    tx.add_city(record, boundaries)
    return True


def seed_cities(tx: WorkspaceTransaction, settings: Settings) -> None:
    """Cover the shipped cities (a new workspace, or one written before cities were recorded)."""
    for city in shipped_cities(data_dir=city_data_dir(settings)):
        add_city(tx, city, who=SEED_WHO, settings=settings)


def covered_cities(adcodes: list[str], settings: Settings) -> tuple[City, ...]:
    """The City records of ``adcodes``, in that order."""
    data_dir = city_data_dir(settings)
    return tuple(city_record(code, data_dir=data_dir) for code in adcodes)


def ensure_cities(backend: WorkspaceBackend, settings: Settings) -> None:
    """Record the shipped cities in a workspace written before cities were recorded.

    A file that cannot be written (a read-only share) is left as it is: it
    is read as covering the shipped cities (:func:`cities_of`).
    """
    if backend.read_cities():
        return
    try:
        with backend.transaction() as tx:
            if not tx.city_adcodes():  # another process may have just done it
                seed_cities(tx, settings)
    except WorkspaceError:
        pass


def cities_of(backend: WorkspaceBackend, settings: Settings) -> tuple[City, ...]:
    """The cities a workspace covers (the shipped ones when it records none)."""
    rows = backend.read_cities()
    if not rows:
        return shipped_cities(data_dir=city_data_dir(settings))
    return covered_cities([row["adcode"] for row in rows], settings)


def boundaries_of(backend: WorkspaceBackend, settings: Settings) -> gpd.GeoDataFrame:
    """The covered cities' county-level units (the shipped files when it records none)."""
    stored = backend.read_boundaries()
    if stored.empty:
        cities = cities_of(backend, settings)
        return read_cities_boundaries(cities, data_dir=city_data_dir(settings))
    return stored
