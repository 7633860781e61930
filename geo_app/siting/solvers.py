"""The MIP solvers behind the exact models, with one deadline for the whole run.

Two solvers are offered (``"auto"`` picks the better one per model,
:data:`AUTO_SOLVER`):

* ``"highs"`` — HiGHS through ``highspy`` in the same process, started
  from the greedy answer, with presolve off (it cannot be interrupted and
  removes almost nothing from these models) and interrupt callbacks that
  watch the clock inside every LP, so it stops on time. A large covering
  model and every p-median are handed over as matrices
  (:func:`solve_cover_highs`, :mod:`geo_app.siting._median_matrix`); small
  covering models go through PuLP's :class:`pulp.HiGHS`, in bulk.
* ``"cbc"`` — PuLP's bundled CBC run as a separate program. A large
  covering model is written for it straight from the matrices
  (:mod:`geo_app.siting._cbc_cover`). CBC checks its clock only between
  phases, so on large instances its first LP would run past the limit: it
  is killed at the deadline, the greedy start then standing, and the
  result's notes say so.

Either gets what is left of the run's time limit when it starts (for CBC,
once its model file is written). A run in a
:class:`geo_app.analysis.jobs.Job` also stops on a cancel: HiGHS through
the same callbacks, CBC by being killed. The
outcome is read the same way for both (:class:`SolveReport`): a proven
optimum, the best solution found when the time limit stopped the solver, or
no solution (the model then keeps its greedy start).

Notes about a solve are worded by :func:`solver_note` from the catalogue
(:mod:`geo_app.messages`, codes ``solver.note.*``) and stored in English; a
stored note reads in another language with :func:`note_in`.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import highspy
import numpy as np
import pulp
import scipy.sparse as sp
from numpy.typing import NDArray

from geo_app.analysis.jobs import JobCancelledError, cancel_requested
from geo_app.errors import SitingError
from geo_app.messages import MESSAGES, render_message
from geo_app.siting._base import pulp4_notices_off

__all__ = [
    "DEFAULT_SOLVER",
    "SOLVERS",
    "SOLVER_LABELS",
    "SolveReport",
    "check_solver",
    "note_in",
    "resolve_solver",
    "solve_cover_highs",
    "solve_mip",
    "solver_note",
]

#: Solver names the CLI and the app accept, default first.
SOLVERS: Final[tuple[str, ...]] = ("auto", "highs", "cbc")

#: The solver used when none is named: the better one for the model.
DEFAULT_SOLVER: Final[str] = "auto"

#: What ``"auto"`` picks per model (``benchmarks/bench_solvers.py``, Luoyang's
#: communities on the shared 2-core machine): for the MCLP, CBC keeps the limit
#: (killed at the deadline: 0.96–1.03 × the limit) and proves the optimum
#: within 30 s on a quiet machine (+2.6 % residents over the greedy start),
#: while HiGHS's interior-point iterations run up to 5 s past the deadline
#: under load and its root LP does not finish in 30 s; for the p-median both
#: keep the greedy start at 10 and 30 s, and HiGHS reports a gap.
AUTO_SOLVER: Final[dict[str, str]] = {"mclp": "cbc", "pmedian": "highs"}

#: How each solver is named in results and notes.
SOLVER_LABELS: Final[dict[str, str]] = {"highs": "HiGHS", "cbc": "CBC"}

#: Shortest time a solver is given even when the budget is spent, seconds.
MIN_SOLVE_S: Final[float] = 0.2

#: Share of its budget HiGHS leaves for finishing an iteration and reporting.
HIGHS_MARGIN: Final[float] = 0.10

#: Share of what is left that CBC leaves for stopping and reading its answer back.
CBC_MARGIN: Final[float] = 0.10

#: CBC is killed when only this share of what was left at its start remains
#: (the rest pays for evaluating the greedy start that then stands).
CBC_READ_SHARE: Final[float] = 0.03

#: How often a running CBC is checked for a cancel or its deadline, seconds.
CBC_POLL_S: Final[float] = 0.1

#: A solve is an overrun when it ends this much past its budget (share, then seconds).
OVERRUN_SHARE: Final[float] = 0.10
OVERRUN_SLACK_S: Final[float] = 0.5

STATUS_OPTIMAL: Final[str] = "optimal"
STATUS_TIME_LIMIT: Final[str] = "time limit reached: best solution found"
STATUS_GREEDY_KEPT: Final[str] = "time limit reached: greedy start kept"


@dataclass(frozen=True)
class SolveReport:
    """What a solver did.

    Parameters
    ----------
    solver
        ``"highs"`` or ``"cbc"``.
    status
        :data:`STATUS_OPTIMAL` or :data:`STATUS_TIME_LIMIT` when a solution
        was found; :data:`STATUS_GREEDY_KEPT` when none was.
    optimal
        True when the optimum is proven.
    has_solution
        False when the solver stopped before reporting a solution.
    run_s, budget_s
        Wall time of the solver call (handing the model over included) and
        the time that was left for it, seconds.
    gap
        Relative gap between the solution and the solver's bound (HiGHS
        only; ``None`` when not reported).
    stopped
        The solver ran past its budget and was stopped (CBC).
    """

    solver: str
    status: str
    optimal: bool
    has_solution: bool
    run_s: float
    budget_s: float
    gap: float | None = None
    stopped: bool = False

    @property
    def overran(self) -> bool:
        """True when the solver ran clearly past its budget."""
        return self.run_s > self.budget_s * (1 + OVERRUN_SHARE) + OVERRUN_SLACK_S

    def notes(self) -> tuple[str, ...]:
        """The solve in words (English), for the result's notes."""
        label = SOLVER_LABELS[self.solver]
        gap = "—" if self.gap is None else f"{self.gap:.2%}"
        notes = [
            solver_note(
                "solver.note.ran",
                solver=label,
                seconds=f"{self.run_s:.1f}",
                budget=f"{self.budget_s:.1f}",
                gap=gap,
            )
        ]
        if self.stopped:
            notes.append(solver_note("solver.note.stopped", solver=label))
        elif self.overran:
            notes.append(
                solver_note(
                    "solver.note.overran_cbc" if self.solver == "cbc" else "solver.note.overran",
                    solver=label,
                    seconds=f"{self.run_s - self.budget_s:.1f}",
                )
            )
        return tuple(notes)


