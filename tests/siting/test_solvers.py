"""The MIP solvers (HiGHS, CBC), their time limit, and the p-median's sizing."""

from __future__ import annotations

import time

import numpy as np
import pytest

from geo_app.errors import SitingError
from geo_app.siting.constraints import SiteConstraints
from geo_app.siting.models import MaximalCovering, PMedian
from geo_app.siting.run import SitingInputs
from geo_app.siting.sizing import size_pmedian, thin_sites
from geo_app.siting.solvers import SOLVERS, note_in, solver_note
from tests.siting.conftest import MakeProblem


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_small_instance_is_solved_to_optimality_by_each_solver(
    make_problem: MakeProblem, solver: str
) -> None:
    p = make_problem(3, n_demand=60, n_sites=12)
    result = MaximalCovering(p, 3, solver=solver, time_limit_s=30).solve().result_
    assert result is not None
    assert result.status == "optimal" and result.optimal
    assert result.engine.endswith({"highs": "HiGHS", "cbc": "CBC"}[solver])
    assert any(n.startswith({"highs": "HiGHS ran", "cbc": "CBC ran"}[solver]) for n in result.notes)


def test_both_solvers_agree_on_the_optimum(make_problem: MakeProblem) -> None:
    p = make_problem(11, n_demand=200, n_sites=30, radius_m=1500.0)
    got = {s: MaximalCovering(p, 4, solver=s, warm_start=False).solve().result_ for s in SOLVERS}
    highs, cbc = got["highs"], got["cbc"]
    assert highs is not None and cbc is not None
    assert highs.covered_after == pytest.approx(cbc.covered_after)


@pytest.mark.parametrize(
    "rules",
    [SiteConstraints(), SiteConstraints(min_spacing_m=2500.0), SiteConstraints(quotas={"D0": 1})],
)
def test_highs_given_matrices_finds_the_same_optimum_under_the_rules(
    make_problem: MakeProblem, rules: SiteConstraints
) -> None:
    """Large instances go to HiGHS as matrices; forced here on a small one."""
    p = make_problem(12, n_demand=300, n_sites=25, n_existing=2, radius_m=1500.0)
    direct = (
        MaximalCovering(p, 4, constraints=rules, spopt_max_cells=0, solver="highs").solve().result_
    )
    cbc = MaximalCovering(p, 4, constraints=rules, solver="cbc").solve().result_
    assert direct is not None and cbc is not None
    assert direct.engine == "sparse MCLP + HiGHS"
    assert direct.optimal
    assert direct.covered_after == pytest.approx(cbc.covered_after)


def test_a_spent_budget_stops_highs_at_the_time_limit_with_the_greedy_answer(
    make_problem: MakeProblem,
) -> None:
    """The run's deadline has passed: HiGHS gets its minimum slot and says so."""
    p = make_problem(5, n_demand=20_000, n_sites=1_500, radius_m=1200.0)
    model = MaximalCovering(p, 40, time_limit_s=1.0, solver="highs", deadline=time.perf_counter())
    t0 = time.perf_counter()
    result = model.solve().result_
    assert result is not None
    if result.optimal:
        # On a busy machine one interior-point pass can run past the slot
        # (HiGHS reads its limit only between iterations) and prove the
        # optimum; the notes must then say that the budget was overrun.
        assert any("overran its budget" in n for n in result.notes), result.notes
    else:
        assert result.status.startswith("time limit reached")
    assert "HiGHS" in result.engine
    ran = [n for n in result.notes if n.startswith("HiGHS ran")]
    assert ran and "of its 0.2 s budget" in ran[0]
    # The run ended past its deadline, and the notes say why: the model's building,
    # or (on a busy machine) HiGHS's own hand-over running past its slot.
    assert any(
        n.startswith("Building the model took") or "overran its budget" in n for n in result.notes
    )
    # The instance takes HiGHS far longer than its slot to solve: it was stopped
    # (or, past its slot on a busy machine, it ended in seconds all the same).
    assert time.perf_counter() - t0 < 30


