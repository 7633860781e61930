"""Batch import: encodings, column roles, given coordinates, review and corrections."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from geo_app.batch import (
    ColumnRoles,
    apply_review_edits,
    detect_columns,
    geocode_file,
    read_table,
)
from geo_app.errors import DataFileError
from geocoding.chain import GeocoderChain
from geocoding.check import AreaIndex
from geocoding.coords import gcj02_to_wgs84, wgs84_to_bd09, wgs84_to_gcj02
from geocoding.providers import build_chain

if TYPE_CHECKING:
    from conftest import ProviderServer

HEADER = "序号,孵化器名称,详细地址,所在区县,类别\n"
ROWS = [
    "1,洛阳国家大学科技园,洛阳市涧西区丽春西路,涧西区,大学科技园\n",
    "2,𠀾𠀾众创空间,洛阳市西工区中州中路,,众创空间\n",  # 𠀾 exists in GB18030, not in GBK
]


def write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "expected", "rows"),
    [
        ("utf-8", "utf-8", ROWS),
        ("utf-8-sig", "utf-8-sig", ROWS),
        ("gbk", "gbk", ROWS[:1]),
        ("gb18030", "gb18030", ROWS),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030"],
)
def test_encodings_are_detected(
    tmp_path: Path, encoding: str, expected: str, rows: list[str]
) -> None:
    path = write(tmp_path / "list.csv", HEADER + "".join(rows), encoding)
    frame, info = read_table(path)
    assert info.encoding == expected
    assert list(frame.columns) == ["序号", "孵化器名称", "详细地址", "所在区县", "类别"]
    assert frame.iloc[0]["孵化器名称"] == "洛阳国家大学科技园"
    if len(rows) > 1:
        assert frame.iloc[1]["孵化器名称"].startswith("𠀾")


def test_semicolon_and_tab_separated(tmp_path: Path) -> None:
    for sep in (";", "\t"):
        path = write(tmp_path / "t.csv", f"name{sep}address\nA{sep}B\n", "utf-8")
        assert list(read_table(path)[0].columns) == ["name", "address"]


def test_xlsx_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    pd.DataFrame({"名称": ["伊滨科技城"], "经度": [112.75], "纬度": [34.62]}).to_excel(
        path, index=False
    )
    frame, info = read_table(path)
    assert info.encoding is None and info.sheet == "Sheet1"
    assert frame.iloc[0]["名称"] == "伊滨科技城" and frame.iloc[0]["经度"] == "112.75"


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        read_table(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00\xd8" * 3 + b"\x81")
    with pytest.raises(DataFileError):
        read_table(bad)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["名称", "地址", "区县", "类别", "经度", "纬度", "坐标系"],
            ColumnRoles("名称", "地址", None, "区县", "类别", "经度", "纬度", "坐标系"),
        ),
        (
            ["Name", "Address", "District", "Category", "Longitude", "Latitude", "CRS"],
            ColumnRoles(
                "Name", "Address", None, "District", "Category", "Longitude", "Latitude", "CRS"
            ),
        ),
        (
            ["单位名称", "所在城市", "经度(GCJ-02)", "纬度(GCJ-02)"],
            ColumnRoles(name="单位名称", city="所在城市", lon="经度(GCJ-02)", lat="纬度(GCJ-02)"),
        ),
        (["lng", "lat", "title"], ColumnRoles(name="title", lon="lng", lat="lat")),
    ],
    ids=["chinese", "english", "decorated", "short"],
)
def test_column_roles_are_detected(columns: list[str], expected: ColumnRoles) -> None:
    assert detect_columns(columns) == expected


def test_column_override() -> None:
    roles = detect_columns(["名称", "地点", "备注"], {"address": "地点", "category": "备注"})
    assert (roles.address, roles.category) == ("地点", "备注")
    moved = detect_columns(["名称", "地址"], {"address": "名称", "name": "地址"})
    assert (moved.name, moved.address) == ("地址", "名称")
    with pytest.raises(DataFileError, match="no column named"):
        detect_columns(["名称"], {"address": "地点"})
    with pytest.raises(DataFileError, match="unknown column role"):
        detect_columns(["名称"], {"colour": "名称"})
    with pytest.raises(DataFileError, match="no name, address or lon/lat"):
        detect_columns(["序号", "备注"])


@pytest.fixture
def offline_chain(area_index: AreaIndex) -> GeocoderChain:
    return build_chain(["gazetteer"], settings=_no_cache(), area_index=area_index)


def _no_cache():  # type: ignore[no-untyped-def]
    from geocoding.providers import GeocoderSettings

    return GeocoderSettings(use_cache=False)


def test_given_coordinates_are_converted_checked_and_reported(
    tmp_path: Path, offline_chain: GeocoderChain
) -> None:
    lon, lat = 112.4539, 34.6197  # WGS-84, 洛龙区 / 西工区 area
    glon, glat = wgs84_to_gcj02(lon, lat)
    blon, blat = wgs84_to_bd09(lon, lat)
    rows = [
        ("wgs", f"{lon}", f"{lat}", "WGS84"),
        ("gcj", f"{glon:.8f}", f"{glat:.8f}", "GCJ-02"),
        ("bd", f"{blon:.8f}", f"{blat:.8f}", "百度"),
        ("swapped", f"{lat}", f"{lon}", ""),
        ("paris", "2.35", "48.86", ""),
        ("zhejiang", "122.2", "29.98", "wgs84"),
        ("bad", "abc", "34.6", ""),
        ("utm", "112.4", "34.6", "UTM 49N"),
    ]
    text = "名称,经度,纬度,坐标系\n" + "".join(",".join(r) + "\n" for r in rows)
    path = write(tmp_path / "coords.csv", text, "gbk")
    result = geocode_file(path, chain=offline_chain)
    by_name = {o.name: o for o in result.outcomes}
    for name in ("wgs", "gcj", "bd", "swapped"):
        o = by_name[name]
        assert o.status == "given" and o.city == "洛阳市"
        assert (o.lon, o.lat) == pytest.approx((lon, lat), abs=1e-7)
    assert by_name["gcj"].crs == "GCJ-02" and by_name["gcj"].original == pytest.approx((glon, glat))
    assert "swapped" in by_name["swapped"].reason
    assert by_name["paris"].status == "out_of_china"
    assert by_name["zhejiang"].status == "out_of_area"
    assert by_name["bad"].status == "invalid_coordinate"
    assert by_name["utm"].status == "invalid_coordinate" and "UTM" in by_name["utm"].reason
    assert set(result.layer["name"]) == {"wgs", "gcj", "bd", "swapped"}
    assert result.layer.crs.to_epsg() == 4326
    assert set(result.review["status"]) == {"out_of_china", "out_of_area", "invalid_coordinate"}


def test_geocoded_rows_review_and_corrections(
    server: ProviderServer, area_index: AreaIndex, tmp_path: Path
) -> None:
    chain = build_chain(["amap"], settings=server.settings(), area_index=area_index)
    text = (
        "名称,地址,区县\n"
        "卓阳科技产业社区,洛阳市涧西区卓阳路,\n"
        "DISTRICTLEVEL 众创空间,,\n"
        "Zhoushan smart island,,\n"
        "QUOTA 孵化器,,\n"
        "NORESULT 空间,,\n"
    )
    path = write(tmp_path / "list.csv", text, "utf-8-sig")
    seen: list[tuple[int, int]] = []
    result = geocode_file(
        path, chain=chain, default_city="洛阳市", progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    status = [o.status for o in result.outcomes]
    assert status == ["ok", "low_precision", "rejected", "error", "not_found"]
    assert result.precision_mix() == {
        "district": 1,
        "error": 1,
        "not_found": 1,
        "point": 1,
        "rejected": 1,
    }
    review = result.review
    assert list(review["status"]) == ["low_precision", "rejected", "error", "not_found"]
    zhoushan = review[review["status"] == "rejected"].iloc[0]
    assert "outside the expected area" in zhoushan["reason"]
    assert "(outside area)" in zhoushan["candidates"]
    assert "quota" in review[review["status"] == "error"].iloc[0]["reason"].lower()
    assert len(result.layer) == 2  # the point and the district-level row (flagged)
    # a coarse answer for the address makes the chain try the name as well
    retry = write(tmp_path / "retry.csv", "名称,地址\n某众创空间,DISTRICTLEVEL 洛龙区\n", "utf-8")
    server.reset()
    again = geocode_file(retry, chain=chain, default_city="洛阳市")
    assert again.outcomes[0].status == "ok" and again.outcomes[0].precision == "point"
    assert server.texts() == ["DISTRICTLEVEL 洛龙区", "某众创空间"]
    assert len(again.outcomes[0].candidates) == 2

    edits = pd.DataFrame(
        {
            "row": [6, 3, 5],
            "pick": ["", "1", ""],
            "new_lon": ["112.40", "", "abc"],
            "new_lat": ["34.66", "", "34.6"],
            "new_crs": ["GCJ-02", "", ""],
        }
    )
    fixed = apply_review_edits(result, edits)
    corrected = {o.row: o for o in fixed.outcomes}
    assert corrected[6].status == "corrected" and corrected[6].source == "typed by the planner"
    assert (corrected[6].lon, corrected[6].lat) == pytest.approx(gcj02_to_wgs84(112.40, 34.66))
    assert corrected[6].original == (112.40, 34.66) and corrected[6].crs == "GCJ-02"
    assert corrected[3].status == "corrected" and corrected[3].precision == "district"
    assert corrected[3].source == "candidate picked by the planner"
    assert corrected[4].status == "rejected" and corrected[4].lon is None  # untouched
    assert corrected[5].status == "error" and "not a number" in corrected[5].reason
    assert len(fixed.layer) == 3


def test_pick_a_rejected_candidate_is_explicit(
    server: ProviderServer, area_index: AreaIndex, tmp_path: Path
) -> None:
    chain = build_chain(["amap"], settings=server.settings(), area_index=area_index)
    path = write(tmp_path / "z.csv", "名称\nZhoushan smart island\n", "utf-8")
    result = geocode_file(path, chain=chain, default_city="洛阳市")
    label = result.review.iloc[0]["candidates"]
    fixed = apply_review_edits(result, pd.DataFrame({"row": [2], "pick": [label]}))
    o = fixed.outcomes[0]
    assert o.status == "corrected" and o.lon is not None and o.lon > 121.5
    assert "outside the expected area" in o.reason  # the planner sees why


def test_city_and_district_names_are_completed(
    tmp_path: Path, offline_chain: GeocoderChain, area_index: AreaIndex
) -> None:
    jianxi = area_index.area(city="洛阳市", district="涧西区")
    assert jianxi is not None
    p = jianxi.representative_point()
    text = (
        "name,city,district,lon,lat\n"
        f"a,Luoyang,涧西,{p.x},{p.y}\n"
        f"b,洛阳,伊滨区,{p.x},{p.y}\n"  # a functional zone: checked by its city
        f"c,洛阳市,老城区,{p.x},{p.y}\n"  # wrong district
    )
    result = geocode_file(write(tmp_path / "d.csv", text, "utf-8"), chain=offline_chain)
    a, b, c = result.outcomes
    assert (a.city, a.district, a.status) == ("洛阳市", "涧西区", "given")
    assert (b.city, b.status) == ("洛阳市", "given")
    assert c.status == "out_of_area" and "老城区" in c.reason


def test_an_exported_list_reimported_keeps_its_approximate_points_approximate(
    tmp_path: Path, offline_chain: GeocoderChain
) -> None:
    """The app's own CSV export carries lon/lat of district points: they stay district points."""
    from geo_app.config import Settings
    from geo_app.exports import csv_bytes
    from geo_app.pipeline import load_carriers

    placed = load_carriers(Settings.from_env()).placed
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(placed))
    result = geocode_file(path, chain=offline_chain)
    assert detect_columns(list(pd.read_csv(path, nrows=0).columns)).precision == "precision"
    layer = result.layer
    assert len(layer) == len(placed)
    assert set(layer["precision"]) == set(placed["precision"]) == {"district", "city"}
    assert not (layer["precision"] == "point").any()
    assert set(result.review["status"]) == {"low_precision"}