def check_solver(name: str) -> str:
    """``name`` if it is a known solver, else a :class:`SitingError`."""
    if name not in SOLVERS:
        raise SitingError(
            code="solver.unknown", params={"solvers": ", ".join(SOLVERS), "value": repr(name)}
        )
    return name


def resolve_solver(name: str, model: str) -> str:
    """The solver a model uses: ``name``, or the model's better one for ``"auto"``.

    >>> resolve_solver("auto", "mclp"), resolve_solver("auto", "pmedian"), resolve_solver("cbc", "pmedian")
    ('cbc', 'highs', 'cbc')
    """
    check_solver(name)
    return AUTO_SOLVER.get(model, "highs") if name == "auto" else name


def solver_note(code: str, **params: object) -> str:
    """A ``solver.note.*`` catalogue note in English (how notes are stored)."""
    return render_message(code, "en", params)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    out = [re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)]
    return re.compile("^" + "".join(out) + "$")


_NOTE_PATTERNS: Final[dict[str, re.Pattern[str]]] = {
    code: _pattern(text["en"]) for code, text in MESSAGES.items() if code.startswith("solver.note.")
}


def note_in(note: str, lang: str) -> str | None:
    """A stored ``solver.note.*`` note in ``lang``; ``None`` when it is not one.

    Examples
    --------
    >>> note_in(solver_note("solver.note.overran", solver="CBC", seconds="3.2"), "en")[:14]
    'CBC overran it'
    >>> note_in("something else", "zh") is None
    True
    """
    for code, pattern in _NOTE_PATTERNS.items():
        found = pattern.match(note)
        if found:
            return render_message(code, lang, found.groupdict())
    return None


