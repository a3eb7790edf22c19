"""Organizations, projects and their memberships."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from platform_core.errors import Conflict, InvalidInput
from platform_core.models import (
    Organization,
    OrganizationMembership,
    Project,
    ProjectMembership,
    User,
)
from platform_core.permissions.access import forget_access
from platform_core.services import create_object, delete_object, update_object
from platform_core.tenancy.choices import OrganizationRole, ProjectRole


@transaction.atomic
def create_organization(
    actor: User, *, name: str, slug: str, description: str = ""
) -> Organization:
    organization = create_object(actor, Organization, name=name, slug=slug, description=description)
    create_object(
        actor,
        OrganizationMembership,
        organization=organization,
        user=actor,
        role=OrganizationRole.OWNER,
    )
    forget_access(actor)
    return organization


def update_organization(actor: User, organization: Organization, **changes: Any) -> Organization:
    return update_object(actor, organization, **changes)


@transaction.atomic
def delete_organization(actor: User, organization: Organization) -> None:
    if organization.projects.exists():
        raise Conflict(
            "This organization still has projects; delete or move them first.",
            code="organization_not_empty",
            details={"projects": organization.projects.count()},
        )
    for membership in organization.memberships.select_related("user"):
        delete_object(actor, membership)
    delete_object(actor, organization)
    forget_access(actor)


def _user_by_email(email: str) -> User:
    try:
        return User.objects.get(email__iexact=email.strip())
    except User.DoesNotExist:
        raise InvalidInput(
            "No user with this email address.",
            details={"email": ["No user with this email address."]},
        ) from None


def add_organization_member(
    actor: User, organization: Organization, *, email: str, role: str
) -> OrganizationMembership:
    user = _user_by_email(email)
    if organization.memberships.filter(user=user).exists():
        raise Conflict(
            f"{user.email} is already a member of this organization.",
            details={"email": ["Already a member."]},
        )
    membership = create_object(
        actor, OrganizationMembership, organization=organization, user=user, role=role
    )
    forget_access(user)
    return membership


def _ensure_owner_remains(organization: Organization, leaving: OrganizationMembership) -> None:
    if leaving.role != OrganizationRole.OWNER:
        return
    others = organization.memberships.filter(role=OrganizationRole.OWNER).exclude(pk=leaving.pk)
    if not others.exists():
        raise Conflict("An organization must keep at least one owner.", code="last_owner")


@transaction.atomic
def change_organization_member_role(
    actor: User, membership: OrganizationMembership, *, role: str
) -> OrganizationMembership:
    if role != OrganizationRole.OWNER:
        _ensure_owner_remains(membership.organization, membership)
    membership = update_object(actor, membership, role=role)
    forget_access(membership.user)
    return membership


@transaction.atomic
def remove_organization_member(actor: User, membership: OrganizationMembership) -> None:
    _ensure_owner_remains(membership.organization, membership)
    for project_membership in ProjectMembership.objects.filter(
        user=membership.user, project__organization=membership.organization
    ):
        delete_object(actor, project_membership)
    delete_object(actor, membership)
    forget_access(membership.user)


@transaction.atomic
def create_project(
    actor: User, *, organization: Organization, name: str, slug: str, description: str = ""
) -> Project:
    project = create_object(
        actor, Project, organization=organization, name=name, slug=slug, description=description
    )
    create_object(actor, ProjectMembership, project=project, user=actor, role=ProjectRole.OWNER)
    forget_access(actor)
    return project


def update_project(actor: User, project: Project, **changes: Any) -> Project:
    return update_object(actor, project, **changes)


@transaction.atomic
def delete_project(actor: User, project: Project) -> None:
    for membership in project.memberships.all():
        delete_object(actor, membership)
    delete_object(actor, project)


def add_project_member(
    actor: User, project: Project, *, email: str, role: str
) -> ProjectMembership:
    user = _user_by_email(email)
    if not project.organization.memberships.filter(user=user).exists():
        raise InvalidInput(
            f"{user.email} is not a member of the organization {project.organization.slug!r}; "
            "invite them to the organization first.",
            details={"email": ["Not a member of this project's organization."]},
        )
    if project.memberships.filter(user=user).exists():
        raise Conflict(
            f"{user.email} is already a member of this project.",
            details={"email": ["Already a member."]},
        )
    membership = create_object(actor, ProjectMembership, project=project, user=user, role=role)
    forget_access(user)
    return membership


def change_project_member_role(
    actor: User, membership: ProjectMembership, *, role: str
) -> ProjectMembership:
    membership = update_object(actor, membership, role=role)
    forget_access(membership.user)
    return membership


def remove_project_member(actor: User, membership: ProjectMembership) -> None:
    delete_object(actor, membership)
    forget_access(membership.user)
