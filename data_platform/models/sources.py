from __future__ import annotations

from typing import Any

from django.db import models

from data_platform.choices import SourceKind
from platform_core.models import ProjectScopedModel
from platform_core.secrets import decrypt_json


class DataSource(ProjectScopedModel):
    """Where data comes from. Secrets (passwords, keys, full URLs) are encrypted at rest."""

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    description = models.TextField(blank=True, max_length=2000)
    config = models.JSONField(default=dict, blank=True, help_text="Non-secret settings.")
    encrypted_secrets = models.TextField(blank=True)
    last_tested_at = models.DateTimeField(null=True, blank=True)
    last_test_ok = models.BooleanField(null=True, blank=True)
    last_test_message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="unique_source_name_per_project"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def secrets(self) -> dict[str, Any]:
        return decrypt_json(self.encrypted_secrets) if self.encrypted_secrets else {}
