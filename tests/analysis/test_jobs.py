"""Work in a worker thread: stages, results, errors and cancels."""

from __future__ import annotations

import threading

import pytest

from geo_app.analysis.jobs import Job, JobCancelledError, cancel_requested, report_stage
from geo_app.errors import AnalysisError


def test_a_job_reports_its_stages_and_result() -> None:
    reached = threading.Event()
    release = threading.Event()

    def work(job: Job) -> int:
        job.stage("one")
        report_stage("two")  # the same job, found from its thread
        reached.set()
        release.wait(5)
        return 42

    job = Job.start(work, stages=("one", "two"))
    assert reached.wait(5)
    state = job.state
    assert (state.status, state.stage, state.step, state.steps) == ("running", "two", 2, 2)
    assert 0 < state.fraction < 1
    release.set()
    assert job.wait(5).done
    assert job.result == 42 and job.error is None and job.state.status == "done"


def test_a_cancelled_job_stops_at_its_next_stage_and_gives_nothing() -> None:
    started = threading.Event()
    seen: list[bool] = []

    def work(job: Job) -> str:
        job.stage("a")
        started.set()
        while not cancel_requested():  # what a solver's callback looks at
            pass
        seen.append(True)
        job.stage("b")  # raises: cancelled
        return "not kept"

    job = Job.start(work, stages=("a", "b"))
    assert started.wait(5)
    job.cancel()
    assert job.wait(5).done
    assert seen == [True]
    assert job.state.status == "cancelled" and job.result is None and job.error is None


def test_errors_end_the_job_with_a_worded_error() -> None:
    def fails(job: Job) -> None:
        raise AnalysisError(code="analysis.no_boundaries", params={"city": "郑州市"})

    def crashes(job: Job) -> None:
        raise RuntimeError("boom")

    failed = Job.start(fails, stages=()).wait(5)
    assert failed.state.status == "failed"
    assert failed.error is not None and "郑州市" in failed.error.text("zh")
    crashed = Job.start(crashes, stages=()).wait(5)
    assert crashed.state.status == "failed"
    assert crashed.error is not None and "RuntimeError" in crashed.error.text("en")


def test_outside_a_job_nothing_is_cancelled() -> None:
    assert not cancel_requested()
    report_stage("anything")  # no job: a no-op
    with pytest.raises(JobCancelledError):
        job = Job(stages=())
        job.cancel()
        job.stage("x")
