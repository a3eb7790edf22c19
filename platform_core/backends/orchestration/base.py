"""The orchestration backend kind: something that runs a platform job's executor.

The platform hands an orchestrator a ``JobRun``: the id of a job and the
entrypoint that executes it. The entrypoint is a Celery task of the platform
taking the job id: the local orchestrator queues it on the platform's Celery
workers, external orchestrators (Airflow) call it in a process of their own
through ``python -m platform_core.backends.orchestration.runner``. Either way
the executor writes the job's state, logs and output to the platform database
and storage itself; the orchestrator only runs, reports on and stops it.

Implementations take and return the plain dataclasses below, never SDK objects,
and raise the errors below, never SDK errors.
"""

from __future__ import annotations

import abc
import threading
from dataclasses import dataclass
from enum import StrEnum


class OrchestrationError(Exception):
    """The orchestrator refused or failed a request."""


class OrchestratorUnavailable(OrchestrationError):
    """The orchestrator could not be reached; the request may succeed later."""


class RunInterrupted(Exception):
    """What an entrypoint raises, at a point where it can clean up, once asked to stop."""


_stop = threading.Event()


def request_stop() -> None:
    """Ask the entrypoint running in this process to stop (the runner does, on SIGTERM)."""
    _stop.set()


def stop_requested() -> bool:
    """Entrypoints check this between units of work, and stop cleanly when it is True."""
    return _stop.is_set()


class RunState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    #: The orchestrator cannot tell (the local one has no result backend): the executor's
    #: own reports in the platform database are all there is.
    UNKNOWN = "unknown"

    @property
    def finished(self) -> bool:
        return self in (RunState.SUCCEEDED, RunState.FAILED)


@dataclass(frozen=True)
class JobRun:
    job_id: int
    #: A human label, shown in the orchestrator's UI.
    name: str
    #: Dotted path of a Celery task taking the job id and returning True on success.
    entrypoint: str
    #: Step labels, shown in the orchestrator's UI (the run itself is one task).
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunStatus:
    state: RunState
    detail: str = ""


class Orchestrator(abc.ABC):
    #: Stored on the job, so later calls go to the orchestrator that ran it.
    name: str
    #: Whether ``status`` reports real states (so the platform should watch runs).
    reports_status: bool

    @abc.abstractmethod
    def submit(self, run: JobRun) -> str:
        """Start the run and return its id in the orchestrator (the job's external id)."""

    @abc.abstractmethod
    def status(self, external_id: str) -> RunStatus: ...

    @abc.abstractmethod
    def cancel(self, external_id: str) -> None:
        """Stop the run if it is queued or running; a finished or unknown run stays as it is."""

    @abc.abstractmethod
    def logs(self, external_id: str) -> list[str]:
        """The orchestrator's own log of the run (the executor logs to the job separately)."""

    @abc.abstractmethod
    def release(self, external_id: str) -> None:
        """Drop what ``submit`` set up for a finished run (files, registrations)."""
