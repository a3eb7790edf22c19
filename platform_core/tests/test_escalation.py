"""Nobody gains more than their role gives them: role ranks, key scopes, forged headers."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from platform_core.identity.permissions import ApiKeyScopePermission
from platform_core.models import AuditEvent, User
from tests.factories import PASSWORD, add_project_member, client_for, make_user

pytestmark = pytest.mark.django_db


def org_members_url(tenant, member_id=None):
    base = f"/api/v1/organizations/{tenant.organization.pk}/members/"
    return f"{base}{member_id}/" if member_id else base


def test_an_org_admin_cannot_grant_take_or_remove_ownership(tenant):
    admin = client_for(tenant.admin)
    own = tenant.organization.memberships.get(user=tenant.admin)
    owner = tenant.organization.memberships.get(user=tenant.owner)
    assert (
        admin.patch(org_members_url(tenant, own.pk), {"role": "owner"}, format="json").status_code
        == 403
    )
    assert (
        admin.patch(
            org_members_url(tenant, owner.pk), {"role": "viewer"}, format="json"
        ).status_code
        == 403
    )
    assert admin.delete(org_members_url(tenant, owner.pk)).status_code == 403
    newcomer = make_user()
    invited = admin.post(
        org_members_url(tenant), {"email": newcomer.email, "role": "owner"}, format="json"
    )
    assert invited.status_code == 403
    assert invited.json()["error"]["code"] == "permission_denied"
    assert (
        admin.post(
            org_members_url(tenant), {"email": newcomer.email, "role": "admin"}, format="json"
        ).status_code
        == 201
    )
    owner.refresh_from_db()
    assert owner.role == "owner"


def test_a_project_maintainer_cannot_create_or_remove_project_owners(tenant):
    maintainer = make_user()
    add_project_member(tenant.project, maintainer, "maintainer")
    client = client_for(maintainer)
    url = f"/api/v1/projects/{tenant.project.pk}/members/"
    assert (
        client.post(url, {"email": tenant.viewer.email, "role": "owner"}, format="json").status_code
        == 403
    )
    own = tenant.project.memberships.get(user=maintainer)
    assert client.patch(f"{url}{own.pk}/", {"role": "owner"}, format="json").status_code == 403
    owner = tenant.project.memberships.get(user=tenant.owner)
    assert client.delete(f"{url}{owner.pk}/").status_code == 403
    assert (
        client.post(
            url, {"email": tenant.viewer.email, "role": "developer"}, format="json"
        ).status_code
        == 201
    )


def test_a_project_keeps_its_last_owner(tenant):
    owner = tenant.project.memberships.get(user=tenant.owner)
    url = f"/api/v1/projects/{tenant.project.pk}/members/{owner.pk}/"
    response = client_for(tenant.owner).patch(url, {"role": "viewer"}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "last_owner"


def test_every_api_view_enforces_api_key_scopes():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                yield pattern

    missing = []
    for pattern in walk(get_resolver().url_patterns):
        view = getattr(pattern.callback, "cls", None)
        if view is None or not hasattr(view, "permission_classes"):
            continue
        permissions = view.permission_classes
        public = all(getattr(p, "__name__", "") == "AllowAny" for p in permissions)
        if not public and ApiKeyScopePermission not in permissions:
            missing.append(view.__name__)
    assert missing == []


def test_a_read_key_of_an_operator_cannot_create_users(staff):
    key = client_for(staff).post(
        "/api/v1/api-keys/", {"name": "r", "scopes": ["read"]}, format="json"
    )
    reader = client_for(token=key.json()["key"])
    response = reader.post(
        "/api/v1/users/", {"email": "evil@example.com", "password": PASSWORD, "is_staff": True}
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="evil@example.com").exists()


def test_forged_forwarded_for_headers_do_not_reset_the_login_limit():
    make_user("ada@example.com")
    client = client_for()
    statuses = [
        client.post(
            "/api/v1/auth/token/",
            {"email": "ada@example.com", "password": "wrong"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        ).status_code
        for attempt in range(11)
    ]
    assert statuses[-1] == 429
    assert set(AuditEvent.objects.filter(action="login_failed").values_list("ip", flat=True)) == {
        "127.0.0.1"
    }


def test_a_nul_character_in_the_login_email_is_a_400_and_is_audited():
    response = client_for().post(
        "/api/v1/auth/token/", {"email": "a\x00@x.com", "password": "x"}, format="json"
    )
    assert response.status_code == 400
    assert AuditEvent.objects.get(action="login_failed").object_repr == "a@x.com"


def test_emails_are_unique_regardless_of_case(staff):
    make_user("alice@example.com")
    bob = make_user("bob@example.com")
    response = client_for(staff).patch(
        f"/api/v1/users/{bob.pk}/", {"email": "ALICE@example.com"}, format="json"
    )
    assert response.status_code == 409
    bob.refresh_from_db()
    assert bob.email == "bob@example.com"


def test_only_superusers_change_superusers(staff):
    root = make_user("root@example.com", is_staff=True)
    User.objects.filter(pk=root.pk).update(is_superuser=True)
    response = client_for(staff).patch(
        f"/api/v1/users/{root.pk}/", {"password": "taken-over-now-123"}, format="json"
    )
    assert response.status_code == 403


def test_filtering_by_another_tenants_id_looks_like_a_missing_id(tenant, other_tenant):
    client = client_for(tenant.owner)
    foreign = client.get("/api/v1/projects/", {"organization": other_tenant.organization.pk})
    missing = client.get("/api/v1/projects/", {"organization": 99999999})
    assert foreign.status_code == missing.status_code == 200
    assert foreign.json()["results"] == missing.json()["results"] == []
