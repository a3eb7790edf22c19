from __future__ import annotations

from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models

from platform_core.permissions.querysets import RestrictedQuerySet
from platform_core.permissions.scope import Kind, Scope
from platform_core.tenancy.choices import OrganizationRole, ProjectRole


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Organization(TimestampedModel):
    """A tenant: every resource row belongs to exactly one."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=50, unique=True, validators=[MinLengthValidator(2)])
    description = models.TextField(blank=True, max_length=2000)
    storage_quota_bytes = models.BigIntegerField(
        null=True,
        blank=True,
        help_text="Maximum bytes stored for this organization; empty means unlimited.",
    )

    objects = RestrictedQuerySet.as_manager()
    scope = Scope(organization="pk", project=None, kind=Kind.ORGANIZATION)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class OrganizationMembership(TimestampedModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organization_memberships"
    )
    role = models.CharField(max_length=20, choices=OrganizationRole.choices)

    objects = RestrictedQuerySet.as_manager()
    scope = Scope(organization="organization", project=None, kind=Kind.ORGANIZATION_MEMBERSHIP)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="unique_organization_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.role})"


class Project(TimestampedModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="projects"
    )
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=50, validators=[MinLengthValidator(2)])
    description = models.TextField(blank=True, max_length=2000)

    objects = RestrictedQuerySet.as_manager()
    scope = Scope(organization="organization", project="pk", kind=Kind.PROJECT)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "slug"], name="unique_project_slug_per_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization.slug}/{self.slug}"


class ProjectMembership(TimestampedModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(max_length=20, choices=ProjectRole.choices)

    objects = RestrictedQuerySet.as_manager()
    scope = Scope(
        organization="project__organization", project="project", kind=Kind.PROJECT_MEMBERSHIP
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="unique_project_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.project} ({self.role})"
