"""The shared frame of the site-selection models and their PuLP helpers.

:class:`SitingModel` holds the configuration every model takes (instance,
number of new sites, rules, time limit, progress callback) and evaluates the
chosen sites the same way for all; the helpers add the quota and spacing rows
to a PuLP problem (the solvers are in :mod:`geo_app.siting.solvers`).
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator
from typing import ClassVar, Self

import numpy as np
import pulp
import scipy.sparse as sp
from numpy.typing import NDArray

from geo_app.analysis.jobs import report_stage
from geo_app.errors import SitingError
from geo_app.siting.constraints import (
    SiteConstraints,
    apply_spacing_to_existing,
    check_selection,
    quota_limits,
    spacing_pairs,
)
from geo_app.siting.problem import SitingProblem
from geo_app.siting.result import SitingResult, build_result

__all__ = [
    "SPOPT_MAX_CELLS",
    "Progress",
    "SitingModel",
    "add_rules",
    "pulp4_notices_off",
    "rule_rows",
]

Progress = Callable[[str], None]

#: Share of the time limit kept for evaluating the chosen sites after the solve.
EVALUATE_RESERVE = 0.03

#: Largest dense client × facility matrix handed to spopt's MCLP builder.
SPOPT_MAX_CELLS = 400_000


def _quiet(_: str) -> None:
    return None


@contextlib.contextmanager
def pulp4_notices_off() -> Iterator[None]:
    """Hide PuLP's "removed in PuLP 4.0" notices (spopt 0.7 builds with the PuLP 3 API)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*PuLP 4\.0", category=DeprecationWarning)
        yield


class SitingModel:
    """Common configuration of the three models.

    Parameters
    ----------
    problem
        The instance (:class:`~geo_app.siting.problem.SitingProblem`).
    n_new
        Number of new sites.
    constraints
        Spacing and quotas.
    time_limit_s
        Solver time limit, seconds.
    progress
        Called with a short message at each stage.
    solver
        MIP solver of the exact models: ``"highs"`` or ``"cbc"``
        (:mod:`geo_app.siting.solvers`; the models resolve ``"auto"``).
    deadline
        :func:`time.perf_counter` time by which the run should end; by
        default ``time_limit_s`` after :meth:`solve` starts.

    Attributes
    ----------
    selected_
        Indices (into ``problem``'s candidates) of the chosen sites.
    result_
        The evaluated :class:`~geo_app.siting.result.SitingResult`.
    """

    name: ClassVar[str] = ""

    def __init__(
        self,
        problem: SitingProblem,
        n_new: int,
        *,
        constraints: SiteConstraints | None = None,
        time_limit_s: float = 60.0,
        progress: Progress | None = None,
        solver: str = "auto",
        deadline: float | None = None,
    ) -> None:
        if int(n_new) != n_new or n_new < 1:
            raise SitingError(code="siting.n_new_invalid", params={"value": n_new})
        if not np.isfinite(time_limit_s) or time_limit_s <= 0:
            raise SitingError(code="siting.time_limit_invalid")
        self.problem = problem
        self.n_new = int(n_new)
        self.constraints = constraints or SiteConstraints()
        self.time_limit_s = float(time_limit_s)
        self.progress: Progress = progress or _quiet
        self.solver = solver
        self.deadline = deadline
        self.selected_: NDArray[np.int64] = np.empty(0, dtype=np.int64)
        self.result_: SitingResult | None = None

    def _prepare(self) -> tuple[SitingProblem, NDArray[np.int64], NDArray[np.int64] | None]:
        """Instance with spacing to open carriers applied, index map, quota limits."""
        keep_problem = apply_spacing_to_existing(self.problem, self.constraints.min_spacing_m)
        index = np.flatnonzero(np.isin(self.problem.site_ids, keep_problem.site_ids))
        if keep_problem.n_sites < self.n_new:
            raise SitingError(
                code="siting.too_few_candidates",
                params={"n_new": self.n_new, "n_sites": keep_problem.n_sites},
            )
        limits = (
            quota_limits(keep_problem, self.constraints.quotas) if self.constraints.quotas else None
        )
        if limits is not None:
            room = np.minimum(
                limits, np.bincount(keep_problem.site_district, minlength=len(limits))
            )
            if int(room.sum()) < self.n_new:
                raise SitingError(
                    code="siting.quotas_too_small",
                    params={"room": int(room.sum()), "n_new": self.n_new},
                )
        return keep_problem, index, limits

    def _deadline(self, started: float) -> float:
        """When the solver must stop: the run's deadline less time to evaluate."""
        end = self.deadline if self.deadline is not None else started + self.time_limit_s
        return end - EVALUATE_RESERVE * self.time_limit_s

    def _finish(self, chosen: NDArray[np.int64], **kwargs: object) -> Self:
        report_stage("result")
        chosen = np.sort(np.asarray(chosen, dtype=np.int64))
        broken = check_selection(self.problem, chosen, self.constraints)
        if broken:
            raise SitingError(code="siting.rules_broken", params={"detail": "; ".join(broken)})
        self.selected_ = chosen
        self.result_ = build_result(self.problem, chosen, model=self.name, **kwargs)  # type: ignore[arg-type]
        return self

    def solve(self) -> Self:
        """Choose the sites; sets ``selected_`` and ``result_``."""
        raise NotImplementedError


def add_rules(
    prob: pulp.LpProblem,
    x: list[pulp.LpVariable],
    problem: SitingProblem,
    limits: NDArray[np.int64] | None,
    min_spacing_m: float,
) -> None:
    """Add quota rows and spacing pairs on the candidate variables ``x``."""
    if limits is not None:
        for d in np.unique(problem.site_district):
            if limits[d] < problem.n_sites:
                members = np.flatnonzero(problem.site_district == d)
                prob += pulp.lpSum(x[j] for j in members) <= int(limits[d]), f"quota_{d}"
    for a, b in spacing_pairs(problem.site_xy, min_spacing_m):
        prob += x[a] + x[b] <= 1, f"spacing_{a}_{b}"


def rule_rows(
    problem: SitingProblem, limits: NDArray[np.int64] | None, min_spacing_m: float
) -> tuple[sp.csr_matrix, NDArray[np.float64]]:
    """The rows of :func:`add_rules` as a matrix over the candidates and upper bounds."""
    blocks: list[sp.csr_matrix] = []
    upper: list[NDArray[np.float64]] = []
    m = problem.n_sites
    if limits is not None:
        districts = [d for d in np.unique(problem.site_district) if limits[d] < m]
        for d in districts:
            members = np.flatnonzero(problem.site_district == d)
            blocks.append(
                sp.csr_matrix((np.ones(len(members)), (np.zeros(len(members)), members)), (1, m))
            )
            upper.append(np.array([float(limits[d])]))
    pairs = spacing_pairs(problem.site_xy, min_spacing_m)
    if len(pairs):
        k = len(pairs)
        r = np.repeat(np.arange(k), 2)
        blocks.append(sp.csr_matrix((np.ones(2 * k), (r, pairs.ravel())), (k, m)))
        upper.append(np.ones(k))
    if not blocks:
        return sp.csr_matrix((0, m)), np.zeros(0)
    return sp.vstack(blocks, format="csr"), np.concatenate(upper)
