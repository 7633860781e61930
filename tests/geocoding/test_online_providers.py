"""Each online provider's real client code against the local server."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from geo_app.errors import GeoAppError, GeocodingError
from geocoding import exc
from geocoding.base import Geocoder, Precision
from geocoding.cache import CachedGeocoder, GeocodeCache
from geocoding.coords import bd09_to_wgs84, gcj02_to_wgs84
from geocoding.providers import available_geocoders, get_geocoder

ONLINE = tuple(n for n in available_geocoders() if n != "gazetteer")

if TYPE_CHECKING:
    from conftest import ProviderServer

CITY = "洛阳市"

#: What each provider is expected to raise for a used-up quota.
QUOTA_ERROR: dict[str, type[Exception]] = {
    "amap": exc.GeocoderQuotaExceeded,
    "baidu": exc.GeocoderQuotaExceeded,
    "tianditu": exc.GeocoderQuotaExceeded,
    "nominatim": exc.GeocoderAuthenticationFailure,  # OSMF blocks with HTTP 403
}
#: Coordinate system each provider answers in (as configured in tests).
CRS = {"amap": "GCJ-02", "baidu": "GCJ-02", "nominatim": "WGS-84", "tianditu": "WGS-84"}

providers = pytest.mark.parametrize("name", ONLINE)


def make(
    server: ProviderServer,
    name: str,
    sleeps: list[float],
    cache: GeocodeCache | None = None,
    **changes: Any,
) -> CachedGeocoder:
    geocoder = get_geocoder(
        name, settings=server.settings(**changes), cache=cache, sleep=sleeps.append
    )
    assert isinstance(geocoder, CachedGeocoder)
    return geocoder


def served_text(name: str, query: str) -> str:
    """The text the server sees for ``query`` in Luoyang (city folded in for some)."""
    if CITY in query:
        return query
    if name == "nominatim":
        return f"{query}, {CITY}"
    if name == "tianditu":
        return f"{CITY}{query}"
    return query


@providers
def test_success_is_converted_to_wgs84(
    server: ProviderServer, sleeps: list[float], name: str
) -> None:
    geocoder = make(server, name, sleeps)
    query = "洛阳市科技企业孵化器 开元大道"
    loc = geocoder.geocode(query, city=CITY)
    assert loc is not None
    lon, lat = server.point_for(served_text(name, query))
    assert loc.raw["crs"] == CRS[name]
    assert loc.raw["original"] == pytest.approx([lon, lat], abs=1e-6)
    expected = {"GCJ-02": gcj02_to_wgs84, "WGS-84": lambda x, y: (x, y)}[CRS[name]](lon, lat)
    assert loc.lonlat == pytest.approx(expected, abs=1e-6)
    if CRS[name] != "WGS-84":  # a real shift, a few hundred metres
        assert abs(loc.longitude - lon) > 1e-3
    assert loc.raw["provider"] == name
    assert loc.precision is Precision.POINT
    assert loc.raw["source"]
    assert server.texts(name) == [served_text(name, query)]


def test_requests_carry_the_city_and_coordinate_type(
    server: ProviderServer, sleeps: list[float]
) -> None:
    make(server, "amap", sleeps).geocode("周山智慧岛", city=CITY)
    make(server, "baidu", sleeps).geocode("周山智慧岛", city=CITY)
    make(server, "nominatim", sleeps).geocode("周山智慧岛", city=CITY)
    amap, baidu, nominatim = (r["params"] for r in server.requests)
    assert (
        amap["city"] == CITY
        and amap["key"] == server.secrets["amap_key"]
        and amap["output"] == "JSON"
    )
    assert baidu["city"] == CITY and baidu["ret_coordtype"] == "gcj02ll"
    assert baidu["output"] == "json" and baidu["ak"] == server.secrets["baidu_ak"]
    assert "sn" in baidu  # the SK is set: geopy signs the request
    assert nominatim["countrycodes"] == "cn" and nominatim["format"] == "json"


def test_baidu_bd09_answers_are_converted_twice(
    server: ProviderServer, sleeps: list[float]
) -> None:
    geocoder = make(server, "baidu", sleeps, baidu_coordtype="bd09ll")
    loc = geocoder.geocode("洛阳市涧西区 BD", city=CITY)
    assert loc is not None and loc.raw["crs"] == "BD-09"
    assert server.requests[0]["params"]["ret_coordtype"] == "bd09ll"
    assert loc.raw["original"] == pytest.approx(server.point_for("洛阳市涧西区 BD"), abs=1e-6)
    assert loc.lonlat == pytest.approx(bd09_to_wgs84(*loc.raw["original"]), abs=1e-12)


@providers
def test_no_result_is_none(server: ProviderServer, sleeps: list[float], name: str) -> None:
    assert make(server, name, sleeps).geocode("NORESULT 无此地", city=CITY) is None
    assert len(server.requests) == 1


@providers
def test_district_level_precision(server: ProviderServer, sleeps: list[float], name: str) -> None:
    loc = make(server, name, sleeps).geocode("DISTRICTLEVEL 洛龙区", city=CITY)
    assert loc is not None and loc.precision is Precision.DISTRICT


@providers
def test_quota_exceeded_is_not_retried(
    server: ProviderServer, sleeps: list[float], name: str
) -> None:
    with pytest.raises(QUOTA_ERROR[name]) as info:
        make(server, name, sleeps).geocode("QUOTA 孵化器", city=CITY)
    assert isinstance(info.value, GeocodingError) and isinstance(info.value, GeoAppError)
    assert len(server.requests) == 1 and sleeps == []


@providers
def test_429_honours_retry_after(server: ProviderServer, sleeps: list[float], name: str) -> None:
    loc = make(server, name, sleeps).geocode("RATE429 孵化器", city=CITY)
    assert loc is not None
    assert len(server.requests) == 2
    assert sleeps == [7.0]


def test_429_retry_after_is_capped(server: ProviderServer, sleeps: list[float]) -> None:
    make(server, "amap", sleeps, max_retry_after=2.0).geocode("RATE429 capped", city=CITY)
    assert sleeps == [2.0]


@providers
def test_500_is_retried_then_reported(
    server: ProviderServer, sleeps: list[float], name: str
) -> None:
    with pytest.raises(exc.GeocoderUnavailable) as info:
        make(server, name, sleeps, error_wait_seconds=0.01).geocode("ERR500 孵化器", city=CITY)
    assert isinstance(info.value, ConnectionError)
    assert info.value.status == 500
    assert len(server.requests) == 3  # 1 + max_retries
    assert sleeps == [0.01, 0.01]


@providers
def test_one_500_then_success(server: ProviderServer, sleeps: list[float], name: str) -> None:
    assert make(server, name, sleeps).geocode("FLAKY500 孵化器", city=CITY) is not None
    assert len(server.requests) == 2


@providers
def test_timeout_is_retried_then_reported(
    server: ProviderServer, sleeps: list[float], name: str
) -> None:
    server.delay = 0.5
    with pytest.raises(exc.GeocoderTimedOut) as info:
        make(server, name, sleeps, timeout=0.15, max_retries=1).geocode("TIMEOUT x", city=CITY)
    assert isinstance(info.value, TimeoutError)
    assert info.value.__cause__ is not None  # chained
    assert len(server.requests) == 2


@providers
def test_malformed_json_is_a_parse_error(
    server: ProviderServer, sleeps: list[float], name: str
) -> None:
    with pytest.raises(exc.GeocoderParseError) as info:
        make(server, name, sleeps).geocode("BADJSON 孵化器", city=CITY)
    assert isinstance(info.value, ValueError)
    assert len(info.value.message) < 200  # the body is not pasted into the message
    assert len(server.requests) == 1


@pytest.mark.parametrize("name", ["amap", "baidu"])
def test_refused_key(server: ProviderServer, sleeps: list[float], name: str) -> None:
    with pytest.raises(exc.GeocoderAuthenticationFailure) as info:
        make(server, name, sleeps).geocode("BADKEY 孵化器", city=CITY)
    assert isinstance(info.value, PermissionError)
    assert all(s not in str(info.value) for s in server.secrets.values())


@pytest.mark.parametrize(
    "query", ["周山 ok", "NORESULT", "QUOTA", "RATE429", "ERR500", "TIMEOUT", "BADJSON", "BADKEY"]
)
def test_keys_never_leak(
    server: ProviderServer,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    query: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    server.delay = 0.3
    cache = GeocodeCache(tmp_path / "cache.sqlite3")
    messages: list[str] = []
    for name in ONLINE:
        geocoder = make(server, name, sleeps, cache=cache, timeout=0.15, max_retries=1)
        for _ in range(2):  # the second call may come from the cache
            try:
                geocoder.geocode(query, city=CITY)
            except GeocodingError as err:
                messages.append(f"{err!r} {err} {err.__cause__}")
    dump = repr(cache.dump_rows())
    settings_repr = repr(server.settings())
    for secret in server.secrets.values():
        assert secret not in caplog.text
        assert secret not in dump
        assert secret not in settings_repr
        assert all(secret not in m for m in messages)


def test_cache_answers_without_asking(
    server: ProviderServer, sleeps: list[float], tmp_path: Path
) -> None:
    cache = GeocodeCache(tmp_path / "c.sqlite3")
    geocoder = make(server, "amap", sleeps, cache=cache)
    first = geocoder.geocode("涧西区 卓阳科技产业社区", city=CITY)
    again = geocoder.geocode("  涧西区　卓阳科技产业社区 ", city=CITY)  # normalised key
    assert first == again and len(server.requests) == 1
    assert (geocoder.hits, geocoder.misses) == (1, 1)
    # the city is part of the key
    geocoder.geocode("涧西区 卓阳科技产业社区", city="漯河市")
    assert len(server.requests) == 2


def test_cache_is_consulted_before_the_rate_limiter(
    server: ProviderServer, sleeps: list[float], tmp_path: Path
) -> None:
    cache = GeocodeCache(tmp_path / "c.sqlite3")
    geocoder = make(server, "nominatim", sleeps, cache=cache, nominatim_min_delay=5.0)
    geocoder.geocode("a", city=CITY)
    for _ in range(5):
        geocoder.geocode("a", city=CITY)
    assert sleeps == []  # cached calls never wait
    geocoder.geocode("b", city=CITY)
    assert len(sleeps) == 1 and 4.0 < sleeps[0] <= 5.0


def test_public_nominatim_is_never_faster_than_one_a_second() -> None:
    from geocoding.providers import GeocoderSettings

    settings = GeocoderSettings(
        nominatim_user_agent="carrier-mapper-tests", nominatim_min_delay=0.1
    )
    geocoder = get_geocoder("nominatim", settings=settings, cache=GeocodeCache(":memory:"))
    assert isinstance(geocoder, CachedGeocoder)
    assert geocoder._fetch.min_delay_seconds == 1.0


def test_failures_are_cached_until_they_expire(
    server: ProviderServer, sleeps: list[float], tmp_path: Path
) -> None:
    now = [1000.0]
    cache = GeocodeCache(tmp_path / "c.sqlite3", failure_ttl=60.0, clock=lambda: now[0])
    geocoder = make(server, "amap", sleeps, cache=cache, max_retries=0)
    for _ in range(2):
        with pytest.raises(exc.GeocoderUnavailable, match=r"cached failure|HTTP 500"):
            geocoder.geocode("ERR500 x", city=CITY)
    assert len(server.requests) == 1
    now[0] += 61.0
    with pytest.raises(exc.GeocoderUnavailable):
        geocoder.geocode("ERR500 x", city=CITY)
    assert len(server.requests) == 2


def test_account_errors_are_not_cached(
    server: ProviderServer, sleeps: list[float], tmp_path: Path
) -> None:
    geocoder = make(server, "amap", sleeps, cache=GeocodeCache(tmp_path / "c.sqlite3"))
    for _ in range(2):
        with pytest.raises(exc.GeocoderQuotaExceeded):
            geocoder.geocode("QUOTA x", city=CITY)
    assert len(server.requests) == 2


def test_unreachable_server_is_unavailable(sleeps: list[float]) -> None:
    from geocoding.providers import GeocoderSettings

    settings = GeocoderSettings(
        amap_key="AMAPKEY-unreachable-1",
        amap_url="http://127.0.0.1:9/v3/geocode/geo",
        timeout=0.5,
        max_retries=1,
        error_wait_seconds=0.0,
        min_delay_seconds=0.0,
        use_cache=False,
    )
    geocoder: Geocoder = get_geocoder("amap", settings=settings, sleep=sleeps.append)
    with pytest.raises(exc.GeocoderServiceError) as info:
        geocoder.geocode("x", city=CITY)
    assert "AMAPKEY-unreachable-1" not in str(info.value)
