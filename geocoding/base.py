"""The geocoder contract every provider follows.

Modelled on geopy: a provider is an object with a ``geocode(query, *, …)``
method that returns a :class:`Location` or ``None``. Unlike geopy, a location
here always carries WGS-84 lon/lat (providers convert GCJ-02 / BD-09 before
returning) plus a precision level and the source of the coordinate in ``raw``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

__all__ = ["PRECISION_RANK", "Geocoder", "Location", "Precision"]


class Precision(StrEnum):
    """How much a coordinate can be trusted, best first.

    ``point``: the carrier's own site (building, campus, gate).
    ``area``: a representative point of the carrier's own area (a zone, a park).
    ``district``: no trustworthy point is known; a representative point inside
    the administrative district the carrier lies in. Drawn as approximate.
    ``city``: only the city is known; a representative point inside the city.
    """

    POINT = "point"
    AREA = "area"
    DISTRICT = "district"
    CITY = "city"


#: Lower is better; used to keep the best of several results.
PRECISION_RANK: Mapping[Precision, int] = {
    Precision.POINT: 0,
    Precision.AREA: 1,
    Precision.DISTRICT: 2,
    Precision.CITY: 3,
}


@dataclass(frozen=True, slots=True)
class Location:
    """A geocoding result (geopy-like), always in WGS-84.

    Attributes
    ----------
    address
        The name or address the provider matched.
    latitude, longitude
        WGS-84 degrees (EPSG:4326). Note the order of the attributes follows
        geopy (lat, lon); use :attr:`lonlat` for GeoJSON order.
    raw
        Provider details. Always holds ``precision`` (a :class:`Precision`
        value), ``source`` (where the coordinate came from) and ``provider``;
        online providers add ``crs`` and the original coordinate.
    """

    address: str
    latitude: float
    longitude: float
    raw: Mapping[str, Any] = field(default_factory=dict)

    @property
    def precision(self) -> Precision:
        """The precision level stored in ``raw``."""
        return Precision(self.raw["precision"])

    @property
    def point(self) -> tuple[float, float]:
        """``(latitude, longitude)``, as geopy's ``Location.point`` gives it."""
        return (self.latitude, self.longitude)

    @property
    def lonlat(self) -> tuple[float, float]:
        """``(longitude, latitude)``: GeoJSON and shapely order."""
        return (self.longitude, self.latitude)


@runtime_checkable
class Geocoder(Protocol):
    """What every provider implements.

    ``city`` and ``district`` name the area the result is expected in
    (Chinese names, e.g. ``"洛阳市"``, ``"涧西区"``); providers use them to
    bias the search and the caller checks the result against them.
    """

    name: str

    def geocode(
        self,
        query: str,
        *,
        city: str | None = None,
        district: str | None = None,
    ) -> Location | None:
        """Return the best location for ``query`` or ``None`` if nothing matched."""
        ...
