"""The provider registry and its typed settings.

``get_geocoder(name, settings=...)`` returns a ready geocoder: the offline
gazetteer as it is, an online provider behind the cache, geopy's rate
limiter and bounded retries (:class:`~geocoding.cache.CachedGeocoder`).
``build_chain`` builds the ordered chain and skips providers whose key is
missing, saying why.

Keys come from environment variables or from Streamlit secrets, both read
by :meth:`GeocoderSettings.from_mapping`:

========================  ===============================  ==================
provider                  variable                         secrets key
========================  ===============================  ==================
AMap (高德)               ``CARRIER_MAP_AMAP_KEY``         ``amap_key``
Baidu (百度)              ``CARRIER_MAP_BAIDU_AK``         ``baidu_ak``
Baidu, sn signing         ``CARRIER_MAP_BAIDU_SK``         ``baidu_sk``
Tianditu (天地图)         ``CARRIER_MAP_TIANDITU_KEY``     ``tianditu_key``
Nominatim (user agent)    ``CARRIER_MAP_NOMINATIM_USER_AGENT``  ``nominatim_user_agent``
========================  ===============================  ==================

Keys are kept out of ``repr`` and never logged.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo_app import __version__
from geo_app.errors import ProviderConfigError
from geocoding import amap, baidu, nominatim, tianditu
from geocoding.base import Geocoder
from geocoding.cache import CachedGeocoder, GeocodeCache
from geocoding.chain import GeocoderChain
from geocoding.check import AreaIndex

if TYPE_CHECKING:
    from geo_app.cities import City

__all__ = [
    "DEFAULT_CHAIN",
    "GeocoderSettings",
    "available_geocoders",
    "build_chain",
    "configured_geocoders",
    "get_geocoder",
    "open_cache",
]

#: Order tried by default: offline first, then Chinese providers, then OSM.
DEFAULT_CHAIN: tuple[str, ...] = ("gazetteer", "amap", "baidu", "tianditu", "nominatim")

_PREFIX = "CARRIER_MAP_"

# Setting name -> environment suffix (after CARRIER_MAP_). Secrets may also use
# the setting name itself, e.g. ``amap_key``.
_SOURCES: Mapping[str, str] = {
    "amap_key": "AMAP_KEY",
    "baidu_ak": "BAIDU_AK",
    "baidu_sk": "BAIDU_SK",
    "tianditu_key": "TIANDITU_KEY",
    "nominatim_user_agent": "NOMINATIM_USER_AGENT",
    "amap_url": "AMAP_URL",
    "baidu_domain": "BAIDU_DOMAIN",
    "baidu_scheme": "BAIDU_SCHEME",
    "baidu_coordtype": "BAIDU_COORDTYPE",
    "nominatim_domain": "NOMINATIM_DOMAIN",
    "nominatim_scheme": "NOMINATIM_SCHEME",
    "tianditu_url": "TIANDITU_URL",
    "timeout": "GEOCODE_TIMEOUT",
    "max_retries": "GEOCODE_MAX_RETRIES",
    "error_wait_seconds": "GEOCODE_ERROR_WAIT",
    "max_retry_after": "GEOCODE_MAX_RETRY_AFTER",
    "min_delay_seconds": "GEOCODE_MIN_DELAY",
    "nominatim_min_delay": "NOMINATIM_MIN_DELAY",
    "use_cache": "GEOCODE_CACHE",
    "cache_path": "GEOCODE_CACHE_PATH",
    "failure_ttl": "GEOCODE_FAILURE_TTL",
    "chain": "GEOCODERS",
    "data_dir": "DATA_DIR",
}


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)


@dataclass(frozen=True, slots=True)
class GeocoderSettings:
    """Everything the geocoders need, immutable and passed down.

    Build with :meth:`from_env` or :meth:`from_mapping` (environment or
    Streamlit secrets); change with :func:`dataclasses.replace`.

    Examples
    --------
    >>> s = GeocoderSettings.from_mapping({"CARRIER_MAP_AMAP_KEY": "k", "timeout": "2.5"})
    >>> s.timeout
    2.5
    >>> s.amap_key, "'k'" in repr(s)
    ('k', False)
    >>> GeocoderSettings.from_mapping({"amap_key": "k2", "geocoders": "amap,nominatim"}).chain
    ('amap', 'nominatim')
    """

    amap_key: str | None = field(default=None, repr=False)
    baidu_ak: str | None = field(default=None, repr=False)
    baidu_sk: str | None = field(default=None, repr=False)
    tianditu_key: str | None = field(default=None, repr=False)
    nominatim_user_agent: str | None = None
    amap_url: str = amap.DEFAULT_URL
    baidu_domain: str = baidu.DEFAULT_DOMAIN
    baidu_scheme: str = "https"
    baidu_coordtype: str = "gcj02ll"
    nominatim_domain: str = nominatim.PUBLIC_DOMAIN
    nominatim_scheme: str = "https"
    tianditu_url: str = tianditu.DEFAULT_URL
    user_agent: str = field(default_factory=lambda: f"carrier-mapper/{__version__}")
    #: Seconds to wait for one answer.
    timeout: float = 10.0
    #: Retries after a timeout, an unreachable service, HTTP 5xx or 429.
    max_retries: int = 2
    #: Wait before a retry when the provider did not say how long.
    error_wait_seconds: float = 2.0
    #: Longest ``Retry-After`` honoured.
    max_retry_after: float = 60.0
    #: Minimum seconds between two requests to AMap, Baidu or Tianditu.
    min_delay_seconds: float = 0.34
    #: Minimum seconds between two Nominatim requests (never < 1 on the public server).
    nominatim_min_delay: float = 1.0
    use_cache: bool = True
    #: SQLite file; ``None`` means the user data directory.
    cache_path: Path | None = None
    failure_ttl: float = 3600.0
    chain: tuple[str, ...] = DEFAULT_CHAIN
    #: Folder of the gazetteer files; ``None`` means the shipped ``data/``.
    data_dir: Path | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> GeocoderSettings:
        """Build settings from ``CARRIER_MAP_*`` environment variables."""
        return cls.from_mapping(os.environ if env is None else env)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> GeocoderSettings:
        """Build settings from environment-style or secrets-style keys.

        Each setting is looked up as ``CARRIER_MAP_<SUFFIX>`` and as its
        lower-case name (``amap_key``, ``geocoders`` … as in
        ``.streamlit/secrets.toml``); a ``[geocoding]`` section of secrets is
        read too. Unprefixed upper-case names are ignored, so an unrelated
        environment variable (``DATA_DIR``) is never picked up. Empty values
        count as unset.

        Raises
        ------
        ProviderConfigError
            If a numeric or boolean setting cannot be read (the message names
            the setting, never its value).
        """
        section = values.get("geocoding")
        merged: dict[str, Any] = dict(values)
        if isinstance(section, Mapping):
            merged.update(section)
        kinds = {f.name: f.type for f in fields(cls)}
        found: dict[str, Any] = {}
        for name, suffix in _SOURCES.items():
            raw = None
            for key in (_PREFIX + suffix, name, suffix.lower()):
                if merged.get(key) not in (None, ""):
                    raw = merged[key]
                    break
            if raw is None:
                continue
            try:
                found[name] = _convert(name, str(kinds[name]), raw)
            except (TypeError, ValueError) as err:
                raise ProviderConfigError(
                    code="geocoder.setting_unreadable", params={"name": _PREFIX + suffix}
                ) from err
        return cls(**found)

    def with_overrides(self, **changes: Any) -> GeocoderSettings:
        """A copy with some settings changed."""
        return replace(self, **changes)


def _convert(name: str, kind: str, raw: Any) -> Any:
    if "float" in kind:
        return float(raw)
    if "int" in kind:
        return int(raw)
    if "bool" in kind:
        return raw if isinstance(raw, bool) else _parse_bool(str(raw))
    if "Path" in kind:
        return Path(str(raw)).expanduser()
    if "tuple" in kind:
        items = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
        return tuple(str(i).strip().lower() for i in items if str(i).strip())
    return str(raw).strip()


def _require(value: str | None, provider: str, variable: str, secret: str) -> str:
    if not value:
        raise ProviderConfigError(
            code="geocoder.not_configured",
            params={"provider": provider, "variable": variable, "secret": secret},
        )
    return value


def _gazetteer(settings: GeocoderSettings, cities: Sequence[City] | None = None) -> Geocoder:
    from geocoding.gazetteer import Gazetteer

    return Gazetteer.from_data_dir(settings.data_dir, cities=cities)


def _amap(settings: GeocoderSettings) -> amap.AMap:
    key = _require(settings.amap_key, "AMap (高德)", "CARRIER_MAP_AMAP_KEY", "amap_key")
    return amap.AMap(
        key, url=settings.amap_url, timeout=settings.timeout, user_agent=settings.user_agent
    )


def _baidu(settings: GeocoderSettings) -> baidu.Baidu:
    ak = _require(settings.baidu_ak, "Baidu (百度)", "CARRIER_MAP_BAIDU_AK", "baidu_ak")
    coordtype = settings.baidu_coordtype
    if coordtype not in ("gcj02ll", "bd09ll"):
        raise ProviderConfigError(code="geocoder.baidu_coordtype")
    return baidu.Baidu(
        ak,
        security_key=settings.baidu_sk,
        coordtype="gcj02ll" if coordtype == "gcj02ll" else "bd09ll",
        domain=settings.baidu_domain,
        scheme=settings.baidu_scheme,
        timeout=settings.timeout,
        user_agent=settings.user_agent,
    )


def _tianditu(settings: GeocoderSettings) -> tianditu.Tianditu:
    key = _require(
        settings.tianditu_key, "Tianditu (天地图)", "CARRIER_MAP_TIANDITU_KEY", "tianditu_key"
    )
    return tianditu.Tianditu(
        key, url=settings.tianditu_url, timeout=settings.timeout, user_agent=settings.user_agent
    )


def _nominatim(settings: GeocoderSettings) -> nominatim.Nominatim:
    agent = _require(
        settings.nominatim_user_agent,
        "Nominatim (OpenStreetMap)",
        "CARRIER_MAP_NOMINATIM_USER_AGENT",
        "nominatim_user_agent",
    )
    return nominatim.Nominatim(
        user_agent=agent,
        domain=settings.nominatim_domain,
        scheme=settings.nominatim_scheme,
        timeout=settings.timeout,
    )


_ONLINE: Mapping[str, Callable[[GeocoderSettings], Any]] = {
    "amap": _amap,
    "baidu": _baidu,
    "tianditu": _tianditu,
    "nominatim": _nominatim,
}


def available_geocoders() -> tuple[str, ...]:
    """Names :func:`get_geocoder` knows, offline one first.

    Examples
    --------
    >>> available_geocoders()
    ('gazetteer', 'amap', 'baidu', 'tianditu', 'nominatim')
    """
    return ("gazetteer", *_ONLINE)


def configured_geocoders(settings: GeocoderSettings) -> tuple[str, ...]:
    """Names whose key or setting is present in ``settings``.

    Examples
    --------
    >>> configured_geocoders(GeocoderSettings(amap_key="k"))
    ('gazetteer', 'amap')
    """
    present = {
        "amap": settings.amap_key,
        "baidu": settings.baidu_ak,
        "tianditu": settings.tianditu_key,
        "nominatim": settings.nominatim_user_agent,
    }
    return ("gazetteer", *(name for name in _ONLINE if present[name]))


def open_cache(settings: GeocoderSettings) -> GeocodeCache | None:
    """The cache ``settings`` ask for, or ``None`` if caching is off."""
    if not settings.use_cache:
        return None
    return GeocodeCache(settings.cache_path, failure_ttl=settings.failure_ttl)


def _min_delay(name: str, settings: GeocoderSettings) -> float:
    if name != "nominatim":
        return settings.min_delay_seconds
    if settings.nominatim_domain.strip("/") == nominatim.PUBLIC_DOMAIN:
        # Usage policy of the public server: at most one request a second.
        return max(settings.nominatim_min_delay, 1.0)
    return settings.nominatim_min_delay


def _wrap(
    provider: Any,
    settings: GeocoderSettings,
    cache: GeocodeCache | None,
    sleep: Callable[[float], None],
) -> CachedGeocoder:
    return CachedGeocoder(
        provider,
        cache=cache,
        min_delay_seconds=_min_delay(provider.name, settings),
        max_retries=settings.max_retries,
        error_wait_seconds=settings.error_wait_seconds,
        max_retry_after=settings.max_retry_after,
        sleep=sleep,
    )


def _make_provider(
    name: str, settings: GeocoderSettings, cities: Sequence[City] | None = None
) -> Any:
    key = name.strip().lower()
    if key == "gazetteer":
        return _gazetteer(settings, cities)
    factory = _ONLINE.get(key)
    if factory is None:
        raise ProviderConfigError(
            code="geocoder.unknown",
            params={"name": name, "choices": ", ".join(available_geocoders())},
        )
    return factory(settings)


def get_geocoder(
    name: str,
    *,
    settings: GeocoderSettings,
    cache: GeocodeCache | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Geocoder:
    """A ready geocoder by registry name.

    Parameters
    ----------
    name
        One of :func:`available_geocoders`.
    settings
        Keys, endpoints, timeouts, retry and rate settings.
    cache
        Cache for online providers; ``None`` opens the one ``settings`` name
        (or none if ``settings.use_cache`` is off).
    sleep
        Sleeping function for the rate limiter (tests pass a recorder).

    Raises
    ------
    ProviderConfigError
        If the provider's key or setting is missing, or ``name`` is unknown.

    Examples
    --------
    >>> get_geocoder("gazetteer", settings=GeocoderSettings()).name
    'gazetteer'
    >>> try:
    ...     get_geocoder("amap", settings=GeocoderSettings())
    ... except ProviderConfigError as err:
    ...     print(str(err).split(":")[0])
    AMap (高德) is not configured
    """
    provider = _make_provider(name, settings)
    if provider.name == "gazetteer":
        return provider  # type: ignore[no-any-return]
    return _wrap(provider, settings, cache if cache is not None else open_cache(settings), sleep)


def build_chain(
    names: Sequence[str] | None = None,
    *,
    settings: GeocoderSettings,
    area_index: AreaIndex | None = None,
    cache: GeocodeCache | None = None,
    sleep: Callable[[float], None] = time.sleep,
    cities: Sequence[City] | None = None,
) -> GeocoderChain:
    """The chain of ``names`` (default ``settings.chain``), skipping unconfigured ones.

    A provider without its key is left out and its reason kept in
    ``chain.skipped``; an unknown name is an error. Online providers share
    one cache. ``cities`` (a workspace's covered cities) makes the
    gazetteer read their units, former names and zones and, without an
    ``area_index``, checks results against their boundaries; default: the
    shipped cities.

    Examples
    --------
    >>> chain = build_chain(["gazetteer", "amap"], settings=GeocoderSettings())
    >>> [g.name for g in chain.geocoders], list(chain.skipped)
    (['gazetteer'], ['amap'])
    """
    wanted = tuple(names) if names is not None else settings.chain
    unknown = [n for n in wanted if n.strip().lower() not in available_geocoders()]
    if unknown:
        raise ProviderConfigError(
            code="geocoder.unknown_many",
            params={"names": ", ".join(unknown), "choices": ", ".join(available_geocoders())},
        )
    providers: list[Any] = []
    skipped: dict[str, str] = {}
    for name in wanted:
        try:
            providers.append(_make_provider(name, settings, cities))
        except ProviderConfigError as err:
            skipped[name] = str(err)
    online = [p for p in providers if p.name != "gazetteer"]
    shared = cache if cache is not None or not online else open_cache(settings)
    geocoders: list[Geocoder] = [
        p if p.name == "gazetteer" else _wrap(p, settings, shared, sleep) for p in providers
    ]
    if area_index is None and cities is not None:
        area_index = AreaIndex.for_cities(cities, data_dir=settings.data_dir)
    return GeocoderChain(geocoders, area_index=area_index, skipped=skipped)
