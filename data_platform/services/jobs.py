"""Jobs: queued, running, then succeeded, failed or cancelled, with a log.

A processing job is created here, handed to the configured orchestrator by a
Celery task (``submit_job``), executed by ``pipeline.executor`` wherever the
orchestrator runs it, and watched (``sync_job``) when the orchestrator can report
on runs the executor never got to report on itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from data_platform.choices import JobKind, JobStatus, VersionStatus
from data_platform.models import Dataset, DatasetVersion, Job, JobLogLine
from data_platform.services.pipeline.planning import check_inputs, plan
from data_platform.services.versions import mark_failed
from platform_core.audit import record_event
from platform_core.backends import get_backend
from platform_core.backends.orchestration.base import JobRun, OrchestrationError, Orchestrator
from platform_core.errors import Conflict
from platform_core.models import AuditAction, Project, User
from platform_core.queue import enqueue
from platform_core.services import create_object

FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)
#: The Celery task every orchestrator runs for a processing job.
ENTRYPOINT = "data_platform.tasks.jobs.run_job"
#: Lines of the orchestrator's own log copied to a job it failed without the executor.
ORCHESTRATOR_LOG_TAIL = 30
#: How often a Celery task asks an orchestrator that reports status about a run.
WATCH_SECONDS = 10


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


@transaction.atomic
def create_processing_job(
    actor: User,
    *,
    project: Project,
    inputs: Sequence[DatasetVersion],
    target_dataset: Dataset,
    spec: dict[str, Any],
    name: str = "",
) -> Job:
    """Check the inputs and the whole pipeline, then queue the job (started on commit)."""
    check_inputs(project, inputs, target_dataset)
    pipeline = plan(inputs, spec)
    job = create_object(
        actor,
        Job,
        project=project,
        organization_id=project.organization_id,
        kind=JobKind.PROCESSING,
        name=(name or f"Processing into {target_dataset.name}")[:100],
        spec=spec,
        target_dataset=target_dataset,
        orchestrator=get_backend("orchestration").name,
        created_by=actor,
    )
    job.inputs.set(inputs)
    log(job, f"Queued by {actor.email}: {len(pipeline.steps)} step(s) over {len(inputs)} input(s).")
    enqueue("data_platform.tasks.jobs.start_job", job.pk)
    return job


def submit_job(job_id: int) -> None:
    """Hand a queued job to the orchestrator (from a Celery task: this may wait on Airflow)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status != JobStatus.QUEUED:
        return
    orchestrator = get_backend("orchestration")
    steps = tuple(plan(list(job.inputs.all()), job.spec).labels())
    log(job, f"Submitting to the {orchestrator.name} orchestrator.")
    try:
        external_id = orchestrator.submit(JobRun(job.pk, str(job), ENTRYPOINT, steps))
    except OrchestrationError as exc:
        log(job, f"The {orchestrator.name} orchestrator did not take the job: {exc}", "ERROR")
        finish(job, JobStatus.FAILED, error=str(exc))
        return
    Job.objects.filter(pk=job.pk).update(external_id=external_id)
    record_event(
        AuditAction.UPDATE, actor=None, obj=job, changes={"external_id": ["", external_id]}
    )
    if orchestrator.reports_status:
        enqueue("data_platform.tasks.jobs.watch_job", job.pk, countdown=WATCH_SECONDS)
    if Job.objects.filter(pk=job.pk, status=JobStatus.CANCELLED).exists():
        orchestrator.cancel(external_id)  # cancelled while we were submitting


def cancel_job(actor: User, job: Job) -> Job:
    """Cancel a queued or running job; its executor stops at its next check and deletes
    its partial output, and the orchestrator is told to stop the run."""
    with transaction.atomic():
        current = Job.objects.select_for_update().get(pk=job.pk)
        if current.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
            raise Conflict(
                f"Job {current.pk} is {current.status}; only queued or running jobs can be "
                "cancelled."
            )
        previous = current.status
        current.status = JobStatus.CANCELLED
        current.finished_at = timezone.now()
        current.save(update_fields=["status", "finished_at", "updated_at"])
        record_event(
            AuditAction.UPDATE,
            actor=actor,
            obj=current,
            changes={"status": [previous, JobStatus.CANCELLED]},
        )
        log(current, f"Cancelled by {actor.email}.")
        if current.external_id:
            enqueue("data_platform.tasks.jobs.stop_job", current.pk)
    return current


def stop_run(job_id: int) -> None:
    job = Job.objects.get(pk=job_id)
    orchestrator = get_backend("orchestration")
    if job.orchestrator != orchestrator.name:
        log(job, f"The {job.orchestrator} orchestrator is no longer configured.", "WARNING")
        return
    orchestrator.cancel(job.external_id)


def reap_outputs(job: Job, reason: str) -> None:
    """Fail (and delete from storage) versions the job started but never finished."""
    unfinished = job.outputs.filter(status__in=[VersionStatus.UPLOADING, VersionStatus.VALIDATING])
    for version in unfinished:
        mark_failed(version, reason)


def sync_job(job_id: int) -> bool:
    """Reconcile a job with its orchestrator's view of the run; True once the run is over
    and everything it left is cleaned up."""
    job = Job.objects.filter(pk=job_id).first()
    orchestrator = get_backend("orchestration")
    if job is None or not job.external_id or job.orchestrator != orchestrator.name:
        return True
    if not orchestrator.reports_status:
        return True  # nothing to learn: the executor's own reports are all there is
    status = orchestrator.status(job.external_id)
    if not status.state.finished:
        return False
    if job.status not in FINISHED:
        _fail_unreported(job, orchestrator, status.detail)
    reap_outputs(job, f"Job {job.pk} ended without finishing this version.")
    orchestrator.release(job.external_id)
    return True


def _fail_unreported(job: Job, orchestrator: Orchestrator, detail: str) -> None:
    """The run ended but the executor never reported: it did not start or was killed."""
    try:
        tail = orchestrator.logs(job.external_id)[-ORCHESTRATOR_LOG_TAIL:]
    except OrchestrationError as exc:
        tail = [f"(its log could not be read: {exc})"]
    for line in tail:
        log(job, f"[{orchestrator.name}] {line}", "WARNING")
    message = f"The {orchestrator.name} run ended before the job reported back: {detail}"
    log(job, message, "ERROR")
    finish(job, JobStatus.FAILED, error=message)
