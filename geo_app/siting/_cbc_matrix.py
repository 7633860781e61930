"""A MIP handed to CBC as a file written straight from matrices.

Building a city-wide model in PuLP and having PuLP write it out takes longer
than the whole time limit on Luoyang's communities (about 10 s to build and
14 s to write the covering model of 178,000 demand rows), and neither step
can be interrupted. Here the MPS file is written from the sparse matrices in
chunks, looking at the clock and for a cancel between chunks; CBC runs as a
separate program under the run's deadline (killed at it, or at once on a
cancel) and its solution file is read back for the integer columns only.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd
import pulp
import scipy.sparse as sp
from numpy.typing import NDArray

from geo_app.analysis.jobs import JobCancelledError, cancel_requested
from geo_app.errors import SitingError
from geo_app.siting._base import pulp4_notices_off
from geo_app.siting.solvers import (
    CBC_READ_SHARE,
    MIN_SOLVE_S,
    STATUS_GREEDY_KEPT,
    STATUS_OPTIMAL,
    STATUS_TIME_LIMIT,
    SolveReport,
    cbc_budget,
    run_cbc_process,
)

__all__ = ["MatrixModel", "solve_matrix_cbc", "write_mps"]

#: Matrix entries written between two looks at the clock and at a cancel.
_CHUNK = 100_000

#: Names are ``c<n>``/``r<n>``, at most 8 characters (the fixed MPS field width).
_MAX_INDEX = 9_999_999


class _OutOfTimeError(Exception):
    """The deadline passed while the model was being written."""


class MatrixModel:
    """Minimise ``cost · v`` subject to ``row_low <= matrix · v <= row_up``, bounds on ``v``.

    The first ``n_int`` columns are integer. Rows with both bounds infinite
    are not allowed; ranged rows are not used by the models here.
    """

    def __init__(
        self,
        matrix: sp.csr_matrix,
        row_low: NDArray[np.float64],
        row_up: NDArray[np.float64],
        cost: NDArray[np.float64],
        col_low: NDArray[np.float64],
        col_up: NDArray[np.float64],
        n_int: int,
    ) -> None:
        if max(matrix.shape) > _MAX_INDEX:
            raise SitingError(
                code="solver.failed", params={"solver": "CBC", "status": "model too large"}
            )
        self.matrix = matrix
        self.row_low = np.asarray(row_low, np.float64)
        self.row_up = np.asarray(row_up, np.float64)
        self.cost = np.asarray(cost, np.float64)
        self.col_low = np.asarray(col_low, np.float64)
        self.col_up = np.asarray(col_up, np.float64)
        self.n_int = int(n_int)


def _write_entries(
    out: TextIO,
    column: NDArray[np.str_],
    row: NDArray[np.str_],
    value: NDArray[np.float64],
    check: Callable[[], None],
) -> None:
    for lo in range(0, len(column), _CHUNK):
        check()
        hi = lo + _CHUNK
        frame = pd.DataFrame({"pad": "", "c": column[lo:hi], "r": row[lo:hi], "v": value[lo:hi]})
        out.write(frame.to_csv(sep=" ", header=False, index=False, float_format="%.12g"))


def _no_check() -> None:
    return None


def _fixed(kind: str, name: str, value: float | None = None) -> str:
    """A bound (``kind`` UP, LO, FX, MI) or right-hand side (``kind`` "") line.

    Laid out in the fixed MPS columns too: CBC reads such a line's fields by
    position when the line also fits the fixed format.
    """
    tail = "" if value is None else f"  {value:.12g}"
    head = f" {kind:<2} {'BND':<8}" if kind else f"    {'RHS':<8}"
    return f"{head}  {name:<8}{tail}"


def write_mps(path: Path, model: MatrixModel, check: Callable[[], None] = _no_check) -> None:
    """Write ``model`` as an MPS file (columns ``c0 …``, rows ``r0 …``).

    ``check`` is called between chunks of entries (it raises to stop).
    """
    n_rows, n_cols = model.matrix.shape
    inf = np.inf
    kinds = np.where(model.row_low == model.row_up, "E", np.where(model.row_low <= -inf, "L", "G"))
    rhs = np.where(kinds == "G", model.row_low, model.row_up)
    row_names = np.char.add("r", np.arange(n_rows).astype(str))
    col_names = np.char.add("c", np.arange(n_cols).astype(str))
    csc = sp.vstack((sp.csr_matrix(model.cost[None, :]), model.matrix), format="csc")
    csc.eliminate_zeros()
    entry_rows = np.concatenate((["obj"], row_names))[csc.indices]
    entry_cols = np.repeat(np.arange(n_cols), np.diff(csc.indptr))
    split = int(csc.indptr[model.n_int])
    with path.open("w", encoding="ascii") as out:
        out.write("NAME model\nROWS\n N obj\n")
        out.write("".join(f" {k} {r}\n" for k, r in zip(kinds, row_names, strict=True)))
        out.write("COLUMNS\n M1 'MARKER' 'INTORG'\n")
        _write_entries(
            out, col_names[entry_cols[:split]], entry_rows[:split], csc.data[:split], check
        )
        out.write(" M2 'MARKER' 'INTEND'\n")
        _write_entries(
            out, col_names[entry_cols[split:]], entry_rows[split:], csc.data[split:], check
        )
        out.write("RHS\n")
        nonzero = np.flatnonzero(rhs != 0)
        out.write("".join(_fixed("", row_names[i], float(rhs[i])) + "\n" for i in nonzero))
        out.write("BOUNDS\n")
        lines = []
        for j in range(n_cols):
            low, up = model.col_low[j], model.col_up[j]
            if low == up:
                lines.append(_fixed("FX", col_names[j], float(low)))
                continue
            if low != 0:
                lines.append(
                    _fixed("MI", col_names[j])
                    if low <= -inf
                    else _fixed("LO", col_names[j], float(low))
                )
            if up < inf:
                lines.append(_fixed("UP", col_names[j], float(up)))
        out.write("\n".join(lines) + "\nENDATA\n")


def _write_start(path: Path, ones: NDArray[np.int64]) -> None:
    lines = ["Stopped on time - objective value 0"]
    lines += [f"{i} c{j} 1 0" for i, j in enumerate(np.asarray(ones, dtype=np.int64))]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def _read_solution(path: Path, n_int: int) -> tuple[str, NDArray[np.int64] | None]:
    """CBC's status word and the integer columns at 1 (``None`` when it found no solution)."""
    text = path.read_text(encoding="ascii", errors="replace").splitlines()
    words = text[0].split() if text else []
    status = words[0] if words else ""
    if not (status == "Optimal" or (len(words) >= 5 and words[4] == "objective")):
        return status, None
    ones: list[int] = []
    for line in text[1:]:
        parts = line.split()
        if parts and parts[0] == "**":
            parts = parts[1:]
        if len(parts) >= 3 and parts[1].startswith("c") and float(parts[2]) > 0.5:
            column = int(parts[1][1:])
            if column < n_int:
                ones.append(column)
    return status, np.array(sorted(ones), dtype=np.int64)


