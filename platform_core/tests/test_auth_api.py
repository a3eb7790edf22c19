from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from platform_core.models import ApiKey, AuditEvent
from tests.factories import PASSWORD, client_for, make_user

pytestmark = pytest.mark.django_db


def obtain(client, email, password=PASSWORD):
    return client.post("/api/v1/auth/token/", {"email": email, "password": password}, format="json")


def test_password_login_returns_a_working_token_pair():
    user = make_user("ada@example.com")
    response = obtain(client_for(), "ADA@example.com")
    assert response.status_code == 200, response.content
    assert set(response.json()) == {"access", "refresh"}
    me = client_for(token=response.json()["access"]).get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["id"] == user.pk
    assert me.json()["email"] == "ada@example.com"
    assert AuditEvent.objects.filter(action="login", actor=user).count() == 1


def test_wrong_password_is_rejected_in_the_error_shape_and_audited():
    make_user("ada@example.com")
    response = obtain(client_for(), "ada@example.com", "wrong")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "incorrect" in error["message"]
    failed = AuditEvent.objects.get(action="login_failed")
    assert failed.object_repr == "ada@example.com"
    assert failed.actor is None
    assert failed.ip == "127.0.0.1"


def test_login_is_throttled_after_repeated_attempts():
    make_user("ada@example.com")
    client = client_for()
    statuses = [obtain(client, "ada@example.com", "wrong").status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429
    assert obtain(client, "ada@example.com").json()["error"]["code"] == "throttled"


def test_refresh_rotates_and_the_old_refresh_token_stops_working():
    make_user("ada@example.com")
    pair = obtain(client_for(), "ada@example.com").json()
    client = client_for()
    rotated = client.post(
        "/api/v1/auth/token/refresh/", {"refresh": pair["refresh"]}, format="json"
    )
    assert rotated.status_code == 200
    assert rotated.json()["refresh"] != pair["refresh"]
    again = client.post("/api/v1/auth/token/refresh/", {"refresh": pair["refresh"]}, format="json")
    assert again.status_code == 400
    assert "refresh" in again.json()["error"]["details"]


def test_logout_blacklists_the_refresh_token():
    make_user("ada@example.com")
    pair = obtain(client_for(), "ada@example.com").json()
    client = client_for(token=pair["access"])
    assert (
        client.post("/api/v1/auth/logout/", {"refresh": pair["refresh"]}, format="json").status_code
        == 204
    )
    refreshed = client_for().post(
        "/api/v1/auth/token/refresh/", {"refresh": pair["refresh"]}, format="json"
    )
    assert refreshed.status_code == 400


def test_unauthenticated_requests_get_401_in_the_error_shape():
    response = client_for().get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    bad = client_for(token="not-a-token").get("/api/v1/me/")
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "token_not_valid"


def test_api_key_is_shown_once_authenticates_like_a_jwt_and_revokes_at_once():
    user = make_user("ada@example.com")
    created = client_for(user).post(
        "/api/v1/api-keys/", {"name": "ci", "scopes": ["read"]}, format="json"
    )
    assert created.status_code == 201, created.content
    secret = created.json()["key"]
    assert secret.startswith("zt_")
    stored = ApiKey.objects.get(pk=created.json()["id"])
    assert secret not in (stored.key_hash, stored.prefix) and stored.key_hash != secret

    listed = client_for(user).get("/api/v1/api-keys/").json()["results"]
    assert [item["id"] for item in listed] == [stored.pk]
    assert "key" not in listed[0]

    me = client_for(token=secret).get("/api/v1/me/")
    assert me.status_code == 200 and me.json()["email"] == "ada@example.com"
    stored.refresh_from_db()
    assert stored.last_used_at is not None

    assert client_for(user).delete(f"/api/v1/api-keys/{stored.pk}/").status_code == 204
    assert client_for(token=secret).get("/api/v1/me/").status_code == 401
    assert AuditEvent.objects.filter(action="revoke", object_id=str(stored.pk)).exists()


def test_read_scoped_key_cannot_write_and_write_key_cannot_manage_keys():
    user = make_user("ada@example.com")
    read_key = client_for(user).post(
        "/api/v1/api-keys/", {"name": "r", "scopes": ["read"]}, format="json"
    )
    write_key = client_for(user).post(
        "/api/v1/api-keys/", {"name": "w", "scopes": ["write"]}, format="json"
    )
    reader = client_for(token=read_key.json()["key"])
    writer = client_for(token=write_key.json()["key"])

    denied = reader.post("/api/v1/organizations/", {"name": "A", "slug": "aa"}, format="json")
    assert denied.status_code == 403
    assert "write" in denied.json()["error"]["message"]
    assert (
        writer.post(
            "/api/v1/organizations/", {"name": "A", "slug": "aa"}, format="json"
        ).status_code
        == 201
    )
    assert writer.get("/api/v1/organizations/").status_code == 200
    assert (
        writer.post(
            "/api/v1/api-keys/", {"name": "x", "scopes": ["admin"]}, format="json"
        ).status_code
        == 403
    )


def test_expired_key_is_rejected():
    user = make_user("ada@example.com")
    response = client_for(user).post(
        "/api/v1/api-keys/",
        {
            "name": "soon",
            "scopes": ["read"],
            "expires_at": (timezone.now() + timedelta(seconds=1)).isoformat(),
        },
        format="json",
    )
    secret = response.json()["key"]
    ApiKey.objects.filter(pk=response.json()["id"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client_for(token=secret).get("/api/v1/me/").status_code == 401


def test_key_expiry_in_the_past_and_unknown_scopes_are_rejected():
    user = make_user("ada@example.com")
    past = client_for(user).post(
        "/api/v1/api-keys/",
        {"name": "x", "scopes": ["read"], "expires_at": "2001-01-01T00:00:00Z"},
        format="json",
    )
    assert past.status_code == 400
    assert "expires_at" in past.json()["error"]["details"]
    bad_scope = client_for(user).post(
        "/api/v1/api-keys/", {"name": "x", "scopes": ["root"]}, format="json"
    )
    assert bad_scope.status_code == 400
    assert ApiKey.objects.count() == 0


def test_guessing_api_keys_is_throttled():
    client = client_for(token="zt_" + "x" * 40)
    statuses = [client.get("/api/v1/me/").status_code for _ in range(21)]
    assert statuses[:20] == [401] * 20
    assert statuses[20] == 429


def test_users_endpoint_is_for_staff_only(staff):
    user = make_user("ada@example.com")
    assert (
        client_for(user)
        .post("/api/v1/users/", {"email": "x@example.com", "password": PASSWORD})
        .status_code
        == 403
    )
    created = client_for(staff).post(
        "/api/v1/users/", {"email": "New@Example.com", "password": PASSWORD}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["email"] == "new@example.com"
    assert "password" not in created.json()
    assert obtain(client_for(), "new@example.com").status_code == 200
    weak = client_for(staff).post(
        "/api/v1/users/", {"email": "w@example.com", "password": "123"}, format="json"
    )
    assert weak.status_code == 400
    assert "password" in weak.json()["error"]["details"]
    duplicate = client_for(staff).post(
        "/api/v1/users/", {"email": "new@example.com", "password": PASSWORD}, format="json"
    )
    assert duplicate.status_code == 409
