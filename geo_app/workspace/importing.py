"""Importing a list into a workspace, and folding one carrier into another.

An import is one batch in one transaction: the whole list is in the
workspace, or none of it. Each row is known by its source label
(``list.csv#5``: the file and the spreadsheet row); a row whose label a live
carrier already holds is skipped, so running an interrupted or repeated
import again adds nothing twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import pandas as pd

from geo_app.errors import WorkspaceError
from geo_app.workspace.backend import WorkspaceTransaction
from geo_app.workspace.gpkg import CARRIERS
from geo_app.workspace.history import apply_change, change_row, new_batch
from geo_app.workspace.records import (
    CARRIER_EDITABLE,
    clean_values,
    new_carrier,
    plain,
    split_items,
    utc_now,
)
from geo_app.workspace.schema import Origin

__all__ = ["ImportReport", "import_rows", "merge_values"]

#: Fields a merge fills on the kept carrier when it has none.
_FILL: Final[tuple[str, ...]] = (
    "name_en",
    "category",
    "kind",
    "level",
    "year",
    "operator",
    "address",
    "city",
    "admin_district",
)
# Best first: a merge keeps the better location.
_PRECISION_RANK: Final[Mapping[str, int]] = {
    "point": 0,
    "area": 1,
    "district": 2,
    "city": 3,
    "none": 4,
    "": 5,
}


@dataclass(frozen=True)
class ImportReport:
    """What an import did.

    Attributes
    ----------
    added
        New carriers.
    merged
        Rows folded into existing carriers (``merge_into``).
    flagged
        Rows (added or merged) with a review reason.
    skipped
        Rows already in the workspace (their source label is held by a live carrier).
    batch
        The history batch of the import ("" when nothing was written).
    ids
        The ids of the new carriers, in row order.
    """

    added: int
    merged: int
    flagged: int
    skipped: int = 0
    batch: str = ""
    ids: tuple[str, ...] = ()


def _empty(value: object) -> bool:
    if type(value) is str:
        return not value
    value = plain(value)
    return value is None or value == "" or value == {}


def merge_values(
    keep: Mapping[str, object], other: Mapping[str, object], *, source: str
) -> dict[str, object]:
    """The values that fold ``other`` into ``keep``: both provenances survive.

    Names and aliases, sources and extra columns are united; the fields
    ``keep`` lacks are taken from ``other``, and ``other``'s location when it
    is more precise. Each value taken carries ``other``'s provenance (or
    "merged from <source>").

    Examples
    --------
    >>> keep = {"name_zh": "甲", "aliases": "", "sources": "registry", "level": "",
    ...         "precision": "city", "provenance": {}, "extras": {}}
    >>> other = {"name_zh": "甲孵化器", "sources": "a.csv#3", "level": "national",
    ...          "precision": "point", "lon": 112.4, "lat": 34.6, "provenance": {}}
    >>> v = merge_values(keep, other, source="a.csv#3")
    >>> v["aliases"], v["sources"], v["level"], v["precision"]
    ('甲孵化器', 'registry|a.csv#3', 'national', 'point')
    """
    values: dict[str, object] = {}
    names = split_items(keep.get("aliases"))
    for name in [str(other.get("name_zh") or ""), *split_items(other.get("aliases"))]:
        if name and name != keep.get("name_zh") and name not in names:
            names.append(name)
    values["aliases"] = "|".join(names)
    sources = split_items(keep.get("sources"))
    sources += [s for s in split_items(other.get("sources")) if s not in sources]
    values["sources"] = "|".join(sources)
    for field in _FILL:
        if _empty(keep.get(field)) and not _empty(other.get(field)):
            values[field] = other.get(field)
    mine = _PRECISION_RANK.get(str(keep.get("precision") or ""), 5)
    theirs = _PRECISION_RANK.get(str(other.get("precision") or ""), 5)
    if theirs < mine and not _empty(other.get("lon")) and not _empty(other.get("lat")):
        values.update(precision=other.get("precision"), lon=other.get("lon"), lat=other.get("lat"))
    kept_extras, other_extras = keep.get("extras"), other.get("extras")
    if isinstance(other_extras, dict) and other_extras:
        values["extras"] = {
            **other_extras,
            **(kept_extras if isinstance(kept_extras, dict) else {}),
        }
    given = other.get("provenance")
    theirs_prov = given if isinstance(given, dict) else {}
    values["provenance"] = {f: theirs_prov.get(f) or f"merged from {source}" for f in values}
    return values


def _fold(kept: dict[str, object], other: Mapping[str, object], *, source: str) -> None:
    """Fold ``other`` into a row not yet written (a duplicate inside one list)."""
    changed = merge_values(kept, other, source=source)
    provenance = changed.pop("provenance")
    old = kept.get("provenance")
    kept.update(changed)
    kept["provenance"] = {
        **(old if isinstance(old, dict) else {}),
        **(provenance if isinstance(provenance, dict) else {}),
    }


def _labels(row: Mapping[str, object], source: str, position: int) -> list[str]:
    """A row's source labels; ``source#<row>`` (header on row 1) when it names none."""
    return split_items(row.get("sources")) or [f"{source}#{position + 2}"]


