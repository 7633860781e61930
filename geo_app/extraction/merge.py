"""Turn reviewed extractions into registry rows and merge them in.

The registry has the columns of ``data/carriers.csv``.  An accepted row whose
name (or district + name) equals a registry name or alias in the same city
is merged into that row (its source file and sentence are added); any other
accepted row becomes a new registry row with a fresh id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from geo_app.extraction._model import CARRIER_COLUMNS, Extraction
from geo_app.extraction._normalize import normalize_name
from geo_app.model import CARRIER_COLUMNS as REGISTRY_CARRIER_COLUMNS

__all__ = [
    "CATEGORY_CODES",
    "REGISTRY_COLUMNS",
    "MergeResult",
    "empty_registry",
    "merge_into_registry",
    "review_frame",
]

#: Columns of ``data/carriers.csv`` (the registry).
REGISTRY_COLUMNS: Final[tuple[str, ...]] = REGISTRY_CARRIER_COLUMNS
#: Id code of each category (LY-COM-01 …).
CATEGORY_CODES: Final[dict[str, str]] = {
    "community": "COM",
    "smart_island": "ISL",
    "incubator": "INC",
    "park": "PRK",
    "zone": "ZON",
}
_NEW_CITY_PREFIX = "EX"
_SEPARATOR = "|"


@dataclass(frozen=True)
class MergeResult:
    """The merged registry and what happened to the accepted rows."""

    registry: pd.DataFrame
    added: int
    merged: int
    rejected: int


def empty_registry() -> pd.DataFrame:
    """A registry with no rows and the columns of ``data/carriers.csv``."""
    return pd.DataFrame({c: pd.Series(dtype=str) for c in REGISTRY_COLUMNS})


def review_frame(extraction: Extraction) -> pd.DataFrame:
    """The carriers of an extraction with an ``accept`` column for review.

    Examples
    --------
    >>> from geo_app.extraction import extract_text
    >>> review_frame(extract_text("加快卓阳科技产业社区建设。", city="洛阳"))[["accept", "name"]]
       accept      name
    0    True  卓阳科技产业社区
    """
    frame = extraction.carriers_frame()
    frame.insert(0, "accept", True)
    return frame


def _names(row: pd.Series) -> set[str]:
    names = {normalize_name(str(row["name_zh"]))}
    names.update(normalize_name(a) for a in str(row["aliases"]).split(_SEPARATOR) if a.strip())
    return names


def _prefix_for(registry: pd.DataFrame, city: str) -> str:
    ids = registry.loc[registry["city"] == city, "id"].astype(str)
    prefixes = [i.split("-")[0] for i in ids if i.count("-") >= 2]
    return prefixes[0] if prefixes else _NEW_CITY_PREFIX


def _next_id(registry: pd.DataFrame, prefix: str, category: str) -> str:
    code = CATEGORY_CODES.get(category, "OTH")
    stem = f"{prefix}-{code}-"
    numbers = [
        int(i[len(stem) :])
        for i in registry["id"].astype(str)
        if i.startswith(stem) and i[len(stem) :].isdigit()
    ]
    return f"{stem}{max(numbers, default=0) + 1:02d}"


def _append(existing: str, value: str) -> str:
    parts = [p for p in existing.split(_SEPARATOR) if p]
    return _SEPARATOR.join([*parts, value])


def _new_row(registry: pd.DataFrame, row: pd.Series) -> dict[str, str]:
    city = str(row["city"])
    category = str(row["category"])
    return {
        "id": _next_id(registry, _prefix_for(registry, city), category),
        "name_zh": str(row["name"]).strip(),
        "name_en": "",
        "category": category,
        "city": city,
        "district_as_written": str(row["district"]),
        "admin_district": "",
        "status": str(row["status"]),
        "out_of_area": "true" if str(row["out_of_area"]).lower() == "true" else "false",
        "source_files": str(row["source_file"]),
        "source_phrases": str(row["sentence"]),
        "aliases": "",
        "note": f"Extracted from {row['source_file']}, line {row['line']}.",
    }


def _accepted(reviewed: pd.DataFrame) -> pd.DataFrame:
    if "accept" not in reviewed.columns:
        return reviewed
    return reviewed[reviewed["accept"].astype(bool)]


def merge_into_registry(registry: pd.DataFrame, reviewed: pd.DataFrame) -> MergeResult:
    """Merge the accepted rows of a review table into a registry.

    Parameters
    ----------
    registry
        Frame with :data:`REGISTRY_COLUMNS` (not modified).
    reviewed
        Frame with :data:`~geo_app.extraction.CARRIER_COLUMNS` and an optional
        boolean ``accept`` column (rows with ``False`` are left out).

    Returns
    -------
    MergeResult

    Examples
    --------
    >>> from geo_app.extraction import extract_text
    >>> review = review_frame(extract_text("加快卓阳科技产业社区建设。", city="洛阳"))
    >>> first = merge_into_registry(empty_registry(), review)
    >>> second = merge_into_registry(first.registry, review)
    >>> first.added, second.added, second.merged, list(second.registry["id"])
    (1, 0, 1, ['EX-COM-01'])
    """
    missing = [c for c in CARRIER_COLUMNS if c not in reviewed.columns]
    if missing:
        raise ValueError(f"the review table lacks columns {missing}")
    merged_frame = registry.reindex(columns=list(REGISTRY_COLUMNS)).fillna("").astype(str)
    merged_frame = merged_frame.reset_index(drop=True)
    accepted = _accepted(reviewed)
    added = merged = 0
    for _, row in accepted.iterrows():
        name = str(row["name"]).strip()
        if not name:
            continue
        forms = {normalize_name(name), normalize_name(str(row["district"]) + name)}
        same_city = merged_frame.index[merged_frame["city"] == str(row["city"])]
        match = next((i for i in same_city if _names(merged_frame.loc[i]) & forms), None)
        if match is None:
            new = _new_row(merged_frame, row)
            merged_frame = pd.concat([merged_frame, pd.DataFrame([new])], ignore_index=True)
            added += 1
            continue
        source = str(row["source_file"])
        if source and source not in merged_frame.at[match, "source_files"].split(_SEPARATOR):
            merged_frame.at[match, "source_files"] = _append(
                merged_frame.at[match, "source_files"], source
            )
            merged_frame.at[match, "source_phrases"] = _append(
                merged_frame.at[match, "source_phrases"], str(row["sentence"])
            )
        merged += 1
    return MergeResult(merged_frame, added, merged, len(reviewed) - len(accepted))
