"""Webhook deliveries: one per published event and interested webhook, retried with backoff.

Each attempt POSTs the event's JSON envelope, signed (see ``signing``), and counts as done on
a 2xx answer. Anything else (another status, a timeout, a refused connection) is retried
after ``ZT_WEBHOOK_RETRY_SECONDS`` * 2^(attempt - 1) (capped at an hour) until
``ZT_WEBHOOK_MAX_ATTEMPTS`` attempts; then the delivery is failed. Redirects are not followed.
Deliveries are independent of each other, so a retried one can arrive after a later event:
receivers order by ``occurred_at`` and dedupe on the event id. A delivery whose task was lost
(broker away, worker gone mid-attempt) is queued again by the periodic sweep once it is due.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from platform_core.backends.events.base import PlatformEvent
from platform_core.errors import InvalidInput
from platform_core.events.outbound import check_outbound_url
from platform_core.events.signing import signed_headers
from platform_core.models import DeliveryStatus, OutboxEvent, Webhook, WebhookDelivery
from platform_core.queue import enqueue

logger = logging.getLogger(__name__)

DELIVER_TASK = "platform_core.deliver_webhook"
PING = "webhook.ping"
USER_AGENT = "Zhongtai-Webhooks/1.0"
MAX_BACKOFF_SECONDS = 3600.0
#: An attempt in flight holds its delivery this much longer than its timeout.
LEASE_MARGIN_SECONDS = 30.0
REDELIVER_BATCH = 500


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None
    error: str
    duration_ms: int


def backoff_seconds(attempts: int) -> float:
    """The wait before the next attempt, after ``attempts`` failed ones."""
    return float(min(settings.ZT_WEBHOOK_RETRY_SECONDS * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS))


def schedule(events: Sequence[OutboxEvent]) -> list[WebhookDelivery]:
    """Deliveries of newly published ``events`` to their projects' webhooks, each queued to
    go once the relay's transaction commits."""
    project_ids = {event.project_id for event in events if event.project_id is not None}
    if not project_ids:
        return []
    webhooks: dict[int, list[Webhook]] = defaultdict(list)
    for webhook in Webhook.objects.filter(project_id__in=project_ids, is_active=True):
        webhooks[webhook.project_id].append(webhook)
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            webhook=webhook,
            event=event,
            event_uuid=event.event_id,
            event_type=event.type,
            organization_id=webhook.organization_id,
            project_id=webhook.project_id,
            next_attempt_at=now,
        )
        for event in events
        for webhook in webhooks.get(event.project_id or 0, [])
        if webhook.wants(event.type)
    )
    for scheduled in deliveries:
        enqueue(DELIVER_TASK, scheduled.pk, robust=True)
    return deliveries


def ping(webhook: Webhook) -> WebhookDelivery:
    """Send a ``webhook.ping`` event to ``webhook`` now, once (no retries); the delivery."""
    sent = WebhookDelivery.objects.create(
        webhook=webhook,
        event_type=PING,
        organization_id=webhook.organization_id,
        project_id=webhook.project_id,
        next_attempt_at=timezone.now(),
    )
    deliver(sent.pk)
    sent.refresh_from_db()
    return sent


def deliver(delivery_id: int) -> None:
    """Make the delivery's next attempt if it is due (a no-op otherwise: already done, in
    flight elsewhere, or waiting for its retry time)."""
    claimed = _claim(delivery_id)
    if claimed is None:
        return
    event = delivery_event(claimed)
    outcome = _post(claimed.webhook, claimed, event)
    _settle(claimed, outcome)


def delivery_event(sent: WebhookDelivery) -> PlatformEvent:
    if sent.event is not None:
        return sent.event.as_event()
    return PlatformEvent(
        id=str(sent.event_uuid),
        type=PING,
        occurred_at=sent.created_at,
        organization=sent.organization_id,
        project=sent.project_id,
        subject_type=Webhook._meta.label_lower,
        subject_id=str(sent.webhook_id),
        data={"webhook": sent.webhook_id, "name": sent.webhook.name},
    )


