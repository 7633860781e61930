"""Header rows below title rows, merged cells, and the batch reader keeping its API."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from geo_app.batch import read_table
from geo_app.batch._table import frame_from_rows, read_table_rows
from geo_app.inventory import detect_header_row, detect_list_roles

TITLE_CASES = {
    "header-first": ([["名称", "地址"], ["甲孵化器", "洛龙区"]], 0),
    "attachment": (
        [
            ["附件1"],
            ["2023年洛阳市科技企业孵化器名单", "", ""],
            [],
            ["序号", "名称", "地址"],
            ["1", "甲", "乙"],
        ],
        3,
    ),
    "merged-title-filled": (
        [
            ["2023年名单", "2023年名单", "2023年名单"],
            ["序号", "载体名称", "类型"],
            ["1", "甲", "孵化器"],
        ],
        1,
    ),
    "one-column": ([["洛阳市众创空间"], ["名称"], ["甲众创空间"]], 1),
    "english": ([["List of carriers"], ["Name", "Address", "Type"], ["a", "b", "c"]], 1),
    "no-words": ([["说明"], ["甲", "乙", "丙"], ["1", "2", "3"]], 1),
}


@pytest.mark.parametrize("rows, expected", TITLE_CASES.values(), ids=list(TITLE_CASES))
def test_header_row_is_found_below_titles(rows: list[list[object]], expected: int) -> None:
    assert detect_header_row(rows) == expected


def test_title_rows_and_merged_cells_of_a_workbook(lists_dir: Path) -> None:
    rows, info = read_table_rows(lists_dir / "carriers_40_title.xlsx")
    assert info.header_row == 4
    assert rows[0][0] == "附件1"
    assert rows[1][0].startswith("洛阳市、漯河市创新载体清单")
    frame = frame_from_rows(rows, info.header_row - 1)
    # The address of row 15 is one merged cell with row 14's.
    by_name = frame.set_index("名称")
    assert by_name.loc["河科大众创空间", "地址"] == by_name.loc["中航联创(洛阳)创新中心", "地址"]
    assert by_name.loc["河科大众创空间", "地址"] == "洛阳市洛龙区炎黄青年数创社区"


def test_batch_reader_skips_title_rows_too(lists_dir: Path) -> None:
    frame, info = read_table(lists_dir / "carriers_40_title.xlsx")
    assert info.header_row == 4
    assert "名称" in frame.columns and "Unnamed: 1" not in frame.columns
    assert "名称" not in frame["名称"].tolist()  # the header is not a carrier
    assert frame["名称"].iloc[0] == "一、洛阳市"  # headings stay rows for the batch


def test_batch_reader_unchanged_for_a_plain_table(lists_dir: Path) -> None:
    frame, info = read_table(lists_dir / "carriers_40.csv")
    assert info.header_row == 1 and info.encoding == "utf-8"
    assert list(frame.columns)[:3] == ["序号", "名称", "类型"]
    assert len(frame) == 40


def test_gbk_csv_with_title_lines(tmp_path: Path) -> None:
    text = "附件2,,,\r\n2022年漯河市众创空间名单,,,\r\n,,,\r\n序号,名称,类型,地址\r\n1,甲众创空间,众创空间,漯河市源汇区\r\n"
    path = tmp_path / "名单.csv"
    path.write_bytes(text.encode("gbk"))
    frame, info = read_table(path)
    assert (info.header_row, info.encoding) == (4, "gbk")
    assert frame.to_dict("records") == [
        {"序号": "1", "名称": "甲众创空间", "类型": "众创空间", "地址": "漯河市源汇区"}
    ]


def test_leading_blank_rows_and_columns_of_a_sheet(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["B3"], sheet["C3"], sheet["B4"], sheet["C4"] = "名称", "区县", "甲孵化器", "涧西区"
    sheet["B5"] = "乙孵化器"
    sheet.merge_cells("C4:C5")
    path = tmp_path / "list.xlsx"
    book.save(path)
    frame, info = read_table(path)
    assert info.header_row == 3
    assert frame[["名称", "区县"]].values.tolist() == [
        ["甲孵化器", "涧西区"],
        ["乙孵化器", "涧西区"],
    ]


ROLE_CASES = {
    "issue-columns": (
        ["序号", "名称", "类型", "级别", "运营单位", "认定年份", "地址", "信息来源"],
        {"name": "名称", "type": "类型", "level": "级别", "operator": "运营单位",
         "year": "认定年份", "address": "地址", "source": "信息来源"},
    ),
    "attachment-words": (
        ["载体名称", "类别", "运营主体", "认定时间", "所在县区", "地市", "状态", "经度", "纬度", "坐标系"],
        {"name": "载体名称", "type": "类别", "operator": "运营主体", "year": "认定时间",
         "district": "所在县区", "city": "地市", "status": "状态", "lon": "经度", "lat": "纬度",
         "crs": "坐标系"},
    ),
    "specific-wins": (
        ["单位名称", "依托单位", "批次", "区县"],
        {"name": "单位名称", "operator": "依托单位", "year": "批次", "district": "区县"},
    ),
    "longest-word": (
        ["孵化器名称", "运营单位名称", "县(市、区)"],
        {"name": "孵化器名称", "operator": "运营单位名称", "district": "县(市、区)"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("columns, expected", ROLE_CASES.values(), ids=list(ROLE_CASES))
def test_column_roles(columns: list[str], expected: dict[str, str]) -> None:
    assert detect_list_roles(columns) == expected


GUARD_CASES = {
    # A header with one known word above a data row that is wider stays the header.
    "sparse-header": ([["名称", "", ""], ["甲", "乙", "丙"]], 0),
    # A data cell holding a role word (数据来源) is not taken for a header.
    "role-word-in-data": ([["foo", "bar"], ["1", "数据来源:科技局"]], 0),
    # No header words and no title: the first row, as before.
    "plain-data": ([["甲", "乙"], ["丙", "丁"]], 0),
}


@pytest.mark.parametrize("rows, expected", GUARD_CASES.values(), ids=list(GUARD_CASES))
def test_header_detection_keeps_plain_tables(rows: list[list[object]], expected: int) -> None:
    assert detect_header_row(rows) == expected
