"""The registry and the planned counts against the plan documents."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from geo_app.errors import DataFileError
from geo_app.model import CARRIER_COLUMNS, Category, Status
from geo_app.registry import read_registry, read_targets, split_list

#: Every carrier named in the documents' sections on carriers, by document prefix.
EXPECTED = {
    "000": [
        "联东U谷·洛阳光电科技产业社区",
        "炎黄青年数创科技产业社区",
        "卓阳科技产业社区",
        "智能制造及大数据科技产业社区",
        "生命健康科技产业社区",
        "硅巷数字经济科技产业社区",
        "双碳科技产业社区",
        "洛阳古都科技产业社区",
        "周山双创智慧岛",
        "中欧(洛阳)科创国际合作产业园",
        "嵩县生物医药产业园",
        "伊滨科技城",
        "洛阳高新区",
        "飞地孵化器",
    ],
    "001": ["周山双创智慧岛", "伊滨智慧岛", "伊滨科技城", "洛阳高新区", "洛阳经开区"],
    "002": [
        "沙澧产业集聚区",
        "沙澧高新区",
        "东城产业集聚区",
        "淞江产业集聚区",
        "舞阳产业集聚区",
        "国家级农业科技园区",
        "宠物经济园区",
        "流体智慧产业园",
        "绿色盐化工工业生态园区",
        "临港产业园",
    ],
    "003": ["洛阳高新区"],
    "004": [
        "中国(河南)自由贸易试验区洛阳片区",
        "郑洛新国家自主创新示范区洛阳片区",
        "瓜达尔洛阳自由贸易产业园区",
        "洛阳—布哈拉农业自由贸易示范区",
    ],
}

#: Mentions of a carrier suffix that name no carrier, with the reason.
GENERIC = {
    "000": [
        "提升科技产业社区",
        "科技产业园区、科技产业社区",
        "+科技产业社区+智慧岛",
        "青年创业园",
        "“双创”载体省2号智慧岛",
        "建设科技产业社区不少于20家",
    ],
    "001": ["科技产业社区建设试点"],
    "002": ["协调各类产业园", "提升工程和产业集聚区", "省级高新区和产业集聚区为重点"],
    "003": ["智慧岛建设的“ 洛阳样板”"],
    "004": ["农产品物流园", "特色产业集聚区"],
}

#: The carrier suffixes whose every occurrence is accounted for.
SUFFIXES = ("科技产业社区", "智慧岛", "产业园", "产业集聚区", "科技城")

#: In file 001, the news about other cities starts here; nothing after it is Luoyang's.
NEWS_START = "衡阳高新区"


def _names(registry: pd.DataFrame) -> set[str]:
    names = set(registry["name_zh"])
    for aliases in registry["aliases"]:
        names.update(split_list(aliases))
    return names


def _doc(seed_docs: dict[str, str], prefix: str) -> tuple[str, str]:
    name = next(n for n in seed_docs if n.startswith(prefix))
    return name, seed_docs[name]


def test_registry_columns_and_values(registry: pd.DataFrame) -> None:
    assert tuple(registry.columns) == CARRIER_COLUMNS
    assert set(registry["category"]) <= {c.value for c in Category}
    assert set(registry["status"]) <= {s.value for s in Status}
    assert registry["id"].is_unique
    assert all(re.fullmatch(r"L[YH]-(COM|ISL|INC|PRK|ZON)-\d{2}", i) for i in registry["id"])
    assert set(registry["category"]) == {c.value for c in Category}


@pytest.mark.parametrize("prefix", sorted(EXPECTED), ids=lambda p: f"doc-{p}")
def test_registry_holds_every_named_carrier(registry: pd.DataFrame, prefix: str) -> None:
    names = _names(registry)
    for expected in EXPECTED[prefix]:
        assert any(expected == n or expected in n for n in names), expected


@pytest.mark.parametrize("prefix", sorted(EXPECTED), ids=lambda p: f"doc-{p}")
def test_expected_names_are_in_the_documents(seed_docs: dict[str, str], prefix: str) -> None:
    _, text = _doc(seed_docs, prefix)
    for expected in EXPECTED[prefix]:
        assert expected in text, expected


def test_every_phrase_is_verbatim_in_its_document(
    registry: pd.DataFrame, seed_docs: dict[str, str]
) -> None:
    for _, row in registry.iterrows():
        files, phrases = split_list(row["source_files"]), split_list(row["source_phrases"])
        assert files, row["id"]
        for file, phrase in zip(files, phrases, strict=True):
            assert file in seed_docs, (row["id"], file)
            assert phrase in seed_docs[file], (row["id"], phrase)


@pytest.mark.parametrize("prefix", sorted(GENERIC), ids=lambda p: f"doc-{p}")
def test_every_suffix_mention_is_a_carrier_or_generic(
    registry: pd.DataFrame, seed_docs: dict[str, str], prefix: str
) -> None:
    """Each mention of a carrier suffix is covered by a registry phrase or listed as generic."""
    name, text = _doc(seed_docs, prefix)
    end = text.index(NEWS_START) if prefix == "001" else len(text)
    spans: list[tuple[int, int]] = []
    phrases = [
        p
        for _, row in registry.iterrows()
        for f, p in zip(
            split_list(row["source_files"]), split_list(row["source_phrases"]), strict=True
        )
        if f == name
    ]
    phrases += GENERIC[prefix] + sorted(_names(registry))
    for phrase in phrases:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]
    uncovered = []
    for suffix in SUFFIXES:
        for m in re.finditer(suffix, text[:end]):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                uncovered.append(text[max(0, m.start() - 15) : m.end()])
    assert not uncovered, uncovered


def test_no_carrier_from_other_cities_news(
    registry: pd.DataFrame, seed_docs: dict[str, str]
) -> None:
    name, text = _doc(seed_docs, "001")
    news = text.index(NEWS_START)
    for _, row in registry.iterrows():
        for f, p in zip(
            split_list(row["source_files"]), split_list(row["source_phrases"]), strict=True
        ):
            if f == name:
                assert text.index(p) < news, (row["id"], p)
    names = " ".join(_names(registry))
    for other in ("衡阳", "中关村", "大连", "咸宁"):
        assert other not in names


def test_out_of_area_carriers_are_kept_and_flagged(registry: pd.DataFrame) -> None:
    out = registry[registry["out_of_area"]]
    assert {"LY-INC-01", "LY-PRK-03", "LY-PRK-04"} <= set(out["id"])
    assert (out["admin_district"] == "").all()


def test_functional_zones_record_an_administrative_district(registry: pd.DataFrame) -> None:
    yibin = registry[registry["district_as_written"] == "伊滨区"]
    assert len(yibin) >= 3
    assert (yibin["admin_district"] == "偃师区").all()
    hitech = registry[registry["id"] == "LY-ZON-01"].iloc[0]
    assert hitech["district_as_written"] == "高新区" and hitech["admin_district"] == "涧西区"


def test_targets_phrases_verbatim_and_conflict_kept(
    targets: pd.DataFrame, seed_docs: dict[str, str]
) -> None:
    for _, row in targets.iterrows():
        assert row["source_phrase"] in seed_docs[row["source_file"]], row["id"]
        assert row["subject_zh"] in row["source_phrase"], row["id"]
    platforms = targets[(targets["category"] == "all_carriers") & (targets["subkind"] == "")]
    goals = platforms[platforms["kind"] == "target"]
    assert sorted(int(x) for x in goals["min"]) == [2600, 4000]
    assert goals["source_file"].nunique() == 2


def test_core_targets_present(targets: pd.DataFrame) -> None:
    def one(**kw: object) -> pd.Series:
        sel = targets
        for k, v in kw.items():
            sel = sel[sel[k] == v]
        assert len(sel) == 1, kw
        return sel.iloc[0]

    assert int(one(city="洛阳市", category="community", kind="target")["min"]) == 20
    assert int(one(city="洛阳市", category="incubator", kind="target")["min"]) == 120
    assert one(subkind="municipal_agri_park")["bound"] == "at_least"
    torch = one(subkind="national_torch_base")
    assert (torch["bound"], int(torch["min"]), int(torch["max"])) == ("range", 2, 3)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "carriers.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_registry_row_names_file_row_and_column(tmp_path: Path, settings: object) -> None:
    good = Path(settings.registry_file).read_text(encoding="utf-8").splitlines()  # type: ignore[attr-defined]
    lines = [good[0], good[1], good[2].replace(",community,", ",laboratory,", 1)]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(DataFileError) as info:
        read_registry(path)
    err = info.value
    assert (err.path, err.row, err.column) == (path, 3, "category")
    assert "laboratory" in str(err) and "row 3" in str(err)


def test_missing_registry_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        read_registry(tmp_path / "nope.csv")


def test_missing_column_and_non_numeric_target(tmp_path: Path, settings: object) -> None:
    path = _write(tmp_path, "id,name_zh\nX,Y\n")
    with pytest.raises(DataFileError, match="missing column"):
        read_registry(path)
    good = Path(settings.targets_file).read_text(encoding="utf-8").splitlines()  # type: ignore[attr-defined]
    bad = good[1].replace(",20,20,", ",twenty,20,", 1)
    tpath = tmp_path / "targets.csv"
    tpath.write_text("\n".join([good[0], bad]) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_targets(tpath)
    assert (info.value.row, info.value.column) == (2, "number")


def test_rows_longer_than_the_header_are_refused(tmp_path: Path, settings: object) -> None:
    # Every row one cell too long: pandas would take the first cells as an
    # index and shift every column; the reader names the row instead.
    good = Path(settings.targets_file).read_text(encoding="utf-8").splitlines()  # type: ignore[attr-defined]
    tpath = tmp_path / "targets.csv"
    tpath.write_text("\n".join([good[0], *(row + ",extra" for row in good[1:4])]) + "\n", "utf-8")
    with pytest.raises(DataFileError) as info:
        read_targets(tpath)
    assert (info.value.code, info.value.row) == ("table.row_too_long", 2)
