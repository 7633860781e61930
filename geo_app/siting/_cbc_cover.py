"""Maximum coverage handed to CBC as matrices (see :mod:`geo_app.siting._cbc_matrix`)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from geo_app.siting._cbc_matrix import MatrixModel, solve_matrix_cbc
from geo_app.siting.solvers import SolveReport

__all__ = ["cover_model", "solve_cover_cbc"]


def cover_model(
    a: sp.csr_matrix,
    w: NDArray[np.float64],
    n_new: int,
    rows: sp.csr_matrix,
    row_upper: NDArray[np.float64],
) -> MatrixModel:
    """The covering model: minimise ``-w · y`` over ``[x (candidates), y (demand rows)]``.

    ``y_i <= sum of x_j reaching i``, ``sum x = n_new`` and ``rows @ x <= row_upper``.
    """
    n_rows, m = a.shape
    cover = sp.hstack((-a.astype(np.float64), sp.identity(n_rows, format="csr")), format="csr")
    count = sp.csr_matrix(np.concatenate((np.ones(m), np.zeros(n_rows)))[None, :])
    extra = sp.hstack((rows, sp.csr_matrix((rows.shape[0], n_rows))), format="csr")
    matrix = sp.vstack((cover, count, extra), format="csr")
    low = np.concatenate((np.full(n_rows, -np.inf), [n_new], np.full(rows.shape[0], -np.inf)))
    up = np.concatenate((np.zeros(n_rows), [n_new], row_upper))
    cost = np.concatenate((np.zeros(m), -np.asarray(w, np.float64)))
    return MatrixModel(matrix, low, up, cost, np.zeros(m + n_rows), np.ones(m + n_rows), m)


def solve_cover_cbc(
    a: sp.csr_matrix,
    w: NDArray[np.float64],
    n_new: int,
    *,
    rows: sp.csr_matrix,
    row_upper: NDArray[np.float64],
    start: NDArray[np.int64] | None,
    deadline: float,
) -> tuple[NDArray[np.int64] | None, SolveReport]:
    """Maximum coverage solved by CBC; arguments as for :func:`solve_cover_highs`.

    Returns
    -------
    tuple
        The candidates opened (``None`` when CBC was stopped without a
        solution: the greedy start then stands) and the report.

    Examples
    --------
    >>> import time
    >>> a = sp.csr_matrix(np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0]], dtype=bool))
    >>> chosen, report = solve_cover_cbc(a, np.array([3.0, 2.0, 1.0]), 1,
    ...     rows=sp.csr_matrix((0, 3)), row_upper=np.zeros(0), start=None,
    ...     deadline=time.perf_counter() + 30)
    >>> chosen.tolist(), report.optimal
    ([0], True)
    """
    model = cover_model(a, w, n_new, rows, row_upper)
    return solve_matrix_cbc(model, start=start, deadline=deadline, rules=rows.shape[0] > 0)
