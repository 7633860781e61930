"""A planner's own lists turned into candidate carriers of the workspace.

Pure functions, no storage (the workspace stores what they return):

* :func:`read_carrier_list` reads a list — CSV in UTF-8/UTF-8-BOM/GBK/GB18030
  or XLSX/XLS, title rows and merged cells above the header as government
  attachments have them — into rows with the workspace's carrier columns,
  every extra column kept and each field's provenance;
* :func:`classify_carrier` gives a row's category, kind and level from the
  kinds table (``data/kinds.csv``);
* :func:`resolve_place` reads city and county-level unit from a text through
  the places table built from the City records (``data/cities/``: units,
  former names, functional zones) of the covered cities;
* :func:`match_duplicates` finds the same carrier in two sources, and
  :func:`normalise_name` is the spelling names are compared in.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo_app.batch._header import detect_header_row
    from geo_app.inventory._dedup import MATCH_COLUMNS, MATCH_REASONS, match_duplicates
    from geo_app.inventory._kinds import (
        KINDS_CSV,
        Classification,
        Kind,
        classify_carrier,
        kinds,
    )
    from geo_app.inventory._names import normalise_name
    from geo_app.inventory._places import (
        Place,
        PlaceRow,
        city_place_rows,
        place_rows,
        resolve_place,
    )
    from geo_app.inventory._read import (
        CANDIDATE_FIELDS,
        LIST_ROLES,
        CarrierList,
        detect_list_roles,
        read_carrier_list,
    )
    from geo_app.inventory._rows import MAX_REVIEW_CHARS

#: Where each public name lives. Parts are imported on first use: the kinds
#: table alone (labels on the targets page) must not pull in the list reader
#: and its duplicate matching.
_HOMES: dict[str, str] = {
    "detect_header_row": "geo_app.batch._header",
    "MATCH_COLUMNS": "geo_app.inventory._dedup",
    "MATCH_REASONS": "geo_app.inventory._dedup",
    "match_duplicates": "geo_app.inventory._dedup",
    "KINDS_CSV": "geo_app.inventory._kinds",
    "Classification": "geo_app.inventory._kinds",
    "Kind": "geo_app.inventory._kinds",
    "classify_carrier": "geo_app.inventory._kinds",
    "kinds": "geo_app.inventory._kinds",
    "normalise_name": "geo_app.inventory._names",
    "Place": "geo_app.inventory._places",
    "PlaceRow": "geo_app.inventory._places",
    "city_place_rows": "geo_app.inventory._places",
    "place_rows": "geo_app.inventory._places",
    "resolve_place": "geo_app.inventory._places",
    "CANDIDATE_FIELDS": "geo_app.inventory._read",
    "LIST_ROLES": "geo_app.inventory._read",
    "CarrierList": "geo_app.inventory._read",
    "detect_list_roles": "geo_app.inventory._read",
    "read_carrier_list": "geo_app.inventory._read",
    "MAX_REVIEW_CHARS": "geo_app.inventory._rows",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'geo_app.inventory' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "CANDIDATE_FIELDS",
    "KINDS_CSV",
    "LIST_ROLES",
    "MATCH_COLUMNS",
    "MATCH_REASONS",
    "MAX_REVIEW_CHARS",
    "CarrierList",
    "Classification",
    "Kind",
    "Place",
    "PlaceRow",
    "city_place_rows",
    "classify_carrier",
    "detect_header_row",
    "detect_list_roles",
    "kinds",
    "match_duplicates",
    "normalise_name",
    "place_rows",
    "read_carrier_list",
    "resolve_place",
]
