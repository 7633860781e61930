"""Every malformed input file, through every command: exit 2, one clear line, nothing written.

Each case writes a damaged or awkward file, runs ``carrier-map`` in process
and checks that it ends with exit status 2 and exactly one line on stderr,
``error: <file>[, row N][, column 'x']: <message>``, and that nothing was
written to the output location. A traceback fails the test by itself.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pandas as pd
import pytest

from geo_app.analysis.sources import read_layer_file
from geo_app.archives import MAX_ZIP_PART_BYTES
from geo_app.boundaries import read_boundaries
from geo_app.cli import main

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
BAD = Path(__file__).parent / "data" / "bad"

Maker = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Case:
    """One malformed input: how to make it and what the error must name."""

    id: str
    make: Maker
    file: str | None
    row: int | None = None
    column: str | None = None


# --- builders ---------------------------------------------------------------


Content = str | bytes | Callable[[], bytes]


def _write(path: Path, content: Content, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if callable(content):
        content = content()
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def _rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _with_cell(name: str, column: str, value: str, row: int = 3) -> str:
    """The shipped CSV ``name`` with one cell replaced (``row`` as a spreadsheet numbers it)."""
    rows = _rows(name)
    rows[row - 1][rows[0].index(column)] = value
    return _csv_text(rows)


def _out(tmp: Path) -> list[str]:
    return ["--out", str(tmp / "out")]


def registry(content: Content, command: str = "validate", encoding: str = "utf-8") -> Maker:
    def make(tmp: Path) -> list[str]:
        path = _write(tmp / "mine.csv", content, encoding)
        extra = _out(tmp) if command in ("export", "build") else []
        return [command, "--registry", str(path), *extra]

    return make


def targets(content: Content, command: str = "export", encoding: str = "utf-8") -> Maker:
    def make(tmp: Path) -> list[str]:
        path = _write(tmp / "plan_targets.csv", content, encoding)
        extra = ["--format", "csv", *_out(tmp)] if command == "export" else []
        if command == "build":
            extra = _out(tmp)
        if command == "analyse":
            extra = ["--city", "洛阳市", *_out(tmp)]
        return [command, "--targets", str(path), *extra]

    return make


def data_file(name: str, content: Content, command: str = "analyse") -> Maker:
    """A copy of the data folder with ``name`` replaced."""

    def make(tmp: Path) -> list[str]:
        folder = tmp / "data"
        shutil.copytree(DATA, folder)
        _write(folder / name, content)
        if command == "analyse":
            return ["analyse", "--data-dir", str(folder), "--city", "洛阳市", *_out(tmp)]
        return [command, "--data-dir", str(folder)]

    return make


def population_grid(content: Content, suffix: str = ".csv", command: str = "analyse") -> Maker:
    def make(tmp: Path) -> list[str]:
        path = _write(tmp / f"people{suffix}", content)
        if command == "select":
            return [
                "select",
                "--city",
                "漯河市",
                "--category",
                "incubator",
                "--n",
                "1",
                "--model",
                "greedy",
                "--population-grid",
                str(path),
                *_out(tmp),
            ]
        return ["analyse", "--city", "漯河市", "--population-grid", str(path), *_out(tmp)]

    return make


def _feature(coords: str, name: str = "乙孵化器", geometry: str | None = None) -> str:
    geom = geometry or f'{{"type": "Point", "coordinates": {coords}}}'
    props = json.dumps({"name": name, "category": "incubator"}, ensure_ascii=False)
    return f'{{"type": "Feature", "properties": {props}, "geometry": {geom}}}'


def geojson(*features: str) -> str:
    return '{"type": "FeatureCollection", "features": [' + ", ".join(features) + "]}"


GOOD_POINT = _feature("[112.45, 34.62]", "甲孵化器")


def layer(content: Content, suffix: str = ".geojson", command: str = "analyse") -> Maker:
    def make(tmp: Path) -> list[str]:
        path = _write(tmp / f"mine{suffix}", content)
        if command == "select":
            return [
                "select",
                "--city",
                "洛阳市",
                "--category",
                "incubator",
                "--layer",
                str(path),
                *_out(tmp),
            ]
        return ["analyse", "--city", "洛阳市", "--layer", str(path), *_out(tmp)]

    return make


def table(content: Content, suffix: str = ".csv", *options: str, encoding: str = "utf-8") -> Maker:
    def make(tmp: Path) -> list[str]:
        path = _write(tmp / f"list{suffix}", content, encoding)
        return [
            "geocode",
            str(path),
            "--quiet",
            "--no-cache",
            "--geocoders",
            "gazetteer",
            "-o",
            str(tmp / "out" / "list.geojson"),
            *options,
        ]

    return make


def table_file(source: Path) -> Maker:
    def make(tmp: Path) -> list[str]:
        path = tmp / source.name
        shutil.copy(source, path)
        return table(path.read_bytes(), path.suffix)(tmp)

    return make


def document(content: Content, suffix: str = ".txt") -> Maker:
    def make(tmp: Path) -> list[str]:
        path = _write(tmp / f"plan{suffix}", content)
        return ["extract", str(path), "--out-dir", str(tmp / "out")]

    return make


def areas(content: Content) -> Maker:
    def make(tmp: Path) -> list[str]:
        path = _write(tmp / "zone.geojson", content)
        return [
            "select",
            "--city",
            "洛阳市",
            "--category",
            "incubator",
            "--include-areas",
            str(path),
            *_out(tmp),
        ]

    return make


def _xlsx(rows: list[list[object]]) -> bytes:
    buf = io.BytesIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(buf, index=False)
    return buf.getvalue()


def _xlsx_with(text: str) -> bytes:
    """A one-column workbook whose second cell holds ``text`` (escapes written as OOXML does)."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["名称"], ["PLACEHOLDER"]])))
    parts = {i.filename: source.read(i) for i in source.infolist()}
    for name, data in parts.items():
        parts[name] = data.replace(b"PLACEHOLDER", text.encode())
    return _zip(parts)


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _docx(text: str = "洛阳市建设科技产业社区不少于20家。") -> bytes:
    document_ = docx.Document()
    document_.add_paragraph(text)
    buf = io.BytesIO()
    document_.save(buf)
    return buf.getvalue()


