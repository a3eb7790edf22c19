"""The Airflow orchestrator against a real ``airflow standalone`` (Airflow 3.3, own venv).

One Airflow serves the whole module. Its tasks run the platform's executor as a
deployment would: the platform's interpreter and source, with DATABASE_URL set to
this test database and ZT_DATA_DIR to a directory whose ``objects`` folder is also
this process's storage. A real Celery worker (on a real Redis) submits and watches
the jobs, as in production.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from data_platform.choices import JobStatus, VersionStatus
from data_platform.models import DatasetVersion, Job
from data_platform.services import jobs
from data_platform.tests.samples.jobs import (
    make_dataset,
    make_ready_version,
    read_version,
    sample_job,
    stored_keys,
)
from platform_core.backends.orchestration.airflow import AirflowOrchestrator
from platform_core.backends.orchestration.base import RunState
from platform_core.backends.orchestration.contract import (
    MARKERS_ENV,
    WAIT_TO_BE_STOPPED,
    OrchestratorContract,
    final_state,
    submit,
    wait_for,
)
from tests.factories import client_for
from tests.servers.airflow import AirflowServer, running_airflow
from tests.servers.celery_worker import celery_broker, running_celery_worker, shared_database_url
from tests.servers.redis import running_redis

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("airflow"),
]

AIRFLOW = "platform_core.backends.orchestration.airflow.AirflowOrchestrator"
JOB_TIMEOUT = 120.0
#: The worker's watcher looks every WATCH_SECONDS; then it releases the DAG file.
RELEASE_TIMEOUT = jobs.WATCH_SECONDS * 3


@pytest.fixture(autouse=True)
def private_broker() -> Iterator[None]:
    """Jobs committed outside ``platform`` enqueue nothing beyond this process."""
    with celery_broker("memory://"):
        yield


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ZT_DATA_DIR of the platform processes Airflow and the worker run."""
    directory = tmp_path_factory.mktemp("platform")
    (directory / "markers").mkdir()
    return directory


@pytest.fixture(scope="module")
def airflow(
    django_db_setup: Any, shared: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AirflowServer]:
    env = {
        "DATABASE_URL": shared_database_url(),
        "ZT_DATA_DIR": str(shared),
        MARKERS_ENV: str(shared / "markers"),
    }
    with running_airflow(tmp_path_factory.mktemp("airflow"), env) as server:
        yield server


@pytest.fixture(scope="module")
def worker(airflow: AirflowServer, shared: Path) -> Iterator[str]:
    """A platform worker configured for Airflow; yields the broker URL to enqueue on."""
    with running_redis(shared) as redis_url:
        env = {
            "DATABASE_URL": shared_database_url(),
            "ZT_DATA_DIR": str(shared),
            "REDIS_URL": redis_url,
            **airflow.environment(),
        }
        with running_celery_worker(env, shared / "worker.log"):
            yield redis_url


@pytest.fixture
def platform(settings: Any, airflow: AirflowServer, worker: str, shared: Path) -> Iterator[None]:
    """This process configured as the worker is: same storage, Airflow, broker."""
    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "storage": {
            "BACKEND": "platform_core.backends.storage.local.LocalStorage",
            "OPTIONS": {"root": str(shared / "objects")},
        },
        "orchestration": {"BACKEND": AIRFLOW, "OPTIONS": airflow.orchestrator_options()},
    }
    with celery_broker(worker):
        yield


