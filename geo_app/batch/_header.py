"""Finding a table's header and the role of each column.

Government attachments put title rows above the header (``附件1``,
``2023年洛阳市科技企业孵化器名单``, a merged title cell, blank rows):
:func:`detect_header_row` finds the header below them. Headers are matched
to roles (名称/name, 地址/address, 区县/district, 类型/type, 级别/level …)
after NFKC + case folding.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Final

import pandas as pd

from geo_app._cells import tidy_cell

__all__ = [
    "HEADER_SEARCH_ROWS",
    "LIST_ROLE_HEADERS",
    "ROLE_HEADERS",
    "detect_header_row",
    "fold_header",
    "frame_from_rows",
    "match_roles",
]


#: Header words per role, compared after NFKC + case folding; exact matches
#: first, then headers that contain a word (``孵化器名称`` -> name).
ROLE_HEADERS: Mapping[str, tuple[str, ...]] = {
    "name": ("名称", "名字", "单位名称", "载体名称", "机构名称", "name", "title"),
    "address": ("地址", "详细地址", "所在地", "address", "addr", "street"),
    "city": ("城市", "地市", "所在城市", "市", "city"),
    "district": ("区县", "县区", "所在区县", "行政区", "区域", "district", "county"),
    "category": ("类别", "类型", "分类", "载体类型", "category", "type", "kind"),
    "lon": ("经度", "lon", "lng", "long", "longitude", "x"),
    "lat": ("纬度", "lat", "latitude", "y"),
    "crs": ("坐标系", "坐标系统", "crs", "srs", "datum", "coordinate system"),
    # How exact a given coordinate is (this product's exports carry it): a
    # district or city representative point must not come back as an exact site.
    "precision": ("定位精度", "精度", "precision", "location precision"),
}

#: Header words of the further columns of a carrier list (a government
#: attachment): the kind, level, operator, year, status and source of each row.
LIST_ROLE_HEADERS: Mapping[str, tuple[str, ...]] = {
    "type": ("类型", "类别", "载体类型", "载体类别", "平台类型", "分类", "type", "kind", "category"),
    "level": ("级别", "等级", "层级", "认定级别", "载体级别", "level", "grade"),
    "operator": (
        "运营单位", "运营主体", "运营机构", "运营管理机构", "依托单位", "建设单位", "管理单位",
        "申报单位", "建设主体", "运营方", "operator", "operated by",
    ),
    "year": (
        "认定年份", "认定时间", "认定年度", "认定批次", "批次", "年份", "年度", "获批时间",
        "获批年份", "备案时间", "成立时间", "建成时间", "year",
    ),
    "status": ("状态", "建设状态", "运营状态", "建设情况", "status"),
    "source": ("信息来源", "来源", "数据来源", "出处", "资料来源", "source"),
}  # fmt: skip


def fold_header(text: str) -> str:
    """A header or cell folded for comparison: NFKC, case-folded, no spaces, no ``_-:``.

    Examples
    --------
    >>> fold_header(" Name "), fold_header("名称：")
    ('name', '名称')
    """
    return "".join(unicodedata.normalize("NFKC", text).casefold().split()).strip("_-:：")


def _role_of(key: str, words: Mapping[str, tuple[str, ...]]) -> tuple[str, int] | None:
    """The role a folded header names and how specific the match is (exact wins).

    Otherwise the longest word contained wins; of two as long, the one written
    first (``运营单位名称`` names the operator: ``运营单位`` before ``单位名称``).
    """
    best: tuple[str, int, int] | None = None
    for role, role_words in words.items():
        if key in role_words:
            return (role, 10_000)
        for word in role_words:
            if len(word) < 2 or word not in key:
                continue
            rank = (len(word), -key.index(word))
            if best is None or rank > (best[1], best[2]):
                best = (role, *rank)
    return None if best is None else (best[0], best[1])


def match_roles(columns: Sequence[str], words: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Role -> column, from header words (``words``: role -> its header words).

    A header equal to a word wins; otherwise the header containing the
    longest word (``运营单位名称`` is an operator, not a name). Each column
    plays one role, each role one column (the first, left to right); the
    result is in column order.

    Examples
    --------
    >>> match_roles(["序号", "孵化器名称", "运营单位名称"], {"name": ("名称",), "operator": ("运营单位",)})
    {'name': '孵化器名称', 'operator': '运营单位名称'}
    """
    scored: list[tuple[int, int, str, str]] = []
    for position, column in enumerate(columns):
        found = _role_of(fold_header(str(column)), words)
        if found is not None:
            scored.append((-found[1], position, found[0], column))
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for _, _, role, column in sorted(scored):
        if role not in chosen and column not in used:
            chosen[role] = column
            used.add(column)
    order = {column: i for i, column in enumerate(columns)}
    return dict(sorted(chosen.items(), key=lambda item: order[item[1]]))