def _report(t0: float, budget: float, status: str, ones: object, stopped: bool) -> SolveReport:
    optimal = status == "Optimal"
    words = STATUS_OPTIMAL if optimal else STATUS_TIME_LIMIT if ones is not None else None
    return SolveReport(
        solver="cbc",
        status=words or STATUS_GREEDY_KEPT,
        optimal=optimal,
        has_solution=ones is not None,
        run_s=time.perf_counter() - t0,
        budget_s=budget,
        gap=0.0 if optimal else None,
        stopped=stopped,
    )


def solve_matrix_cbc(
    model: MatrixModel,
    *,
    start: NDArray[np.int64] | None,
    deadline: float,
    rules: bool,
) -> tuple[NDArray[np.int64] | None, SolveReport]:
    """Solve ``model`` with CBC until ``deadline`` at the latest.

    Parameters
    ----------
    model
        The MIP.
    start
        Integer columns at 1 in a known solution (the greedy answer).
    deadline
        :func:`time.perf_counter` time by which the solve should end.
    rules
        The model carries quota or spacing rows (infeasibility is then theirs).

    Returns
    -------
    tuple
        The integer columns at 1 (``None`` when CBC was stopped without a
        solution: the start then stands) and the report.

    Raises
    ------
    SitingError
        When the rules leave no solution, or CBC fails.
    JobCancelledError
        When the planner cancelled the run.
    """
    t0 = time.perf_counter()
    budget = max(deadline - t0, MIN_SOLVE_S)
    with pulp4_notices_off():
        cbc = pulp.PULP_CBC_CMD(msg=False)
    if not cbc.executable(cbc.path):
        raise SitingError(code="solver.failed", params={"solver": "CBC", "status": cbc.path})

    def check() -> None:
        if cancel_requested():
            raise JobCancelledError
        if time.perf_counter() >= deadline:
            raise _OutOfTimeError

    with tempfile.TemporaryDirectory(prefix="cbc-") as tmp:
        mps, sol, mst = Path(tmp) / "m.mps", Path(tmp) / "m.sol", Path(tmp) / "m.mst"
        try:
            write_mps(mps, model, check)
        except _OutOfTimeError:
            # No time left to solve: the start stands, and the notes say so.
            return None, _report(t0, budget, "", None, stopped=True)
        args = [str(cbc.path), str(mps)]
        if start is not None and len(start):
            _write_start(mst, start)
            args += ["-mips", str(mst)]
        seconds = cbc_budget(deadline)
        args += ["-sec", f"{seconds:.2f}", "-timeMode", "elapsed", "-solve", "-solution", str(sol)]
        kill_at = deadline - max(deadline - time.perf_counter(), 0.0) * CBC_READ_SHARE
        code = run_cbc_process(args, max(kill_at, time.perf_counter() + MIN_SOLVE_S))
        if code is None:
            return None, _report(t0, budget, "", None, stopped=True)
        if code != 0 or not sol.exists():
            raise SitingError(code="solver.failed", params={"solver": "CBC", "status": code})
        status, ones = _read_solution(sol, model.n_int)
    if status == "Infeasible" and rules:
        raise SitingError(code="siting.infeasible")
    return ones, _report(t0, budget, status, ones, stopped=False)
