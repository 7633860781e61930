"""Tianditu (天地图) geocoding, the national map service (optional provider).

``http://api.tianditu.gov.cn/geocoder?ds={"keyWord": …}&tk=KEY`` answers
``{"status": "0", "msg": "ok", "location": {"lon", "lat", "level", "score",
"keyWord"}}``. Coordinates are CGCS2000, which agrees with WGS-84 to within
a few centimetres, so they are stored unchanged with ``crs`` ``"WGS-84"``.
Status ``"101"`` means no match.
Tianditu takes no city parameter: the city is prefixed to the key word.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from geopy.geocoders.base import Geocoder as GeopyGeocoder

from geocoding._http import (
    ADAPTER_FACTORY,
    ProviderBase,
    build_location,
    call_geopy,
    error_for_provider_status,
    redact,
)
from geocoding.base import Location, Precision
from geocoding.exc import GeocoderParseError

__all__ = ["DEFAULT_URL", "Tianditu", "precision_from_location"]

#: The geocoder endpoint.
DEFAULT_URL = "https://api.tianditu.gov.cn/geocoder"

_NO_MATCH = "101"
_CITY_LEVELS = frozenset({"国家", "省", "省份", "市", "城市", "地级市"})
_DISTRICT_LEVELS = frozenset({"区县", "县", "区"})
_AREA_LEVELS = frozenset({"乡镇", "村庄", "道路", "街道", "开发区", "商圈"})


def precision_from_location(location: Mapping[str, Any]) -> Precision:
    """Map Tianditu's ``level`` (and a low ``score``) to a precision.

    Examples
    --------
    >>> precision_from_location({"level": "门址", "score": 100}).value
    'point'
    >>> precision_from_location({"level": "门址", "score": 40}).value
    'area'
    >>> precision_from_location({"level": "区县"}).value
    'district'
    """
    level = str(location.get("level") or "")
    if level in _CITY_LEVELS:
        return Precision.CITY
    if level in _DISTRICT_LEVELS:
        return Precision.DISTRICT
    if level in _AREA_LEVELS:
        return Precision.AREA
    try:
        score = float(location.get("score") or 0)
    except (TypeError, ValueError):
        score = 0.0
    return Precision.POINT if score >= 60 else Precision.AREA


class _TiandituClient(GeopyGeocoder):  # type: ignore[misc]
    def __init__(self, key: str, *, url: str, timeout: float, user_agent: str | None) -> None:
        super().__init__(
            scheme=urlsplit(url).scheme or "https",
            timeout=timeout,
            user_agent=user_agent,
            adapter_factory=ADAPTER_FACTORY,
        )
        self.key = key
        self.url = url

    def get_page(self, keyword: str) -> Any:
        ds = json.dumps({"keyWord": keyword}, ensure_ascii=False)
        return self._call_geocoder(
            f"{self.url}?{urlencode({'ds': ds, 'tk': self.key})}", lambda page: page
        )


class Tianditu(ProviderBase):
    """Tianditu geocoder.

    Parameters
    ----------
    key
        The ``tk`` key (``CARRIER_MAP_TIANDITU_KEY``). Never logged.
    url
        Endpoint; tests point it at a local server.
    timeout
        Seconds to wait for an answer.
    user_agent
        ``User-Agent`` header.

    Examples
    --------
    >>> page = {"status": "0", "msg": "ok", "location": {"lon": 112.45, "lat": 34.62,
    ...         "level": "门址", "score": 100, "keyWord": "洛阳市 周山"}}
    >>> loc = Tianditu("tk").parse(page)[0]
    >>> loc.precision.value, loc.longitude, loc.raw["crs"]
    ('point', 112.45, 'WGS-84')
    """

    name = "tianditu"

    def __init__(
        self,
        key: str,
        *,
        url: str = DEFAULT_URL,
        timeout: float = 10.0,
        user_agent: str | None = None,
    ) -> None:
        self._key = key
        self._client = _TiandituClient(key, url=url, timeout=timeout, user_agent=user_agent)

    def __repr__(self) -> str:
        return f"Tianditu(url={self._client.url!r})"

    def fetch(self, query: str, *, city: str | None = None) -> Mapping[str, Any]:
        """Ask Tianditu; ``city`` is prefixed to the key word."""
        keyword = query if not city or city in query else f"{city}{query}"
        page = call_geopy(
            lambda: self._client.get_page(keyword), provider=self.name, secrets=[self._key]
        )
        page = self.json_object(page)
        status = str(page.get("status"))
        if status == _NO_MATCH:
            return {"status": status, "msg": page.get("msg"), "location": None}
        if status != "0":
            message = redact(str(page.get("msg") or ""), [self._key])
            raise error_for_provider_status(self.name, status, message)
        return page

    def parse(self, page: Mapping[str, Any]) -> list[Location]:
        """The location in ``page["location"]``, if any."""
        place = page.get("location")
        if not place:
            return []
        try:
            lon, lat = float(place["lon"]), float(place["lat"])
        except (KeyError, TypeError, ValueError) as err:
            raise GeocoderParseError(
                code="geocoder.answer_no_location", provider=self.name
            ) from err
        return [
            build_location(
                provider=self.name,
                address=str(place.get("keyWord") or ""),
                lon=lon,
                lat=lat,
                crs="WGS-84",
                precision=precision_from_location(place),
                details={"level": place.get("level"), "score": place.get("score")},
            )
        ]
