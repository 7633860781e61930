"""Targets counted from the workspace, each by its explicit rule.

A carrier counts towards a target when it is not deleted, lies in the
target's city, and matches every part of the rule that is set:

- ``rule_categories``, ``rule_kinds``, ``rule_levels``, ``rule_statuses``:
  its value is one of the ``|``-separated values ("" = any);
- ``rule_year_from`` / ``rule_year_to``: its year lies in the window (a
  carrier whose year is not known passes: the plans count what exists);
- ``rule_ids`` (a named list): its id is one of them, and the other parts
  of the rule are not applied.

Targets are city targets: a carrier known only to its city (empty
``admin_district``) counts for the city, as every other carrier of the city
does, and is reported in ``city_level``; it never counts for a district
(district shares come from the allocation, which uses located carriers).

``gap`` is how many more carriers the target needs (0 when met): the bound's
lower count (``more_than``: one more) minus ``counted``; ``share`` is
counted / needed.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from geo_app.targets import target_label
from geo_app.workspace.records import split_items

__all__ = ["COUNT_COLUMNS", "count_targets", "needed", "rule_text"]

COUNT_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "city",
    "subject_zh",
    "target",
    "bound",
    "min",
    "max",
    "year",
    "rule",
    "counted",
    "gap",
    "share",
    "carrier_ids",
    "city_level",
    "source_file",
    "source_phrase",
)

_SETS: Final[tuple[tuple[str, str], ...]] = (
    ("rule_categories", "category"),
    ("rule_kinds", "kind"),
    ("rule_levels", "level"),
    ("rule_statuses", "status"),
)


_TEXT_COLUMNS: Final[tuple[str, ...]] = (
    "city",
    "category",
    "kind",
    "level",
    "status",
    "admin_district",
)


def _int(value: object) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, str):
        return int(float(value)) if value.strip() else None
    return int(float(str(value)))


def needed(bound: str, low: int) -> int:
    """The smallest count that meets a target.

    >>> needed("at_least", 120), needed("more_than", 10)
    (120, 11)
    """
    return low + 1 if bound == "more_than" else low


def rule_text(target: pd.Series | dict[str, object]) -> str:
    """The rule of a target in a short, language-neutral form.

    >>> rule_text({"rule_categories": "incubator", "rule_levels": "national",
    ...            "rule_year_to": 2025})
    'category=incubator; level=national; year≤2025'
    """
    if split_items(target.get("rule_ids")):
        parts = [f"ids={target.get('rule_ids')}"]
    else:
        parts = [
            f"{column}={target.get(field)}"
            for field, column in _SETS
            if split_items(target.get(field))
        ]
    low, high = _int(target.get("rule_year_from")), _int(target.get("rule_year_to"))
    if low is not None and high is not None:
        parts.append(f"year {low}–{high}")
    elif low is not None:
        parts.append(f"year≥{low}")
    elif high is not None:
        parts.append(f"year≤{high}")
    return "; ".join(parts) if parts else "any carrier of the city"


class _Carriers:
    """The columns of the live carriers as arrays, read once for every target."""

    def __init__(self, carriers: pd.DataFrame) -> None:
        # Only the columns a rule reads: filtering the whole layer would copy every dict.
        wanted = ["id", "year", "deleted", *_TEXT_COLUMNS]
        live = pd.DataFrame(carriers[[c for c in wanted if c in carriers.columns]])
        if "deleted" in live.columns:
            live = live[~live["deleted"].astype(bool)]
        self.ids = live["id"].astype(str).to_numpy()
        self.text = {
            column: (
                live[column].fillna("").astype(str).to_numpy()
                if column in live.columns
                else np.full(len(live), "", dtype=object)
            )
            for column in _TEXT_COLUMNS
        }
        years = pd.to_numeric(live["year"], errors="coerce") if "year" in live else None
        self.year = np.full(len(live), np.nan) if years is None else years.astype(float).to_numpy()

    def match(self, target: dict[str, object]) -> np.ndarray[tuple[int], np.dtype[np.bool_]]:
        mask = self.text["city"] == str(target.get("city", ""))
        ids = split_items(target.get("rule_ids"))
        if ids:
            mask &= np.isin(self.ids, ids)
        else:
            for field, column in _SETS:
                allowed = split_items(target.get(field))
                if allowed:
                    mask &= np.isin(self.text[column], allowed)
        low, high = _int(target.get("rule_year_from")), _int(target.get("rule_year_to"))
        unknown = np.isnan(self.year)
        if low is not None:
            mask &= unknown | (self.year >= low)
        if high is not None:
            mask &= unknown | (self.year <= high)
        return np.asarray(mask, dtype=bool)


def count_targets(
    targets: pd.DataFrame, carriers: pd.DataFrame, *, city: str | None = None
) -> pd.DataFrame:
    """Each target beside the carriers its rule counts.

    Parameters
    ----------
    targets
        TARGET_FIELDS (``Workspace.targets()``); deleted ones are left out.
    carriers
        CARRIER_FIELDS (``Workspace.carriers()``); deleted ones never count.
    city
        Only this city's targets (default: all).

    Returns
    -------
    pandas.DataFrame
        :data:`COUNT_COLUMNS`: ``counted``, ``gap`` and ``city_level`` as
        integers, ``share`` as a float, ``carrier_ids`` ``|``-separated.
    """
    live = targets
    if "deleted" in targets.columns:
        live = targets[~targets["deleted"].astype(bool)]
    if city is not None:
        live = live[live["city"] == city]
    table = _Carriers(carriers)
    rows = []
    for target in live.to_dict("records"):
        mask = table.match(target)
        low = _int(target.get("min")) or 0
        high = _int(target.get("max"))
        bound = str(target.get("bound") or "at_least")
        counted = int(mask.sum())
        need = needed(bound, low)
        rows.append(
            {
                "id": target["id"],
                "city": target["city"],
                "subject_zh": target.get("subject_zh", ""),
                "target": target_label(bound, low, high),
                "bound": bound,
                "min": low,
                "max": high,
                "year": _int(target.get("year")),
                "rule": rule_text(target),
                "counted": counted,
                "gap": max(need - counted, 0),
                "share": round(counted / need, 4) if need else 1.0,
                "carrier_ids": "|".join(table.ids[mask]),
                "city_level": int((table.text["admin_district"][mask] == "").sum()),
                "source_file": target.get("source_file", ""),
                "source_phrase": target.get("source_phrase", ""),
            }
        )
    out = pd.DataFrame(rows, columns=list(COUNT_COLUMNS))
    for column in ("min", "max", "year", "counted", "gap", "city_level"):
        out[column] = out[column].astype("Int64")
    out["share"] = out["share"].astype(float)
    return out