def _docx_without(part: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    return _zip({i.filename: source.read(i) for i in source.infolist() if i.filename != part})


def _docx_huge_text_node() -> bytes:
    """A document part with one 12-million-character text node that barely compresses."""
    import random

    rng = random.Random(7)
    alphabet = "洛阳漯河科技产业社区孵化器众创空间园区智慧岛"
    text = "".join(rng.choices(alphabet, k=12_000_000))
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    parts = {i.filename: source.read(i) for i in source.infolist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = xml.replace("洛阳市建设科技产业社区不少于20家。", text).encode()
    return _zip(parts)


def _bomb(kind: str) -> bytes:
    """A small zip whose one part expands past the part limit."""
    zeros = b"0" * (MAX_ZIP_PART_BYTES + 2**20)
    name = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    return _zip({"[Content_Types].xml": b"<Types/>", name: zeros})


def _pdf_blank() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


REG_HEADER = ",".join(_rows("carriers.csv")[0]) + "\n"
TGT_HEADER = ",".join(_rows("targets.csv")[0]) + "\n"
RANDOM = bytes(range(256)) * 4
GBK_REGISTRY = _with_cell("carriers.csv", "note", "备注").encode("gbk")

# --- the cases ----------------------------------------------------------------

CASES: list[Case] = [
    # The carrier registry (--registry).
    Case("registry-missing", lambda t: ["validate", "--registry", str(t / "nope.csv")], "nope.csv"),
    Case("registry-empty", registry(""), "mine.csv"),
    Case("registry-blank", registry("\n\n  \n"), "mine.csv"),
    Case("registry-gbk", registry(GBK_REGISTRY), "mine.csv", row=2),
    Case("registry-random-bytes", registry(RANDOM), "mine.csv", row=2),
    Case("registry-utf16", registry(REG_HEADER, encoding="utf-16"), "mine.csv", row=1),
    Case(
        "registry-nul", registry(_with_cell("carriers.csv", "name_zh", "甲\x00乙")), "mine.csv", 3
    ),
    Case(
        "registry-escape", registry(_with_cell("carriers.csv", "note", "a\x1b[31m")), "mine.csv", 3
    ),
    Case("registry-no-column", registry("id,name_zh\nA,甲\n"), "mine.csv", 1),
    Case(
        "registry-category",
        registry(_with_cell("carriers.csv", "category", "lab")),
        "mine.csv",
        3,
        "category",
    ),
    Case(
        "registry-status",
        registry(_with_cell("carriers.csv", "status", "dreamt")),
        "mine.csv",
        3,
        "status",
    ),
    Case(
        "registry-city",
        registry(_with_cell("carriers.csv", "city", "舟山市")),
        "mine.csv",
        3,
        "city",
    ),
    Case("registry-empty-id", registry(_with_cell("carriers.csv", "id", "")), "mine.csv", 3, "id"),
    Case(
        "registry-dup-id",
        registry(_with_cell("carriers.csv", "id", _rows("carriers.csv")[1][0])),
        "mine.csv",
        3,
        "id",
    ),
    Case(
        "registry-bool",
        registry(_with_cell("carriers.csv", "out_of_area", "maybe")),
        "mine.csv",
        3,
        "out_of_area",
    ),
    Case(
        "registry-phrases",
        registry(_with_cell("carriers.csv", "source_phrases", "")),
        "mine.csv",
        3,
        "source_phrases",
    ),
    Case("registry-ragged", registry(REG_HEADER + "a,b\n" + "x," * 40 + "\n"), "mine.csv"),
    Case(
        "registry-export",
        registry(_with_cell("carriers.csv", "city", "x"), "export"),
        "mine.csv",
        3,
    ),
    Case("registry-build", registry(b"\x00\x01\x02", "build"), "mine.csv", 1),
    # The planned counts (--targets).
    Case(
        "targets-inf",
        targets(_with_cell("targets.csv", "min", "inf")),
        "plan_targets.csv",
        3,
        "min",
    ),
    Case(
        "targets-1e400", targets(_with_cell("targets.csv", "min", "1e400")), "plan_targets.csv", 3
    ),
    Case("targets-nan", targets(_with_cell("targets.csv", "number", "nan")), "plan_targets.csv", 3),
    Case(
        "targets-negative",
        targets(_with_cell("targets.csv", "min", "-5")),
        "plan_targets.csv",
        3,
        "min",
    ),
    Case(
        "targets-absurd",
        targets(_with_cell("targets.csv", "number", "120000000")),
        "plan_targets.csv",
        3,
        "number",
    ),
    Case(
        "targets-fraction", targets(_with_cell("targets.csv", "min", "5.5")), "plan_targets.csv", 3
    ),
    Case(
        "targets-word", targets(_with_cell("targets.csv", "min", "twenty")), "plan_targets.csv", 3
    ),
    Case(
        "targets-year",
        targets(_with_cell("targets.csv", "year", "99999")),
        "plan_targets.csv",
        3,
        "year",
    ),
    Case(
        "targets-bound",
        targets(_with_cell("targets.csv", "bound", "most")),
        "plan_targets.csv",
        3,
        "bound",
    ),
    Case("targets-kind", targets(_with_cell("targets.csv", "kind", "wish")), "plan_targets.csv", 3),
    Case("targets-no-min", targets(_with_cell("targets.csv", "min", "")), "plan_targets.csv", 3),
    Case(
        "targets-max-below", targets(_with_cell("targets.csv", "max", "1")), "plan_targets.csv", 3
    ),
    Case("targets-no-column", targets("id,city\nT,洛阳市\n"), "plan_targets.csv", 1),
    Case("targets-empty", targets(b""), "plan_targets.csv"),
    Case("targets-nul", targets(_with_cell("targets.csv", "note", "\x00")), "plan_targets.csv", 3),
    Case(
        "targets-gbk",
        targets(_with_cell("targets.csv", "note", "备注"), encoding="gbk"),
        "plan_targets.csv",
        2,
    ),
    Case(
        "targets-dup-id", targets(_with_cell("targets.csv", "id", "T-LY-01")), "plan_targets.csv", 3
    ),
    Case(
        "targets-validate",
        targets(_with_cell("targets.csv", "max", "inf"), "validate"),
        "plan_targets.csv",
        3,
        "max",
    ),
    Case(
        "targets-build",
        targets(_with_cell("targets.csv", "min", "1e400"), "build"),
        "plan_targets.csv",
        3,
        "min",
    ),
    Case(
        "targets-analyse",
        targets(_with_cell("targets.csv", "min", "-1"), "analyse"),
        "plan_targets.csv",
        3,
        "min",
    ),
    # Census figures (data/population.csv through --data-dir).
    Case("census-empty", data_file("population.csv", ""), "population.csv"),
    Case(
        "census-adcode",
        data_file("population.csv", _with_cell("population.csv", "adcodes", "4103")),
        "population.csv",
        3,
        "adcodes",
    ),
    Case(
        "census-zero",
        data_file("population.csv", _with_cell("population.csv", "population", "0")),
        "population.csv",
        3,
        "population",
    ),
    Case(
        "census-1e400",
        data_file("population.csv", _with_cell("population.csv", "population", "1e400")),
        "population.csv",
        3,
        "population",
    ),
    Case(
        "census-absurd",
        data_file("population.csv", _with_cell("population.csv", "population", "9" * 30)),
        "population.csv",
        3,
        "population",
    ),
    Case(
        "census-year",
        data_file("population.csv", _with_cell("population.csv", "year", "20x0")),
        "population.csv",
        3,
        "year",
    ),
    Case(
        "census-kind",
        data_file("population.csv", _with_cell("population.csv", "kind", "rumour")),
        "population.csv",
        3,
        "kind",
    ),
    Case(
        "census-nul",
        data_file("population.csv", _with_cell("population.csv", "source", "a\x00b")),
        "population.csv",
        3,
    ),
    Case(
        "census-gbk",
        data_file("population.csv", _with_cell("population.csv", "name", "老城区").encode("gbk")),
        "population.csv",
        2,
    ),
    Case("census-no-column", data_file("population.csv", "adcodes,name\n"), "population.csv", 1),
    # The registry and targets inside a data folder.
    Case(
        "data-registry",
        data_file("carriers.csv", _with_cell("carriers.csv", "status", "x"), "validate"),
        "carriers.csv",
        3,
    ),
    Case("data-targets", data_file("targets.csv", b"\xff\xfe\x00", "validate"), "targets.csv"),
    # Population grids (--population-grid).
    Case("grid-empty", population_grid(""), "people.csv"),
    Case("grid-header-only", population_grid("lon,lat,weight\n"), "people.csv", 2),
    Case("grid-no-weight", population_grid("lon,lat\n114,33.6\n"), "people.csv", 1, "weight"),
    Case("grid-nan", population_grid("lon,lat,weight\n114,33.6,5\nnan,33.6,5\n"), "people.csv", 3),
    Case("grid-inf", population_grid("lon,lat,weight\n114,33.6,inf\n"), "people.csv", 2, "weight"),
    Case("grid-lat", population_grid("lon,lat,weight\n114,95,3\n"), "people.csv", 2, "lat"),
    Case("grid-absurd", population_grid("lon,lat,weight\n114,33.6,1e12\n"), "people.csv", 2),
    Case("grid-negative", population_grid("lon,lat,weight\n114,33.6,-3\n"), "people.csv", 2),
    Case("grid-nul", population_grid("lon,lat,weight\n114,33.6,\x003\n"), "people.csv", 2),
    Case(
        "grid-gbk",
        population_grid("lon,lat,weight,名\n114,33.6,3,甲\n".encode("gbk")),
        "people.csv",
    ),
    Case("grid-random", population_grid(RANDOM), "people.csv", 2),
    Case("grid-select", population_grid("lon,lat,weight\n", command="select"), "people.csv", 2),
    # Layers of points (--layer).
    Case(
        "layer-missing",
        lambda t: ["analyse", "--city", "洛阳市", "--layer", str(t / "gone.geojson")],
        "gone.geojson",
    ),
    Case("layer-nan", layer(geojson(GOOD_POINT, _feature("[NaN, 34.6]"))), "mine.geojson", 3),
    Case("layer-infinity", layer(geojson(_feature("[Infinity, 34.6]"))), "mine.geojson", 2),
    Case("layer-lat", layer(geojson(_feature("[112.4, 95]"))), "mine.geojson", 2, "geometry"),
    Case("layer-lon", layer(geojson(_feature("[212.4, 34]"))), "mine.geojson", 2, "geometry"),
    Case("layer-1e400", layer(geojson(_feature("[1e400, 34]"))), "mine.geojson"),
    Case("layer-null-geometry", layer(geojson(_feature("", geometry="null"))), "mine.geojson", 2),
    Case(
        "layer-polygon",
        layer(
            geojson(
                _feature(
                    "",
                    geometry='{"type": "Polygon", "coordinates": '
                    "[[[112, 34], [113, 34], [113, 35], [112, 34]]]}",
                )
            )
        ),
        "mine.geojson",
        2,
        "geometry",
    ),
    Case("layer-nul-raw", layer(geojson(_feature("[112.4, 34.6]", "甲\x00乙"))), "mine.geojson"),
    Case(
        "layer-nul-escaped",
        layer(geojson(_feature("[112.4, 34.6]", "x")).replace('"x"', '"\\u0000x"')),
        "mine.geojson",
    ),
    Case("layer-escape", layer(geojson(_feature("[112.4, 34.6]", "甲\x1b"))), "mine.geojson"),
    Case("layer-empty-collection", layer(geojson()), "mine.geojson"),
    Case("layer-truncated", layer(geojson(GOOD_POINT)[:40]), "mine.geojson"),
    Case("layer-random", layer(RANDOM), "mine.geojson"),
    Case("layer-gpkg-garbage", layer(b"SQLite format 3\x00" + RANDOM, ".gpkg"), "mine.gpkg"),
    Case("layer-empty-file", layer(b""), "mine.geojson"),
    Case(
        "layer-select",
        layer(geojson(_feature("[NaN, NaN]")), command="select"),
        "mine.geojson",
        2,
    ),
    # Tables to geocode (geocode FILE).
    Case("table-missing", lambda t: ["geocode", str(t / "absent.csv")], "absent.csv"),
    Case("table-empty", table(b""), "list.csv"),
    Case("table-blank", table("\n \n"), "list.csv"),
    Case("table-header-only", table("名称,地址\n"), "list.csv"),
    Case("table-random", table(RANDOM), "list.csv", 2),
    Case("table-nul", table("名称,地址\n甲孵化器,洛阳\n乙\x00,洛阳\n"), "list.csv", 3),
    Case("table-escape", table("名称,地址\n甲\x07,洛阳\n"), "list.csv", 2),
    Case("table-bad-gbk", table(b"\xc3\xfb\xb3\xc6\n\xff\xff\xff\n"), "list.csv", 2),
    Case("table-unclosed-quote", table('名称,地址\n"甲孵化器,洛阳\n'), "list.csv"),
    Case("table-no-roles", table("序号,备注\n1,甲\n"), "list.csv", 1),
    Case("table-no-column", table("名称\n甲\n", ".csv", "--column", "address=地点"), "list.csv"),
    Case("table-unknown-role", table("名称\n甲\n", ".csv", "--column", "colour=名称"), "list.csv"),
    Case("table-docx-as-csv", table(_docx), "list.csv"),
    Case("xlsx-truncated", table(lambda: _xlsx([["名称"], ["甲"]])[:700], ".xlsx"), "list.xlsx"),
    Case("xlsx-random", table(RANDOM, ".xlsx"), "list.xlsx"),
    Case("xlsx-empty", table(b"", ".xlsx"), "list.xlsx"),
    Case("xlsx-encrypted", table_file(BAD / "encrypted.xlsx"), "list.xlsx"),
    Case("xlsx-header-only", table(lambda: _xlsx([["名称", "地址"]]), ".xlsx"), "list.xlsx"),
    Case("xlsx-bomb", table(lambda: _bomb("xlsx"), ".xlsx"), "list.xlsx"),
    Case("xlsx-csv-inside", table("名称\n甲\n", ".xlsx"), "list.xlsx"),
    Case("xls-random", table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + RANDOM, ".xls"), "list.xls"),
    Case(
        "xlsx-nul-cell", table(lambda: _xlsx_with("甲_x001B_乙"), ".xlsx"), "list.xlsx", 2, "名称"
    ),
    Case(
        "crs-unknown", table("名称,经度,纬度\n甲,112.4,34.6\n", ".csv", "--crs", "EPSG:99999"), None
    ),
    Case("crs-code-prefix", table("名称\n甲\n", ".csv", "--crs", "EPSG:43260"), None),
    # Plan documents (extract FILE).
    Case("doc-missing", lambda t: ["extract", str(t / "plan.txt")], "plan.txt"),
    Case("doc-empty", document(b""), "plan.txt"),
    Case("doc-blank", document("\n\t \n"), "plan.txt"),
    Case("doc-suffix", document("规划", ".doc"), "plan.doc"),
    Case("doc-random", document(RANDOM * 8), "plan.txt"),
    Case("doc-too-many-chars", document("洛阳产业园。" * 400_000), "plan.txt"),
    Case("doc-too-large", document(b"a" * (31 * 2**20)), "plan.txt"),
    Case("docx-truncated", document(lambda: _docx()[:3000], ".docx"), "plan.docx"),
    Case(
        "docx-no-document",
        document(lambda: _docx_without("word/document.xml"), ".docx"),
        "plan.docx",
    ),
    Case(
        "docx-no-content-types",
        document(lambda: _docx_without("[Content_Types].xml"), ".docx"),
        "plan.docx",
    ),
    Case("docx-no-rels", document(lambda: _docx_without("_rels/.rels"), ".docx"), "plan.docx"),
    Case("docx-bomb", document(lambda: _bomb("docx"), ".docx"), "plan.docx"),
    Case("docx-random", document(RANDOM, ".docx"), "plan.docx"),
    Case("docx-empty-zip", document(_zip({}), ".docx"), "plan.docx"),
    Case(
        "docx-bad-xml", document(_zip({"word/document.xml": b"<w:document"}), ".docx"), "plan.docx"
    ),
    Case(
        "docx-encrypted-xlsx", document((BAD / "encrypted.xlsx").read_bytes(), ".docx"), "plan.docx"
    ),
    Case("pdf-truncated", document(lambda: _pdf_blank()[:100], ".pdf"), "plan.pdf"),
    Case("pdf-random", document(b"%PDF-1.7\n" + RANDOM, ".pdf"), "plan.pdf"),
    Case("pdf-scan", document(lambda: _pdf_blank(), ".pdf"), "plan.pdf"),
    # Areas for site selection (--include-areas).
    Case(
        "areas-missing",
        lambda t: [
            *areas("")(t)[:5],
            "--include-areas",
            str(t / "no.geojson"),
        ],
        "no.geojson",
    ),
    Case("areas-not-json", areas("{not json"), "zone.geojson"),
    Case("areas-gbk", areas('{"name": "区"}'.encode("gbk")), "zone.geojson"),
    Case("areas-point", areas(geojson(GOOD_POINT)), "zone.geojson"),
    Case("areas-list", areas("[1, 2]"), "zone.geojson"),
    Case(
        "areas-bad-geometry",
        areas(geojson(_feature("", geometry='{"type": "Polygon"}'))),
        "zone.geojson",
    ),
]

SLOW_CASES: list[Case] = [
    Case("docx-huge-text-node", document(_docx_huge_text_node, ".docx"), "plan.docx"),
]


def _run(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = case.make(tmp_path)
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 2, f"{case.id}: exit {status}, stderr {err!r}"
    assert "Traceback" not in err
    # Progress and notes may come first; the error is one line, and the last.
    lines = [line for line in err.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], f"{case.id}: {lines}"
    line = errors[0]
    if case.file is not None:
        assert case.file in line, line
    if case.row is not None:
        assert f"row {case.row}" in line, line
    if case.column is not None:
        assert f"column {case.column!r}" in line, line
    out = tmp_path / "out"
    assert not out.exists() or not any(out.iterdir()), sorted(out.rglob("*"))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_ends_in_one_clear_error(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _run(case, tmp_path, capsys)


@pytest.mark.parametrize("case", SLOW_CASES, ids=[c.id for c in SLOW_CASES])
def test_huge_text_node_ends_in_one_clear_error(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(case, tmp_path, capsys)


#: Awkward inputs that are valid: each must run to the end (exit 0, or 1 for rows to review).
VALID: list[tuple[str, Maker]] = [
    ("registry-header-only", registry(REG_HEADER)),
    ("targets-header-only", targets(TGT_HEADER)),
    ("targets-whole-float", targets(_with_cell("targets.csv", "min", "20.0"))),
    ("table-legacy-xls", table_file(BAD / "legacy.xls")),
    ("table-gbk", table("名称,经度,纬度\n甲孵化器,112.45,34.62\n", encoding="gbk")),
    ("table-utf16", table("名称,经度,纬度\n甲孵化器,112.45,34.62\n", encoding="utf-16")),
    ("table-crs-gcj02", table("名称,经度,纬度\n甲孵化器,112.45,34.62\n", ".csv", "--crs", "gcj02")),
    ("table-multiline-cell", table('名称,经度,纬度\n"甲\n孵化器",112.45,34.62\n')),
]


@pytest.mark.parametrize(("name", "make"), VALID, ids=[v[0] for v in VALID])
def test_awkward_but_valid_input_is_accepted(
    name: str, make: Maker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(make(tmp_path))
    err = capsys.readouterr().err
    assert status in (0, 1), f"{name}: exit {status}: {err}"
    assert "error:" not in err and "Traceback" not in err


def test_a_layer_with_a_tab_in_a_name_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "mine.geojson", geojson(_feature("[112.45, 34.62]", "甲\t孵化器")))
    got = read_layer_file(path, read_boundaries(DATA / "boundaries.geojson"))
    assert got.n_rows == 1 and list(got.carriers["city"]) == ["洛阳市"]


def test_extract_names_a_damaged_registry_to_merge_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _write(tmp_path / "plan.txt", "洛阳市建设科技产业社区不少于20家。")
    registry_file = _write(tmp_path / "reg.csv", b"")
    argv = ["extract", str(plan), "--out-dir", str(tmp_path), "--merge-into", str(registry_file)]
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == f"error: {registry_file}: the file is empty"
    # Nothing was written: the registry is read before the review files.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.txt", "reg.csv"]


def test_there_are_at_least_ninety_cases() -> None:
    assert len(CASES) + len(SLOW_CASES) >= 90
    assert len({c.id for c in CASES}) == len(CASES)


READER_MODULES = [
    "geo_app/archives.py",
    "geo_app/registry.py",
    "geo_app/batch/_table.py",
    "geo_app/analysis/sources.py",
    "geo_app/analysis/population.py",
    "geo_app/extraction/_readers.py",
    "geo_app/extraction/evaluate.py",
]


@pytest.mark.parametrize("module", READER_MODULES)
def test_every_reader_code_is_worded_in_both_languages(module: str) -> None:
    import re

    from geo_app.messages import MESSAGES

    codes = set(re.findall(r'code="([a-z_.]+)"', (REPO / module).read_text(encoding="utf-8")))
    codes |= set(re.findall(r'"((?:targets|document)\.[a-z_]+)"', (REPO / module).read_text()))
    assert codes
    for code in codes:
        assert set(MESSAGES[code]) >= {"en", "zh"}, code


def test_the_app_words_a_reader_error_in_chinese(tmp_path: Path) -> None:
    from geo_app.errors import DataFileError, error_text
    from geo_app.registry import read_targets

    path = _write(tmp_path / "目标.csv", _with_cell("targets.csv", "min", "-5"))
    with pytest.raises(DataFileError) as caught:
        read_targets(path)
    assert caught.value.code == "targets.negative"
    assert error_text(caught.value, "zh") == "目标.csv,第 3 行,“min”列:数量不能为负数,实际为 '-5'"
    assert error_text(caught.value, "en") == (
        "目标.csv, row 3, column 'min': a count cannot be negative, got '-5'"
    )
