"""The ingestion runner around any writer: cancellation, validation hand-over, cleanup.

The writers here stand in for a source (they write bytes as a source's writer would); the
runner, the storage, the validation and the database are the real ones.
"""

from __future__ import annotations

from typing import IO, Any

import pytest

from data_platform.choices import DatasetFormat, JobKind, JobStatus, VersionStatus
from data_platform.models import DatasetVersion, Job
from data_platform.services import jobs
from data_platform.services.datasets import create_dataset
from data_platform.services.ingestion.output import Output, Progress, Written
from data_platform.services.ingestion.runner import run_job
from data_platform.services.sources import create_source
from platform_core.backends import get_backend
from platform_core.services import create_object

pytestmark = pytest.mark.django_db

JSONL = Output("messages.jsonl", "application/x-ndjson")


@pytest.fixture
def job(tenant: Any) -> Job:
    source = create_source(
        tenant.owner,
        project=tenant.project,
        name="topic",
        kind="kafka",
        config={"bootstrap_servers": ["127.0.0.1:9"], "topic": "t"},
    )
    dataset = create_dataset(
        tenant.owner, project=tenant.project, name="d", format=DatasetFormat.JSONL
    )
    return create_object(
        tenant.owner,
        Job,
        project=tenant.project,
        kind=JobKind.KAFKA_WINDOW,
        source=source,
        target_dataset=dataset,
        created_by=tenant.owner,
    )


def nothing_stored(version: DatasetVersion) -> bool:
    return not list(get_backend("storage").list(version.storage_prefix))


def test_a_job_cancelled_while_it_writes_leaves_no_version_behind(job):
    def write(job: Job, file: IO[bytes], progress: Progress) -> Written:
        file.write(b'{"n": 1}\n')
        jobs.finish(job, JobStatus.CANCELLED)
        progress(1, file.tell())
        raise AssertionError("progress() stops a cancelled job")

    version = run_job(job, JSONL, write)
    assert version is not None and version.status == VersionStatus.FAILED
    assert version.failure_reason == "The job was cancelled."
    assert nothing_stored(version)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED


def test_a_job_cancelled_before_it_starts_does_not_run(job):
    jobs.finish(job, JobStatus.CANCELLED)
    assert run_job(job, JSONL, lambda *args: pytest.fail("must not write")) is None
    assert not DatasetVersion.objects.exists()


def test_a_file_the_validation_refuses_fails_job_and_version(job):
    def write(job: Job, file: IO[bytes], progress: Progress) -> Written:
        file.write(b'{"n": 1}\nnot json\n')
        return Written(2, "Wrote 2 lines")

    version = run_job(job, JSONL, write)
    assert version is not None and version.status == VersionStatus.FAILED
    assert "could not be read" in version.failure_reason
    assert version.validation_report["bad_row_count"] == 1
    assert nothing_stored(version)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error == version.failure_reason


def test_a_ready_version_gets_rows_schema_preview_and_profile(job):
    def write(job: Job, file: IO[bytes], progress: Progress) -> Written:
        file.write(b'{"n": 1, "word": "a"}\n{"n": 2, "word": "b"}\n')
        return Written(2, "Wrote 2 lines")

    version = run_job(job, JSONL, write)
    assert version is not None and version.status == VersionStatus.READY
    assert version.row_count == 2
    assert version.schema == [{"name": "n", "type": "int64"}, {"name": "word", "type": "string"}]
    assert version.preview["rows"] and version.profile
    assert version.produced_by == job and not version.parents.exists()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.finished_at is not None
