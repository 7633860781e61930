"""AMap (Gaode, 高德) web-service geocoding, converted from GCJ-02 to WGS-84.

geopy has no AMap geocoder, so this module holds a small client built on
geopy's ``Geocoder`` base class (its adapter, timeouts and HTTP error
handling) for ``https://restapi.amap.com/v3/geocode/geo``:

* request: ``key``, ``address``, optional ``city`` (name, pinyin, citycode or
  adcode; it restricts the search to that city), ``output=JSON``;
* answer: ``status`` ``"1"`` on success, else ``"0"`` with ``info`` and
  ``infocode`` (see :data:`geocoding._http.PROVIDER_STATUS_ERRORS`); matches in
  ``geocodes``, each with ``location`` ``"lon,lat"`` in GCJ-02 and ``level``.

The ``level`` of a match decides its precision (:data:`LEVEL_PRECISION`).
"""

from __future__ import annotations

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
from geocoding.base import PRECISION_RANK, Location, Precision
from geocoding.exc import GeocoderParseError

__all__ = ["DEFAULT_URL", "LEVEL_PRECISION", "AMap", "precision_from_level"]

#: The geocoding endpoint.
DEFAULT_URL = "https://restapi.amap.com/v3/geocode/geo"

#: AMap's ``level`` values -> precision. Unknown levels count as ``city``.
LEVEL_PRECISION: Mapping[str, Precision] = {
    "门牌号": Precision.POINT,
    "单元号": Precision.POINT,
    "兴趣点": Precision.POINT,
    "公交站台、地铁站": Precision.POINT,
    "公交地铁站点": Precision.POINT,
    "道路交叉路口": Precision.POINT,
    "开发区": Precision.AREA,
    "热点商圈": Precision.AREA,
    "乡镇": Precision.AREA,
    "村庄": Precision.AREA,
    "道路": Precision.AREA,
    "区县": Precision.DISTRICT,
    "市": Precision.CITY,
    "省": Precision.CITY,
    "国家": Precision.CITY,
    "未知": Precision.CITY,
}


def precision_from_level(level: object) -> Precision:
    """Map an AMap ``level`` to a precision.

    Examples
    --------
    >>> precision_from_level("兴趣点").value, precision_from_level("区县").value
    ('point', 'district')
    >>> precision_from_level([]).value
    'city'
    """
    return LEVEL_PRECISION.get(level, Precision.CITY) if isinstance(level, str) else Precision.CITY


def _text(value: object) -> str:
    """AMap sends ``[]`` for an empty text field."""
    return value if isinstance(value, str) else ""


class _AMapClient(GeopyGeocoder):  # type: ignore[misc]
    """The HTTP side, on geopy's base class."""

    def __init__(self, key: str, *, url: str, timeout: float, user_agent: str | None) -> None:
        super().__init__(
            scheme=urlsplit(url).scheme or "https",
            timeout=timeout,
            user_agent=user_agent,
            adapter_factory=ADAPTER_FACTORY,
        )
        self.key = key
        self.url = url

    def get_page(self, query: str, *, city: str | None) -> Any:
        params = {"key": self.key, "address": query, "output": "JSON"}
        if city:
            params["city"] = city
        return self._call_geocoder(f"{self.url}?{urlencode(params)}", lambda page: page)


class AMap(ProviderBase):
    """AMap geocoder (GCJ-02 answers converted to WGS-84).

    Parameters
    ----------
    key
        The web-service key (``CARRIER_MAP_AMAP_KEY``). Never logged.
    url
        Endpoint; tests point it at a local server.
    timeout
        Seconds to wait for an answer.
    user_agent
        ``User-Agent`` header.

    Examples
    --------
    >>> amap = AMap("a-key")
    >>> amap.name
    'amap'
    >>> page = {"status": "1", "infocode": "10000", "count": "1", "geocodes": [
    ...     {"formatted_address": "河南省洛阳市洛龙区开元大道", "level": "道路",
    ...      "location": "112.456261,34.618983", "city": "洛阳市", "district": "洛龙区"}]}
    >>> loc = amap.parse(page)[0]
    >>> loc.precision.value, round(loc.longitude, 4), loc.raw["crs"]
    ('area', 112.45, 'GCJ-02')
    """

    name = "amap"

    def __init__(
        self,
        key: str,
        *,
        url: str = DEFAULT_URL,
        timeout: float = 10.0,
        user_agent: str | None = None,
    ) -> None:
        self._key = key
        self._client = _AMapClient(key, url=url, timeout=timeout, user_agent=user_agent)

    def __repr__(self) -> str:
        return f"AMap(url={self._client.url!r})"

    def fetch(self, query: str, *, city: str | None = None) -> Mapping[str, Any]:
        """Ask AMap; return the answer once its ``status`` says success."""
        page = call_geopy(
            lambda: self._client.get_page(query, city=city),
            provider=self.name,
            secrets=[self._key],
        )
        page = self.json_object(page)
        if str(page.get("status")) != "1":
            info = redact(_text(page.get("info")), [self._key])
            raise error_for_provider_status(self.name, _text(page.get("infocode")) or "?", info)
        return page

    def parse(self, page: Mapping[str, Any]) -> list[Location]:
        """Locations in ``page["geocodes"]``, best precision first."""
        found: list[Location] = []
        for item in page.get("geocodes") or []:
            try:
                lon_text, lat_text = str(item["location"]).split(",")
                lon, lat = float(lon_text), float(lat_text)
            except (KeyError, TypeError, ValueError) as err:
                raise GeocoderParseError(
                    code="geocoder.match_no_location", provider=self.name
                ) from err
            level = item.get("level")
            found.append(
                build_location(
                    provider=self.name,
                    address=_text(item.get("formatted_address")),
                    lon=lon,
                    lat=lat,
                    crs="GCJ-02",
                    precision=precision_from_level(level),
                    details={
                        "level": _text(level),
                        "adcode": _text(item.get("adcode")),
                        "city": _text(item.get("city")),
                        "district": _text(item.get("district")),
                    },
                )
            )
        found.sort(key=lambda loc: PRECISION_RANK[loc.precision])
        return found
