"""Three site-selection models, configured in ``__init__`` and run by ``solve()``.

* :class:`MaximalCovering` — the maximal covering location problem (MCLP,
  Church & ReVelle 1974): choose N new sites so that the most demand lies
  within the service radius, the carriers already open being fixed as open.
  Small instances are built by :meth:`spopt.locate.MCLP.from_cost_matrix`
  with ``predefined_facilities_arr`` (a boolean mask over the facility
  columns: open carriers first, then candidates) and the spacing and quota
  rows are added to the PuLP problem spopt builds. spopt fills a dense
  client × facility matrix in Python, so larger instances are built directly
  in PuLP from the sparse coverage matrix with the same formulation
  (demand already covered becomes a constant, coverage variables are
  continuous in [0, 1] — integral at any optimum). Both are solved by CBC
  or HiGHS (:mod:`geo_app.siting.solvers`) within what is left of the time
  limit, warm-started from the greedy answer so a stopped solve is never
  worse than greedy.
* :class:`PMedian` — minimise the demand-weighted mean distance to the
  nearest carrier: :meth:`spopt.locate.PMedian.from_cost_matrix` with the
  same mask and extra rows, solved the same way, warm-started from a greedy
  p-median answer (:func:`~geo_app.siting.greedy.greedy_median`), so a
  stopped solve keeps at least that. Its assignment variables grow
  with demand × facilities, so the instance is first sized to fit
  ``max_assignments`` by merging demand and thinning candidates
  (:mod:`geo_app.siting.sizing`), the approximation stated in the notes.
* :class:`GreedyCovering` — the lazy greedy heuristic of
  :mod:`geo_app.siting.greedy` (≥ 1 − 1/e of the optimum without quotas or
  spacing) improved by single swaps, with the LP bound on its gap when the
  instance is small enough and the submodular bound otherwise.

Every model keeps the open carriers and honours the quotas, the minimum
spacing and the exclusion areas (see :mod:`geo_app.siting.constraints`).
"""

from __future__ import annotations

import time
from typing import Self

import numpy as np
import pulp
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.spatial.distance import cdist
from spopt.locate import MCLP

from geo_app.analysis.jobs import report_stage
from geo_app.errors import SitingError
from geo_app.siting._base import (
    SPOPT_MAX_CELLS,
    Progress,
    SitingModel,
    add_rules,
    pulp4_notices_off,
    rule_rows,
)
from geo_app.siting._cbc_cover import solve_cover_cbc
from geo_app.siting._median_matrix import solve_median_cbc, solve_median_highs
from geo_app.siting._reduce import CoverInstance, reduce_coverage
from geo_app.siting.constraints import SiteConstraints
from geo_app.siting.greedy import (
    LP_MAX_NONZEROS,
    greedy_median,
    improve_by_swaps,
    lazy_greedy,
    lp_bound,
    online_bound,
)
from geo_app.siting.problem import SitingProblem
from geo_app.siting.result import mean_distance
from geo_app.siting.sizing import PMEDIAN_MAX_ASSIGNMENTS, size_pmedian
from geo_app.siting.solvers import (
    DEFAULT_SOLVER,
    SOLVER_LABELS,
    STATUS_GREEDY_KEPT,
    SolveReport,
    resolve_solver,
    solve_cover_highs,
    solve_mip,
    solver_note,
)

__all__ = [
    "MODELS",
    "SPOPT_MAX_CELLS",
    "GreedyCovering",
    "MaximalCovering",
    "PMedian",
    "SitingModel",
]


