"""The places table: districts, former names and functional zones, and reading a text's place."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo_app.inventory import Place, place_rows, resolve_place

DATA = Path(__file__).resolve().parents[2] / "data"


def test_districts_are_those_of_the_boundaries() -> None:
    with (DATA / "district_points.csv").open(encoding="utf-8", newline="") as handle:
        shipped = {
            (r["city"], r["admin_district"]) for r in csv.DictReader(handle) if r["admin_district"]
        }
    table = {(r.city, r.name) for r in place_rows() if r.kind == "district"}
    assert table == shipped and len(table) == 19


def test_every_mapping_names_a_district_of_its_city_and_a_source() -> None:
    districts = {(r.city, r.name) for r in place_rows() if r.kind == "district"}
    for row in place_rows():
        assert row.source, row
        if row.admin_district:
            assert (row.city, row.admin_district) in districts, row
        else:
            # A zone left at city level says why.
            assert row.kind == "functional_zone" or row.kind == "former_name", row
            assert row.note, row


def test_places_table_is_built_from_the_city_records() -> None:
    from geo_app.cities import shipped_cities

    zones = {(c.name, z.name) for c in shipped_cities() for z in c.zones}
    former = {(c.name, f.name) for c in shipped_cities() for u in c.units for f in u.former_names}
    rows = {(r.city, r.name) for r in place_rows()}
    assert zones <= rows and former <= rows
    assert ("漯河市", "西城区") in zones  # one record of 漯河's functional zones


CASES = {
    "hi-tech-zone-in-address": ("洛阳市高新区丰华路", None, ("洛阳市", "涧西区", "")),
    "hi-tech-zone-full-name": ("洛阳高新技术产业开发区", None, ("洛阳市", "涧西区", "")),
    "yibin": ("洛阳市伊滨区", None, ("洛阳市", "偃师区", "")),
    "yibin-with-hint": ("伊滨区", "洛阳市", ("洛阳市", "偃师区", "")),
    "jili": ("洛阳市吉利区", None, ("洛阳市", "孟津区", "")),
    "mengjin-county": ("孟津县华阳产业集聚区", None, ("洛阳市", "孟津区", "")),
    "yanshi-city": ("偃师市", None, ("洛阳市", "偃师区", "")),
    "chanhe-full-name": ("洛阳市瀍河回族区", None, ("洛阳市", "瀍河区", "")),
    "short-district": ("涧西长春路", None, ("洛阳市", "涧西区", "")),
    "street-named-after-city": ("洛阳市涧西区长春路12号", None, ("洛阳市", "涧西区", "")),
    "luohe-econ-zone": ("漯河经济技术开发区", None, ("漯河市", "召陵区", "")),
    "econ-zone-in-luohe": ("漯河市经开区", None, ("漯河市", "召陵区", "")),
    "shali-stays-city": ("漯河市沙澧高新区", None, ("漯河市", "", "")),
    "luoyang-econ-zone-stays-city": ("洛阳经开区", None, ("洛阳市", "", "")),
    "generic-zone-by-hint": ("高新区", "洛阳市", ("洛阳市", "涧西区", "")),
    "other-city": ("漯河市郾城区", "洛阳市", ("漯河市", "郾城区", "other_city")),
    "district-not-in-city": ("洛阳市郾城区", None, ("洛阳市", "", "district_not_in_city")),
    "uncovered-city": ("许昌市魏都区", "洛阳市", ("许昌市", "", "uncovered_city")),
    "uncovered-county-city": ("长葛市", "洛阳市", ("许昌市", "", "uncovered_city")),
    "nothing": ("王城校区", "洛阳市", ("洛阳市", "", "")),
}


@pytest.mark.parametrize("text, hint, expected", CASES.values(), ids=list(CASES))
def test_resolve_place(text: str, hint: str | None, expected: tuple[str, str, str]) -> None:
    place = resolve_place(text, city_hint=hint)
    assert (place.city, place.admin_district, place.reason) == expected


def test_matched_words_are_reported() -> None:
    assert resolve_place("洛阳市吉利区") == Place("洛阳市", "孟津区", ("洛阳市", "吉利区"), "")


GAZETTEER_CASES = {
    "yibin": ("伊滨区某孵化器", "洛阳市", ("洛阳市", "偃师区")),
    "jili": ("洛阳市吉利区某众创空间", None, ("洛阳市", "孟津区")),
    "luohe-econ-zone": ("漯河市经开区某孵化器", None, ("漯河市", "召陵区")),
    "hi-tech-zone": ("高新区某众创空间", "洛阳市", ("洛阳市", "涧西区")),
    "shali-stays-city": ("沙澧某众创空间", "漯河市", ("漯河市", "")),
}


@pytest.mark.parametrize(
    "query, city, expected", GAZETTEER_CASES.values(), ids=list(GAZETTEER_CASES)
)
def test_the_gazetteer_reads_the_same_table(
    query: str, city: str | None, expected: tuple[str, str]
) -> None:
    from geocoding.gazetteer import Gazetteer

    found = Gazetteer.from_data_dir(DATA).geocode(query, city=city)
    assert found is not None
    assert (found.raw["city"], found.raw["district"]) == expected


def test_an_uncovered_city_written_wins_over_a_zone_name() -> None:
    assert resolve_place("北京市西城区").reason == "uncovered_city"
    found = resolve_place("漯河市西城区")  # 漯河 has a functional zone 西城区
    assert (found.city, found.admin_district, found.reason) == ("漯河市", "", "")
    assert resolve_place("许昌市郾城区") == Place(
        "许昌市", "", ("许昌市", "郾城区"), "district_not_in_city"
    )
