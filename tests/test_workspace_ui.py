"""The workspace pages (inventory, history, targets, import) driven with AppTest.

Each test opens a copy of one seeded workspace (a GeoPackage in a temporary
folder) in a small app that draws one panel, clicks through it as a planner
would, and checks the workspace file itself afterwards.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo_app.workspace import Workspace, count_targets

WHO = "Li Lei"


def _inventory_app(path: str, lang: str) -> None:
    from geo_app.ui.workspace_panel import render_inventory
    from geo_app.workspace import Workspace

    render_inventory(Workspace.open(path), lang)


def _targets_app(path: str, city: str | None, lang: str) -> None:
    from geo_app.ui.targets_panel import render_workspace_targets
    from geo_app.workspace import Workspace

    render_workspace_targets(Workspace.open(path), city, lang)


def _import_app(path: str, lang: str) -> None:
    from geo_app.ui.workspace_import_panel import render_workspace_import
    from geo_app.workspace import Workspace

    render_workspace_import(Workspace.open(path), lang)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One workspace seeded from the shipped registry (seeding is the slow part)."""
    path = tmp_path_factory.mktemp("seed") / "workspace.gpkg"
    Workspace.open(path)
    return path


@pytest.fixture
def ws_path(seeded: Path, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "workspace.gpkg"
    shutil.copy(seeded, path)
    yield path


def _app(script: object, *args: object) -> AppTest:
    at = AppTest.from_function(script, args=args, default_timeout=60)  # type: ignore[arg-type]
    at.run()
    assert not at.exception, at.exception
    return at


def _carrier(path: Path, cid: str) -> pd.Series:
    carriers = Workspace.open(path).carriers(include_deleted=True)
    return carriers[carriers["id"] == cid].iloc[0]


def _button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in (at.error, at.success, at.info, at.warning) for e in kind]
    return "\n".join(str(p) for p in parts)


def _open_form(path: Path, cid: str, lang: str = "en") -> AppTest:
    at = _app(_inventory_app, str(path), lang)
    at.text_input(key="ws_who").set_value(WHO).run()
    at.selectbox(key="ws_pick").set_value(cid).run()
    assert not at.exception, at.exception
    return at


def test_edit_shows_in_history_and_undo_takes_it_back(ws_path: Path) -> None:
    before = _carrier(ws_path, "LY-COM-01")
    version = int(before["version"])
    at = _open_form(ws_path, "LY-COM-01")
    prefix = f"ws_e_LY-COM-01_{version}"
    at.text_input(key=f"{prefix}_operator").set_value("洛阳光电园运营公司")
    at.text_input(key=f"{prefix}_year").set_value("2023")
    at.text_input(key="ws_why_LY-COM-01").set_value("site visit")
    _button(at, "Save").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    after = _carrier(ws_path, "LY-COM-01")
    assert after["operator"] == "洛阳光电园运营公司" and int(after["year"]) == 2023
    assert int(after["version"]) == version + 1 and after["updated_by"] == WHO
    assert "saved" in _texts(at)
    history = next(df.value for df in at.dataframe if "Before → after" in df.value.columns)
    top = history.iloc[0]
    assert top["Who"] == WHO and top["Action"] == "edited" and top["Why"] == "site visit"
    assert "Operator: — → 洛阳光电园运营公司" in top["Before → after"]
    # The form now holds the new version: its widgets show the saved values.
    assert at.text_input(key=f"ws_e_LY-COM-01_{version + 1}_operator").value == "洛阳光电园运营公司"
    at.button(key="ws_undo").click().run()
    assert not at.exception, at.exception
    undone = _carrier(ws_path, "LY-COM-01")
    assert undone["operator"] == "" and pd.isna(undone["year"])
    assert "Undone" in _texts(at)


def test_stale_edit_is_refused_and_the_form_reloads(ws_path: Path) -> None:
    version = int(_carrier(ws_path, "LY-COM-02")["version"])
    at = _open_form(ws_path, "LY-COM-02")
    # A second writer (another session, the CLI) changes the row meanwhile.
    Workspace.open(ws_path).edit_carrier(
        "LY-COM-02", {"operator": "其他单位"}, expected_version=version, who="Wang"
    )
    at.text_input(key=f"ws_e_LY-COM-02_{version}_operator").set_value("我的单位")
    _button(at, "Save").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    stored = _carrier(ws_path, "LY-COM-02")
    assert stored["operator"] == "其他单位" and int(stored["version"]) == version + 1
    message = "\n".join(str(e.value) for e in at.error)
    assert "Wang" in message and "newer data" in message
    # The form shows the newer row now, and a save from it goes through.
    reloaded = at.text_input(key=f"ws_e_LY-COM-02_{version + 1}_operator")
    assert reloaded.value == "其他单位"
    reloaded.set_value("我的单位")
    _button(at, "Save").click().run()  # type: ignore[attr-defined]
    assert _carrier(ws_path, "LY-COM-02")["operator"] == "我的单位"


