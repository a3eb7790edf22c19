"""The behaviour every orchestrator must have, as a pytest test-class mixin.

Subclass ``OrchestratorContract`` and provide two fixtures: ``orchestrator`` and
``markers``, a directory that the runs see as ``$ZT_ORCHESTRATION_CONTRACT_DIR``
(the entrypoints below record there what happened to them, since they may run in
another process or on another machine's view of the same disk).
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from celery import shared_task

from platform_core.backends.orchestration.base import (
    JobRun,
    Orchestrator,
    RunState,
    stop_requested,
)

T = TypeVar("T")

MARKERS_ENV = "ZT_ORCHESTRATION_CONTRACT_DIR"
FINISH_QUICKLY = "platform_core.backends.orchestration.contract.finish_quickly"
WAIT_TO_BE_STOPPED = "platform_core.backends.orchestration.contract.wait_to_be_stopped"
WAIT_SECONDS = 120


def _mark(job_id: int, event: str) -> None:
    (Path(os.environ[MARKERS_ENV]) / f"{job_id}.{event}").touch()


@shared_task
def finish_quickly(job_id: int) -> bool:
    print(f"contract run {job_id} done", flush=True)
    _mark(job_id, "done")
    return True


@shared_task
def wait_to_be_stopped(job_id: int) -> bool:
    _mark(job_id, "started")
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if stop_requested():
            _mark(job_id, "interrupted")
            return False
        time.sleep(0.1)
    return True


def wait_for(condition: Callable[[], T | None], timeout: float, what: str) -> T:
    """The first truthy result of ``condition``, polled until ``timeout``."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f}s waiting for {what}.")
        time.sleep(0.2)
    return result


def submit(orchestrator: Orchestrator, entrypoint: str) -> tuple[int, str]:
    job_id = secrets.randbelow(10**9)
    external_id = orchestrator.submit(
        JobRun(job_id, f"contract run {job_id}", entrypoint, ("the only step",))
    )
    return job_id, external_id


def final_state(orchestrator: Orchestrator, external_id: str, timeout: float) -> RunState:
    """The run's state once finished (or UNKNOWN, for orchestrators that cannot tell)."""
    state = orchestrator.status(external_id).state
    deadline = time.monotonic() + timeout
    while state in (RunState.QUEUED, RunState.RUNNING) and time.monotonic() < deadline:
        time.sleep(0.5)
        state = orchestrator.status(external_id).state
    return state


class OrchestratorContract:
    timeout = 60.0

    def test_a_run_calls_the_entrypoint_with_its_job_id(
        self, orchestrator: Orchestrator, markers: Path
    ) -> None:
        job_id, external_id = submit(orchestrator, FINISH_QUICKLY)

        assert external_id
        wait_for((markers / f"{job_id}.done").exists, self.timeout, "the entrypoint to run")
        state = final_state(orchestrator, external_id, self.timeout)
        assert state == (RunState.SUCCEEDED if orchestrator.reports_status else RunState.UNKNOWN)
        logs = orchestrator.logs(external_id)
        assert all(isinstance(line, str) for line in logs)
        if orchestrator.reports_status:
            assert any(f"contract run {job_id} done" in line for line in logs)

        # A finished run stays as it was; releasing twice is harmless.
        orchestrator.cancel(external_id)
        assert orchestrator.status(external_id).state == state
        orchestrator.release(external_id)
        orchestrator.release(external_id)

    def test_every_run_gets_its_own_id(self, orchestrator: Orchestrator, markers: Path) -> None:
        first = submit(orchestrator, FINISH_QUICKLY)
        second = submit(orchestrator, FINISH_QUICKLY)

        assert first[1] != second[1]
        for job_id, external_id in (first, second):
            wait_for((markers / f"{job_id}.done").exists, self.timeout, "both runs")
            final_state(orchestrator, external_id, self.timeout)
            orchestrator.release(external_id)

    def test_cancelling_a_run_it_does_not_know_is_harmless(
        self, orchestrator: Orchestrator, unknown_run_id: str
    ) -> None:
        orchestrator.cancel(unknown_run_id)

        assert orchestrator.status(unknown_run_id).state in (RunState.UNKNOWN, RunState.FAILED)

    @pytest.fixture
    def unknown_run_id(self) -> str:
        return "no-such-dag/no-such-run"
