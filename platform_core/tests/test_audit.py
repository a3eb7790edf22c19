from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from platform_core.models import AuditEvent
from platform_core.models.audit import AppendOnlyError
from platform_core.services import update_object
from tests.factories import client_for, make_organization, make_user

pytestmark = pytest.mark.django_db


def test_events_carry_request_id_ip_and_api_key(tenant):
    response = client_for(tenant.owner).post(
        "/api/v1/api-keys/", {"name": "k", "scopes": ["write"]}, format="json"
    )
    secret = response.json()["key"]
    client = client_for(token=secret)
    client.patch(
        f"/api/v1/projects/{tenant.project.pk}/",
        {"description": "via key"},
        format="json",
        HTTP_X_REQUEST_ID="req-123",
        REMOTE_ADDR="10.1.2.3",
    )
    event = AuditEvent.objects.filter(action="update").latest("id")
    assert event.request_id == "req-123"
    assert event.ip == "10.1.2.3"
    assert event.actor == tenant.owner
    assert event.actor_api_key_prefix == secret[:11]
    assert event.project_id == tenant.project.pk
    assert event.organization_id == tenant.organization.pk


def test_secrets_are_masked_in_changes(staff):
    user = make_user("masked@example.com")
    client_for(staff).patch(
        f"/api/v1/users/{user.pk}/", {"password": "another-long-passphrase"}, format="json"
    )
    event = AuditEvent.objects.filter(action="update", object_id=str(user.pk)).latest("id")
    assert event.changes["password"] == ["********", "********"]


def test_events_are_append_only_in_the_model_and_in_the_database(tenant):
    event = AuditEvent.objects.latest("id")
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_only_owners_and_admins_read_their_organizations_events(tenant, other_tenant):
    url = f"/api/v1/audit-events/?organization={tenant.organization.pk}"
    for user in (tenant.owner, tenant.admin):
        results = client_for(user).get(url).json()["results"]
        assert results and {e["organization"] for e in results} == {tenant.organization.pk}
    for user in (tenant.member, tenant.viewer, other_tenant.owner):
        assert client_for(user).get(url).json()["results"] == []


def test_no_api_can_alter_events(tenant):
    event = AuditEvent.objects.filter(organization=tenant.organization).latest("id")
    client = client_for(tenant.owner)
    assert client.delete(f"/api/v1/audit-events/{event.pk}/").status_code == 405
    assert (
        client.patch(
            f"/api/v1/audit-events/{event.pk}/", {"action": "x"}, format="json"
        ).status_code
        == 405
    )
    assert client.post("/api/v1/audit-events/", {}, format="json").status_code == 405


def test_filters_and_cursor_pagination(tenant):
    for number in range(5):
        update_object(tenant.owner, tenant.organization, description=f"v{number}")
    client = client_for(tenant.owner)
    first = client.get(
        "/api/v1/audit-events/",
        {
            "organization": tenant.organization.pk,
            "action": "update",
            "page_size": 2,
            "actor": tenant.owner.email,
        },
    ).json()
    assert [e["changes"]["description"][1] for e in first["results"]] == ["v4", "v3"]
    assert "cursor=" in first["next"]
    second = client.get(first["next"]).json()
    assert [e["changes"]["description"][1] for e in second["results"]] == ["v2", "v1"]
    by_object = client.get(
        "/api/v1/audit-events/",
        {"object_type": "platform_core.project", "object_id": str(tenant.project.pk)},
    ).json()["results"]
    assert by_object and all(e["object_id"] == str(tenant.project.pk) for e in by_object)
    future = client.get("/api/v1/audit-events/", {"since": "2999-01-01T00:00:00Z"}).json()[
        "results"
    ]
    assert future == []
    bad = client.get("/api/v1/audit-events/", {"since": "yesterday"})
    assert bad.status_code == 400 and "since" in bad.json()["error"]["details"]


def test_events_outlive_deleted_organizations():
    owner = make_user()
    org = make_organization(owner, slug="short-lived")
    client_for(owner).delete(f"/api/v1/organizations/{org.pk}/")
    assert AuditEvent.objects.filter(organization_id=org.pk, action="delete").exists()