class TestAirflowOrchestrator(OrchestratorContract):
    timeout = 90.0

    @pytest.fixture
    def orchestrator(self, airflow: AirflowServer) -> AirflowOrchestrator:
        return AirflowOrchestrator(**airflow.orchestrator_options())

    @pytest.fixture
    def markers(self, shared: Path) -> Path:
        return shared / "markers"

    def test_cancel_stops_a_running_task_and_a_watcher_fails_its_job(
        self,
        orchestrator: AirflowOrchestrator,
        markers: Path,
        airflow: AirflowServer,
        tenant: Any,
        settings: Any,
    ) -> None:
        job_id, external_id = submit(orchestrator, WAIT_TO_BE_STOPPED)
        wait_for((markers / f"{job_id}.started").exists, self.timeout, "the task to start")

        orchestrator.cancel(external_id)

        assert final_state(orchestrator, external_id, self.timeout) == RunState.FAILED
        wait_for((markers / f"{job_id}.interrupted").exists, 30, "SIGTERM to reach the task")
        # A platform job whose run ended like this, its executor never reporting back:
        settings.PLATFORM_BACKENDS = {
            **settings.PLATFORM_BACKENDS,
            "orchestration": {"BACKEND": AIRFLOW, "OPTIONS": airflow.orchestrator_options()},
        }
        job = sample_job(tenant)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING, orchestrator="airflow", external_id=external_id
        )

        assert jobs.sync_job(job.pk) is True

        job.refresh_from_db()
        assert job.status == JobStatus.FAILED
        assert job.error.startswith("The airflow run ended before the job reported back")
        assert job.log_lines.filter(message__startswith="[airflow] ").exists()
        assert not dag_file(airflow, job).exists()


def submit_job(tenant: Any, spec: dict[str, Any]) -> tuple[int, DatasetVersion]:
    source = make_ready_version(tenant)
    payload = {
        "project": tenant.project.pk,
        "inputs": [source.pk],
        "target_dataset": make_dataset(tenant, "parquet").pk,
        "spec": spec,
        "name": "through airflow",
    }
    response = client_for(tenant.owner).post("/api/v1/jobs/", payload, format="json")
    assert response.status_code == 202, response.content
    return response.json()["id"], source


def dag_file(airflow: AirflowServer, job: Job) -> Path:
    return airflow.dags_folder / f"{job.external_id.split('/')[0]}.py"


def test_a_processing_job_runs_in_airflow(
    platform: None, airflow: AirflowServer, tenant: Any
) -> None:
    spec = {"steps": [{"op": "filter", "where": {"column": "age", "op": ">", "value": 40}}]}
    job_id, source = submit_job(tenant, spec)

    job = wait_for(
        lambda: Job.objects.filter(pk=job_id, status__in=jobs.FINISHED).first(),
        JOB_TIMEOUT,
        "the job to finish",
    )

    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.orchestrator == "airflow"
    assert job.external_id.startswith(f"zhongtai_job_{job_id}_")
    version = DatasetVersion.objects.get(produced_by=job)
    assert version.status == VersionStatus.READY
    assert list(version.parents.all()) == [source]
    assert read_version(version)["id"].to_pylist() == [2, 6]
    messages = list(job.log_lines.values_list("message", flat=True))
    assert "Submitting to the airflow orchestrator." in messages
    assert "Done: version 1 is ready with 2 rows." in messages
    wait_for(lambda: not dag_file(airflow, job).exists(), RELEASE_TIMEOUT, "the DAG file to go")


def test_cancelling_a_job_fails_its_airflow_run_and_keeps_nothing(
    platform: None, airflow: AirflowServer, tenant: Any
) -> None:
    job_id, _ = submit_job(tenant, {"steps": [{"op": "drop_duplicates"}]})
    job = wait_for(
        lambda: Job.objects.filter(pk=job_id).exclude(external_id="").first(),
        JOB_TIMEOUT,
        "the job to be submitted",
    )

    response = client_for(tenant.owner).post(f"/api/v1/jobs/{job_id}/cancel/")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    orchestrator = AirflowOrchestrator(**airflow.orchestrator_options())
    assert final_state(orchestrator, job.external_id, JOB_TIMEOUT) == RunState.FAILED
    wait_for(lambda: not dag_file(airflow, job).exists(), RELEASE_TIMEOUT, "the DAG file to go")
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert not DatasetVersion.objects.filter(produced_by=job).exclude(status=VersionStatus.FAILED)
    target = job.target_dataset
    assert target is not None
    assert (
        stored_keys(
            f"org/{target.organization_id}/project/{target.project_id}/dataset/{target.pk}/"
        )
        == []
    )