def test_stale_edit_message_in_chinese(ws_path: Path) -> None:
    version = int(_carrier(ws_path, "LY-COM-03")["version"])
    at = _open_form(ws_path, "LY-COM-03", lang="zh")
    Workspace.open(ws_path).edit_carrier(
        "LY-COM-03", {"status": "existing"}, expected_version=version, who="王"
    )
    at.button(key="ws_delete_LY-COM-03").click().run()
    assert not at.exception, at.exception
    assert not bool(_carrier(ws_path, "LY-COM-03")["deleted"])
    assert "表单已载入最新数据" in "\n".join(str(e.value) for e in at.error)


def test_delete_and_restore(ws_path: Path) -> None:
    at = _open_form(ws_path, "LY-COM-04")
    at.button(key="ws_delete_LY-COM-04").click().run()
    assert not at.exception, at.exception
    assert bool(_carrier(ws_path, "LY-COM-04")["deleted"])
    listed = pd.concat([df.value for df in at.dataframe if "Name" in df.value.columns])
    assert "LY-COM-04" not in set(listed["Id"])  # hidden unless asked
    at.checkbox(key="ws_f_deleted").check().run()
    listed = pd.concat([df.value for df in at.dataframe if "Name" in df.value.columns])
    assert "LY-COM-04" in set(listed["Id"])
    at.button(key="ws_restore_LY-COM-04").click().run()
    assert not at.exception, at.exception
    assert not bool(_carrier(ws_path, "LY-COM-04")["deleted"])


def test_status_change_planned_to_existing(ws_path: Path) -> None:
    assert _carrier(ws_path, "LY-COM-05")["status"] == "planned"
    at = _open_form(ws_path, "LY-COM-05", lang="zh")
    at.button(key="ws_status_LY-COM-05_existing").click().run()
    assert not at.exception, at.exception
    assert _carrier(ws_path, "LY-COM-05")["status"] == "existing"
    history = Workspace.open(ws_path).history(limit=1)
    assert history.iloc[0]["action"] == "status" and history.iloc[0]["who"] == WHO


def test_no_change_without_a_name(ws_path: Path) -> None:
    at = _app(_inventory_app, str(ws_path), "en")
    at.selectbox(key="ws_pick").set_value("LY-COM-01").run()
    assert at.button(key="ws_delete_LY-COM-01").disabled
    assert _button(at, "Save").disabled  # type: ignore[attr-defined]
    assert any("Enter your name" in str(i.value) for i in at.info)


def test_merge_folds_a_duplicate_in(ws_path: Path) -> None:
    ws = Workspace.open(ws_path)
    keep = _carrier(ws_path, "LY-COM-01")
    dup = ws.add_carrier(
        {
            "name_zh": "洛阳光电科技产业社区",
            "city": "洛阳市",
            "admin_district": "洛龙区",
            "category": "community",
            "precision": "district",
            "sources": "名单.csv#3",
        },
        who="Wang",
    )
    at = _open_form(ws_path, "LY-COM-01")
    at.multiselect(key="ws_merge_LY-COM-01").set_value([dup]).run()
    provenance = next(df.value for df in at.dataframe if "Provenance per field" in df.value.columns)
    assert set(provenance["Id"]) == {"LY-COM-01", dup}
    at.button(key="ws_merge_do_LY-COM-01").click().run()
    assert not at.exception, at.exception
    assert bool(_carrier(ws_path, dup)["deleted"])
    merged = _carrier(ws_path, "LY-COM-01")
    assert "名单.csv#3" in str(merged["sources"]) and str(keep["sources"]) in str(merged["sources"])
    assert Workspace.open(ws_path).history(limit=1).iloc[0]["action"] == "merge"


