"""Validating a version's stored files (run by a Celery task): ready, or failed with nothing kept.

The files are read back from storage as streams (Parquet and zip archives through a
local temporary copy); the row count, schema, validation report, preview and
profile are stored on the version in the same pass.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from data_platform.choices import VersionStatus
from data_platform.models import DatasetVersion
from data_platform.services import formats
from data_platform.services.formats.base import Validated
from data_platform.services.formats.profile import profile
from data_platform.services.versions import check_quota, mark_failed, mark_ready
from platform_core.backends import get_backend
from platform_core.errors import QuotaExceeded

logger = logging.getLogger(__name__)


def validate_version(version_id: int) -> DatasetVersion | None:
    """Validate a version in ``validating``; anything else (or a deleted one) is left alone."""
    version = DatasetVersion.objects.select_related("dataset").filter(pk=version_id).first()
    if version is None or version.status != VersionStatus.VALIDATING:
        return version
    try:
        validated, statistics = read_through(version)
    except formats.InvalidData as exc:
        return _fail(version, exc.reason, exc.report)
    except Exception as exc:
        logger.exception("Validating dataset version %s failed unexpectedly", version_id)
        return _fail(version, f"Validation failed unexpectedly: {exc}", None)
    return _ready(version, validated, statistics)


def read_through(version: DatasetVersion) -> tuple[Validated, dict[str, Any]]:
    """Read the version's stored files through: what they hold, and its profile.
    Raises formats.InvalidData when they are not valid for the dataset's format."""
    validated = formats.validate(
        version.dataset.format, get_backend("storage"), version.storage_prefix, version.files
    )
    return validated, profile(validated.sample, validated.schema, validated.row_count)


def store_description(
    version: DatasetVersion, validated: Validated, statistics: dict[str, Any]
) -> None:
    """Keep the files' manifest, preview and profile on the version (before it is ready)."""
    version.files = validated.files
    version.total_bytes = sum(int(entry["size"]) for entry in validated.files)
    version.preview = validated.preview
    version.profile = statistics
    version.save(update_fields=["files", "total_bytes", "preview", "profile", "updated_at"])


def _locked_if_validating(version: DatasetVersion) -> DatasetVersion | None:
    current = DatasetVersion.objects.select_for_update().filter(pk=version.pk).first()
    if current is None or current.status == VersionStatus.FAILED:
        # Deleted or failed while we read it: drop whatever we stored since.
        get_backend("storage").delete_prefix(version.storage_prefix)
    if current is None or current.status != VersionStatus.VALIDATING:
        return None  # (a ready one was validated by another delivery of the task)
    return current


def _fail(
    version: DatasetVersion, reason: str, report: dict[str, Any] | None
) -> DatasetVersion | None:
    with transaction.atomic():
        current = _locked_if_validating(version)
        return None if current is None else mark_failed(current, reason, report=report)


def _ready(
    version: DatasetVersion, validated: Validated, statistics: dict[str, Any]
) -> DatasetVersion | None:
    with transaction.atomic():
        current = _locked_if_validating(version)
        if current is None:
            return None
        store_description(current, validated, statistics)
        try:
            # Unpacked archives can be larger than what was uploaded.
            check_quota(current.organization, 0)
        except QuotaExceeded as exc:
            transaction.set_rollback(True)
            failure = exc.message
        else:
            return mark_ready(
                current,
                row_count=validated.row_count,
                schema=validated.schema,
                validation_report=validated.report,
            )
    return _fail(version, failure, validated.report)
