"""The columns of a workspace: the planner's inventory of carriers and targets.

A workspace is one GeoPackage file. Its ``carriers`` layer holds every carrier
the planner keeps — seeded from the shipped registry, imported from lists,
taken from plan documents, entered or edited by hand — and its ``targets``
table the planned counts (shipped, extracted, entered) with the rule that says
which carriers count towards each. This module only names the columns; storage
lives in :mod:`geo_app.workspace.store`.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "CARRIER_FIELDS",
    "CHANGE_FIELDS",
    "JSON_FIELDS",
    "TARGET_FIELDS",
    "Origin",
]


class Origin(StrEnum):
    """Where a carrier or a target first came from."""

    REGISTRY = "registry"  # the shipped record of the plans (data/)
    LIST = "list"  # an imported CSV/XLSX list
    PLAN = "plan"  # a plan document read by the extractor
    EDIT = "edit"  # entered by hand in the app or the CLI


#: Carrier columns, in the order of the GeoPackage layer (geometry apart:
#: a WGS-84 point, or empty when only the city is known).
CARRIER_FIELDS: tuple[str, ...] = (
    "id",  # stable: registry ids (LY-INC-03) for seeded rows, W-… for the rest
    "name_zh",
    "name_en",
    "aliases",  # "|"-separated
    "category",  # geo_app.model.Category value, or "" when not recognised
    "kind",  # key of geo_app/inventory/data/kinds.csv (e.g. "maker_space"), or ""
    "level",  # geo_app.model.Level value, or ""
    "status",  # geo_app.model.Status value
    "year",  # year recognised or opened (integer), or empty
    "operator",  # 运营单位
    "address",
    "city",  # prefecture-level city, e.g. 洛阳市; "" when not known
    "admin_district",  # county-level unit; "" for a carrier known only to its city
    "precision",  # geocoding.base.Precision value (point, area, district, city) or "none"
    "lon",  # WGS-84, as the geometry; empty when precision is city or none
    "lat",
    "out_of_area",  # True for carriers outside the cities the workspace covers
    "origin",  # Origin value of the first source
    "sources",  # "|"-separated source labels: "registry", "list.csv#5", "plan.txt", "edit"
    "provenance",  # JSON object: field -> source label of its current value
    "extras",  # JSON object: the extra columns of an imported row, as read
    "review",  # one short reason this row needs the planner's look, or ""
    "deleted",  # True once deleted (recoverable through undo or restore)
    "version",  # integer, +1 on every change: an edit on an older version is refused
    "updated_at",  # ISO 8601 UTC
    "updated_by",
)

#: Columns stored as JSON text.
JSON_FIELDS: tuple[str, ...] = ("provenance", "extras")

#: Target columns (an attribute table, no geometry).
TARGET_FIELDS: tuple[str, ...] = (
    "id",  # T-LY-02 for shipped targets, T-W-… for the rest
    "city",
    "subject_zh",
    "bound",  # geo_app.model.Bound value
    "min",
    "max",
    "year",
    # the counting rule: which carriers count towards the target
    "rule_categories",  # "|"-separated Category values; "" = any
    "rule_kinds",  # "|"-separated kind keys; "" = any
    "rule_levels",  # "|"-separated Level values; "" = any
    "rule_statuses",  # "|"-separated Status values; "" = any
    "rule_year_from",  # carriers recognised/opened in [from, to]; empty = open
    "rule_year_to",
    "rule_ids",  # "|"-separated carrier ids for a named list; "" otherwise
    "origin",
    "source_file",
    "source_phrase",
    "note",
    "deleted",
    "version",
    "updated_at",
    "updated_by",
)

#: The history table: one row per change, newest last.
CHANGE_FIELDS: tuple[str, ...] = (
    "seq",  # integer, increasing
    "at",  # ISO 8601 UTC
    "who",
    "action",  # add, edit, move, status, delete, restore, merge, import, undo, target_*
    "table_name",  # carriers or targets
    "record_id",
    "before",  # JSON of the changed fields before (null for an add)
    "after",  # JSON after (null for a delete)
    "why",
    "batch",  # one id per import or merge, so undo takes back the whole step
    "undone_by",  # seq of the change that undid this one, or empty
)
