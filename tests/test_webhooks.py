"""Webhooks against a real HTTP receiver on 127.0.0.1: signatures, retries, the delivery log.

Retries are driven step by step: the test makes each attempt due (instead of waiting for the
backoff) and runs the delivery, so every outcome is deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from data_platform.models import DataSource
from data_platform.services.sources import check_connection, create_source
from platform_core.events import delivery, outbox, signing
from platform_core.events.webhooks import create_webhook
from platform_core.models import AuditEvent, OutboxEvent, Webhook, WebhookDelivery
from platform_core.secrets import decrypt_json
from tests.factories import client_for
from tests.servers.http_receiver import HttpReceiver, Received, running_receiver

pytestmark = pytest.mark.django_db

URL = "/api/v1/webhooks/"
SECRET = "a-shared-secret-of-the-receiver"


@pytest.fixture
def receiver() -> Iterator[HttpReceiver]:
    with running_receiver() as running:
        yield running


@pytest.fixture
def source(tenant: Any) -> DataSource:
    return create_source(tenant.owner, project=tenant.project, name="uploads", kind="upload")


@pytest.fixture
def webhook(tenant: Any, receiver: HttpReceiver) -> Webhook:
    created, _ = create_webhook(
        tenant.owner, project=tenant.project, name="ci", url=receiver.url, secret=SECRET
    )
    return created


def verified(request: Received, secret: str = SECRET) -> dict[str, Any]:
    """The request's event, after checking its signature as a receiver does."""
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert signing.verify(
        secret,
        request.body,
        headers["x-zhongtai-timestamp"],
        headers["x-zhongtai-signature"],
    ), "bad signature"
    event = json.loads(request.body)
    assert headers["x-zhongtai-event"] == event["type"]
    assert headers["x-zhongtai-event-id"] == event["id"]
    assert headers["content-type"] == "application/json"
    return event


def test_emit_relay_deliver(tenant, source, webhook, receiver, settings, capture_all):
    with capture_all():
        check_connection(tenant.owner, source)
    [request] = receiver.requests
    event = verified(request)
    stored = OutboxEvent.objects.get()
    assert event == {
        "id": str(stored.event_id),
        "type": "data_source.tested",
        "occurred_at": stored.occurred_at.isoformat(),
        "organization": tenant.organization.pk,
        "project": tenant.project.pk,
        "subject": {"type": "data_platform.datasource", "id": str(source.pk)},
        "data": {
            "data_source": source.pk,
            "name": "uploads",
            "kind": "upload",
            "ok": True,
            "message": "Upload sources have nothing to connect to.",
        },
    }
    assert request.path == "/hooks/zhongtai"
    sent = WebhookDelivery.objects.get()
    assert (sent.status, sent.attempts, sent.response_status) == ("succeeded", 1, 200)
    assert str(sent.event_uuid) == event["id"]


