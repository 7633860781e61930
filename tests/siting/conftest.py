"""Factory fixtures for small site-selection instances."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pytest
from numpy.typing import NDArray

from geo_app.siting.problem import SitingProblem

MakeProblem = Callable[..., SitingProblem]


@pytest.fixture
def make_problem() -> MakeProblem:
    """Build a random instance on a 10 km square: ``make_problem(seed, ...)``."""

    def make(
        seed: int,
        *,
        n_demand: int = 40,
        n_sites: int = 9,
        n_existing: int = 0,
        radius_m: float = 2500.0,
        n_districts: int = 2,
    ) -> SitingProblem:
        rng = np.random.default_rng(seed)
        demand = rng.uniform(0, 10_000, (n_demand, 2))
        sites = rng.uniform(0, 10_000, (n_sites, 2))
        existing = rng.uniform(0, 10_000, (n_existing, 2))

        # District by x: vertical strips.
        def strip(xy: NDArray[np.float64]) -> NDArray[np.int64]:
            return np.minimum((xy[:, 0] / (10_000 / n_districts)).astype(np.int64), n_districts - 1)

        return SitingProblem.from_arrays(
            demand,
            rng.integers(1, 100, n_demand).astype(np.float64),
            sites,
            radius_m=radius_m,
            existing_xy=existing,
            demand_district=strip(demand),
            site_district=strip(sites),
            district_names=tuple(f"D{i}" for i in range(n_districts)),
        )

    return make


def feasible_sets(
    problem: SitingProblem, k: int, min_spacing_m: float = 0.0, quotas: dict[str, int] | None = None
) -> list[tuple[int, ...]]:
    """Every k-subset of candidates that keeps the spacing and quotas."""
    out = []
    existing = problem.existing_xy
    for combo in itertools.combinations(range(problem.n_sites), k):
        xy = problem.site_xy[list(combo)]
        if min_spacing_m > 0:
            d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
            if (d[np.triu_indices(k, 1)] < min_spacing_m).any():
                continue
            if len(existing):
                de = np.hypot(*(xy[:, None, :] - existing[None, :, :]).transpose(2, 0, 1))
                if (de < min_spacing_m).any():
                    continue
        if quotas:
            names = [problem.district_names[d] for d in problem.site_district[list(combo)]]
            if any(names.count(n) > q for n, q in quotas.items()):
                continue
        out.append(combo)
    return out


def coverage_of(problem: SitingProblem, combo: tuple[int, ...]) -> float:
    """Demand within reach of the open carriers and ``combo``."""
    xy = np.vstack((problem.existing_xy, problem.site_xy[list(combo)]))
    d = np.hypot(*(problem.demand_xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    return float(problem.demand_weight[(d <= problem.radius_m).any(axis=1)].sum())


def mean_distance_of(problem: SitingProblem, combo: tuple[int, ...]) -> float:
    """Demand-weighted mean distance to the nearest open carrier or new site."""
    xy = np.vstack((problem.existing_xy, problem.site_xy[list(combo)]))
    d = np.hypot(*(problem.demand_xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)).min(axis=1)
    w = problem.demand_weight
    return float((d * w).sum() / w.sum())
