"""Shrink a covering instance without changing its optimum.

Demand already within reach of an open carrier adds the same weight to every
solution, and demand no candidate reaches adds nothing: both leave the model
and the first becomes a constant. Demand points reached by exactly the same
set of candidates behave as one point, so they are merged and their weights
summed. A 250 m grid under 1 km candidate spacing typically shrinks several
fold; the optimum and every solution's objective are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from geo_app.siting.problem import SitingProblem

__all__ = ["CoverInstance", "reduce_coverage"]


@dataclass(frozen=True)
class CoverInstance:
    """The reduced maximum-coverage instance.

    Parameters
    ----------
    a
        Boolean CSR (rows × candidates): merged demand rows reached by each site.
    w
        Weight of each merged row.
    base
        Weight already covered by open carriers.
    rep
        A member demand point of each merged row (index into the problem).
    full
        The unreduced demand × candidate coverage (CSR).
    covered0
        Demand points already covered by open carriers.
    """

    a: sp.csr_matrix
    w: NDArray[np.float64]
    base: float
    rep: NDArray[np.int64]
    full: sp.csr_matrix
    covered0: NDArray[np.bool_]

    @property
    def n_rows(self) -> int:
        """Number of merged demand rows."""
        return int(self.a.shape[0])

    def value(self, selected: NDArray[np.int64]) -> float:
        """Covered weight (open carriers plus ``selected``)."""
        if not len(selected):
            return self.base
        hit = np.asarray(self.a[:, np.asarray(selected)].sum(axis=1)).ravel() > 0
        return self.base + float(self.w[hit].sum())


def _row_hashes(a: sp.csr_matrix, seed: int) -> NDArray[np.uint64]:
    rng = np.random.default_rng(seed)
    keys = rng.integers(1, np.iinfo(np.int64).max, size=a.shape[1], dtype=np.int64).astype(
        np.uint64
    )
    vals = keys[a.indices]
    with np.errstate(over="ignore"):
        return np.add.reduceat(vals, a.indptr[:-1]).astype(np.uint64)


def reduce_coverage(problem: SitingProblem, full: sp.csr_matrix | None = None) -> CoverInstance:
    """Drop constant and unreachable demand and merge identical rows.

    Parameters
    ----------
    problem
        The instance.
    full
        Its coverage matrix, if already built.

    Returns
    -------
    CoverInstance
    """
    full = problem.site_coverage() if full is None else full
    covered0 = problem.covered_by_existing()
    w = problem.demand_weight
    base = float(w[covered0].sum())
    nnz = np.diff(full.indptr)
    keep = np.flatnonzero(~covered0 & (nnz > 0) & (w > 0))
    sub = full[keep]
    sub.sort_indices()
    if not len(keep):
        empty = sp.csr_matrix((0, problem.n_sites), dtype=bool)
        return CoverInstance(empty, np.empty(0), base, np.empty(0, np.int64), full, covered0)
    # Two independent 64-bit sums of random column keys plus the row length:
    # different candidate sets collide with probability ~1e-38.
    key = np.column_stack(
        (_row_hashes(sub, 11), _row_hashes(sub, 29), np.diff(sub.indptr).astype(np.uint64))
    )
    _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    order = np.argsort(first, kind="stable")  # keep rows in the order they first appear
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    groups = rank[inverse]
    merged_w = np.bincount(groups, weights=w[keep], minlength=len(first))
    a = sub[np.sort(first)]
    return CoverInstance(
        a=sp.csr_matrix(a, dtype=bool),
        w=np.asarray(merged_w, dtype=np.float64),
        base=base,
        rep=keep[np.sort(first)],
        full=full,
        covered0=covered0,
    )
