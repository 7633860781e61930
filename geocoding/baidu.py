"""Baidu geocoding (``geocoding/v3``) through geopy's ``BaiduV3``.

geopy's ``BaiduV3`` sends only ``address``; the subclass here also sends

* ``city``: the city the address lies in (Baidu uses it to choose between
  same-named places; it does not forbid answers elsewhere, hence the area
  check in :mod:`geocoding.chain`);
* ``ret_coordtype``: ``gcj02ll`` by default, so one conversion step
  (GCJ-02 → WGS-84) is left; ``bd09ll`` (Baidu's default) is converted
  BD-09 → GCJ-02 → WGS-84.

It keeps geopy's URL building and ``sn`` signing (with a security key) and its
HTTP layer. The answer's ``precise``, ``confidence`` and ``level`` decide the
precision (:func:`precision_from_result`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from geopy.geocoders import BaiduV3

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

__all__ = ["DEFAULT_DOMAIN", "Baidu", "precision_from_result"]

#: Baidu's API host.
DEFAULT_DOMAIN = "api.map.baidu.com"

CoordType = Literal["gcj02ll", "bd09ll"]

_CRS: Mapping[str, str] = {"gcj02ll": "GCJ-02", "bd09ll": "BD-09"}

_CITY_LEVELS = frozenset({"国家", "省份", "城市"})
_DISTRICT_LEVELS = frozenset({"区县"})
# Levels that name an area rather than a site.
_AREA_LEVELS = frozenset(
    {
        "乡镇",
        "村庄",
        "道路",
        "商圈",
        "行政地标",
        "NoClass",
        "UNKNOWN",
        "地产小区",
        "旅游景点",
        "水系",
    }
)


def precision_from_result(result: Mapping[str, Any]) -> Precision:
    """Map Baidu's ``level``, ``precise`` and ``confidence`` to a precision.

    Administrative levels give ``city``/``district``. A site level gives
    ``point`` when Baidu says it hit the spot (``precise == 1``) or its error
    is under 300 m (``confidence >= 70``); otherwise ``area``. An error over
    8 km (``confidence < 25``) gives ``district`` whatever the level.

    Examples
    --------
    >>> precision_from_result({"precise": 1, "confidence": 80, "level": "门址"}).value
    'point'
    >>> precision_from_result({"precise": 0, "confidence": 50, "level": "公司企业"}).value
    'area'
    >>> precision_from_result({"precise": 0, "confidence": 20, "level": "区县"}).value
    'district'
    """
    level = str(result.get("level") or "UNKNOWN")
    try:
        confidence = int(result.get("confidence") or 0)
        precise = int(result.get("precise") or 0)
    except (TypeError, ValueError):
        confidence, precise = 0, 0
    if level in _CITY_LEVELS:
        return Precision.CITY
    if level in _DISTRICT_LEVELS or confidence < 25:
        return Precision.DISTRICT
    if level in _AREA_LEVELS:
        return Precision.AREA
    if precise == 1 or confidence >= 70:
        return Precision.POINT
    return Precision.AREA


class _BaiduClient(BaiduV3):  # type: ignore[misc]
    """geopy's BaiduV3 with ``city`` and ``ret_coordtype`` in the request."""

    def __init__(
        self,
        api_key: str,
        *,
        security_key: str | None,
        domain: str,
        scheme: str,
        timeout: float,
        user_agent: str | None,
    ) -> None:
        super().__init__(
            api_key,
            scheme=scheme,
            timeout=timeout,
            user_agent=user_agent,
            security_key=security_key,
            adapter_factory=ADAPTER_FACTORY,
        )
        self.api = f"{self.scheme}://{domain}{self.api_path}"

    def get_page(self, query: str, *, city: str | None, coordtype: str) -> Any:
        params = {"ak": self.api_key, "output": "json", "address": query}
        if city:
            params["city"] = city
        params["ret_coordtype"] = coordtype
        # geopy's geocode() would log this URL, key included; build it here.
        url = self._construct_url(self.api, self.api_path, params)
        return self._call_geocoder(url, lambda page: page)


