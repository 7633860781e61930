"""Score plan reading on whole government work reports.

The annotated corpus (``tests/extraction/corpus``) holds sentences; this
scores whole texts, as a planner drops them in. Each gold file of
``tests/extraction/whole_reports/<set>/`` lists every named carrier of one
report (its first mention: name, category, status, city) and every goal count
of carriers, annotated from the whole report without running the extractor.
The reports themselves are not shipped: they are read from a local copy of
the public repository ``lawtext/gov`` (the gold's ``path``).

Usage::

    .venv/bin/python scripts/score_whole_reports.py --mirror DIR [--set dev|holdout|...|holdout6] [-v]

``DIR`` is a git directory of ``lawtext/gov`` (read with ``git show``) or a
plain folder holding the files under their repository paths. Prints, per
report and in all, carrier precision and recall, status and city right among
the carriers found, goals found and goal rows emitted that no gold goal has.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo_app.extraction._model import ExtractedCarrier, ExtractedTarget  # noqa: E402
from geo_app.extraction._normalize import normalize_name  # noqa: E402
from geo_app.extraction._pipeline import extract_text  # noqa: E402
from geo_app.extraction._places import PREFECTURES  # noqa: E402
from geo_app.extraction.corpus import (  # noqa: E402
    _PLANNED_STATUSES,
    _SCORED_TARGET_CATEGORIES,
    CorpusScore,
    name_forms,
)

GOLD = ROOT / "tests" / "extraction" / "whole_reports"


def _line(score: CorpusScore) -> str:
    def pct(part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f} %" if whole else "-"

    return (
        f"P {pct(score.correct_carriers, score.extracted_carriers)} "
        f"({score.correct_carriers}/{score.extracted_carriers})  "
        f"R {pct(score.found_carriers, score.gold_carriers)} "
        f"({score.found_carriers}/{score.gold_carriers})  "
        f"status {pct(score.status_right, score.found_carriers)}  "
        f"city {pct(score.city_right, score.found_carriers)}  "
        f"goals {score.found_targets}/{score.gold_targets}  "
        f"extra goal rows {score.extra_targets}"
    )


def _text(mirror: Path, path: str) -> str:
    plain = mirror / path
    if plain.is_file():
        return plain.read_text(encoding="utf-8")
    shown = subprocess.run(
        ["git", "-C", str(mirror), "show", f"HEAD:{path}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return shown.stdout


def _match(carrier: ExtractedCarrier, golds: list[dict[str, Any]]) -> int | None:
    exact = normalize_name(carrier.name), normalize_name(carrier.district + carrier.name)
    forms = name_forms(carrier.name) | name_forms(carrier.district + carrier.name)
    for index, gold in enumerate(golds):
        if normalize_name(gold["name"]) in exact:
            return index
    for index, gold in enumerate(golds):
        if forms & name_forms(gold["name"]):
            return index
    return None


def _same_goal(target: ExtractedTarget, gold: dict[str, Any]) -> bool:
    number = target.number if target.number is not None else target.min
    return (
        number is not None
        and abs(number - float(gold["number"])) < 1e-9
        and (target.bound == gold["bound"] or (target.bound, gold["bound"]) == ("about", "exact"))
        and target.year == gold["year"]
        and (target.per or None) == gold.get("per")
    )


def score_report(gold: dict[str, Any], text: str, verbose: bool) -> CorpusScore:
    """Extract from one report's ``text`` and compare with its gold."""
    extraction = extract_text(text, source_file=gold["path"])
    golds: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in gold["carriers"]:
        if normalize_name(item["name"]) not in seen:
            seen.add(normalize_name(item["name"]))
            golds.append(item)
    tally = CorpusScore(
        documents=1, gold_carriers=len(golds), extracted_carriers=len(extraction.carriers)
    )
    found: set[int] = set()
    for carrier in extraction.carriers:
        index = _match(carrier, golds)
        if index is None:
            if verbose:
                print(f"   extra   {carrier.name} [{carrier.city or '-'}]")
            continue
        tally.correct_carriers += 1
        if index in found:
            continue
        found.add(index)
        item = golds[index]
        expected = "planned" if item["status"] in _PLANNED_STATUSES else item["status"]
        tally.status_right += carrier.status == expected
        tally.city_right += carrier.city == PREFECTURES.get(item["city"], item["city"])
        if verbose and carrier.status != expected:
            print(f"   status  {item['name']}: {item['status']} read as {carrier.status}")
        if verbose and carrier.city != PREFECTURES.get(item["city"], item["city"]):
            print(f"   city    {item['name']}: {item['city'] or '-'} read as {carrier.city or '-'}")
    tally.found_carriers = len(found)
    if verbose:
        for index, item in enumerate(golds):
            if index not in found:
                print(f"   missed  {item['name']}")
    goals = [
        t
        for t in extraction.targets
        if t.kind == "target" and t.category in _SCORED_TARGET_CATEGORIES
    ]
    used: set[int] = set()
    for item in gold.get("targets", []):
        tally.gold_targets += 1
        hit = next((i for i, t in enumerate(goals) if i not in used and _same_goal(t, item)), None)
        if hit is None:
            if verbose:
                print(f"   goal missed  {item['number']:g} {item['bound']} {item['year']}")
        else:
            used.add(hit)
            tally.found_targets += 1
    tally.extra_targets = len(goals) - len(used)
    return tally


def main(argv: list[str] | None = None) -> int:
    """Score every report of the chosen set and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, required=True)
    parser.add_argument(
        "--set",
        default="dev",
        choices=("dev", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6"),
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    total = CorpusScore()
    for path in sorted((GOLD / args.set).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        try:
            text = _text(args.mirror, gold["path"])
        except (OSError, subprocess.CalledProcessError):
            print(f"{path.stem}: {gold['path']} not found under {args.mirror}", file=sys.stderr)
            return 2
        tally = score_report(gold, text, args.verbose)
        print(f"{path.stem:24} {_line(tally)}")
        total.add(tally)
    print(f"{'all':24} {_line(total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
