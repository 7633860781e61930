"""Modules that need a city ask its City record: CLI parsing, export names, places, batch cells."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import cast

import pytest

from geo_app.batch._rows import _known_city, _known_district
from geo_app.cities import city_record, shipped_cities
from geo_app.cli_parsers import parse_cities
from geo_app.errors import UnknownCityError, UsageError
from geo_app.exports import export_filename
from geo_app.inventory import place_rows, resolve_place
from geo_app.model import CITIES, CITY_LABELS
from geocoding.chain import GeocoderChain


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("洛阳市", ["洛阳市"]),
        ("洛阳", ["洛阳市"]),
        ("Luoyang", ["洛阳市"]),
        ("luohe", ["漯河市"]),
        ("411100", ["漯河市"]),
        ("许昌", ["许昌市"]),
        ("xuchang", ["许昌市"]),
        ("all", ["洛阳市", "漯河市"]),
    ],
    ids=lambda v: str(v),
)
def test_a_city_option_is_read_by_the_records(value: str, expected: list[str]) -> None:
    assert parse_cities(value) == expected


def test_an_unknown_city_option_names_the_shipped_cities() -> None:
    with pytest.raises(UsageError) as caught:
        parse_cities("北京")
    assert caught.value.code == "cli.city_unknown"
    assert caught.value.text("zh") == "未知城市 “北京”:请使用 洛阳市、漯河市 或 all"


def test_the_vocabulary_derives_from_the_records() -> None:
    assert tuple(c.name for c in shipped_cities()) == CITIES == ("洛阳市", "漯河市")
    assert CITY_LABELS["漯河市"] == {"zh": "漯河市", "en": "Luohe"}
    assert CITY_LABELS["许昌市"]["en"] == "Xuchang"


def test_export_names_take_the_city_slug() -> None:
    day = dt.date(2026, 1, 2)
    assert (
        export_filename("洛阳市", "carriers", "csv", day=day) == "luoyang_carriers_2026-01-02.csv"
    )
    assert export_filename("许昌市", "map", "html", day=day) == "xuchang_map_2026-01-02.html"
    assert export_filename(None, "map", "html", day=day) == "all_map_2026-01-02.html"
    with pytest.raises(UnknownCityError):  # no silent "custom" file name
        export_filename("Atlantis", "map", "html", day=day)


def test_places_of_an_added_city_come_from_its_record() -> None:
    xuchang = city_record("许昌市")
    rows = place_rows((*shipped_cities(), xuchang))
    found = resolve_place("许昌市魏都区七一路", places=rows)
    assert (found.city, found.admin_district, found.reason) == ("许昌市", "魏都区", "")
    assert resolve_place("许昌县", city_hint="许昌市", places=rows).admin_district == "建安区"
    # Without the added city the same text stays uncovered.
    assert resolve_place("许昌市魏都区七一路").reason == "uncovered_city"


def _chain(cities: set[str], names: list[str]) -> GeocoderChain:
    index = SimpleNamespace(city_geometries=dict.fromkeys(cities), names=names)
    return cast(GeocoderChain, SimpleNamespace(area_index=index))


def test_batch_cells_are_completed_by_the_records() -> None:
    chain = _chain({"洛阳市", "许昌市"}, ["涧西区", "嵩县", "禹州市", "魏都区"])
    assert _known_city("luoyang", chain) == "洛阳市"
    assert _known_city("411000", chain) == "许昌市"
    assert _known_city("漯河", chain) == "漯河"  # not in these boundaries: as written
    assert _known_district("涧西", chain) == "涧西区"
    assert _known_district("嵩县", chain) == "嵩县"
    assert _known_district("禹州", chain) == "禹州市"
    assert _known_district("某区", chain) == "某区"
