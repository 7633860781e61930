"""The batch run over a table or a file, and the planner's review edits."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from geo_app.batch._coords import _coordinate_row, _typed_coordinate
from geo_app.batch._journal import Journal, RowOutcome, journalled_answers
from geo_app.batch._result import BatchResult, _label
from geo_app.batch._rows import _cell, _fingerprint, _geocode_row, _known_city, _known_district
from geo_app.batch._table import ColumnRoles, TableInfo, detect_columns, read_table
from geo_app.errors import GeocodingError
from geocoding.chain import GeocoderChain

__all__ = ["apply_review_edits", "geocode_file", "geocode_table"]


ProgressCallback = Callable[[int, int], None]


def geocode_table(
    frame: pd.DataFrame,
    *,
    roles: ColumnRoles,
    chain: GeocoderChain,
    journal: Journal | None = None,
    default_city: str | None = None,
    default_crs: str = "WGS-84",
    progress: ProgressCallback | None = None,
    info: TableInfo | None = None,
) -> BatchResult:
    """Locate every row of ``frame``; rows already in ``journal`` are not redone.

    Parameters
    ----------
    frame
        The table, cells as text.
    roles
        Column roles (:func:`detect_columns`).
    chain
        Geocoders and the area index.
    journal
        Where provider answers and finished rows go; a row in it with the same
        content is reused, and an answer in it is replayed, not asked again.
    default_city
        City for rows without one (e.g. ``"洛阳市"``).
    default_crs
        System of given coordinates when the row does not declare one.
    progress
        Called as ``progress(done, total)`` after every row.
    info
        How the table was read (kept in the result).
    """
    with journalled_answers(chain, journal):
        outcomes, resumed = _geocode_rows(
            frame,
            roles=roles,
            chain=chain,
            journal=journal,
            default_city=default_city,
            default_crs=default_crs,
            progress=progress,
        )
    return BatchResult(tuple(outcomes), roles, info, resumed)


def _geocode_rows(
    frame: pd.DataFrame,
    *,
    roles: ColumnRoles,
    chain: GeocoderChain,
    journal: Journal | None,
    default_city: str | None,
    default_crs: str,
    progress: ProgressCallback | None,
) -> tuple[list[RowOutcome], int]:
    total = len(frame)
    outcomes: list[RowOutcome] = []
    resumed = 0
    cols = [c for c in roles.as_dict().values() if c]
    for position, record in enumerate(frame.to_dict(orient="records")):
        row = position + 2  # the header is line 1
        cells = {k: str(v) for k, v in record.items()}
        fingerprint = _fingerprint(_cell(cells, c) for c in cols)
        previous = journal.done.get(row) if journal else None
        if previous is not None and previous.fingerprint == fingerprint:
            outcomes.append(previous)
            resumed += 1
        else:
            base = RowOutcome(
                row=row,
                fingerprint=fingerprint,
                status="pending",
                name=_cell(cells, roles.name),
                address=_cell(cells, roles.address),
                city=_known_city(_cell(cells, roles.city) or (default_city or ""), chain),
                district=_known_district(_cell(cells, roles.district), chain),
                category=_cell(cells, roles.category),
            )
            lon_text, lat_text = _cell(cells, roles.lon), _cell(cells, roles.lat)
            if lon_text and lat_text:
                outcome = _coordinate_row(
                    base,
                    lon_text,
                    lat_text,
                    _cell(cells, roles.crs),
                    default_crs,
                    chain.area_index,
                    _cell(cells, roles.precision),
                )
            elif base.name or base.address:
                try:
                    outcome = _geocode_row(base, chain)
                except GeocodingError as err:
                    outcome = replace(base, status="error", reason=str(err))
            else:
                outcome = replace(base, status="not_found", reason="no name, address or lon/lat")
            if journal is not None:
                journal.record(outcome)
            outcomes.append(outcome)
        if progress is not None:
            progress(position + 1, total)
    return outcomes, resumed


def apply_review_edits(result: BatchResult, edits: pd.DataFrame) -> BatchResult:
    """Apply a planner's corrections from an edited review table.

    ``edits`` has a ``row`` column and any of: ``pick`` (a candidate label
    from the ``candidates`` column, or its 1-based position), ``new_lon`` /
    ``new_lat`` (a typed coordinate) and ``new_crs`` (its system, WGS-84 if
    empty). Typed coordinates win over picks. Corrected rows get status
    ``corrected`` and join the layer; swapped lat/lon is fixed and a point
    outside China is refused with the reason.

    Examples
    --------
    >>> r = BatchResult((RowOutcome(row=2, fingerprint="x", status="not_found", name="A"),),
    ...                 ColumnRoles(name="名称"))
    >>> fixed = apply_review_edits(r, pd.DataFrame({"row": [2], "new_lon": ["34.6"],
    ...                                             "new_lat": ["112.4"]}))
    >>> fixed.outcomes[0].status, fixed.outcomes[0].lon, len(fixed.layer)
    ('corrected', 112.4, 1)
    """
    by_row = {o.row: o for o in result.outcomes}
    for record in edits.to_dict(orient="records"):
        row = int(record["row"])
        outcome = by_row.get(row)
        if outcome is None:
            continue
        lon_text = str(record.get("new_lon") or "").strip()
        lat_text = str(record.get("new_lat") or "").strip()
        pick = str(record.get("pick") or "").strip()
        if lon_text and lat_text and lon_text != "nan" and lat_text != "nan":
            fixed = _typed_coordinate(outcome, lon_text, lat_text, str(record.get("new_crs") or ""))
        elif pick:
            fixed = _picked(outcome, pick)
        else:
            continue
        by_row[row] = fixed
    return replace(result, outcomes=tuple(by_row[o.row] for o in result.outcomes))


def _picked(outcome: RowOutcome, pick: str) -> RowOutcome:
    chosen: Mapping[str, Any] | None = None
    if pick.isdigit() and 1 <= int(pick) <= len(outcome.candidates):
        chosen = outcome.candidates[int(pick) - 1]
    else:
        chosen = next((c for c in outcome.candidates if _label(c) == pick), None)
    if chosen is None:
        return replace(outcome, reason=f"no candidate {pick!r}")
    original = chosen.get("original") or [chosen["lon"], chosen["lat"]]
    return replace(
        outcome,
        status="corrected",
        lon=float(chosen["lon"]),
        lat=float(chosen["lat"]),
        precision=str(chosen["precision"]),
        provider=str(chosen["provider"]),
        source="candidate picked by the planner",
        crs=str(chosen.get("crs", "WGS-84")),
        original=(float(original[0]), float(original[1])),
        matched=str(chosen["address"]),
        reason=str(chosen.get("rejected") or ""),
    )


def geocode_file(
    path: str | Path,
    *,
    chain: GeocoderChain,
    overrides: Mapping[str, str | None] | None = None,
    journal_path: str | Path | None = None,
    restart: bool = False,
    default_city: str | None = None,
    default_crs: str = "WGS-84",
    progress: ProgressCallback | None = None,
    fsync: bool = True,
) -> BatchResult:
    """Read ``path`` and run :func:`geocode_table`, journaling to ``journal_path``.

    Rerunning with the same file, columns, geocoders and journal resumes:
    finished rows are taken from the journal, and the answers a provider
    already sent for the row in progress are replayed from it, not asked
    again. ``restart`` discards an existing journal first.

    Raises
    ------
    DataFileError
        Unreadable file, unknown column, or a journal of another run.
    """
    frame, info = read_table(path)
    roles = detect_columns(list(frame.columns), overrides, path=info.path)
    journal: Journal | None = None
    if journal_path is not None:
        jpath = Path(journal_path)
        if restart and jpath.exists():
            jpath.unlink()
        header = {
            "input": info.digest,
            "roles": roles.as_dict(),
            "geocoders": [g.name for g in chain.geocoders],
            "default_city": default_city,
            "default_crs": default_crs,
        }
        journal = Journal(jpath, header, fsync=fsync)
    with contextlib.ExitStack() as stack:
        if journal is not None:
            stack.callback(journal.close)
        return geocode_table(
            frame,
            roles=roles,
            chain=chain,
            journal=journal,
            default_city=default_city,
            default_crs=default_crs,
            progress=progress,
            info=info,
        )
