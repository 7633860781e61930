"""Targets extracted from a plan document, as workspace targets with rules.

``carrier-map extract plan.docx`` writes the plan's counts as
``<plan>.targets.csv`` (columns :data:`PLAN_TARGET_COLUMNS`); once the
planner has reviewed it, ``carrier-map import <plan>.targets.csv`` adds its
targets to the workspace as one batch. The rule of each is built as for the
shipped targets (:mod:`geo_app.workspace.seed`); a named list's names are
matched to the workspace's carriers of the city (name or alias, then the
normalised name), and a name no carrier has is stated in the note.
Baselines (counts the plan reports as reached) are not targets and are
skipped, and a target the workspace already holds (same city, source file,
subject and numbers) is not added twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import pandas as pd

from geo_app.workspace.records import TARGET_EDITABLE, clean_values, split_items
from geo_app.workspace.schema import Origin
from geo_app.workspace.seed import SUBKIND_RULES

__all__ = ["PLAN_TARGET_COLUMNS", "is_plan_targets", "plan_target_values", "target_key"]

#: Columns of the extractor's targets CSV that an import needs.
PLAN_TARGET_COLUMNS: Final[tuple[str, ...]] = (
    "category",
    "subkind",
    "subject",
    "kind",
    "bound",
    "min",
    "max",
    "year",
    "city",
    "named",
    "sentence",
    "source_file",
)


def is_plan_targets(columns: Sequence[str]) -> bool:
    """Whether a table's columns are those of an extracted targets CSV.

    >>> is_plan_targets(["category", "subject", "bound", "sentence", "min"])
    True
    """
    return {"subject", "bound", "sentence", "min"} <= set(columns)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _number(value: object) -> int | None:
    text = _text(value)
    return int(float(text)) if text else None


def target_key(values: Mapping[str, object]) -> tuple[str, ...]:
    """What makes two targets the same, whatever their subject's wording.

    A named list: its city and carriers. A count: its city, source, bound,
    numbers, year and rule.
    """
    if _text(values.get("bound")) == "named_list":
        ids = sorted(split_items(_text(values.get("rule_ids"))))
        if ids:
            return (_text(values.get("city")), "named_list", *ids)
    fields = ("city", "source_file", "bound", "min", "max", "year")
    rule = ("rule_categories", "rule_levels", "rule_kinds")
    return tuple(_text(values.get(f)).removesuffix(".0") for f in (*fields, *rule))


def _carrier_ids(
    names: list[str], carriers: pd.DataFrame, city: str
) -> tuple[list[str], list[str]]:
    """Ids of the carriers of ``city`` named by ``names``, and the names no carrier has."""
    from geo_app.inventory import normalise_name  # the name spelling used for duplicates

    live = carriers[(carriers["city"] == city) & ~carriers["deleted"].astype(bool)]
    by_name: dict[str, str] = {}
    for row in live.itertuples(index=False):
        for name in [str(row.name_zh), *split_items(row.aliases)]:
            by_name.setdefault(name, str(row.id))
            by_name.setdefault(normalise_name(name), str(row.id))
    ids: list[str] = []
    missing: list[str] = []
    for name in names:
        found = by_name.get(name) or by_name.get(normalise_name(name))
        if found is None:
            missing.append(name)
        elif found not in ids:
            ids.append(found)
    return ids, missing


def plan_target_values(
    row: Mapping[str, object], carriers: pd.DataFrame, *, source: str
) -> dict[str, object]:
    """A target's values (rule included) from a row of an extracted targets CSV."""
    category, subkind = _text(row.get("category")), _text(row.get("subkind"))
    bound = _text(row.get("bound")) or "at_least"
    city = _text(row.get("city"))
    notes: list[str] = []
    values: dict[str, object] = {
        "city": city,
        "subject_zh": _text(row.get("subject")),
        "bound": bound,
        "min": _number(row.get("min")),
        "max": _number(row.get("max")),
        "year": _number(row.get("year")),
        "rule_categories": category if category not in ("", "all_carriers") else "",
        "rule_year_to": _number(row.get("year")),
        "origin": Origin.PLAN.value,
        "source_file": _text(row.get("source_file")) or source,
        "source_phrase": _text(row.get("sentence")),
    }
    if bound == "named_list":
        names = split_items(_text(row.get("named")))
        ids, missing = _carrier_ids(names, carriers, city)
        values["rule_ids"] = "|".join(ids)
        if missing:
            notes.append("Named but not in the workspace: " + "、".join(missing) + ".")
    elif subkind in SUBKIND_RULES:
        values["rule_levels"], values["rule_kinds"] = SUBKIND_RULES[subkind]
    elif subkind and subkind != category:
        notes.append(
            f"Rule: the sub-kind {subkind} is not recorded for carriers; "
            "every carrier of the category counts."
        )
    if _text(row.get("per")) == "year":
        notes.append("The plan sets this count per year.")
    values["note"] = " ".join(notes)
    return clean_values(values, TARGET_EDITABLE)
