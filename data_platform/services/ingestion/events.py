"""Platform events on Kafka: ``publish_event(topic, payload)``.

Configured by the ``KAFKA_BOOTSTRAP_SERVERS`` setting (a list of host:port). Without it,
publishing is a no-op that logs at debug level, so the platform runs without a broker.
Sending is asynchronous: the returned future resolves once the broker has the event. Broker
trouble is logged, never raised: events are notifications, never the record of truth.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from kafka import KafkaProducer
from kafka.errors import KafkaError
from kafka.producer.future import FutureRecordMetadata
from kafka.serializer import Serializer

logger = logging.getLogger(__name__)

#: How long publishing may block (connecting, fetching the topic's metadata).
BLOCK_TIMEOUT_MS = 10_000
_producers: dict[tuple[str, ...], KafkaProducer] = {}
_lock = threading.Lock()


def _producer(servers: tuple[str, ...]) -> KafkaProducer:
    with _lock:
        if servers not in _producers:
            _producers[servers] = KafkaProducer(
                bootstrap_servers=list(servers),
                client_id="zhongtai-events",
                bootstrap_timeout_ms=BLOCK_TIMEOUT_MS,
                max_block_ms=BLOCK_TIMEOUT_MS,
                value_serializer=EventSerializer(),
            )
        return _producers[servers]


class EventSerializer(Serializer):  # type: ignore[misc]
    """Event payloads as UTF-8 JSON; dates, decimals and UUIDs as Django serialises them."""

    def serialize(self, topic: str, headers: list[tuple[str, bytes]], value: Any) -> bytes:
        return json.dumps(value, cls=DjangoJSONEncoder).encode()


def _failed(topic: str, exc: BaseException) -> None:
    logger.warning("Platform event on %r was not published: %s", topic, exc)


def publish_event(topic: str, payload: dict[str, Any]) -> FutureRecordMetadata | None:
    """Send ``payload`` as JSON to ``topic``: the send's future, or None when nothing was sent
    (no Kafka configured, or the broker unreachable, which is logged)."""
    servers = tuple(getattr(settings, "KAFKA_BOOTSTRAP_SERVERS", None) or ())
    if not servers:
        logger.debug("KAFKA_BOOTSTRAP_SERVERS is not set; event on %r not published.", topic)
        return None
    try:
        future = _producer(servers).send(topic, value=payload)
    except KafkaError as exc:
        _failed(topic, exc)
        return None
    return future.add_errback(lambda exc: _failed(topic, exc))


def close_producers() -> None:
    """Flush and close the producers (at process shutdown; tests between brokers)."""
    with _lock:
        while _producers:
            _producers.popitem()[1].close(timeout=BLOCK_TIMEOUT_MS / 1000)