_HIGHS_OPTIONS: Final[dict[str, bool | int | float | str]] = {
    "output_flag": False,
    "threads": 1,
    # Presolve cannot be interrupted and takes seconds on covering models
    # (probing alone can take the whole budget), while it removes almost
    # nothing from them: without it the solve stops on time.
    "presolve": "off",
}

_banner_shown = False


@contextlib.contextmanager
def _no_banner() -> Iterator[None]:
    """Keep HiGHS's start-up banner (printed once, on file descriptor 1) off stdout."""
    global _banner_shown
    if _banner_shown:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with Path(os.devnull).open("wb") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        _banner_shown = True


class _Highs(pulp.HiGHS):  # type: ignore[misc]
    """PuLP's highspy solver: bulk model, greedy start, limit set at solve time."""

    def __init__(self, deadline: float, warm: bool, interior_point: bool) -> None:
        super().__init__(msg=False)
        self.deadline = deadline
        self.warm = warm
        self.interior_point = interior_point

    def createAndConfigureSolver(self, lp: pulp.LpProblem) -> None:  # noqa: N802 (PuLP's name)
        lp.solverModel = new_highs(interior_point=self.interior_point)

    def buildSolverModel(self, lp: pulp.LpProblem) -> None:  # noqa: N802 (PuLP's name)
        inf = highspy.kHighsInf
        sense = -1.0 if lp.sense == pulp.LpMaximize else 1.0
        variables = lp.variables()
        for i, var in enumerate(variables):
            var.index = i
        n = len(variables)
        cost = np.array([sense * lp.objective.get(v, 0.0) for v in variables], dtype=np.float64)
        lower = np.array([-inf if v.lowBound is None else v.lowBound for v in variables], float)
        upper = np.array([inf if v.upBound is None else v.upBound for v in variables], float)
        empty_i, empty_f = np.zeros(0, np.int32), np.zeros(0, np.float64)
        model: Any = lp.solverModel
        model.addCols(n, cost, lower, upper, 0, empty_i, empty_i, empty_f)
        model.changeObjectiveOffset(sense * float(lp.objective.constant))
        ints = np.array([v.index for v in variables if v.cat == pulp.LpInteger], dtype=np.int32)
        if len(ints):
            kinds = np.full(len(ints), int(highspy.HighsVarType.kInteger), dtype=np.uint8)
            model.changeColsIntegrality(len(ints), ints, kinds)
        self._add_rows(lp, inf)

    @staticmethod
    def _add_rows(lp: pulp.LpProblem, inf: float) -> None:
        rows = list(lp._constraints.values())
        starts: list[int] = []
        index: list[int] = []
        value: list[float] = []
        lows: list[float] = []
        ups: list[float] = []
        for i, row in enumerate(rows):
            row.index = i
            starts.append(len(index))
            for var, coef in row.items():
                if coef != 0:
                    index.append(var.index)
                    value.append(coef)
            lb, ub = row.getLb(), row.getUb()
            lows.append(-inf if lb is None else lb)
            ups.append(inf if ub is None else ub)
        lp.solverModel.addRows(
            len(rows),
            np.asarray(lows, float),
            np.asarray(ups, float),
            len(index),
            np.asarray(starts, np.int32),
            np.asarray(index, np.int32),
            np.asarray(value, np.float64),
        )

    def callSolver(self, lp: pulp.LpProblem) -> None:  # noqa: N802 (PuLP's name)
        model: Any = lp.solverModel
        if self.warm:
            given = [(v.index, v.varValue) for v in lp.variables() if v.varValue is not None]
            if given:
                idx, val = zip(*given, strict=True)
                model.setSolution(len(idx), np.asarray(idx, np.int32), np.asarray(val, np.float64))
        run_highs(model, self.deadline)

    def findSolutionValues(self, lp: pulp.LpProblem) -> tuple[int, int]:  # noqa: N802 (PuLP's name)
        # Only the variables' values are read back (PuLP's own reading of every
        # dual and slack takes seconds on large models); the status is read by
        # :func:`read_highs`.
        model: Any = lp.solverModel
        found = _found(model)
        if found:
            values = list(model.getSolution().col_value)
            for var in lp.variables():
                var.varValue = values[var.index]
        if model.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            return pulp.LpStatusOptimal, pulp.LpSolutionOptimal
        if found:
            return pulp.LpStatusOptimal, pulp.LpSolutionIntegerFeasible
        return pulp.LpStatusNotSolved, pulp.LpSolutionNoSolutionFound


