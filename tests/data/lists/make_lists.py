"""Write the variants of ``carriers_40.csv`` the inventory tests read.

Run from the repository root: ``.venv/bin/python tests/data/lists/make_lists.py``.
The variants are committed; this script documents how they were made.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).parent
MASTER = HERE / "carriers_40.csv"

#: Rows of a city the workspace does not cover (许昌市), as published.
XUCHANG = [
    ["41", "许昌魏都高新技术产业园", "科技企业孵化器", "国家级", "许昌魏都高新技术产业园有限公司",
     "2021", "许昌市魏都区", "http://xcppc.com/html/fhjd/4284.html", ""],
    ["42", "许昌学院颍川众创空间", "众创空间", "省级", "许昌学院", "2016", "许昌学院",
     "http://5taoee.com/2017-01/05/content_9267436.htm", ""],
    ["43", "长葛省级农业科技园区", "农业科技园区", "省级", "", "2022", "长葛市",
     "https://www.ice99.com/agriculture/5834499.html", ""],
]  # fmt: skip


def _rows() -> list[list[str]]:
    with MASTER.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_gbk(rows: list[list[str]]) -> None:
    with (HERE / "carriers_40_gbk.csv").open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def write_xlsx(rows: list[list[str]]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "名单"
    for row in rows:
        sheet.append([int(c) if c.isdigit() and len(c) == 4 else c for c in row])
    book.save(HERE / "carriers_40.xlsx")


def write_titled_xlsx(rows: list[list[str]]) -> None:
    """A government attachment: 附件 line, merged title, blank row, headings, merged cells."""
    header, body = rows[0], rows[1:] + XUCHANG
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    width = len(header)
    sheet.append(["附件1"])
    sheet.append(["洛阳市、漯河市创新载体清单(据公开资料整理)"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.cell(2, 1).font = Font(bold=True, size=16)
    sheet.cell(2, 1).alignment = Alignment(horizontal="center")
    sheet.append([])
    sheet.append(header)
    headings = {"1": "一、洛阳市", "33": "二、漯河市", "41": "三、其他城市"}
    merged_from = None
    for row in body:
        if row[0] in headings:
            sheet.append([headings[row[0]]])
            sheet.merge_cells(
                start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width
            )
        cells: list[object] = [int(c) if c.isdigit() and len(c) == 4 else c for c in row]
        if row[0] == "15":
            # The address is one merged cell with the row above (same place).
            cells[6] = None
            merged_from = sheet.max_row
        sheet.append(cells)
    if merged_from is not None:
        sheet.merge_cells(
            start_row=merged_from, start_column=7, end_row=merged_from + 1, end_column=7
        )
    sheet.append([])
    sheet.append(["注:名称、类型、级别按信息来源所载填写。"])
    book.save(HERE / "carriers_40_title.xlsx")


def main() -> None:
    rows = _rows()
    write_gbk(rows)
    write_xlsx(rows)
    write_titled_xlsx(rows)


if __name__ == "__main__":
    main()
