"""Duplicates across the registry and an imported list, and inside a list."""

from __future__ import annotations

import pandas as pd
import pytest

from geo_app.inventory import MATCH_COLUMNS, CarrierList, match_duplicates, normalise_name
from geocoding.coords import gcj02_to_wgs84

#: The issue's examples: in the registry and in the imported list, counted twice before.
ISSUE_EXAMPLES = {
    "联东U谷": "LY-COM-01",
    "炎黄青年数创社区": "LY-COM-02",
    "伊滨智慧岛": "LY-ISL-02",
    "嵩县生物医药产业园": "LY-PRK-02",
}


def _best(matches: pd.DataFrame, names: pd.Series) -> dict[str, tuple[str, float]]:
    best = matches.drop_duplicates("candidate_index")
    return {
        names[i]: (e, s)
        for i, e, s in zip(best.candidate_index, best.existing_id, best.score, strict=True)
    }


def test_issue_examples_merge_with_the_registry(
    titled: CarrierList, registry: pd.DataFrame
) -> None:
    matches = match_duplicates(titled.carriers, registry)
    assert list(matches.columns) == list(MATCH_COLUMNS)
    best = _best(matches, titled.carriers["name_zh"])
    for name, existing in ISSUE_EXAMPLES.items():
        assert best[name][0] == existing and best[name][1] >= 0.9, (name, best.get(name))


def test_every_registry_match_of_the_list(titled: CarrierList, registry: pd.DataFrame) -> None:
    best = _best(match_duplicates(titled.carriers, registry), titled.carriers["name_zh"])
    assert {n: e for n, (e, _) in best.items()} == {
        **ISSUE_EXAMPLES,
        "周山智慧岛": "LY-ISL-01",  # an alias of 周山双创智慧岛
        "沙澧高新区": "LH-ZON-01",
        "漯河经济技术开发区": "LH-ZON-02",  # an alias of 漯河经济开发区
        "漯河国家农业科技园区": "LH-PRK-01",
        "东城产业集聚区": "LH-ZON-03",
        "舞阳产业集聚区": "LH-ZON-05",
    }
    # Look-alikes that are other carriers stay apart.
    assert "中南高科·洛阳光电科技产业社区" not in best
    assert "双碳经济产业园" not in best


NAMES = {
    "middle-dot-and-prefix": ("联东U谷·洛阳光电科技产业社区", "联东u谷洛阳光电科技产业社区"),
    "province-city-traditional": ("河南省洛阳市 伊濱智慧島", "伊滨智慧岛"),
    "bracketed-place": ("中欧（洛阳）科创国际合作产业园", "中欧科创国际合作产业园"),
    "company": ("洛阳炎黄科技园有限公司", "炎黄科技园"),
    "company-long": ("漯河某某孵化器有限责任公司", "某某孵化器"),
    "bracketed-word-kept": ("某某孵化器（二期）", "某某孵化器二期"),
    "short-city": ("漯河经济技术开发区", "经济技术开发区"),
}


@pytest.mark.parametrize("raw, expected", NAMES.values(), ids=list(NAMES))
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def test_same_name_in_another_city_is_not_a_duplicate() -> None:
    cands = _frame([{"name_zh": "漯河高新区", "city": "漯河市"}])
    existing = _frame([{"id": "X", "name_zh": "洛阳高新区", "city": "洛阳市"}])
    assert match_duplicates(cands, existing).empty


def test_same_normalised_name_and_district() -> None:
    cands = _frame([{"name_zh": "洛阳市甲众创空间", "city": "洛阳市", "admin_district": "涧西区"}])
    existing = _frame(
        [
            {"id": "A", "name_zh": "甲众创空间", "city": "洛阳市", "admin_district": "涧西区"},
            {"id": "B", "name_zh": "甲众创空间", "city": "洛阳市", "admin_district": "洛龙区"},
        ]
    )
    found = match_duplicates(cands, existing)
    assert found[["existing_id", "score", "reason"]].values.tolist() == [
        ["A", 0.95, "same normalised name and district"]
    ]


def test_aliases_of_the_registry() -> None:
    cands = _frame([{"name_zh": "Yibin Smart Island", "city": "洛阳市"}])
    existing = _frame(
        [
            {
                "id": "LY-ISL-02",
                "name_zh": "伊滨智慧岛",
                "city": "洛阳市",
                "aliases": "Yibin smart island|伊滨岛",
            }
        ]
    )
    assert match_duplicates(cands, existing)["reason"].tolist() == ["alias"]


def test_duplicates_inside_the_list() -> None:
    cands = _frame(
        [
            {"name_zh": "洛阳国家大学科技园", "city": "洛阳市"},
            {"name_zh": "洛阳国家大学科技园", "city": "洛阳市"},
            {"name_zh": "河南省洛阳国家大学科技园", "city": "洛阳市"},
        ],
    )
    found = match_duplicates(cands, cands.iloc[0:0].assign(id=[]))
    assert sorted(zip(found.candidate_index, found.existing_id, strict=True)) == [
        (1, "#0"),
        (2, "#0"),
        (2, "#1"),
    ]


def test_distance_is_measured_in_metres_between_known_sites() -> None:
    # Two sites 0.002° of longitude apart at 34.6°N: about 183 m, not "0.002".
    lon, lat = gcj02_to_wgs84(112.4500, 34.6200)
    cands = _frame(
        [
            {"name_zh": "甲孵化器", "city": "洛阳市", "category": "incubator", "precision": "point",
             "lon": lon + 0.002, "lat": lat},
            {"name_zh": "乙孵化器", "city": "洛阳市", "category": "incubator", "precision": "district",
             "lon": lon, "lat": lat},
        ]
    )  # fmt: skip
    existing = _frame(
        [{"id": "E", "name_zh": "丙创业中心", "city": "洛阳市", "category": "incubator",
          "precision": "point", "lon": lon, "lat": lat}]
    )  # fmt: skip
    found = match_duplicates(cands, existing, max_distance_m=500)
    assert found["candidate_index"].tolist() == [0]  # a district point is never compared
    metres = float(found["reason"].iloc[0].split()[1])
    assert 175 < metres < 190
    assert 0.5 < found["score"].iloc[0] < 0.9  # for the planner to confirm
    assert match_duplicates(cands, existing, max_distance_m=100).empty


def test_existing_as_a_geodataframe(registry: pd.DataFrame) -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    existing = gpd.GeoDataFrame(
        {"id": ["E"], "name_zh": ["丙孵化器"], "city": ["洛阳市"], "category": ["incubator"],
         "precision": ["point"]},
        geometry=[Point(112.45, 34.62)],
        crs=4326,
    )  # fmt: skip
    cands = _frame(
        [{"name_zh": "丁孵化器", "city": "洛阳市", "category": "incubator", "precision": "point",
          "lon": 112.4505, "lat": 34.62}]
    )  # fmt: skip
    assert match_duplicates(cands, existing)["existing_id"].tolist() == ["E"]


def test_every_reason_is_worded_in_both_languages(
    titled: CarrierList, registry: pd.DataFrame
) -> None:
    from geo_app.inventory import MATCH_REASONS

    reasons = set(match_duplicates(titled.carriers, registry)["reason"])
    assert reasons <= set(MATCH_REASONS)
    assert all(set(words) == {"zh", "en"} for words in MATCH_REASONS.values())