def new_highs(*, interior_point: bool) -> Any:
    """A quiet, single-threaded HiGHS with presolve off."""
    with _no_banner():
        model = highspy.Highs()
    for key, value in _HIGHS_OPTIONS.items():
        model.setOptionValue(key, value)
    if interior_point:
        model.setOptionValue("mip_lp_solver", "ipm")
    return model


def run_highs(model: Any, deadline: float) -> None:
    """Run ``model`` so that it stops by ``deadline`` (at least :data:`MIN_SOLVE_S`)."""
    # An interior-point iteration of a large model and reading the answer
    # back take a moment after the interrupt: stop a little early.
    if cancel_requested():
        raise JobCancelledError
    budget = max((deadline - time.perf_counter()) * (1 - HIGHS_MARGIN), MIN_SOLVE_S)
    stop_at = time.perf_counter() + budget
    model.setOptionValue("time_limit", budget)

    def stop(event: Any) -> None:
        # HiGHS reads its own time limit only between phases; the
        # interrupt callbacks also stop it inside an LP (or on a cancel).
        if time.perf_counter() >= stop_at or cancel_requested():
            event.interrupt()

    for hook in (model.cbSimplexInterrupt, model.cbIpmInterrupt, model.cbMipInterrupt):
        hook.subscribe(stop)
    model.run()
    if cancel_requested():
        raise JobCancelledError


def _found(model: Any) -> bool:
    """True when HiGHS holds a feasible solution."""
    feasible = int(highspy.SolutionStatus.kSolutionStatusFeasible)
    return int(model.getInfo().primal_solution_status) == feasible


def read_highs(model: Any, rules: bool) -> tuple[str, bool, bool, float | None]:
    """Status in words, proven optimum, solution found, reported gap."""
    status = model.getModelStatus()
    info = model.getInfo()
    if status in (highspy.HighsModelStatus.kInfeasible,) and rules:
        raise SitingError(code="siting.infeasible")
    found = _found(model)
    gap = float(info.mip_gap) if found and np.isfinite(info.mip_gap) else None
    if status == highspy.HighsModelStatus.kOptimal:
        return STATUS_OPTIMAL, True, True, gap
    if found:
        return STATUS_TIME_LIMIT, False, True, gap
    if status not in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kInterrupt):
        raise SitingError(code="solver.failed", params={"solver": "HiGHS", "status": status.name})
    return STATUS_GREEDY_KEPT, False, False, None


def cbc_budget(deadline: float) -> float:
    """The seconds CBC is given from now: what is left, less its reading-back margin."""
    return max((deadline - time.perf_counter()) * (1 - CBC_MARGIN), MIN_SOLVE_S)


def run_cbc_process(args: list[str], kill_at: float) -> int | None:
    """Run CBC with ``args``; its exit status, or ``None`` when it was killed at ``kill_at``.

    Raises
    ------
    JobCancelledError
        When the run was cancelled meanwhile (CBC is killed at once).
    """
    process = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while process.poll() is None:
        if cancel_requested() or time.perf_counter() >= kill_at:
            process.kill()
            process.wait()
            if cancel_requested():
                raise JobCancelledError
            return None
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=CBC_POLL_S)
    return process.returncode


