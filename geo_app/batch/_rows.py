"""Per-row work: cells, fingerprints, and geocoding a row's name or address.

A row is asked by address first, then by name when the address comes back
no finer than a district; candidates and rejected points are kept for review.
City and district cells are completed (``洛阳`` -> ``洛阳市``, ``涧西`` ->
``涧西区``) when the boundaries know the full name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from geo_app._cells import tidy_cell
from geo_app.batch._journal import RowOutcome
from geocoding.base import PRECISION_RANK, Location, Precision
from geocoding.chain import GeocoderChain, Resolution

__all__: list[str] = []


def _cell(record: Mapping[str, str], column: str | None) -> str:
    return tidy_cell(str(record.get(column, ""))) if column else ""


def _fingerprint(values: Iterable[str]) -> str:
    return hashlib.sha1("\x1f".join(values).encode("utf-8")).hexdigest()[:16]


def _candidate(location: Location, *, rejected: str = "") -> dict[str, Any]:
    raw = location.raw
    return {
        "provider": str(raw.get("provider", "")),
        "precision": location.precision.value,
        "lon": round(location.longitude, 7),
        "lat": round(location.latitude, 7),
        "address": location.address,
        "crs": str(raw.get("crs", "WGS-84")),
        "original": list(raw.get("original") or [location.longitude, location.latitude]),
        "rejected": rejected,
    }


def _better(a: Resolution, b: Resolution) -> Resolution:
    if b.best is None:
        return a
    if a.best is None or PRECISION_RANK[b.best.precision] < PRECISION_RANK[a.best.precision]:
        return b
    return a


def _geocode_row(base: RowOutcome, chain: GeocoderChain) -> RowOutcome:
    city = base.city or None
    district = base.district or None
    queries = [q for q in (base.address, base.name) if q]
    resolution = chain.resolve(queries[0], city=city, district=district)
    coarse = resolution.best is None or resolution.best.precision in (
        Precision.DISTRICT,
        Precision.CITY,
    )
    if coarse and len(queries) > 1 and queries[1] != queries[0]:
        second = chain.resolve(queries[1], city=city, district=district)
        merged = _better(resolution, second)
        resolution = replace(
            merged,
            candidates=tuple(
                sorted(
                    (*resolution.candidates, *second.candidates),
                    key=lambda loc: PRECISION_RANK[loc.precision],
                )
            ),
            rejected=(*resolution.rejected, *second.rejected),
            attempts=(*resolution.attempts, *second.attempts),
        )
    candidates = tuple(_candidate(loc) for loc in resolution.candidates) + tuple(
        _candidate(r.location, rejected=r.reason) for r in resolution.rejected
    )
    best = resolution.best
    if best is None:
        if resolution.rejected:
            status = "rejected"
        elif any(a.status == "error" for a in resolution.attempts):
            status = "error"
        else:
            status = "not_found"
        return replace(base, status=status, reason=resolution.reason, candidates=candidates)
    raw = best.raw
    low = best.precision in (Precision.DISTRICT, Precision.CITY)
    return replace(
        base,
        status="low_precision" if low else "ok",
        lon=best.longitude,
        lat=best.latitude,
        precision=best.precision.value,
        provider=str(raw.get("provider", "")),
        source=str(raw.get("source", "")),
        crs=str(raw.get("crs", "WGS-84")),
        original=tuple(raw.get("original") or (best.longitude, best.latitude)),
        matched=best.address,
        reason=resolution.reason if low else "",
        candidates=candidates,
    )


def _known_city(text: str, chain: GeocoderChain) -> str:
    """``洛阳`` / ``Luoyang`` / ``410300`` -> ``洛阳市`` when the boundaries know it; else as written."""
    from geo_app.cities import city_record
    from geo_app.errors import UnknownCityError

    if not text.strip():
        return text
    try:
        name = city_record(text).name
    except UnknownCityError:
        return text
    return name if name in chain.area_index.city_geometries else text


def _known_district(text: str, chain: GeocoderChain, city: str = "") -> str:
    """``涧西`` -> ``涧西区``, ``禹州`` -> ``禹州市`` … when the boundaries know it; else as written.

    The unit is looked up by its current names in the City records of
    ``city`` (of every city the boundaries hold when ``city`` is empty, if
    exactly one has it). Former names and functional zones are left as
    written: the geocoders read them with the rest of the row.
    """
    from geo_app.cities import city_record, lookup_key
    from geo_app.errors import UnknownCityError

    names = set(chain.area_index.names)
    if text in names or not text.strip():
        return text
    found: set[str] = set()
    for name in [city] if city else sorted(chain.area_index.city_geometries):
        try:
            record = city_record(name)
        except UnknownCityError:
            continue
        key = lookup_key(text)
        found |= {u.name for u in record.units if key in {lookup_key(n) for n in u.names}} & names
    if len(found) == 1:
        return found.pop()
    for candidate in (f"{text}区", f"{text}县"):
        if candidate in names:
            return candidate
    return text
