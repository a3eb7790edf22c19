"""Jobs: queued, running, then succeeded, failed or cancelled, with a log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from data_platform.choices import JobStatus
from data_platform.models import Job, JobLogLine
from platform_core.audit import record_event
from platform_core.errors import Conflict
from platform_core.models import AuditAction

FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)


def log(job: Job, message: str, level: str = "INFO") -> None:
    JobLogLine.objects.create(job=job, level=level, message=message[:20000])


def mark_running(job: Job) -> Job:
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    job.refresh_from_db()
    if not updated and job.status != JobStatus.RUNNING:
        raise Conflict(f"Job {job.pk} is {job.status} and cannot start.")
    return job


def finish(job: Job, status: JobStatus, *, error: str = "") -> Job:
    """Move a job to a final state once; a job already finished (e.g. cancelled) stays as it is."""
    with transaction.atomic():
        current = Job.objects.select_for_update().get(pk=job.pk)
        if current.status in FINISHED:
            return current
        current.status = status
        current.error = error[:20000]
        current.finished_at = timezone.now()
        current.save(update_fields=["status", "error", "finished_at", "updated_at"])
        record_event(
            AuditAction.UPDATE, actor=None, obj=current, changes={"status": [job.status, status]}
        )
    return current
