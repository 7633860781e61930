"""Score plan reading on whole government work reports.

The annotated corpus (``tests/extraction/corpus``) holds sentences; this
scores whole texts, as a planner drops them in. Each gold file of
``tests/extraction/whole_reports/<set>/`` lists every named carrier of one
report (its first mention: name, category, status, city) and every goal count
of carriers, annotated from the whole report without running the extractor.
The reports themselves are not shipped: they are read from a local copy of
the public repository ``lawtext/gov`` (the gold's ``path``).

Usage::

    .venv/bin/python scripts/score_whole_reports.py --mirror DIR [--set dev|holdout|...|all] [-v]

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
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo_app.extraction._generic import is_generic_name  # noqa: E402
from geo_app.extraction._normalize import normalize_name  # noqa: E402
from geo_app.extraction._pipeline import extract_text  # noqa: E402
from geo_app.extraction._places import PREFECTURES  # noqa: E402
from geo_app.extraction.corpus import (  # noqa: E402
    _SCORED_TARGET_CATEGORIES,
    CorpusScore,
    GoldCarrier,
    GoldTarget,
    _compare_found,
    _same_target,
    gold_match,
    name_match,
)

GOLD = ROOT / "tests" / "extraction" / "whole_reports"
SECOND = ROOT / "tests" / "extraction" / "whole_reports_second"
_PLANNED = {"planned", "under_construction"}


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


# Names on whose being carriers the whole-report gold and the sentence corpus
# differ: the corpus counts 产业基地 and 新城 and leaves out a bare designation
# (高新区, 自贸试验区) that the whole-report gold counts as the city's own.
_DISPUTED_ENDS = ("基地", "新城")


def disputed(name: str) -> bool:
    """Whether ``name`` is of a class the two golds' conventions disagree on."""
    norm = normalize_name(name)
    return norm.endswith(_DISPUTED_ENDS) or is_generic_name(norm)


def score_report(
    gold: dict[str, Any], text: str, verbose: bool, agreed: bool = False
) -> CorpusScore:
    """Extract from one report's ``text`` and compare with its gold; with
    ``agreed``, names of the disputed classes are set aside on both sides."""
    extraction = extract_text(text, source_file=gold["path"])
    if agreed:
        extraction = replace(
            extraction, carriers=tuple(c for c in extraction.carriers if not disputed(c.name))
        )
    golds = [g for g in _gold_carriers(gold) if not (agreed and disputed(g.name))]
    score = CorpusScore(
        documents=1, gold_carriers=len(golds), extracted_carriers=len(extraction.carriers)
    )
    found: set[int] = set()
    for carrier in extraction.carriers:
        index = gold_match(carrier, [g.name for g in golds])
        if index is None:
            score.false_carriers.append(f"{carrier.name} [{carrier.city or '-'}]")
            continue
        score.correct_carriers += 1
        if index not in found:
            found.add(index)
            _compare_found(golds[index], carrier, gold["path"], score)
    score.found_carriers = len(found)
    score.missed_carriers = [g.name for i, g in enumerate(golds) if i not in found]
    goals = [
        t
        for t in extraction.targets
        if t.kind == "target" and t.category in _SCORED_TARGET_CATEGORIES
    ]
    used: set[int] = set()
    for item in gold.get("targets", []):
        wanted = GoldTarget(
            item["category"], float(item["number"]), item["bound"], item["year"], item.get("per")
        )
        score.gold_targets += 1
        hit = next(
            (i for i, t in enumerate(goals) if i not in used and _same_target(wanted, t)), None
        )
        if hit is None:
            score.missed_targets.append(
                f"{wanted.number:g} {wanted.bound} {wanted.year} {item.get('quote', '')}"
            )
        else:
            used.add(hit)
            score.found_targets += 1
    score.extra_targets = len(goals) - len(used)
    extra_goals = [
        f"{t.number if t.number is not None else t.min} {t.bound} {t.year} {t.subject}"
        f" | {t.sentence[max(0, t.sentence.find(t.subject) - 30) :][:60]}"
        for i, t in enumerate(goals)
        if i not in used
    ]
    if verbose:
        for label, lines in (
            ("extra  ", score.false_carriers),
            ("missed ", score.missed_carriers),
            ("status ", score.wrong_status),
            ("city   ", score.wrong_city),
            ("goal missed", score.missed_targets),
            ("goal extra", extra_goals),
        ):
            for line in lines:
                print(f"   {label} {line}")
    return score


def _gold_carriers(gold: dict[str, Any]) -> list[GoldCarrier]:
    carriers: dict[str, GoldCarrier] = {}
    for item in gold["carriers"]:
        carriers.setdefault(
            normalize_name(item["name"]),
            GoldCarrier(item["name"], item["category"], item["status"], item["city"]),
        )
    return list(carriers.values())


