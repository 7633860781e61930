"""The kinds table and how a row is classified (type column first, then the name)."""

from __future__ import annotations

import csv

import pytest

from geo_app.inventory import KINDS_CSV, Classification, classify_carrier, kinds
from geo_app.model import Category, Level

#: Kinds the issue names; each must be a row (by its Chinese name or a synonym).
REQUIRED = (
    "科技企业孵化器", "众创空间", "专业化众创空间", "星创天地", "大学科技园", "加速器", "创客空间",
    "科创空间", "数创社区", "创新中心", "科创小镇", "示范基地", "国家农业科技园区", "省级农业科技园区",
    "市级农业科技园区", "国家火炬特色产业基地", "高新区", "经开区", "科技产业社区", "智慧岛", "产业园",
    "科技园", "科技城", "产业集聚区",
)  # fmt: skip


def test_kinds_table_is_complete_and_valid() -> None:
    with KINDS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["key", "category", "level", "zh", "en", "synonyms", "source"]
    assert len({r["key"] for r in rows}) == len(rows)
    for row in rows:
        assert row["category"] in {"", *Category}, row  # "": an R&D platform
        assert row["level"] in {"", *Level}, row
        assert row["zh"] and row["en"] and row["source"], row
    words = {w for kind in kinds() for w in kind.synonyms}
    missing = [w for w in REQUIRED if w not in words]
    assert not missing


CASES = {
    # The nine rows left "without a category".
    "makerspace": (("洛阳新逐鹿创客空间",), ("incubator", "makerspace")),
    "innovation-space": (("某某科创空间",), ("incubator", "innovation_space")),
    "digital-community": (("炎黄青年数创社区", "数创社区"), ("community", "digital_community")),
    "innovation-centre": (("中航联创(洛阳)创新中心",), ("incubator", "innovation_center")),
    "science-town": (("某某科创小镇",), ("zone", "science_town")),
    "demo-base": (("洛阳863创智广场", "小型微型企业创业创新示范基地"), ("park", "demo_base")),
    # Parks by name, incubators by their type column.
    "beihang": (("洛阳北航科技园", "大学科技园"), ("incubator", "university_park")),
    "dongda": (("洛阳东大科技园", "孵化器"), ("incubator", "incubator")),
    "yanhuang": (("炎黄科技园", "科技企业孵化器"), ("incubator", "incubator")),
    "park-by-name": (("炎黄科技园",), ("park", "science_park")),
    "university-park-by-name": (("洛阳国家大学科技园",), ("incubator", "university_park")),
    "specialised-before-plain": (("先进矿山装备专业化众创空间",), ("incubator", "specialised_maker_space")),
    "traditional": (("某某眾創空間",), ("incubator", "maker_space")),
    "star-space": (("某某星创天地",), ("incubator", "star_space")),
    "accelerator": (("宜阳高科加速器",), ("incubator", "accelerator")),
    "agri-park": (("伊川省级农业科技园区",), ("park", "agri_park")),
    "torch-base": (("某某国家火炬特色产业基地",), ("park", "torch_base")),
    "hitech-zone": (("沙澧高新区",), ("zone", "hitech_zone")),
    "smart-island": (("伊滨智慧岛",), ("smart_island", "smart_island")),
    "cluster": (("孟津县华阳产业集聚区",), ("zone", "cluster_zone")),
    "unknown": (("某某公司", "服务机构"), ("", "")),
    "rd-platform": (("中原食品实验室", "省实验室"), ("", "key_lab")),
    "rd-not-incubator": (("河南省智能矿山技术创新中心",), ("", "tech_innovation_center")),
}  # fmt: skip


@pytest.mark.parametrize("args, expected", CASES.values(), ids=list(CASES))
def test_classification(args: tuple[str, ...], expected: tuple[str, str]) -> None:
    found = classify_carrier(*args)
    assert (found.category, found.kind) == expected


LEVELS = {
    "level-column": (("甲孵化器", "孵化器", "国家级"), "national"),
    "level-column-short": (("甲孵化器", "孵化器", "省"), "provincial"),
    "type-words": (("甲孵化器", "国家级科技企业孵化器"), "national"),
    "name-words": (("河南省甲众创空间",), "provincial"),
    "municipal": (("甲农业科技园区", "", "市级"), "municipal"),
    "kind-default": (("某某火炬特色产业基地",), "national"),
    "column-beats-name": (("洛阳国家大学科技园", "", "省级"), "provincial"),
    "none": (("甲孵化器",), ""),
}


@pytest.mark.parametrize("args, expected", LEVELS.values(), ids=list(LEVELS))
def test_level(args: tuple[str, ...], expected: str) -> None:
    assert classify_carrier(*args).level == expected


def test_classification_is_a_frozen_value() -> None:
    found = classify_carrier("甲孵化器")
    assert found == Classification("incubator", "incubator", "")
    with pytest.raises(AttributeError):
        found.category = "park"  # type: ignore[misc]
