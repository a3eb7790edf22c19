"""Dataset versions: created empty, filled with files, then either ready or failed.

A version is immutable once ready. A failed version keeps its row (and reason)
for the record, but nothing of it stays in storage.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from data_platform import events
from data_platform.choices import VersionStatus
from data_platform.models import Dataset, DatasetVersion, Job
from platform_core.audit import record_event
from platform_core.backends import get_backend
from platform_core.errors import Conflict, QuotaExceeded
from platform_core.events import emit
from platform_core.models import AuditAction, Organization, User
from platform_core.services import create_object

#: Versions in these states hold (or are about to hold) bytes in storage.
STORED_STATES = (VersionStatus.UPLOADING, VersionStatus.VALIDATING, VersionStatus.READY)


def version_prefix(dataset: Dataset, number: int) -> str:
    return (
        f"org/{dataset.organization_id}/project/{dataset.project_id}/"
        f"dataset/{dataset.pk}/version/{number}/"
    )


def storage_used(organization: Organization) -> int:
    used = DatasetVersion.objects.filter(
        organization=organization, status__in=STORED_STATES
    ).aggregate(total=Sum("total_bytes"))["total"]
    return int(used or 0)


def check_quota(organization: Organization, incoming_bytes: int) -> None:
    """Refuse an upload that would exceed the organization's quota, before storing anything."""
    quota = organization.storage_quota_bytes
    if quota is None:
        return
    used = storage_used(organization)
    if used + incoming_bytes > quota:
        raise QuotaExceeded(
            f"This upload needs {incoming_bytes:,} bytes but the organization has "
            f"{max(quota - used, 0):,} of its {quota:,} bytes left.",
            details={"quota_bytes": quota, "used_bytes": used, "requested_bytes": incoming_bytes},
        )


@transaction.atomic
def create_version(
    actor: User | None,
    dataset: Dataset,
    *,
    message: str = "",
    parents: list[DatasetVersion] | None = None,
    produced_by: Job | None = None,
) -> DatasetVersion:
    # Lock the dataset row so concurrent uploads get distinct numbers.
    Dataset.objects.select_for_update().filter(pk=dataset.pk).first()
    number = (dataset.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = create_object(
        actor,
        DatasetVersion,
        dataset=dataset,
        project=dataset.project,
        organization_id=dataset.organization_id,
        number=number,
        status=VersionStatus.UPLOADING,
        storage_prefix=version_prefix(dataset, number),
        message=message,
        produced_by=produced_by,
        created_by=actor,
    )
    if parents:
        version.parents.set(parents)
    return version


def mark_validating(version: DatasetVersion, *, files: list[dict[str, Any]]) -> DatasetVersion:
    version.files = files
    version.total_bytes = sum(int(item["size"]) for item in files)
    version.status = VersionStatus.VALIDATING
    version.save(update_fields=["files", "total_bytes", "status", "updated_at"])
    return version


@transaction.atomic
def mark_ready(
    version: DatasetVersion,
    *,
    row_count: int | None,
    schema: list[dict[str, Any]],
    validation_report: dict[str, Any],
) -> DatasetVersion:
    if version.status == VersionStatus.READY:
        raise Conflict("This version is already ready and cannot change.")
    version.row_count = row_count
    version.schema = schema
    version.validation_report = validation_report
    version.status = VersionStatus.READY
    version.ready_at = timezone.now()
    version.save(
        update_fields=[
            "row_count",
            "schema",
            "validation_report",
            "status",
            "ready_at",
            "updated_at",
        ]
    )
    record_event(
        AuditAction.UPDATE, actor=None, obj=version, changes={"status": ["validating", "ready"]}
    )
    emit(
        events.VERSION_READY,
        organization=version.organization_id,
        project=version.project_id,
        subject=version,
        data=events.version_ready(version),
    )
    return version


def mark_failed(
    version: DatasetVersion, reason: str, *, report: dict[str, Any] | None = None
) -> DatasetVersion:
    """Fail the version and remove everything it stored; safe to call more than once."""
    get_backend("storage").delete_prefix(version.storage_prefix)
    previous = version.status
    version.status = VersionStatus.FAILED
    version.failure_reason = reason[:5000]
    version.total_bytes = 0
    if report is not None:
        version.validation_report = report
    with transaction.atomic():
        version.save(
            update_fields=[
                "status",
                "failure_reason",
                "total_bytes",
                "validation_report",
                "updated_at",
            ]
        )
        record_event(
            AuditAction.UPDATE,
            actor=None,
            obj=version,
            changes={"status": [previous, VersionStatus.FAILED]},
        )
        if previous != VersionStatus.FAILED:
            emit(
                events.VERSION_FAILED,
                organization=version.organization_id,
                project=version.project_id,
                subject=version,
                data=events.version_failed(version),
            )
    return version