def compare_readings(first: dict[str, Any], second: dict[str, Any], verbose: bool) -> CorpusScore:
    """Score a second human reading of a report against the first one, as
    the extractor is scored: the second reading's names stand for the
    extracted ones (status ``under_construction`` and ``planned`` agree, as
    the product has two statuses)."""
    golds = _gold_carriers(first)
    others = _gold_carriers(second)
    score = CorpusScore(documents=1, gold_carriers=len(golds), extracted_carriers=len(others))
    names = [g.name for g in golds]
    found: set[int] = set()
    for other in others:
        index = name_match(other.name, names)
        if index is None:
            score.false_carriers.append(other.name)
            continue
        score.correct_carriers += 1
        if index in found:
            continue
        found.add(index)
        gold = golds[index]
        score.status_right += int(
            gold.status == other.status or {gold.status, other.status} <= _PLANNED
        )
        score.city_right += int(
            PREFECTURES.get(gold.city, gold.city) == PREFECTURES.get(other.city, other.city)
        )
    score.found_carriers = len(found)
    score.missed_carriers = [g.name for i, g in enumerate(golds) if i not in found]
    wanted = [_goal(item) for item in first.get("targets", [])]
    offered = [_goal(item) for item in second.get("targets", [])]
    score.gold_targets = len(wanted)
    for goal in wanted:
        if goal in offered:
            offered.remove(goal)
            score.found_targets += 1
        else:
            score.missed_targets.append(" ".join(map(str, goal)))
    score.extra_targets = len(offered)
    if verbose:
        for label, lines in (
            ("second only", score.false_carriers),
            ("first only ", score.missed_carriers),
            ("goal first only", score.missed_targets),
        ):
            for line in lines:
                print(f"   {label} {line}")
    return score


def _goal(item: dict[str, Any]) -> tuple[float, str, int | None, str | None]:
    # 左右 was annotated exact or about: the two agree.
    bound = "exact" if item["bound"] == "about" else item["bound"]
    return float(item["number"]), bound, item["year"], item.get("per")


def _second_readings(mirror: Path, verbose: bool) -> int:
    """Print, for each report read twice, the extractor against each reading
    and the second reading against the first."""
    totals = {key: CorpusScore() for key in ("first", "second", "agreement")}
    for path in sorted(SECOND.glob("*/*.json")):
        first = json.loads((GOLD / path.parent.name / path.name).read_text(encoding="utf-8"))
        second = json.loads(path.read_text(encoding="utf-8"))
        text = _text(mirror, first["path"])
        label = f"{path.parent.name}/{path.stem}"
        print(label)
        for key, tally in (
            ("first", score_report(first, text, verbose)),
            ("second", score_report(second, text, verbose)),
            ("agreement", compare_readings(first, second, verbose)),
        ):
            print(f"  {_TITLES[key]:34} {_line(tally)}")
            totals[key].add(tally)
    print("all")
    for key, tally in totals.items():
        print(f"  {_TITLES[key]:34} {_line(tally)}")
    return 0


_TITLES = {
    "first": "extractor against the first reading",
    "second": "extractor against the second",
    "agreement": "second reading against the first",
}


def main(argv: list[str] | None = None) -> int:
    """Score every report of the chosen set and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, required=True)
    sets = sorted(folder.name for folder in GOLD.iterdir() if folder.is_dir())
    parser.add_argument(
        "--set", default="dev", choices=(*sets, "all"), help="one set, or all of them pooled"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--agreed",
        action="store_true",
        help="set aside, on both sides, the names of classes the two golds disagree on"
        " (bare designations, 基地, 新城)",
    )
    parser.add_argument(
        "--second-reading",
        action="store_true",
        help="score the reports read twice: the extractor against each reading,"
        " and the second reading against the first",
    )
    args = parser.parse_args(argv)
    if args.second_reading:
        return _second_readings(args.mirror, args.verbose)
    total = CorpusScore()
    chosen = sets if args.set == "all" else [args.set]
    for path in sorted(p for name in chosen for p in (GOLD / name).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        try:
            text = _text(args.mirror, gold["path"])
        except (OSError, subprocess.CalledProcessError):
            print(f"{path.stem}: {gold['path']} not found under {args.mirror}", file=sys.stderr)
            return 2
        tally = score_report(gold, text, args.verbose, args.agreed)
        print(f"{path.parent.name + '/' + path.stem:32} {_line(tally)}")
        total.add(tally)
    print(f"{'all':32} {_line(total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
