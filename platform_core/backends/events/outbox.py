"""The embedded default: the database outbox is the event log; nothing else is published.

The relay still delivers every event to the project's webhooks.
"""

from __future__ import annotations

from collections.abc import Sequence

from platform_core.backends.events.base import EventPublisher, PlatformEvent


class OutboxOnly(EventPublisher):
    name = "outbox"

    def publish(self, events: Sequence[PlatformEvent]) -> None:
        return None
