"""Site selection: where the carriers the plans still need should go.

Configure a model with an instance (:class:`SitingProblem`), call
``solve()``, read ``result_``; save and reopen the whole session with
:mod:`geo_app.siting.session`. Nothing here imports Streamlit.
"""

from __future__ import annotations

from geo_app.siting.candidates import (
    DEFAULT_CANDIDATE_SPACING_M,
    candidate_sites,
    h3_candidate_sites,
)
from geo_app.siting.constraints import SiteConstraints, check_selection
from geo_app.siting.models import MODELS, GreedyCovering, MaximalCovering, PMedian, SitingModel
from geo_app.siting.problem import SitingProblem, aggregate_demand, coverage_matrix
from geo_app.siting.result import SitingResult, build_result
from geo_app.siting.run import SitingInputs, default_n_new, plan_quotas, run_siting
from geo_app.siting.session import SitingSession, data_version, read_session, write_session
from geo_app.siting.sizing import size_pmedian
from geo_app.siting.solvers import DEFAULT_SOLVER, SOLVERS

__all__ = [
    "DEFAULT_CANDIDATE_SPACING_M",
    "DEFAULT_SOLVER",
    "MODELS",
    "SOLVERS",
    "GreedyCovering",
    "MaximalCovering",
    "PMedian",
    "SiteConstraints",
    "SitingInputs",
    "SitingModel",
    "SitingProblem",
    "SitingResult",
    "SitingSession",
    "aggregate_demand",
    "build_result",
    "candidate_sites",
    "check_selection",
    "coverage_matrix",
    "data_version",
    "default_n_new",
    "h3_candidate_sites",
    "plan_quotas",
    "read_session",
    "run_siting",
    "size_pmedian",
    "write_session",
]
