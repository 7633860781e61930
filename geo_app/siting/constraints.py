"""Rules every proposed set of sites must keep, whatever the model.

* **Exclusion areas** and **drawn areas** shape the candidate set itself
  (:func:`geo_app.siting.problem.candidate_sites`), so no model can pick a
  site in an excluded area.
* **Minimum spacing**: no two new sites closer than ``min_spacing_m``, and no
  new site closer than that to a carrier already open (a candidate that close
  to an open carrier is dropped before solving, which is the same as the pair
  constraint with the open carrier's variable fixed to 1).
* **Per-district quotas**: at most ``quota`` new sites in a district (for
  example the per-district allocation of the plan's target).

The integer models add the spacing pairs ``x_j + x_k <= 1`` and the quota
rows ``sum x_j <= q_d`` to the PuLP problem; the greedy heuristic skips a
candidate that would break either rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from geo_app.errors import SitingError
from geo_app.siting.problem import SitingProblem

__all__ = [
    "SiteConstraints",
    "apply_spacing_to_existing",
    "check_selection",
    "quota_limits",
    "spacing_pairs",
]

_NO_LIMIT = np.iinfo(np.int64).max // 4


@dataclass(frozen=True)
class SiteConstraints:
    """Spacing and quotas a planner set.

    Parameters
    ----------
    min_spacing_m
        Minimum distance between two sites (new or open), metres; 0 for none.
    quotas
        Maximum number of new sites per district name; districts not named
        have no limit.

    Examples
    --------
    >>> SiteConstraints(min_spacing_m=2000, quotas={"涧西区": 2}).is_empty
    False
    """

    min_spacing_m: float = 0.0
    quotas: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not np.isfinite(self.min_spacing_m) or self.min_spacing_m < 0:
            raise SitingError(code="siting.spacing_invalid", params={"value": self.min_spacing_m})
        for name, q in self.quotas.items():
            if int(q) != q or q < 0:
                raise SitingError(
                    code="siting.quota_invalid", params={"district": name, "value": q}
                )
        object.__setattr__(
            self, "quotas", MappingProxyType({str(k): int(v) for k, v in self.quotas.items()})
        )

    @property
    def is_empty(self) -> bool:
        """True when neither spacing nor quotas apply."""
        return self.min_spacing_m <= 0 and not self.quotas

    def to_dict(self) -> dict[str, object]:
        """Plain form for a session file."""
        return {"min_spacing_m": self.min_spacing_m, "quotas": dict(self.quotas)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SiteConstraints:
        """Inverse of :meth:`to_dict`."""
        quotas = data.get("quotas") or {}
        if not isinstance(quotas, Mapping):
            raise SitingError(code="siting.quotas_not_mapping")
        spacing = data.get("min_spacing_m", 0.0)
        return cls(
            min_spacing_m=float(spacing),  # type: ignore[arg-type]
            quotas={str(k): int(v) for k, v in quotas.items()},
        )


def spacing_pairs(site_xy: NDArray[np.float64], min_spacing_m: float) -> NDArray[np.int64]:
    """Pairs of candidates closer than ``min_spacing_m`` (shape (k, 2), i < j).

    Examples
    --------
    >>> spacing_pairs(np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 0.0]]), 2.0).tolist()
    [[0, 1]]
    """
    if min_spacing_m <= 0 or len(site_xy) < 2:
        return np.empty((0, 2), dtype=np.int64)
    # "At least s apart" allows exactly s; shrink the query radius a hair.
    pairs = cKDTree(site_xy).query_pairs(min_spacing_m * (1 - 1e-9), output_type="ndarray")
    pairs = np.sort(np.asarray(pairs, dtype=np.int64).reshape(-1, 2), axis=1)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def apply_spacing_to_existing(problem: SitingProblem, min_spacing_m: float) -> SitingProblem:
    """Drop candidates closer than ``min_spacing_m`` to a carrier already open."""
    if min_spacing_m <= 0 or not len(problem.existing_xy) or not problem.n_sites:
        return problem
    dist, _ = cKDTree(problem.existing_xy).query(problem.site_xy, k=1, workers=-1)
    return problem.subset_sites(np.asarray(dist >= min_spacing_m * (1 - 1e-9)))


def quota_limits(problem: SitingProblem, quotas: Mapping[str, int]) -> NDArray[np.int64]:
    """Maximum new sites per district index of ``problem`` (huge when unlimited)."""
    names = list(problem.district_names)
    unknown = sorted(set(quotas) - set(names))
    if unknown:
        raise SitingError(
            code="siting.quota_unknown_district", params={"districts": ", ".join(unknown)}
        )
    limits = np.full(len(names), _NO_LIMIT, dtype=np.int64)
    for name, q in quotas.items():
        limits[names.index(name)] = int(q)
    return limits


def check_selection(
    problem: SitingProblem, selected: NDArray[np.int64], constraints: SiteConstraints
) -> list[str]:
    """Every rule the selected candidates break, in words (empty when none).

    Parameters
    ----------
    problem
        The instance the indices refer to.
    selected
        Indices of the chosen candidates.
    constraints
        The rules to check.
    """
    selected = np.asarray(selected, dtype=np.int64)
    problems: list[str] = []
    if len(np.unique(selected)) != len(selected):
        problems.append("a site is chosen twice")
    s = constraints.min_spacing_m
    if s > 0 and len(selected):
        xy = problem.site_xy[selected]
        close = spacing_pairs(xy, s)
        if len(close):
            problems.append(f"{len(close)} pair(s) of new sites closer than {s:g} m")
        if len(problem.existing_xy):
            d, _ = cKDTree(problem.existing_xy).query(xy, k=1)
            if (d < s * (1 - 1e-9)).any():
                problems.append(f"a new site lies closer than {s:g} m to an open carrier")
    if constraints.quotas:
        limits = quota_limits(problem, constraints.quotas)
        counts = np.bincount(problem.site_district[selected], minlength=len(limits))
        for d in np.flatnonzero(counts > limits):
            problems.append(
                f"{problem.district_names[d]}: {counts[d]} new sites, quota {limits[d]}"
            )
    return problems
