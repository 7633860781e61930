"""Review/merge into the registry, and the ``extract`` subcommand."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import pytest

from geo_app.errors import GeoAppError
from geo_app.extraction import CARRIER_COLUMNS, TARGET_COLUMNS, extract_text
from geo_app.extraction.cli import add_parser
from geo_app.extraction.merge import (
    REGISTRY_COLUMNS,
    empty_registry,
    merge_into_registry,
    review_frame,
)

PLAN = (
    "洛阳市“十四五”规划。到2025年,建设科技产业社区不少于20家。"
    "加快洛龙区炎黄青年数创科技产业社区和卓阳科技产业社区建设,依托洛阳高新区发展。"
)


def registry_with(rows: list[dict[str, str]]) -> pd.DataFrame:
    frame = empty_registry()
    return pd.concat([frame, pd.DataFrame(rows)], ignore_index=True).fillna("")


def test_review_frame_has_accept_column() -> None:
    review = review_frame(extract_text(PLAN))
    assert list(review.columns) == ["accept", *CARRIER_COLUMNS]
    assert review["accept"].all()


def test_merge_dedupes_against_names_and_aliases() -> None:
    registry = registry_with(
        [
            {
                "id": "LY-ZON-01",
                "name_zh": "洛阳高新区",
                "category": "zone",
                "city": "洛阳市",
                "aliases": "高新区|洛阳国家高新区",
                "source_files": "a.txt",
                "source_phrases": "x",
            },
            {
                "id": "LY-COM-01",
                "name_zh": "某某科技产业社区",
                "category": "community",
                "city": "洛阳市",
                "aliases": "炎黄青年数创科技产业社区",
                "source_files": "a.txt",
                "source_phrases": "y",
            },
        ]
    )
    review = review_frame(extract_text(PLAN, source_file="plan.txt"))
    result = merge_into_registry(registry, review)
    assert (result.added, result.merged, result.rejected) == (1, 2, 0)
    merged = result.registry.set_index("id")
    assert merged.loc["LY-ZON-01", "source_files"] == "a.txt|plan.txt"
    assert len(merged.loc["LY-ZON-01", "source_phrases"].split("|")) == 2
    new = merged.loc["LY-COM-02"]
    assert (new["name_zh"], new["city"], new["category"]) == (
        "卓阳科技产业社区",
        "洛阳市",
        "community",
    )
    assert new["district_as_written"] == "洛龙区"
    assert list(result.registry.columns) == list(REGISTRY_COLUMNS)


def test_rejected_and_edited_rows() -> None:
    review = review_frame(extract_text(PLAN, source_file="plan.txt"))
    review.loc[review["name"] == "洛阳高新区", "accept"] = False
    review.loc[review["name"] == "卓阳科技产业社区", "name"] = "卓阳科技产业社区(一期)"
    result = merge_into_registry(empty_registry(), review)
    assert result.rejected == 1
    assert "洛阳高新区" not in set(result.registry["name_zh"])
    assert "卓阳科技产业社区(一期)" in set(result.registry["name_zh"])
    assert result.registry["id"].str.startswith("EX-").all()
    assert result.registry["id"].is_unique


def test_merge_twice_adds_nothing() -> None:
    review = review_frame(extract_text(PLAN, source_file="plan.txt"))
    first = merge_into_registry(empty_registry(), review)
    second = merge_into_registry(first.registry, review)
    assert second.added == 0
    assert len(second.registry) == len(first.registry)


def test_merge_requires_the_review_columns() -> None:
    with pytest.raises(ValueError, match="lacks columns"):
        merge_into_registry(empty_registry(), pd.DataFrame({"name": ["x"]}))


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="carrier-map")
    add_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def test_cli_writes_both_csv_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_bytes(PLAN.encode("gbk"))
    out = tmp_path / "out"
    assert _run(["extract", str(plan), "--out-dir", str(out)]) == 0
    carriers = pd.read_csv(out / "plan.carriers.csv", dtype=str, keep_default_na=False)
    targets = pd.read_csv(out / "plan.targets.csv", dtype=str, keep_default_na=False)
    assert list(carriers.columns) == list(CARRIER_COLUMNS)
    assert list(targets.columns) == list(TARGET_COLUMNS)
    assert set(carriers["name"]) == {"炎黄青年数创科技产业社区", "卓阳科技产业社区", "洛阳高新区"}
    assert targets.loc[0, ["category", "bound", "min", "year"]].tolist() == [
        "community",
        "at_least",
        "20.0",
        "2025",
    ]
    assert "3 carriers" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["plan.carriers.csv", "plan.targets.csv"]


def test_cli_merges_into_a_registry(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    registry = tmp_path / "registry.csv"
    assert (
        _run(["extract", str(plan), "--out-dir", str(tmp_path), "--merge-into", str(registry)]) == 0
    )
    assert (
        _run(["extract", str(plan), "--out-dir", str(tmp_path), "--merge-into", str(registry)]) == 0
    )
    frame = pd.read_csv(registry, dtype=str, keep_default_na=False)
    assert len(frame) == 3
    assert list(frame.columns) == list(REGISTRY_COLUMNS)


def test_cli_city_option(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("加快临港产业园建设。", encoding="utf-8")
    assert _run(["extract", str(plan), "--city", "漯河", "--out-dir", str(tmp_path)]) == 0
    carriers = pd.read_csv(tmp_path / "plan.carriers.csv", dtype=str)
    assert carriers.loc[0, "city"] == "漯河市"


def test_cli_errors_are_product_errors(tmp_path: Path) -> None:
    plan = tmp_path / "empty.txt"
    plan.write_bytes(b"")
    with pytest.raises(GeoAppError, match="empty"):
        _run(["extract", str(plan), "--out-dir", str(tmp_path)])
