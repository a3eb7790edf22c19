"""Test data made through the service functions, exactly as the API makes it."""

from __future__ import annotations

import itertools
from typing import Any

from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from platform_core.identity.services import create_user
from platform_core.models import Organization, Project, User
from platform_core.tenancy import services as tenancy

PASSWORD = "correct-horse-battery-staple"
_sequence = itertools.count(1)


def make_user(email: str | None = None, *, password: str = PASSWORD, **extra: Any) -> User:
    number = next(_sequence)
    return create_user(None, email=email or f"user{number}@example.com", password=password, **extra)


def make_organization(owner: User, slug: str | None = None, **extra: Any) -> Organization:
    slug = slug or f"org-{next(_sequence)}"
    return tenancy.create_organization(
        owner, name=extra.pop("name", slug.title()), slug=slug, **extra
    )


def make_project(owner: User, organization: Organization, slug: str | None = None) -> Project:
    slug = slug or f"project-{next(_sequence)}"
    return tenancy.create_project(owner, organization=organization, name=slug.title(), slug=slug)


def add_org_member(organization: Organization, user: User, role: str) -> None:
    owner = organization.memberships.get(role="owner").user
    tenancy.add_organization_member(owner, organization, email=user.email, role=role)


def add_project_member(project: Project, user: User, role: str) -> None:
    owner = project.memberships.get(role="owner").user
    if not project.organization.memberships.filter(user=user).exists():
        add_org_member(project.organization, user, "viewer")
    tenancy.add_project_member(owner, project, email=user.email, role=role)


def client_for(user: User | None = None, *, token: str | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        token = str(RefreshToken.for_user(user).access_token)
    if token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client
