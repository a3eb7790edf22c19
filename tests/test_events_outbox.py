"""The outbox: events are written with the change they describe and relayed in order, once.

Relays here run against the real database (advisory lock, row order). The Kafka side of the
relay is in test_events_kafka.py, webhooks in test_webhooks.py.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import psycopg
import pytest
from django.db import connection, transaction
from django.utils import timezone

from data_platform import events as data_events
from data_platform.models import DataSource
from data_platform.services.sources import check_connection, create_source
from platform_core.backends.events.base import PlatformEvent
from platform_core.events import emit, outbox
from platform_core.events.catalog import event_types
from platform_core.models import OutboxEvent
from tests.servers.ports import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(tenant: Any) -> DataSource:
    return create_source(tenant.owner, project=tenant.project, name="uploads", kind="upload")


def emit_tested(source: DataSource, **data: Any) -> OutboxEvent:
    return emit(
        data_events.SOURCE_TESTED,
        organization=source.organization_id,
        project=source.project_id,
        subject=source,
        data=data,
    )


def test_emit_writes_the_event_and_queues_the_relay_on_commit(
    source, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        row = emit_tested(source, ok=True, at=timezone.now())
    assert len(queued) == 1
    stored = OutboxEvent.objects.get(pk=row.pk)
    event = stored.as_event()
    assert event.envelope() == {
        "id": str(stored.event_id),
        "type": "data_source.tested",
        "occurred_at": stored.occurred_at.isoformat(),
        "organization": source.organization_id,
        "project": source.project_id,
        "subject": {"type": "data_platform.datasource", "id": str(source.pk)},
        "data": {"ok": True, "at": stored.data["at"]},
    }
    assert isinstance(stored.data["at"], str)  # dates are stored the way they are sent
    assert stored.published_at is None


def test_unknown_event_types_are_refused(source):
    with pytest.raises(ValueError, match=r"Unknown event type 'dataset\.exploded'"):
        emit("dataset.exploded", organization=1, project=None, subject=source, data={})
    assert not OutboxEvent.objects.exists()


def test_a_rolled_back_change_leaves_no_event_and_queues_nothing(
    tenant, source, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as queued,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        check_connection(tenant.owner, source)
        assert OutboxEvent.objects.count() == 1
        raise RuntimeError("the change fails after the event was emitted")
    assert queued == []
    assert not OutboxEvent.objects.exists()
    source.refresh_from_db()
    assert source.last_tested_at is None
    assert outbox.relay_events() == 0


def test_the_relay_publishes_in_order_and_only_once(source):
    rows = [emit_tested(source, n=n) for n in range(5)]
    assert outbox.relay_events(batch_size=2) == 5
    published = list(OutboxEvent.objects.order_by("published_at", "id"))
    assert [row.pk for row in published] == [row.pk for row in rows]
    assert all(row.published_at is not None and row.publish_attempts == 1 for row in published)
    assert outbox.relay_events() == 0
    assert set(OutboxEvent.objects.values_list("publish_attempts", flat=True)) == {1}


def test_a_failing_broker_keeps_the_event_and_everything_after_it(source, settings):
    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "events": {
            "BACKEND": "platform_core.backends.events.kafka.KafkaEvents",
            "OPTIONS": {"bootstrap_servers": [f"127.0.0.1:{free_port()}"], "timeout_ms": 1000},
        },
    }
    first, second = emit_tested(source, n=1), emit_tested(source, n=2)
    assert outbox.relay_events() == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.published_at is None and first.publish_attempts == 1
    assert first.last_error.startswith("Kafka did not take the events: KafkaTimeoutError")
    assert second.published_at is None and second.publish_attempts == 0


def test_only_one_relay_runs_at_a_time(source):
    emit_tested(source, n=1)
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [outbox.RELAY_LOCK])
        assert outbox.relay_events() == 0
        assert outbox.unpublished().count() == 1
        other.execute("SELECT pg_advisory_unlock(%s)", [outbox.RELAY_LOCK])
    assert outbox.relay_events() == 1


def test_the_sweep_relays_what_was_left_and_forgets_old_events(source, settings):
    settings.ZT_EVENTS_RETENTION_DAYS = 30
    old = emit_tested(source, n=1)
    outbox.relay_events()
    OutboxEvent.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=31))
    left_behind = emit_tested(source, n=2)
    outbox.sweep()
    assert list(OutboxEvent.objects.values_list("pk", flat=True)) == [left_behind.pk]
    assert OutboxEvent.objects.get().published_at is not None


def test_every_declared_type_has_a_description():
    declared = event_types()
    assert set(data_events.EVENT_TYPES) <= set(declared)
    assert all(name.count(".") == 1 and text.endswith(".") for name, text in declared.items())


def test_the_envelope_is_json_with_the_subject_as_key():
    event = PlatformEvent(
        id="8d6f0b2e-0000-4000-8000-000000000001",
        type="data_source.tested",
        occurred_at=timezone.now(),
        organization=1,
        project=2,
        subject_type="data_platform.datasource",
        subject_id="3",
        data={"message": "连接成功"},
    )
    assert event.subject == "data_platform.datasource:3"
    assert "连接成功".encode() in event.body()
