"""The relay publishing to Kafka: SeaweedFS's Kafka gateway, read back with kafka-python.

It proves the producer settings, one message per event in outbox order with the subject as
key and the JSON envelope as value, and that a relayed event is not published again. It does
not prove: the ``type``/``id`` record headers (the gateway keeps keys and values but answers
fetches without headers), several partitions (the topic here has one), SASL/SSL, broker
failover, or idempotent producing (the relay is at least once by design).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.admin import NewTopic

from data_platform import events as data_events
from data_platform.services.sources import create_source
from platform_core.backends import get_backend
from platform_core.events import emit, outbox
from platform_core.events.webhooks import create_webhook
from platform_core.models import OutboxEvent, WebhookDelivery
from tests.servers.fixtures import KAFKA_GATEWAY_GROUP

pytestmark = [pytest.mark.django_db, pytest.mark.integration, KAFKA_GATEWAY_GROUP]


@pytest.fixture
def topic(kafka_gateway: str, settings: Any) -> Iterator[str]:
    name = f"zt-events-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=kafka_gateway)
    admin.create_topics([NewTopic(name, num_partitions=1, replication_factor=1)])
    admin.close()
    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "events": {
            "BACKEND": "platform_core.backends.events.kafka.KafkaEvents",
            "OPTIONS": {"bootstrap_servers": [kafka_gateway], "topic": name},
        },
    }
    yield name
    get_backend("events").close()


def messages(server: str, topic: str, at_most: int) -> list[Any]:
    """Everything on the topic (up to ``at_most``), reading until 5 s pass without more."""
    consumer = KafkaConsumer(bootstrap_servers=server, consumer_timeout_ms=5000)
    partition = TopicPartition(topic, 0)
    consumer.assign([partition])
    consumer.seek_to_beginning(partition)
    found = []
    for message in consumer:
        found.append(message)
        if len(found) == at_most:
            break
    consumer.close()
    return found


def test_relayed_events_reach_the_topic_in_order_once(tenant, kafka_gateway, topic):
    first = create_source(tenant.owner, project=tenant.project, name="a", kind="upload")
    second = create_source(tenant.owner, project=tenant.project, name="b", kind="upload")
    create_webhook(
        tenant.owner, project=tenant.project, name="hook", url="https://hooks.example.com/"
    )

    def tested(source: Any, n: int) -> OutboxEvent:
        return emit(
            data_events.SOURCE_TESTED,
            organization=source.organization_id,
            project=source.project_id,
            subject=source,
            data={"n": n},
        )

    rows = [tested(first, 1), tested(second, 2), tested(first, 3)]
    with pytest.raises(RuntimeError), transaction.atomic():
        tested(first, 4)
        raise RuntimeError("rolled back")

    assert outbox.relay_events() == 3
    assert outbox.relay_events() == 0
    found = messages(kafka_gateway, topic, at_most=10)
    assert [json.loads(message.value) for message in found] == [
        OutboxEvent.objects.get(pk=row.pk).as_event().envelope() for row in rows
    ]
    assert [message.key for message in found] == [
        f"data_platform.datasource:{source.pk}".encode() for source in (first, second, first)
    ]
    assert not outbox.unpublished().exists()
    assert WebhookDelivery.objects.count() == 3  # webhooks are served by the same relay
