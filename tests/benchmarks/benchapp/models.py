from django.db import models

from platform_core.models import ProjectScopedModel


class Item(ProjectScopedModel):
    name = models.CharField(max_length=100)
    size = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["organization", "-id"]),
            models.Index(fields=["project", "-id"]),
        ]
