"""``carrier-map import / targets / history / undo`` and ``export --workspace``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo_app.cli import main
from geo_app.workspace import Workspace
from geo_app.workspace.paths import resolve_workspace_path

LIST = (
    "洛阳市科技企业孵化器名单(2023年)\n"
    "序号,名称,类型,级别,运营单位,地址,备注\n"
    "1,洛阳国家大学科技园,大学科技园,国家级,洛阳大学科技园发展有限公司,洛阳市洛龙区开元大道,甲\n"
    "2,洛阳中科科技园孵化器,科技企业孵化器,省级,某公司,洛阳市高新区丰华路,\n"
    "3,伊滨智慧岛,智慧岛,,,洛阳市伊滨区,\n"
    "4,漯河市众创空间,众创空间,市级,,漯河市郾城区,\n"
    "5,洛阳国家大学科技园,大学科技园,国家级,,洛阳市洛龙区,\n"
)


@pytest.fixture
def ws_path(seeded_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ws.gpkg"
    shutil.copyfile(seeded_file, path)
    return path


@pytest.fixture
def gbk_list(tmp_path: Path) -> Path:
    path = tmp_path / "孵化器名单.csv"
    path.write_bytes(LIST.encode("gbk"))
    return path


def test_import_targets_history_undo(
    ws_path: Path, gbk_list: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Workspace.open(ws_path).carriers()
    assert main(["import", str(gbk_list), "--workspace", str(ws_path), "--who", "li"]) == 0
    out = capsys.readouterr().out
    assert "3 added" in out and "2 merged" in out
    carriers = Workspace.open(ws_path).carriers()
    assert len(carriers) == len(before) + 3
    park = carriers[carriers["name_zh"] == "洛阳国家大学科技园"].iloc[0]
    assert park["level"] == "national" and park["extras"].get("备注") == "甲"
    assert len(park["sources"].split("|")) == 2  # row 1 and its duplicate, row 5
    # Again: nothing is added twice.
    assert main(["import", str(gbk_list), "--workspace", str(ws_path), "--who", "li"]) == 0
    assert "5 already imported" in capsys.readouterr().out

    table = tmp_path / "t.csv"
    assert (
        main(["targets", "--workspace", str(ws_path), "--city", "luoyang", "--out", str(table)])
        == 0
    )
    assert "14 targets" in capsys.readouterr().out
    counted = pd.read_csv(table, encoding="utf-8-sig").set_index("id")
    assert {"city", "target", "counted", "gap", "rule", "carrier_ids"} <= set(counted.columns)
    assert set(counted["city"]) == {"洛阳市"}
    assert counted.loc["T-LY-02", "counted"] == 3  # the Shenzhen enclave and two imported
    assert counted.loc["T-LY-02", "gap"] == 117

    assert main(["history", "--workspace", str(ws_path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(Workspace.open(ws_path).history())
    assert all("\tli\t" in line for line in lines)
    assert main(["--lang", "zh", "undo", "--workspace", str(ws_path), "--who", "li"]) == 0
    assert "已撤销" in capsys.readouterr().out
    assert len(Workspace.open(ws_path).carriers()) == len(before)


def test_environment_names_the_workspace(
    ws_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CARRIER_MAP_WORKSPACE", str(ws_path))
    assert resolve_workspace_path() == ws_path
    assert main(["targets"]) == 0
    assert "T-LH-05" in capsys.readouterr().out
    assert main(["undo"]) == 0
    assert "nothing to undo" in capsys.readouterr().out


def test_bad_input_is_a_message_not_a_traceback(
    tmp_path: Path, ws_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "x.gpkg"
    foreign.write_text("hello", encoding="utf-8")
    assert main(["--lang", "zh", "targets", "--workspace", str(foreign)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误:") and "Traceback" not in err
    assert main(["import", str(tmp_path / "missing.csv"), "--workspace", str(ws_path)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main(["targets", "--workspace", str(ws_path), "--city", "paris"]) == 2


@pytest.mark.parametrize("fmt", ["csv", "gpkg", "geojson", "xlsx"])
def test_export_holds_imported_and_city_level_carriers(
    fmt: str, ws_path: Path, gbk_list: Path, tmp_path: Path
) -> None:
    assert main(["import", str(gbk_list), "--workspace", str(ws_path), "--who", "li"]) == 0
    ws = Workspace.open(ws_path)
    cid = ws.add_carrier(
        {
            "name_zh": "洛阳某创客空间",
            "category": "incubator",
            "city": "洛阳市",
            "precision": "city",
        },
        who="li",
    )
    out = tmp_path / "out"
    assert main(["export", "--workspace", str(ws_path), "--format", fmt, "--out", str(out)]) == 0
    if fmt == "csv":
        placed = pd.read_csv(out / "carriers.csv", encoding="utf-8-sig")
        unplaced = pd.read_csv(out / "unplaced.csv", encoding="utf-8-sig", keep_default_na=False)
    elif fmt == "gpkg":
        placed = gpd.read_file(out / "carriers.gpkg", layer="carriers_incubator")
        unplaced = gpd.read_file(out / "carriers.gpkg", layer="unplaced")
    elif fmt == "geojson":
        placed = gpd.read_file(out / "carriers_incubator.geojson")
        features = json.loads((out / "unplaced.geojson").read_text(encoding="utf-8"))["features"]
        unplaced = pd.DataFrame([f["properties"] for f in features])
        assert all(f["geometry"] is None for f in features)
    else:
        sheets = pd.read_excel(out / "carriers.xlsx", sheet_name=None, keep_default_na=False)
        placed, unplaced = sheets["carriers"], sheets["unplaced"]
        assert "carrier_ids" in sheets["targets"].columns
    assert placed["id"].astype(str).str.startswith("W-").sum() >= 2
    mine = unplaced[unplaced["id"] == cid].iloc[0]
    assert mine["precision"] == "city" and (mine["admin_district"] or "") == ""


def _used(out: str) -> int:
    line = next(x for x in out.splitlines() if x.startswith("carriers used:"))
    return int(line.split(":")[1].split()[0])


def test_analyse_reads_the_workspace(ws_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = ["analyse", "--workspace", str(ws_path), "--city", "luohe"]
    words += ["--categories", "park", "--cell-size", "2000"]
    assert main(words) == 0
    before = _used(capsys.readouterr().out)
    Workspace.open(ws_path).add_carrier(
        {
            "name_zh": "漯河某农业科技园区",
            "category": "park",
            "kind": "agri_park",
            "level": "municipal",
            "city": "漯河市",
            "admin_district": "源汇区",
            "precision": "point",
            "lon": 114.02,
            "lat": 33.57,
        },
        who="li",
    )
    assert main(words) == 0
    out = capsys.readouterr().out
    assert _used(out) == before + 1
    row = next(x for x in out.splitlines() if x.strip().startswith("T-LH-01"))
    assert "≥ 10" in row and " 9 " in row  # counted 1 by its rule (municipal agri park): gap 9


def test_select_gets_the_workspace_gaps(ws_path: Path) -> None:
    import argparse

    from geo_app.cli_workspace import workspace_inputs
    from geo_app.siting.run import default_n_new

    args = argparse.Namespace(workspace=str(ws_path), data_dir=None, registry=None, targets=None)
    inputs = workspace_inputs(args)
    assert inputs is not None
    assert default_n_new(inputs.gaps, "洛阳市", "incubator") == 119
    assert inputs.targets.set_index("id").loc["T-LY-04", "named_ids"] == "LY-ISL-01|LY-ISL-02"
    assert not inputs.layers.placed.geometry.isna().any()
    assert (inputs.layers.unplaced["precision"].isin(["city", "none"])).all()


PLAN_TARGETS = (
    "category,subkind,subject,kind,bound,number,min,max,year,scope,city,named,per,sentence,"
    "start,end,line,source_file\n"
    "incubator,,孵化载体,target,at_least,120,120,,2025,city,洛阳市,,,全市建成孵化载体不少于120家,"
    "1,2,3,000_c314bb111626f7a8.txt\n"
    "all_carriers,,创新平台,baseline,exact,2853,2853,2853,2021,city,洛阳市,,,总量2853个,1,2,3,x.txt\n"
    "smart_island,,两个智慧岛,target,named_list,2,2,2,2025,city,洛阳市,周山双创智慧岛|西苑智慧岛,,"
    "建设周山双创智慧岛和西苑智慧岛,1,2,3,new_plan.txt\n"
    "park,municipal_agri_park,市级农业科技园区,target,at_least,5,5,,2026,city,洛阳市,,year,"
    "每年新增5家,1,2,3,new_plan.txt\n"
)


def test_import_extracted_targets(
    ws_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new_plan.targets.csv"
    path.write_text(PLAN_TARGETS, encoding="utf-8")
    n = len(Workspace.open(ws_path).targets())
    assert main(["import", str(path), "--workspace", str(ws_path), "--who", "li"]) == 0
    assert "2 targets added, 2 skipped" in capsys.readouterr().out
    targets = Workspace.open(ws_path).targets()
    assert len(targets) == n + 2
    new = targets[targets["origin"] == "plan"].set_index("subject_zh")
    island = new.loc["两个智慧岛"]
    assert island["rule_ids"] == "LY-ISL-01" and "西苑智慧岛" in island["note"]
    agri = new.loc["市级农业科技园区"]
    assert (agri["rule_levels"], agri["rule_kinds"]) == ("municipal", "agri_park")
    assert "per year" in agri["note"]
    assert main(["import", str(path), "--workspace", str(ws_path), "--who", "li"]) == 0
    assert "0 targets added, 4 skipped" in capsys.readouterr().out
    assert main(["undo", "--workspace", str(ws_path), "--who", "li"]) == 0
    assert len(Workspace.open(ws_path).targets()) == n