def test_a_spent_budget_stops_cbc_at_the_time_limit(make_problem: MakeProblem) -> None:
    """CBC is stopped (killed if need be) shortly after its slot; the greedy start stands."""
    p = make_problem(5, n_demand=20_000, n_sites=1_500, radius_m=1200.0)
    model = MaximalCovering(p, 40, time_limit_s=5.0, solver="cbc", deadline=time.perf_counter())
    result = model.solve().result_
    assert result is not None
    assert result.status.startswith("time limit reached")
    assert result.engine.endswith("CBC")
    assert any(n.startswith("CBC ran") for n in result.notes)


def test_auto_picks_the_better_solver_per_model(make_problem: MakeProblem) -> None:
    p = make_problem(2, n_demand=60, n_sites=12)
    assert "auto" in SOLVERS
    mclp, pmedian = MaximalCovering(p, 2).solve().result_, PMedian(p, 2).solve().result_
    assert mclp is not None and mclp.engine.endswith("CBC")
    assert pmedian is not None and pmedian.engine.endswith("HiGHS")


def test_an_unknown_solver_is_refused() -> None:
    with pytest.raises(SitingError) as info:
        SitingInputs(city="漯河市", category="community", solver="gurobi")
    assert info.value.code == "solver.unknown"
    assert SitingInputs(city="漯河市", category="community").solver == "auto"


def test_solver_is_kept_in_the_inputs_of_a_session() -> None:
    inputs = SitingInputs(city="漯河市", category="community", solver="cbc")
    assert SitingInputs.from_dict(inputs.to_dict()).solver == "cbc"


def test_pmedian_above_the_cap_is_sized_and_says_so(make_problem: MakeProblem) -> None:
    p = make_problem(7, n_demand=3_000, n_sites=400, radius_m=1500.0)
    assert p.n_demand * p.n_sites > 20_000
    result = PMedian(p, 5, max_assignments=20_000, time_limit_s=20).solve().result_
    assert result is not None
    assert len(result.sites) == 5
    sized = [n for n in result.notes if n.startswith("p-median sized to fit 20,000")]
    assert sized, result.notes
    assert "evaluated on the full grid" in sized[0]
    assert not result.optimal  # an optimum of the reduced instance only
    # The objective is the mean distance on the full-resolution demand.
    assert result.objective == pytest.approx(result.mean_distance_after_m)
    zh = note_in(sized[0], "zh")
    assert zh is not None and "20,000" in zh and "分配变量" in zh


def test_pmedian_within_the_cap_is_not_reduced(make_problem: MakeProblem) -> None:
    p = make_problem(8, n_demand=50, n_sites=10)
    result = PMedian(p, 2).solve().result_
    assert result is not None
    assert result.optimal
    assert not any(n.startswith("p-median") for n in result.notes)


def test_sizing_fits_the_cap_and_keeps_enough_candidates(make_problem: MakeProblem) -> None:
    p = make_problem(9, n_demand=5_000, n_sites=900, n_existing=4)
    sized = size_pmedian(p, 30, 10_000)
    assert sized.assignments <= 10_000
    assert sized.problem.n_sites >= 30
    assert sized.reduced
    assert set(sized.kept.tolist()) <= set(range(p.n_sites))
    assert sized.problem.demand_weight.sum() == pytest.approx(p.demand_weight.sum())


def test_thinning_keeps_one_candidate_per_cell() -> None:
    from geo_app.siting.problem import SitingProblem

    xy = np.array([[0, 0], [10, 0], [20, 0], [900, 0], [1500, 0]], dtype=float)
    p = SitingProblem.from_arrays(np.zeros((1, 2)), np.ones(1), xy, radius_m=1.0)
    assert thin_sites(p, 1000).tolist() == [2, 4]  # nearest to (232.5, 0); the lone one


def test_an_instance_that_cannot_fit_is_refused(make_problem: MakeProblem) -> None:
    p = make_problem(4, n_demand=400, n_sites=50, n_existing=30)
    with pytest.raises(SitingError) as info:
        size_pmedian(p, 5, 10)
    assert info.value.code == "siting.too_many_assignments"


def test_solver_notes_round_trip_through_the_catalogue() -> None:
    note = solver_note("solver.note.overran_cbc", solver="CBC", seconds="31.0")
    assert note_in(note, "en") == note
    assert (
        note_in(note, "zh")
        == "CBC 超出时限 31.0 秒:它只在阶段之间检查时限,首个 LP 求解中途无法停止。"
    )
