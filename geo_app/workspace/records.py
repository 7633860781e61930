"""Values of workspace records: checked, coerced and compared.

Every value that enters a workspace goes through :func:`clean_values`, so a
form in the app, the command line and an imported list get the same checks
and the same clear errors (:class:`~geo_app.errors.WorkspaceError`, codes
``workspace.*``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping
from typing import Final

import numpy as np
import pandas as pd

from geo_app.errors import WorkspaceError
from geo_app.model import Bound, Category, Level, Status
from geo_app.workspace.schema import CARRIER_FIELDS, TARGET_FIELDS, Origin

__all__ = [
    "CARRIER_EDITABLE",
    "NO_POINT",
    "PRECISIONS",
    "TARGET_EDITABLE",
    "clean_values",
    "located",
    "new_carrier",
    "plain",
    "split_items",
    "utc_now",
]

_BOOKKEEPING: Final[frozenset[str]] = frozenset(
    {"id", "version", "updated_at", "updated_by", "deleted"}
)
#: Carrier fields a change may set.
CARRIER_EDITABLE: Final[tuple[str, ...]] = tuple(f for f in CARRIER_FIELDS if f not in _BOOKKEEPING)
#: Target fields a change may set.
TARGET_EDITABLE: Final[tuple[str, ...]] = tuple(f for f in TARGET_FIELDS if f not in _BOOKKEEPING)

PRECISIONS: Final[tuple[str, ...]] = ("point", "area", "district", "city", "none")
#: Precisions without a point: only the city (or nothing) is known.
NO_POINT: Final[tuple[str, ...]] = ("city", "none")
_CATEGORIES: Final[tuple[str, ...]] = (*(c.value for c in Category), "rd_platform", "")
_RULE_CATEGORIES: Final[tuple[str, ...]] = (*(c.value for c in Category), "rd_platform")
_YEARS: Final[tuple[int, int]] = (1949, 2100)


def utc_now() -> str:
    """The current time, ISO 8601 UTC to the second (``2026-12-05T09:10:00Z``)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def split_items(value: object) -> list[str]:
    """The items of a ``|``-separated cell, stripped, empty ones dropped.

    >>> split_items(" a | b||")
    ['a', 'b']
    """
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split("|") if part.strip()]


