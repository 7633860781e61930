"""The frozen outcome of one site-selection run.

Whatever model chose the sites, the result is evaluated the same way on the
full instance: the sites are ranked by marginal gain (each adds the demand
not yet within reach of an open carrier or of a higher-ranked site), and
coverage is reported per district before and after.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from geo_app.errors import SitingError
from geo_app.siting.problem import SitingProblem

__all__ = ["DISTRICT_COLUMNS", "SITE_COLUMNS", "SitingResult", "build_result", "mean_distance"]

#: Columns of :attr:`SitingResult.sites`.
SITE_COLUMNS: tuple[str, ...] = (
    "rank",
    "site_id",
    "district",
    "newly_covered",
    "cumulative_covered",
    "lon",
    "lat",
)

#: Columns of :attr:`SitingResult.districts`.
DISTRICT_COLUMNS: tuple[str, ...] = (
    "district",
    "demand",
    "covered_before",
    "covered_after",
    "added",
    "share_before",
    "share_after",
    "new_sites",
)

_SCALARS = (
    "model",
    "engine",
    "status",
    "optimal",
    "solve_time_s",
    "objective",
    "objective_label",
    "n_new",
    "n_existing",
    "n_candidates",
    "radius_m",
    "demand",
    "total_demand",
    "covered_before",
    "covered_after",
    "mean_distance_before_m",
    "mean_distance_after_m",
    "upper_bound",
    "bound_source",
    "gap_to_bound",
)


_MODEL_ZH = {"mclp": "最大覆盖模型", "pmedian": "P 中值模型", "greedy": "贪心启发式"}
_STATUS_ZH = {
    "optimal": "已证明最优",
    "time limit reached: best solution found": "达到求解时限,取已找到的最好解",
    "time limit reached: greedy start kept": "达到求解时限,保留贪心初始解",
    "heuristic": "启发式解",
}
_BOUND_ZH = {"LP relaxation": "LP 松弛上界", "submodular bound": "次模上界"}


@dataclass(frozen=True)
class SitingResult:
    """Proposed sites and what they add.

    Parameters
    ----------
    model
        ``"mclp"``, ``"pmedian"`` or ``"greedy"``.
    engine
        What solved it, the solver last (e.g. ``"spopt.MCLP + HiGHS"``).
    status
        Solver status in words (``"optimal"``, ``"time limit: best found"`` …).
    optimal
        True when the model's optimum is proven.
    solve_time_s
        Wall time of the solve, seconds.
    objective
        The model's own objective: covered demand (mclp, greedy) or mean
        distance to the nearest carrier in metres (pmedian).
    objective_label
        What ``objective`` measures.
    n_new, n_existing, n_candidates
        New sites, carriers kept open, candidate sites considered.
    radius_m
        Service radius, metres.
    demand
        ``"population"`` (people) or ``"area"`` (km²).
    total_demand, covered_before, covered_after
        Demand in the city, and within reach before and after.
    mean_distance_before_m, mean_distance_after_m
        Demand-weighted mean distance to the nearest carrier (before is
        ``None`` when no carrier was open).
    upper_bound, bound_source, gap_to_bound
        For greedy: an upper bound on the best coverage, where it comes from
        (``"LP relaxation"`` or ``"submodular bound"``), and
        ``1 - objective / bound``, the most the answer can fall short by.
    sites
        One row per new site, columns :data:`SITE_COLUMNS`, best first.
    districts
        Coverage per district, columns :data:`DISTRICT_COLUMNS`.
    notes
        Anything the planner should read beside the numbers.
    """

    model: str
    engine: str
    status: str
    optimal: bool
    solve_time_s: float
    objective: float
    objective_label: str
    n_new: int
    n_existing: int
    n_candidates: int
    radius_m: float
    demand: str
    total_demand: float
    covered_before: float
    covered_after: float
    mean_distance_before_m: float | None
    mean_distance_after_m: float | None
    upper_bound: float | None
    bound_source: str | None
    gap_to_bound: float | None
    sites: pd.DataFrame
    districts: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def added(self) -> float:
        """Demand newly within reach thanks to the new sites."""
        return self.covered_after - self.covered_before

    def same_answer(self, other: SitingResult, *, rtol: float = 1e-9) -> bool:
        """True when ``other`` proposes the same ranked sites with the same figures.

        Timings are ignored; floats are compared with relative tolerance ``rtol``.
        """
        if (self.model, self.n_new, self.n_existing, self.n_candidates) != (
            other.model,
            other.n_new,
            other.n_existing,
            other.n_candidates,
        ):
            return False
        if list(self.sites["site_id"]) != list(other.sites["site_id"]):
            return False
        mine = [self.objective, self.covered_before, self.covered_after]
        theirs = [other.objective, other.covered_before, other.covered_after]
        if not np.allclose(mine, theirs, rtol=rtol, atol=0.0):
            return False
        cols = ["newly_covered", "lon", "lat"]
        return bool(
            np.allclose(
                self.sites[cols].to_numpy(float), other.sites[cols].to_numpy(float), rtol=rtol
            )
            and np.allclose(
                self.districts[["covered_before", "covered_after"]].to_numpy(float),
                other.districts[["covered_before", "covered_after"]].to_numpy(float),
                rtol=rtol,
            )
        )

    def sites_gdf(self) -> gpd.GeoDataFrame:
        """The new sites as EPSG:4326 points."""
        return gpd.GeoDataFrame(
            self.sites.copy(),
            geometry=shapely.points(self.sites["lon"].to_numpy(), self.sites["lat"].to_numpy()),
            crs=4326,
        )

    def summary(self, lang: str = "en") -> str:
        """One paragraph a planner can read, in ``"en"`` or ``"zh"``."""
        if lang == "zh":
            return self._summary_zh()
        unit = "residents" if self.demand == "population" else "km²"
        text = (
            f"{self.model} ({self.engine}): {self.n_new} new sites, status {self.status}, "
            f"{self.solve_time_s:.1f} s. Within {self.radius_m / 1000:g} km: "
            f"{self.covered_before:,.0f} → {self.covered_after:,.0f} {unit} "
            f"(+{self.added:,.0f}; {self.covered_after / self.total_demand:.1%} of "
            f"{self.total_demand:,.0f})."
            if self.total_demand > 0
            else f"{self.model}: no demand in the area."
        )
        if self.mean_distance_after_m is not None:
            text += f" Mean distance to the nearest carrier: {self._distance_change()} km."
        if self.gap_to_bound is not None:
            text += f" Gap to the {self.bound_source}: at most {self.gap_to_bound:.2%}."
        return text

    def _distance_change(self) -> str:
        """Mean distance to the nearest carrier, before → after, in km."""
        after = f"{(self.mean_distance_after_m or 0.0) / 1000:.2f}"
        if self.mean_distance_before_m is None:
            return after
        return f"{self.mean_distance_before_m / 1000:.2f} → {after}"

    def _summary_zh(self) -> str:
        model = _MODEL_ZH.get(self.model, self.model)
        status = _STATUS_ZH.get(self.status, self.status)
        if self.total_demand <= 0:
            return f"{model}:区域内没有需求。"
        unit = "人" if self.demand == "population" else "km²"
        text = (
            f"{model}({self.engine}):新增 {self.n_new} 处选址,{status},用时 "
            f"{self.solve_time_s:.1f} 秒。{self.radius_m / 1000:g} 公里服务半径内:"
            f"{self.covered_before:,.0f} → {self.covered_after:,.0f} {unit}"
            f"(+{self.added:,.0f};占 {self.total_demand:,.0f} 的 "
            f"{self.covered_after / self.total_demand:.1%})。"
        )
        if self.mean_distance_after_m is not None:
            text += f"至最近载体的平均距离:{self._distance_change()} 公里。"
        if self.gap_to_bound is not None:
            source = _BOUND_ZH.get(str(self.bound_source), str(self.bound_source))
            text += f"与{source}的差距至多 {self.gap_to_bound:.2%}。"
        return text

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready form (session files)."""
        data = {k: v for k, v in asdict(self).items() if k in _SCALARS}
        data["sites"] = _records(self.sites)
        data["districts"] = _records(self.districts)
        data["notes"] = list(self.notes)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SitingResult:
        """Inverse of :meth:`to_dict`."""
        try:
            scalars = {k: data[k] for k in _SCALARS}
            sites = pd.DataFrame(data["sites"], columns=list(SITE_COLUMNS))
            districts = pd.DataFrame(data["districts"], columns=list(DISTRICT_COLUMNS))
        except (KeyError, TypeError, ValueError) as err:
            raise SitingError(code="siting.result_incomplete", params={"detail": err}) from err
        notes = data.get("notes") or []
        return cls(
            **scalars,  # type: ignore[arg-type]
            sites=sites,
            districts=districts,
            notes=tuple(str(n) for n in notes),  # type: ignore[attr-defined]
        )


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for row in frame.to_dict(orient="records"):
        out.append({str(k): (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()})
    return out


def _rank(
    full: sp.csr_matrix, w: NDArray[np.float64], covered0: NDArray[np.bool_], sel: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Order ``sel`` by marginal covered weight, largest first."""
    cols = sp.csc_matrix(full[:, sel]) if len(sel) else sp.csc_matrix((len(w), 0))
    covered = covered0.copy()
    left = list(range(len(sel)))
    order: list[int] = []
    gains: list[float] = []
    while left:
        best, best_gain = left[0], -1.0
        for i in left:
            rows = cols.indices[cols.indptr[i] : cols.indptr[i + 1]]
            g = float(w[rows][~covered[rows]].sum())
            if g > best_gain:
                best, best_gain = i, g
        rows = cols.indices[cols.indptr[best] : cols.indptr[best + 1]]
        covered[rows] = True
        order.append(best)
        gains.append(best_gain)
        left.remove(best)
    return sel[np.asarray(order, dtype=np.int64)], np.asarray(gains, dtype=np.float64)


def mean_distance(problem: SitingProblem, xy: NDArray[np.float64]) -> float | None:
    """Demand-weighted mean distance to the nearest of ``xy`` (``None`` without any)."""
    total = float(problem.demand_weight.sum())
    if not len(xy) or total <= 0:
        return None
    dist, _ = cKDTree(xy).query(problem.demand_xy, k=1, workers=-1)
    return float((dist * problem.demand_weight).sum() / total)


def build_result(
    problem: SitingProblem,
    selected: Sequence[int] | NDArray[np.int64],
    *,
    model: str,
    engine: str,
    status: str,
    optimal: bool,
    solve_time_s: float,
    objective: float | None = None,
    upper_bound: float | None = None,
    bound_source: str | None = None,
    full: sp.csr_matrix | None = None,
    notes: Sequence[str] = (),
) -> SitingResult:
    """Evaluate chosen candidates on the full instance.

    Parameters
    ----------
    problem
        The instance.
    selected
        Indices of the chosen candidates.
    model, engine, status, optimal, solve_time_s
        How the sites were chosen.
    objective
        The model's objective; the covered demand when omitted.
    upper_bound, bound_source
        Upper bound on the covered demand and its origin (greedy).
    full
        The instance's coverage matrix, if already built.
    notes
        Sentences shown beside the result.
    """
    sel = np.asarray(selected, dtype=np.int64)
    full = problem.site_coverage() if full is None else full
    w = problem.demand_weight
    covered0 = problem.covered_by_existing()
    ranked, gains = _rank(full, w, covered0, sel)
    after = covered0.copy()
    if len(ranked):
        after |= np.asarray(full[:, ranked].sum(axis=1)).ravel() > 0
    names = np.asarray(problem.district_names, dtype=object)
    n_d = len(names)
    dd = problem.demand_district
    demand_d = np.bincount(dd, weights=w, minlength=n_d)
    before_d = np.bincount(dd, weights=w * covered0, minlength=n_d)
    after_d = np.bincount(dd, weights=w * after, minlength=n_d)
    new_d = np.bincount(problem.site_district[ranked], minlength=n_d)
    districts = pd.DataFrame(
        {
            "district": names,
            "demand": demand_d,
            "covered_before": before_d,
            "covered_after": after_d,
            "added": after_d - before_d,
            "share_before": np.divide(before_d, demand_d, out=np.zeros(n_d), where=demand_d > 0),
            "share_after": np.divide(after_d, demand_d, out=np.zeros(n_d), where=demand_d > 0),
            "new_sites": new_d.astype(np.int64),
        }
    )
    lonlat = problem.sites_to_wgs84(ranked) if len(ranked) else np.empty((0, 2))
    sites = pd.DataFrame(
        {
            "rank": np.arange(1, len(ranked) + 1, dtype=np.int64),
            "site_id": [problem.site_ids[i] for i in ranked],
            "district": names[problem.site_district[ranked]] if len(ranked) else [],
            "newly_covered": gains,
            "cumulative_covered": float(w[covered0].sum()) + np.cumsum(gains),
            "lon": np.round(lonlat[:, 0], 7),
            "lat": np.round(lonlat[:, 1], 7),
        },
        columns=list(SITE_COLUMNS),
    )
    before, after_total = float(w[covered0].sum()), float(w[after].sum())
    existing_xy = problem.existing_xy
    all_xy = np.vstack((existing_xy, problem.site_xy[ranked])) if len(ranked) else existing_xy
    mean_after = mean_distance(problem, all_xy)
    gap = None
    if upper_bound is not None and upper_bound > 0:
        gap = max(0.0, 1.0 - after_total / upper_bound)
    return SitingResult(
        model=model,
        engine=engine,
        status=status,
        optimal=bool(optimal),
        solve_time_s=float(solve_time_s),
        objective=after_total if objective is None else float(objective),
        objective_label=(
            "mean distance to the nearest carrier (m)"
            if model == "pmedian"
            else f"{problem.demand} within reach"
        ),
        n_new=len(ranked),
        n_existing=len(existing_xy),
        n_candidates=problem.n_sites,
        radius_m=problem.radius_m,
        demand=problem.demand,
        total_demand=float(w.sum()),
        covered_before=before,
        covered_after=after_total,
        mean_distance_before_m=mean_distance(problem, existing_xy),
        mean_distance_after_m=mean_after,
        upper_bound=upper_bound,
        bound_source=bound_source if upper_bound is not None else None,
        gap_to_bound=gap,
        sites=sites,
        districts=districts,
        notes=tuple(notes),
    )
