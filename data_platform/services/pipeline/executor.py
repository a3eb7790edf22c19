"""Runs a processing job: its inputs through its steps into a new version, or into nothing.

The new version (parents: the inputs; produced by: the job) is created when the
job starts and ends either ready, with its file, row count and schema, or failed
with nothing of it left in storage: on an error, on cancellation (checked before
every chunk is read) and on SIGTERM from an orchestrator alike.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.db import transaction

from data_platform.choices import DatasetFormat, JobStatus
from data_platform.models import Dataset, DatasetVersion, Job
from data_platform.services import jobs
from data_platform.services.dataset_validation import read_through, store_description
from data_platform.services.pipeline.io import (
    OUTPUT_NAMES,
    OutputWriter,
    UnreadableInput,
    VersionReader,
    upload,
)
from data_platform.services.pipeline.planning import ordered_inputs, plan
from data_platform.services.pipeline.schema import from_arrow, from_version
from data_platform.services.pipeline.spec import Pipeline, StepFailed
from data_platform.services.versions import (
    check_quota,
    create_version,
    mark_failed,
    mark_ready,
    mark_validating,
)
from platform_core.backends import get_backend
from platform_core.backends.orchestration.base import RunInterrupted, stop_requested
from platform_core.errors import Conflict, PlatformError

logger = logging.getLogger(__name__)

CHUNK_ROWS = 65_536
#: Cancellation is checked before each chunk, but the database is asked at most this often.
CHECK_SECONDS = 0.5
PROGRESS_ROWS = 1_000_000


class JobCancelled(Exception):
    pass


#: Errors whose message is meant for the user; anything else is a bug, logged in full.
EXPECTED_ERRORS = (JobCancelled, PlatformError, StepFailed, UnreadableInput, RunInterrupted)


class CancellationCheck:
    """Raises JobCancelled once the job is no longer running (cancelled, or failed by a
    watcher), and RunInterrupted once the orchestrator asks this process to stop."""

    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self.checked_at = float("-inf")  # the first chunk is always checked

    def __call__(self, *, now: bool = False) -> None:
        if stop_requested():
            raise RunInterrupted("Stopped by the orchestrator.")
        if not now and time.monotonic() - self.checked_at < CHECK_SECONDS:
            return
        self.checked_at = time.monotonic()
        status = Job.objects.filter(pk=self.job_id).values_list("status", flat=True).first()
        if status != JobStatus.RUNNING:
            raise JobCancelled(f"The job is no longer running ({status}).")


class InputVersions:
    """The runtime the steps see: other inputs, read whole for joins."""

    def __init__(self, reader: VersionReader, versions: list[DatasetVersion]) -> None:
        self.reader = reader
        self.versions = {version.pk: version for version in versions}

    def load_version(self, version_id: int) -> pa.Table:
        version = self.versions[version_id]
        return pa.concat_tables(self.reader.chunks(version, from_version(version.schema)))


def execute_job(job_id: int) -> bool:
    """Run the job; True if it produced its version."""
    job = Job.objects.select_related("target_dataset", "organization").get(pk=job_id)
    if not _start(job):
        return False
    version: DatasetVersion | None = None
    try:
        target = _target(job)
        inputs = ordered_inputs(job)
        pipeline = plan(inputs, job.spec)
        version = create_version(
            job.created_by,
            target,
            message=f"Produced by job {job.pk} ({job})",
            parents=inputs,
            produced_by=job,
        )
        jobs.log(job, f"Writing version {version.number} of dataset {target}.")
        files, rows, schema = _produce(job, pipeline, inputs, version, DatasetFormat(target.format))
        _complete(job, version, pipeline, files, rows, schema)
    except Exception as exc:
        _abandon(job, version, exc)
        return False
    return True


def _start(job: Job) -> bool:
    if job.status == JobStatus.QUEUED:
        try:
            jobs.mark_running(job)
        except Conflict:  # cancelled just now
            return False
        jobs.log(job, "Started.")
        return True
    if job.status == JobStatus.RUNNING:
        # Delivered again: the process that was running it is gone.
        message = "The job was interrupted: the process running it stopped before it finished."
        jobs.reap_outputs(job, message)
        jobs.log(job, message, "ERROR")
        jobs.finish(job, JobStatus.FAILED, error=message)
    return False


def _target(job: Job) -> Dataset:
    if job.target_dataset is None:
        raise UnreadableInput("A processing job needs a target dataset.")
    return job.target_dataset


def _produce(
    job: Job,
    pipeline: Pipeline,
    inputs: list[DatasetVersion],
    version: DatasetVersion,
    target_format: DatasetFormat,
) -> tuple[list[dict[str, Any]], int, list[dict[str, str]]]:
    storage = get_backend("storage")
    check = CancellationCheck(job)
    name = OUTPUT_NAMES[target_format]
    with tempfile.TemporaryDirectory(prefix=f"zt-job-{job.pk}-") as workdir:
        reader = VersionReader(storage, Path(workdir), CHUNK_ROWS, check)
        writer = OutputWriter(Path(workdir) / name, target_format)
        primary = inputs[0]
        for label in pipeline.labels():
            jobs.log(job, f"Step: {label}")
        chunks = pipeline.run(
            reader.chunks(primary, from_version(primary.schema)), InputVersions(reader, inputs)
        )
        _write_all(job, chunks, writer)
        if writer.schema is None:
            raise UnreadableInput("The pipeline produced no output.")
        check(now=True)
        entry = upload(storage, writer.path, version.storage_prefix + name, name)
    return [entry], writer.rows, from_arrow(writer.schema)


def _write_all(job: Job, chunks: Iterator[pa.Table], writer: OutputWriter) -> None:
    reported = 0
    try:
        for chunk in chunks:
            writer.write(chunk)
            if writer.rows - reported >= PROGRESS_ROWS:
                reported = writer.rows
                jobs.log(job, f"{writer.rows:,} rows written.")
    finally:
        writer.close()


def _complete(
    job: Job,
    version: DatasetVersion,
    pipeline: Pipeline,
    files: list[dict[str, Any]],
    rows: int,
    schema: list[dict[str, str]],
) -> None:
    """Make the version ready and the job succeeded together, unless it was cancelled."""
    with transaction.atomic():
        current = Job.objects.select_for_update().get(pk=job.pk)
        if current.status != JobStatus.RUNNING:
            raise JobCancelled(f"The job is no longer running ({current.status}).")
        check_quota(job.organization, sum(int(item["size"]) for item in files))
        mark_validating(version, files=files)
        store_description(version, *read_through(version))
        mark_ready(
            version,
            row_count=rows,
            schema=schema,
            validation_report={"produced_by_job": job.pk, "steps": pipeline.labels()},
        )
        jobs.log(job, f"Done: version {version.number} is ready with {rows:,} rows.")
        jobs.finish(current, JobStatus.SUCCEEDED)


def _abandon(job: Job, version: DatasetVersion | None, exc: Exception) -> None:
    status = Job.objects.filter(pk=job.pk).values_list("status", flat=True).first()
    if status == JobStatus.CANCELLED:
        reason = "The job was cancelled."
    elif isinstance(exc, EXPECTED_ERRORS):
        reason = str(exc)
    else:
        logger.exception("Job %s failed", job.pk)
        reason = f"Internal error ({type(exc).__name__}); the worker's log has the details."
    if version is not None:
        mark_failed(version, reason)
    if status == JobStatus.RUNNING:
        jobs.log(job, reason, "ERROR")
        jobs.finish(job, JobStatus.FAILED, error=reason)
    else:
        jobs.log(job, f"Stopped ({reason.rstrip('.')}); its partial output was deleted.")
