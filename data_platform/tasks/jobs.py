"""Celery tasks of jobs: thin wrappers over data_platform.services.jobs."""

from __future__ import annotations

from celery import Task, shared_task

from data_platform.services import jobs
from data_platform.services.pipeline.executor import execute_job
from platform_core.backends.orchestration.base import OrchestratorUnavailable


@shared_task(ignore_result=True)
def start_job(job_id: int) -> None:
    jobs.submit_job(job_id)


@shared_task(ignore_result=True)
def run_job(job_id: int) -> bool:
    """The entrypoint every orchestrator runs (Airflow calls it in its own process)."""
    return execute_job(job_id)


@shared_task(bind=True, ignore_result=True, max_retries=None)
def watch_job(self: Task, job_id: int) -> None:
    try:
        done = jobs.sync_job(job_id)
    except OrchestratorUnavailable:
        done = False
    if not done:
        raise self.retry(countdown=jobs.WATCH_SECONDS)


@shared_task(
    ignore_result=True, autoretry_for=(OrchestratorUnavailable,), retry_backoff=True, max_retries=8
)
def stop_job(job_id: int) -> None:
    jobs.stop_run(job_id)
