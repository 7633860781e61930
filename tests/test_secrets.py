"""Provider keys never leave the process: not in exports, output or error messages.

Fake keys are put in the environment, as a deployment would; every export
format is written, a few commands are run on bad input, and the readers'
errors are raised directly. No key may appear in a file, in what the
command printed, or in any wording of an error.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo_app.batch import read_table
from geo_app.cli import main
from geo_app.errors import GeoAppError
from geo_app.exports import csv_bytes, gpkg_bytes, standalone_map_html, workbook_sheets, xlsx_bytes
from geo_app.pipeline import CarrierLayers
from geo_app.registry import read_registry, read_targets
from layers.assets import VENDOR_DIR

REPO = Path(__file__).resolve().parents[1]

#: Environment variable -> a fake value that must never be seen.
KEYS: dict[str, str] = {
    "CARRIER_MAP_AMAP_KEY": "AMAPKEY-leak-5e1f0c",
    "CARRIER_MAP_BAIDU_AK": "BAIDUAK-leak-9a7d21",
    "CARRIER_MAP_BAIDU_SK": "BAIDUSK-leak-3c6b88",
    "CARRIER_MAP_TIANDITU_KEY": "TDTKEY-leak-0f4e17",
    "CARRIER_MAP_NOMINATIM_USER_AGENT": "UA-leak-carrier-mapper-77",
}


@pytest.fixture(autouse=True)
def _fake_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)


def _leaks(data: bytes | str) -> list[str]:
    """The names of the keys found in ``data`` (text, or bytes in any likely encoding)."""
    if isinstance(data, str):
        return [name for name, key in KEYS.items() if key in data]
    found = []
    for name, key in KEYS.items():
        forms = (key.encode("utf-8"), key.encode("utf-16-le"), key.encode("utf-16-be"))
        if any(form in data for form in forms):
            found.append(name)
    return found


def _file_bytes(path: Path) -> Iterator[bytes]:
    """A file's bytes, and each member of it when it is a zip (an .xlsx)."""
    data = path.read_bytes()
    yield data
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                yield archive.read(member)


def _error_texts(err: GeoAppError) -> list[str]:
    return [str(err), repr(err), err.text("en"), err.text("zh"), repr(err.params)]


@pytest.mark.parametrize(
    ("fmt", "out"),
    [
        ("csv", "folder"),
        ("geojson", "folder"),
        ("gpkg", "all.gpkg"),
        ("xlsx", "carriers.xlsx"),
        ("html", "map.html"),
    ],
)
def test_no_export_holds_a_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, out: str
) -> None:
    if fmt == "html" and not VENDOR_DIR.is_dir():
        pytest.skip("map assets not vendored (static/vendor)")
    argv = ["export", "--format", fmt, "--out", str(tmp_path / out)]
    if fmt == "html":
        argv += ["--city", "漯河市"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert _leaks(captured.out + captured.err) == []
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files
    for path in files:
        for data in _file_bytes(path):
            assert _leaks(data) == [], path.name


def test_the_apps_downloads_hold_no_key(carrier_layers: CarrierLayers, boundaries: object) -> None:
    placed, unplaced = carrier_layers.placed, carrier_layers.unplaced
    assert _leaks(csv_bytes(placed)) == []
    assert _leaks(gpkg_bytes({"carriers": placed})) == []
    data = xlsx_bytes(workbook_sheets(placed, unplaced, unplaced.iloc[0:0]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert all(_leaks(archive.read(m)) == [] for m in archive.namelist())


def test_a_map_on_a_keyed_basemap_is_exported_on_osm(
    carrier_layers: CarrierLayers, boundaries: object
) -> None:
    """A Tianditu basemap would write its key into the page's tile URLs."""
    if not VENDOR_DIR.is_dir():
        pytest.skip("map assets not vendored (static/vendor)")
    html = standalone_map_html(
        carrier_layers.placed,
        boundaries,  # type: ignore[arg-type]
        city="漯河市",
        basemap="tianditu",
    )
    assert html is not None
    assert _leaks(html) == [] and "tianditu.gov.cn" not in html


def _bad_files(tmp: Path) -> dict[str, Path]:
    registry = (REPO / "data" / "carriers.csv").read_text(encoding="utf-8").splitlines()
    registry[3] = registry[3].replace(",community,", f",{KEYS['CARRIER_MAP_AMAP_KEY'][:4]}x,", 1)
    targets = (REPO / "data" / "targets.csv").read_text(encoding="utf-8").splitlines()
    targets[1] = targets[1].replace(",20,20,", ",1e400,many,", 1)
    files = {
        "registry": tmp / "bad_registry.csv",
        "targets": tmp / "bad_targets.csv",
        "xlsx": tmp / "truncated.xlsx",
        "binary": tmp / "binary.csv",
    }
    files["registry"].write_text("\n".join(registry) + "\n", encoding="utf-8")
    files["targets"].write_text("\n".join(targets) + "\n", encoding="utf-8")
    files["xlsx"].write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    files["binary"].write_bytes(b"\xff\xfe\x00\x81" * 64)
    return files


def test_failing_commands_print_no_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bad = _bad_files(tmp_path)
    out = str(tmp_path / "out")
    runs = [
        ["export", "--format", "xlsx", "--registry", str(bad["registry"]), "--out", out],
        ["export", "--format", "html", "--targets", str(bad["targets"]), "--out", out],
        ["export", "--format", "csv", "--registry", str(tmp_path / "missing.csv"), "--out", out],
        ["export", "--format", "xlsx", "--city", "舟山", "--out", out],
        ["build", "--registry", str(bad["registry"]), "--out", out],
        ["geocode", str(bad["xlsx"]), "--geocoders", "amap,baidu,gazetteer", "--no-cache"],
        ["geocode", str(bad["binary"]), "--geocoders", "tianditu,nominatim", "--no-cache"],
        ["geocode", str(tmp_path / "missing.csv"), "--no-cache"],
    ]
    for argv in runs:
        code = main(argv)
        captured = capsys.readouterr()
        assert code == 2, (argv, captured.err)
        assert captured.err.strip(), argv
        assert _leaks(captured.out + captured.err) == [], argv
    assert not (tmp_path / "out").exists()
    assert _leaks(caplog.text) == []


def test_reader_errors_name_no_key(tmp_path: Path) -> None:
    bad = _bad_files(tmp_path)
    calls = [
        lambda: read_registry(bad["registry"]),
        lambda: read_targets(bad["targets"]),
        lambda: read_table(bad["xlsx"]),
        lambda: read_table(bad["binary"]),
        lambda: read_registry(tmp_path / "missing.csv"),
    ]
    for call in calls:
        with pytest.raises(GeoAppError) as info:
            call()
        for text in _error_texts(info.value):
            assert _leaks(text) == [], text
