"""Progress and cancel for long work on the analysis and site-selection pages.

A panel starts its work with :func:`start_job` (a
:class:`geo_app.analysis.jobs.Job` in a worker thread, kept in the planner's
own session). Short work finishes while the page is being drawn
(:data:`INLINE_WAIT_S`); longer work is followed by :func:`show_job`, a
fragment that redraws itself every :data:`POLL_S` seconds with the stage
reached, the time spent and a cancel button, and reruns the page once the
work has ended. The panel then takes the ended job with :func:`take_job`
and keeps its result, or keeps its previous result after a cancel or an
error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Final

import streamlit as st

from geo_app.analysis.jobs import Job
from geo_app.ui.i18n import t

__all__ = ["INLINE_WAIT_S", "POLL_S", "running_job", "show_job", "start_job", "take_job"]

log = logging.getLogger("carrier_map.app")

#: Work that ends within this many seconds is shown in the same page run.
INLINE_WAIT_S: Final[float] = 1.5

#: How often a running job's progress is redrawn, seconds.
POLL_S: Final[float] = 0.5

_TEXT: Final[dict[str, dict[str, str]]] = {
    "zh": {"cancel": "取消", "elapsed": "{stage}(第 {step}/{steps} 步,已用 {seconds} 秒)"},
    "en": {"cancel": "Cancel", "elapsed": "{stage} (step {step} of {steps}, {seconds} s so far)"},
}


def start_job(key: str, work: Callable[[Job], Any], stages: tuple[str, ...]) -> Job:
    """Start ``work`` in a worker thread, kept under ``key`` in this session.

    A job already running under ``key`` is cancelled first: one run at a
    time per panel.
    """
    running = st.session_state.get(key)
    if isinstance(running, Job) and not running.done:
        running.cancel()
    job = Job.start(work, stages=stages)
    st.session_state[key] = job
    job.wait(INLINE_WAIT_S)
    return job


def take_job(key: str) -> Job | None:
    """The job under ``key`` once it has ended (and forget it); ``None`` while it runs."""
    job = st.session_state.get(key)
    if not isinstance(job, Job) or not job.done:
        return None
    del st.session_state[key]
    return job


def running_job(key: str) -> Job | None:
    """The job under ``key`` while it runs."""
    job = st.session_state.get(key)
    return job if isinstance(job, Job) and not job.done else None


def show_job(key: str, labels: Mapping[str, str], lang: str) -> None:
    """Draw the progress of the job under ``key`` and its cancel button.

    Parameters
    ----------
    key
        Session key of the job.
    labels
        Stage name → words in the interface language.
    lang
        ``"zh"`` or ``"en"``.
    """
    _monitor(key, dict(labels), "en" if lang == "en" else "zh")


@st.fragment(run_every=POLL_S)
def _monitor(key: str, labels: dict[str, str], lang: str) -> None:
    try:
        job = st.session_state.get(key)
        if not isinstance(job, Job):
            return
        if job.done:
            st.rerun()  # the whole page, so the panel takes the result
        state = job.state
        text = _TEXT[lang]
        stage = labels.get(state.stage, labels.get("", ""))
        st.progress(
            state.fraction,
            text=text["elapsed"].format(
                stage=stage,
                step=max(state.step, 1),
                steps=state.steps,
                seconds=f"{state.elapsed_s:.0f}",
            ),
        )
        if st.button(text["cancel"], key=f"{key}_cancel", disabled=job.cancelled):
            job.cancel()
    except Exception:  # the page must never show a traceback
        log.exception("unexpected error while showing progress")
        st.error(t(lang, "unexpected"))
