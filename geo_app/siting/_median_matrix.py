"""The p-median handed to HiGHS or CBC as matrices, with no PuLP model in between.

Building the p-median in spopt/PuLP and handing it to HiGHS through PuLP
takes seconds per 100,000 assignment variables, none of which can be
interrupted: on Luoyang's communities at the default cap that alone can use
up a 15 s time limit. Built here from arrays it takes a fraction of a
second, and the whole time goes to the solver: HiGHS stops on the deadline
(or on a cancel) through its interrupt callbacks, CBC is killed at it.

The formulation is the classical one (ReVelle and Swain): open ``x_j``,
assign ``z_ij``; minimise ``sum w_i d_ij z_ij`` subject to
``sum_j z_ij = 1``, ``z_ij <= x_j``, ``sum x = open + new`` and the rules'
rows over the candidates; open carriers are fixed open.
"""

from __future__ import annotations

import time

import highspy
import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from geo_app.siting._cbc_matrix import MatrixModel, solve_matrix_cbc
from geo_app.siting.solvers import SolveReport, new_highs, read_highs, run_highs

__all__ = ["median_model", "median_start", "solve_median_cbc", "solve_median_highs"]


def _matrix(
    n_d: int, n_f: int, n_open: int, rows: sp.csr_matrix
) -> tuple[sp.csr_matrix, NDArray[np.float64], NDArray[np.float64]]:
    """Constraint matrix and row bounds over ``[x (n_f), z (n_d × n_f)]``."""
    n_z = n_d * n_f
    z = np.arange(n_z, dtype=np.int64)
    i, j = np.divmod(z, n_f)
    n_extra = rows.shape[0]
    # Rows: assignment (n_d), linking (n_z), count (1), rules (n_extra).
    r_assign = i
    r_link = n_d + z
    r_count = np.full(n_f, n_d + n_z, dtype=np.int64)
    extra = rows.tocoo()
    r_rules = n_d + n_z + 1 + extra.row.astype(np.int64)
    row = np.concatenate((r_assign, r_link, r_link, r_count, r_rules))
    col = np.concatenate((n_f + z, n_f + z, j, np.arange(n_f), n_open + extra.col.astype(np.int64)))
    val = np.concatenate(
        (np.ones(n_z), np.ones(n_z), -np.ones(n_z), np.ones(n_f), extra.data.astype(np.float64))
    )
    shape = (n_d + n_z + 1 + n_extra, n_f + n_z)
    matrix = sp.csr_matrix((val, (row, col)), shape=shape)
    inf = highspy.kHighsInf
    low = np.concatenate((np.ones(n_d), np.full(n_z, -inf), [0.0], np.full(n_extra, -inf)))
    up = np.concatenate((np.ones(n_d), np.zeros(n_z), [0.0], np.zeros(n_extra)))
    return matrix, low, up


def median_model(
    cost: NDArray[np.float64],
    weight: NDArray[np.float64],
    n_open: int,
    n_new: int,
    rows: sp.csr_matrix,
    row_upper: NDArray[np.float64],
) -> MatrixModel:
    """The p-median over ``[x (facilities), z (demand × facilities)]``; x integer."""
    n_d, n_f = cost.shape
    m = n_f - n_open
    matrix, low, up = _matrix(n_d, n_f, n_open, rows)
    n_rules = rows.shape[0]
    up[len(up) - n_rules :] = row_upper
    count = n_d + n_d * n_f
    low[count] = up[count] = float(n_open + n_new)
    objective = (np.asarray(weight, np.float64)[:, None] * cost).ravel()
    col_cost = np.concatenate((np.zeros(n_f), objective))
    col_low = np.concatenate((np.ones(n_open), np.zeros(m), np.zeros(n_d * n_f)))
    col_up = np.ones(n_f + n_d * n_f)
    return MatrixModel(matrix, low, up, col_cost, col_low, col_up, n_f)