def test_add_a_carrier_known_only_to_the_city(ws_path: Path) -> None:
    at = _app(_inventory_app, str(ws_path), "en")
    at.text_input(key="ws_who").set_value(WHO).run()
    at.text_input(key="ws_add0_name_zh").set_value("洛阳新创客空间")
    at.selectbox(key="ws_add0_city").set_value("洛阳市")
    at.selectbox(key="ws_add0_category").set_value("incubator")
    _button(at, "Add").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    carriers = Workspace.open(ws_path).carriers()
    new = carriers[carriers["name_zh"] == "洛阳新创客空间"].iloc[0]
    assert new["admin_district"] == "" and new["precision"] == "city" and new["geometry"] is None
    # Listed among the carriers known only to the city, and opened in the form.
    city_only = next(
        df.value
        for df in at.dataframe
        if "Name" in df.value.columns and "洛阳新创客空间" in set(df.value["Name"])
    )
    assert set(city_only["District"]) == {""}
    assert at.selectbox(key="ws_pick").value == new["id"]
    assert at.text_input(key="ws_add1_name_zh").value == ""  # a fresh form for the next one


def test_typed_coordinates_move_the_carrier(ws_path: Path) -> None:
    version = int(_carrier(ws_path, "LY-COM-01")["version"])
    at = _open_form(ws_path, "LY-COM-01")
    at.text_input(key=f"ws_e_LY-COM-01_{version}_lon").set_value("112.5")
    at.text_input(key=f"ws_e_LY-COM-01_{version}_lat").set_value("34.6")
    _button(at, "Save").click().run()  # type: ignore[attr-defined]
    moved = _carrier(ws_path, "LY-COM-01")
    assert (moved["lon"], moved["lat"], moved["precision"]) == (112.5, 34.6, "point")
    assert WHO in str(moved["provenance"].get("lon", ""))


def test_bad_year_is_refused_in_place(ws_path: Path) -> None:
    version = int(_carrier(ws_path, "LY-COM-01")["version"])
    at = _open_form(ws_path, "LY-COM-01", lang="zh")
    at.text_input(key=f"ws_e_LY-COM-01_{version}_year").set_value("明年")
    _button(at, "保存").click().run()  # type: ignore[attr-defined]
    assert any("年份" in str(e.value) for e in at.error)
    assert int(_carrier(ws_path, "LY-COM-01")["version"]) == version


def _counted(path: Path, tid: str) -> int:
    ws = Workspace.open(path)
    table = count_targets(ws.targets(), ws.carriers(), city="洛阳市")
    return int(table.loc[table["id"] == tid, "counted"].iloc[0])


def test_target_rule_edit_changes_counted(ws_path: Path) -> None:
    before = _counted(ws_path, "T-LY-01")
    version = int(Workspace.open(ws_path).targets().set_index("id").loc["T-LY-01", "version"])
    at = _app(_targets_app, str(ws_path), "洛阳市", "en")
    shown = next(df.value for df in at.dataframe if "Counting rule" in df.value.columns)
    assert int(shown.loc[shown["Id"] == "T-LY-01", "Counted"].iloc[0]) == before
    at.text_input(key="ws_who").set_value(WHO).run()
    at.selectbox(key="ws_rule_target").set_value("T-LY-01").run()
    prefix = f"ws_rule_T-LY-01_{version}"
    at.multiselect(key=f"{prefix}_statuses").set_value(["existing"])
    _button(at, "Save").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    after = _counted(ws_path, "T-LY-01")
    assert after < before
    shown = next(df.value for df in at.dataframe if "Counting rule" in df.value.columns)
    row = shown[shown["Id"] == "T-LY-01"].iloc[0]
    assert int(row["Counted"]) == after and "status: Existing" in row["Counting rule"]
    assert Workspace.open(ws_path).history(limit=1).iloc[0]["who"] == WHO


def test_targets_show_the_carriers_behind_a_count(ws_path: Path) -> None:
    at = _app(_targets_app, str(ws_path), "洛阳市", "zh")
    at.selectbox(key="ws_behind").set_value("T-LY-01").run()
    behind = next(df.value for df in at.dataframe if "区县" in df.value.columns)
    assert len(behind) == _counted(ws_path, "T-LY-01")
    assert at.get("download_button")  # the table as CSV


_TITLED_LIST = (
    "洛阳市科技企业孵化器名单(2024年)\n"
    "序号,载体名称,类型,级别,运营单位,认定年份,地址\n"
    "1,洛阳光电科技产业社区,科技产业社区,,联东集团,2022,洛阳市洛龙区\n"
    "2,洛阳某某众创空间,众创空间,国家级,某某公司,2019,洛阳市涧西区\n"
    "3,洛阳另一孵化器,科技企业孵化器,省级,另一公司,2021,洛阳市\n"
)