@pytest.fixture
def capture_all(settings, django_capture_on_commit_callbacks):
    """Run the relay and deliveries a change queues, in this process, as a worker would."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return lambda: django_capture_on_commit_callbacks(execute=True)


def relay_and_deliver() -> WebhookDelivery:
    outbox.relay_events()
    sent = WebhookDelivery.objects.get()
    delivery.deliver(sent.pk)
    sent.refresh_from_db()
    return sent


def make_due(sent: WebhookDelivery) -> None:
    WebhookDelivery.objects.filter(pk=sent.pk).update(next_attempt_at=timezone.now())


def test_a_500_is_retried_with_backoff_until_it_succeeds(
    tenant, source, webhook, receiver, settings
):
    settings.ZT_WEBHOOK_RETRY_SECONDS = 30
    receiver.answer(500, 503)
    check_connection(tenant.owner, source)

    sent = relay_and_deliver()
    assert (sent.status, sent.attempts, sent.response_status) == ("pending", 1, 500)
    assert sent.error == "The receiver answered HTTP 500."
    wait = sent.next_attempt_at - timezone.now()  # type: ignore[operator]
    assert timedelta(seconds=28) < wait <= timedelta(seconds=30)
    delivery.deliver(sent.pk)  # not due yet: nothing is sent
    assert len(receiver.requests) == 1

    make_due(sent)
    delivery.deliver(sent.pk)
    sent.refresh_from_db()
    assert (sent.status, sent.attempts, sent.response_status) == ("pending", 2, 503)
    wait = sent.next_attempt_at - timezone.now()  # type: ignore[operator]
    assert timedelta(seconds=58) < wait <= timedelta(seconds=60)

    make_due(sent)
    assert delivery.redeliver_due() == 1
    delivery.deliver(sent.pk)
    sent.refresh_from_db()
    assert (sent.status, sent.attempts, sent.response_status, sent.error) == (
        "succeeded",
        3,
        200,
        "",
    )
    assert sent.delivered_at is not None and sent.next_attempt_at is None
    events = [verified(request) for request in receiver.requests]
    assert len(events) == 3 and len({event["id"] for event in events}) == 1
    assert [entry["status"] for entry in sent.attempt_log] == [500, 503, 200]

    log = client_for(tenant.owner).get(f"{URL}{webhook.pk}/deliveries/")
    assert log.status_code == 200
    [row] = log.json()["results"]
    assert (row["status"], row["attempts"], row["event_type"]) == (
        "succeeded",
        3,
        "data_source.tested",
    )
    assert [entry["status"] for entry in row["attempt_log"]] == [500, 503, 200]


def test_it_gives_up_after_the_last_attempt(tenant, source, webhook, receiver, settings):
    settings.ZT_WEBHOOK_MAX_ATTEMPTS = 2
    receiver.answer(500, 500, 500)
    check_connection(tenant.owner, source)
    sent = relay_and_deliver()
    make_due(sent)
    delivery.deliver(sent.pk)
    sent.refresh_from_db()
    assert (sent.status, sent.attempts, sent.next_attempt_at) == ("failed", 2, None)
    make_due(sent)
    delivery.deliver(sent.pk)
    assert len(receiver.requests) == 2


def test_a_timeout_is_a_failed_attempt(tenant, source, webhook, receiver, settings):
    settings.ZT_WEBHOOK_TIMEOUT_SECONDS = 0.3
    receiver.hold()
    check_connection(tenant.owner, source)
    sent = relay_and_deliver()
    receiver.release()
    assert (sent.status, sent.attempts, sent.response_status) == ("pending", 1, None)
    assert sent.error.startswith("ReadTimeout")


def test_an_unreachable_receiver_is_retried(tenant, source, settings):
    from tests.servers.ports import free_port

    create_webhook(
        tenant.owner,
        project=tenant.project,
        name="down",
        url=f"http://127.0.0.1:{free_port()}/",
        secret=SECRET,
    )
    check_connection(tenant.owner, source)
    sent = relay_and_deliver()
    assert (sent.status, sent.attempts) == ("pending", 1)
    assert sent.error.startswith("ConnectionError")


def test_redirects_are_not_followed(tenant, source, webhook, receiver):
    receiver.answer(302)
    check_connection(tenant.owner, source)
    sent = relay_and_deliver()
    assert (sent.status, sent.response_status) == ("pending", 302)
    assert len(receiver.requests) == 1


def test_event_type_filters_and_inactive_webhooks(tenant, source, receiver):
    create_webhook(
        tenant.owner,
        project=tenant.project,
        name="versions only",
        url=receiver.url,
        event_types=["dataset_version.ready"],
    )
    create_webhook(
        tenant.owner, project=tenant.project, name="off", url=receiver.url, is_active=False
    )
    wanted, _ = create_webhook(
        tenant.owner,
        project=tenant.project,
        name="sources",
        url=receiver.url,
        event_types=["data_source.tested"],
    )
    check_connection(tenant.owner, source)
    outbox.relay_events()
    assert list(WebhookDelivery.objects.values_list("webhook_id", flat=True)) == [wanted.pk]


def test_webhooks_of_other_projects_get_nothing(tenant, other_tenant, source, receiver):
    create_webhook(other_tenant.owner, project=other_tenant.project, name="x", url=receiver.url)
    check_connection(tenant.owner, source)
    outbox.relay_events()
    assert not WebhookDelivery.objects.exists()


def test_a_webhook_disabled_before_its_delivery_is_not_called(tenant, source, webhook, receiver):
    check_connection(tenant.owner, source)
    outbox.relay_events()
    Webhook.objects.filter(pk=webhook.pk).update(is_active=False)
    sent = WebhookDelivery.objects.get()
    delivery.deliver(sent.pk)
    sent.refresh_from_db()
    assert (sent.status, sent.attempts) == ("failed", 0)
    assert receiver.requests == []


def test_a_stale_or_forged_signature_does_not_verify():
    body = b'{"id": "x"}'
    headers = signing.signed_headers(SECRET, body, now=1_000_000)
    timestamp, signature = headers["X-Zhongtai-Timestamp"], headers["X-Zhongtai-Signature"]
    assert signing.verify(SECRET, body, timestamp, signature, now=1_000_100)
    assert not signing.verify(SECRET, body, timestamp, signature, now=1_000_000 + 301)
    assert not signing.verify(SECRET, body + b" ", timestamp, signature, now=1_000_000)
    assert not signing.verify("another secret!!", body, timestamp, signature, now=1_000_000)
    assert not signing.verify(SECRET, body, "1000001", signature, now=1_000_000)
    assert not signing.verify(SECRET, body, "soon", signature, now=1_000_000)


class TestTheApi:
    def test_create_shows_a_generated_secret_once(self, tenant, receiver):
        client = client_for(tenant.owner)
        response = client.post(
            URL,
            {
                "project": tenant.project.pk,
                "name": "ci",
                "url": receiver.url,
                "event_types": ["dataset_version.ready", "dataset_version.failed"],
            },
        )
        assert response.status_code == 201, response.content
        body = response.json()
        secret = body["secret"]
        assert secret.startswith("whsec_") and len(secret) > 40
        stored = Webhook.objects.get(pk=body["id"])
        assert secret not in stored.encrypted_secret
        assert decrypt_json(stored.encrypted_secret) == {"secret": secret}
        assert body["event_types"] == ["dataset_version.failed", "dataset_version.ready"]
        for answer in (client.get(URL), client.get(f"{URL}{body['id']}/")):
            assert answer.status_code == 200
            assert "secret" not in answer.content.decode()
        audit = AuditEvent.objects.get(action="create", object_type="platform_core.webhook")
        assert secret not in json.dumps(audit.changes)

    def test_an_entered_secret_signs_and_can_be_replaced(self, tenant, receiver):
        client = client_for(tenant.owner)
        created = client.post(
            URL,
            {"project": tenant.project.pk, "name": "ci", "url": receiver.url, "secret": SECRET},
        )
        assert created.status_code == 201
        assert created.json()["secret"] == SECRET
        pk = created.json()["id"]
        pinged = client.post(f"{URL}{pk}/ping/")
        assert pinged.status_code == 200, pinged.content
        assert verified(receiver.requests[-1], SECRET)["type"] == "webhook.ping"

        new_secret = "the-rotated-secret-value"
        assert client.patch(f"{URL}{pk}/", {"secret": new_secret}).status_code == 200
        client.post(f"{URL}{pk}/ping/")
        event = verified(receiver.requests[-1], new_secret)
        assert event["data"] == {"webhook": pk, "name": "ci"}
        assert event["subject"] == {"type": "platform_core.webhook", "id": str(pk)}

    @pytest.mark.parametrize(
        ("url", "reason"),
        [
            ("ftp://hooks.example.com/", "Must start with https:// or http://."),
            ("https://user:pw@hooks.example.com/", "Must not carry credentials"),
            ("https:///path", "Must name a host."),
            ("https://hooks.example.com/#x", "Must not have a #fragment."),
            ("https://hooks.example.com:99999/", "Not a valid URL"),
            ("https://hooks.example.com/a b", "No spaces or control characters."),
        ],
    )
    def test_bad_urls_are_refused_on_the_field(self, tenant, url, reason):
        response = client_for(tenant.owner).post(
            URL, {"project": tenant.project.pk, "name": "x", "url": url}
        )
        assert response.status_code == 400
        assert response.json()["error"]["details"]["url"][0].startswith(reason)
        assert not Webhook.objects.exists()

    def test_unknown_event_types_and_short_secrets_are_refused(self, tenant):
        client = client_for(tenant.owner)
        base = {"project": tenant.project.pk, "name": "x", "url": "https://hooks.example.com/"}
        unknown = client.post(URL, {**base, "event_types": ["dataset.exploded"]})
        assert unknown.status_code == 400
        assert unknown.json()["error"]["details"] == {
            "event_types": ["Not an event type: dataset.exploded."]
        }
        short = client.post(URL, {**base, "secret": "short"})
        assert short.status_code == 400
        assert "secret" in short.json()["error"]["details"]
        assert not Webhook.objects.exists()

    def test_the_event_types_are_listed(self, tenant):
        response = client_for(tenant.viewer).get(f"{URL}event-types/")
        assert response.status_code == 200
        types = {row["type"]: row["description"] for row in response.json()}
        assert "dataset_version.ready" in types and "data_source.tested" in types

    def test_a_ping_that_fails_is_not_retried(self, tenant, webhook, receiver):
        receiver.answer(500)
        response = client_for(tenant.owner).post(f"{URL}{webhook.pk}/ping/")
        assert response.status_code == 200
        body = response.json()
        assert (body["status"], body["attempts"], body["response_status"]) == ("failed", 1, 500)
        assert body["event_type"] == "webhook.ping"

    def test_roles(self, tenant, webhook):
        viewer = client_for(tenant.project_viewer)
        assert viewer.get(f"{URL}{webhook.pk}/deliveries/").status_code == 200
        assert viewer.post(f"{URL}{webhook.pk}/ping/").status_code == 403
        created = viewer.post(
            URL, {"project": tenant.project.pk, "name": "v", "url": "https://a.example.com/"}
        )
        assert created.status_code == 403
        developer = client_for(tenant.project_developer)
        assert developer.patch(f"{URL}{webhook.pk}/", {"is_active": False}).status_code == 200
        assert developer.delete(f"{URL}{webhook.pk}/").status_code == 403

    def test_another_tenant_reaches_no_deliveries(self, other_tenant, webhook):
        outsider = client_for(other_tenant.owner)
        assert outsider.get(f"{URL}{webhook.pk}/deliveries/").status_code == 404
        assert outsider.post(f"{URL}{webhook.pk}/ping/").status_code == 404

    def test_the_delivery_log_pages_with_a_cursor(self, tenant, webhook, receiver):
        client = client_for(tenant.owner)
        for _ in range(3):
            client.post(f"{URL}{webhook.pk}/ping/")
        first = client.get(f"{URL}{webhook.pk}/deliveries/", {"page_size": 2}).json()
        assert len(first["results"]) == 2 and first["next"]
        second = client.get(first["next"]).json()
        assert len(second["results"]) == 1 and second["next"] is None
        ids = [row["id"] for row in first["results"] + second["results"]]
        assert ids == sorted(ids, reverse=True)

    def test_deleting_a_webhook_deletes_its_log(self, tenant, webhook, receiver):
        client = client_for(tenant.owner)
        client.post(f"{URL}{webhook.pk}/ping/")
        assert client.delete(f"{URL}{webhook.pk}/").status_code == 204
        assert not WebhookDelivery.objects.exists()
