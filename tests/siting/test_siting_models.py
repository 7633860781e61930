"""The models against brute-force enumeration on small instances."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geo_app.errors import GeoAppError
from geo_app.siting import (
    GreedyCovering,
    MaximalCovering,
    PMedian,
    SiteConstraints,
    check_selection,
)
from tests.siting.conftest import coverage_of, feasible_sets, mean_distance_of

INSTANCES = [
    pytest.param({"seed": 1, "k": 1}, id="k1"),
    pytest.param({"seed": 2, "k": 2}, id="k2"),
    pytest.param({"seed": 3, "k": 3, "n_existing": 2}, id="k3-2open"),
    pytest.param({"seed": 4, "k": 3, "n_existing": 1, "radius_m": 1800.0}, id="k3-1open-r1.8"),
    pytest.param({"seed": 5, "k": 4, "n_existing": 3, "n_sites": 10}, id="k4-3open"),
]

RULES = [
    pytest.param(SiteConstraints(), id="no-rules"),
    pytest.param(SiteConstraints(min_spacing_m=3000.0), id="spacing-3km"),
    pytest.param(SiteConstraints(quotas={"D0": 1}), id="quota-D0-1"),
    pytest.param(SiteConstraints(min_spacing_m=2000.0, quotas={"D1": 1}), id="spacing+quota"),
]


def _case(make_problem, case):  # type: ignore[no-untyped-def]
    params = {k: v for k, v in case.items() if k not in ("seed", "k")}
    return make_problem(case["seed"], **params), case["k"]


@pytest.mark.parametrize("case", INSTANCES)
@pytest.mark.parametrize("rules", RULES)
def test_mclp_equals_brute_force(make_problem, case, rules) -> None:  # type: ignore[no-untyped-def]
    problem, k = _case(make_problem, case)
    combos = feasible_sets(problem, k, rules.min_spacing_m, dict(rules.quotas))
    if not combos:
        with pytest.raises(GeoAppError):
            MaximalCovering(problem, k, constraints=rules).solve()
        return
    best = max(coverage_of(problem, c) for c in combos)
    for warm in (True, False):
        model = MaximalCovering(problem, k, constraints=rules, warm_start=warm).solve()
        assert model.result_ is not None
        assert model.result_.covered_after == pytest.approx(best)
        assert model.result_.optimal
        assert check_selection(problem, model.selected_, rules) == []


@pytest.mark.parametrize("case", INSTANCES)
def test_mclp_sparse_builder_equals_spopt(make_problem, case) -> None:  # type: ignore[no-untyped-def]
    problem, k = _case(make_problem, case)
    spopt = MaximalCovering(problem, k, warm_start=False).solve().result_
    assert spopt is not None and spopt.engine.startswith("spopt")
    # The sparse form goes to either solver as matrices.
    for solver, engine in (("highs", "sparse MCLP + HiGHS"), ("cbc", "sparse MCLP + CBC")):
        sparse = (
            MaximalCovering(problem, k, warm_start=False, spopt_max_cells=0, solver=solver)
            .solve()
            .result_
        )
        assert sparse is not None and sparse.engine == engine
        assert sparse.covered_after == pytest.approx(spopt.covered_after)


@pytest.mark.parametrize("case", INSTANCES)
@pytest.mark.parametrize("rules", RULES)
def test_pmedian_equals_brute_force(make_problem, case, rules) -> None:  # type: ignore[no-untyped-def]
    problem, k = _case(make_problem, case)
    combos = feasible_sets(problem, k, rules.min_spacing_m, dict(rules.quotas))
    if not combos:
        return
    best = min(mean_distance_of(problem, c) for c in combos)
    model = PMedian(problem, k, constraints=rules).solve()
    assert model.result_ is not None
    assert model.result_.objective == pytest.approx(best, rel=1e-6)
    assert model.result_.mean_distance_after_m == pytest.approx(best, rel=1e-6)
    assert check_selection(problem, model.selected_, rules) == []


@pytest.mark.parametrize("case", INSTANCES)
@pytest.mark.parametrize("swaps", [False, True], ids=["plain", "swaps"])
def test_greedy_within_guarantee(make_problem, case, swaps) -> None:  # type: ignore[no-untyped-def]
    problem, k = _case(make_problem, case)
    base = coverage_of(problem, ())
    best = max(coverage_of(problem, c) for c in feasible_sets(problem, k))
    model = GreedyCovering(problem, k, swaps=swaps).solve()
    result = model.result_
    assert result is not None
    # The guarantee is on the gain over the open carriers (and so on the total).
    assert result.covered_after - base >= (1 - 1 / math.e) * (best - base) - 1e-9
    assert result.upper_bound is not None and result.upper_bound >= best - 1e-6
    assert result.bound_source == "LP relaxation"


@pytest.mark.parametrize("case", INSTANCES)
@pytest.mark.parametrize("rules", RULES)
def test_greedy_keeps_rules(make_problem, case, rules) -> None:  # type: ignore[no-untyped-def]
    problem, k = _case(make_problem, case)
    if not feasible_sets(problem, k, rules.min_spacing_m, dict(rules.quotas)):
        return
    try:
        model = GreedyCovering(problem, k, constraints=rules).solve()
    except GeoAppError:
        # Greedy may paint itself into a corner under spacing; it must say so.
        assert rules.min_spacing_m > 0
        return
    assert check_selection(problem, model.selected_, rules) == []


@pytest.mark.parametrize("model_cls", [MaximalCovering, PMedian, GreedyCovering])
def test_open_carriers_always_kept(make_problem, model_cls) -> None:  # type: ignore[no-untyped-def]
    problem = make_problem(7, n_existing=3)
    result = model_cls(problem, 2).solve().result_
    assert result.n_existing == 3
    assert result.covered_before == pytest.approx(coverage_of(problem, ()))
    assert result.covered_after >= result.covered_before
    chosen = tuple(problem.site_ids.index(s) for s in result.sites["site_id"])
    assert result.covered_after == pytest.approx(coverage_of(problem, chosen))
    assert result.mean_distance_after_m == pytest.approx(mean_distance_of(problem, chosen))


def test_sites_ranked_by_marginal_gain(make_problem) -> None:  # type: ignore[no-untyped-def]
    problem = make_problem(8, n_sites=12, n_existing=1)
    result = MaximalCovering(problem, 4).solve().result_
    assert result is not None
    gains = result.sites["newly_covered"].to_numpy()
    assert (np.diff(gains) <= 1e-9).all()
    assert gains.sum() == pytest.approx(result.added)
    assert result.districts["added"].sum() == pytest.approx(result.added)
    assert result.districts["new_sites"].sum() == 4


def test_too_few_sites_is_an_error(make_problem) -> None:  # type: ignore[no-untyped-def]
    problem = make_problem(9, n_sites=3)
    with pytest.raises(GeoAppError, match="only 3 candidate"):
        GreedyCovering(problem, 4).solve()
    with pytest.raises(GeoAppError, match="quotas allow at most"):
        MaximalCovering(problem, 2, constraints=SiteConstraints(quotas={"D0": 0, "D1": 1})).solve()