def test_import_a_list_with_a_title_row(ws_path: Path) -> None:
    at = _app(_import_app, str(ws_path), "en")
    at.text_input(key="ws_who").set_value(WHO).run()
    at.file_uploader(key="ws_import_file_0").upload(
        "孵化器名单.csv", _TITLED_LIST.encode("utf-8"), "text/csv"
    ).run()
    assert not at.exception, at.exception
    caption = "\n".join(str(c.value) for c in at.caption)
    assert "header on row 2" in caption and "孵化器名单" in caption
    rows = next(df.value for df in at.dataframe if "To review" in df.value.columns)
    assert len(rows) == 3 and "洛阳某某众创空间" in set(rows["Name"])
    ticks = [c for c in at.checkbox if c.label.startswith("Row")]
    assert ticks and all(c.value for c in ticks)  # the duplicate of LY-COM-01, merged by default
    n_before = len(Workspace.open(ws_path).carriers())
    next(b for b in at.button if b.key == "ws_import_do").click().run()
    assert not at.exception, at.exception
    assert "imported" in _texts(at)
    carriers = Workspace.open(ws_path).carriers()
    assert len(carriers) == n_before + 2
    added = carriers.set_index("name_zh").loc["洛阳某某众创空间"]
    assert added["level"] == "national" and int(added["year"]) == 2019
    assert added["operator"] == "某某公司"
    assert "#" in str(_carrier(ws_path, "LY-COM-01")["sources"])
    assert Workspace.open(ws_path).history(limit=1).iloc[0]["action"] == "import"


def test_add_a_target_and_see_it_counted(ws_path: Path) -> None:
    at = _app(_targets_app, str(ws_path), "洛阳市", "zh")
    at.text_input(key="ws_who").set_value(WHO).run()
    at.text_input(key="ws_ta_subject").set_value("众创空间")
    at.text_input(key="ws_ta_min").set_value("30")
    at.text_input(key="ws_ta_year").set_value("2025")
    at.multiselect(key="ws_ta_categories").set_value(["community"])
    next(b for b in at.button if b.label == "新增目标").click().run()
    assert not at.exception, at.exception
    targets = Workspace.open(ws_path).targets()
    added = targets[targets["subject_zh"] == "众创空间"].iloc[0]
    assert added["city"] == "洛阳市" and int(added["min"]) == 30
    assert added["rule_categories"] == "community" and added["updated_by"] == WHO
    shown = next(df.value for df in at.dataframe if "计数规则" in df.value.columns)
    row = shown[shown["编号"] == added["id"]].iloc[0]
    assert row["计数规则"] == "类别:科技产业社区" and int(row["已计入"]) == 8


def test_a_bad_target_is_refused_in_place(ws_path: Path) -> None:
    before = len(Workspace.open(ws_path).targets())
    at = _app(_targets_app, str(ws_path), None, "en")
    at.text_input(key="ws_who").set_value(WHO).run()
    at.text_input(key="ws_ta_subject").set_value("Maker spaces")
    at.text_input(key="ws_ta_min").set_value("many")
    next(b for b in at.button if b.label == "Add the target").click().run()
    assert any("whole numbers" in str(e.value) for e in at.error)
    assert len(Workspace.open(ws_path).targets()) == before


def test_district_change_moves_to_its_point_or_to_the_city(ws_path: Path) -> None:
    version = int(_carrier(ws_path, "LY-COM-01")["version"])
    at = _open_form(ws_path, "LY-COM-01")
    at.selectbox(key=f"ws_e_LY-COM-01_{version}_admin_district").set_value("涧西区")
    _button(at, "Save").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    row = _carrier(ws_path, "LY-COM-01")
    assert (row["admin_district"], row["precision"]) == ("涧西区", "district")
    assert (row["lon"], row["lat"]) == pytest.approx((112.3378, 34.622257))
    # No district: known only to the city, with no position at all.
    at.selectbox(key=f"ws_e_LY-COM-01_{version + 1}_admin_district").set_value("")
    _button(at, "Save").click().run()  # type: ignore[attr-defined]
    row = _carrier(ws_path, "LY-COM-01")
    assert (row["admin_district"], row["precision"]) == ("", "city")
    assert pd.isna(row["lon"]) and row["geometry"] is None
    city_only = [df.value for df in at.dataframe if "Name" in df.value.columns][1]
    assert "LY-COM-01" in set(city_only["Id"])


