"""Score the plan-document extractor against the project's registry.

Runs the extractor on every document in ``../shared/seeds`` (relative to the
repository) and prints precision and recall for carriers and targets, with
the misses and false alarms.

Usage::

    .venv/bin/python scripts/evaluate_extractor.py [--seeds DIR] [--carriers CSV] [--targets CSV]

Exit status 0 when the issue's targets are met (carriers recall >= 95 %,
precision >= 90 %, targets recall >= 90 %), 1 otherwise, 2 on a data error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo_app.errors import GeoAppError  # noqa: E402
from geo_app.extraction.evaluate import evaluate_seeds, format_report  # noqa: E402

CARRIER_RECALL = 0.95
CARRIER_PRECISION = 0.90
TARGET_RECALL = 0.90


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / ".." / "shared" / "seeds")
    parser.add_argument("--carriers", type=Path, default=ROOT / "data" / "carriers.csv")
    parser.add_argument("--targets", type=Path, default=ROOT / "data" / "targets.csv")
    args = parser.parse_args(argv)
    try:
        evaluation = evaluate_seeds(args.seeds, args.carriers, args.targets)
    except (GeoAppError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(format_report(evaluation))
    met = (
        evaluation.carriers.recall >= CARRIER_RECALL
        and evaluation.carriers.precision >= CARRIER_PRECISION
        and evaluation.targets.recall >= TARGET_RECALL
    )
    print("targets of the issue:", "met" if met else "NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