def _run_cbc(prob: pulp.LpProblem, deadline: float, warm: bool) -> bool:
    """Run PuLP's bundled CBC on ``prob``; False when it had to be stopped.

    CBC is given what is left until ``deadline`` once the model is written
    (``-sec``, less :data:`CBC_MARGIN` for reading the answer back); as it
    checks that only between phases, it is killed at the deadline, the
    model's greedy start then standing. A cancel kills it at once.
    """
    with pulp4_notices_off():
        cbc = pulp.PULP_CBC_CMD(msg=False)
    if not cbc.executable(cbc.path):
        raise SitingError(code="solver.failed", params={"solver": "CBC", "status": cbc.path})
    mps, sol, mst = cbc.create_tmp_files(prob.name, "mps", "sol", "mst")
    try:
        if cancel_requested():
            raise JobCancelledError
        vs, names, rows, _ = prob.writeMPS(mps, rename=1)
        args = [cbc.path, mps]
        if prob.sense == pulp.LpMaximize:
            args.append("-max")
        if warm:
            cbc.writesol(mst, prob, vs, names, rows)
            args += ["-mips", mst]
        # The clock starts after the model is written: writing it is part of the budget.
        budget = cbc_budget(deadline)
        args += ["-sec", f"{budget:.2f}", "-timeMode", "elapsed", "-solve"]
        args += ["-printingOptions", "all", "-solution", sol]
        kill_at = deadline - max(deadline - time.perf_counter(), 0.0) * CBC_READ_SHARE
        code = run_cbc_process(args, max(kill_at, time.perf_counter() + MIN_SOLVE_S))
        if code is None:
            return False
        if code != 0 or not Path(sol).exists():
            raise SitingError(code="solver.failed", params={"solver": "CBC", "status": code})
        status, values, _, _, _, sol_status = cbc.readsol_MPS(sol, prob, vs, names, rows)
        prob.assignVarsVals(values)
        prob.assignStatus(status, sol_status)
        return True
    finally:
        cbc.delete_tmp_files(mps, sol, mst)


def _read_cbc(
    prob: pulp.LpProblem, rules: bool, stopped: bool
) -> tuple[str, bool, bool, float | None]:
    if stopped:
        return STATUS_GREEDY_KEPT, False, False, None
    if prob.status == pulp.LpStatusInfeasible and rules:
        raise SitingError(code="siting.infeasible")
    if prob.sol_status == pulp.LpSolutionOptimal:
        return STATUS_OPTIMAL, True, True, None
    if prob.sol_status == pulp.LpSolutionIntegerFeasible:
        return STATUS_TIME_LIMIT, False, True, None
    return STATUS_GREEDY_KEPT, False, False, None


def solve_mip(
    prob: pulp.LpProblem,
    solver: str,
    *,
    deadline: float,
    warm: bool,
    rules: bool = True,
    interior_point: bool = False,
) -> SolveReport:
    """Solve ``prob`` with ``solver`` until ``deadline`` at the latest.

    Parameters
    ----------
    prob
        The PuLP problem; its variables' initial values are the start.
    solver
        ``"highs"`` or ``"cbc"``.
    deadline
        :func:`time.perf_counter` time by which the solve should end.
    warm
        Start from the variables' initial values.
    rules
        The problem carries quota or spacing rows (an infeasible answer is
        then reported as such).
    interior_point
        Solve HiGHS's LPs by the interior-point method: the covering LPs
        are highly degenerate, and it solves Luohe's communities' root LP
        in seconds where dual simplex has not finished after 30 s.

    Raises
    ------
    SitingError
        When the rules leave no solution, or the solver fails.
    """
    check_solver(solver)
    t0 = time.perf_counter()
    budget = max(deadline - t0, MIN_SOLVE_S)
    stopped = False
    if solver == "highs":
        prob.solve(_Highs(deadline, warm, interior_point))
        status, optimal, found, gap = read_highs(prob.solverModel, rules)
    else:
        stopped = not _run_cbc(prob, deadline, warm)
        status, optimal, found, gap = _read_cbc(prob, rules, stopped)
    return SolveReport(
        solver=solver,
        status=status,
        optimal=optimal,
        has_solution=found,
        run_s=time.perf_counter() - t0,
        budget_s=budget,
        gap=gap,
        stopped=stopped,
    )


