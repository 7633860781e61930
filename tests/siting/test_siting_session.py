"""Sessions: save, reopen, re-run; data version; the run layer on a toy city."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
import shapely

from geo_app.config import Settings
from geo_app.errors import DataFileError, GeoAppError
from geo_app.siting.run import SitingInputs, default_n_new, run_siting
from geo_app.siting.session import (
    SitingSession,
    data_version,
    read_session,
    session_text,
    write_session,
)

GK = pyproj.CRS.from_epsg(4546)
X0, Y0 = 500_000.0, 3_800_000.0


@pytest.fixture(scope="module")
def toy_city() -> dict[str, object]:
    """Two 8 km × 8 km districts side by side, two open carriers, a gap of 3."""
    boxes = [
        shapely.box(X0, Y0, X0 + 8000, Y0 + 8000),
        shapely.box(X0 + 8000, Y0, X0 + 16000, Y0 + 8000),
    ]
    boundaries = gpd.GeoDataFrame(
        {"adcode": ["900001", "900002"], "name": ["西区", "东区"], "city": ["测试市", "测试市"]},
        geometry=boxes,
        crs=GK,
    ).to_crs(4326)
    carriers = gpd.GeoDataFrame(
        {
            "id": ["C1", "C2", "C3"],
            "category": ["community"] * 3,
            "city": ["测试市"] * 3,
            "precision": ["point", "district", "point"],
            "out_of_area": [False, False, False],
        },
        geometry=[
            shapely.Point(X0 + 2000, Y0 + 2000),
            shapely.Point(X0 + 12000, Y0 + 4000),
            shapely.Point(X0 + 6000, Y0 + 6000),
        ],
        crs=GK,
    ).to_crs(4326)
    gaps = pd.DataFrame(
        {
            "city": ["测试市"],
            "category": ["community"],
            "subkind": [""],
            "gap": pd.array([3], dtype="Int64"),
        }
    )
    return {"boundaries": boundaries, "carriers": carriers, "gaps": gaps}


def _run(toy_city, inputs):  # type: ignore[no-untyped-def]
    return run_siting(
        inputs,
        toy_city["carriers"],
        toy_city["boundaries"],
        toy_city["gaps"],
        pd.DataFrame(),
        progress=None,
    )


def _inputs(**kw) -> SitingInputs:  # type: ignore[no-untyped-def]
    base = {"city": "测试市", "category": "community", "demand": "area", "cell_size_m": 500.0}
    return SitingInputs(**{**base, **kw})


EXCLUDE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {},
            "geometry": shapely.geometry.mapping(
                gpd.GeoSeries([shapely.box(X0 + 8000, Y0, X0 + 12000, Y0 + 8000)], crs=GK)
                .to_crs(4326)
                .iloc[0]
            ),
        }
    ],
}


@pytest.mark.parametrize("model", ["mclp", "pmedian", "greedy"])
def test_reopened_session_gives_identical_results(toy_city, tmp_path: Path, model: str) -> None:  # type: ignore[no-untyped-def]
    inputs, result = _run(
        toy_city,
        _inputs(
            model=model,
            min_spacing_m=2500.0,
            quotas={"西区": 1},
            exclude_areas=EXCLUDE,
            pmedian_demand_cell_m=2000.0,
        ),
    )
    assert inputs.n_new == 3  # the plan's gap
    settings = Settings()
    path = write_session(SitingSession(inputs, result, data_version(settings)), tmp_path / "s.json")
    reopened = read_session(path)
    assert reopened.inputs == inputs
    assert reopened.result.same_answer(result)
    assert reopened.result.summary() == result.summary()
    zh = result.summary("zh")
    assert f"新增 {result.n_new} 处选址" in zh and "公里服务半径内" in zh
    assert not any(word in zh for word in ("new sites", "status", "Within"))
    assert reopened.changed_data(settings) == []
    _, again = _run(toy_city, reopened.inputs)
    assert again.same_answer(result)
    # The rules hold in the reopened answer too.
    assert (again.districts.set_index("district").loc["西区", "new_sites"]) <= 1
    sites = again.sites_gdf().to_crs(GK)
    assert not (sites.geometry.x.between(X0 + 8000, X0 + 12000)).any()
    d = sites.geometry.to_numpy()
    assert all(shapely.distance(a, b) >= 2500 - 1e-6 for i, a in enumerate(d) for b in d[i + 1 :])


def test_approximate_carriers_only_when_included(toy_city) -> None:  # type: ignore[no-untyped-def]
    _, default = _run(toy_city, _inputs(model="greedy", n_new=1))
    _, included = _run(toy_city, _inputs(model="greedy", n_new=1, include_approximate=True))
    assert default.n_existing == 2
    assert included.n_existing == 3
    assert included.covered_before > default.covered_before


def test_session_made_with_other_data_says_so(toy_city, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(Settings().data_dir, data)
    settings = Settings(data_dir=data)
    inputs, result = _run(toy_city, _inputs(model="greedy", n_new=2))
    path = write_session(SitingSession(inputs, result, data_version(settings)), tmp_path / "s.json")
    session = read_session(path)
    assert session.data_message(settings) is None
    with (data / "population.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    assert session.changed_data(settings) == ["population"]
    message = session.data_message(settings)
    assert message is not None and "other data" in message and "population" in message


def test_save_is_atomic(toy_city, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    inputs, result = _run(toy_city, _inputs(model="greedy", n_new=1))
    session = SitingSession(inputs, result, data_version(Settings()))
    path = write_session(session, tmp_path / "s.json")
    before = path.read_bytes()

    def boom(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", boom)
    with pytest.raises(OSError):
        write_session(session, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_bad_session_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="not JSON"):
        read_session(bad)
    bad.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    with pytest.raises(DataFileError, match="not a site-selection session"):
        read_session(bad)
    with pytest.raises(DataFileError, match="file not found"):
        read_session(tmp_path / "missing.json")


def test_session_text_round_trips_uploaded_bytes(toy_city) -> None:  # type: ignore[no-untyped-def]
    inputs, result = _run(toy_city, _inputs(model="greedy", n_new=1))
    text = session_text(SitingSession(inputs, result, {"combined": "x"}))
    assert read_session(text.encode("utf-8")).result.same_answer(result)


def test_default_n_needs_a_count(toy_city) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(GeoAppError, match="no count"):
        default_n_new(toy_city["gaps"], "测试市", "park")


@pytest.mark.parametrize("h3_resolution", [None, 8], ids=["lattice", "h3-r8"])
def test_candidates_inside_city_and_drawn_areas(toy_city, h3_resolution) -> None:  # type: ignore[no-untyped-def]
    import h3

    from geo_app.analysis.run import city_grid
    from geo_app.siting.candidates import candidate_sites, h3_candidate_sites
    from geo_app.siting.run import areas_from_geojson

    grid = city_grid(toy_city["boundaries"], "测试市", cell_size_m=500.0)
    include = areas_from_geojson(
        {
            "type": "Polygon",
            "coordinates": [
                list(map(list, shapely.box(111.0, 34.0, 111.12, 35.0).exterior.coords))
            ],
        }
    )
    exclude = areas_from_geojson(EXCLUDE)
    if h3_resolution is None:
        xy, ids, district = candidate_sites(
            grid, spacing_m=1000.0, include=include, exclude=exclude
        )
        everything, _, _ = candidate_sites(grid, spacing_m=1000.0)
        assert len(everything) == 128  # 16 km × 8 km at 1 km
    else:
        xy, ids, district = h3_candidate_sites(
            grid, resolution=h3_resolution, include=include, exclude=exclude
        )
        assert all(h3.is_valid_cell(i) for i in ids)
    assert len(xy) > 0 and len(ids) == len(xy) == len(district)
    pts = gpd.GeoSeries(shapely.points(xy), crs=grid.crs.distance).to_crs(4326)
    assert (pts.x <= 111.12).all()  # inside the drawn area
    box = shapely.box(X0 + 8000, Y0, X0 + 12000, Y0 + 8000)
    assert not shapely.contains_xy(box, xy[:, 0], xy[:, 1]).any()  # never in the excluded area
    assert set(district.tolist()) <= {0, 1}


def test_planner_population_grid_drives_demand_and_version(toy_city, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    heavy = gpd.GeoSeries(
        [shapely.Point(X0 + 14000, Y0 + 1000), shapely.Point(X0 + 3000, Y0 + 7000)], crs=GK
    ).to_crs(4326)
    grid_csv = tmp_path / "people.csv"
    grid_csv.write_text(
        f"lon,lat,weight\n{heavy.x[0]},{heavy.y[0]},50000\n{heavy.x[1]},{heavy.y[1]},10\n",
        encoding="utf-8",
    )
    inputs, result = _run(
        toy_city,
        _inputs(model="greedy", n_new=1, demand="population", population_grid=str(grid_csv)),
    )
    assert result.covered_before == 0.0  # neither point is within 1.5 km of an open carrier
    assert result.covered_after == pytest.approx(50_000.0)
    assert result.notes[0].startswith("Population: Population from the supplied CSV")
    site = result.sites_gdf().to_crs(GK).geometry.iloc[0]
    assert site.distance(shapely.Point(X0 + 14000, Y0 + 1000)) <= inputs.service_radius_m
    settings = Settings()
    session = SitingSession(
        inputs, result, data_version(settings, population_grid=inputs.population_grid)
    )
    assert "population_grid" in session.data_version
    assert session.changed_data(settings) == []
    # reopened, the grid is known by content: the same file is found, a changed one is not
    reopened = read_session(session_text(session).encode("utf-8"))
    assert reopened.inputs.population_grid == "sha256:" + session.data_version["population_grid"]
    assert [f.name for f in reopened.files] == ["people.csv"]
    assert reopened.resolve_files([grid_csv])[1] == []
    assert reopened.resolve_files([grid_csv])[0].population_grid == str(grid_csv)
    grid_csv.write_text("lon,lat,weight\n", encoding="utf-8")
    assert [f.name for f in reopened.resolve_files([grid_csv])[1]] == ["people.csv"]
