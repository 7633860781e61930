"""Live checks against the real services (deselected by default: ``-m network``).

Each test needs its key in the environment (``CARRIER_MAP_AMAP_KEY``,
``CARRIER_MAP_BAIDU_AK``, ``CARRIER_MAP_TIANDITU_KEY``,
``CARRIER_MAP_NOMINATIM_USER_AGENT``) and is skipped without it. Nothing is
cached, and each provider is asked at most twice.
"""

from __future__ import annotations

import pytest

from geocoding.chain import GeocoderChain
from geocoding.check import AreaIndex
from geocoding.providers import GeocoderSettings, build_chain, configured_geocoders

pytestmark = pytest.mark.network

ONLINE = ("amap", "baidu", "tianditu", "nominatim")


@pytest.fixture(scope="module")
def live_settings() -> GeocoderSettings:
    return GeocoderSettings.from_env().with_overrides(use_cache=False, max_retries=1)


def _chain(name: str, settings: GeocoderSettings) -> GeocoderChain:
    if name not in configured_geocoders(settings):
        pytest.skip(f"{name} has no key in the environment")
    return build_chain([name], settings=settings, area_index=AreaIndex.default())


@pytest.mark.parametrize("name", ONLINE)
def test_a_luoyang_address_lands_in_luoyang(name: str, live_settings: GeocoderSettings) -> None:
    res = _chain(name, live_settings).resolve("洛阳市涧西区中州西路", city="洛阳市")
    assert res.best is not None, res.reason
    assert res.best.raw["provider"] == name
    assert AreaIndex.default().locate(*res.best.lonlat) is not None


@pytest.mark.parametrize("name", ONLINE)
def test_zhoushan_pinyin_is_never_accepted_outside_luoyang(
    name: str, live_settings: GeocoderSettings
) -> None:
    res = _chain(name, live_settings).resolve("Zhoushan smart island", city="洛阳市")
    if res.best is not None:
        assert AreaIndex.default().locate(*res.best.lonlat) is not None
    for rejected in res.rejected:
        assert "outside the expected area" in rejected.reason
