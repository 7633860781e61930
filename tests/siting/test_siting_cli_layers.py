"""The ``select`` subcommand on the shipped data, and the map layers."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import folium
import geopandas as gpd
import pytest

from geo_app import cli_select
from geo_app.errors import DataFileError
from geo_app.siting.session import read_session
from layers.siting_layers import siting_layers


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    cli_select.add_parser(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


@pytest.fixture(scope="module")
def luohe_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("select")
    status = _main(
        [
            "select", "--city", "漯河市", "--category", "incubator", "--n", "3",
            "--model", "greedy", "--candidate-spacing", "3000", "--min-spacing", "4000",
            "--quota", "源汇区=1", "--out", str(out), "--quiet",
        ]
    )  # fmt: skip
    assert status == 0
    return out


def test_select_writes_results_and_session(luohe_run: Path) -> None:
    names = {p.name for p in luohe_run.iterdir()}
    assert {
        "sites.geojson",
        "sites.csv",
        "coverage_by_district.csv",
        "siting.gpkg",
        "session.json",
    } <= names
    sites = json.loads((luohe_run / "sites.geojson").read_text(encoding="utf-8"))
    assert len(sites["features"]) == 3
    assert "crs" not in sites
    assert [f["properties"]["rank"] for f in sites["features"]] == [1, 2, 3]
    gpkg = gpd.read_file(luohe_run / "siting.gpkg", layer="sites")
    assert len(gpkg) == 3 and gpkg.crs.to_epsg() == 4326
    session = read_session(luohe_run / "session.json")
    assert session.inputs.quotas == {"源汇区": 1}
    assert int((session.result.sites["district"] == "源汇区").sum()) <= 1


def test_select_reopens_and_reruns_session(luohe_run: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    status = _main(
        [
            "select",
            "--session",
            str(luohe_run / "session.json"),
            "--rerun",
            "--out",
            str(tmp_path),
            "--quiet",
        ]
    )
    assert status == 0
    assert "re-run: same answer" in capsys.readouterr().out


def test_select_reports_bad_input(tmp_path: Path) -> None:
    from geo_app.errors import GeoAppError

    with pytest.raises(GeoAppError, match="DISTRICT=N"):
        _main(
            [
                "select",
                "--city",
                "漯河市",
                "--category",
                "park",
                "--quota",
                "x",
                "--out",
                str(tmp_path),
            ]
        )


def test_layers_escape_and_rank(luohe_run: Path) -> None:
    session = read_session(luohe_run / "session.json")
    result = session.result
    hostile = result.sites.copy()
    hostile.loc[0, "district"] = "<script>alert(1)</script>"
    result = type(result)(**{**result.__dict__, "sites": hostile})
    boundaries = gpd.read_file(Path(__file__).resolve().parents[2] / "data" / "boundaries.geojson")
    fmap = folium.Map(location=(33.6, 114.0), zoom_start=9, tiles=None)
    for layer in siting_layers(result, boundaries, lang="en"):
        layer.add_to(fmap)
    folium.LayerControl().add_to(fmap)
    html = fmap.get_root().render()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert html.count("siting-rank") == 3
    assert "Coverage before" in html and "Coverage after" in html


def test_plan_quotas_hold(tmp_path: Path) -> None:
    status = _main(
        [
            "select", "--city", "洛阳市", "--category", "community", "--model", "greedy",
            "--candidate-spacing", "4000", "--plan-quotas", "--out", str(tmp_path), "--quiet",
        ]
    )  # fmt: skip
    assert status == 0
    session = read_session(tmp_path / "session.json")
    quotas = dict(session.inputs.quotas)
    assert quotas and not session.inputs.quotas_from_plan
    assert sum(quotas.values()) >= session.inputs.n_new == 12
    table = session.result.districts.set_index("district")
    for name, quota in quotas.items():
        assert table.loc[name, "new_sites"] <= quota


def test_select_counts_a_planners_layer_and_its_session_tracks_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shapely

    layer = tmp_path / "incubators.geojson"
    gpd.GeoDataFrame(
        {"name": ["甲众创空间", "乙孵化器"]},
        geometry=[shapely.Point(114.02, 33.58), shapely.Point(114.05, 33.57)],
        crs=4326,
    ).to_file(layer)
    out = tmp_path / "out"
    argv = [
        "select", "--city", "漯河市", "--category", "incubator", "--n", "2",
        "--model", "greedy", "--candidate-spacing", "3000", "--out", str(out), "--quiet",
        "--layer", str(layer), "--no-registry",
    ]  # fmt: skip
    assert _main(argv) == 0
    session = read_session(out / "session.json")
    # the session knows the layer by content, never by its path on this machine
    assert str(tmp_path) not in (out / "session.json").read_text(encoding="utf-8")
    assert [(f.role, f.name) for f in session.files] == [("layer", "incubators.geojson")]
    assert session.inputs.layers == (session.files[0].ref,)
    assert not session.inputs.use_registry
    assert len(session.result.sites) == 2
    assert session.result.covered_before > 0  # the layer's two incubators are open carriers
    assert any(k.startswith("layer:incubators") for k in session.data_version)
    capsys.readouterr()
    assert (
        _main(
            [
                "select",
                "--session",
                str(out / "session.json"),
                "--rerun",
                "--layer",
                str(layer),
                "--out",
                str(out),
                "--quiet",
            ]
        )
        == 0
    )
    assert "re-run: same answer" in capsys.readouterr().out
    layer.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    rerun = ["select", "--session", str(out / "session.json"), "--rerun", "--out", str(out)]
    with pytest.raises(DataFileError) as caught:  # changed: no longer the same file
        _main([*rerun, "--layer", str(layer), "--quiet"])
    assert caught.value.code == "session.files_missing"
    assert "incubators.geojson (sha256 " in str(caught.value)
