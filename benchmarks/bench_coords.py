"""Throughput of the coordinate conversions, in points per second.

Run from the repository root::

    .venv/bin/python benchmarks/bench_coords.py [--points 1000000] [--repeat 3]

Each conversion runs on the same random points over Luoyang and Luohe; the
best of ``--repeat`` runs is reported.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

_REPO_ROOT = Path(__file__).resolve().parent.parent
if str(_REPO_ROOT) not in sys.path:  # run as a file, not as an installed module
    sys.path.insert(0, str(_REPO_ROOT))

from geocoding.coords import (  # noqa: E402
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

CONVERSIONS: tuple[Callable[[Any, Any], tuple[Any, Any]], ...] = (
    wgs84_to_gcj02,
    gcj02_to_wgs84,
    gcj02_to_bd09,
    bd09_to_gcj02,
    wgs84_to_bd09,
    bd09_to_wgs84,
)


def best_seconds(
    func: Callable[[Any, Any], tuple[Any, Any]], lon: Any, lat: Any, repeat: int
) -> float:
    """The fastest of ``repeat`` timed calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(lon, lat)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: Sequence[str] | None = None) -> int:
    """Print one line per conversion: name, points per second."""
    parser = argparse.ArgumentParser(description="coordinate conversion throughput")
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    lon = rng.uniform(111.0, 115.0, args.points)
    lat = rng.uniform(33.0, 35.5, args.points)
    print(f"{args.points:,} points, best of {args.repeat}")
    for func in CONVERSIONS:
        seconds = best_seconds(func, lon, lat, args.repeat)
        print(f"{func.__name__:<16} {args.points / seconds:>14,.0f} points/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
