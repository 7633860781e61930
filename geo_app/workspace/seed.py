"""What a new workspace starts with: the shipped registry and targets.

Carriers
    Every registry carrier, placed as the app places it
    (:func:`geo_app.pipeline.load_carriers`). A carrier whose district the
    registry gives keeps it, with the district's representative point
    (precision ``district``). A carrier the registry knows only by its city
    gets an empty ``admin_district``, precision ``city`` and no geometry, so
    that no spatial join counts it inside the district that happens to hold
    the city's representative point. Carriers outside both cities keep their
    city, are flagged ``out_of_area`` and have no geometry.

Targets
    Every planned count (``kind == "target"``) of ``data/targets.csv``
    becomes a target with an explicit rule:

    - the category gives ``rule_categories`` (``all_carriers``: any category);
    - a sub-kind gives ``rule_levels`` and ``rule_kinds`` where the workspace
      records them (``provincial_hitech_zone`` → level provincial, kind
      ``hitech_zone``); a sub-kind it cannot express is said in the note and
      the rule counts the whole category;
    - a named list gives ``rule_ids``;
    - the plan's year gives ``rule_year_to`` (a carrier without a year counts);
    - ``rule_statuses`` is empty (existing, under construction and planned
      carriers all count, as named towards the plan), for every bound; the
      planner narrows it by editing the rule.

    Baselines (``kind == "baseline"``: counts the plans report as reached,
    e.g. 2,853 platforms in 2021) are not targets and are not seeded.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Final

import pandas as pd

from geo_app.config import Settings
from geo_app.model import Category
from geo_app.pipeline import load_carriers
from geo_app.registry import read_targets, split_list
from geo_app.workspace.backend import WorkspaceTransaction
from geo_app.workspace.gpkg import CARRIERS, TARGETS
from geo_app.workspace.records import new_carrier, utc_now
from geo_app.workspace.schema import TARGET_FIELDS, Origin

__all__ = ["SUBKIND_RULES", "registry_carriers", "seed_workspace", "shipped_targets"]

SEED_WHO: Final[str] = "carrier-map"

#: Sub-kind of a shipped target → (rule_levels, rule_kinds); kinds as in
#: geo_app/inventory/data/kinds.csv.
SUBKIND_RULES: Final[Mapping[str, tuple[str, str]]] = {
    "provincial_hitech_zone": ("provincial", "hitech_zone"),
    "national_hitech_zone": ("national", "hitech_zone"),
    "municipal_agri_park": ("municipal", "agri_park"),
    "provincial_agri_park": ("provincial", "agri_park"),
    "national_torch_base": ("national", "torch_base"),
    "provincial_maker_space": ("provincial", "maker_space"),
    "provincial_star_space": ("provincial", "star_space"),
    "national_key_lab": ("national", "key_lab"),
    "provincial_key_lab": ("provincial", "key_lab"),
    "municipal_key_lab": ("municipal", "key_lab"),
    "municipal_pilot_base": ("municipal", "pilot_base"),
    "provincial_pilot_base": ("provincial", "pilot_base"),
    "new_rd_institution": ("", "new_rd_institution"),
    "provincial_eng_center": ("provincial", "eng_center"),
    "municipal_eng_center": ("municipal", "eng_center"),
    "eng_center": ("", "eng_center"),
}
_CATEGORIES: Final[frozenset[str]] = frozenset(c.value for c in Category)

Classify = Callable[[str], tuple[str, str]]


def _classifier() -> Classify | None:
    """Kind and level from a carrier's name, when :mod:`geo_app.inventory` is installed."""
    try:
        module = importlib.import_module("geo_app.inventory")
        classify = module.classify_carrier
    except (ImportError, AttributeError):
        return None

    def kind_level(name: str) -> tuple[str, str]:
        found = classify(name)
        return str(getattr(found, "kind", "") or ""), str(getattr(found, "level", "") or "")

    return kind_level


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _carrier_values(row: Mapping[str, object], classify: Classify | None) -> dict[str, object]:
    files = split_list(_text(row.get("source_files")))
    cited = files[0] if files else "registry"
    precision = _text(row.get("precision")) or "none"
    district = _text(row.get("admin_district"))
    geometry = row.get("geometry")
    drawn = geometry is not None and precision not in ("city", "none")
    where = _text(row.get("coord_source")) or cited
    extras = {
        k: _text(row.get(k))
        for k in ("district_as_written", "note", "source_phrases")
        if _text(row.get(k))
    }
    kind, level = classify(_text(row["name_zh"])) if classify else ("", "")
    return {
        "name_zh": _text(row["name_zh"]),
        "name_en": _text(row.get("name_en")),
        "aliases": _text(row.get("aliases")),
        "category": _text(row["category"]),
        "kind": kind,
        "level": level,
        "status": _text(row["status"]),
        "city": _text(row["city"]),
        "admin_district": district if precision != "city" else "",
        "precision": precision,
        "lon": float(geometry.x) if drawn else None,  # type: ignore[attr-defined]
        "lat": float(geometry.y) if drawn else None,  # type: ignore[attr-defined]
        "out_of_area": bool(row.get("out_of_area")),
        "origin": Origin.REGISTRY.value,
        "sources": "|".join(["registry", *files]),
        "provenance": {
            **dict.fromkeys(("name_zh", "category", "status", "city", "admin_district"), cited),
            **({"lon": where, "lat": where, "precision": where} if drawn else {}),
        },
        "extras": extras,
        "review": "" if row.get("out_of_area") else _text(row.get("reason")),
    }


