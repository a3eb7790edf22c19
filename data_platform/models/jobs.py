from __future__ import annotations

from django.conf import settings
from django.db import models

from data_platform.choices import JobKind, JobStatus
from platform_core.models import ProjectScopedModel


class Job(ProjectScopedModel):
    """Long work that produces a dataset version: a processing pipeline or an ingestion."""

    kind = models.CharField(max_length=30, choices=JobKind.choices)
    name = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    spec = models.JSONField(
        default=dict, help_text="What to run: pipeline steps, query, topic window..."
    )
    inputs = models.ManyToManyField(
        "data_platform.DatasetVersion", blank=True, related_name="consumed_by"
    )
    source = models.ForeignKey(
        "data_platform.DataSource",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jobs",
    )
    target_dataset = models.ForeignKey(
        "data_platform.Dataset",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jobs",
    )
    orchestrator = models.CharField(max_length=30, default="local")
    external_id = models.CharField(
        max_length=250, blank=True, help_text="Run id in the orchestrator."
    )
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name or f"{self.kind} #{self.pk}"


class JobLogLine(models.Model):
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="log_lines")
    time = models.DateTimeField(auto_now_add=True)
    level = models.CharField(max_length=10, default="INFO")
    message = models.TextField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"[{self.level}] {self.message[:80]}"
