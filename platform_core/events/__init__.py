"""Platform events: ``emit`` a domain event inside the transaction of the change it describes.

The outbox relay publishes it (to Kafka when configured) and delivers it to the project's
webhooks. See ``platform_core.events.outbox``.
"""

from platform_core.events.outbox import emit

__all__ = ["emit"]