def _row_values(row: Mapping[str, object], labels: list[str]) -> dict[str, object]:
    values = {k: row[k] for k in CARRIER_EDITABLE if k in row}
    values["sources"] = "|".join(labels)
    if _empty(values.get("origin")):
        values["origin"] = Origin.LIST.value
    if _empty(values.get("status")):
        values["status"] = "existing"
    if _empty(values.get("precision")):
        values["precision"] = "none"
    clean = clean_values(values, CARRIER_EDITABLE)
    if not clean.get("provenance"):
        clean["provenance"] = {
            f: labels[0] for f, v in clean.items() if not _empty(v) and f not in ("provenance",)
        }
    return clean


def import_rows(
    tx: WorkspaceTransaction,
    frame: pd.DataFrame,
    *,
    source: str,
    who: str,
    merge_into: Mapping[int, str],
) -> ImportReport:
    """Add or merge the rows of ``frame`` inside ``tx`` (see ``Workspace.import_carriers``)."""
    if "name_zh" not in frame.columns:
        raise WorkspaceError(code="workspace.import_columns", params={"columns": "name_zh"})
    for index, cid in merge_into.items():
        if index not in frame.index:
            raise WorkspaceError(code="workspace.merge_bad_row", params={"row": index, "id": cid})
    held = {
        label for value in tx.values(CARRIERS, "sources").values() for label in split_items(value)
    }
    at, batch = utc_now(), new_batch(tx)
    adds: list[dict[str, object]] = []
    rows: list[dict[str, object]] = []
    merged = flagged = skipped = 0
    outcome: dict[str, tuple[str, object]] = {}  # row index -> ("add", n) or ("merge", id)
    for position, (index, row) in enumerate(frame.to_dict("index").items()):
        labels = _labels(row, source, position)
        if held.intersection(labels):
            skipped += 1
            continue
        held.update(labels)
        clean = _row_values(row, labels)
        flagged += bool(clean.get("review"))
        into = merge_into.get(index)  # type: ignore[call-overload]
        if into is not None and into.startswith("#"):
            # A duplicate of an earlier row of the same list: fold into what became of it.
            earlier = outcome.get(into[1:])
            if earlier is not None and earlier[0] == "add":
                _fold(adds[int(str(earlier[1]))], clean, source=labels[0])
                outcome[str(index)] = earlier
                merged += 1
                continue
            into = None if earlier is None else str(earlier[1])
        if into is not None:
            keep = tx.get(CARRIERS, into)
            if keep is None or keep["deleted"]:
                raise WorkspaceError(code="workspace.merge_deleted", params={"id": into})
            changed = merge_values(keep, clean, source=labels[0])
            rows += apply_change(
                tx,
                CARRIERS,
                keep,
                changed,
                who=who,
                why=source,
                batch=batch,
                at=at,
                action="merge",
            )
            outcome[str(index)] = ("merge", into)
            merged += 1
        else:
            outcome[str(index)] = ("add", len(adds))
            adds.append(clean)
    first = tx.allocate("carrier", len(adds)) if adds else 0
    ids = tuple(f"W-{first + i:06d}" for i in range(len(adds)))
    tx.insert(
        CARRIERS, [new_carrier(v, cid=c, who=who, at=at) for v, c in zip(adds, ids, strict=True)]
    )
    rows += [
        change_row(
            who=who,
            action="import",
            table=CARRIERS,
            rid=c,
            before=None,
            after={
                k: v
                for k, v in values.items()
                if k not in ("extras", "provenance") and not _empty(v)
            },
            why=source,
            batch=batch,
            at=at,
        )
        for values, c in zip(adds, ids, strict=True)
    ]
    tx.log(rows)
    return ImportReport(
        added=len(adds),
        merged=merged,
        flagged=flagged,
        skipped=skipped,
        batch=batch if rows else "",
        ids=ids,
    )