def median_start(
    cost: NDArray[np.float64], n_open: int, start: NDArray[np.int64]
) -> NDArray[np.float64]:
    """Values of every column for the greedy answer: its sites open, demand on the nearest."""
    n_d, n_f = cost.shape
    opened = np.concatenate((np.arange(n_open), n_open + np.asarray(start))).astype(np.int64)
    x0 = np.zeros(n_f)
    x0[opened] = 1.0
    z0 = np.zeros((n_d, n_f))
    z0[np.arange(n_d), opened[cost[:, opened].argmin(axis=1)]] = 1.0
    return np.concatenate((x0, z0.ravel()))


def solve_median_cbc(
    cost: NDArray[np.float64],
    weight: NDArray[np.float64],
    n_open: int,
    n_new: int,
    *,
    rows: sp.csr_matrix,
    row_upper: NDArray[np.float64],
    start: NDArray[np.int64] | None,
    deadline: float,
) -> tuple[NDArray[np.int64] | None, SolveReport]:
    """The p-median solved by CBC; arguments and result as for :func:`solve_median_highs`."""
    model = median_model(cost, weight, n_open, n_new, rows, row_upper)
    ones = None if start is None else np.concatenate((np.arange(n_open), n_open + start))
    opened, report = solve_matrix_cbc(model, start=ones, deadline=deadline, rules=rows.shape[0] > 0)
    chosen = None if opened is None else opened[opened >= n_open] - n_open
    return chosen, report


def solve_median_highs(
    cost: NDArray[np.float64],
    weight: NDArray[np.float64],
    n_open: int,
    n_new: int,
    *,
    rows: sp.csr_matrix,
    row_upper: NDArray[np.float64],
    start: NDArray[np.int64] | None,
    deadline: float,
) -> tuple[NDArray[np.int64] | None, SolveReport]:
    """Solve the p-median with HiGHS until ``deadline`` at the latest.

    Parameters
    ----------
    cost
        Distances, demand × facilities, the open carriers' columns first.
    weight
        Weight of each demand point.
    n_open
        Open carriers (the first columns of ``cost``): fixed open.
    n_new
        Candidates to open.
    rows, row_upper
        Extra rows over the candidates (quotas, spacing pairs) and their bounds.
    start
        Greedy answer (candidate positions) to start from.
    deadline
        :func:`time.perf_counter` time by which the solve should end.

    Returns
    -------
    tuple
        The candidates opened (``None`` when HiGHS stopped without a
        solution) and the report.

    Examples
    --------
    >>> cost = np.array([[0.0, 10.0], [1.0, 9.0], [10.0, 0.0]])
    >>> chosen, report = solve_median_highs(cost, np.ones(3), 0, 1,
    ...     rows=sp.csr_matrix((0, 2)), row_upper=np.zeros(0), start=None,
    ...     deadline=time.perf_counter() + 10)
    >>> chosen.tolist(), report.optimal
    ([0], True)
    """
    t0 = time.perf_counter()
    budget = max(deadline - t0, 0.0)
    n_f = cost.shape[1]
    mip = median_model(cost, weight, n_open, n_new, rows, row_upper)
    n_rules = rows.shape[0]
    model = new_highs(interior_point=False)
    empty_i = np.zeros(0, np.int32)
    n_cols = len(mip.cost)
    model.addCols(n_cols, mip.cost, mip.col_low, mip.col_up, 0, empty_i, empty_i, np.zeros(0))
    kinds = np.full(n_f, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
    model.changeColsIntegrality(n_f, np.arange(n_f, dtype=np.int32), kinds)
    matrix = mip.matrix
    model.addRows(
        matrix.shape[0],
        mip.row_low,
        mip.row_up,
        matrix.nnz,
        matrix.indptr[:-1].astype(np.int32),
        matrix.indices.astype(np.int32),
        matrix.data.astype(np.float64),
    )
    if start is not None:
        values = median_start(cost, n_open, start)
        model.setSolution(len(values), np.arange(len(values), dtype=np.int32), values)
    run_highs(model, deadline)
    status, optimal, found, gap = read_highs(model, rules=n_rules > 0)
    chosen = None
    if found:
        x = np.asarray(model.getSolution().col_value[n_open:n_f])
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
