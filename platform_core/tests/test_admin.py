"""Django Admin writes are audited like API writes."""

from __future__ import annotations

import pytest

from platform_core.models import AuditEvent, OrganizationMembership
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    operator = make_user("root@example.com", is_staff=True)
    operator.is_superuser = True
    operator.save()
    client.force_login(operator)
    return client


def test_changing_a_membership_inline_is_audited(operator_client, tenant):
    membership = tenant.organization.memberships.get(user=tenant.member)
    memberships = list(tenant.organization.memberships.order_by("id"))
    form = {
        "name": tenant.organization.name,
        "slug": tenant.organization.slug,
        "description": "",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(len(memberships)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(memberships):
        form.update(
            {
                f"memberships-{index}-id": str(row.pk),
                f"memberships-{index}-organization": str(tenant.organization.pk),
                f"memberships-{index}-user": str(row.user_id),
                f"memberships-{index}-role": "admin" if row.pk == membership.pk else row.role,
            }
        )
    response = operator_client.post(
        f"/admin/platform_core/organization/{tenant.organization.pk}/change/", form
    )
    assert response.status_code == 302, response.content[:2000]
    assert OrganizationMembership.objects.get(pk=membership.pk).role == "admin"
    event = AuditEvent.objects.filter(
        object_type="platform_core.organizationmembership", object_id=str(membership.pk)
    ).latest("id")
    assert event.action == "update"
    assert event.changes == {"role": ["member", "admin"]}


def test_password_changes_in_the_admin_are_audited(operator_client):
    user = make_user("someone@example.com")
    response = operator_client.post(
        f"/admin/platform_core/user/{user.pk}/password/",
        {"password1": "a-brand-new-passphrase", "password2": "a-brand-new-passphrase"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(object_id=str(user.pk), action="update").latest("id")
    assert event.changes == {"password": ["********", "********"]}


def test_audit_events_are_read_only_in_the_admin(operator_client, tenant):
    event = AuditEvent.objects.latest("id")
    page = operator_client.get(f"/admin/platform_core/auditevent/{event.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert (
        operator_client.post(f"/admin/platform_core/auditevent/{event.pk}/delete/").status_code
        == 403
    )


def test_events_and_deliveries_are_read_only_in_the_admin(operator_client, tenant):
    from data_platform.services.sources import check_connection, create_source
    from platform_core.events import outbox
    from platform_core.events.webhooks import create_webhook
    from platform_core.models import OutboxEvent, WebhookDelivery

    webhook, secret = create_webhook(
        tenant.owner, project=tenant.project, name="hook", url="https://hooks.example.com/"
    )
    source = create_source(tenant.owner, project=tenant.project, name="uploads", kind="upload")
    check_connection(tenant.owner, source)
    outbox.relay_events()
    event, sent = OutboxEvent.objects.get(), WebhookDelivery.objects.get()
    for url in (
        "/admin/platform_core/outboxevent/",
        f"/admin/platform_core/outboxevent/{event.pk}/change/",
        "/admin/platform_core/webhookdelivery/",
        f"/admin/platform_core/webhookdelivery/{sent.pk}/change/",
    ):
        page = operator_client.get(url)
        assert page.status_code == 200, url
        assert b'name="_save"' not in page.content
    assert (
        operator_client.post(f"/admin/platform_core/outboxevent/{event.pk}/delete/").status_code
        == 403
    )
    page = operator_client.get(f"/admin/platform_core/webhook/{webhook.pk}/change/")
    assert page.status_code == 200
    assert secret.encode() not in page.content and b"encrypted_secret" not in page.content
    assert operator_client.get("/admin/platform_core/webhook/add/").status_code == 403