def solve_cover_highs(
    a: sp.csr_matrix,
    w: NDArray[np.float64],
    n_new: int,
    *,
    rows: sp.csr_matrix,
    row_upper: NDArray[np.float64],
    start: NDArray[np.int64] | None,
    deadline: float,
    base: float = 0.0,
) -> tuple[NDArray[np.int64] | None, SolveReport]:
    """Maximum coverage handed to HiGHS as matrices (no PuLP model).

    Columns are the candidates ``x`` (binary) then the demand rows ``y``
    (continuous in [0, 1]); maximise ``w · y`` subject to
    ``y_i <= sum of x_j reaching i``, ``sum x = n_new`` and the extra rows
    ``rows @ x <= row_upper`` (quotas, spacing pairs). Building the same
    model in PuLP takes longer than the solve on a city-wide instance.

    Parameters
    ----------
    a
        Boolean CSR, demand rows × candidates: who reaches whom.
    w
        Weight of each demand row.
    n_new
        Candidates to open.
    rows, row_upper
        Extra rows over the candidates and their upper bounds.
    start
        Greedy answer to start from.
    deadline
        :func:`time.perf_counter` time by which the solve should end.
    base
        Weight already covered (a constant of the objective, so the
        reported gap is relative to the whole coverage).

    Returns
    -------
    tuple
        The candidates opened (``None`` when HiGHS stopped without a
        solution) and the report.
    """
    t0 = time.perf_counter()
    budget = max(deadline - t0, MIN_SOLVE_S)
    n_rows, m = a.shape
    model = new_highs(interior_point=True)
    model.changeObjectiveSense(highspy.ObjSense.kMaximize)
    cost = np.concatenate((np.zeros(m), w)).astype(np.float64)
    lower = np.zeros(m + n_rows)
    upper = np.ones(m + n_rows)
    empty_i = np.zeros(0, np.int32)
    model.addCols(m + n_rows, cost, lower, upper, 0, empty_i, empty_i, np.zeros(0))
    kinds = np.full(m, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
    model.changeColsIntegrality(m, np.arange(m, dtype=np.int32), kinds)
    model.changeObjectiveOffset(float(base))
    cover = sp.hstack((-a.astype(np.float64), sp.identity(n_rows, format="csr")), format="csr")
    count = sp.csr_matrix(np.concatenate((np.ones(m), np.zeros(n_rows)))[None, :])
    extra = sp.hstack((rows, sp.csr_matrix((rows.shape[0], n_rows))), format="csr")
    matrix = sp.vstack((cover, count, extra), format="csr")
    inf = highspy.kHighsInf
    low = np.concatenate((np.full(n_rows, -inf), [n_new], np.full(rows.shape[0], -inf)))
    up = np.concatenate((np.zeros(n_rows), [n_new], row_upper))
    model.addRows(
        matrix.shape[0],
        low.astype(np.float64),
        up.astype(np.float64),
        matrix.nnz,
        matrix.indptr[:-1].astype(np.int32),
        matrix.indices.astype(np.int32),
        matrix.data.astype(np.float64),
    )
    if start is not None:
        x0 = np.zeros(m)
        x0[start] = 1.0
        y0 = (np.asarray(a[:, start].sum(axis=1)).ravel() > 0).astype(np.float64)
        values = np.concatenate((x0, y0))
        model.setSolution(len(values), np.arange(len(values), dtype=np.int32), values)
    run_highs(model, deadline)
    status, optimal, found, gap = read_highs(model, rules=rows.shape[0] > 0)
    chosen = None
    if found:
        x = np.asarray(model.getSolution().col_value[:m])
        chosen = np.flatnonzero(x > 0.5).astype(np.int64)
    report = SolveReport(
        solver="highs",
        status=status,
        optimal=optimal,
        has_solution=found,
        run_s=time.perf_counter() - t0,
        budget_s=budget,
        gap=gap,
    )
    return chosen, report
