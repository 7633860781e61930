"""Evaluation: the scorer's rules, and the extractor on the five seed plans."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo_app.extraction import extract_text
from geo_app.extraction.evaluate import Score, evaluate_extractions, evaluate_seeds, format_report

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / ".." / "shared" / "seeds"
DATA = REPO / "data"
CARRIERS_CSV = DATA / "carriers.csv"
TARGETS_CSV = DATA / "targets.csv"


def _carriers(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"id": i, "name_zh": n, "category": "zone", "city": c, "aliases": a}
            for i, n, c, a in rows
        ],
        columns=["id", "name_zh", "category", "city", "aliases"],
    )


def _targets(rows: list[dict[str, str]]) -> pd.DataFrame:
    base = {
        "id": "T",
        "city": "洛阳市",
        "category": "community",
        "bound": "at_least",
        "min": "20",
        "max": "",
        "year": "2025",
        "source_file": "p.txt",
        "source_phrase": "",
    }
    return pd.DataFrame([{**base, **row} for row in rows], columns=list(base))


def test_scorer_matches_names_aliases_and_prefixes() -> None:
    extraction = extract_text(
        "依托高新区周山双创智慧岛、沙澧产业集聚区、漯河临港产业园发展。\n衡阳高新区: 新闻\n衡阳高新区发展。",
        city="漯河",
        source_file="p.txt",
    )
    registry = _carriers(
        [
            ("A", "高新区周山双创智慧岛", "漯河市", ""),
            ("B", "沙澧高新区", "漯河市", "沙澧产业集聚区"),
            ("C", "临港产业园", "漯河市", ""),
            ("D", "东城产业集聚区", "漯河市", ""),
        ]
    )
    evaluation = evaluate_extractions([extraction], registry, _targets([]))
    assert evaluation.carrier_misses == ("D 东城产业集聚区",)
    assert evaluation.carriers == Score(correct=3, extracted=3, found=3, expected=4)
    assert evaluation.out_of_scope == 1  # 衡阳高新区 belongs to 衡阳市, not scored


def test_scorer_requires_bound_and_year() -> None:
    extraction = extract_text(
        "到2025年,建设科技产业社区不少于20家。", city="洛阳", source_file="p.txt"
    )
    right = evaluate_extractions([extraction], _carriers([]), _targets([{}]))
    wrong_year = evaluate_extractions([extraction], _carriers([]), _targets([{"year": "2030"}]))
    wrong_bound = evaluate_extractions(
        [extraction], _carriers([]), _targets([{"bound": "about", "max": "20"}])
    )
    assert right.targets.recall == 1.0
    assert wrong_year.targets.recall == 0.0
    assert wrong_bound.targets.recall == 0.0
    assert "T " in format_report(wrong_year)


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed plans (../shared/seeds) are not beside the repository"
)
@pytest.mark.skipif(
    not (CARRIERS_CSV.is_file() and TARGETS_CSV.is_file()),
    reason="the registry (data/carriers.csv, data/targets.csv) is not there",
)
def test_seed_plans_meet_the_issue_targets(capsys: pytest.CaptureFixture[str]) -> None:
    evaluation = evaluate_seeds(SEEDS, CARRIERS_CSV, TARGETS_CSV)
    with capsys.disabled():
        print("\n== extractor on ../shared/seeds vs data/carriers.csv + data/targets.csv ==")
        print(format_report(evaluation))
    assert evaluation.carriers.recall >= 0.95
    assert evaluation.carriers.precision >= 0.90
    assert evaluation.targets.recall >= 0.90