def registry_carriers(settings: Settings, *, at: str) -> list[dict[str, object]]:
    """The registry's carriers as workspace records (placed first, then unplaced)."""
    layers = load_carriers(settings)
    classify = _classifier()
    records = []
    for frame in (layers.placed, layers.unplaced):
        for row in frame.to_dict("records"):
            values = _carrier_values(row, classify)
            records.append(new_carrier(values, cid=str(row["id"]), who=SEED_WHO, at=at))
    return records


def _rule(row: Mapping[str, object]) -> dict[str, object]:
    category, subkind = _text(row["category"]), _text(row.get("subkind"))
    rule: dict[str, object] = {
        "rule_categories": category if category != "all_carriers" else "",
        "rule_levels": "",
        "rule_kinds": "",
        "rule_statuses": "",
        "rule_year_from": None,
        "rule_year_to": None if pd.isna(row["year"]) else int(row["year"]),  # type: ignore[call-overload]
        "rule_ids": "",
    }
    if row["bound"] == "named_list":
        rule["rule_ids"] = "|".join(split_list(_text(row.get("named_ids"))))
    elif subkind in SUBKIND_RULES:
        rule["rule_levels"], rule["rule_kinds"] = SUBKIND_RULES[subkind]
    return rule


def shipped_targets(settings: Settings, *, at: str) -> list[dict[str, object]]:
    """The shipped planned counts (baselines left out) with explicit rules."""
    table = read_targets(settings.targets_file)
    records = []
    for row in table[table["kind"] == "target"].to_dict("records"):
        subkind = _text(row.get("subkind"))
        note = _text(row.get("note"))
        if subkind and subkind not in SUBKIND_RULES and row["bound"] != "named_list":
            note = (note + " " if note else "") + (
                f"Rule: the sub-kind {subkind} is not recorded for carriers; "
                "every carrier of the category counts."
            )
        record: dict[str, object] = dict.fromkeys(TARGET_FIELDS, "")
        record.update(
            id=_text(row["id"]),
            city=_text(row["city"]),
            subject_zh=_text(row["subject_zh"]),
            bound=_text(row["bound"]),
            min=None if pd.isna(row["min"]) else int(row["min"]),
            max=None if pd.isna(row["max"]) else int(row["max"]),
            year=None if pd.isna(row["year"]) else int(row["year"]),
            origin=Origin.REGISTRY.value,
            source_file=_text(row.get("source_file")),
            source_phrase=_text(row.get("source_phrase")),
            note=note,
            deleted=False,
            version=1,
            updated_at=at,
            updated_by=SEED_WHO,
            **_rule(row),
        )
        records.append(record)
    return records


def seed_workspace(tx: WorkspaceTransaction, settings: Settings) -> None:
    """Fill a new workspace with the shipped registry and targets (inside ``tx``)."""
    from geo_app.workspace.covering import seed_cities

    at = utc_now()
    seed_cities(tx, settings)
    tx.insert(CARRIERS, registry_carriers(settings, at=at))
    tx.insert(TARGETS, shipped_targets(settings, at=at))
