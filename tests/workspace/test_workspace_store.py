"""The workspace file: a valid GeoPackage, seeded from the registry, edited with history."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from geo_app.errors import StaleEditError, WorkspaceError
from geo_app.workspace import CARRIER_FIELDS, CHANGE_FIELDS, TARGET_FIELDS, Workspace
from geo_app.workspace.gpkg import APPLICATION_ID


def test_geopackage_reads_in_gdal(workspace: Workspace) -> None:
    layers = dict(pyogrio.list_layers(workspace.path))
    assert layers["carriers"] == "Point"
    assert {"targets", "changes", "layer_styles"} <= set(layers)
    gdf = gpd.read_file(workspace.path, layer="carriers")
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.columns[:-1]) == list(CARRIER_FIELDS)
    ours = workspace.carriers()
    assert len(gdf) == len(ours)
    drawn = gdf[gdf.geometry.notna()].set_index("id")
    assert (drawn.geometry.x - ours.set_index("id").loc[drawn.index, "lon"]).abs().max() < 1e-9
    targets = gpd.read_file(workspace.path, layer="targets")
    assert len(targets) == len(workspace.targets())


def test_geopackage_header_and_style(workspace: Workspace) -> None:
    con = sqlite3.connect(workspace.path)
    try:
        assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert con.execute("PRAGMA user_version").fetchone()[0] >= 10200
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        srs = {r[0] for r in con.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")}
        assert {-1, 0, 4326} <= srs
        kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
        assert kinds["carriers"] == "features"
        assert kinds["targets"] == kinds["changes"] == "attributes"
        table, qml, default = con.execute(
            "SELECT f_table_name, styleQML, useAsDefault FROM layer_styles"
        ).fetchone()
    finally:
        con.close()
    assert table == "carriers" and default == 1
    assert 'attr="category"' in qml and "214,39,40,255" in qml  # community red


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL command line tools absent")
def test_ogrinfo_opens_it(workspace: Workspace) -> None:
    out = subprocess.run(
        ["ogrinfo", "-so", str(workspace.path), "carriers"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Geometry: Point" in out.stdout


def test_seed_city_level_carriers_have_no_district_nor_point(workspace: Workspace) -> None:
    carriers = workspace.carriers()
    city = carriers[carriers["precision"] == "city"]
    assert len(city) >= 1
    assert (city["admin_district"] == "").all()
    assert city.geometry.isna().all() and city["lon"].isna().all()
    # Registry carriers with a district keep it.
    assert carriers.set_index("id").loc["LY-COM-01", "admin_district"] == "洛龙区"
    out = carriers[carriers["out_of_area"]]
    assert len(out) == 3 and out.geometry.isna().all()


def test_seed_targets_have_rules_and_no_baselines(workspace: Workspace) -> None:
    targets = workspace.targets().set_index("id")
    assert list(workspace.targets().columns) == list(TARGET_FIELDS)
    assert "T-LY-15" not in targets.index  # a baseline
    assert targets.loc["T-LY-02", "rule_categories"] == "incubator"
    assert targets.loc["T-LY-03", "rule_levels"] == "provincial"
    assert targets.loc["T-LY-03", "rule_kinds"] == "hitech_zone"
    assert targets.loc["T-LY-04", "rule_ids"] == "LY-ISL-01|LY-ISL-02"
    assert int(targets.loc["T-LY-02", "rule_year_to"]) == 2025
    assert "cooperation_platform" in targets.loc["T-LY-08", "note"]


def test_edit_records_history_and_refuses_stale(workspace: Workspace) -> None:
    rev = workspace.revision()
    version = workspace.edit_carrier(
        "LY-COM-01",
        {"status": "existing", "year": 2023},
        expected_version=1,
        who="li",
        why="opened",
    )
    assert version == 2 and workspace.revision() > rev
    row = workspace.carriers().set_index("id").loc["LY-COM-01"]
    assert row["status"] == "existing" and int(row["year"]) == 2023
    assert row["provenance"]["status"] == "edited by li"
    assert row["updated_by"] == "li"
    with pytest.raises(StaleEditError) as err:
        workspace.edit_carrier("LY-COM-01", {"status": "planned"}, expected_version=1, who="wang")
    assert err.value.updated_by == "li" and err.value.stored == 2
    assert "li" in err.value.text("zh") and "联东U谷" in err.value.text("zh")
    history = workspace.history()
    assert list(history.columns) == list(CHANGE_FIELDS)
    last = history.iloc[0]
    assert last["record_id"] == "LY-COM-01" and last["who"] == "li" and last["why"] == "opened"
    assert json.loads(last["before"])["status"] == "planned"
    assert json.loads(last["after"])["year"] == 2023


def test_bad_values_are_refused(workspace: Workspace) -> None:
    with pytest.raises(WorkspaceError) as err:
        workspace.edit_carrier("LY-COM-01", {"status": "open"}, expected_version=1, who="li")
    assert err.value.code == "workspace.bad_value"
    with pytest.raises(WorkspaceError):
        workspace.edit_carrier("LY-COM-01", {"colour": "red"}, expected_version=1, who="li")
    with pytest.raises(WorkspaceError):
        workspace.edit_carrier("NOPE", {"status": "planned"}, expected_version=1, who="li")
    with pytest.raises(WorkspaceError):
        workspace.edit_carrier("LY-COM-01", {"status": "planned"}, expected_version=1, who=" ")
    with pytest.raises(WorkspaceError):
        workspace.move_carrier("LY-COM-01", 200.0, 34.0, expected_version=1, who="li")


def test_move_makes_a_point_and_undo_takes_it_back(workspace: Workspace) -> None:
    before = workspace.carriers().set_index("id").loc["LY-ISL-01"]
    assert before["precision"] == "city"
    workspace.move_carrier("LY-ISL-01", 112.37, 34.62, expected_version=1, who="li")
    moved = workspace.carriers().set_index("id").loc["LY-ISL-01"]
    assert moved["precision"] == "point" and moved.geometry.x == pytest.approx(112.37)
    assert moved["provenance"]["lon"] == "edited by li"
    assert moved["admin_district"] == "涧西区"  # from the boundary holding the point
    assert workspace.history().iloc[0]["action"] == "move"
    batch = workspace.undo(who="li")
    assert batch is not None
    back = workspace.carriers().set_index("id").loc["LY-ISL-01"]
    assert back["precision"] == "city" and back.geometry is None and pd.isna(back["lon"])
    assert back["admin_district"] == ""
    assert "lon" not in back["provenance"]
    assert int(back["version"]) == 3  # undo is a change too
    assert workspace.history().iloc[0]["action"] == "undo"


def test_delete_restore_and_undo_order(workspace: Workspace) -> None:
    workspace.delete_carrier("LY-COM-02", expected_version=1, who="li")
    assert "LY-COM-02" not in set(workspace.carriers()["id"])
    assert "LY-COM-02" in set(workspace.carriers(include_deleted=True)["id"])
    workspace.restore_carrier("LY-COM-02", who="li")
    assert "LY-COM-02" in set(workspace.carriers()["id"])
    assert workspace.undo(who="li") is not None  # takes back the restore
    assert "LY-COM-02" not in set(workspace.carriers()["id"])
    assert workspace.undo(who="li") is not None  # then the delete
    assert "LY-COM-02" in set(workspace.carriers()["id"])
    assert workspace.undo(who="li") is None


def test_undo_refuses_when_changed_again(workspace: Workspace) -> None:
    v = workspace.edit_carrier("LY-COM-03", {"operator": "甲"}, expected_version=1, who="li")
    workspace.edit_carrier("LY-COM-03", {"operator": "乙"}, expected_version=v, who="wang")
    assert workspace.undo(who="li") is not None  # the second edit
    assert workspace.undo(who="li") is not None  # then the first
    assert workspace.carriers().set_index("id").loc["LY-COM-03", "operator"] == ""


def test_add_carrier_and_target(workspace: Workspace) -> None:
    cid = workspace.add_carrier(
        {
            "name_zh": "洛阳某孵化器",
            "category": "incubator",
            "city": "洛阳市",
            "admin_district": "涧西区",
            "precision": "point",
            "lon": 112.38,
            "lat": 34.66,
        },
        who="li",
    )
    assert cid.startswith("W-")
    row = workspace.carriers().set_index("id").loc[cid]
    assert row.geometry is not None and row["origin"] == "edit"
    tid = workspace.add_target(
        {
            "city": "洛阳市",
            "subject_zh": "国家级孵化器",
            "bound": "at_least",
            "min": 5,
            "rule_categories": "incubator",
            "rule_levels": "national",
        },
        who="li",
    )
    t = workspace.targets().set_index("id").loc[tid]
    assert t["rule_levels"] == "national" and int(t["min"]) == 5
    v = workspace.edit_target(tid, {"min": 6}, expected_version=1, who="li")
    with pytest.raises(StaleEditError):
        workspace.edit_target(tid, {"min": 7}, expected_version=1, who="wang")
    workspace.delete_target(tid, expected_version=v, who="li")
    assert tid not in set(workspace.targets()["id"])
    with pytest.raises(WorkspaceError):
        workspace.add_target({"bound": "lots"}, who="li")


def test_merge_folds_sources_and_renames_rule_ids(workspace: Workspace) -> None:
    cid = workspace.add_carrier(
        {
            "name_zh": "周山智慧岛",
            "category": "smart_island",
            "city": "洛阳市",
            "level": "provincial",
            "precision": "point",
            "lon": 112.36,
            "lat": 34.65,
            "sources": "a.csv#4",
        },
        who="li",
    )
    workspace.merge_carriers("LY-ISL-01", [cid], who="li", why="same island")
    keep = workspace.carriers().set_index("id").loc["LY-ISL-01"]
    assert "周山智慧岛" in keep["aliases"].split("|")
    assert "a.csv#4" in keep["sources"].split("|") and "registry" in keep["sources"]
    assert keep["level"] == "provincial" and keep["precision"] == "point"
    assert keep["provenance"]["level"] == "edited by li"  # the merged carrier's provenance
    assert cid not in set(workspace.carriers()["id"])
    # The merged-away id was in no rule; merge the other way round to see renaming.
    workspace.undo(who="li")
    assert cid in set(workspace.carriers()["id"])
    workspace.merge_carriers(cid, ["LY-ISL-01"], who="li")
    rule = workspace.targets().set_index("id").loc["T-LY-04", "rule_ids"]
    assert rule.split("|") == [cid, "LY-ISL-02"]
    workspace.undo(who="li")
    assert workspace.targets().set_index("id").loc["T-LY-04", "rule_ids"] == "LY-ISL-01|LY-ISL-02"
    with pytest.raises(WorkspaceError):
        workspace.merge_carriers(cid, [cid], who="li")


def test_import_is_one_batch_and_resumes_without_duplicates(
    workspace: Workspace, make_candidates: Callable[..., pd.DataFrame]
) -> None:
    frame = make_candidates(
        [
            {
                "name_zh": "洛阳市大学科技园",
                "category": "incubator",
                "city": "洛阳市",
                "level": "national",
                "extras": {"备注": "国家级"},
            },
            {
                "name_zh": "漯河某众创空间",
                "category": "incubator",
                "city": "漯河市",
                "admin_district": "郾城区",
                "precision": "district",
                "lon": 114.0,
                "lat": 33.6,
            },
            {
                "name_zh": "联东U谷",
                "category": "community",
                "city": "洛阳市",
                "review": "duplicate? / 可能重复",
            },
        ]
    )
    n = len(workspace.carriers())
    report = workspace.import_carriers(
        frame, source="list.csv", who="li", merge_into={2: "LY-COM-01"}
    )
    assert (report.added, report.merged, report.flagged, report.skipped) == (2, 1, 1, 0)
    carriers = workspace.carriers().set_index("id")
    assert len(carriers) == n + 2
    first = carriers.loc[report.ids[0]]
    assert first["extras"] == {"备注": "国家级"} and first["sources"] == "list.csv#2"
    assert first["admin_district"] == "" and first.geometry is None
    assert "联东U谷" in carriers.loc["LY-COM-01", "aliases"].split("|")
    assert "list.csv#4" in carriers.loc["LY-COM-01", "sources"]
    history = workspace.history()
    assert (history["batch"] == report.batch).sum() == 3
    again = workspace.import_carriers(
        frame, source="list.csv", who="li", merge_into={2: "LY-COM-01"}
    )
    assert (again.added, again.merged, again.skipped, again.batch) == (0, 0, 3, "")
    assert workspace.undo(who="li") == report.batch
    assert len(workspace.carriers()) == n
    assert "list.csv#4" not in workspace.carriers().set_index("id").loc["LY-COM-01", "sources"]
    third = workspace.import_carriers(frame, source="list.csv", who="li")
    assert third.added == 3


def test_open_refuses_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "x.gpkg"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(WorkspaceError) as err:
        Workspace.open(path)
    assert err.value.code == "workspace.not_workspace"


def test_a_writer_waits_then_reports_busy(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import geo_app.workspace.backend as backend

    monkeypatch.setattr(backend, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(workspace.path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(WorkspaceError) as err:
            workspace.edit_carrier("LY-COM-01", {"operator": "甲"}, expected_version=1, who="li")
        assert err.value.code == "workspace.busy"
        assert len(workspace.carriers()) > 0  # readers are not blocked by a writer
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (
        workspace.edit_carrier("LY-COM-01", {"operator": "甲"}, expected_version=1, who="li") == 2
    )


def test_a_newer_workspace_is_refused(workspace: Workspace) -> None:
    con = sqlite3.connect(workspace.path)
    con.execute("UPDATE workspace_meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(WorkspaceError) as err:
        Workspace.open(workspace.path)
    assert err.value.code == "workspace.newer_schema"


def test_default_path_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from geo_app.workspace import resolve_workspace_path

    monkeypatch.delenv("CARRIER_MAP_WORKSPACE", raising=False)
    path = resolve_workspace_path()
    assert path.name == "workspace.gpkg" and path.parent.name == "carrier-map"
    assert resolve_workspace_path("x/y.gpkg") == Path("x/y.gpkg")


def test_stored_styles_are_well_formed_xml() -> None:
    import xml.etree.ElementTree as ET

    from geo_app.workspace.styles import carriers_qml, carriers_sld

    qml = ET.fromstring(carriers_qml("zh").split(">", 1)[1])  # after the DOCTYPE line
    values = [c.get("value") for c in qml.iter("category")]
    assert values == ["community", "smart_island", "incubator", "park", "zone", ""]
    assert len(list(qml.iter("symbol"))) == len(values)
    sld = ET.fromstring(carriers_sld("en").split("?>", 1)[1])
    assert len(list(sld.iter("{http://www.opengis.net/se}Rule"))) == 5


def test_clearing_the_district_makes_a_carrier_city_level(workspace: Workspace) -> None:
    workspace.edit_carrier("LY-COM-07", {"admin_district": ""}, expected_version=1, who="li")
    row = workspace.carriers().set_index("id").loc["LY-COM-07"]
    assert row["precision"] == "city" and row.geometry is None and pd.isna(row["lon"])
    workspace.undo(who="li")
    row = workspace.carriers().set_index("id").loc["LY-COM-07"]
    assert row["precision"] == "district" and row["admin_district"] == "瀍河区"
    assert row.geometry is not None
