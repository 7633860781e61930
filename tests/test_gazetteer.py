"""The offline gazetteer and the area check: the place-name trap above all."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo_app.config import Settings
from geo_app.errors import DataFileError, OutOfAreaError
from geocoding.base import Geocoder, Location, Precision
from geocoding.check import AreaIndex
from geocoding.gazetteer import Gazetteer

# 舟山 (Zhejiang) and 宜宾 (Sichuan): what a naive geocoder returns.
ZHOUSHAN_ZJ = (122.207, 29.985)
YIBIN_SC = (104.643, 28.752)


@pytest.fixture(scope="module")
def gaz(settings: Settings) -> Gazetteer:
    return Gazetteer.from_data_dir(settings.data_dir)


@pytest.fixture(scope="module")
def areas(settings: Settings) -> AreaIndex:
    return AreaIndex.default(settings)


def test_gazetteer_follows_the_contract(gaz: Gazetteer) -> None:
    assert isinstance(gaz, Geocoder)
    assert gaz.name == "gazetteer"


@pytest.mark.parametrize(
    ("query", "city", "expected_city", "expected_name"),
    [
        ("Zhoushan smart island", "洛阳市", "洛阳市", "周山双创智慧岛"),
        ("zhoushan  SMART island", None, "洛阳市", "周山双创智慧岛"),
        ("周山智慧岛", "洛阳市", "洛阳市", "周山双创智慧岛"),
        ("Yibin smart island", "洛阳市", "洛阳市", "伊滨智慧岛"),
        ("Yibin Science City", None, "洛阳市", "伊滨科技城"),
        ("Shali hi-tech zone", "漯河市", "漯河市", "沙澧高新区"),
        ("沙澧产业集聚区", None, "漯河市", "沙澧高新区"),
        ("Shali", None, "漯河市", "沙澧高新区"),
    ],
    ids=[
        "zhoushan",
        "zhoushan-case",
        "zhoushan-zh",
        "yibin",
        "yibin-city",
        "shali",
        "shali-old",
        "shali-bare",
    ],
)
def test_pinyin_trap_resolves_inside_the_right_city(
    gaz: Gazetteer,
    areas: AreaIndex,
    query: str,
    city: str | None,
    expected_city: str,
    expected_name: str,
) -> None:
    loc = gaz.geocode(query, city=city)
    assert loc is not None
    assert loc.raw["city"] == expected_city
    assert expected_name in loc.address
    areas.check(loc, city=expected_city, query=query)  # inside the city polygon
    assert areas.locate(loc.longitude, loc.latitude) is not None
    for lon, lat in (ZHOUSHAN_ZJ, YIBIN_SC):
        assert abs(loc.longitude - lon) > 5 or abs(loc.latitude - lat) > 3


@pytest.mark.parametrize("query", ["Zhoushan", "Yibin", "舟山", "宜宾"])
def test_bare_pinyin_without_context_finds_nothing(gaz: Gazetteer, query: str) -> None:
    assert gaz.geocode(query) is None


def test_unknown_name_falls_back_to_district_then_city(gaz: Gazetteer) -> None:
    loc = gaz.geocode("某某众创空间", city="洛阳市", district="涧西区")
    assert loc is not None and loc.precision is Precision.DISTRICT
    assert loc.raw["district"] == "涧西区"
    in_query = gaz.geocode("涧西区某某孵化器", city="洛阳市")
    assert in_query is not None and in_query.raw["district"] == "涧西区"
    city_only = gaz.geocode("某某孵化器", city="漯河市")
    assert city_only is not None and city_only.precision is Precision.CITY


def test_area_check_rejects_a_point_outside(areas: AreaIndex) -> None:
    wrong = Location("舟山", ZHOUSHAN_ZJ[1], ZHOUSHAN_ZJ[0], {"precision": "point"})
    with pytest.raises(OutOfAreaError) as info:
        areas.check(wrong, city="洛阳市", query="Zhoushan smart island")
    assert "洛阳市" in str(info.value) and info.value.lon == ZHOUSHAN_ZJ[0]
    with pytest.raises(OutOfAreaError):
        areas.check(wrong)


def test_area_check_rejects_the_wrong_district(gaz: Gazetteer, areas: AreaIndex) -> None:
    loc = gaz.area_point(city="洛阳市", district="涧西区")
    assert loc is not None
    areas.check(loc, city="洛阳市", district="涧西区")
    with pytest.raises(OutOfAreaError):
        areas.check(loc, city="洛阳市", district="老城区")


def test_bad_gazetteer_row_is_reported(tmp_path: Path, settings: Settings) -> None:
    src = (settings.data_dir / "gazetteer.csv").read_text(encoding="utf-8").splitlines()
    header, first = src[0], src[1].split(",")
    lon_col = header.split(",").index("lon")
    first[lon_col] = "east"
    (tmp_path / "gazetteer.csv").write_text(header + "\n" + ",".join(first) + "\n", "utf-8")
    points = tmp_path / "district_points.csv"
    points.write_bytes((settings.data_dir / "district_points.csv").read_bytes())
    with pytest.raises(DataFileError) as info:
        Gazetteer.from_data_dir(tmp_path)
    assert (info.value.row, info.value.column) == (2, "lon")
