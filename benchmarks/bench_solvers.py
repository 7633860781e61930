"""Benchmark: HiGHS against CBC on the site-selection runs a planner starts.

Instances (the defaults of ``carrier-map select``, the city's 250 m analysis
grid with census population, candidates on the 1 km lattice, carriers placed
only at district precision not counted as open):

* **luoyang-mclp** — Luoyang, communities, maximal covering, N = the plan's
  gap (12), radius 1.5 km: about 15,000 candidates;
* **luohe-mclp** — Luohe, communities, maximal covering, N = 5 (Luohe's
  plan gives no community gap), radius 1.5 km: about 2,700 candidates;
* **luoyang-pmedian** — Luoyang, communities, p-median, N = 12, demand
  merged into 5 km cells and the instance sized to the default cap of
  assignment variables.

Each instance is run with each solver and each time limit (10 s and 30 s by
default). The grid and population are built once per city beforehand (as
the app caches them), so the wall time is that of :func:`run_siting` from
its inputs to the evaluated result: the time the limit promises to bound.
The table gives the wall time and its ratio to the limit, the status, the
objective (residents within reach; mean distance in metres for the
p-median), and the gap the solver reports (HiGHS; for CBC, 0 % with a
proven optimum and none otherwise). A gap of 100 % or more means the solver
stopped before its LP bound was known.

Usage::

    .venv/bin/python benchmarks/bench_solvers.py [--limits 10 30]
        [--only luoyang-mclp] [--solvers highs cbc]
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass

from geo_app.analysis.grid import DEFAULT_CELL_SIZE_M
from geo_app.analysis.population import read_district_population
from geo_app.analysis.run import city_grid, city_population
from geo_app.boundaries import read_boundaries
from geo_app.config import Settings
from geo_app.pipeline import load_carriers
from geo_app.registry import read_registry, read_targets
from geo_app.siting.run import SitingInputs, run_siting
from geo_app.siting.solvers import SOLVERS
from geo_app.targets import gap_table


@dataclass(frozen=True)
class Case:
    """One benchmark instance."""

    name: str
    city: str
    model: str
    n_new: int | None


CASES = (
    Case("luoyang-mclp", "洛阳市", "mclp", None),
    Case("luohe-mclp", "漯河市", "mclp", 5),
    Case("luoyang-pmedian", "洛阳市", "pmedian", 12),
)


def _gap(notes: tuple[str, ...]) -> str:
    for note in notes:
        found = re.search(r"reported gap (\S+?)\.$", note)
        if found:
            return found.group(1)
    return "—"


def main() -> None:
    """Run every case and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limits", type=float, nargs="+", default=[10.0, 30.0])
    parser.add_argument("--only", nargs="+", default=[c.name for c in CASES])
    parser.add_argument("--solvers", nargs="+", default=["highs", "cbc"], choices=SOLVERS)
    args = parser.parse_args()
    settings = Settings()
    layers = load_carriers(settings)
    gaps = gap_table(
        read_targets(settings.targets_file),
        read_registry(settings.registry_file),
        set(layers.placed["id"]),
    )
    boundaries = read_boundaries(settings.boundaries_file)
    census = read_district_population(settings.data_dir / "population.csv")
    cities: dict[str, tuple[object, object]] = {}
    print(
        f"{'instance':<16} {'solver':<6} {'limit s':>7} {'wall s':>7} {'wall/limit':>10}  "
        f"{'objective':>12} {'gap':>7}  status"
    )
    for case in (c for c in CASES if c.name in args.only):
        if case.city not in cities:
            grid = city_grid(boundaries, case.city, cell_size_m=DEFAULT_CELL_SIZE_M)
            cities[case.city] = (grid, city_population(grid, census, None))
        grid, population = cities[case.city]
        for limit in args.limits:
            for solver in args.solvers:
                inputs = SitingInputs(
                    city=case.city,
                    category="community",
                    model=case.model,
                    n_new=case.n_new,
                    time_limit_s=limit,
                    solver=solver,
                )
                t0 = time.perf_counter()
                _, result = run_siting(
                    inputs,
                    layers.placed,
                    boundaries,
                    gaps,
                    census,
                    grid=grid,  # type: ignore[arg-type]
                    population=population,  # type: ignore[arg-type]
                )
                wall = time.perf_counter() - t0
                print(
                    f"{case.name:<16} {solver:<6} {limit:>7g} {wall:>7.1f} {wall / limit:>10.2f}  "
                    f"{result.objective:>12,.0f} {_gap(result.notes):>7}  {result.status}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
