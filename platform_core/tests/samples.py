"""Sample webhooks for the generic tenant-isolation and query-count tests."""

from __future__ import annotations

import itertools
from typing import Any

from platform_core.events.webhooks import create_webhook
from platform_core.models import Webhook
from tests.isolation import sample_for

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
