"""Read and validate the carrier registry and the planned counts.

Both are UTF-8 CSV files a planner can edit in a spreadsheet; every problem is
reported with the file, the row (as the spreadsheet numbers it: the header is
row 1) and the column.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

import pandas as pd

from geo_app._cells import tidy_cell
from geo_app.archives import read_csv_text, read_utf8_text
from geo_app.cities import all_cities
from geo_app.errors import DataFileError
from geo_app.model import (
    CARRIER_COLUMNS,
    TARGET_COLUMNS,
    TARGET_ONLY_CATEGORIES,
    Bound,
    Category,
    Status,
)

__all__ = ["read_registry", "read_targets", "split_list"]

_CATEGORIES = frozenset(c.value for c in Category)
_TARGET_CATEGORIES = _CATEGORIES | frozenset(TARGET_ONLY_CATEGORIES)
_STATUSES = frozenset(s.value for s in Status)
_BOUNDS = frozenset(b.value for b in Bound)


def _city_names() -> frozenset[str]:
    """Names of every city of the City records (``data/cities/cities.csv``)."""
    return frozenset(city.name for city in all_cities())


_BOOLS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def split_list(value: str) -> list[str]:
    """Split a ``|``-separated cell into its non-empty, stripped parts.

    Parts are stripped as cells are (:func:`geo_app._cells.tidy_cell`): never
    into a formula.

    Examples
    --------
    >>> split_list("周山智慧岛| Zhoushan smart island |")
    ['周山智慧岛', 'Zhoushan smart island']
    """
    return [tidy_cell(part) for part in value.split("|") if part.strip()]


def _read_csv(path: Path, required: Sequence[str]) -> pd.DataFrame:
    text = read_utf8_text(path)
    frame = read_csv_text(text, path)
    frame.columns = [tidy_cell(str(c)) for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataFileError(
            path, code="registry.missing_columns", params={"columns": ", ".join(missing)}, row=1
        )
    return frame.apply(lambda col: col.map(tidy_cell))


def _check_values(
    path: Path, frame: pd.DataFrame, column: str, allowed: Iterable[str], *, optional: bool = False
) -> None:
    allowed_set = frozenset(allowed)
    for index, value in frame[column].items():
        if optional and value == "":
            continue
        if value not in allowed_set:
            shown = ", ".join(sorted(allowed_set))
            raise DataFileError(
                path,
                code="registry.unknown_value",
                params={"value": value, "allowed": shown},
                row=int(str(index)) + 2,
                column=column,
                value=value,
            )


def _check_required(path: Path, frame: pd.DataFrame, columns: Sequence[str]) -> None:
    for column in columns:
        empty = frame.index[frame[column] == ""]
        if len(empty):
            raise DataFileError(
                path, code="registry.required", row=int(empty[0]) + 2, column=column
            )


def _check_unique(path: Path, frame: pd.DataFrame, column: str) -> None:
    dup = frame.index[frame[column].duplicated()]
    if len(dup):
        value = frame.at[dup[0], column]
        raise DataFileError(
            path,
            code="registry.duplicate_id",
            params={"value": value},
            row=int(dup[0]) + 2,
            column=column,
            value=value,
        )


def read_registry(path: str | Path) -> pd.DataFrame:
    """Read the carrier registry, validating every row.

    Parameters
    ----------
    path
        A CSV with the columns of :data:`geo_app.model.CARRIER_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        One row per carrier; ``out_of_area`` is a bool column, the others text.

    Raises
    ------
    DataFileError
        Missing file or column, unknown category/status/city, empty
        required cell, duplicate id — naming the file, row and column.

    Examples
    --------
    >>> from geo_app.config import Settings
    >>> reg = read_registry(Settings().registry_file)
    >>> sorted(reg["category"].unique())
    ['community', 'incubator', 'park', 'smart_island', 'zone']
    """
    path = Path(path)
    frame = _read_csv(path, CARRIER_COLUMNS)
    _check_required(path, frame, ("id", "name_zh", "category", "city", "status"))
    _check_unique(path, frame, "id")
    _check_values(path, frame, "category", _CATEGORIES)
    _check_values(path, frame, "status", _STATUSES)
    _check_values(path, frame, "city", _city_names())
    for index, value in frame["out_of_area"].items():
        if value.lower() not in _BOOLS:
            raise DataFileError(
                path,
                code="registry.expected_bool",
                params={"value": value},
                row=int(str(index)) + 2,
                column="out_of_area",
                value=value,
            )
    frame["out_of_area"] = frame["out_of_area"].str.lower().map(_BOOLS).astype(bool)
    for index, row in frame.iterrows():
        files, phrases = split_list(row["source_files"]), split_list(row["source_phrases"])
        if len(files) != len(phrases):
            raise DataFileError(
                path,
                code="registry.phrases_mismatch",
                params={"files": len(files), "phrases": len(phrases)},
                row=int(str(index)) + 2,
                column="source_phrases",
            )
    return frame


#: Largest planned count accepted: the plans ask for tens to hundreds of carriers.
MAX_COUNT: Final[int] = 100_000
#: Years a plan's count may refer to.
YEARS: Final[tuple[int, int]] = (1949, 2100)


def _whole_number(path: Path, value: str, row: int, column: str) -> int:
    """A count or year cell as an int; finite, whole, and within its range."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    code, params = _count_problem(number, value, column)
    if code is not None:
        raise DataFileError(path, code=code, params=params, row=row, column=column, value=value)
    return int(number)


def _count_problem(number: float, value: str, column: str) -> tuple[str | None, dict[str, object]]:
    """The message code (or None) for a count or year cell read as ``number``."""
    if not math.isfinite(number) or not number.is_integer():
        return "targets.not_whole_number", {"value": value}
    if column == "year":
        lo, hi = YEARS
        bad = not lo <= number <= hi
        return ("targets.bad_year" if bad else None), {"value": value, "lo": str(lo), "hi": str(hi)}
    if number < 0:
        return "targets.negative", {"value": value}
    if number > MAX_COUNT:
        return "targets.too_large", {"value": value, "limit": MAX_COUNT}
    return None, {}


def _parse_int(path: Path, frame: pd.DataFrame, column: str) -> pd.Series:
    out = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    for index, value in frame[column].items():
        if value != "":
            out[index] = _whole_number(path, value, int(str(index)) + 2, column)
    return out


def read_targets(path: str | Path) -> pd.DataFrame:
    """Read the planned counts, validating every row.

    Parameters
    ----------
    path
        A CSV with the columns of :data:`geo_app.model.TARGET_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        ``number``, ``min``, ``max`` and ``year`` are nullable integers.

    Raises
    ------
    DataFileError
        Unknown category or bound, a bound without the numbers it needs
        (``range`` needs min and max, ``at_least`` needs min), non-numeric
        counts — naming the file, row and column.

    Examples
    --------
    >>> from geo_app.config import Settings
    >>> t = read_targets(Settings().targets_file)
    >>> int(t.loc[t["id"] == "T-LY-01", "min"].iloc[0])
    20
    """
    path = Path(path)
    frame = _read_csv(path, TARGET_COLUMNS)
    _check_required(path, frame, ("id", "city", "category", "kind", "bound"))
    _check_unique(path, frame, "id")
    _check_values(path, frame, "category", _TARGET_CATEGORIES)
    _check_values(path, frame, "bound", _BOUNDS)
    _check_values(path, frame, "kind", ("target", "baseline"))
    _check_values(path, frame, "city", _city_names())
    for column in ("number", "min", "max", "year"):
        frame[column] = _parse_int(path, frame, column)
    for index, row in frame.iterrows():
        line = int(str(index)) + 2
        bound = {"bound": row["bound"]}
        if pd.isna(row["min"]):
            raise DataFileError(
                path, code="targets.needs_min", params=bound, row=line, column="min"
            )
        if row["bound"] in ("range", "about", "exact", "named_list") and pd.isna(row["max"]):
            raise DataFileError(
                path, code="targets.needs_max", params=bound, row=line, column="max"
            )
        if not pd.isna(row["max"]) and row["max"] < row["min"]:
            raise DataFileError(path, code="targets.max_below_min", row=line, column="max")
        if row["bound"] == "named_list" and not split_list(row["named_ids"]):
            raise DataFileError(
                path, code="targets.named_list_needs_ids", row=line, column="named_ids"
            )
    return frame
