"""Share a city's planned count out to its districts and show each one's gap.

The city-level gap table comes from :func:`geo_app.targets.gap_table`; this
module adds the per-district view on top of it. A count target ("at least
20 communities") is allocated to the city's districts in proportion to their
population (or area), rounded to whole carriers with the largest-remainder
method so that the district shares add up to the city's target exactly. A
named-list target is not spread: each named carrier counts where it lies.
Each district's gap is its allocation less the carriers of that category
already mapped in it (never below zero).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from geo_app.analysis.grid import Grid
from geo_app.errors import AnalysisError

__all__ = [
    "ALLOCATION_COLUMNS",
    "Basis",
    "allocate_targets",
    "largest_remainder",
    "required_count",
]

Basis = Literal["population", "area"]

#: Columns of the per-district table.
ALLOCATION_COLUMNS: tuple[str, ...] = (
    "target_id",
    "city",
    "category",
    "subkind",
    "subject_zh",
    "target",
    "bound",
    "basis",
    "adcode",
    "name",
    "weight_share",
    "allocated_exact",
    "allocated",
    "allocated_max",
    "mapped",
    "gap",
    "share",
    "source_file",
)

_GAP_REQUIRED = ("target_id", "city", "category", "bound", "min", "max")


def required_count(bound: str, low: int) -> int:
    """The smallest count that meets a target.

    Examples
    --------
    >>> required_count("at_least", 20), required_count("more_than", 10)
    (20, 11)
    """
    return low + 1 if bound == "more_than" else low


def largest_remainder(total: int, weights: NDArray[np.float64]) -> NDArray[np.int64]:
    """Split ``total`` whole units in proportion to ``weights``.

    The largest-remainder (Hamilton) method: floor each quota, then give the
    remaining units to the largest fractional parts (ties to the larger
    weight, then to the first).

    Examples
    --------
    >>> largest_remainder(20, np.array([5.0, 3.0, 2.0])).tolist()
    [10, 6, 4]
    >>> largest_remainder(2, np.array([1.0, 1.0, 1.0])).tolist()
    [1, 1, 0]
    """
    w = np.clip(np.asarray(weights, dtype=np.float64), 0.0, None)
    if total <= 0 or not len(w):
        return np.zeros(len(w), dtype=np.int64)
    if w.sum() <= 0:
        w = np.ones(len(w))
    quota = total * w / w.sum()
    base = np.floor(quota).astype(np.int64)
    left = int(total - base.sum())
    order = np.lexsort((np.arange(len(w)), -w, -(quota - base)))
    base[order[:left]] += 1
    return np.asarray(base, dtype=np.int64)


def _named_ids(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return [v.strip() for v in str(value).split("|") if v.strip()]


def allocate_targets(
    gaps: pd.DataFrame,
    targets: pd.DataFrame,
    carriers: pd.DataFrame,
    grid: Grid,
    weights: NDArray[np.float64],
    *,
    basis: Basis = "population",
) -> pd.DataFrame:
    """Allocate each city target to the city's districts and compute the gaps.

    Parameters
    ----------
    gaps
        The city-level table from :func:`geo_app.targets.gap_table`.
    targets
        The targets table (for the ``named_ids`` of named lists).
    carriers
        Placed carriers with ``id``, ``category``, ``city`` and a
        ``district`` column holding the position of their district in
        ``grid.districts`` (-1 when not inside one), e.g. from
        :meth:`Grid.locate_points`.
    grid
        The grid whose districts receive the allocation.
    weights
        One weight per district of ``grid`` (population or area).
    basis
        Recorded in the result: what ``weights`` are.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ALLOCATION_COLUMNS`, one row per (target, district),
        sorted by target and then by gap, largest first. ``mapped`` and
        ``gap`` are ``<NA>`` where the city table does not track the target
        (a sub-kind the registry does not record).
    """
    missing = [c for c in _GAP_REQUIRED if c not in gaps.columns]
    if missing:
        raise AnalysisError(code="analysis.gaps_columns", params={"columns": ", ".join(missing)})
    weights = np.asarray(weights, dtype=np.float64)
    if len(weights) != len(grid.districts):
        raise AnalysisError(code="analysis.weights_per_district")
    named_by_id = dict(zip(targets["id"].astype(str), targets["named_ids"], strict=True))
    d_city = grid.districts["city"].to_numpy()
    frames: list[pd.DataFrame] = []
    for _, t in gaps.iterrows():  # one pass per target: a few dozen rows, not geometries
        in_city = np.flatnonzero(d_city == t["city"])
        if not len(in_city):
            continue
        bound = str(t["bound"])
        low = int(t["min"])
        high = None if pd.isna(t["max"]) else int(t["max"])
        city_carriers = carriers[carriers["city"] == t["city"]]
        if t["category"] != "all_carriers":
            city_carriers = city_carriers[city_carriers["category"] == t["category"]]
        local = np.full(len(grid.districts) + 1, -1, dtype=np.int64)
        local[in_city] = np.arange(len(in_city))
        if bound == "named_list":
            ids = _named_ids(named_by_id.get(str(t["target_id"])))
            named = carriers[carriers["id"].isin(ids)]
            allocated = _count_in(named["district"].to_numpy(), local)
            exact = allocated.astype(np.float64)
            alloc_max = allocated.copy()
            w_share = np.divide(exact, exact.sum(), out=np.zeros(len(exact)), where=exact.sum() > 0)
            mapped = allocated.copy()
        else:
            need = required_count(bound, low)
            w = weights[in_city]
            w_share = w / w.sum() if w.sum() > 0 else np.full(len(w), 1.0 / len(w))
            exact = need * w_share
            allocated = largest_remainder(need, w)
            alloc_max = largest_remainder(high, w) if high is not None else allocated.copy()
            mapped = _count_in(city_carriers["district"].to_numpy(), local)
        tracked = not pd.isna(t.get("gap"))
        gap = np.maximum(allocated - mapped, 0)
        share = np.divide(
            mapped, allocated, out=np.where(allocated == 0, 1.0, 0.0), where=allocated > 0
        )
        frame = pd.DataFrame(
            {
                "target_id": t["target_id"],
                "city": t["city"],
                "category": t["category"],
                "subkind": t.get("subkind", ""),
                "subject_zh": t.get("subject_zh", ""),
                "target": t.get("target", ""),
                "bound": bound,
                "basis": "named" if bound == "named_list" else basis,
                "adcode": grid.districts["adcode"].astype(str).to_numpy()[in_city],
                "name": grid.districts["name"].to_numpy()[in_city],
                "weight_share": w_share,
                "allocated_exact": exact,
                "allocated": allocated,
                "allocated_max": alloc_max,
                "mapped": pd.array(mapped if tracked else [None] * len(in_city), dtype="Int64"),
                "gap": pd.array(gap if tracked else [None] * len(in_city), dtype="Int64"),
                "share": pd.array(share if tracked else [None] * len(in_city), dtype="Float64"),
                "source_file": t.get("source_file", ""),
            }
        )
        frames.append(frame.sort_values(["gap", "allocated"], ascending=False, na_position="last"))
    if not frames:
        return pd.DataFrame(columns=list(ALLOCATION_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(ALLOCATION_COLUMNS)]


def _count_in(district: NDArray[np.int64], local: NDArray[np.int64]) -> NDArray[np.int64]:
    """Count carriers per city district; ``local`` maps grid position -> city position.

    ``local`` has one extra trailing -1 so that district -1 (outside) maps to -1.
    """
    pos = local[np.asarray(district, dtype=np.int64)]
    n_city = int((local >= 0).sum())
    return np.bincount(pos[pos >= 0], minlength=n_city).astype(np.int64)