class MaximalCovering(SitingModel):
    """Maximal covering with the open carriers fixed (spopt MCLP + HiGHS or CBC).

    Parameters
    ----------
    warm_start
        Start the solver from the greedy answer (on by default).
    spopt_max_cells
        Largest reduced dense instance built with spopt; larger ones are
        built in PuLP from the sparse matrix.

    Examples
    --------
    >>> p = SitingProblem.from_arrays([[0, 0], [10, 0], [20, 0]], [1, 1, 5],
    ...     [[0, 0], [20, 0]], radius_m=1.0)
    >>> MaximalCovering(p, 1).solve().result_.covered_after
    5.0
    """

    name = "mclp"

    def __init__(
        self,
        problem: SitingProblem,
        n_new: int,
        *,
        constraints: SiteConstraints | None = None,
        time_limit_s: float = 60.0,
        progress: Progress | None = None,
        solver: str = DEFAULT_SOLVER,
        deadline: float | None = None,
        warm_start: bool = True,
        spopt_max_cells: int = SPOPT_MAX_CELLS,
    ) -> None:
        super().__init__(
            problem,
            n_new,
            constraints=constraints,
            time_limit_s=time_limit_s,
            progress=progress,
            solver=resolve_solver(solver, self.name),
            deadline=deadline,
        )
        self.warm_start = warm_start
        self.spopt_max_cells = int(spopt_max_cells)

    def solve(self) -> Self:
        """Build, solve with the chosen solver and evaluate."""
        t0 = time.perf_counter()
        sub, index, limits = self._prepare()
        report_stage("model")
        self.progress(f"coverage of {sub.n_demand:,} demand points by {sub.n_sites:,} sites")
        full = sub.site_coverage()
        inst = reduce_coverage(sub, full)
        start = None
        if self.warm_start:
            start, _ = lazy_greedy(
                inst,
                self.n_new,
                site_xy=sub.site_xy,
                site_district=sub.site_district,
                limits=limits,
                min_spacing_m=self.constraints.min_spacing_m,
            )
        n_open = len(sub.existing_xy)
        dense = (inst.n_rows + n_open) * (n_open + sub.n_sites)
        label = SOLVER_LABELS.get(self.solver, self.solver)
        if dense > self.spopt_max_cells:
            return self._solve_direct(sub, index, limits, inst, full, start, t0)
        engine = f"spopt.MCLP + {label}"
        prob, x = self._spopt_model(sub, inst, start)
        add_rules(prob, x, sub, limits, self.constraints.min_spacing_m)
        self._say(engine, inst, sub)
        report_stage("solve")
        t_solve = time.perf_counter()
        report = solve_mip(
            prob,
            self.solver,
            deadline=self._deadline(t0),
            warm=start is not None,
            rules=not self.constraints.is_empty,
            interior_point=True,
        )
        chosen = _chosen(x, report, start)
        return self._finish(
            index[chosen],
            engine=engine,
            status=report.status,
            optimal=report.optimal,
            solve_time_s=time.perf_counter() - t0,
            full=full if sub is self.problem else None,
            notes=(*report.notes(), *_late_note(self, t0, t_solve, report)),
        )

    def _say(self, engine: str, inst: CoverInstance, sub: SitingProblem) -> None:
        self.progress(
            f"{engine}: {inst.n_rows:,} demand rows × {sub.n_sites:,} sites, "
            f"time limit {self.time_limit_s:g} s"
        )

    def _solve_direct(
        self,
        sub: SitingProblem,
        index: NDArray[np.int64],
        limits: NDArray[np.int64] | None,
        inst: CoverInstance,
        full: sp.csr_matrix,
        start: NDArray[np.int64] | None,
        t0: float,
    ) -> Self:
        """The sparse formulation handed to the solver as matrices (no PuLP model)."""
        engine = f"sparse MCLP + {SOLVER_LABELS.get(self.solver, self.solver)}"
        self._say(engine, inst, sub)
        rows, upper = rule_rows(sub, limits, self.constraints.min_spacing_m)
        report_stage("solve")
        t_solve = time.perf_counter()
        if self.solver == "cbc":
            found, report = solve_cover_cbc(
                inst.a,
                inst.w,
                self.n_new,
                rows=rows,
                row_upper=upper,
                start=start,
                deadline=self._deadline(t0),
            )
        else:
            found, report = solve_cover_highs(
                inst.a,
                inst.w,
                self.n_new,
                rows=rows,
                row_upper=upper,
                start=start,
                deadline=self._deadline(t0),
                base=inst.base,
            )
        chosen = found if found is not None else _chosen([], report, start)
        return self._finish(
            index[chosen],
            engine=engine,
            status=report.status,
            optimal=report.optimal,
            solve_time_s=time.perf_counter() - t0,
            full=full if sub is self.problem else None,
            notes=(*report.notes(), *_late_note(self, t0, t_solve, report)),
        )

    def _spopt_model(
        self, sub: SitingProblem, inst: CoverInstance, start: NDArray[np.int64] | None
    ) -> tuple[pulp.LpProblem, list[pulp.LpVariable]]:
        n_open, m = len(sub.existing_xy), sub.n_sites
        # Rows: one per open carrier (the demand it already reaches, merged),
        # then the merged uncovered rows. Columns: open carriers, then candidates.
        rows_xy = sub.demand_xy[inst.rep]
        cost = np.full((n_open + inst.n_rows, n_open + m), np.inf)
        weights = np.zeros(n_open + inst.n_rows)
        if n_open:
            d_open = cdist(sub.demand_xy[inst.covered0], sub.existing_xy)
            nearest = d_open.argmin(axis=1)
            weights[:n_open] = np.bincount(
                nearest, weights=sub.demand_weight[inst.covered0], minlength=n_open
            )
            reach = np.zeros(n_open)
            np.maximum.at(reach, nearest, d_open[np.arange(len(nearest)), nearest])
            cost[np.arange(n_open), np.arange(n_open)] = reach
        if inst.n_rows:
            r_idx, c_idx = inst.a.nonzero()
            cost[n_open + r_idx, n_open + c_idx] = np.hypot(
                *(rows_xy[r_idx] - sub.site_xy[c_idx]).T
            )
            weights[n_open:] = inst.w
        mask = np.zeros(n_open + m, dtype=bool)
        mask[:n_open] = True
        with pulp4_notices_off():
            mclp = MCLP.from_cost_matrix(
                cost,
                weights,
                service_radius=sub.radius_m,
                p_facilities=n_open + self.n_new,
                predefined_facilities_arr=mask if n_open else None,
                name="mclp",
            )
        x = list(mclp.fac_vars)
        if start is not None:
            chosen = set((start + n_open).tolist())
            for j, v in enumerate(x):
                if j >= n_open:
                    v.setInitialValue(1 if j in chosen else 0)
            hit = np.zeros(len(weights), dtype=bool)
            hit[:n_open] = True
            if inst.n_rows:
                hit[n_open:] = np.asarray(inst.a[:, start].sum(axis=1)).ravel() > 0
            for i, v in enumerate(mclp.cli_vars):
                v.setInitialValue(int(hit[i]))
        return mclp.problem, x[n_open:]


