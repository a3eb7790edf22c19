"""Project webhooks: where a project's events are POSTed, signed with the webhook's secret.

The secret is encrypted at rest and shown only when it is set: generated (returned once by
the create) or given by the user.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from platform_core.errors import InvalidInput
from platform_core.events.catalog import event_types
from platform_core.events.outbound import check_outbound_url
from platform_core.models import Project, User, Webhook
from platform_core.secrets import encrypt_json
from platform_core.services import create_object, delete_object, update_object

SECRET_PREFIX = "whsec_"
MIN_SECRET_LENGTH = 16
MAX_SECRET_LENGTH = 200


def generate_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _encrypted(secret: str) -> str:
    if not MIN_SECRET_LENGTH <= len(secret) <= MAX_SECRET_LENGTH:
        raise InvalidInput(
            "The secret is too short or too long.",
            details={
                "secret": [f"Between {MIN_SECRET_LENGTH} and {MAX_SECRET_LENGTH} characters."]
            },
        )
    return encrypt_json({"secret": secret})


def _checked_types(types: Iterable[str]) -> list[str]:
    chosen = sorted(set(types))
    unknown = [name for name in chosen if name not in event_types()]
    if unknown:
        raise InvalidInput(
            f"Unknown event types: {', '.join(unknown)}.",
            details={"event_types": [f"Not an event type: {name}." for name in unknown]},
        )
    return chosen


@transaction.atomic
def create_webhook(
    actor: User | None,
    *,
    project: Project,
    name: str,
    url: str,
    event_types: Iterable[str] = (),
    is_active: bool = True,
    secret: str | None = None,
) -> tuple[Webhook, str]:
    """The webhook and its secret (``secret``, or a generated one)."""
    secret = secret or generate_secret()
    webhook = create_object(
        actor,
        Webhook,
        organization_id=project.organization_id,
        project=project,
        name=name,
        url=check_outbound_url(url),
        event_types=_checked_types(event_types),
        is_active=is_active,
        encrypted_secret=_encrypted(secret),
        created_by=actor,
    )
    return webhook, secret


def update_webhook(
    actor: User | None, webhook: Webhook, *, secret: str | None = None, **changes: Any
) -> Webhook:
    """Change the name, URL, event types or active flag; a ``secret`` replaces the old one."""
    if "url" in changes:
        changes["url"] = check_outbound_url(changes["url"])
    if "event_types" in changes:
        changes["event_types"] = _checked_types(changes["event_types"])
    if secret is not None:
        changes["encrypted_secret"] = _encrypted(secret)
    return update_object(actor, webhook, **changes)


def delete_webhook(actor: User | None, webhook: Webhook) -> None:
    """Delete the webhook and its delivery log."""
    delete_object(actor, webhook)
