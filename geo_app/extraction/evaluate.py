"""Score the extractor against the project's hand-made registry.

Carriers: an extracted carrier is correct when its city is the registry
row's city and its name (with or without its district prefix) equals the
row's name or one of its aliases after normalisation, or one name ends with
the other and the shorter one is itself a specific name.  Extractions for
cities the registry does not cover (news about other cities) are counted
apart, not scored.

Targets: a registry target is found when an extracted count from the same
file has the same city, category, bound, minimum, maximum and year.  Rates
(a count per year or per district) are not scored: the registry records
totals only.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo_app.archives import one_line, read_utf8_text
from geo_app.errors import DataFileError
from geo_app.extraction._model import ExtractedCarrier, ExtractedTarget, Extraction
from geo_app.extraction._normalize import normalize_name
from geo_app.extraction._pipeline import extract_document
from geo_app.extraction._readers import SUPPORTED_SUFFIXES
from geo_app.extraction.carriers import is_generic_name

__all__ = [
    "Evaluation",
    "Score",
    "evaluate_extractions",
    "evaluate_seeds",
    "format_report",
    "read_registry_csv",
]

_CARRIER_REQUIRED = ("id", "name_zh", "category", "city", "aliases")
_TARGET_REQUIRED = ("id", "city", "category", "bound", "min", "max", "year", "source_file")


@dataclass(frozen=True)
class Score:
    """Precision and recall.

    Parameters
    ----------
    correct
        Extracted rows that match a registry row.
    extracted
        Extracted rows scored.
    found
        Registry rows matched by at least one extracted row.
    expected
        Registry rows.

    Examples
    --------
    >>> s = Score(correct=9, extracted=10, found=19, expected=20)
    >>> round(s.precision, 2), round(s.recall, 2)
    (0.9, 0.95)
    """

    correct: int
    extracted: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        """Share of extracted rows that are right (1.0 when none extracted)."""
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        """Share of registry rows that were found (1.0 when none expected)."""
        return self.found / self.expected if self.expected else 1.0


@dataclass(frozen=True)
class Evaluation:
    """Scores and the rows behind them."""

    carriers: Score
    targets: Score
    carrier_misses: tuple[str, ...] = field(default_factory=tuple)
    carrier_false_alarms: tuple[str, ...] = field(default_factory=tuple)
    target_misses: tuple[str, ...] = field(default_factory=tuple)
    target_false_alarms: tuple[str, ...] = field(default_factory=tuple)
    out_of_scope: int = 0
    status_agreement: tuple[int, int] = (0, 0)


def read_registry_csv(path: str | Path, required: Sequence[str]) -> pd.DataFrame:
    """Read a registry CSV as strings, checking its columns.

    Raises
    ------
    DataFileError
        If the file is missing or lacks a required column.
    """
    path = Path(path)
    text = read_utf8_text(path)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (ValueError, csv.Error) as err:  # ParserError is a ValueError
        raise DataFileError(
            path, code="table.csv_unreadable", params={"detail": one_line(err)}
        ) from err
    for column in required:
        if column not in frame.columns:
            raise DataFileError(
                path, code="registry.missing_columns", params={"columns": column}, row=1
            )
    return frame


def _names(row: pd.Series) -> set[str]:
    names = {normalize_name(str(row["name_zh"]))}
    for alias in str(row["aliases"]).split("|"):
        if any("\u4e00" <= c <= "\u9fff" for c in alias):
            names.add(normalize_name(alias))
    return names


def _same_name(extracted: set[str], registry: set[str]) -> bool:
    if extracted & registry:
        return True
    for a in extracted:
        for b in registry:
            short, long_ = sorted((a, b), key=len)
            if long_.endswith(short) and not is_generic_name(short):
                return True
    return False


def _score_carriers(
    carriers: Iterable[ExtractedCarrier], registry: pd.DataFrame
) -> tuple[Score, list[str], list[str], tuple[int, int]]:
    cities = set(registry["city"])
    rows = [
        (str(r["id"]), str(r["city"]), _names(r), str(r["name_zh"])) for _, r in registry.iterrows()
    ]
    distinct: dict[tuple[str, str], ExtractedCarrier] = {}
    out_of_scope = 0
    for carrier in carriers:
        if carrier.city not in cities:
            out_of_scope += 1
            continue
        distinct.setdefault((carrier.city, normalize_name(carrier.name)), carrier)
    statuses = {
        str(r["id"]): str(r["status"]) if "status" in registry.columns else ""
        for _, r in registry.iterrows()
    }
    agree = 0
    found_ids: set[str] = set()
    false_alarms: list[str] = []
    for (city, name), carrier in distinct.items():
        forms = {name, normalize_name(carrier.district + carrier.name)}
        matched = [
            rid for rid, rcity, names, _ in rows if rcity == city and _same_name(forms, names)
        ]
        if matched:
            found_ids.update(matched)
            agree += int(statuses.get(matched[0]) == carrier.status)
        else:
            false_alarms.append(
                f"{carrier.name} ({city}, {carrier.source_file} line {carrier.line})"
            )
    misses = [f"{rid} {name}" for rid, _, _, name in rows if rid not in found_ids]
    score = Score(
        correct=len(distinct) - len(false_alarms),
        extracted=len(distinct),
        found=len(rows) - len(misses),
        expected=len(rows),
    )
    return score, misses, false_alarms, (out_of_scope, agree)


def _number(value: object) -> float | None:
    if value is None or value == "":
        return None
    number = float(str(value))
    return None if math.isnan(number) else number


def _target_key(
    source: str, city: str, category: str, bound: str, low: object, high: object, year: object
) -> tuple[str, str, str, str, float | None, float | None, int | None]:
    year_number = _number(year)
    return (
        source,
        city,
        category,
        bound,
        _number(low),
        _number(high),
        None if year_number is None else int(year_number),
    )


def _describe(target: ExtractedTarget) -> str:
    return (
        f"{target.subject} {target.bound} {target.min}-{target.max} year {target.year} "
        f"({target.source_file} line {target.line})"
    )


def _score_targets(
    targets: Sequence[ExtractedTarget], registry: pd.DataFrame
) -> tuple[Score, list[str], list[str]]:
    cities = set(registry["city"])
    scoped = [t for t in targets if t.city in cities and not t.per]
    keys = [
        _target_key(t.source_file, t.city, t.category, t.bound, t.min, t.max, t.year)
        for t in scoped
    ]
    used: set[int] = set()
    misses: list[str] = []
    for _, row in registry.iterrows():
        key = _target_key(
            str(row["source_file"]),
            str(row["city"]),
            str(row["category"]),
            str(row["bound"]),
            row["min"],
            row["max"],
            row["year"],
        )
        index = next((i for i, k in enumerate(keys) if k == key and i not in used), None)
        if index is None:
            misses.append(
                f"{row['id']} {row.get('source_phrase', '')} "
                f"({row['bound']} {row['min']}-{row['max']} year {row['year']})"
            )
        else:
            used.add(index)
    false_alarms = [_describe(t) for i, t in enumerate(scoped) if i not in used]
    score = Score(correct=len(used), extracted=len(scoped), found=len(used), expected=len(registry))
    return score, misses, false_alarms


def evaluate_extractions(
    extractions: Sequence[Extraction], carriers: pd.DataFrame, targets: pd.DataFrame
) -> Evaluation:
    """Score extractions against registry frames (carriers.csv, targets.csv columns)."""
    all_carriers = [c for e in extractions for c in e.carriers]
    all_targets = [t for e in extractions for t in e.targets]
    c_score, c_misses, c_false, (out_of_scope, agree) = _score_carriers(all_carriers, carriers)
    t_score, t_misses, t_false = _score_targets(all_targets, targets)
    return Evaluation(
        carriers=c_score,
        targets=t_score,
        carrier_misses=tuple(c_misses),
        carrier_false_alarms=tuple(c_false),
        target_misses=tuple(t_misses),
        target_false_alarms=tuple(t_false),
        out_of_scope=out_of_scope,
        status_agreement=(agree, c_score.correct),
    )


def evaluate_seeds(
    seeds: str | Path, carriers_csv: str | Path, targets_csv: str | Path
) -> Evaluation:
    """Run the extractor on every document in ``seeds`` and score it.

    Raises
    ------
    DataFileError
        If a registry file cannot be read, or ``seeds`` has no document.
    """
    documents = sorted(p for p in Path(seeds).iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
    if not documents:
        raise DataFileError(seeds, code="document.none_in_folder")
    extractions = [extract_document(p) for p in documents]
    return evaluate_extractions(
        extractions,
        read_registry_csv(carriers_csv, _CARRIER_REQUIRED),
        read_registry_csv(targets_csv, _TARGET_REQUIRED),
    )


def format_report(evaluation: Evaluation) -> str:
    """A plain-text report: scores, then misses and false alarms."""
    c, t = evaluation.carriers, evaluation.targets
    lines = [
        f"carriers: precision {c.precision:.1%} ({c.correct}/{c.extracted}), "
        f"recall {c.recall:.1%} ({c.found}/{c.expected})",
        f"targets:  precision {t.precision:.1%} ({t.correct}/{t.extracted}), "
        f"recall {t.recall:.1%} ({t.found}/{t.expected}) with the right bound and year",
        f"carriers outside the registry's cities (not scored): {evaluation.out_of_scope}",
        "status (existing/planned) agrees with the registry for "
        f"{evaluation.status_agreement[0]}/{evaluation.status_agreement[1]} correct carriers",
    ]
    sections = (
        ("carrier misses", evaluation.carrier_misses),
        ("carrier false alarms", evaluation.carrier_false_alarms),
        ("target misses", evaluation.target_misses),
        ("target false alarms", evaluation.target_false_alarms),
    )
    for title, items in sections:
        lines.append(f"{title}: {len(items)}")
        lines.extend(f"  - {item}" for item in items)
    return "\n".join(lines)