class PMedian(SitingModel):
    """Minimise the demand-weighted mean distance (matrices to HiGHS or CBC).

    Its assignment variables grow with demand × facilities, so the instance
    is sized to fit ``max_assignments`` first: demand is merged into square
    cells (weighted centroids) and candidates are thinned to one per square
    cell, both cells growing together until demand × facilities fits. The
    chosen sites are then evaluated on the full-resolution demand, and the
    result's notes state how far the instance was reduced.

    Parameters
    ----------
    demand_cell_m
        Merge demand into square cells of at least this size (weighted
        centroids); ``None`` starts from every demand point.
    max_assignments
        Most demand × facility assignment variables handed to the solver.

    Examples
    --------
    >>> p = SitingProblem.from_arrays([[0, 0], [1, 0], [10, 0]], [1, 1, 1],
    ...     [[0, 0], [10, 0]], radius_m=1.0)
    >>> round(PMedian(p, 1).solve().result_.objective, 3)
    3.667
    """

    name = "pmedian"

    def __init__(
        self,
        problem: SitingProblem,
        n_new: int,
        *,
        constraints: SiteConstraints | None = None,
        time_limit_s: float = 60.0,
        progress: Progress | None = None,
        solver: str = DEFAULT_SOLVER,
        deadline: float | None = None,
        demand_cell_m: float | None = None,
        max_assignments: int = PMEDIAN_MAX_ASSIGNMENTS,
    ) -> None:
        super().__init__(
            problem,
            n_new,
            constraints=constraints,
            time_limit_s=time_limit_s,
            progress=progress,
            solver=resolve_solver(solver, self.name),
            deadline=deadline,
        )
        self.demand_cell_m = demand_cell_m
        self.max_assignments = int(max_assignments)

    def solve(self) -> Self:
        """Size the instance, build it as matrices, solve with HiGHS or CBC and evaluate."""
        t0 = time.perf_counter()
        full, index, limits = self._prepare()
        report_stage("model")
        sized = size_pmedian(
            full, self.n_new, self.max_assignments, demand_cell_m=self.demand_cell_m
        )
        sub, kept = sized.problem, sized.kept
        n_open, m = len(sub.existing_xy), sub.n_sites
        cost = cdist(sub.demand_xy, np.vstack((sub.existing_xy, sub.site_xy)))
        start = greedy_median(
            cost, sub.demand_weight, n_open, self.n_new,
            site_xy=sub.site_xy, site_district=sub.site_district, limits=limits,
            min_spacing_m=self.constraints.min_spacing_m,
        )  # fmt: skip
        # Straight from the arrays: no model to build in PuLP, the whole budget solves.
        engine = f"sparse p-median + {SOLVER_LABELS[self.solver]}"
        self.progress(f"{engine}: {sub.n_demand:,} demand × {n_open + m:,} facilities")
        rows, upper = rule_rows(sub, limits, self.constraints.min_spacing_m)
        report_stage("solve")
        t_solve = time.perf_counter()
        solve = solve_median_highs if self.solver == "highs" else solve_median_cbc
        found, report = solve(
            cost,
            sub.demand_weight,
            n_open,
            self.n_new,
            rows=rows,
            row_upper=upper,
            start=start,
            deadline=self._deadline(t0),
        )
        picked = found if found is not None else _chosen([], report, start)
        chosen = kept[picked]
        open_xy = np.vstack((full.existing_xy, full.site_xy[chosen]))
        return self._finish(
            index[chosen],
            engine=engine,
            status=report.status,
            optimal=report.optimal and not sized.reduced,
            solve_time_s=time.perf_counter() - t0,
            objective=mean_distance(full, open_xy) or 0.0,
            notes=(
                *sized.notes(self.max_assignments),
                *report.notes(),
                *_late_note(self, t0, t_solve, report),
            ),
        )


