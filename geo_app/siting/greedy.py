"""Lazy greedy maximum coverage and the LP bound that measures its gap.

Coverage of demand by a set of sites, with the open carriers fixed, is a
monotone submodular function of the new sites. Picking, N times, the site
that adds the most still-uncovered demand therefore reaches at least
``1 - (1 - 1/N)^N >= 1 - 1/e ≈ 63.2 %`` of the best possible coverage with N
sites (Nemhauser, Wolsey & Fisher, 1978). With per-district quotas the
feasible sets form a partition matroid and the guarantee becomes 1/2
(Fisher, Nemhauser & Wolsey, 1978); with a minimum spacing there is no
constant-factor guarantee, and the LP bound below is the measure to read.

"Lazy" evaluation (Minoux, 1978): a site's gain can only fall as others are
chosen, so stale gains kept in a heap are upper bounds and only the site on
top is re-evaluated — a few column sums per pick instead of one per site.

The LP relaxation of the covering model (sites and coverage fractional,
same quotas and spacing rows) is solved with HiGHS through
:func:`scipy.optimize.linprog` when the instance is small enough; its value
is an upper bound on the optimum, so ``1 - greedy / bound`` bounds the gap.
For larger instances the cheap data-dependent bound of submodularity is
used instead (:func:`online_bound`): for any set S, the optimum with N sites
is at most f(S) plus the N largest single-site gains with respect to S
(Leskovec et al., 2007); the smallest such value along the greedy path is
reported.

:func:`greedy_median` is the matching start for the p-median: it adds, one
at a time, the site that most lowers the total demand-weighted distance; the
solver (HiGHS or CBC) is warm-started from it.
"""

from __future__ import annotations

import heapq
import time

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.optimize import linprog

from geo_app.errors import SitingError
from geo_app.siting._reduce import CoverInstance
from geo_app.siting.constraints import spacing_pairs

__all__ = [
    "LP_MAX_NONZEROS",
    "greedy_median",
    "improve_by_swaps",
    "lazy_greedy",
    "lp_bound",
    "online_bound",
]

#: Largest reduced coverage matrix (non-zeros) for which the LP bound is computed.
LP_MAX_NONZEROS = 300_000