#: How far down a header is looked for (title rows are a handful at most).
HEADER_SEARCH_ROWS: Final[int] = 30
_HEADER_WORDS: Mapping[str, tuple[str, ...]] = {**ROLE_HEADERS, **LIST_ROLE_HEADERS}


def _header_hits(row: Sequence[object], words: Mapping[str, tuple[str, ...]]) -> int:
    """How many distinct cells of ``row`` name a role."""
    cells = {fold_header(str(c)) for c in row if str(c).strip()}
    return sum(1 for cell in cells if cell and _role_of(cell, words) is not None)


def detect_header_row(
    rows: Sequence[Sequence[object]], words: Mapping[str, tuple[str, ...]] | None = None
) -> int:
    """The 0-based row holding the header, below any title rows.

    The header is the first of the first rows in which two different cells
    name a column role (``名称``, ``地址``, ``类型``, ``级别`` …). Failing that,
    title rows (at most one distinct filled cell: ``附件1``, a merged title)
    are skipped: the header is the first row naming one role among them and
    the first row with two filled cells, else that row; else row 0.

    Examples
    --------
    >>> detect_header_row([["附件1"], ["2023年洛阳市科技企业孵化器名单", "", ""], [],
    ...                    ["序号", "名称", "地址"], ["1", "甲孵化器", "洛龙区"]])
    3
    >>> detect_header_row([["名称", "地址"], ["甲", "乙"]])
    0
    >>> detect_header_row([["洛阳市众创空间"], ["名称"], ["甲众创空间"]])
    1
    """
    words = words or _HEADER_WORDS
    head = [list(r) for r in rows[:HEADER_SEARCH_ROWS]]
    hits = [_header_hits(r, words) for r in head]
    for i, n in enumerate(hits):
        if n >= 2:
            return i
    filled = [len({str(c).strip() for c in r if str(c).strip()}) for r in head]
    first_wide = next((i for i, n in enumerate(filled) if n >= 2), None)
    # A role word counts only up to the first wide row: below it a data cell
    # (数据来源:…) may contain one.
    last = first_wide if first_wide is not None else len(head) - 1
    for i in range(last + 1):
        if hits[i] >= 1:
            return i
    return first_wide or 0


def frame_from_rows(rows: Sequence[Sequence[str]], header: int) -> pd.DataFrame:
    """The table below row ``header`` (0-based) with that row's cells as column names.

    Empty header cells become ``Unnamed: <i>`` and repeated ones ``名称.1``
    (pandas' own rule); blank rows are dropped; the index keeps each row's
    position in ``rows``.

    Examples
    --------
    >>> frame_from_rows([["2023年名单"], ["名称", "地址", ""], ["甲", "乙"], []], 1)
       名称 地址 Unnamed: 2
    2  甲  乙
    """
    body = [list(r) for r in rows[header + 1 :]]
    width = max([len(rows[header]), *(len(r) for r in body)])
    names: list[str] = []
    for i in range(width):
        cell = tidy_cell(str(rows[header][i])) if i < len(rows[header]) else ""
        name = cell or f"Unnamed: {i}"
        base, k = name, 0
        while name in names:
            k += 1
            name = f"{base}.{k}"
        names.append(name)
    index = [header + 1 + i for i, r in enumerate(body) if any(str(c).strip() for c in r)]
    data = [[*map(str, rows[i]), *[""] * (width - len(rows[i]))][:width] for i in index]
    return pd.DataFrame(data, columns=names, index=index, dtype=object)
