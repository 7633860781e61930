"""Reading the public 40-row list in every form a planner receives it."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from geo_app.errors import DataFileError
from geo_app.inventory import (
    CANDIDATE_FIELDS,
    MAX_REVIEW_CHARS,
    CarrierList,
    read_carrier_list,
)
from geocoding.coords import wgs84_to_gcj02

#: What the list holds (counted by hand from tests/data/lists/carriers_40.csv): imported
#: as 洛阳市, 16 Luoyang incubation carriers, 3 national; read without a city, 5 of them
#: name no place at all (TITA众创空间 …) and stay without a city.
LUOYANG_INCUBATION = 16
LUOYANG_INCUBATION_NATIONAL = 3
LUOYANG_INCUBATION_NO_CITY = 5
LUOHE_ROWS = 8


def _core(frame: pd.DataFrame) -> pd.DataFrame:
    """The carriers without what depends on the file (labels, row numbers)."""
    return frame.drop(columns=["sources", "provenance", "extras"]).reset_index(drop=True)


def test_all_forms_read_the_same_carriers(any_form: CarrierList, plain: CarrierList) -> None:
    carriers = any_form.carriers.iloc[:40]  # the titled workbook adds three 许昌 rows
    assert list(carriers.columns) == list(CANDIDATE_FIELDS)
    reference = read_carrier_list(
        Path(__file__).resolve().parents[1] / "data" / "lists" / "carriers_40.csv", city="洛阳市"
    )
    pd.testing.assert_frame_equal(_core(carriers), _core(reference.carriers))
    assert carriers["name_zh"].iloc[0] == "洛阳国家大学科技园"
    assert "名称" not in set(carriers["name_zh"])


def test_header_title_roles_and_extras(titled: CarrierList) -> None:
    assert titled.header_row == 4
    assert titled.title == "附件1\n洛阳市、漯河市创新载体清单(据公开资料整理)"
    assert dict(titled.roles) == {
        "name": "名称", "type": "类型", "level": "级别", "operator": "运营单位",
        "year": "认定年份", "address": "地址", "source": "信息来源",
    }  # fmt: skip
    assert titled.extra_columns == ("序号", "信息来源", "备注")
    first = titled.carriers.iloc[0]
    assert first["extras"]["备注"].startswith("2014年9月认定")
    assert first["extras"]["信息来源"] == "http://www.lyusp.com/article-detail/971"
    assert first["extras"]["section"] == "一、洛阳市"  # the heading above the rows
    # Headings, the blank row and the closing note are not carriers.
    assert len(titled.carriers) == 43
    assert not titled.carriers["name_zh"].str.startswith(("一、", "二、", "三、", "注")).any()


def test_fields_keep_what_the_planner_needs(plain: CarrierList) -> None:
    row = plain.carriers.set_index("name_zh").loc["先进矿山装备专业化众创空间"]
    assert (row["level"], row["operator"], row["year"]) == (
        "national",
        "中信重工机械股份有限公司",
        2016,
    )
    assert row["provenance"]["level"] == "carriers_40.csv#22, column 级别"
    assert row["provenance"]["operator"] == "carriers_40.csv#22, column 运营单位"
    assert row["sources"] == "carriers_40.csv#22"
    assert row["origin"] == "list" and row["id"] == "" and row["status"] == "existing"


def test_provenance_names_file_row_and_column(titled: CarrierList) -> None:
    row = titled.carriers.set_index("name_zh").loc["周山智慧岛"]
    assert row["sources"] == "carriers_40_title.xlsx#31"
    assert row["provenance"]["admin_district"] == "carriers_40_title.xlsx#31, column 地址"
    assert row["provenance"]["name_zh"] == "carriers_40_title.xlsx#31, column 名称"


def test_source_label_replaces_the_file_name(lists_dir: Path) -> None:
    found = read_carrier_list(lists_dir / "carriers_40.csv", source_label="名单2023.csv")
    assert found.carriers["sources"].iloc[0] == "名单2023.csv#2"


def test_counts_of_the_list(any_form: CarrierList, plain: CarrierList) -> None:
    carriers = any_form.carriers.iloc[:40]
    luoyang_incubation = carriers[
        (carriers["city"] == "洛阳市") & (carriers["category"] == "incubator")
    ]
    assert len(luoyang_incubation) == LUOYANG_INCUBATION
    assert (luoyang_incubation["level"] == "national").sum() == LUOYANG_INCUBATION_NATIONAL
    assert (carriers["city"] == "漯河市").sum() == LUOHE_ROWS
    carriers = plain.carriers
    no_city = carriers[(carriers["city"] == "") & (carriers["category"] == "incubator")]
    assert len(no_city) == LUOYANG_INCUBATION_NO_CITY
    # Every kind of the list is recognised but the two laboratories (R&D platforms).
    assert sorted(carriers.loc[carriers["category"] == "", "name_zh"]) == [
        "中原食品实验室",
        "龙门实验室",
    ]


PLACES = {
    "洛阳北航科技园": ("洛阳市", "涧西区", "district"),  # 洛阳高新区
    "伊滨智慧岛": ("洛阳市", "偃师区", "district"),  # 伊滨区
    "周山智慧岛": ("洛阳市", "涧西区", "district"),  # 洛阳市高新区
    "偃师省级农业科技园区": ("洛阳市", "偃师区", "district"),  # 偃师市 (before 2021)
    "孟津县华阳产业集聚区": ("洛阳市", "孟津区", "district"),  # 孟津县 (before 2021)
    "宜阳永晖众创空间": ("洛阳市", "宜阳县", "district"),  # from the name
    "中关村环保科技示范园": ("漯河市", "召陵区", "district"),  # 漯河经济技术开发区
    "东城产业集聚区": ("漯河市", "", "city"),  # the registry knows it in 漯河市 only
    "沙澧高新区": ("漯河市", "", "city"),
    "洛阳留学人员创业园孵化器": ("洛阳市", "", "city"),
}


@pytest.mark.parametrize("name", list(PLACES))
def test_places_of_rows(titled: CarrierList, name: str) -> None:
    row = titled.carriers.set_index("name_zh").loc[name]
    assert (row["city"], row["admin_district"], row["precision"]) == PLACES[name]
    if row["precision"] == "city":
        assert math.isnan(row["lon"]) and math.isnan(row["lat"])
    else:
        assert 111.0 < row["lon"] < 115.0 and 33.0 < row["lat"] < 35.5


def test_rows_of_the_other_city_are_flagged_not_moved(titled: CarrierList) -> None:
    luohe = titled.carriers[titled.carriers["city"] == "漯河市"]
    assert len(luohe) == LUOHE_ROWS
    assert (luohe["review"] == "属漯河市,非洛阳市 / in 漯河市, not 洛阳市").all()


def test_rows_of_an_uncovered_city_are_kept_and_flagged(titled: CarrierList) -> None:
    xuchang = titled.carriers[titled.carriers["city"] == "许昌市"]
    assert list(xuchang["name_zh"]) == [
        "许昌魏都高新技术产业园",
        "许昌学院颍川众创空间",
        "长葛省级农业科技园区",
    ]
    assert xuchang["out_of_area"].all() and (xuchang["precision"] == "city").all()
    assert (xuchang["review"] == "许昌市不在覆盖范围 / 许昌市 not covered").all()
    assert not titled.carriers.loc[titled.carriers["city"] != "许昌市", "out_of_area"].any()


def test_review_reasons_are_short(any_form: CarrierList) -> None:
    reasons = any_form.carriers["review"]
    assert reasons.str.len().max() <= MAX_REVIEW_CHARS
    assert (reasons != "").sum() >= 2
    assert not reasons.str.contains("provider|not configured|Traceback").any()


def _coords_list(tmp_path: Path) -> Path:
    """Rows with a known site: a Luohe site in a list imported as 洛阳市, GCJ-02 and BD-09 cells."""
    lon, lat = 114.155664, 33.564721  # the representative point of 召陵区 (district_points.csv)
    gcj_lon, gcj_lat = wgs84_to_gcj02(112.33780, 34.622257)  # 涧西区's point, as AMap writes it
    text = (
        "名称,类型,经度,纬度,坐标系\n"
        f"漯河甲孵化器,孵化器,{lon},{lat},WGS84\n"
        f"洛阳乙众创空间,众创空间,{gcj_lon:.7f},{gcj_lat:.7f},高德\n"
        f"丙孵化器,孵化器,{lat},{lon},\n"
        "丁孵化器,孵化器,abc,34.6,\n"
    )
    path = tmp_path / "坐标.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_known_site_is_a_point(tmp_path: Path) -> None:
    carriers = read_carrier_list(_coords_list(tmp_path), city="洛阳市").carriers.set_index(
        "name_zh"
    )
    luohe = carriers.loc["漯河甲孵化器"]
    assert (luohe["city"], luohe["admin_district"], luohe["precision"]) == (
        "漯河市",
        "召陵区",
        "point",
    )
    assert luohe["review"] == "属漯河市,非洛阳市 / in 漯河市, not 洛阳市"
    amap = carriers.loc["洛阳乙众创空间"]
    assert amap["precision"] == "point" and amap["admin_district"] == "涧西区"
    assert abs(amap["lon"] - 112.33780) < 1e-6 and abs(amap["lat"] - 34.622257) < 1e-6
    swapped = carriers.loc["丙孵化器"]
    assert (swapped["city"], swapped["admin_district"]) == ("漯河市", "召陵区")
    bad = carriers.loc["丁孵化器"]
    assert bad["precision"] == "city" and bad["review"] == "经纬度无法识别 / lon/lat unreadable"


def test_without_a_city_each_row_finds_its_own(plain: CarrierList) -> None:
    carriers = plain.carriers.set_index("name_zh")
    assert carriers.loc["洛阳国家大学科技园", "city"] == "洛阳市"
    assert carriers.loc["漯河国家农业科技园区", "city"] == "漯河市"
    unknown = carriers[carriers["city"] == ""]
    assert (unknown["review"] == "城市未知 / city unknown").all()
    assert (unknown["precision"] == "none").all()


def test_a_recognition_list_title_gives_year_and_city(tmp_path: Path) -> None:
    path = tmp_path / "附件.csv"
    path.write_text(
        "2023年洛阳市科技企业孵化器名单,,\n序号,名称,运营单位\n1,甲孵化器,甲公司\n",
        encoding="utf-8",
    )
    found = read_carrier_list(path)
    row = found.carriers.iloc[0]
    assert (found.header_row, row["year"], row["city"]) == (2, 2023, "洛阳市")
    assert row["provenance"]["year"] == "附件.csv#title"


def test_a_list_without_a_name_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "no_name.csv"
    path.write_text("地址,类型\n洛阳市涧西区,孵化器\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_carrier_list(path)
    assert caught.value.code == "inventory.no_name_column" and caught.value.row == 1


def test_a_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as caught:
        read_carrier_list(tmp_path / "nothing.xlsx")
    assert caught.value.code == "file.not_found"


def test_planner_overrides_roles(lists_dir: Path) -> None:
    found = read_carrier_list(
        lists_dir / "carriers_40.csv", city="洛阳市", roles={"address": None, "status": "备注"}
    )
    assert "address" not in found.roles and found.roles["status"] == "备注"
    assert "地址" in found.extra_columns
    row = found.carriers.set_index("name_zh").loc["联东U谷"]
    assert row["status"] == "under_construction"  # 备注: 2022年在建
    assert row["address"] == "" and row["extras"]["地址"] == "洛阳市洛龙区"


@pytest.mark.parametrize(
    "roles, code",
    [({"colour": "名称"}, "table.unknown_role"), ({"name": "载体"}, "table.no_column_for_role")],
)
def test_a_bad_override_is_refused(lists_dir: Path, roles: dict[str, str], code: str) -> None:
    with pytest.raises(DataFileError) as caught:
        read_carrier_list(lists_dir / "carriers_40.csv", roles=roles)
    assert caught.value.code == code


CONFLICTS = (
    "名称,城市,所在县区,地址\n"
    "甲孵化器,洛阳市,郾城区,\n"
    "乙众创空间,洛阳市,,漯河市源汇区人民路\n"
    "丙孵化器,漯河市,涧西区,\n"
    "丁孵化器,,吉利区,\n"
    "戊孵化器,洛阳市,伊滨区,河南省洛阳市伊滨区\n"
)


def test_conflicting_places_get_one_short_reason(tmp_path: Path) -> None:
    path = tmp_path / "冲突.csv"
    path.write_text(CONFLICTS, encoding="utf-8")
    found = read_carrier_list(path, city="洛阳市")
    assert found.roles["city"] == "城市" and found.roles["district"] == "所在县区"
    rows = found.carriers.set_index("name_zh")
    assert rows["review"].to_dict() == {
        "甲孵化器": "郾城区不在洛阳市 / 郾城区 not in 洛阳市",
        "乙众创空间": "地址源汇区不在洛阳市 / address 源汇区 not in 洛阳市",
        "丙孵化器": "涧西区不在漯河市 / 涧西区 not in 漯河市",
        "丁孵化器": "",
        "戊孵化器": "",
    }
    # A conflicting district is not used: the row stays at its city.
    assert (
        rows.loc["甲孵化器", "admin_district"] == "" and rows.loc["甲孵化器", "precision"] == "city"
    )
    assert rows.loc["丁孵化器", "admin_district"] == "孟津区"  # 吉利区 since 2021
    assert rows.loc["戊孵化器", "admin_district"] == "偃师区"
    assert rows.loc["丁孵化器", "provenance"]["admin_district"] == "冲突.csv#5, column 所在县区"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk"])
def test_encodings_of_a_csv(tmp_path: Path, encoding: str) -> None:
    name = "䶮创众创空间" if encoding == "gb18030" else "甲众创空间"  # 䶮: not in GBK
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(f"附件1,,\n序号,名称,地址\n1,{name},洛阳市涧西区\n".encode(encoding))
    carriers = read_carrier_list(path).carriers
    assert carriers[["name_zh", "admin_district"]].values.tolist() == [[name, "涧西区"]]


def test_a_site_gives_a_row_without_a_city_its_city(tmp_path: Path) -> None:
    path = tmp_path / "sites.csv"
    path.write_text("名称,经度,纬度\n甲孵化器,114.155664,33.564721\n", encoding="utf-8")
    row = read_carrier_list(path).carriers.iloc[0]
    assert (row["city"], row["admin_district"], row["precision"], row["review"]) == (
        "漯河市",
        "召陵区",
        "point",
        "",
    )
    assert row["provenance"]["city"] == "sites.csv#2, columns 经度/纬度"


def test_empty_unnamed_columns_are_not_extras(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("名称,地址,,,\n甲孵化器,洛阳市涧西区,,,\n乙孵化器,,,x,\n", encoding="utf-8")
    found = read_carrier_list(path)
    assert found.extra_columns == ("Unnamed: 3",)
    assert found.carriers["extras"].tolist() == [{"Unnamed: 3": ""}, {"Unnamed: 3": "x"}]
