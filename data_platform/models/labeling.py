from __future__ import annotations

from django.conf import settings
from django.db import models

from data_platform.choices import LabelingProjectStatus, LabelKind, LabelTaskStatus
from platform_core.models import ProjectScopedModel


class LabelingProject(ProjectScopedModel):
    name = models.CharField(max_length=100)
    version = models.ForeignKey(
        "data_platform.DatasetVersion", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=LabelKind.choices)
    labels = models.JSONField(default=list, help_text="The label vocabulary.")
    text_column = models.CharField(max_length=200, blank=True)
    instructions = models.TextField(blank=True, max_length=5000)
    status = models.CharField(
        max_length=20,
        choices=LabelingProjectStatus.choices,
        default=LabelingProjectStatus.PREPARING,
        help_text="Tasks are generated from the version in the background.",
    )
    error = models.TextField(blank=True)
    external_backend = models.CharField(max_length=30, blank=True)
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name


class LabelTask(ProjectScopedModel):
    """One item to annotate: a row (tabular/text) or a file (images) of the version."""

    labeling_project = models.ForeignKey(
        LabelingProject, on_delete=models.CASCADE, related_name="tasks"
    )
    item_ref = models.CharField(max_length=500, help_text="Row number or file path in the version.")
    data = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20, choices=LabelTaskStatus.choices, default=LabelTaskStatus.OPEN
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["labeling_project", "item_ref"], name="unique_label_item"
            )
        ]


class Annotation(ProjectScopedModel):
    task = models.ForeignKey(LabelTask, on_delete=models.CASCADE, related_name="annotations")
    value = models.JSONField(
        help_text="A label, a list of spans or a list of boxes, by the project's kind."
    )
    annotator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
