"""Coordinates given in the file or typed by the planner.

Numbers are read after NFKC (full-width digits, a stray ``°``), converted
from their declared system (WGS-84, GCJ-02, BD-09) to WGS-84; swapped lat/lon
is detected and fixed, a point outside China is refused with the reason.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import replace

from geo_app.batch._journal import RowOutcome
from geo_app.batch._table import normalise_crs
from geo_app.errors import OutOfAreaError
from geocoding.base import Location, Precision
from geocoding.check import AreaIndex
from geocoding.coords import bd09_to_wgs84, gcj02_to_wgs84, in_china

__all__: list[str] = []


def _parse_number(text: str) -> float:
    """A coordinate cell as a finite float; ``nan``, ``inf`` and ``1e400`` are not numbers here.

    >>> _parse_number("１１２.５°")
    112.5
    """
    value = float(unicodedata.normalize("NFKC", text).replace("°", "").strip())
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value


# Words of a precision column that mean "not an exact site" (this product's
# own export writes the keys; the Chinese labels are what the app shows).
_STATED_PRECISION: dict[str, Precision] = {
    "area": Precision.AREA,
    "district": Precision.DISTRICT,
    "city": Precision.CITY,
    "园区代表点": Precision.AREA,
    "区县": Precision.DISTRICT,
    "区县代表点": Precision.DISTRICT,
    "城市": Precision.CITY,
    "城市代表点": Precision.CITY,
}


def stated_precision(text: str) -> Precision:
    """The precision a file states for its coordinate; exact unless it says otherwise.

    >>> stated_precision("district").value, stated_precision("").value, stated_precision("约略位置:所在区县代表点").value
    ('district', 'point', 'district')
    """
    word = unicodedata.normalize("NFKC", text or "").strip().casefold()
    if word in _STATED_PRECISION:
        return _STATED_PRECISION[word]
    for key in ("城市代表点", "区县代表点", "园区代表点"):
        if key in word:
            return _STATED_PRECISION[key]
    return Precision.POINT


def _coordinate_row(
    base: RowOutcome,
    lon_text: str,
    lat_text: str,
    crs_text: str,
    default_crs: str,
    area_index: AreaIndex,
    precision_text: str = "",
) -> RowOutcome:
    try:
        lon, lat = _parse_number(lon_text), _parse_number(lat_text)
    except ValueError:
        return replace(base, status="invalid_coordinate", reason="lon/lat is not a number")
    crs = normalise_crs(crs_text, default_crs)
    if crs is None:
        return replace(
            base, status="invalid_coordinate", reason=f"unknown coordinate system {crs_text!r}"
        )
    notes: list[str] = []
    if not bool(in_china(lon, lat)):
        if bool(in_china(lat, lon)):
            lon, lat = lat, lon
            notes.append("lat/lon were swapped; fixed")
        else:
            return replace(
                base,
                status="out_of_china",
                original=(lon, lat),
                crs=crs,
                reason=f"({lon}, {lat}) is outside China",
            )
    if crs == "GCJ-02":
        wlon, wlat = gcj02_to_wgs84(lon, lat)
    elif crs == "BD-09":
        wlon, wlat = bd09_to_wgs84(lon, lat)
    else:
        wlon, wlat = lon, lat
    location = Location(base.name or base.address, wlat, wlon, {"precision": "point"})
    status = "given"
    city, district = base.city, base.district
    try:
        if city or district:
            known = (
                bool(district) and area_index.area(city=city or None, district=district) is not None
            )
            area_index.check(
                location,
                city=city or None,
                district=district if known else None,
                query=base.name or base.address,
            )
        else:
            found = area_index.locate(wlon, wlat)
            if found is None:
                expected = " or ".join(area_index.city_geometries)
                raise OutOfAreaError(base.name or base.address, expected, wlon, wlat)
            city, district = found
    except OutOfAreaError as err:
        status = "out_of_area"
        notes.append(str(err))
    precision = stated_precision(precision_text)
    if precision in (Precision.DISTRICT, Precision.CITY) and status == "given":
        status = "low_precision"
        notes.append(f"the file marks this coordinate as a {precision.value} representative point")
    return replace(
        base,
        status=status,
        city=city,
        district=district,
        lon=wlon,
        lat=wlat,
        precision=precision.value,
        provider="input",
        source="input file",
        crs=crs,
        original=(lon, lat),
        reason="; ".join(notes),
    )


def _typed_coordinate(outcome: RowOutcome, lon_text: str, lat_text: str, crs: str) -> RowOutcome:
    try:
        lon, lat = _parse_number(lon_text), _parse_number(lat_text)
    except ValueError:
        return replace(outcome, reason="typed lon/lat is not a number")
    system = normalise_crs(crs) or "WGS-84"
    note = ""
    if not bool(in_china(lon, lat)):
        if not bool(in_china(lat, lon)):
            return replace(outcome, reason=f"typed ({lon}, {lat}) is outside China")
        lon, lat, note = lat, lon, "lat/lon were swapped; fixed"
    convert = {"GCJ-02": gcj02_to_wgs84, "BD-09": bd09_to_wgs84}.get(system)
    wlon, wlat = convert(lon, lat) if convert else (lon, lat)
    return replace(
        outcome,
        status="corrected",
        lon=wlon,
        lat=wlat,
        precision=Precision.POINT.value,
        provider="planner",
        source="typed by the planner",
        crs=system,
        original=(lon, lat),
        reason=note,
    )
