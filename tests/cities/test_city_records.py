"""The City records: what ``data/cities/`` says, and how the registry looks it up."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import geopandas as gpd
import pytest

from geo_app.analysis.crs import analysis_crs
from geo_app.cities import (
    City,
    all_cities,
    city_record,
    henan_cities,
    read_city_boundaries,
    shipped_cities,
)
from geo_app.errors import DataFileError, GeoAppError, UnknownCityError, error_text
from geo_app.messages import MESSAGES

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
CITY_FILES = ("cities.csv", "units.csv", "former_names.csv", "zones.csv")


def _shipped_units() -> dict[str, list[dict[str, str]]]:
    """The units of ``data/boundaries.geojson`` by city name, as properties."""
    raw = json.loads((DATA / "boundaries.geojson").read_text(encoding="utf-8"))
    by_city: dict[str, list[dict[str, str]]] = {}
    for feature in raw["features"]:
        by_city.setdefault(feature["properties"]["city"], []).append(feature["properties"])
    return by_city


@pytest.mark.parametrize("name", ["洛阳市", "漯河市"])
def test_shipped_city_equals_boundaries_geojson(name: str) -> None:
    city = city_record(name)
    expected = _shipped_units()[name]
    assert len(city.units) == len(expected)
    for unit, props in zip(city.units, expected, strict=True):
        assert (unit.adcode, unit.name, unit.official_name) == (
            props["adcode"],
            props["name"],
            props["official_name"],
        )
        assert (unit.name_en, unit.kind) == (props["name_en"], props["kind"])
    assert (city.adcode, city.name_en) == (expected[0]["city_adcode"], expected[0]["city_en"])


def test_nineteen_shipped_units() -> None:
    cities = shipped_cities()
    assert [c.name for c in cities] == ["洛阳市", "漯河市"]
    assert sum(len(c.units) for c in cities) == 19
    assert city_record("洛阳市").unit_names[:7] == (
        "老城区",
        "西工区",
        "瀍河区",
        "涧西区",
        "偃师区",
        "孟津区",
        "洛龙区",
    )


@pytest.mark.parametrize(
    "key",
    ["luoyang", "Luoyang", "LUOYANG", "洛阳", "洛阳市", "410300", " Luo yang ", "ＬＵＯＹＡＮＧ"],
)
def test_aliases_resolve(key: str) -> None:
    assert city_record(key).adcode == "410300"


@pytest.mark.parametrize("key", ["luohe", "Luohe", "漯河", "漯河市", "411100"])
def test_luohe_aliases(key: str) -> None:
    assert city_record(key).slug == "luohe"


def test_unknown_city_is_structured_in_both_languages() -> None:
    with pytest.raises(UnknownCityError) as info:
        city_record("宜宾")
    err = info.value
    assert isinstance(err, GeoAppError) and isinstance(err, LookupError)
    assert err.code == "cities.unknown" and err.params["name"] == "宜宾"
    assert "未知城市" in error_text(err, "zh") and "洛阳市" in error_text(err, "zh")
    assert error_text(err, "en").startswith("unknown city: 宜宾")
    for code in MESSAGES:
        if code.startswith("cities."):
            assert set(MESSAGES[code]) == {"zh", "en"}


def test_xuchang_units() -> None:
    city = city_record("许昌")
    assert set(city.unit_names) == {"魏都区", "建安区", "禹州市", "长葛市", "鄢陵县", "襄城县"}
    assert city.find_unit("许昌县") == city.find_unit("建安区")
    assert city.find_unit("Changge City") is not None
    assert city.census_2020 is None and city.census_source is None


def test_henan_has_eighteen_prefecture_level_units() -> None:
    cities = henan_cities()
    assert len(cities) == 18
    assert len({c.slug for c in cities}) == 18
    assert sum(len(c.units) for c in cities) == 157
    jiyuan = city_record("jiyuan")
    assert jiyuan.kind == "province_administered"
    assert [(u.adcode, u.name, u.kind) for u in jiyuan.units] == [
        ("419001", "济源市", "county_city")
    ]
    for city in cities:
        if city.kind == "prefecture":
            assert all(u.adcode[:4] == city.adcode[:4] for u in city.units), city.name
        assert city.units == tuple(sorted(city.units, key=lambda u: u.adcode))


def test_former_names_and_zones_of_luoyang() -> None:
    city = city_record("洛阳")
    assert city.find_unit("偃师市").name == "偃师区"  # type: ignore[union-attr]
    assert city.find_unit("吉利区").name == "孟津区"  # type: ignore[union-attr]
    assert city.find_unit("孟津县").name == "孟津区"  # type: ignore[union-attr]
    mengjin = city.unit_by_adcode("410308")
    assert {(f.name, f.until) for f in mengjin.former_names} == {("孟津县", 2021), ("吉利区", 2021)}
    assert city.find_unit("伊滨区") is None  # a functional zone, not a unit
    yibin = city.find_zone("Yibin")
    assert yibin is not None and yibin.draw_unit == "410307"
    assert set(yibin.unit_adcodes) == {"410311", "410307"}
    hitech = city.find_zone("高新区")
    assert hitech is not None and hitech.draw_unit == "410305"
    assert city_record("漯河").find_zone("沙澧产业集聚区").draw_unit == ""  # type: ignore[union-attr]


def test_every_fact_row_cites_a_source() -> None:
    for name in ("former_names.csv", "zones.csv"):
        with (DATA / "cities" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                assert row["source_url"].startswith(("http://", "https://", "data/")), row


def test_population_sources() -> None:
    assert city_record("洛阳").census_2020 == 7_056_699
    assert city_record("漯河").census_2020 == 2_367_490
    others = [c for c in henan_cities() if not c.shipped]
    assert all(c.census_2020 is None for c in others)


def _boundaries(city: City) -> gpd.GeoDataFrame:
    return read_city_boundaries(city)


@pytest.mark.parametrize("city", henan_cities(), ids=lambda c: c.slug)
def test_distance_crs_is_the_one_the_analysis_picks(city: City) -> None:
    assert analysis_crs(_boundaries(city)).distance.to_epsg() == city.distance_epsg
    assert city.distance_crs.is_projected


def test_records_are_frozen_and_shared() -> None:
    city = city_record("luoyang")
    assert city is city_record("410300")
    with pytest.raises(AttributeError):
        city.name = "x"  # type: ignore[misc]
    assert all_cities() == tuple(sorted(all_cities(), key=lambda c: c.adcode))


# --------------------------------------------------------------------------
# Broken data files: each problem names its file and row
# --------------------------------------------------------------------------


def _data_copy(tmp_path: Path) -> Path:
    (tmp_path / "cities").mkdir()
    for name in CITY_FILES:
        shutil.copy(DATA / "cities" / name, tmp_path / "cities" / name)
    shutil.copy(DATA / "population.csv", tmp_path / "population.csv")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_city_added_by_data_only(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    with (data / "cities" / "cities.csv").open("a", encoding="utf-8") as handle:
        handle.write("511500,宜宾市,Yibin,yibin,四川省,prefecture,,none,false,4544\n")
    with (data / "cities" / "units.csv").open("a", encoding="utf-8") as handle:
        handle.write("511500,511502,翠屏区,,Cuiping District,district,翠屏\n")
    city = city_record("Yibin", data_dir=data)
    assert city.unit_names == ("翠屏区",)
    assert city not in henan_cities(data_dir=data)


@pytest.mark.parametrize(
    ("name", "old", "new", "code"),
    [
        ("units.csv", ",county,", ",prefecture,", "cities.bad_value"),
        ("units.csv", "410300,410302,", "410300,410302x,", "cities.bad_value"),
        ("cities.csv", ",luohe,", ",luoyang,", "cities.duplicate"),
        ("cities.csv", "luoyang_census_bulletin", "no_such_source", "cities.no_census"),
        ("zones.csv", ",410305|410311,", ",410305|411102,", "cities.bad_value"),
        ("former_names.csv", "410307,偃师市", "999999,偃师市", "cities.bad_value"),
        ("cities.csv", "4546", "EPSG", "cities.bad_value"),
    ],
)
def test_bad_data_is_a_data_file_error(
    tmp_path: Path, name: str, old: str, new: str, code: str
) -> None:
    data = _data_copy(tmp_path)
    _edit(data / "cities" / name, old, new)
    with pytest.raises(DataFileError) as info:
        all_cities(data_dir=data)
    assert info.value.code == code
    assert error_text(info.value, "zh") and error_text(info.value, "en")


def test_missing_file(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    (data / "cities" / "zones.csv").unlink()
    with pytest.raises(DataFileError) as info:
        all_cities(data_dir=data)
    assert info.value.code == "file.not_found"


@pytest.mark.parametrize(
    ("city", "text", "unit"),
    [
        ("洛阳市", "涧西", "涧西区"),
        ("洛阳市", "瀍河回族区", "瀍河区"),
        ("洛阳市", "410307", "偃师区"),
        ("洛阳市", "洛阳高新技术产业开发区", "涧西区"),
        ("洛阳市", "伊滨", "偃师区"),
        ("洛阳市", "洛阳经开区", None),
        ("漯河市", "经开区", "召陵区"),
        ("漯河市", "高新区", None),
        ("漯河市", "Shaoling", "召陵区"),
        ("许昌市", "许昌县", "建安区"),
        ("许昌市", "涧西区", None),
    ],
)
def test_place_unit(city: str, text: str, unit: str | None) -> None:
    found = city_record(city).place_unit(text)
    assert (found.name if found else None) == unit


def test_every_raise_in_the_package_carries_a_code() -> None:
    import ast

    for path in (REPO / "geo_app" / "cities").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                name = getattr(node.exc.func, "id", "")
                if name.endswith("Error") and name != "KeyError":
                    keywords = {k.arg for k in node.exc.keywords}
                    assert "code" in keywords, f"{path.name}:{node.lineno}"


def test_no_city_chosen() -> None:
    from geo_app.cities import read_cities_boundaries
    from geo_app.errors import UsageError

    with pytest.raises(UsageError) as info:
        read_cities_boundaries([])
    assert info.value.code == "cities.none_chosen"
    assert city_record("luohe").label("en") == "Luohe"
