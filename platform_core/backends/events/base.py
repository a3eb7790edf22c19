"""The events backend kind: where the relay publishes platform events, in order.

Events are written to the database outbox in the transaction of the change they describe;
the relay hands them to ``publish`` oldest first. Implementations take the plain
``PlatformEvent`` below and raise ``EventPublishError``, never SDK errors. Delivery is at
least once: an event may be published again after a failure, always with the same ``id``,
which is what consumers dedupe on.
"""

from __future__ import annotations

import abc
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


class EventPublishError(Exception):
    """Publishing stopped at ``events[published]``; the ones before it were published."""

    def __init__(self, message: str, *, published: int) -> None:
        super().__init__(message)
        self.published = published


@dataclass(frozen=True)
class PlatformEvent:
    id: str
    type: str
    occurred_at: datetime
    organization: int
    project: int | None
    subject_type: str
    subject_id: str
    data: dict[str, Any]

    @property
    def subject(self) -> str:
        """``<app>.<model>:<id>``: events of one subject keep their order (the Kafka key)."""
        return f"{self.subject_type}:{self.subject_id}"

    def envelope(self) -> dict[str, Any]:
        """The event as every consumer sees it (Kafka message value, webhook body)."""
        return {
            "id": self.id,
            "type": self.type,
            "occurred_at": self.occurred_at.isoformat(),
            "organization": self.organization,
            "project": self.project,
            "subject": {"type": self.subject_type, "id": self.subject_id},
            "data": self.data,
        }

    def body(self) -> bytes:
        return json.dumps(self.envelope(), cls=DjangoJSONEncoder, ensure_ascii=False).encode()


class EventPublisher(abc.ABC):
    #: Shown in logs and the admin: where events go besides the outbox and webhooks.
    name: str

    @abc.abstractmethod
    def publish(self, events: Sequence[PlatformEvent]) -> None:
        """Publish ``events`` in this order, or raise ``EventPublishError``."""

    def close(self) -> None:  # noqa: B027  (most publishers hold nothing)
        """Release connections (process shutdown, tests switching brokers)."""
