"""Planned counts against what the registry names and the map shows.

The planner's first question: for each city and category, how many carriers
does the plan ask for, how many exist or are named, and how many are missing.
"""

from __future__ import annotations

import pandas as pd

from geo_app.model import CATEGORY_LABELS, Category
from geo_app.registry import split_list

__all__ = ["GAP_COLUMNS", "category_label", "gap_table", "target_label"]

GAP_COLUMNS: tuple[str, ...] = (
    "target_id",
    "city",
    "category",
    "subkind",
    "subject_zh",
    "target",
    "bound",
    "min",
    "max",
    "year",
    "existing",
    "planned_named",
    "named",
    "mapped",
    "gap",
    "share",
    "conflicts_with",
    "source_file",
    "source_phrase",
)

_CATEGORY_VALUES = frozenset(c.value for c in Category)


def target_label(bound: str, low: int, high: int | None) -> str:
    """Short text of a bounded count.

    Examples
    --------
    >>> target_label("at_least", 20, None)
    '≥ 20'
    >>> target_label("range", 2, 3)
    '2–3'
    """
    if bound == "at_least":
        return f"≥ {low}"
    if bound == "more_than":
        return f"> {low}"
    if bound == "about":
        return f"≈ {low}"
    if bound == "range":
        return f"{low}–{high}"
    if bound == "named_list":
        return f"{low} named"
    return f"= {low}"


def _needed(bound: str, low: int) -> int:
    """The smallest count that meets the target."""
    return low + 1 if bound == "more_than" else low


def _conflicts(targets: pd.DataFrame) -> pd.Series:
    """Ids of other targets for the same city/category/subkind with other numbers."""
    out = pd.Series("", index=targets.index, dtype=object)
    key = ["city", "category", "subkind"]
    for _, group in targets.groupby(key):
        if group[["min", "max"]].drop_duplicates().shape[0] < 2:
            continue
        for index in group.index:
            others = [str(i) for i in group.loc[group.index != index, "id"]]
            out[index] = "|".join(others)
    return out


def _counts(
    target: pd.Series, registry: pd.DataFrame, placed_ids: frozenset[str]
) -> tuple[int, int, int] | None:
    """(existing, planned, mapped) carriers counted against ``target``; None if untracked."""
    in_city = registry[registry["city"] == target["city"]]
    if target["bound"] == "named_list":
        subset = in_city[in_city["id"].isin(split_list(str(target["named_ids"])))]
    elif target["subkind"]:
        return None  # the registry does not record sub-kinds such as "provincial"
    elif target["category"] == "all_carriers":
        subset = in_city
    elif target["category"] in _CATEGORY_VALUES:
        subset = in_city[in_city["category"] == target["category"]]
    else:
        return None
    existing = int((subset["status"] == "existing").sum())
    planned = int((subset["status"] == "planned").sum())
    mapped = int(subset["id"].isin(placed_ids).sum())
    return existing, planned, mapped


def gap_table(
    targets: pd.DataFrame,
    registry: pd.DataFrame,
    placed_ids: frozenset[str] | set[str] = frozenset(),
) -> pd.DataFrame:
    """Each planned count beside the carriers the registry names for it.

    Parameters
    ----------
    targets
        As returned by :func:`geo_app.registry.read_targets`; baselines are
        left out.
    registry
        As returned by :func:`geo_app.registry.read_registry`.
    placed_ids
        Ids of carriers drawn on the map.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`GAP_COLUMNS`. ``named = existing + planned_named``;
        ``gap`` is how many more the plan needs (0 when met); ``share`` is
        named / needed. Counts are ``<NA>`` for targets whose sub-kind the
        registry does not track (e.g. "provincial" labs).
    """
    goals = targets[targets["kind"] == "target"].copy()
    conflicts = _conflicts(goals)
    rows = []
    placed = frozenset(placed_ids)
    for index, t in goals.iterrows():
        low = int(t["min"])
        high = None if pd.isna(t["max"]) else int(t["max"])
        counts = _counts(t, registry, placed)
        row: dict[str, object] = {
            "target_id": t["id"],
            "city": t["city"],
            "category": t["category"],
            "subkind": t["subkind"],
            "subject_zh": t["subject_zh"],
            "target": target_label(str(t["bound"]), low, high),
            "bound": t["bound"],
            "min": low,
            "max": high,
            "year": None if pd.isna(t["year"]) else int(t["year"]),
            "conflicts_with": conflicts[index],
            "source_file": t["source_file"],
            "source_phrase": t["source_phrase"],
        }
        if counts is None:
            row.update(
                existing=None, planned_named=None, named=None, mapped=None, gap=None, share=None
            )
        else:
            existing, planned, mapped = counts
            named = existing + planned
            needed = _needed(str(t["bound"]), low)
            row.update(
                existing=existing,
                planned_named=planned,
                named=named,
                mapped=mapped,
                gap=max(needed - named, 0),
                share=round(named / needed, 4) if needed else 1.0,
            )
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(GAP_COLUMNS))
    for col in ("existing", "planned_named", "named", "mapped", "gap", "max", "year"):
        out[col] = out[col].astype("Int64")
    out["share"] = out["share"].astype("Float64")
    return out


def category_label(category: str, lang: str) -> str:
    """Display label of a category in ``lang`` (``zh`` or ``en``)."""
    labels = CATEGORY_LABELS.get(category)
    return labels[lang] if labels else category
