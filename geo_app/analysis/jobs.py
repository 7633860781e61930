"""Long work off the caller's thread: stages, progress and a cancel.

A :class:`Job` runs one function in a worker thread. The function reports
the stage it has reached with :meth:`Job.stage`; a page polls
:attr:`Job.state` to draw a progress indicator, and :meth:`Job.cancel` asks
the work to stop. Cancelling is cooperative: :meth:`Job.stage` raises
:class:`JobCancelledError` at the next stage, and the solvers look at
:func:`cancel_requested` inside their runs (HiGHS through its interrupt
callbacks, CBC by killing its process), so even a solve stops within a
fraction of a second.

A job belongs to the one planner who started it (a page keeps it in that
planner's session); its result is handed over once, when it is done, and
the worker never touches the page itself.

Examples
--------
>>> job = Job.start(lambda j: j.stage("adding") or 1 + 1, stages=("adding",))
>>> job.wait(5.0).result
2
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from geo_app.errors import GeoAppError

__all__ = [
    "Job",
    "JobCancelledError",
    "JobState",
    "cancel_requested",
    "current_job",
    "report_stage",
]

log = logging.getLogger("carrier_map.jobs")

#: Job states.
RUNNING: Final[str] = "running"
DONE: Final[str] = "done"
FAILED: Final[str] = "failed"
CANCELLED: Final[str] = "cancelled"

_local = threading.local()


class JobCancelledError(GeoAppError):
    """The planner cancelled the work; nothing it would have produced is kept."""

    def __init__(self) -> None:
        super().__init__(code="job.cancelled")


@dataclass(frozen=True, slots=True)
class JobState:
    """A snapshot of a job for a progress indicator.

    Parameters
    ----------
    status
        ``"running"``, ``"done"``, ``"failed"`` or ``"cancelled"``.
    stage
        The stage reached (one of the job's ``stages``, or ``""`` before the first).
    step, steps
        Position of the stage (1-based) and the number of stages.
    elapsed_s
        Seconds since the start (until the end once finished).
    """

    status: str
    stage: str
    step: int
    steps: int
    elapsed_s: float

    @property
    def fraction(self) -> float:
        """Share of the stages reached, 0–1 (1 once finished)."""
        if self.status != RUNNING:
            return 1.0
        return min(max(self.step - 1, 0) / max(self.steps, 1), 1.0)


class Job:
    """One piece of work in a worker thread (use :meth:`start`).

    Parameters
    ----------
    stages
        The stages the work goes through, in order (for the progress bar).
    """

    def __init__(self, stages: tuple[str, ...]) -> None:
        self.stages = stages
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._stage = ""
        self._status = RUNNING
        self._started = time.perf_counter()
        self._ended: float | None = None
        self._thread: threading.Thread | None = None
        self.result: Any = None
        self.error: GeoAppError | None = None

    @classmethod
    def start(cls, work: Callable[[Job], Any], *, stages: tuple[str, ...]) -> Job:
        """Run ``work(job)`` in a daemon thread and return the job at once."""
        job = cls(stages)
        job._thread = threading.Thread(target=job._run, args=(work,), daemon=True)
        job._thread.start()
        return job

    def _run(self, work: Callable[[Job], Any]) -> None:
        _local.job = self
        status = DONE
        try:
            self.result = work(self)
        except JobCancelledError:
            status = CANCELLED
        except GeoAppError as err:
            status, self.error = FAILED, err
        except Exception as err:  # a worker must always end with a state the page can show
            log.exception("unexpected error in a background job")
            status = FAILED
            self.error = GeoAppError(code="job.failed", params={"detail": type(err).__name__})
        finally:
            _local.job = None
        if status == DONE and self._cancel.is_set():
            status, self.result = CANCELLED, None
        with self._lock:
            self._status = status
            self._ended = time.perf_counter()
        self._finished.set()

    def stage(self, name: str) -> None:
        """Record that the work has reached ``name``; raise :class:`JobCancelledError` if cancelled."""
        if self._cancel.is_set():
            raise JobCancelledError
        with self._lock:
            self._stage = name

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once a cancel was asked for."""
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        """True once the work has ended (in any way)."""
        return self._finished.is_set()

    def wait(self, timeout: float | None = None) -> Job:
        """Block until the work ends or ``timeout`` seconds pass; return the job."""
        self._finished.wait(timeout)
        return self

    @property
    def state(self) -> JobState:
        """Where the work is now."""
        with self._lock:
            stage, status = self._stage, self._status
            end = self._ended if self._ended is not None else time.perf_counter()
        step = self.stages.index(stage) + 1 if stage in self.stages else 0
        return JobState(status, stage, step, len(self.stages), end - self._started)


def current_job() -> Job | None:
    """The job the calling thread works for, if any."""
    job = getattr(_local, "job", None)
    return job if isinstance(job, Job) else None


def cancel_requested() -> bool:
    """True when the calling thread works for a job that was cancelled."""
    job = current_job()
    return job is not None and job.cancelled


def report_stage(name: str) -> None:
    """Tell the calling thread's job (if any) which stage it has reached.

    Raises
    ------
    JobCancelledError
        When the job was cancelled: the work stops here.
    """
    job = current_job()
    if job is not None:
        job.stage(name)
