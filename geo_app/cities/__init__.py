"""City records: a city is data.

Each prefecture-level city is one :class:`City` record read from
``data/cities/`` — names, adcode, slug, aliases, county-level units with
their former names, functional zones, the projected CRS to measure in and
the source of its census total. Modules that need a city ask the registry
instead of keeping their own table.

Examples
--------
>>> from geo_app.cities import city_record, henan_cities
>>> city_record("洛阳").slug
'luoyang'
>>> len(henan_cities())
18
"""

from geo_app.cities.records import (
    CITY_KINDS,
    UNIT_KINDS,
    City,
    FormerName,
    Unit,
    Zone,
    lookup_key,
)
from geo_app.cities.registry import (
    all_cities,
    boundaries_path,
    cities_dir,
    city_record,
    henan_cities,
    read_cities_boundaries,
    read_city_boundaries,
    read_city_points,
    shipped_cities,
)

__all__ = [
    "CITY_KINDS",
    "UNIT_KINDS",
    "City",
    "FormerName",
    "Unit",
    "Zone",
    "all_cities",
    "boundaries_path",
    "cities_dir",
    "city_record",
    "henan_cities",
    "lookup_key",
    "read_cities_boundaries",
    "read_city_boundaries",
    "read_city_points",
    "shipped_cities",
]
