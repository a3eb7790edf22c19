from __future__ import annotations

from django.conf import settings
from django.db import models

from platform_core.models import ProjectScopedModel


class Note(ProjectScopedModel):
    """A titled text in a project: the template's one aggregate, to rename to yours."""

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, max_length=20000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "title"], name="unique_note_title_per_project"
            )
        ]

    def __str__(self) -> str:
        return self.title
