"""The ``carrier-map extract`` subcommand.

``carrier-map extract PLAN.pdf [--city 洛阳] [--out-dir DIR]`` writes
``PLAN.carriers.csv`` and ``PLAN.targets.csv`` (atomically) for review; with
``--merge-into REGISTRY.csv`` it also merges the carriers into a registry
file (deduplicated against its names and aliases).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from geo_app.cli_parsers import add_command
from geo_app.extraction._model import CARRIER_COLUMNS, TARGET_COLUMNS
from geo_app.extraction._pipeline import extract_document
from layers.files import write_csv, write_records_csv

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the ``extract`` subcommand (its options: :mod:`geo_app.cli_parsers`)."""
    add_command(subparsers, "extract", run=run)


def _merge_target(registry_path: Path) -> pd.DataFrame:
    # The registry's tables need pandas: loaded only when a merge is asked for.
    from geo_app.extraction.evaluate import read_registry_csv
    from geo_app.extraction.merge import REGISTRY_COLUMNS, empty_registry

    if registry_path.exists():
        return read_registry_csv(registry_path, REGISTRY_COLUMNS)
    return empty_registry()


def run(args: argparse.Namespace) -> int:
    """Extract from ``args.file`` and write the CSV files; return the exit code.

    Every input (the plan and the registry to merge into) is read and checked
    before anything is written.
    """
    extraction = extract_document(args.file, city=args.city)
    registry = _merge_target(args.merge_into) if args.merge_into is not None else None
    stem = Path(args.file).stem
    carriers_path = write_records_csv(
        CARRIER_COLUMNS,
        extraction.carrier_records(),
        args.out_dir / f"{stem}.carriers.csv",
        bom=False,
    )
    targets_path = write_records_csv(
        TARGET_COLUMNS,
        extraction.target_records(),
        args.out_dir / f"{stem}.targets.csv",
        bom=False,
    )
    print(f"city: {extraction.city or '(not detected)'}")
    print(f"{carriers_path}: {len(extraction.carriers)} carriers")
    print(f"{targets_path}: {len(extraction.targets)} targets")
    if registry is not None:
        from geo_app.extraction.merge import merge_into_registry, review_frame

        result = merge_into_registry(registry, review_frame(extraction))
        write_csv(result.registry, args.merge_into, bom=False)
        print(f"{args.merge_into}: {result.added} added, {result.merged} already listed")
    return 0
