"""``carrier-map export --format html|xlsx``: the files the app's Export tab offers."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from geo_app.cli import main
from geo_app.config import Settings
from geo_app.exports import workbook_sheets, xlsx_bytes
from geo_app.pipeline import CarrierLayers
from geo_app.registry import read_registry, read_targets
from geo_app.targets import gap_table
from layers.assets import VENDOR_DIR, find_external_assets

REPO = Path(__file__).resolve().parents[1]
LUOYANG = "洛阳市"


def _sheet_values(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {s.title: [tuple(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


@pytest.fixture(scope="module")
def html_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The standalone map of Luoyang written by the CLI, and what it printed."""
    if not VENDOR_DIR.is_dir():
        pytest.skip("map assets not vendored (static/vendor); the export needs them")
    out = tmp_path_factory.mktemp("html") / "map.html"
    with pytest.MonkeyPatch.context() as mp:
        printed = io.StringIO()
        mp.setattr("sys.stdout", printed)
        assert main(["export", "--format", "html", "--city", "luoyang", "--out", str(out)]) == 0
    return out, printed.getvalue()


def test_html_export_is_a_complete_offline_page(
    html_export: tuple[Path, str], carrier_layers: CarrierLayers
) -> None:
    path, printed = html_export
    html = path.read_text(encoding="utf-8")
    assert printed.strip() == str(path)
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert html.rstrip().endswith("</html>")
    assert find_external_assets(html) == []  # scripts and styles inlined, no CDN
    placed = carrier_layers.placed
    for name in placed.loc[placed["city"] == LUOYANG, "name_zh"]:
        assert name in html
    other = placed.loc[placed["city"] != LUOYANG, "name_zh"]
    assert not any(name in html for name in other)  # one city, as the app's export
    assert not list(path.parent.glob(".*"))  # written atomically: no temporary left


def test_xlsx_export_has_the_apps_sheets(
    tmp_path: Path, settings: Settings, carrier_layers: CarrierLayers
) -> None:
    out = tmp_path / "carriers.xlsx"
    assert main(["export", "--format", "xlsx", "--out", str(out)]) == 0
    cli = _sheet_values(out.read_bytes())
    assert list(cli) == ["carriers", "targets", "unplaced"]
    gaps = gap_table(
        read_targets(settings.targets_file),
        read_registry(settings.registry_file),
        set(carrier_layers.placed["id"]),
    )
    app = _sheet_values(
        xlsx_bytes(workbook_sheets(carrier_layers.placed, carrier_layers.unplaced, gaps))
    )
    assert cli == app  # the same code builds both
    header = cli["carriers"][0]
    assert {"id", "name_zh", "category", "lon", "lat"} <= set(header)
    assert len(cli["carriers"]) == len(carrier_layers.placed) + 1


def test_xlsx_export_of_one_city_into_a_folder(tmp_path: Path) -> None:
    assert main(["export", "--format", "xlsx", "--city", "漯河市", "--out", str(tmp_path)]) == 0
    sheets = _sheet_values((tmp_path / "carriers.xlsx").read_bytes())
    cities = {row[sheets["carriers"][0].index("city")] for row in sheets["carriers"][1:]}
    assert cities == {"漯河市"}
    target_cities = {row[sheets["targets"][0].index("city")] for row in sheets["targets"][1:]}
    assert target_cities == {"漯河市"}


def test_xlsx_export_reads_the_given_registry(tmp_path: Path) -> None:
    src = pd.read_csv(REPO / "data" / "carriers.csv", dtype=str, keep_default_na=False)
    mine = tmp_path / "mine.csv"
    src.iloc[:3].to_csv(mine, index=False, encoding="utf-8")
    out = tmp_path / "mine.xlsx"
    assert main(["export", "--format", "xlsx", "--registry", str(mine), "--out", str(out)]) == 0
    sheets = _sheet_values(out.read_bytes())
    ids = {row[0] for row in sheets["carriers"][1:]} | {row[0] for row in sheets["unplaced"][1:]}
    assert ids == set(src["id"].iloc[:3])


def test_export_of_an_unknown_city_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.xlsx"
    assert main(["export", "--format", "xlsx", "--city", "zhoushan", "--out", str(out)]) == 2
    assert "zhoushan" in capsys.readouterr().err
    assert not out.exists()


def test_html_export_never_takes_a_basemap_that_needs_a_key() -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "html", "--basemap", "tianditu", "--out", "x.html"])
    assert info.value.code == 2
