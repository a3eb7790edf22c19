from __future__ import annotations

from django.db import models

from data_platform.choices import CollectionStatus
from platform_core.models import ProjectScopedModel


class VectorCollection(ProjectScopedModel):
    """Embeddings of a text column of a dataset version, searchable by similarity."""

    name = models.CharField(max_length=100)
    version = models.ForeignKey(
        "data_platform.DatasetVersion", on_delete=models.PROTECT, related_name="+"
    )
    text_column = models.CharField(max_length=200)
    metadata_columns = models.JSONField(default=list, blank=True)
    embedding_model = models.CharField(max_length=200)
    dimensions = models.PositiveIntegerField(default=384)
    backend = models.CharField(max_length=30, default="pgvector")
    status = models.CharField(
        max_length=20, choices=CollectionStatus.choices, default=CollectionStatus.BUILDING
    )
    error = models.TextField(blank=True)
    item_count = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="unique_collection_name_per_project"
            )
        ]

    def __str__(self) -> str:
        return self.name
