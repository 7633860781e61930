"""Every provider module follows the contract; the registry builds each one."""

from __future__ import annotations

import importlib
import inspect
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from geo_app.errors import GeoAppError, GeocodingError, ProviderConfigError
from geocoding import exc
from geocoding.base import Geocoder
from geocoding.cache import CachedGeocoder
from geocoding.chain import GeocoderChain
from geocoding.providers import (
    GeocoderSettings,
    available_geocoders,
    build_chain,
    configured_geocoders,
    get_geocoder,
)

ONLINE = tuple(n for n in available_geocoders() if n != "gazetteer")

if TYPE_CHECKING:
    from conftest import ProviderServer

#: module -> public provider class.
PROVIDER_CLASSES = {
    "geocoding.amap": "AMap",
    "geocoding.baidu": "Baidu",
    "geocoding.nominatim": "Nominatim",
    "geocoding.tianditu": "Tianditu",
    "geocoding.gazetteer": "Gazetteer",
}
ENV_NAMES = {
    "amap": "CARRIER_MAP_AMAP_KEY",
    "baidu": "CARRIER_MAP_BAIDU_AK",
    "tianditu": "CARRIER_MAP_TIANDITU_KEY",
    "nominatim": "CARRIER_MAP_NOMINATIM_USER_AGENT",
}


def _check_geocode_signature(cls: type) -> None:
    sig = inspect.signature(cls.geocode)
    params = list(sig.parameters.values())
    assert [p.name for p in params[:2]] == ["self", "query"]
    assert params[1].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    keyword = {p.name: p for p in params[2:]}
    assert set(keyword) == {"city", "district"}, "no **kwargs, no extra options"
    for p in keyword.values():
        assert p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is None


@pytest.mark.parametrize("module", sorted(PROVIDER_CLASSES), ids=lambda m: m.split(".")[-1])
def test_provider_module_follows_the_contract(module: str) -> None:
    mod = importlib.import_module(module)
    cls = getattr(mod, PROVIDER_CLASSES[module])
    assert PROVIDER_CLASSES[module] in mod.__all__
    assert isinstance(cls.name, str) and cls.name in available_geocoders()
    _check_geocode_signature(cls)
    if cls.name != "gazetteer":  # online: split in fetch + parse for the cache
        assert callable(cls.fetch) and callable(cls.parse)
        fetch = inspect.signature(cls.fetch).parameters
        assert fetch["city"].kind is inspect.Parameter.KEYWORD_ONLY


@pytest.mark.parametrize("cls", [CachedGeocoder, GeocoderChain], ids=lambda c: c.__name__)
def test_wrappers_follow_the_contract(cls: type) -> None:
    _check_geocode_signature(cls)


@pytest.mark.parametrize("name", available_geocoders())
def test_registry_builds_each_provider(server: ProviderServer, name: str) -> None:
    geocoder = get_geocoder(name, settings=server.settings())
    assert isinstance(geocoder, Geocoder)
    assert geocoder.name == name
    found = geocoder.geocode("涧西区 卓阳科技产业社区", city="洛阳市")
    assert found is not None
    assert found.raw["provider"] == name
    assert found.raw["precision"] in ("point", "area", "district", "city")
    assert found.raw["source"]
    if name != "gazetteer":
        assert found.raw["crs"] in ("WGS-84", "GCJ-02", "BD-09")
        assert len(found.raw["original"]) == 2


@pytest.mark.parametrize("name", ONLINE)
def test_missing_key_is_a_clear_config_error(name: str) -> None:
    with pytest.raises(ProviderConfigError, match=ENV_NAMES[name]) as info:
        get_geocoder(name, settings=GeocoderSettings())
    assert isinstance(info.value, GeoAppError)


def test_unknown_provider() -> None:
    with pytest.raises(ProviderConfigError, match="unknown geocoder"):
        get_geocoder("google", settings=GeocoderSettings())
    with pytest.raises(ProviderConfigError, match="unknown geocoder"):
        build_chain(["gazetteer", "google"], settings=GeocoderSettings())


