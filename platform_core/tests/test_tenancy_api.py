from __future__ import annotations

import pytest

from platform_core.models import AuditEvent, Organization, OrganizationMembership, Project
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db


def test_creator_becomes_owner_of_a_new_organization():
    user = make_user()
    response = client_for(user).post(
        "/api/v1/organizations/", {"name": "Acme", "slug": "acme"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "acme" and body["role"] == "owner"
    assert OrganizationMembership.objects.get(organization_id=body["id"], user=user).role == "owner"
    actions = set(
        AuditEvent.objects.filter(organization_id=body["id"]).values_list("action", "object_type")
    )
    assert ("create", "platform_core.organization") in actions
    assert ("create", "platform_core.organizationmembership") in actions


def test_project_creation_needs_add_rights_in_the_organization(tenant):
    payload = {"organization": tenant.organization.pk, "name": "Vision", "slug": "vision"}
    denied = client_for(tenant.viewer).post("/api/v1/projects/", payload, format="json")
    assert denied.status_code == 403
    created = client_for(tenant.member).post("/api/v1/projects/", payload, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["role"] == "owner"
    assert created.json()["organization"] == tenant.organization.pk


def test_project_in_an_unseen_organization_is_an_invalid_reference(tenant, other_tenant):
    payload = {"organization": other_tenant.organization.pk, "name": "X", "slug": "xx"}
    response = client_for(tenant.owner).post("/api/v1/projects/", payload, format="json")
    assert response.status_code == 400
    assert "organization" in response.json()["error"]["details"]
    assert not Project.objects.filter(slug="xx").exists()


def test_members_can_be_invited_changed_and_removed(tenant):
    newcomer = make_user("new@example.com")
    client = client_for(tenant.admin)
    org_url = f"/api/v1/organizations/{tenant.organization.pk}/members/"
    added = client.post(org_url, {"email": "NEW@example.com", "role": "member"}, format="json")
    assert added.status_code == 201, added.content
    member_id = added.json()["id"]
    assert added.json()["user"]["email"] == "new@example.com"

    project_url = f"/api/v1/projects/{tenant.project.pk}/members/"
    joined = client_for(tenant.owner).post(
        project_url, {"email": newcomer.email, "role": "developer"}, format="json"
    )
    assert joined.status_code == 201, joined.content

    changed = client.patch(f"{org_url}{member_id}/", {"role": "viewer"}, format="json")
    assert changed.status_code == 200 and changed.json()["role"] == "viewer"
    listed = client.get(org_url).json()
    assert {m["user"]["email"] for m in listed["results"]} >= {
        "new@example.com",
        tenant.owner.email,
    }

    assert client.delete(f"{org_url}{member_id}/").status_code == 204
    assert not newcomer.project_memberships.exists(), "leaving the organization leaves its projects"


def test_project_member_must_belong_to_the_organization(tenant):
    stranger = make_user("stranger@example.com")
    response = client_for(tenant.owner).post(
        f"/api/v1/projects/{tenant.project.pk}/members/",
        {"email": stranger.email, "role": "viewer"},
        format="json",
    )
    assert response.status_code == 400
    assert "organization" in response.json()["error"]["message"]


def test_members_of_lower_roles_cannot_manage_members(tenant):
    outsider = make_user()
    url = f"/api/v1/organizations/{tenant.organization.pk}/members/"
    for user in (tenant.member, tenant.viewer):
        response = client_for(user).post(
            url, {"email": outsider.email, "role": "viewer"}, format="json"
        )
        assert response.status_code == 403
    assert client_for(tenant.viewer).get(url).status_code == 200


def test_the_last_owner_cannot_leave_or_be_demoted(tenant):
    owner_membership = tenant.organization.memberships.get(user=tenant.owner)
    url = f"/api/v1/organizations/{tenant.organization.pk}/members/{owner_membership.pk}/"
    demoted = client_for(tenant.owner).patch(url, {"role": "admin"}, format="json")
    assert demoted.status_code == 409
    assert demoted.json()["error"]["code"] == "last_owner"
    assert client_for(tenant.owner).delete(url).status_code == 409


def test_unknown_member_id_is_404(tenant, other_tenant):
    foreign = other_tenant.organization.memberships.first()
    url = f"/api/v1/organizations/{tenant.organization.pk}/members/{foreign.pk}/"
    assert client_for(tenant.owner).patch(url, {"role": "admin"}, format="json").status_code == 404


def test_deleting_an_organization_with_projects_is_a_conflict_and_keeps_everything(tenant):
    response = client_for(tenant.owner).delete(f"/api/v1/organizations/{tenant.organization.pk}/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "organization_not_empty"
    assert Organization.objects.filter(pk=tenant.organization.pk).exists()
    assert tenant.organization.memberships.count() == 6


def test_an_empty_organization_can_be_deleted_by_its_owner_only(tenant):
    client_for(tenant.owner).delete(f"/api/v1/projects/{tenant.project.pk}/")
    assert (
        client_for(tenant.admin)
        .delete(f"/api/v1/organizations/{tenant.organization.pk}/")
        .status_code
        == 403
    )
    assert (
        client_for(tenant.owner)
        .delete(f"/api/v1/organizations/{tenant.organization.pk}/")
        .status_code
        == 204
    )
    assert not Organization.objects.filter(pk=tenant.organization.pk).exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="platform_core.organization"
    ).exists()


def test_duplicate_slugs_are_conflicts(tenant):
    org = client_for(tenant.owner).post(
        "/api/v1/organizations/", {"name": "Dup", "slug": tenant.organization.slug}, format="json"
    )
    assert org.status_code == 409
    assert org.json()["error"]["code"] == "conflict"
    project = client_for(tenant.owner).post(
        "/api/v1/projects/",
        {"organization": tenant.organization.pk, "name": "Dup", "slug": tenant.project.slug},
        format="json",
    )
    assert project.status_code == 409


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "A", "slug": "ok-slug", "colour": "red"}, "colour"),
        ({"name": "A" * 101, "slug": "ok-slug"}, "name"),
        ({"name": "A", "slug": "not a slug"}, "slug"),
        ({"name": 5, "slug": ["x"]}, "slug"),
        ({"slug": "ok-slug"}, "name"),
    ],
)
def test_bad_organization_input_is_400_with_field_details(payload, field):
    user = make_user()
    response = client_for(user).post("/api/v1/organizations/", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["details"]
    assert not Organization.objects.exists()


def test_malformed_json_is_a_parse_error():
    user = make_user()
    response = client_for(user).post(
        "/api/v1/organizations/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "Acme\u0000", "slug": "acme"},
        {"name": "Acme", "slug": "acme", "nested": [{"\u0000key": 1}]},
    ],
)
def test_text_the_database_cannot_store_is_a_parse_error(payload):
    user = make_user()
    response = client_for(user).post("/api/v1/organizations/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    assert "NUL" in response.json()["error"]["message"]
    assert not Organization.objects.exists()


def test_wrong_method_and_unknown_routes_answer_in_the_error_shape():
    user = make_user()
    assert (
        client_for(user).put("/api/v1/me/", {}, format="json").json()["error"]["code"]
        == "method_not_allowed"
    )
    missing = client_for(user).get("/api/v1/nothing-here/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_organization_update_is_audited_with_changed_fields(tenant):
    response = client_for(tenant.admin).patch(
        f"/api/v1/organizations/{tenant.organization.pk}/",
        {"description": "Rockets"},
        format="json",
    )
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="update").latest("id")
    assert event.changes == {"description": ["", "Rockets"]}
    assert event.actor == tenant.admin
    assert event.organization_id == tenant.organization.pk


def test_projects_filter_by_organization_and_search(tenant, staff):
    other = client_for(staff).get(
        f"/api/v1/projects/?organization={tenant.organization.pk}&search=acme"
    )
    assert [p["id"] for p in other.json()["results"]] == [tenant.project.pk]
    assert other.json()["count"] == 1
