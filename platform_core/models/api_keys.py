from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from platform_core.identity.choices import ApiKeyScope
from platform_core.models.tenancy import Project


class ApiKeyQuerySet(models.QuerySet["ApiKey"]):
    def restrict(self, user: Any, action: str = "view") -> ApiKeyQuerySet:
        """API keys are personal: everyone, operators included, reaches only their own; through
        a project-bound key, only their keys bound to that project."""
        from platform_core.permissions.access import bound_project_id

        if user is None or not user.is_authenticated:
            return self.none()
        mine = self.filter(user=user)
        if (bound := bound_project_id(user)) is not None:
            return mine.filter(project_id=bound)
        return mine

    def usable(self) -> ApiKeyQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiKey(models.Model):
    """A secret that authenticates as its user, narrowed to its scopes and, when it has one,
    to its project (it acts nowhere else)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, db_index=True, help_text="Shown to tell keys apart.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = ArrayField(models.CharField(max_length=10, choices=ApiKeyScope.choices), default=list)
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="When set, the key acts only inside this project.",
    )
    project_id: int | None
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )
