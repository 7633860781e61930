"""The chain: best precision wins, results outside the expected area are rejected."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from geocoding.base import Location, Precision
from geocoding.chain import GeocoderChain
from geocoding.check import AreaIndex
from geocoding.providers import build_chain

if TYPE_CHECKING:
    from conftest import ProviderServer

LUOYANG = "洛阳市"


def chain_of(server: ProviderServer, area_index: AreaIndex, *names: str) -> GeocoderChain:
    return build_chain(
        list(names), settings=server.settings(), area_index=area_index, sleep=lambda s: None
    )


@pytest.mark.parametrize("provider", ["amap", "baidu", "nominatim", "tianditu"])
def test_zhoushan_pinyin_query_never_returns_zhejiang(
    server: ProviderServer, area_index: AreaIndex, provider: str
) -> None:
    chain = chain_of(server, area_index, provider)
    res = chain.resolve("Zhoushan smart island", city=LUOYANG)
    assert res.best is None
    assert len(res.rejected) == 1
    rejected = res.rejected[0]
    assert rejected.location.longitude > 121.5  # the 舟山 point the server gave
    assert provider in rejected.reason and LUOYANG in rejected.reason
    assert "outside the expected area" in res.reason
    assert [a.status for a in res.attempts] == ["rejected"]


def test_zhoushan_with_the_gazetteer_first_lands_in_luoyang(
    server: ProviderServer, area_index: AreaIndex
) -> None:
    chain = chain_of(server, area_index, "gazetteer", "amap")
    res = chain.resolve("Zhoushan smart island", city=LUOYANG)
    assert res.best is not None
    assert area_index.locate(*res.best.lonlat) is not None
    assert area_index.locate(*res.best.lonlat)[0] == LUOYANG  # type: ignore[index]
    assert all(r.location.raw["provider"] == "amap" for r in res.rejected)
    assert all(c.longitude < 113.5 for c in res.candidates)


def test_equal_precision_keeps_the_earlier_provider(
    server: ProviderServer, area_index: AreaIndex
) -> None:
    chain = chain_of(server, area_index, "amap", "baidu")
    res = chain.resolve("DISTRICTLEVEL 洛龙区", city=LUOYANG)
    assert res.best is not None
    assert res.best.raw["provider"] == "amap" and res.best.precision is Precision.DISTRICT
    assert [c.raw["provider"] for c in res.candidates] == ["amap", "baidu"]


def test_best_precision_wins_whatever_the_order(area_index: AreaIndex) -> None:
    centre = area_index.area(city=LUOYANG, district="西工区")
    assert centre is not None
    p = centre.representative_point()
    coarse, fine = _Fixed(_loc(p.x, p.y, "district")), _Fixed(_loc(p.x, p.y, "area"))
    fine.name = "fine"
    res = GeocoderChain([coarse, fine], area_index=area_index).resolve("x", city=LUOYANG)
    assert res.best is fine.location
    assert [c.precision.value for c in res.candidates] == ["area", "district"]


def test_chain_stops_at_a_point(server: ProviderServer, area_index: AreaIndex) -> None:
    chain = chain_of(server, area_index, "amap", "baidu", "nominatim")
    res = chain.resolve("卓阳科技产业社区", city=LUOYANG)
    assert res.best is not None and res.best.precision is Precision.POINT
    assert [r["provider"] for r in server.requests] == ["amap"]


def test_an_error_moves_on_to_the_next_provider(
    server: ProviderServer, area_index: AreaIndex
) -> None:
    settings = server.settings(baidu_domain="127.0.0.1:9", max_retries=0, timeout=0.5)
    chain = build_chain(["baidu", "amap"], settings=settings, area_index=area_index)
    res = chain.resolve("某众创空间", city=LUOYANG)
    assert res.best is not None and res.best.raw["provider"] == "amap"
    assert [a.status for a in res.attempts] == ["error", "ok"]
    assert "baidu" in res.attempts[0].provider


class _Fixed:
    """A geocoder returning a fixed location (for the district check)."""

    name = "fixed"

    def __init__(self, location: Location) -> None:
        self.location = location

    def geocode(
        self, query: str, *, city: str | None = None, district: str | None = None
    ) -> Location | None:
        return self.location


def _loc(lon: float, lat: float, precision: str) -> Location:
    return Location("x", lat, lon, {"precision": precision, "source": "t", "provider": "fixed"})


def test_district_is_checked_for_precise_results(area_index: AreaIndex) -> None:
    jianxi = area_index.area(city=LUOYANG, district="涧西区")
    assert jianxi is not None
    inside = jianxi.representative_point()
    laocheng = area_index.area(city=LUOYANG, district="老城区")
    assert laocheng is not None
    elsewhere = laocheng.representative_point()
    ok = GeocoderChain([_Fixed(_loc(inside.x, inside.y, "point"))], area_index=area_index)
    assert ok.geocode("x", city=LUOYANG, district="涧西区") is not None
    wrong = GeocoderChain([_Fixed(_loc(elsewhere.x, elsewhere.y, "point"))], area_index=area_index)
    res = wrong.resolve("x", city=LUOYANG, district="涧西区")
    assert res.best is None and "涧西区" in res.rejected[0].reason
    # a city-level point is only held to the city
    coarse = GeocoderChain([_Fixed(_loc(elsewhere.x, elsewhere.y, "city"))], area_index=area_index)
    assert coarse.geocode("x", city=LUOYANG, district="涧西区") is not None
    # a functional zone unknown to the boundaries is checked by its city
    zone = GeocoderChain([_Fixed(_loc(inside.x, inside.y, "area"))], area_index=area_index)
    assert zone.geocode("x", city=LUOYANG, district="伊滨区") is not None