class Baidu(ProviderBase):
    """Baidu geocoder (answers converted to WGS-84).

    Parameters
    ----------
    api_key
        The AK (``CARRIER_MAP_BAIDU_AK``). Never logged.
    security_key
        The SK, if the AK uses ``sn`` signing (``CARRIER_MAP_BAIDU_SK``).
    coordtype
        ``"gcj02ll"`` (default) or ``"bd09ll"``.
    domain, scheme
        Host and scheme; tests point them at a local server.
    timeout
        Seconds to wait for an answer.
    user_agent
        ``User-Agent`` header.

    Examples
    --------
    >>> baidu = Baidu("an-ak", coordtype="bd09ll")
    >>> page = {"status": 0, "result": {"location": {"lng": 112.46279, "lat": 34.62483},
    ...         "precise": 1, "confidence": 80, "comprehension": 100, "level": "门址"}}
    >>> loc = baidu.parse(page)[0]
    >>> loc.precision.value, loc.raw["crs"], round(loc.longitude, 3), round(loc.latitude, 3)
    ('point', 'BD-09', 112.45, 34.62)
    """

    name = "baidu"

    def __init__(
        self,
        api_key: str,
        *,
        security_key: str | None = None,
        coordtype: CoordType = "gcj02ll",
        domain: str = DEFAULT_DOMAIN,
        scheme: str = "https",
        timeout: float = 10.0,
        user_agent: str | None = None,
    ) -> None:
        if coordtype not in _CRS:
            raise ValueError(f"coordtype must be one of {sorted(_CRS)}, not {coordtype!r}")
        self.coordtype = coordtype
        self._secrets = [api_key, security_key]
        self._client = _BaiduClient(
            api_key,
            security_key=security_key,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            user_agent=user_agent,
        )

    def __repr__(self) -> str:
        return f"Baidu(api={self._client.api!r}, coordtype={self.coordtype!r})"

    def fetch(self, query: str, *, city: str | None = None) -> Mapping[str, Any]:
        """Ask Baidu; return the answer once its ``status`` says success.

        Baidu reports "no match" as status 1 with ``无相关结果`` in ``msg``; that
        is returned as a successful empty answer, not raised.
        """
        page = call_geopy(
            lambda: self._client.get_page(query, city=city, coordtype=self.coordtype),
            provider=self.name,
            secrets=self._secrets,
        )
        page = self.json_object(page)
        status = page.get("status")
        message = redact(str(page.get("msg") or page.get("message") or ""), self._secrets)
        # The answer names neither the query nor the coordinate system: keep both.
        request = {"query": query, "city": city, "coordtype": self.coordtype}
        if str(status) == "1" and "无相关结果" in message:
            return {"status": 0, "result": [], "msg": message, "_request": request}
        if str(status) != "0":
            raise error_for_provider_status(self.name, str(status), message)
        return {**page, "_request": request}

    def parse(self, page: Mapping[str, Any]) -> list[Location]:
        """The location in ``page["result"]`` (Baidu returns at most one)."""
        result = page.get("result")
        if not result:
            return []
        request = page.get("_request") or {}
        crs = _CRS.get(str(request.get("coordtype", self.coordtype)), "BD-09")
        try:
            lon = float(result["location"]["lng"])
            lat = float(result["location"]["lat"])
        except (KeyError, TypeError, ValueError) as err:
            raise GeocoderParseError(
                code="geocoder.answer_no_location", provider=self.name
            ) from err
        return [
            build_location(
                provider=self.name,
                address=str(request.get("query") or result.get("level") or ""),
                lon=lon,
                lat=lat,
                crs=crs,
                precision=precision_from_result(result),
                details={
                    "level": result.get("level"),
                    "precise": result.get("precise"),
                    "confidence": result.get("confidence"),
                    "comprehension": result.get("comprehension"),
                },
            )
        ]
