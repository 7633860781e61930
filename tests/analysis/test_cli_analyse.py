"""``carrier-map analyse`` on the shipped data."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import pytest

from geo_app import cli_analyse
from geo_app.errors import GeoAppError

REPO = Path(__file__).resolve().parents[2]


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="carrier-map")
    cli_analyse.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["analyse", "--data-dir", str(REPO / "data"), *argv])
    return int(args.func(args))


def test_analyse_prints_tables_and_writes_files(tmp_path: Path, capsys) -> None:
    gpkg = tmp_path / "out.gpkg"
    status = _run(
        "--city",
        "luohe",
        "--cell-size",
        "1000",
        "--include-approximate",
        "--radius",
        "park=4000",
        "--basis",
        "area",
        "--out",
        str(tmp_path),
        "--gpkg",
        str(gpkg),
    )
    out = capsys.readouterr().out
    assert status == 0
    for title in (
        "coverage by district",
        "density by district",
        "planned counts",
        "targets allocated to districts by area",
        "population: 2020 census",
    ):
        assert title in out
    assert "park=4000" in out
    alloc = pd.read_csv(tmp_path / "luohe_district_allocation.csv", encoding="utf-8-sig")
    assert set(alloc["name"]) == {"源汇区", "郾城区", "召陵区", "舞阳县", "临颍县"}
    assert (alloc["basis"].isin(["area", "named"])).all()
    assert gpkg.is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ("--radius", "school=100"),
        ("--radius", "park=-1"),
        ("--categories", "labs"),
        ("--city", "zhengzhou"),
    ],
    ids=["unknown-category-radius", "negative-radius", "unknown-category", "unknown-city"],
)
def test_bad_options_are_product_errors(argv: tuple[str, ...]) -> None:
    with pytest.raises(GeoAppError):
        _run("--cell-size", "2000", *argv)
