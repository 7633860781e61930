"""Sizing a p-median instance to what a solver can take.

The p-median has one assignment variable per demand point and facility
(open carriers and candidates). A city-wide instance at full resolution has
millions of them, so before it is built the instance is reduced until
``demand × facilities`` fits a cap:

* demand is merged into square cells (weighted centroids,
  :func:`~geo_app.siting.problem.aggregate_demand`), starting from the size
  the planner chose;
* candidates are thinned to one per square cell and district (the one
  nearest the cell's candidates' centre), starting from their own spacing;

coarsening at each step whichever of demand points and facilities are the
more numerous, until the instance fits. The chosen
sites are always evaluated on the full-resolution demand; the reduction is
stated in the result's notes (:meth:`SizedInstance.notes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from geo_app.errors import SitingError
from geo_app.siting.problem import SitingProblem, aggregate_demand
from geo_app.siting.solvers import solver_note

__all__ = ["PMEDIAN_MAX_ASSIGNMENTS", "SizedInstance", "size_pmedian", "thin_sites"]

#: Default cap on a p-median's assignment variables (demand × facilities).
PMEDIAN_MAX_ASSIGNMENTS: Final[int] = 200_000

#: Growth of the merging cells at each sizing step.
_GROWTH: Final[float] = 1.25

#: Most sizing steps tried before giving up.
_MAX_STEPS: Final[int] = 80


@dataclass(frozen=True)
class SizedInstance:
    """A p-median instance reduced to fit, and how it was reduced.

    Parameters
    ----------
    problem
        The reduced instance.
    kept
        Indices of its candidates in the instance before reduction.
    demand_cell_m, site_cell_m
        Merging cells of demand and candidates (0 when not merged).
    n_demand_full, n_sites_full
        Demand points and candidates before reduction.
    """

    problem: SitingProblem
    kept: NDArray[np.int64]
    demand_cell_m: float
    site_cell_m: float
    n_demand_full: int
    n_sites_full: int

    @property
    def reduced(self) -> bool:
        """True when demand or candidates were merged."""
        return self.demand_cell_m > 0 or self.site_cell_m > 0

    @property
    def assignments(self) -> int:
        """Assignment variables of the reduced instance."""
        p = self.problem
        return p.n_demand * (len(p.existing_xy) + p.n_sites)

    def notes(self, cap: int) -> tuple[str, ...]:
        """The approximation in words (English), empty when there is none."""
        if not self.reduced:
            return ()
        common = {
            "cap": f"{cap:,}",
            "demand_cell": f"{self.demand_cell_m:,.0f}",
            "n_demand": f"{self.problem.n_demand:,}",
        }
        if self.site_cell_m <= 0:
            return (solver_note("solver.note.pmedian_demand", **common),)
        return (
            solver_note(
                "solver.note.pmedian_sized",
                **common,
                site_cell=f"{self.site_cell_m:,.0f}",
                n_sites=f"{self.problem.n_sites:,}",
                n_sites_all=f"{self.n_sites_full:,}",
            ),
        )


def _spacing(xy: NDArray[np.float64]) -> float:
    """Median distance from a point to its nearest neighbour (1 m when undefined)."""
    if len(xy) < 2:
        return 1.0
    dist, _ = cKDTree(xy).query(xy, k=2, workers=-1)
    return max(float(np.median(dist[:, 1])), 1.0)


def thin_sites(problem: SitingProblem, cell_m: float) -> NDArray[np.int64]:
    """One candidate per square cell and district: the nearest to their centre.

    Examples
    --------
    >>> p = SitingProblem.from_arrays([[0, 0]], [1], [[0, 0], [10, 0], [20, 0], [900, 0]],
    ...     radius_m=1.0)
    >>> thin_sites(p, 100).tolist()
    [1, 3]
    """
    if problem.n_sites == 0:
        return np.empty(0, dtype=np.int64)
    ij = np.floor(problem.site_xy / cell_m).astype(np.int64)
    keys = np.column_stack((ij, problem.site_district))
    _, group = np.unique(keys, axis=0, return_inverse=True)
    group = group.ravel()
    n_g = int(group.max()) + 1
    counts = np.bincount(group, minlength=n_g)
    centre = np.column_stack(
        [np.bincount(group, weights=problem.site_xy[:, k], minlength=n_g) / counts for k in (0, 1)]
    )
    dist = np.hypot(*(problem.site_xy - centre[group]).T)
    order = np.lexsort((dist, group))
    first = np.ones(len(order), dtype=bool)
    first[1:] = group[order][1:] != group[order][:-1]
    return np.sort(order[first]).astype(np.int64)


def size_pmedian(
    problem: SitingProblem,
    n_new: int,
    max_assignments: int = PMEDIAN_MAX_ASSIGNMENTS,
    *,
    demand_cell_m: float | None = None,
) -> SizedInstance:
    """Reduce ``problem`` until demand × facilities is at most ``max_assignments``.

    Parameters
    ----------
    problem
        The full instance.
    n_new
        New sites wanted: at least this many candidates are kept.
    max_assignments
        The cap on assignment variables.
    demand_cell_m
        Merge demand into cells at least this large even when it fits.

    Raises
    ------
    SitingError
        When even the coarsest reduction does not fit.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> p = SitingProblem.from_arrays(rng.uniform(0, 10_000, (2000, 2)), np.ones(2000),
    ...     rng.uniform(0, 10_000, (400, 2)), radius_m=1000.0)
    >>> s = size_pmedian(p, 5, 20_000)
    >>> s.assignments <= 20_000 < 2000 * 400, s.reduced
    (True, True)
    """
    n_open = len(problem.existing_xy)
    base = aggregate_demand(problem, demand_cell_m) if demand_cell_m else problem
    all_sites = np.arange(problem.n_sites, dtype=np.int64)
    sized = SizedInstance(
        base, all_sites, float(demand_cell_m or 0.0), 0.0, problem.n_demand, problem.n_sites
    )
    if sized.assignments <= max_assignments:
        return sized
    d0 = float(demand_cell_m) if demand_cell_m else _spacing(problem.demand_xy)
    s0 = _spacing(problem.site_xy)
    d_cell, s_cell = d0, 0.0
    demand, kept = base, all_sites
    for _ in range(_MAX_STEPS):
        # Coarsen whichever side is larger, so demand and facilities stay balanced.
        if demand.n_demand >= n_open + len(kept) or len(kept) <= n_new:
            d_cell *= _GROWTH
            demand = aggregate_demand(problem, d_cell)
        else:
            s_cell = s0 * _GROWTH if s_cell <= 0 else s_cell * _GROWTH
            thinned = thin_sites(problem, s_cell)
            kept = thinned if len(thinned) >= n_new else kept
        sized = SizedInstance(
            demand.subset_sites(np.isin(all_sites, kept)),
            kept,
            d_cell,
            s_cell if len(kept) < problem.n_sites else 0.0,
            problem.n_demand,
            problem.n_sites,
        )
        if sized.assignments <= max_assignments:
            return sized
    raise SitingError(
        code="siting.too_many_assignments",
        params={
            "n_demand": sized.problem.n_demand,
            "n_facilities": n_open + sized.problem.n_sites,
            "size": sized.assignments,
            "limit": max_assignments,
        },
    )
