from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from data_platform.choices import DatasetFormat, VersionStatus
from platform_core.models import ProjectScopedModel


class Dataset(ProjectScopedModel):
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, max_length=5000)
    format = models.CharField(max_length=20, choices=DatasetFormat.choices)
    tags = ArrayField(models.CharField(max_length=50), default=list, blank=True, size=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="unique_dataset_name_per_project"
            )
        ]

    def __str__(self) -> str:
        return self.name


class DatasetVersion(ProjectScopedModel):
    """An immutable snapshot of a dataset's files, visible once validated (status ready)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=VersionStatus.choices, default=VersionStatus.UPLOADING
    )
    failure_reason = models.TextField(blank=True)
    message = models.CharField(max_length=500, blank=True)
    storage_prefix = models.CharField(max_length=500)
    files = models.JSONField(default=list, blank=True, help_text="[{path, size, sha256}]")
    total_bytes = models.BigIntegerField(default=0)
    row_count = models.BigIntegerField(null=True, blank=True)
    schema = models.JSONField(default=list, blank=True, help_text="[{name, type}]")
    validation_report = models.JSONField(default=dict, blank=True)
    preview = models.JSONField(default=dict, blank=True)
    profile = models.JSONField(default=dict, blank=True)
    parents = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="children")
    produced_by = models.ForeignKey(
        "data_platform.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outputs",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="unique_version_number")
        ]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"{self.dataset.name} v{self.number}"


class UploadSession(ProjectScopedModel):
    """A resumable upload of a version's large files straight to object storage (S3 multipart)."""

    version = models.OneToOneField(
        DatasetVersion, on_delete=models.CASCADE, related_name="upload_session"
    )
    uploads = models.JSONField(default=list, help_text="[{path, key, upload_id, size, part_size}]")
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-id"]
