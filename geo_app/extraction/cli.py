"""The ``carrier-map extract`` subcommand.

``carrier-map extract PLAN.pdf [--city 洛阳] [--out-dir DIR]`` writes
``PLAN.carriers.csv`` and ``PLAN.targets.csv`` (atomically) for review; with
``--merge-into REGISTRY.csv`` it also merges the carriers into a registry
file (deduplicated against its names and aliases).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from geo_app.extraction._pipeline import extract_document
from geo_app.extraction.evaluate import read_registry_csv
from geo_app.extraction.merge import (
    REGISTRY_COLUMNS,
    empty_registry,
    merge_into_registry,
    review_frame,
)
from layers.files import write_csv

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the ``extract`` subcommand."""
    parser = subparsers.add_parser(
        "extract",
        help="extract carriers and planned counts from a plan (.txt, .docx, .pdf)",
        description=(
            "Read a plan document and write its named carriers and planned counts "
            "as two CSV files for review."
        ),
    )
    parser.add_argument("file", type=Path, help="the plan: .txt (UTF-8 or GBK), .docx or text PDF")
    parser.add_argument(
        "--city", default=None, help="the plan's city, e.g. 洛阳 (detected if omitted)"
    )
    parser.add_argument(
        "--out-dir", type=Path, default=Path(), help="folder for the CSV files (default: .)"
    )
    parser.add_argument(
        "--merge-into",
        type=Path,
        default=None,
        metavar="REGISTRY_CSV",
        help="also merge the carriers into this registry CSV (created if missing)",
    )
    parser.set_defaults(func=run)


def _merge(registry_path: Path, reviewed: pd.DataFrame) -> str:
    if registry_path.exists():
        registry = read_registry_csv(registry_path, REGISTRY_COLUMNS)
    else:
        registry = empty_registry()
    result = merge_into_registry(registry, reviewed)
    write_csv(result.registry, registry_path, bom=False)
    return f"{registry_path}: {result.added} added, {result.merged} already listed"


def run(args: argparse.Namespace) -> int:
    """Extract from ``args.file`` and write the CSV files; return the exit code."""
    extraction = extract_document(args.file, city=args.city)
    stem = Path(args.file).stem
    carriers_path = write_csv(
        extraction.carriers_frame(), args.out_dir / f"{stem}.carriers.csv", bom=False
    )
    targets_path = write_csv(
        extraction.targets_frame(), args.out_dir / f"{stem}.targets.csv", bom=False
    )
    print(f"city: {extraction.city or '(not detected)'}")
    print(f"{carriers_path}: {len(extraction.carriers)} carriers")
    print(f"{targets_path}: {len(extraction.targets)} targets")
    if args.merge_into is not None:
        print(_merge(args.merge_into, review_frame(extraction)))
    return 0