def plain(value: object) -> object:
    """A value as JSON holds it: numpy scalars unwrapped, NaN/NA as None.

    >>> plain(np.int64(3)), plain(float("nan")), plain(pd.NA)
    (3, None, None)
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool:
        return value  # the common case first: this runs for every cell of an import
    if kind is float:
        return None if math.isnan(value) else value  # type: ignore[arg-type]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return value


def _bad(field: str, value: object, expected: str) -> WorkspaceError:
    return WorkspaceError(
        code="workspace.bad_value", params={"field": field, "value": value, "expected": expected}
    )


def _text(field: str, value: object) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _choice(options: tuple[str, ...]) -> Callable[[str, object], str]:
    def check(field: str, value: object) -> str:
        text = _text(field, value)
        if text not in options:
            raise _bad(field, text, " | ".join(o or '""' for o in options))
        return text

    return check


def _items(options: tuple[str, ...]) -> Callable[[str, object], str]:
    def check(field: str, value: object) -> str:
        items = split_items(_text(field, value))
        for item in items:
            if item not in options:
                raise _bad(field, item, " | ".join(options))
        return "|".join(items)

    return check


def _year(field: str, value: object) -> int | None:
    value = plain(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip().removesuffix("年"))
    except ValueError as err:
        raise _bad(field, value, "a year such as 2023") from err
    lo, hi = _YEARS
    if not number.is_integer() or not lo <= number <= hi:
        raise _bad(field, value, f"a year between {lo} and {hi}")
    return int(number)


def _count(field: str, value: object) -> int | None:
    value = plain(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip())
    except ValueError as err:
        raise _bad(field, value, "a whole number") from err
    if not number.is_integer() or number < 0:
        raise _bad(field, value, "a whole number ≥ 0")
    return int(number)


def _coordinate(field: str, value: object) -> float | None:
    value = plain(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value))
    except ValueError as err:
        raise _bad(field, value, "degrees, WGS-84") from err
    limit = 180.0 if field == "lon" else 90.0
    if not math.isfinite(number) or abs(number) > limit:
        raise _bad(field, value, f"degrees between -{limit:g} and {limit:g}")
    return number


def _flag(field: str, value: object) -> bool:
    value = plain(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "1", "yes", "是"):
            return True
        if text in ("false", "0", "no", "否", ""):
            return False
        raise _bad(field, value, "true or false")
    return bool(value)


def _json(field: str, value: object) -> dict[str, object]:
    value = plain(value)
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as err:
            raise _bad(field, value, "a JSON object") from err
    if not isinstance(value, dict):
        raise _bad(field, value, "a JSON object")
    return {str(k): plain(v) for k, v in value.items()}


_CHECKS: Final[Mapping[str, Callable[[str, object], object]]] = {
    "category": _choice(_CATEGORIES),
    "level": _choice((*(lv.value for lv in Level), "")),
    "status": _choice(tuple(s.value for s in Status)),
    "precision": _choice(PRECISIONS),
    "bound": _choice(tuple(b.value for b in Bound)),
    "rule_categories": _items(_RULE_CATEGORIES),
    "rule_levels": _items(tuple(lv.value for lv in Level)),
    "rule_statuses": _items(tuple(s.value for s in Status)),
    "year": _year,
    "rule_year_from": _year,
    "rule_year_to": _year,
    "min": _count,
    "max": _count,
    "lon": _coordinate,
    "lat": _coordinate,
    "out_of_area": _flag,
    "provenance": _json,
    "extras": _json,
}


def clean_values(values: Mapping[str, object], editable: tuple[str, ...]) -> dict[str, object]:
    """Check and coerce the fields of a change.

    Parameters
    ----------
    values
        Field → new value.
    editable
        The fields that may be set (:data:`CARRIER_EDITABLE` or :data:`TARGET_EDITABLE`).

    Raises
    ------
    WorkspaceError
        ``workspace.unknown_field`` for a field not in ``editable``;
        ``workspace.bad_value`` for a value the field does not take.

    Examples
    --------
    >>> clean_values({"year": "2021", "status": "planned"}, CARRIER_EDITABLE)
    {'year': 2021, 'status': 'planned'}
    """
    out: dict[str, object] = {}
    for field, value in values.items():
        if field not in editable:
            raise WorkspaceError(
                code="workspace.unknown_field",
                params={"field": field, "allowed": ", ".join(editable)},
            )
        check = _CHECKS.get(field, _text)
        out[field] = check(field, value)
    return out


def located(record: Mapping[str, object], clean: Mapping[str, object]) -> dict[str, object]:
    """``clean`` completed so the carrier's place stays consistent after the change.

    A carrier left with no district but placed at a district's representative
    point becomes city-level; one whose precision is ``city`` or ``none`` has
    no coordinates.

    >>> located({"admin_district": "涧西区", "precision": "district", "lon": 112.3, "lat": 34.6},
    ...         {"admin_district": ""})
    {'admin_district': '', 'precision': 'city', 'lon': None, 'lat': None}
    """
    out = dict(clean)
    merged = {**record, **clean}
    if merged.get("admin_district") == "" and merged.get("precision") == "district":
        out["precision"] = "city"
    if out.get("precision", merged.get("precision")) in NO_POINT:
        out.update(lon=None, lat=None)
    return out


def new_carrier(values: Mapping[str, object], *, cid: str, who: str, at: str) -> dict[str, object]:
    """A full carrier record from cleaned ``values``, with defaults for the rest.

    A carrier known only to its city (or to no place) has no coordinates.

    >>> r = new_carrier({"name_zh": "甲", "precision": "city", "lon": 1.0}, cid="W-1", who="li",
    ...                 at="2026-01-01T00:00:00Z")
    >>> r["lon"], r["version"], r["status"]
    (None, 1, 'existing')
    """
    record: dict[str, object] = dict.fromkeys(CARRIER_FIELDS, "")
    record.update(
        year=None,
        lon=None,
        lat=None,
        out_of_area=False,
        status="existing",
        precision="none",
        origin=Origin.EDIT.value,
        provenance={},
        extras={},
        deleted=False,
    )
    record.update(located(record, values))
    record.update(id=cid, version=1, updated_at=at, updated_by=who)
    return record
