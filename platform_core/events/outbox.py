"""Domain events through the outbox: ``emit`` writes one in the caller's transaction, the relay
publishes them in order.

Nothing is lost or sent twice on rollback: the row and the relay task queued for it exist only
if the change's transaction commits. The relay publishes unpublished rows oldest first to the
``events`` backend (Kafka, or nowhere with the outbox-only default), stamps them published and
schedules their webhook deliveries. One relay runs at a time (a PostgreSQL advisory lock), so
order holds; a relay that cannot take the lock leaves its rows to the one holding it, which
looks again after letting go. Publishing is at least once: a failure keeps the row (and every
later one) for the next relay or the periodic sweep; consumers dedupe on the event id.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone

from platform_core.backends import get_backend
from platform_core.backends.events.base import EventPublisher, EventPublishError
from platform_core.events import delivery
from platform_core.events.catalog import event_types
from platform_core.models import (
    DeliveryStatus,
    Organization,
    OutboxEvent,
    Project,
    WebhookDelivery,
)
from platform_core.queue import enqueue

logger = logging.getLogger(__name__)

RELAY_TASK = "platform_core.relay_events"
RELAY_BATCH = 100
#: Key of the advisory lock only the running relay holds (any fixed number; "ztev").
RELAY_LOCK = 0x7A746576
#: Old published events (and their deliveries) removed per sweep.
FORGET_BATCH = 1000


def emit(
    event_type: str,
    *,
    organization: Organization | int,
    project: Project | int | None,
    subject: models.Model,
    data: dict[str, Any],
) -> OutboxEvent:
    """Record that ``event_type`` happened to ``subject``, in the current transaction.

    ``data`` is the event's payload (JSON; dates and decimals as Django serialises them).
    The type must be declared in its app's ``events.EVENT_TYPES``.
    """
    if event_type not in event_types():
        raise ValueError(
            f"Unknown event type {event_type!r}: declare it in EVENT_TYPES of its app's "
            "events module."
        )
    event = OutboxEvent.objects.create(
        type=event_type,
        organization_id=_pk(organization),
        project_id=_pk(project),
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        data=data,
    )
    enqueue(RELAY_TASK, robust=True)  # the sweep relays it if the broker is away
    return event


def _pk(value: models.Model | int | None) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def unpublished() -> models.QuerySet[OutboxEvent]:
    return OutboxEvent.objects.filter(published_at__isnull=True)


def relay_events(batch_size: int = RELAY_BATCH) -> int:
    """Publish every unpublished event, oldest first; how many were published."""
    relayed = 0
    while True:
        with _relay_lock() as held:
            if not held:
                return relayed
            done, stalled = _relay_while_held(batch_size)
        relayed += done
        # Rows committed while we held the lock belong to us: their own relay was turned away.
        if stalled or not unpublished().exists():
            return relayed


@contextlib.contextmanager
def _relay_lock() -> Iterator[bool]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [RELAY_LOCK])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [RELAY_LOCK])


def _relay_while_held(batch_size: int) -> tuple[int, bool]:
    done = 0
    publisher: EventPublisher = get_backend("events")
    while True:
        count, stalled = _relay_batch(publisher, batch_size)
        done += count
        if stalled or count < batch_size:
            return done, stalled


@transaction.atomic
def _relay_batch(publisher: EventPublisher, batch_size: int) -> tuple[int, bool]:
    rows = list(unpublished().order_by("id")[:batch_size])
    if not rows:
        return 0, False
    failure: EventPublishError | None = None
    try:
        publisher.publish([row.as_event() for row in rows])
        published = rows
    except EventPublishError as exc:
        failure, published = exc, rows[: exc.published]
    OutboxEvent.objects.filter(pk__in=[row.pk for row in published]).update(
        published_at=timezone.now(), publish_attempts=F("publish_attempts") + 1, last_error=""
    )
    if failure is not None:
        stuck = rows[len(published)]
        OutboxEvent.objects.filter(pk=stuck.pk).update(
            publish_attempts=F("publish_attempts") + 1, last_error=str(failure)[:2000]
        )
        logger.warning(
            "Platform event %s (%s) was not published to %s: %s",
            stuck.event_id,
            stuck.type,
            publisher.name,
            failure,
        )
    delivery.schedule(published)
    return len(published), failure is not None


def sweep() -> None:
    """The periodic sweep: relay what was left behind, retry lost deliveries, forget old ones."""
    relay_events()
    delivery.redeliver_due()
    forget_old_events()


def forget_old_events() -> None:
    """Remove published events (and their deliveries) older than the retention period, once
    none of their deliveries is still pending; and pings as old."""
    cutoff = timezone.now() - timedelta(days=settings.ZT_EVENTS_RETENTION_DAYS)
    old = (
        OutboxEvent.objects.filter(published_at__lt=cutoff)
        .exclude(deliveries__status=DeliveryStatus.PENDING)
        .values_list("pk", flat=True)[:FORGET_BATCH]
    )
    OutboxEvent.objects.filter(pk__in=list(old)).delete()
    WebhookDelivery.objects.filter(event__isnull=True, created_at__lt=cutoff).delete()
