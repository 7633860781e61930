"""Vocabulary of the carrier registry: categories, statuses, cities.

The values are the ones stored in ``data/carriers.csv`` and
``data/targets.csv``; labels are for display in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from geo_app.cities.registry import all_cities, shipped_cities
from geo_app.messages import Term

__all__ = [
    "CARRIER_COLUMNS",
    "CATEGORY_LABELS",
    "CITIES",
    "CITY_LABELS",
    "LEVEL_LABELS",
    "STATUS_LABELS",
    "TARGET_COLUMNS",
    "TARGET_ONLY_CATEGORIES",
    "Bound",
    "Category",
    "Level",
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
    """Whether a carrier exists (建成, 已获批), is planned (规划, 争创) or being built (在建)."""

    EXISTING = "existing"
    PLANNED = "planned"
    UNDER_CONSTRUCTION = "under_construction"


class Level(StrEnum):
    """Who recognised a carrier: the state, the province or the city (国家级/省级/市级)."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"


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

#: The cities the app covers out of the box, from their City records
#: (``data/cities/cities.csv``, ``shipped = true``): 洛阳市, 漯河市. A
#: workspace may cover more (:meth:`geo_app.workspace.Workspace.cities`).
CITIES: tuple[str, ...] = tuple(city.name for city in shipped_cities())

#: Display names of every city of the records, ``{name: {"zh": …, "en": …}}``.
CITY_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        city.name: MappingProxyType({"zh": city.label("zh"), "en": city.label("en")})
        for city in all_cities()
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
        "planned": MappingProxyType({"zh": "规划", "en": "Planned"}),
        "under_construction": MappingProxyType({"zh": "在建", "en": "Under construction"}),
    }
)

LEVEL_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "national": MappingProxyType({"zh": "国家级", "en": "National"}),
        "provincial": MappingProxyType({"zh": "省级", "en": "Provincial"}),
        "municipal": MappingProxyType({"zh": "市级", "en": "Municipal"}),
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
