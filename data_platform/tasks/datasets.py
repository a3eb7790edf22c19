"""Celery tasks of datasets: validation of uploaded versions, cleanup of stale uploads."""

from __future__ import annotations

from celery import shared_task

from data_platform.services import dataset_uploads, dataset_validation


@shared_task(name="data_platform.validate_dataset_version")
def validate_dataset_version(version_id: int) -> str | None:
    version = dataset_validation.validate_version(version_id)
    return None if version is None else version.status


@shared_task(name="data_platform.abort_expired_uploads")
def abort_expired_uploads() -> int:
    return dataset_uploads.abort_expired_uploads()
