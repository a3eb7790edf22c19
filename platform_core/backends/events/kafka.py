"""Platform events on Kafka through ``kafka-python``: one topic, the event type in a header.

Every event goes to one topic (``KAFKA_EVENTS_TOPIC``, default ``zhongtai.events``) with
its subject (``<app>.<model>:<id>``) as the message key, so the events of one subject land on
one partition in the order they happened. The value is the JSON envelope (the same bytes a
webhook receives); the headers ``type`` and ``id`` let consumers filter and dedupe without
parsing it. One topic keeps ordering across types and needs no topic per new event type.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from kafka import KafkaProducer
from kafka.errors import KafkaError

from platform_core.backends.events.base import EventPublisher, EventPublishError, PlatformEvent

DEFAULT_TOPIC = "zhongtai.events"
#: How long publishing a batch may take (connecting, metadata, the broker's acks).
TIMEOUT_MS = 10_000


class KafkaEvents(EventPublisher):
    name = "kafka"

    def __init__(
        self,
        *,
        bootstrap_servers: list[str],
        topic: str = DEFAULT_TOPIC,
        client_id: str = "zhongtai-events",
        timeout_ms: int = TIMEOUT_MS,
        security_protocol: str = "PLAINTEXT",
        sasl_mechanism: str | None = None,
        sasl_plain_username: str | None = None,
        sasl_plain_password: str | None = None,
    ) -> None:
        self.topic = topic
        self.timeout_ms = timeout_ms
        self._config: dict[str, Any] = {
            "bootstrap_servers": list(bootstrap_servers),
            "client_id": client_id,
            "acks": "all",
            # One request in flight: a retried batch cannot overtake the one after it.
            "max_in_flight_requests_per_connection": 1,
            "bootstrap_timeout_ms": timeout_ms,
            "max_block_ms": timeout_ms,
            "request_timeout_ms": timeout_ms,
            "security_protocol": security_protocol,
        }
        if sasl_mechanism:
            self._config.update(
                sasl_mechanism=sasl_mechanism,
                sasl_plain_username=sasl_plain_username,
                sasl_plain_password=sasl_plain_password,
            )
        self._producer: KafkaProducer | None = None
        self._lock = threading.Lock()

    def _connected(self) -> KafkaProducer:
        with self._lock:
            if self._producer is None:
                self._producer = KafkaProducer(**self._config)
            return self._producer

    def publish(self, events: Sequence[PlatformEvent]) -> None:
        if not events:
            return
        try:
            producer = self._connected()
            futures = [
                producer.send(
                    self.topic,
                    key=event.subject.encode(),
                    value=event.body(),
                    headers=[("type", event.type.encode()), ("id", event.id.encode())],
                )
                for event in events
            ]
            producer.flush(timeout=self.timeout_ms / 1000)
        except KafkaError as exc:
            raise EventPublishError(
                f"Kafka did not take the events: {type(exc).__name__}: {exc}", published=0
            ) from exc
        for index, future in enumerate(futures):
            try:
                future.get(timeout=0)
            except KafkaError as exc:
                raise EventPublishError(
                    f"Kafka refused event {events[index].id}: {type(exc).__name__}: {exc}",
                    published=index,
                ) from exc

    def close(self) -> None:
        with self._lock:
            if self._producer is not None:
                self._producer.close(timeout=self.timeout_ms / 1000)
                self._producer = None
