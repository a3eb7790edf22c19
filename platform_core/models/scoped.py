"""Abstract bases for every resource model of every app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from platform_core.models.tenancy import Organization, Project, TimestampedModel
from platform_core.permissions.querysets import RestrictedQuerySet
from platform_core.permissions.scope import Kind, Scope


class OrganizationScopedModel(TimestampedModel):
    """A row that belongs to one organization (tenant)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    organization_id: int

    objects = RestrictedQuerySet.as_manager()
    scope = Scope(organization="organization", project=None, kind=Kind.RESOURCE)

    class Meta:
        abstract = True


class ProjectScopedModel(OrganizationScopedModel):
    """A row that belongs to a project; its organization is always the project's."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    project_id: int

    scope = Scope(organization="organization", project="project", kind=Kind.RESOURCE)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if (
            self.project_id
            and self.organization_id
            and self.project.organization_id != self.organization_id
        ):
            raise ValidationError({"project": "The project belongs to another organization."})

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.project_id and not self.organization_id:
            self.organization_id = self.project.organization_id
        self.clean()
        super().save(*args, **kwargs)
