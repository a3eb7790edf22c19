"""Sample webhooks for the generic tenant-isolation and query-count tests."""

from __future__ import annotations

import itertools
from typing import Any

from platform_core.events.webhooks import create_webhook
from platform_core.models import Webhook
from tests.isolation import CreateRequest, create_request_for, sample_for

_counter = itertools.count(1)


@sample_for(Webhook)
def webhook(tenant: Any) -> Webhook:
    number = next(_counter)
    created, _secret = create_webhook(
        tenant.owner,
        project=tenant.project,
        name=f"receiver-{number}",
        url=f"https://hooks.example.com/{number}",
    )
    return created


@create_request_for("webhook-list")
def webhook_request(tenant: Any) -> CreateRequest:
    number = next(_counter)
    data = {
        "project": tenant.project.pk,
        "name": f"created-{number}",
        "url": f"https://hooks.example.com/created-{number}",
    }
    return CreateRequest("/api/v1/webhooks/", data)