def test_chain_skips_unconfigured_providers_and_says_why(server: ProviderServer) -> None:
    settings = server.settings(baidu_ak=None, tianditu_key=None)
    chain = build_chain(None, settings=settings)
    assert [g.name for g in chain.geocoders] == ["gazetteer", "amap", "nominatim"]
    assert set(chain.skipped) == {"baidu", "tianditu"}
    assert "CARRIER_MAP_BAIDU_AK" in chain.skipped["baidu"]
    res = chain.resolve("NORESULT 无此地", city="洛阳市")
    assert {a.provider for a in res.attempts if a.status == "skipped"} == {"baidu", "tianditu"}


def test_nominatim_refuses_a_generic_user_agent() -> None:
    for agent in ("geopy/2.5.0", "specify_your_app_name_here", " "):
        with pytest.raises(ProviderConfigError, match="user agent"):
            get_geocoder("nominatim", settings=GeocoderSettings(nominatim_user_agent=agent))


def test_settings_from_env_and_secrets(tmp_path: Path) -> None:
    env = {
        "CARRIER_MAP_AMAP_KEY": "AMAPKEY-settings-1",
        "CARRIER_MAP_GEOCODE_MAX_RETRIES": "4",
        "CARRIER_MAP_GEOCODE_CACHE": "off",
        "CARRIER_MAP_GEOCODE_CACHE_PATH": str(tmp_path / "c.db"),
        "CARRIER_MAP_GEOCODERS": "amap, Gazetteer",
        "PATH": "/usr/bin",
        "GEOCODE_TIMEOUT": "99",  # unprefixed: ignored
        "DATA_DIR": "/elsewhere",
    }
    s = GeocoderSettings.from_env(env)
    assert (s.amap_key, s.max_retries, s.use_cache) == ("AMAPKEY-settings-1", 4, False)
    assert s.cache_path == tmp_path / "c.db" and s.chain == ("amap", "gazetteer")
    assert configured_geocoders(s) == ("gazetteer", "amap")
    assert s.timeout == 10.0 and s.data_dir is None
    secrets = {"geocoding": {"baidu_ak": "BAIDUAK-settings-1", "timeout": 3}}
    t = GeocoderSettings.from_mapping(secrets)
    assert t.baidu_ak == "BAIDUAK-settings-1" and t.timeout == 3.0
    assert "BAIDUAK-settings-1" not in repr(t)
    with pytest.raises(FrozenInstanceError):
        t.timeout = 1.0  # type: ignore[misc]
    with pytest.raises(ProviderConfigError, match="CARRIER_MAP_GEOCODE_TIMEOUT") as info:
        GeocoderSettings.from_mapping({"CARRIER_MAP_GEOCODE_TIMEOUT": "soon"})
    assert "soon" not in str(info.value)


EXPECTED_BUILTINS = {
    "GeocoderTimedOut": TimeoutError,
    "GeocoderUnavailable": ConnectionError,
    "GeocoderRateLimited": OSError,
    "GeocoderAuthenticationFailure": PermissionError,
    "GeocoderQueryError": ValueError,
    "GeocoderParseError": ValueError,
    "GeocoderQuotaExceeded": LookupError,
    "GeocoderServiceError": LookupError,
}


@pytest.mark.parametrize("name", exc.__all__)
def test_exceptions_have_one_root_and_a_builtin(name: str) -> None:
    cls = getattr(exc, name)
    assert issubclass(cls, GeocodingError) and issubclass(cls, GeoAppError)
    assert issubclass(cls, EXPECTED_BUILTINS[name])
    err = cls("message", provider="amap")
    assert str(err) == "amap: message"


def test_rate_limited_carries_retry_after() -> None:
    err = exc.GeocoderRateLimited("slow down", retry_after=3.0)
    assert err.retry_after == 3.0 and err.retryable
    assert isinstance(err, exc.GeocoderQuotaExceeded)
