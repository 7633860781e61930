"""The workspace's carriers in the shapes the map, the analysis and the exports take.

The map, coverage, site selection and the exports were written for the
registry's placed/unplaced split (:class:`geo_app.pipeline.CarrierLayers`).
:func:`carrier_layers` gives the workspace's live carriers in that shape:

- ``placed``: carriers with a point (precision point, area or district);
- ``unplaced``: carriers without one — those known only to their city
  (empty ``admin_district``, ``precision`` = ``city``) and those outside the
  covered cities or not located (``precision`` = ``none``) — with a ``reason``.

A carrier known only to its city is never given the city's representative
point, which lies inside one district: a GIS user filters them by
``precision = 'city'`` (or an empty ``admin_district``).
"""

from __future__ import annotations

from typing import Final

import geopandas as gpd
import pandas as pd

from geo_app.pipeline import CarrierLayers
from geo_app.workspace.records import split_items

__all__ = ["EXPORT_COLUMNS", "carrier_layers", "registry_targets", "workspace_gap_table"]

#: Columns of the exported carriers, in order (the registry's first, then the workspace's).
EXPORT_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "name_zh",
    "name_en",
    "category",
    "kind",
    "level",
    "status",
    "year",
    "operator",
    "address",
    "city",
    "district_as_written",
    "admin_district",
    "precision",
    "approximate",
    "lon",
    "lat",
    "out_of_area",
    "origin",
    "sources",
    "source_files",
    "source_phrases",
    "aliases",
    "note",
    "review",
    "coord_source",
    "provider",
    "version",
    "updated_at",
    "updated_by",
)


def _extra(extras: object, key: str) -> str:
    return str(extras.get(key, "")) if isinstance(extras, dict) else ""


def _reason(row: pd.Series) -> str:
    if row["out_of_area"]:
        return "out of area: outside the covered cities"
    if row["precision"] == "city":
        return "known only to its city: no point, counted for the city"
    return str(row["review"]) or "no location"


def carrier_layers(carriers: gpd.GeoDataFrame) -> CarrierLayers:
    """Live carriers of a workspace split into placed and unplaced, registry-shaped.

    Parameters
    ----------
    carriers
        ``Workspace.carriers()``.

    Returns
    -------
    CarrierLayers
        ``placed`` (EPSG:4326 points) and ``unplaced`` (no geometry, with
        ``reason``), both with :data:`EXPORT_COLUMNS`.
    """
    live = carriers[~carriers["deleted"].astype(bool)] if "deleted" in carriers else carriers
    frame = pd.DataFrame(live.drop(columns=live.geometry.name))
    extras = frame["extras"] if "extras" in frame else pd.Series([{}] * len(frame), frame.index)
    provenance = frame.get("provenance", pd.Series([{}] * len(frame), frame.index))
    frame["district_as_written"] = [_extra(e, "district_as_written") for e in extras]
    frame["note"] = [_extra(e, "note") for e in extras]
    frame["source_phrases"] = [_extra(e, "source_phrases") for e in extras]
    frame["source_files"] = [
        "|".join(s for s in split_items(v) if s != "registry") for v in frame["sources"]
    ]
    frame["approximate"] = frame["precision"].isin(["district", "city"])
    frame["coord_source"] = [
        str(p.get("lon", "")) if isinstance(p, dict) else "" for p in provenance
    ]
    frame["provider"] = "workspace"
    frame = frame[list(EXPORT_COLUMNS)]
    drawn = live.geometry.notna().to_numpy()
    placed = gpd.GeoDataFrame(
        frame[drawn], geometry=live.geometry[drawn].to_numpy(), crs=4326
    ).reset_index(drop=True)
    unplaced = frame[~drawn].reset_index(drop=True)
    unplaced["reason"] = [_reason(r) for _, r in unplaced.iterrows()]
    return CarrierLayers(placed=placed, unplaced=unplaced)


def _rule_category(categories: str) -> str:
    items = split_items(categories)
    return items[0] if len(items) == 1 else "all_carriers"


def _subkind(target: pd.Series) -> str:
    """A registry-style sub-kind (``provincial_hitech_zone``) for a narrowed rule, else ""."""
    parts = [*split_items(target["rule_levels"]), *split_items(target["rule_kinds"])]
    return "_".join(parts)


def registry_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """Workspace targets in the columns of :func:`geo_app.registry.read_targets`.

    For the allocation and site selection, which read a named list's
    carriers from ``named_ids`` and leave sub-kinds alone.
    """
    live = targets[~targets["deleted"].astype(bool)] if "deleted" in targets else targets
    out = pd.DataFrame(
        {
            "id": live["id"],
            "city": live["city"],
            "category": [_rule_category(v) for v in live["rule_categories"]],
            "subkind": [_subkind(t) for _, t in live.iterrows()],
            "subject_zh": live["subject_zh"],
            "kind": "target",
            "bound": live["bound"],
            "number": live["min"],
            "min": live["min"],
            "max": live["max"],
            "named_ids": live["rule_ids"],
            "year": live["year"],
            "scope": "city",
            "source_file": live["source_file"],
            "source_phrase": live["source_phrase"],
            "note": live["note"],
        }
    )
    return out.reset_index(drop=True)


def workspace_gap_table(targets: pd.DataFrame, carriers: gpd.GeoDataFrame) -> pd.DataFrame:
    """:func:`geo_app.targets.gap_table`'s columns, counted from the workspace by each rule.

    ``named`` is what the rule counts, ``existing`` the part of it that
    exists, ``mapped`` the part drawn on the map (city-level carriers are not).
    """
    from geo_app.targets import GAP_COLUMNS  # the legacy table's columns
    from geo_app.workspace.counting import count_targets

    counted = count_targets(targets, carriers)
    live = carriers[~carriers["deleted"].astype(bool)] if "deleted" in carriers else carriers
    status = dict(zip(live["id"], live["status"], strict=True))
    drawn = set(live.loc[live.geometry.notna(), "id"])
    legacy = registry_targets(targets).set_index("id")
    rows = []
    for row in counted.to_dict("records"):
        ids = split_items(row["carrier_ids"])
        existing = sum(status.get(i) == "existing" for i in ids)
        rows.append(
            {
                "target_id": row["id"],
                "city": row["city"],
                "category": legacy.loc[row["id"], "category"],
                "subkind": legacy.loc[row["id"], "subkind"],
                "subject_zh": row["subject_zh"],
                "target": row["target"],
                "bound": row["bound"],
                "min": row["min"],
                "max": row["max"],
                "year": row["year"],
                "existing": existing,
                "planned_named": len(ids) - existing,
                "named": len(ids),
                "mapped": sum(i in drawn for i in ids),
                "gap": row["gap"],
                "share": row["share"],
                "conflicts_with": "",
                "source_file": row["source_file"],
                "source_phrase": row["source_phrase"],
            }
        )
    out = pd.DataFrame(rows, columns=list(GAP_COLUMNS))
    for col in ("existing", "planned_named", "named", "mapped", "gap", "max", "year", "min"):
        out[col] = out[col].astype("Int64")
    out["share"] = out["share"].astype("Float64")
    return out