def test_stale_rule_edit_is_refused(ws_path: Path) -> None:
    ws = Workspace.open(ws_path)
    version = int(ws.targets().set_index("id").loc["T-LY-02", "version"])
    at = _app(_targets_app, str(ws_path), "洛阳市", "en")
    at.text_input(key="ws_who").set_value(WHO).run()
    at.selectbox(key="ws_rule_target").set_value("T-LY-02").run()
    ws.edit_target("T-LY-02", {"rule_levels": "national"}, expected_version=version, who="Wang")
    at.multiselect(key=f"ws_rule_T-LY-02_{version}_statuses").set_value(["existing"])
    _button(at, "Save").click().run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    stored = Workspace.open(ws_path).targets().set_index("id").loc["T-LY-02"]
    assert stored["rule_levels"] == "national" and stored["rule_statuses"] == ""
    assert any("Wang" in str(e.value) for e in at.error)
    # The form shows the newer rule now.
    levels = at.multiselect(key=f"ws_rule_T-LY-02_{version + 1}_levels")
    assert levels.value == ["national"]


def test_names_are_shown_as_typed_never_as_markdown(ws_path: Path) -> None:
    name = "[x](http://a.invalid/t.png) **b** $x$"
    cid = Workspace.open(ws_path).add_carrier(
        {"name_zh": name, "city": "洛阳市", "precision": "city"}, who="Wang"
    )
    at = _open_form(ws_path, cid)
    heading = next(md.value for md in at.markdown if md.value.startswith("####"))
    assert "\\[x\\]" in heading and "\\*\\*b\\*\\*" in heading and "\\$x\\$" in heading


def test_a_corrected_column_role_reads_the_list_again(ws_path: Path) -> None:
    data = "载体名称,类型,承办方\n洛阳某某众创空间,众创空间,某某公司\n".encode()
    at = _app(_import_app, str(ws_path), "en")
    at.text_input(key="ws_who").set_value(WHO).run()
    at.file_uploader(key="ws_import_file_0").upload("list.csv", data, "text/csv").run()
    rows = next(df.value for df in at.dataframe if "To review" in df.value.columns)
    assert rows["Operator"].iloc[0] == ""
    operator = next(s for s in at.selectbox if s.key.endswith("_operator"))
    assert operator.value == ""
    operator.set_value("承办方").run()
    assert not at.exception, at.exception
    rows = next(df.value for df in at.dataframe if "To review" in df.value.columns)
    assert rows["Operator"].iloc[0] == "某某公司"
    next(b for b in at.button if b.key == "ws_import_do").click().run()
    carriers = Workspace.open(ws_path).carriers()
    assert carriers.set_index("name_zh").loc["洛阳某某众创空间", "operator"] == "某某公司"


def test_delete_a_target(ws_path: Path) -> None:
    at = _app(_targets_app, str(ws_path), "漯河市", "en")
    at.text_input(key="ws_who").set_value(WHO).run()
    at.selectbox(key="ws_rule_target").set_value("T-LH-01").run()
    at.button(key="ws_target_delete_T-LH-01").click().run()
    assert not at.exception, at.exception
    assert "T-LH-01" not in set(Workspace.open(ws_path).targets()["id"])
    shown = next(df.value for df in at.dataframe if "Counting rule" in df.value.columns)
    assert "T-LH-01" not in set(shown["Id"])


def test_a_carrier_twice_in_one_list_is_imported_once(ws_path: Path) -> None:
    data = (
        "名称,类型,地址\n"
        "洛阳甲乙众创空间,众创空间,洛阳市涧西区\n"
        "洛阳丙丁孵化器,科技企业孵化器,洛阳市西工区\n"
        "洛阳甲乙众创空间,众创空间,洛阳市涧西区\n"
    ).encode("gbk")
    at = _app(_import_app, str(ws_path), "zh")
    at.text_input(key="ws_who").set_value(WHO).run()
    at.file_uploader(key="ws_import_file_0").upload("名单.csv", data, "text/csv").run()
    assert not at.exception, at.exception
    same = [c for c in at.checkbox if c.label.startswith("名单内重复")]
    assert len(same) == 1 and same[0].value and "第 4 行" in same[0].label
    n_before = len(Workspace.open(ws_path).carriers())
    next(b for b in at.button if b.key == "ws_import_do").click().run()
    carriers = Workspace.open(ws_path).carriers()
    assert len(carriers) == n_before + 2
    assert (carriers["name_zh"] == "洛阳甲乙众创空间").sum() == 1
