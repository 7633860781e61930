"""Vocabulary of the carrier registry: categories, statuses, cities.

The values are the ones stored in ``data/carriers.csv`` and
``data/targets.csv``; labels are for display in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from geo_app.messages import Term

__all__ = [
    "CARRIER_COLUMNS",
    "CATEGORY_LABELS",
    "CITIES",
    "CITY_LABELS",
    "STATUS_LABELS",
    "TARGET_COLUMNS",
    "TARGET_ONLY_CATEGORIES",
    "Bound",
    "Category",
    "Status",
    "category_term",
]


class Category(StrEnum):
    """The five carrier categories, one map layer each."""

    COMMUNITY = "community"
    SMART_ISLAND = "smart_island"
    INCUBATOR = "incubator"
    PARK = "park"
    ZONE = "zone"


class Status(StrEnum):
    """Whether a carrier exists (建成, 已获批) or is planned (建设, 争创)."""

    EXISTING = "existing"
    PLANNED = "planned"


class Bound(StrEnum):
    """How a planned count is bounded in the document's wording."""

    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    RANGE = "range"
    EXACT = "exact"
    NAMED_LIST = "named_list"


#: Categories that appear only in planned counts, never as mapped carriers.
TARGET_ONLY_CATEGORIES: tuple[str, ...] = ("rd_platform", "all_carriers")

CITIES: tuple[str, ...] = ("洛阳市", "漯河市")

CITY_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "洛阳市": MappingProxyType({"zh": "洛阳市", "en": "Luoyang"}),
        "漯河市": MappingProxyType({"zh": "漯河市", "en": "Luohe"}),
    }
)

CATEGORY_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "community": MappingProxyType({"zh": "科技产业社区", "en": "S&T industry community"}),
        "smart_island": MappingProxyType({"zh": "智慧岛", "en": "Smart island"}),
        "incubator": MappingProxyType({"zh": "孵化载体", "en": "Incubator"}),
        "park": MappingProxyType({"zh": "产业园区", "en": "Park"}),
        "zone": MappingProxyType({"zh": "园区/高新区", "en": "Zone"}),
        "rd_platform": MappingProxyType({"zh": "研发平台", "en": "R&D platform"}),
        "all_carriers": MappingProxyType({"zh": "各类平台载体", "en": "All platform carriers"}),
    }
)

STATUS_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "existing": MappingProxyType({"zh": "已建成", "en": "Existing"}),
        "planned": MappingProxyType({"zh": "规划/在建", "en": "Planned"}),
    }
)

CARRIER_COLUMNS: tuple[str, ...] = (
    "id",
    "name_zh",
    "name_en",
    "category",
    "city",
    "district_as_written",
    "admin_district",
    "status",
    "out_of_area",
    "source_files",
    "source_phrases",
    "aliases",
    "note",
)

TARGET_COLUMNS: tuple[str, ...] = (
    "id",
    "city",
    "category",
    "subkind",
    "subject_zh",
    "kind",
    "bound",
    "number",
    "min",
    "max",
    "named_ids",
    "year",
    "scope",
    "source_file",
    "source_phrase",
    "note",
)


def category_term(category: str) -> Term:
    """A category for an error message: its code in English, its label in Chinese.

    Examples
    --------
    >>> category_term("park").text("zh"), str(category_term("park"))
    ('产业园区', 'park')
    """
    label = CATEGORY_LABELS.get(category, {}).get("zh", category)
    return Term(category, {"zh": label})
