"""The embedded orchestrator: the platform's own Celery workers run the entrypoint."""

from __future__ import annotations

from celery import current_app
from django.utils.module_loading import import_string

from platform_core.backends.orchestration.base import JobRun, Orchestrator, RunState, RunStatus


class LocalOrchestrator(Orchestrator):
    """Queues the entrypoint task on the platform's broker.

    Without a Celery result backend it cannot report a run's state (``UNKNOWN``); the
    executor records the job's state in the platform database itself. Cancelling
    revokes a task that has not started; a running one stops at its executor's next
    cancellation check.
    """

    name = "local"
    reports_status = False

    def submit(self, run: JobRun) -> str:
        task = import_string(run.entrypoint)
        return str(task.delay(run.job_id).id)

    def status(self, external_id: str) -> RunStatus:
        return RunStatus(RunState.UNKNOWN, "The local orchestrator does not track runs.")

    def cancel(self, external_id: str) -> None:
        current_app.control.revoke(external_id)

    def logs(self, external_id: str) -> list[str]:
        return []

    def release(self, external_id: str) -> None:
        """Nothing to release: a Celery task leaves nothing behind."""
