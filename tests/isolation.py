"""Samples for the generic tenant-isolation and query-count tests.

Every scoped viewset's model needs a sample factory here: ``(tenant) -> object``
that creates one new object inside ``tenant`` (visible to its owner), through the
service functions. Apps add theirs in ``<app>/tests/samples.py`` with
``@sample_for(Model)``; the walker fails for a scoped endpoint without one.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models

from platform_core.identity.services import create_api_key
from platform_core.models import ApiKey, AuditEvent, Organization, Project
from platform_core.services import update_object
from tests import factories

Sample = Callable[[Any], models.Model]
SAMPLES: dict[type[models.Model], Sample] = {}
_counter = itertools.count(1)


def sample_for(model: type[models.Model]) -> Callable[[Sample], Sample]:
    def register(factory: Sample) -> Sample:
        SAMPLES[model] = factory
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
