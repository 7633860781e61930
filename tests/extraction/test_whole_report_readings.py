"""The second reading of whole reports and its comparison with the first."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECOND = ROOT / "tests" / "extraction" / "whole_reports_second"
FIRST = ROOT / "tests" / "extraction" / "whole_reports"
CATEGORIES = {"community", "smart_island", "incubator", "park", "zone"}
STATUSES = {"existing", "under_construction", "planned"}
BOUNDS = {"exact", "at_least", "more_than", "range", "about", "at_most"}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_whole_reports", ROOT / "scripts" / "score_whole_reports.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reading(carriers: list[tuple[str, str, str]], targets: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "path": "x.md",
        "carriers": [
            {"name": n, "category": "zone", "status": s, "city": c, "quote": ""}
            for n, s, c in carriers
        ],
        "targets": targets,
    }


def test_a_second_reading_is_scored_against_the_first_as_the_extractor_is() -> None:
    first = _reading(
        [
            ("青禾高新区", "existing", "青禾市"),
            ("白石经开区", "under_construction", "青禾市"),
            ("东湖产业园", "planned", "青禾市"),
        ],
        [{"category": "park", "number": 5, "bound": "exact", "year": 2025, "per": None}],
    )
    second = _reading(
        [
            ("青禾高新区", "planned", "青禾市"),
            ("白石经开区", "planned", "青禾市"),
            ("西山科技城", "existing", "青禾市"),
        ],
        [{"category": "park", "number": 5, "bound": "about", "year": 2025, "per": None}],
    )
    score = _scorer().compare_readings(first, second, verbose=False)
    assert (score.correct_carriers, score.extracted_carriers) == (2, 3)
    assert (score.found_carriers, score.gold_carriers) == (2, 3)
    # under_construction and planned agree; existing and planned do not.
    assert score.status_right == 1
    assert score.city_right == 2
    assert score.false_carriers == ["西山科技城"]
    assert score.missed_carriers == ["东湖产业园"]
    # 左右 was written exact or about: the two agree.
    assert (score.found_targets, score.extra_targets) == (1, 0)


SECOND_FILES = sorted(SECOND.glob("*/*.json"))


def test_twelve_reports_were_read_twice() -> None:
    assert len(SECOND_FILES) == 12


@pytest.mark.parametrize(
    "path", SECOND_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in SECOND_FILES]
)
def test_each_second_reading_is_whole_and_of_a_report_read_first(path: Path) -> None:
    second = json.loads(path.read_text(encoding="utf-8"))
    first = json.loads((FIRST / path.parent.name / path.name).read_text(encoding="utf-8"))
    assert second["path"] == first["path"]
    assert second["carriers"]
    for carrier in second["carriers"]:
        assert carrier["name"].strip()
        assert carrier["category"] in CATEGORIES
        assert carrier["status"] in STATUSES
        assert len(carrier["quote"]) <= 40
    for target in second["targets"]:
        assert target["bound"] in BOUNDS
        assert target["number"] > 0