@transaction.atomic
def _claim(delivery_id: int) -> WebhookDelivery | None:
    now = timezone.now()
    sent = (
        WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("webhook", "event")
        .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .first()
    )
    if sent is None or (sent.next_attempt_at is not None and sent.next_attempt_at > now):
        return None
    if not sent.webhook.is_active:
        sent.status, sent.error, sent.next_attempt_at = (
            DeliveryStatus.FAILED,
            "The webhook was disabled before this delivery.",
            None,
        )
        sent.save(update_fields=["status", "error", "next_attempt_at", "updated_at"])
        return None
    sent.attempts += 1
    lease = settings.ZT_WEBHOOK_TIMEOUT_SECONDS + LEASE_MARGIN_SECONDS
    sent.next_attempt_at = now + timedelta(seconds=lease)
    sent.save(update_fields=["attempts", "next_attempt_at", "updated_at"])
    return sent


def _post(webhook: Webhook, sent: WebhookDelivery, event: PlatformEvent) -> Outcome:
    body = event.body()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Zhongtai-Event": event.type,
        "X-Zhongtai-Event-Id": event.id,
        "X-Zhongtai-Delivery": str(sent.pk),
        **signed_headers(webhook.secret(), body),
    }
    started = time.monotonic()

    def outcome(status: int | None, error: str) -> Outcome:
        elapsed = int((time.monotonic() - started) * 1000)
        return Outcome(ok=not error, status=status, error=error[:1000], duration_ms=elapsed)

    try:
        url = check_outbound_url(webhook.url)
    except InvalidInput as exc:
        return outcome(None, exc.message)
    with requests.Session() as session:
        session.trust_env = False  # no proxies or .netrc credentials from the environment
        try:
            response = session.post(
                url,
                data=body,
                headers=headers,
                timeout=settings.ZT_WEBHOOK_TIMEOUT_SECONDS,
                allow_redirects=False,
                stream=True,  # the answer's body is never read
            )
        except requests.RequestException as exc:
            return outcome(None, f"{type(exc).__name__}: {exc}")
        response.close()
    if 200 <= response.status_code < 300:
        return outcome(response.status_code, "")
    return outcome(response.status_code, f"The receiver answered HTTP {response.status_code}.")


@transaction.atomic
def _settle(sent: WebhookDelivery, outcome: Outcome) -> None:
    now = timezone.now()
    sent.attempt_log = [
        *sent.attempt_log,
        {
            "at": now.isoformat(),
            "status": outcome.status,
            "error": outcome.error,
            "duration_ms": outcome.duration_ms,
        },
    ]
    sent.response_status, sent.error = outcome.status, outcome.error
    if outcome.ok:
        sent.status, sent.delivered_at, sent.next_attempt_at = DeliveryStatus.SUCCEEDED, now, None
    elif sent.event_id is None or sent.attempts >= settings.ZT_WEBHOOK_MAX_ATTEMPTS:
        sent.status, sent.next_attempt_at = DeliveryStatus.FAILED, None
    else:
        wait = backoff_seconds(sent.attempts)
        sent.next_attempt_at = now + timedelta(seconds=wait)
        enqueue(DELIVER_TASK, sent.pk, countdown=wait, robust=True)
    sent.save(
        update_fields=[
            "attempt_log",
            "response_status",
            "error",
            "status",
            "delivered_at",
            "next_attempt_at",
            "updated_at",
        ]
    )
    if not outcome.ok:
        logger.info(
            "Webhook %s: delivery %s attempt %s failed: %s",
            sent.webhook_id,
            sent.pk,
            sent.attempts,
            outcome.error,
        )


def redeliver_due() -> int:
    """Queue deliveries whose attempt is due (retries whose task was lost, expired leases)."""
    due = list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:REDELIVER_BATCH]
    )
    for pk in due:
        enqueue(DELIVER_TASK, pk, robust=True)
    return len(due)