def _late_note(
    model: SitingModel, started: float, solve_started: float, report: SolveReport
) -> tuple[str, ...]:
    """A note when the run ends over 10 % past its limit and the solver is not to blame."""
    end = model.deadline if model.deadline is not None else started + model.time_limit_s
    over = time.perf_counter() - end
    if over <= 0.1 * model.time_limit_s or report.overran:
        return ()
    return (
        solver_note(
            "solver.note.build_overran",
            seconds=f"{solve_started - started:.1f}",
            limit=f"{model.time_limit_s:g}",
            over=f"{over:.1f}",
        ),
    )


def _chosen(
    x: list[pulp.LpVariable], report: SolveReport, start: NDArray[np.int64] | None
) -> NDArray[np.int64]:
    """The candidates the solver opened, or the greedy start when it found none."""
    if report.has_solution:
        return np.array([j for j, v in enumerate(x) if (v.value() or 0) > 0.5], dtype=np.int64)
    if start is None:
        raise SitingError(
            code="solver.no_solution", params={"solver": SOLVER_LABELS[report.solver]}
        )
    # The greedy start meets every rule, so the instance is feasible: the
    # solver stopped before reporting a solution.
    assert report.status == STATUS_GREEDY_KEPT
    return start


class GreedyCovering(SitingModel):
    """Lazy greedy maximum coverage, with the LP bound on its gap.

    Guarantee: without quotas or spacing the answer covers at least
    ``1 - 1/e`` (63.2 %) of the optimum's coverage gain; with quotas at least
    1/2; with a minimum spacing no constant factor holds (read the LP gap).

    Parameters
    ----------
    bound
        Compute the LP relaxation bound when the instance is small enough.
    swaps
        Improve the greedy answer by single swaps (never worse; within
        ``swap_budget_s`` seconds).
    lp_max_nonzeros
        Size limit (non-zeros of the reduced coverage matrix) for the bound.

    Examples
    --------
    >>> p = SitingProblem.from_arrays([[0, 0], [10, 0], [20, 0]], [1, 1, 5],
    ...     [[0, 0], [20, 0]], radius_m=1.0)
    >>> GreedyCovering(p, 1).solve().result_.sites["site_id"].tolist()
    ['S1']
    """

    name = "greedy"

    def __init__(
        self,
        problem: SitingProblem,
        n_new: int,
        *,
        constraints: SiteConstraints | None = None,
        time_limit_s: float = 60.0,
        progress: Progress | None = None,
        solver: str = DEFAULT_SOLVER,
        deadline: float | None = None,
        bound: bool = True,
        lp_max_nonzeros: int = LP_MAX_NONZEROS,
        swaps: bool = True,
        swap_budget_s: float = 5.0,
    ) -> None:
        super().__init__(
            problem,
            n_new,
            constraints=constraints,
            time_limit_s=time_limit_s,
            progress=progress,
            solver=resolve_solver(solver, self.name),
            deadline=deadline,
        )
        self.swaps = swaps
        self.swap_budget_s = float(swap_budget_s)
        self.bound = bound
        self.lp_max_nonzeros = int(lp_max_nonzeros)

    def solve(self) -> Self:
        """Pick the sites greedily; bound the gap with the LP relaxation."""
        t0 = time.perf_counter()
        sub, index, limits = self._prepare()
        report_stage("model")
        self.progress(f"coverage of {sub.n_demand:,} demand points by {sub.n_sites:,} sites")
        full = sub.site_coverage()
        inst = reduce_coverage(sub, full)
        self.progress(f"lazy greedy over {inst.n_rows:,} demand rows")
        rules = {
            "site_xy": sub.site_xy,
            "site_district": sub.site_district,
            "limits": limits,
            "min_spacing_m": self.constraints.min_spacing_m,
        }
        report_stage("solve")
        chosen, _ = lazy_greedy(inst, self.n_new, **rules)  # type: ignore[arg-type]
        if self.swaps:
            self.progress("improving by swaps")
            chosen = improve_by_swaps(
                inst,
                chosen,
                time_budget_s=self.swap_budget_s,
                **rules,  # type: ignore[arg-type]
            )
        elapsed = time.perf_counter() - t0
        bound, source, notes = None, None, []
        if self.bound:
            self.progress("upper bound on the optimum")
            lp, t_lp = lp_bound(
                inst,
                self.n_new,
                max_nonzeros=self.lp_max_nonzeros,
                time_limit_s=min(self.time_limit_s, 15.0),
                **rules,  # type: ignore[arg-type]
            )
            online = online_bound(inst, self.n_new, chosen)
            if lp is not None and lp <= online:
                bound, source = lp, "LP relaxation"
                notes.append(f"LP relaxation solved by HiGHS in {t_lp:.1f} s.")
            else:
                bound, source = online, "submodular bound"
                if lp is None:
                    notes.append("LP relaxation not solved (instance too large or too slow).")
        guarantee = (
            "at least 1 − 1/e (63.2 %) of the optimal gain"
            if self.constraints.is_empty
            else "at least 1/2 of the optimal gain"
            if self.constraints.min_spacing_m <= 0
            else "no constant-factor guarantee under a minimum spacing"
        )
        notes.insert(0, f"Greedy guarantee for these rules: {guarantee}.")
        return self._finish(
            index[chosen],
            engine="lazy greedy + swaps" if self.swaps else "lazy greedy",
            status="heuristic",
            optimal=False,
            solve_time_s=elapsed,
            upper_bound=bound,
            bound_source=source,
            full=None if sub is not self.problem else full,
            notes=tuple(notes),
        )


#: Model classes by the name the CLI and the app use.
MODELS: dict[str, type[SitingModel]] = {
    "mclp": MaximalCovering,
    "pmedian": PMedian,
    "greedy": GreedyCovering,
}
