"""Fuzzing every file reader: any bytes give a result or a DataFileError naming the file.

Each reader gets random bytes and mutations of a valid file (bytes flipped,
inserted, cut off; cells replaced with awkward text and numbers). Whatever
happens, the only exception allowed is a :class:`DataFileError` for that file:
never a traceback from a library.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo_app.analysis.population import read_district_population, read_population_points
from geo_app.analysis.sources import read_layer_file
from geo_app.batch import read_table
from geo_app.boundaries import read_boundaries
from geo_app.errors import DataFileError
from geo_app.extraction import read_document_bytes
from geo_app.registry import read_registry, read_targets

DATA = Path(__file__).resolve().parents[1] / "data"
BOUNDARIES = read_boundaries(DATA / "boundaries.geojson")

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextmanager
def _file(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def _only_file_errors(read: Callable[[Path], object], name: str, data: bytes) -> None:
    """Run ``read`` on ``data`` saved as ``name``: a result, or a DataFileError naming it."""
    with _file(name, data) as path:
        try:
            read(path)
        except DataFileError as err:
            assert err.path.name == name
            assert "\n" not in str(err)
            assert err.code is not None


@st.composite
def mutated(draw: st.DrawFn, valid: bytes) -> bytes:
    """``valid`` with a few bytes flipped, inserted or removed, or cut short."""
    data = bytearray(valid)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            del data[at:]
    return bytes(data)


def _rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))[:6]


def _csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode(encoding, errors="replace")


# Cell values a careless planner or a damaged file can produce.
AWKWARD = st.one_of(
    st.sampled_from(
        ["", "inf", "-inf", "nan", "1e400", "-5", "1e9", "5.5", "２０", "NaN", "Infinity", "\x00"]
    ),
    st.text(max_size=12),
    st.floats().map(repr),
    st.integers(-(10**12), 10**12).map(str),
)


@st.composite
def cell_edits(draw: st.DrawFn, rows: list[list[str]]) -> list[list[str]]:
    out = [list(r) for r in rows]
    for _ in range(draw(st.integers(1, 3))):
        r = draw(st.integers(0, len(out) - 1))
        c = draw(st.integers(0, len(out[r]) - 1))
        out[r][c] = draw(AWKWARD)
    return out


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("洛阳市建设科技产业社区不少于20家,孵化载体120家。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "漯河市"
    table.rows[0].cells[1].text = "智慧岛"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _xlsx() -> bytes:
    buf = io.BytesIO()
    frame = pd.DataFrame(
        {"名称": ["甲孵化器", "乙众创空间"], "经度": [112.45, 114.0], "纬度": [34.6, 33.6]}
    )
    frame.to_excel(buf, index=False)
    return buf.getvalue()


def _zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def _rezip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buf.getvalue()


@st.composite
def mutated_zip(draw: st.DrawFn, valid: bytes) -> bytes:
    """A valid container with one part mutated or dropped (the zip itself stays sound)."""
    parts = _zip_parts(valid)
    name = draw(st.sampled_from(sorted(parts)))
    if draw(st.booleans()):
        del parts[name]
    else:
        parts[name] = draw(mutated(parts[name]))
    return _rezip(parts)


DOCX = _docx()
XLSX = _xlsx()
TABLE = "名称,地址,经度,纬度\n甲孵化器,洛阳市涧西区,112.45,34.62\n乙众创空间,漯河市,114.0,33.58\n"
GEOJSON = (
    '{"type": "FeatureCollection", "features": ['
    '{"type": "Feature", "properties": {"name": "甲孵化器", "category": "incubator"}, '
    '"geometry": {"type": "Point", "coordinates": [112.45, 34.62]}}]}'
).encode()


# --- tables to geocode -----------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from([".csv", ".xlsx", ".xls", ".txt"]))
def test_table_reader_random_bytes(data: bytes, suffix: str) -> None:
    _only_file_errors(read_table, f"list{suffix}", data)


@FUZZ
@given(st.data(), st.sampled_from(["utf-8", "gbk", "utf-8-sig", "utf-16"]))
def test_table_reader_mutated_csv(data: st.DataObject, encoding: str) -> None:
    _only_file_errors(read_table, "list.csv", data.draw(mutated(TABLE.encode(encoding))))


@FUZZ
@given(st.data())
def test_table_reader_mutated_xlsx(data: st.DataObject) -> None:
    raw = data.draw(st.one_of(mutated(XLSX), mutated_zip(XLSX)))
    _only_file_errors(read_table, "list.xlsx", raw)


# --- plan documents ----------------------------------------------------------------


def _read_document(path: Path) -> object:
    return read_document_bytes(path.read_bytes(), str(path))


@FUZZ
@given(st.data())
def test_document_reader_mutated_docx(data: st.DataObject) -> None:
    raw = data.draw(st.one_of(mutated(DOCX), mutated_zip(DOCX)))
    _only_file_errors(_read_document, "plan.docx", raw)


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from([".txt", ".pdf", ".docx"]))
def test_document_reader_random_bytes(data: bytes, suffix: str) -> None:
    _only_file_errors(_read_document, f"plan{suffix}", data)


# --- registry, targets and census figures ----------------------------------------


@FUZZ
@given(st.data())
def test_registry_reader_mutated(data: st.DataObject) -> None:
    rows = _rows("carriers.csv")
    raw = data.draw(st.one_of(cell_edits(rows).map(_csv), mutated(_csv(rows))))
    _only_file_errors(read_registry, "carriers.csv", raw)


@FUZZ
@given(st.data(), st.sampled_from(["utf-8", "gbk"]))
def test_targets_reader_mutated(data: st.DataObject, encoding: str) -> None:
    rows = _rows("targets.csv")
    raw = data.draw(
        st.one_of(cell_edits(rows).map(lambda r: _csv(r, encoding)), mutated(_csv(rows, encoding)))
    )
    _only_file_errors(read_targets, "targets.csv", raw)


@FUZZ
@given(st.data())
def test_census_reader_mutated(data: st.DataObject) -> None:
    rows = _rows("population.csv")
    raw = data.draw(st.one_of(cell_edits(rows).map(_csv), mutated(_csv(rows))))
    _only_file_errors(read_district_population, "population.csv", raw)


@FUZZ
@given(st.data())
def test_population_grid_reader_mutated(data: st.DataObject) -> None:
    rows = [["lon", "lat", "weight"], ["114.0", "33.6", "120"], ["112.45", "34.62", "80.5"]]
    raw = data.draw(
        st.one_of(cell_edits(rows).map(_csv), mutated(_csv(rows)), st.binary(max_size=256))
    )
    _only_file_errors(read_population_points, "people.csv", raw)


# --- layers of points -------------------------------------------------------------------

COORD = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "null", '"x"', "[]", "95"]),
)


def _read_layer(path: Path) -> object:
    return read_layer_file(path, BOUNDARIES, category="incubator")


@FUZZ
@given(st.data())
def test_layer_reader_mutated_geojson(data: st.DataObject) -> None:
    lon, lat = data.draw(COORD), data.draw(COORD)
    name = data.draw(st.text(max_size=8)).replace("\\", "").replace('"', "")
    edited = (
        GEOJSON.decode()
        .replace("112.45", lon)
        .replace("34.62", lat)
        .replace("甲孵化器", name)
        .encode()
    )
    raw = data.draw(st.one_of(st.just(edited), mutated(GEOJSON)))
    _only_file_errors(_read_layer, "mine.geojson", raw)


@FUZZ
@given(st.binary(max_size=1024), st.sampled_from([".geojson", ".gpkg", ".json"]))
def test_layer_reader_random_bytes(data: bytes, suffix: str) -> None:
    _only_file_errors(_read_layer, f"mine{suffix}", data)


# --- district boundaries (--data-dir) ------------------------------------------------


@FUZZ
@given(st.data())
def test_boundaries_reader_mutated(data: st.DataObject) -> None:
    source = json.loads((DATA / "boundaries.geojson").read_bytes())
    source["features"] = source["features"][:2]
    valid = json.dumps(source, ensure_ascii=False).encode()
    raw = data.draw(st.one_of(mutated(valid), st.binary(max_size=512)))
    _only_file_errors(read_boundaries, "boundaries.geojson", raw)


def test_boundaries_with_a_ring_that_does_not_close_are_a_file_error() -> None:
    source = json.loads((DATA / "boundaries.geojson").read_bytes())
    source["features"] = source["features"][:1]
    ring = source["features"][0]["geometry"]["coordinates"][0][0]
    ring[0] = [ring[0][0] - 100.0, ring[0][1]]  # (a digit lost from the first point)
    raw = json.dumps(source, ensure_ascii=False).encode()
    with _file("boundaries.geojson", raw) as path, pytest.raises(DataFileError) as caught:
        read_boundaries(path)
    assert caught.value.code == "boundaries.unreadable"


@pytest.mark.parametrize(
    ("read", "name"),
    [
        (read_table, "list.csv"),
        (read_registry, "carriers.csv"),
        (read_targets, "targets.csv"),
        (read_district_population, "population.csv"),
        (read_population_points, "people.csv"),
        (_read_layer, "mine.geojson"),
        (_read_document, "plan.txt"),
    ],
)
def test_every_reader_names_an_empty_file(read: Callable[[Path], object], name: str) -> None:
    with _file(name, b"") as path, pytest.raises(DataFileError) as caught:
        read(path)
    assert caught.value.path.name == name
