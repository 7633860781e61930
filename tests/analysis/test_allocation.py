"""City targets allocated to districts, and each district's gap, for every bound kind."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo_app.analysis.allocation import allocate_targets, largest_remainder, required_count
from geo_app.errors import GeoAppError


def _gap_row(target_id: str, category: str, bound: str, low: int, high: int | None) -> dict:
    return {
        "target_id": target_id,
        "city": "洛阳市",
        "category": category,
        "subkind": "",
        "subject_zh": target_id,
        "target": f"{bound} {low}",
        "bound": bound,
        "min": low,
        "max": high,
        "gap": 0,
        "source_file": "000.txt",
    }


@pytest.fixture
def three_districts(square_grid):
    return square_grid(n=3, cell_size_m=1000)


@pytest.fixture
def placed() -> pd.DataFrame:
    # Communities: 3 in district 0, none in 1, 1 in 2; one smart island in district 2.
    return pd.DataFrame(
        {
            "id": ["A", "B", "C", "D", "ISL-1", "ISL-2"],
            "category": ["community"] * 4 + ["smart_island"] * 2,
            "city": "洛阳市",
            "district": [0, 0, 0, 2, 2, -1],
        }
    )


@pytest.fixture
def targets() -> pd.DataFrame:
    return pd.DataFrame(
        {"id": ["T-NL"], "named_ids": ["ISL-1|ISL-2"]},
    )


# Population weights 5 : 3 : 2.
WEIGHTS = np.array([5.0, 3.0, 2.0])

CASES = {
    "at_least": (_gap_row("T-AL", "community", "at_least", 20, None), [10, 6, 4], [7, 6, 3]),
    "more_than": (_gap_row("T-MT", "community", "more_than", 9, None), [5, 3, 2], [2, 3, 1]),
    "about": (_gap_row("T-AB", "community", "about", 10, 10), [5, 3, 2], [2, 3, 1]),
    "range": (_gap_row("T-RG", "community", "range", 2, 3), [1, 1, 0], [0, 1, 0]),
    "exact": (_gap_row("T-EX", "community", "exact", 4, 4), [2, 1, 1], [0, 1, 0]),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_count_targets_are_split_by_weight_and_gaps_counted(
    case: str, three_districts, placed, targets
) -> None:
    row, allocated, gaps = CASES[case]
    out = allocate_targets(pd.DataFrame([row]), targets, placed, three_districts, WEIGHTS)
    out = out.set_index("name").loc[["区0", "区1", "区2"]]
    assert out["allocated"].tolist() == allocated
    assert out["allocated"].sum() == required_count(row["bound"], row["min"])
    assert out["mapped"].tolist() == [3, 0, 1]
    assert out["gap"].tolist() == gaps
    assert out["allocated_exact"].sum() == pytest.approx(required_count(row["bound"], row["min"]))
    assert (out["basis"] == "population").all()


def test_range_target_also_allocates_its_upper_bound(three_districts, placed, targets) -> None:
    row = _gap_row("T-RG", "community", "range", 2, 3)
    out = allocate_targets(pd.DataFrame([row]), targets, placed, three_districts, WEIGHTS)
    assert out["allocated"].sum() == 2 and out["allocated_max"].sum() == 3


def test_named_list_counts_each_named_carrier_where_it_lies(
    three_districts, placed, targets
) -> None:
    row = _gap_row("T-NL", "smart_island", "named_list", 2, 2)
    out = allocate_targets(pd.DataFrame([row]), targets, placed, three_districts, WEIGHTS)
    out = out.set_index("name").loc[["区0", "区1", "区2"]]
    assert out["allocated"].tolist() == [0, 0, 1]  # ISL-2 has no district
    assert out["gap"].tolist() == [0, 0, 0]
    assert (out["basis"] == "named").all()


def test_untracked_targets_have_no_gap(three_districts, placed, targets) -> None:
    row = {**_gap_row("T-RD", "rd_platform", "at_least", 3, None), "gap": None}
    out = allocate_targets(pd.DataFrame([row]), targets, placed, three_districts, WEIGHTS)
    assert out["allocated"].sum() == 3
    assert out["gap"].isna().all() and out["mapped"].isna().all()


def test_all_carriers_target_counts_every_category(three_districts, placed, targets) -> None:
    row = _gap_row("T-ALL", "all_carriers", "at_least", 10, None)
    out = allocate_targets(pd.DataFrame([row]), targets, placed, three_districts, WEIGHTS)
    assert out.set_index("name").loc[["区0", "区1", "区2"], "mapped"].tolist() == [3, 0, 2]


def test_largest_districts_behind_come_first(three_districts, placed, targets) -> None:
    row = _gap_row("T-AL", "community", "at_least", 20, None)
    out = allocate_targets(pd.DataFrame([row]), targets, placed, three_districts, WEIGHTS)
    assert out["gap"].tolist() == sorted(out["gap"].tolist(), reverse=True)


def test_area_basis_is_recorded(three_districts, placed, targets) -> None:
    row = _gap_row("T-AL", "community", "at_least", 9, None)
    area = three_districts.districts["area_km2"].to_numpy()
    out = allocate_targets(
        pd.DataFrame([row]), targets, placed, three_districts, area, basis="area"
    )
    assert out["allocated"].tolist() == [3, 3, 3] and (out["basis"] == "area").all()


def test_other_city_targets_are_skipped(three_districts, placed, targets) -> None:
    row = {**_gap_row("T-LH", "park", "at_least", 10, None), "city": "漯河市"}
    assert allocate_targets(pd.DataFrame([row]), targets, placed, three_districts, WEIGHTS).empty


def test_weights_must_match_the_districts(three_districts, placed, targets) -> None:
    row = _gap_row("T-AL", "community", "at_least", 9, None)
    with pytest.raises(GeoAppError):
        allocate_targets(pd.DataFrame([row]), targets, placed, three_districts, np.ones(2))


@pytest.mark.parametrize("total", [0, 1, 7, 20, 121])
def test_largest_remainder_sums_to_the_total(total: int) -> None:
    weights = np.array([0.1, 3.3, 2.2, 0.0, 9.4])
    parts = largest_remainder(total, weights)
    assert parts.sum() == total
    assert np.all(np.abs(parts - total * weights / weights.sum()) < 1)
    assert parts[3] == 0