def lazy_greedy(
    inst: CoverInstance,
    k: int,
    *,
    site_xy: NDArray[np.float64],
    site_district: NDArray[np.int64],
    limits: NDArray[np.int64] | None = None,
    min_spacing_m: float = 0.0,
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Pick ``k`` sites greedily by marginal covered weight.

    Parameters
    ----------
    inst
        The reduced instance (:func:`~geo_app.siting._reduce.reduce_coverage`).
    k
        Number of new sites.
    site_xy, site_district
        Candidate coordinates (metres) and district indices.
    limits
        Maximum new sites per district index; none if omitted.
    min_spacing_m
        Minimum distance between two new sites.

    Returns
    -------
    tuple
        Chosen candidate indices in pick order and the gain of each pick.

    Raises
    ------
    SitingError
        If fewer than ``k`` sites can be placed under the quotas and spacing.
    """
    a = sp.csc_matrix(inst.a)
    w = inst.w
    gains0 = np.asarray(a.T @ w).ravel() if inst.n_rows else np.zeros(a.shape[1])
    heap = [(-float(g), int(j)) for j, g in enumerate(gains0)]
    heapq.heapify(heap)
    covered = np.zeros(inst.n_rows, dtype=bool)
    counts = np.zeros(0 if limits is None else len(limits), dtype=np.int64)
    chosen: list[int] = []
    gains: list[float] = []
    s2 = (min_spacing_m * (1 - 1e-9)) ** 2
    while len(chosen) < k and heap:
        _, j = heapq.heappop(heap)
        if limits is not None and counts[site_district[j]] >= limits[site_district[j]]:
            continue
        if s2 > 0 and chosen:
            d2 = ((site_xy[chosen] - site_xy[j]) ** 2).sum(axis=1)
            if (d2 < s2).any():
                continue
        rows = a.indices[a.indptr[j] : a.indptr[j + 1]]
        gain = float(w[rows][~covered[rows]].sum())
        if heap and gain < -heap[0][0]:
            heapq.heappush(heap, (-gain, j))
            continue
        chosen.append(j)
        gains.append(gain)
        covered[rows] = True
        if limits is not None:
            counts[site_district[j]] += 1
    if len(chosen) < k:
        raise SitingError(code="siting.partial_fit", params={"found": len(chosen), "k": k})
    return np.asarray(chosen, dtype=np.int64), np.asarray(gains, dtype=np.float64)


def _fits(
    j: int,
    kept: list[int],
    site_xy: NDArray[np.float64],
    site_district: NDArray[np.int64],
    limits: NDArray[np.int64] | None,
    s2: float,
) -> bool:
    if limits is not None:
        used = int(np.sum(site_district[kept] == site_district[j])) if kept else 0
        if used >= limits[site_district[j]]:
            return False
    if s2 > 0 and kept:
        return bool((((site_xy[kept] - site_xy[j]) ** 2).sum(axis=1) >= s2).all())
    return True


def improve_by_swaps(
    inst: CoverInstance,
    chosen: NDArray[np.int64],
    *,
    site_xy: NDArray[np.float64],
    site_district: NDArray[np.int64],
    limits: NDArray[np.int64] | None = None,
    min_spacing_m: float = 0.0,
    time_budget_s: float = 5.0,
) -> NDArray[np.int64]:
    """Improve a set of sites by single swaps (Teitz & Bart interchange).

    For each chosen site in turn, the best site to put in its place (under
    the same quotas and spacing) replaces it when that covers more. The
    result never covers less than the input, so the greedy guarantee holds.
    """
    a = sp.csc_matrix(inst.a)
    a_rows = sp.csr_matrix(inst.a, dtype=np.float64)
    w = inst.w
    sel = [int(j) for j in chosen]
    s2 = (min_spacing_m * (1 - 1e-9)) ** 2
    t_end = time.perf_counter() + time_budget_s
    count = np.asarray(a_rows[:, sel].sum(axis=1)).ravel() if sel else np.zeros(inst.n_rows)
    improved = True
    while improved and time.perf_counter() < t_end:
        improved = False
        for pos in range(len(sel)):
            if time.perf_counter() >= t_end:
                break
            j = sel[pos]
            rows_j = a.indices[a.indptr[j] : a.indptr[j + 1]]
            without = count.copy()
            without[rows_j] -= 1
            loss = float(w[rows_j][without[rows_j] == 0].sum())
            gains = np.asarray(a.T @ np.where(without == 0, w, 0.0)).ravel()
            kept = sel[:pos] + sel[pos + 1 :]
            gains[kept] = -1.0
            for c in np.argsort(-gains, kind="stable")[:50]:
                if gains[c] <= loss * (1 + 1e-12) + 1e-9:
                    break
                if _fits(int(c), kept, site_xy, site_district, limits, s2):
                    rows_c = a.indices[a.indptr[c] : a.indptr[c + 1]]
                    without[rows_c] += 1
                    count = without
                    sel[pos] = int(c)
                    improved = True
                    break
    return np.asarray(sel, dtype=np.int64)


def greedy_median(
    cost: NDArray[np.float64],
    w: NDArray[np.float64],
    n_open: int,
    k: int,
    *,
    site_xy: NDArray[np.float64],
    site_district: NDArray[np.int64],
    limits: NDArray[np.int64] | None,
    min_spacing_m: float,
) -> NDArray[np.int64] | None:
    """Add, k times, the candidate that most lowers the total weighted distance.

    ``cost`` is demand × (open carriers, then candidates). Returns candidate
    indices, or ``None`` when the rules leave fewer than ``k`` choices.
    """
    d_sites = cost[:, n_open:]
    current = cost[:, :n_open].min(axis=1) if n_open else np.full(len(cost), np.inf)
    chosen: list[int] = []
    counts = np.zeros(0 if limits is None else len(limits), dtype=np.int64)
    s2 = (min_spacing_m * (1 - 1e-9)) ** 2
    for _ in range(k):
        totals = (np.minimum(current[:, None], d_sites) * w[:, None]).sum(axis=0)
        pick = -1
        for j in np.argsort(totals, kind="stable"):
            if j in chosen:
                continue
            if limits is not None and counts[site_district[j]] >= limits[site_district[j]]:
                continue
            if s2 > 0 and chosen and (((site_xy[chosen] - site_xy[j]) ** 2).sum(axis=1) < s2).any():
                continue
            pick = int(j)
            break
        if pick < 0:
            return None
        chosen.append(pick)
        current = np.minimum(current, d_sites[:, pick])
        if limits is not None:
            counts[site_district[pick]] += 1
    return np.asarray(chosen, dtype=np.int64)


def online_bound(inst: CoverInstance, k: int, chosen: NDArray[np.int64]) -> float:
    """Upper bound on the best coverage with ``k`` new sites, from submodularity.

    For each prefix S of the greedy picks, ``f(S) + (sum of the k largest
    gains over S)`` bounds the unconstrained optimum, hence also the optimum
    under quotas or spacing; the smallest of these is returned.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> from geo_app.siting._reduce import CoverInstance
    >>> a = sp.csr_matrix(np.eye(3, dtype=bool))
    >>> inst = CoverInstance(a, np.array([3.0, 2.0, 1.0]), 0.0, np.arange(3), a, np.zeros(3, bool))
    >>> online_bound(inst, 2, np.array([0, 1]))
    5.0
    """
    if not inst.n_rows:
        return inst.base
    a = sp.csc_matrix(inst.a)
    covered = np.zeros(inst.n_rows, dtype=bool)
    best = np.inf
    for step in range(len(chosen) + 1):
        free = np.where(covered, 0.0, inst.w)
        gains = np.asarray(a.T @ free).ravel()
        top = np.sort(gains)[-k:].sum() if len(gains) else 0.0
        best = min(best, inst.base + float(inst.w[covered].sum()) + float(top))
        if step < len(chosen):
            j = chosen[step]
            covered[a.indices[a.indptr[j] : a.indptr[j + 1]]] = True
    return float(best)


def lp_bound(
    inst: CoverInstance,
    k: int,
    *,
    site_xy: NDArray[np.float64],
    site_district: NDArray[np.int64],
    limits: NDArray[np.int64] | None = None,
    min_spacing_m: float = 0.0,
    max_nonzeros: int = LP_MAX_NONZEROS,
    time_limit_s: float = 30.0,
) -> tuple[float | None, float]:
    """Upper bound on the best coverage with ``k`` new sites (LP relaxation).

    Returns
    -------
    tuple
        The bound (``None`` when the instance is larger than ``max_nonzeros``
        or HiGHS does not finish in ``time_limit_s``) and the seconds spent.
    """
    t0 = time.perf_counter()
    m, r = inst.a.shape[1], inst.n_rows
    if inst.a.nnz > max_nonzeros:
        return None, 0.0
    if r == 0:
        return inst.base, time.perf_counter() - t0
    # Variables: x (m sites) then y (r rows). Rows: y_i - sum_j a_ij x_j <= 0.
    cover = sp.hstack([-sp.csr_matrix(inst.a, dtype=np.float64), sp.identity(r, format="csr")])
    blocks = [cover]
    rhs = [np.zeros(r)]
    if limits is not None:
        used = np.unique(site_district)
        used = used[limits[used] < m]
        if len(used):
            sel = np.flatnonzero(np.isin(site_district, used))
            q = sp.csr_matrix(
                (np.ones(len(sel)), (np.searchsorted(used, site_district[sel]), sel)),
                shape=(len(used), m),
            )
            blocks.append(sp.hstack([q, sp.csr_matrix((len(used), r))]))
            rhs.append(limits[used].astype(np.float64))
    pairs = spacing_pairs(site_xy, min_spacing_m)
    if len(pairs):
        n_p = len(pairs)
        rows = np.repeat(np.arange(n_p), 2)
        p = sp.csr_matrix((np.ones(2 * n_p), (rows, pairs.ravel())), shape=(n_p, m))
        blocks.append(sp.hstack([p, sp.csr_matrix((n_p, r))]))
        rhs.append(np.ones(n_p))
    a_ub = sp.vstack(blocks, format="csr")
    a_eq = sp.hstack([sp.csr_matrix(np.ones((1, m))), sp.csr_matrix((1, r))], format="csr")
    c = np.concatenate((np.zeros(m), -inst.w))
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=np.concatenate(rhs),
        A_eq=a_eq,
        b_eq=np.array([float(k)]),
        bounds=(0.0, 1.0),
        method="highs",
        options={"time_limit": float(time_limit_s), "presolve": True},
    )
    elapsed = time.perf_counter() - t0
    if res.status != 0:
        if res.status == 2:
            raise SitingError(code="siting.no_fit", params={"k": k})
        return None, elapsed
    return inst.base - float(res.fun), elapsed
