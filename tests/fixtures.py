"""Fixtures shared by every test module (registered from the root conftest)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests import factories
from tests.servers.celery_worker import reset_producer_pools


@pytest.fixture(autouse=True)
def _isolated_cache(settings: Any) -> None:
    """Throttle counters must not leak between tests (or between xdist workers)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": uuid.uuid4().hex,
        }
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _local_storage(settings: Any, tmp_path: Any) -> None:
    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "storage": {
            "BACKEND": "platform_core.backends.storage.local.LocalStorage",
            "OPTIONS": {"root": str(tmp_path / "objects")},
        },
    }


@pytest.fixture(autouse=True)
def _outbox_only_events(settings: Any) -> None:
    """Events stay in the outbox (and reach webhooks) unless a test points them at Kafka."""
    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "events": {"BACKEND": "platform_core.backends.events.outbox.OutboxOnly", "OPTIONS": {}},
    }


@dataclass
class Tenant:
    """An organization with one project and a user in every role."""

    organization: Any
    project: Any
    owner: Any
    admin: Any
    member: Any
    viewer: Any
    project_developer: Any
    project_viewer: Any


def build_tenant(slug: str) -> Tenant:
    owner = factories.make_user(f"owner@{slug}.example.com")
    organization = factories.make_organization(owner, slug=slug)
    project = factories.make_project(owner, organization, slug=f"{slug}-project")
    people = {}
    for role in ("admin", "member", "viewer"):
        people[role] = factories.make_user(f"{role}@{slug}.example.com")
        factories.add_org_member(organization, people[role], role)
    developer = factories.make_user(f"developer@{slug}.example.com")
    project_viewer = factories.make_user(f"project-viewer@{slug}.example.com")
    factories.add_project_member(project, developer, "developer")
    factories.add_project_member(project, project_viewer, "viewer")
    return Tenant(
        organization,
        project,
        owner,
        people["admin"],
        people["member"],
        people["viewer"],
        developer,
        project_viewer,
    )


@pytest.fixture
def tenant(db: Any) -> Tenant:
    return build_tenant("acme")


@pytest.fixture
def other_tenant(db: Any) -> Tenant:
    return build_tenant("globex")


@pytest.fixture
def staff(db: Any) -> Any:
    return factories.make_user("operator@example.com", is_staff=True)


@pytest.fixture(autouse=True)
def _fresh_celery_connections() -> Iterator[None]:
    """A test that enqueued (even eagerly) leaves pooled broker connections behind; the next
    test may point Celery elsewhere, and a connection left to a stopped broker hangs."""
    yield
    reset_producer_pools()
