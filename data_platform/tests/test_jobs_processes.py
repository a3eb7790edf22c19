"""Jobs across real processes: a platform Celery worker, the orchestration runner under
SIGTERM, and a cancel that lands while the executor runs. The database is shared with
those processes, so these tests commit (transactional)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction

from data_platform.choices import JobStatus, VersionStatus
from data_platform.models import Dataset, DatasetVersion, Job
from data_platform.services import jobs
from data_platform.services.pipeline.executor import execute_job
from data_platform.tests.samples.jobs import (
    read_version,
    sample_job,
    stored_keys,
)
from platform_core.backends.orchestration.contract import wait_for
from tests.factories import client_for
from tests.servers.celery_worker import celery_broker, running_celery_worker, shared_database_url
from tests.servers.redis import running_redis

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT = 60.0


@pytest.fixture(autouse=True)
def private_broker() -> Iterator[None]:
    """Committed jobs enqueue their start task: keep it in this process unless a test
    starts a worker of its own."""
    with celery_broker("memory://"):
        yield


def platform_env(tmp_path: Path) -> dict[str, str]:
    """Settings of a platform process sharing this test's database and storage
    (the autouse storage fixture puts objects under tmp_path/objects = ZT_DATA_DIR/objects)."""
    return {"DATABASE_URL": shared_database_url(), "ZT_DATA_DIR": str(tmp_path)}


def running(job: Job) -> bool:
    return Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).exists()


@pytest.mark.integration
def test_a_real_worker_runs_a_job_submitted_through_the_api(tenant: Any, tmp_path: Path) -> None:
    with running_redis(tmp_path) as redis_url, celery_broker(redis_url):
        env = {**platform_env(tmp_path), "REDIS_URL": redis_url}
        with running_celery_worker(env, tmp_path / "worker.log"):
            queued = sample_job(tenant)  # its start task was not sent: no commit hook ran
            payload = {
                "project": tenant.project.pk,
                "inputs": list(queued.inputs.values_list("pk", flat=True)),
                "target_dataset": queued.target_dataset_id,
                "spec": queued.spec,
            }
            response = client_for(tenant.owner).post("/api/v1/jobs/", payload, format="json")
            assert response.status_code == 202
            job = wait_for(
                lambda: Job.objects.filter(
                    pk=response.json()["id"], status__in=jobs.FINISHED
                ).first(),
                TIMEOUT,
                "the worker to run the job",
            )

    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.external_id  # the Celery task id
    version = DatasetVersion.objects.get(produced_by=job)
    assert read_version(version).column_names == ["id", "name"]


def locked(dataset_id: int) -> Any:
    """Hold the target dataset's row: the executor then waits in create_version."""
    block = transaction.atomic()
    block.__enter__()
    Dataset.objects.select_for_update().get(pk=dataset_id)
    return block


def test_a_cancel_while_running_fails_the_new_version_and_stores_nothing(
    tenant: Any, tmp_path: Path
) -> None:
    job = sample_job(tenant)
    assert job.target_dataset_id is not None
    block = locked(job.target_dataset_id)
    outcome: list[bool] = []

    def run() -> None:
        try:
            outcome.append(execute_job(job.pk))
        finally:
            connection.close()

    executor = threading.Thread(target=run)
    executor.start()
    wait_for(lambda: running(job), TIMEOUT, "the executor to start")
    response = client_for(tenant.owner).post(f"/api/v1/jobs/{job.pk}/cancel/")
    block.__exit__(None, None, None)  # commits the cancel, and lets the executor go on
    executor.join(TIMEOUT)

    assert response.status_code == 200
    assert outcome == [False]
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    version = DatasetVersion.objects.get(produced_by=job)
    assert version.status == VersionStatus.FAILED
    assert version.failure_reason == "The job was cancelled."
    assert stored_keys(version.storage_prefix) == []
    assert job.log_lines.filter(message__contains="its partial output was deleted").exists()


def test_sigterm_stops_the_runner_cleanly(tenant: Any, tmp_path: Path) -> None:
    """What Airflow does to a task it stops: the executor fails the job at its next check."""
    job = sample_job(tenant)
    assert job.target_dataset_id is not None
    block = locked(job.target_dataset_id)
    runner = subprocess.Popen(
        [
            *(sys.executable, "-m", "platform_core.backends.orchestration.runner"),
            *(jobs.ENTRYPOINT, str(job.pk)),
        ],
        env={**os.environ, **platform_env(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: running(job), TIMEOUT, "the runner to start the job")
        runner.send_signal(signal.SIGTERM)
    finally:
        block.__exit__(None, None, None)
    output = runner.communicate(timeout=TIMEOUT)[0].decode()

    assert runner.returncode == 1, output
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Stopped by the orchestrator."
    version = DatasetVersion.objects.get(produced_by=job)
    assert version.status == VersionStatus.FAILED
    assert stored_keys(version.storage_prefix) == []
