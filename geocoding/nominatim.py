"""OpenStreetMap Nominatim through geopy (WGS-84, no conversion needed).

Nominatim's usage policy asks for an identifying ``User-Agent`` and at most
one request a second on the public server: :class:`Nominatim` refuses to
start without a custom user agent, and the registry
(:mod:`geocoding.providers`) never lets its rate limiter go below one second
for ``nominatim.openstreetmap.org``.

The answer's ``addresstype``/``type``/``place_rank`` decide the precision
(:func:`precision_from_place`). Chinese names are poorly covered in OSM; the
provider is a fallback behind AMap and Baidu.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geopy.geocoders import Nominatim as GeopyNominatim

from geo_app.errors import ProviderConfigError
from geocoding._http import ADAPTER_FACTORY, ProviderBase, build_location, call_geopy
from geocoding.base import PRECISION_RANK, Location, Precision
from geocoding.exc import GeocoderParseError

__all__ = ["PUBLIC_DOMAIN", "Nominatim", "precision_from_place"]

#: The OpenStreetMap Foundation's server (at most 1 request/s).
PUBLIC_DOMAIN = "nominatim.openstreetmap.org"

_REJECTED_AGENTS = ("", "geopy", "specify_your_app_name_here", "my-application")

_CITY_TYPES = frozenset({"country", "state", "province", "region", "city", "municipality"})
_DISTRICT_TYPES = frozenset({"county", "district", "city_district", "borough"})
_AREA_TYPES = frozenset(
    {
        "suburb",
        "quarter",
        "neighbourhood",
        "town",
        "village",
        "hamlet",
        "road",
        "industrial",
        "commercial",
        "retail",
        "residential",
        "farmland",
        "island",
        "locality",
        "isolated_dwelling",
        "square",
        "allotments",
        "hill",
        "peak",
    }
)


def precision_from_place(place: Mapping[str, Any]) -> Precision:
    """Map a Nominatim result to a precision.

    ``addresstype`` (or ``type``) decides when it names an administrative or
    area feature; otherwise ``place_rank`` does (30 = a building or POI).

    Examples
    --------
    >>> precision_from_place({"addresstype": "city", "place_rank": 16}).value
    'city'
    >>> place = {"addresstype": "amenity", "type": "university", "place_rank": 30}
    >>> precision_from_place(place).value
    'point'
    >>> precision_from_place({"type": "industrial", "place_rank": 22}).value
    'area'
    """
    for key in ("addresstype", "type"):
        kind = str(place.get(key) or "")
        if kind in _CITY_TYPES:
            return Precision.CITY
        if kind in _DISTRICT_TYPES:
            return Precision.DISTRICT
        if kind in _AREA_TYPES:
            return Precision.AREA
    try:
        rank = int(place.get("place_rank") or 0)
    except (TypeError, ValueError):
        rank = 0
    if rank >= 28:
        return Precision.POINT
    if rank >= 17:
        return Precision.AREA
    if rank >= 12:
        return Precision.DISTRICT
    return Precision.CITY


class Nominatim(ProviderBase):
    """Nominatim geocoder via :class:`geopy.geocoders.Nominatim`.

    Parameters
    ----------
    user_agent
        An identifying user agent (``CARRIER_MAP_NOMINATIM_USER_AGENT``),
        e.g. ``"carrier-mapper/0.1 (planning@example.org)"``. Required.
    domain, scheme
        Server; tests point them at a local server.
    timeout
        Seconds to wait for an answer.
    limit
        Most candidates asked for.

    Raises
    ------
    ProviderConfigError
        If ``user_agent`` is empty or a generic one.

    Examples
    --------
    >>> nom = Nominatim(user_agent="carrier-mapper-docs")
    >>> page = {"results": [{"lat": "34.62", "lon": "112.45", "display_name": "洛阳市",
    ...                      "addresstype": "city", "place_rank": 16}]}
    >>> loc = nom.parse(page)[0]
    >>> loc.precision.value, loc.longitude, loc.raw["crs"]
    ('city', 112.45, 'WGS-84')
    """

    name = "nominatim"

    def __init__(
        self,
        *,
        user_agent: str,
        domain: str = PUBLIC_DOMAIN,
        scheme: str = "https",
        timeout: float = 10.0,
        limit: int = 5,
    ) -> None:
        agent = (user_agent or "").strip()
        if agent.split("/")[0].lower() in _REJECTED_AGENTS:
            raise ProviderConfigError(code="geocoder.nominatim_agent")
        self.domain = domain
        self.limit = limit
        self._client = GeopyNominatim(
            user_agent=agent,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            adapter_factory=ADAPTER_FACTORY,
        )

    def __repr__(self) -> str:
        return f"Nominatim(domain={self.domain!r})"

    def fetch(self, query: str, *, city: str | None = None) -> Mapping[str, Any]:
        """Ask Nominatim for ``query`` (with ``city`` appended), in China only."""
        text = query if not city or city in query else f"{query}, {city}"
        found = call_geopy(
            lambda: self._client.geocode(
                text,
                exactly_one=False,
                limit=self.limit,
                addressdetails=True,
                language="zh-CN,zh,en",
                country_codes="cn",
            ),
            provider=self.name,
        )
        return {"results": [loc.raw for loc in found or []], "_request": {"q": text}}

    def parse(self, page: Mapping[str, Any]) -> list[Location]:
        """Locations in ``page["results"]``, best precision first."""
        found: list[Location] = []
        for place in page.get("results") or []:
            try:
                lon, lat = float(place["lon"]), float(place["lat"])
            except (KeyError, TypeError, ValueError) as err:
                raise GeocoderParseError(
                    code="geocoder.match_no_location", provider=self.name
                ) from err
            found.append(
                build_location(
                    provider=self.name,
                    address=str(place.get("display_name") or ""),
                    lon=lon,
                    lat=lat,
                    crs="WGS-84",
                    precision=precision_from_place(place),
                    details={
                        "osm_type": place.get("osm_type"),
                        "osm_id": place.get("osm_id"),
                        "type": place.get("type"),
                        "addresstype": place.get("addresstype"),
                        "place_rank": place.get("place_rank"),
                    },
                )
            )
        found.sort(key=lambda loc: PRECISION_RANK[loc.precision])
        return found
