"""Runs an ingestion job: a new dataset version filled from a source, ready or failed as a whole.

The source's data streams into a local temporary file (bounded memory, whatever the size),
which is hashed, checked against the quota and stored under the version's prefix in one
put. The version then goes through the same validation as uploads (row count, schema,
preview, profile), which marks it ready. Any failure fails the job with its reason and the
version with nothing left in storage.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from typing import IO

from data_platform.choices import JobKind, JobStatus, VersionStatus
from data_platform.models import DatasetVersion, Job
from data_platform.services import jobs, versions
from data_platform.services.dataset_validation import validate_version
from data_platform.services.ingestion import database, kafka
from data_platform.services.ingestion.kinds import scrub
from data_platform.services.ingestion.output import Output, Progress, Writer
from data_platform.services.ingestion.probes import reason
from platform_core.backends import get_backend
from platform_core.backends.storage.base import CHUNK_SIZE
from platform_core.errors import Conflict

logger = logging.getLogger(__name__)


class VersionFailed(Exception):
    """Validation failed the version (and cleaned its storage) already."""


def _sha256(file: IO[bytes]) -> str:
    file.seek(0)
    digest = hashlib.sha256()
    while chunk := file.read(CHUNK_SIZE):
        digest.update(chunk)
    return digest.hexdigest()


def _fill(job: Job, version: DatasetVersion, output: Output, write: Writer) -> None:
    progress = Progress(job)
    with tempfile.TemporaryFile(prefix="zt-ingest-") as file:
        written = write(job, file, progress)
        size = file.seek(0, 2)
        sha256 = _sha256(file)
        jobs.log(job, f"{written.summary} ({size:,} bytes).")
        progress(written.row_count, size)
        file.seek(0)
        get_backend("storage").put(
            f"{version.storage_prefix}{output.filename}",
            file,
            length=size,
            content_type=output.content_type,
        )
    versions.mark_validating(
        version, files=[{"path": output.filename, "size": size, "sha256": sha256}]
    )
    progress.check_cancelled()  # the last chance before the version becomes ready
    validated = validate_version(version.pk)
    if validated is None or validated.status != VersionStatus.READY:
        why = validated.failure_reason if validated else "The version was deleted meanwhile."
        raise VersionFailed(why)
    jobs.log(job, f"Version {version.number} is ready.")


def run_job(job: Job, output: Output, write: Writer) -> DatasetVersion | None:
    """Run ``job`` once; the version it made (ready or failed), or None if it did not start."""
    try:
        job = jobs.mark_running(job)
    except Conflict as exc:
        logger.info("Ingestion job %s not started: %s", job.pk, exc.message)
        return None
    assert job.target_dataset is not None and job.source is not None
    version = versions.create_version(
        job.created_by, job.target_dataset, message=job.name, produced_by=job
    )
    jobs.log(job, f"Writing version {version.number} of dataset {job.target_dataset.name!r}.")
    try:
        _fill(job, version, output, write)
    except Exception as exc:  # the job's boundary: any failure is the job's failure
        why = scrub(reason(exc), job.source.secrets())
        logger.warning("Ingestion job %s failed: %s", job.pk, why)
        try:
            if not isinstance(exc, VersionFailed):
                versions.mark_failed(version, why)
        finally:
            jobs.log(job, why, level="ERROR")
            jobs.finish(job, JobStatus.FAILED, error=why)
        version.refresh_from_db()
        return version
    jobs.finish(job, JobStatus.SUCCEEDED)
    version.refresh_from_db()
    return version


def run_ingestion(job_id: int) -> DatasetVersion | None:
    job = Job.objects.select_related("source", "target_dataset", "organization", "created_by").get(
        pk=job_id
    )
    if job.kind == JobKind.DATABASE_SNAPSHOT:
        return run_job(job, database.OUTPUT, database.write_snapshot)
    if job.kind == JobKind.KAFKA_WINDOW:
        return run_job(job, kafka.OUTPUT, kafka.write_window)
    raise ValueError(f"Job {job_id} is a {job.kind} job, not an ingestion.")
