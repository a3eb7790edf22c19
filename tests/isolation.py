"""Samples for the generic tenant-isolation and query-count tests.

Every scoped viewset's model needs a sample factory here: ``(tenant) -> object``
that creates one new object inside ``tenant`` (visible to its owner), through the
service functions. Apps add theirs in ``<app>/tests/samples.py`` with
``@sample_for(Model)``; the walker fails for a scoped endpoint without one.

Every creating route (a list's POST, or an @action the viewset declares in ``adds``)
needs a create request too: ``@create_request_for("<url name>")`` on
``(tenant) -> CreateRequest``, a valid request that adds into ``tenant`` (making the
object it is sent to, if any). The walker sends it as a viewer and as an outsider,
expecting a refusal and nothing written, and as the owner, expecting it to pass.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.db import models

from platform_core.identity.services import create_api_key
from platform_core.models import ApiKey, AuditEvent, Organization, Project
from platform_core.services import update_object
from tests import factories

Sample = Callable[[Any], models.Model]
SAMPLES: dict[type[models.Model], Sample] = {}
_counter = itertools.count(1)


@dataclass(frozen=True)
class CreateRequest:
    path: str
    data: Any = None
    format: str = "json"


CreateRequestFactory = Callable[[Any], CreateRequest]
CREATE_REQUESTS: dict[str, CreateRequestFactory] = {}


SampleT = TypeVar("SampleT", bound=Sample)
CreateRequestFactoryT = TypeVar("CreateRequestFactoryT", bound=CreateRequestFactory)


def sample_for(model: type[models.Model]) -> Callable[[SampleT], SampleT]:
    def register(factory: SampleT) -> SampleT:
        SAMPLES[model] = factory
        return factory

    return register


def create_request_for(url_name: str) -> Callable[[CreateRequestFactoryT], CreateRequestFactoryT]:
    def register(factory: CreateRequestFactoryT) -> CreateRequestFactoryT:
        CREATE_REQUESTS[url_name] = factory
        return factory

    return register


def load_app_samples() -> dict[type[models.Model], Sample]:
    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.tests.samples")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tests.samples" and exc.name != f"{config.name}.tests":
                raise
    return SAMPLES


def load_create_requests() -> dict[str, CreateRequestFactory]:
    load_app_samples()
    return CREATE_REQUESTS


@sample_for(Organization)
def _organization(tenant: Any) -> models.Model:
    return factories.make_organization(tenant.owner, slug=f"sample-org-{next(_counter)}")


@sample_for(Project)
def _project(tenant: Any) -> models.Model:
    return factories.make_project(
        tenant.owner, tenant.organization, slug=f"sample-{next(_counter)}"
    )


@sample_for(ApiKey)
def _api_key(tenant: Any) -> models.Model:
    api_key, _secret = create_api_key(tenant.owner, name=f"key-{next(_counter)}", scopes=["read"])
    return api_key


@sample_for(AuditEvent)
def _audit_event(tenant: Any) -> models.Model:
    update_object(tenant.owner, tenant.organization, description=f"revision {next(_counter)}")
    return AuditEvent.objects.filter(organization=tenant.organization).latest("id")


@create_request_for("project-list")
def _new_project(tenant: Any) -> CreateRequest:
    slug = f"created-{next(_counter)}"
    data = {"organization": tenant.organization.pk, "name": slug.title(), "slug": slug}
    return CreateRequest("/api/v1/projects/", data)


@create_request_for("organization-members")
def _new_organization_member(tenant: Any) -> CreateRequest:
    user = factories.make_user()
    return CreateRequest(
        f"/api/v1/organizations/{tenant.organization.pk}/members/",
        {"email": user.email, "role": "member"},
    )


@create_request_for("project-members")
def _new_project_member(tenant: Any) -> CreateRequest:
    user = factories.make_user()
    factories.add_org_member(tenant.organization, user, "viewer")
    return CreateRequest(
        f"/api/v1/projects/{tenant.project.pk}/members/",
        {"email": user.email, "role": "developer"},
    )
