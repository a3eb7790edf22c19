"""Organizations, projects and their memberships."""

from __future__ import annotations

import math
from typing import Any

from django.db import transaction

from platform_core.errors import Conflict, Forbidden, InvalidInput
from platform_core.models import (
    Organization,
    OrganizationMembership,
    Project,
    ProjectMembership,
    User,
)
from platform_core.permissions.access import access_for, forget_access, is_platform_operator
from platform_core.permissions.roles import ORGANIZATION_ROLE_RANK, PROJECT_ROLE_RANK
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


def _organization_rank(actor: User, organization: Organization) -> float:
    if is_platform_operator(actor):
        return math.inf
    role = access_for(actor).organization_roles.get(organization.pk)
    return ORGANIZATION_ROLE_RANK[role] if role else -1


def _project_rank(actor: User, project: Project) -> float:
    """Organization owners and admins act as owners of every project in it."""
    if is_platform_operator(actor):
        return math.inf
    access = access_for(actor)
    if access.organization_roles.get(project.organization_id) in (
        OrganizationRole.OWNER,
        OrganizationRole.ADMIN,
    ):
        return PROJECT_ROLE_RANK[ProjectRole.OWNER]
    entry = access.project_roles.get(project.pk)
    return PROJECT_ROLE_RANK[entry[1]] if entry else -1


def _ensure_outranks(actor_rank: float, ranks: dict[str, int], *roles: str) -> None:
    for role in roles:
        if actor_rank < ranks[role]:
            raise Forbidden(f"Only someone with the {role} role or higher may grant or change it.")


def _ensure_owner_remains(owners: Any, leaving_pk: int, what: str) -> None:
    # Locked, so two owners demoting each other at once cannot both succeed.
    remaining = [
        pk for pk in owners.select_for_update().values_list("pk", flat=True) if pk != leaving_pk
    ]
    if not remaining:
        raise Conflict(f"{what} must keep at least one owner.", code="last_owner")


@transaction.atomic
def add_organization_member(
    actor: User, organization: Organization, *, email: str, role: str
) -> OrganizationMembership:
    _ensure_outranks(_organization_rank(actor, organization), ORGANIZATION_ROLE_RANK, role)
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


@transaction.atomic
def change_organization_member_role(
    actor: User, membership: OrganizationMembership, *, role: str
) -> OrganizationMembership:
    organization = membership.organization
    _ensure_outranks(
        _organization_rank(actor, organization), ORGANIZATION_ROLE_RANK, membership.role, role
    )
    if membership.role == OrganizationRole.OWNER and role != OrganizationRole.OWNER:
        owners = organization.memberships.filter(role=OrganizationRole.OWNER)
        _ensure_owner_remains(owners, membership.pk, "An organization")
    membership = update_object(actor, membership, role=role)
    forget_access(membership.user)
    return membership


@transaction.atomic
def remove_organization_member(actor: User, membership: OrganizationMembership) -> None:
    organization = membership.organization
    _ensure_outranks(
        _organization_rank(actor, organization), ORGANIZATION_ROLE_RANK, membership.role
    )
    if membership.role == OrganizationRole.OWNER:
        owners = organization.memberships.filter(role=OrganizationRole.OWNER)
        _ensure_owner_remains(owners, membership.pk, "An organization")
    for project_membership in ProjectMembership.objects.filter(
        user=membership.user, project__organization=organization
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


@transaction.atomic
def add_project_member(
    actor: User, project: Project, *, email: str, role: str
) -> ProjectMembership:
    _ensure_outranks(_project_rank(actor, project), PROJECT_ROLE_RANK, role)
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


@transaction.atomic
def change_project_member_role(
    actor: User, membership: ProjectMembership, *, role: str
) -> ProjectMembership:
    _ensure_outranks(
        _project_rank(actor, membership.project), PROJECT_ROLE_RANK, membership.role, role
    )
    if membership.role == ProjectRole.OWNER and role != ProjectRole.OWNER:
        owners = membership.project.memberships.filter(role=ProjectRole.OWNER)
        _ensure_owner_remains(owners, membership.pk, "A project")
    membership = update_object(actor, membership, role=role)
    forget_access(membership.user)
    return membership


@transaction.atomic
def remove_project_member(actor: User, membership: ProjectMembership) -> None:
    _ensure_outranks(_project_rank(actor, membership.project), PROJECT_ROLE_RANK, membership.role)
    if membership.role == ProjectRole.OWNER:
        owners = membership.project.memberships.filter(role=ProjectRole.OWNER)
        _ensure_owner_remains(owners, membership.pk, "A project")
    delete_object(actor, membership)
    forget_access(membership.user)
