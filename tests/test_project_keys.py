"""Project-bound API keys act only inside their project, whatever endpoint they reach.

The walker half goes through every scoped endpoint with a sample object (see
tests/isolation.py): a key bound to another project of the same organization never sees it;
a key bound to the sample's own project sees it exactly when the sample lives in a project.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from data_platform.models import DataSource
from platform_core.identity.services import create_api_key, issue_job_key, revoke_api_key
from platform_core.models import ApiKey, Organization, Project, ProjectMembership, User
from platform_core.tenancy import services as tenancy
from tests.factories import PASSWORD, client_for, make_project
from tests.isolation import load_app_samples
from tests.test_tenant_isolation import ENDPOINTS, Endpoint

pytestmark = pytest.mark.django_db

SOURCE = {"name": "uploads", "kind": "upload"}


def key_client(user: User, project: Project | None, scopes: list[str] | None = None) -> Any:
    _key, secret = create_api_key(
        user, name="bound", scopes=scopes or ["read", "write", "admin"], project=project
    )
    return client_for(token=secret)


@pytest.fixture
def second_project(tenant: Any) -> Project:
    return make_project(tenant.owner, tenant.organization, slug="second")


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


class TestCreating:
    def test_a_key_bound_to_a_project_answers_it(self, tenant):
        response = client_for(tenant.project_developer).post(
            "/api/v1/api-keys/",
            {"name": "job", "scopes": ["read"], "project": tenant.project.pk},
            format="json",
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["project"], body["project_name"]) == (tenant.project.pk, tenant.project.name)
        assert ApiKey.objects.get(pk=body["id"]).project_id == tenant.project.pk
        listed = client_for(tenant.project_developer).get("/api/v1/api-keys/").json()
        assert [(item["id"], item["project"]) for item in listed["results"]] == [
            (body["id"], tenant.project.pk)
        ]

    def test_a_project_the_user_cannot_see_is_refused_on_the_field(self, tenant, other_tenant):
        response = client_for(tenant.owner).post(
            "/api/v1/api-keys/",
            {"name": "x", "scopes": ["read"], "project": other_tenant.project.pk},
            format="json",
        )
        assert response.status_code == 400
        assert "project" in response.json()["error"]["details"]
        assert not ApiKey.objects.exists()

    def test_an_operator_needs_membership_for_a_project_key(self, tenant, staff):
        response = client_for(staff).post(
            "/api/v1/api-keys/",
            {"name": "x", "scopes": ["read"], "project": tenant.project.pk},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["error"]["details"] == {
            "project": ["You are not a member who can see this project."]
        }
        assert not ApiKey.objects.exists()


class TestActingInsideTheProject:
    def test_only_the_project_is_visible(self, tenant, second_project):
        client = key_client(tenant.owner, tenant.project)
        assert ids(client.get("/api/v1/projects/")) == {tenant.project.pk}
        assert client.get(f"/api/v1/projects/{tenant.project.pk}/").status_code == 200
        assert client.get(f"/api/v1/projects/{second_project.pk}/").status_code == 404
        members = client.get(f"/api/v1/projects/{tenant.project.pk}/members/")
        assert members.status_code == 200 and len(members.json()["results"]) == 3

    def test_the_organization_and_its_records_answer_404(self, tenant):
        client = key_client(tenant.owner, tenant.project)
        org = tenant.organization.pk
        assert ids(client.get("/api/v1/organizations/")) == set()
        assert client.get(f"/api/v1/organizations/{org}/").status_code == 404
        assert client.get(f"/api/v1/organizations/{org}/members/").status_code == 404
        assert client.patch(f"/api/v1/organizations/{org}/", {"name": "X"}).status_code == 404
        assert ids(client.get("/api/v1/audit-events/")) == set()
        me = client.get("/api/v1/me/").json()
        assert (me["email"], me["organizations"]) == (tenant.owner.email, [])
        assert client_for(tenant.owner).get("/api/v1/me/").json()["organizations"] != []

    def test_resources_of_the_project_only(self, tenant, second_project):
        owner = client_for(tenant.owner)
        here = owner.post("/api/v1/data-sources/", {**SOURCE, "project": tenant.project.pk})
        there = owner.post("/api/v1/data-sources/", {**SOURCE, "project": second_project.pk})
        client = key_client(tenant.owner, tenant.project)

        assert ids(client.get("/api/v1/data-sources/")) == {here.json()["id"]}
        url = f"/api/v1/data-sources/{there.json()['id']}/"
        assert client.get(url).status_code == 404
        assert client.patch(url, {"name": "taken"}).status_code == 404
        assert client.delete(url).status_code == 404
        elsewhere = client.post(
            "/api/v1/data-sources/", {**SOURCE, "name": "b2", "project": second_project.pk}
        )
        assert elsewhere.status_code == 400
        assert "project" in elsewhere.json()["error"]["details"]
        inside = client.post(
            "/api/v1/data-sources/", {**SOURCE, "name": "b2", "project": tenant.project.pk}
        )
        assert inside.status_code == 201, inside.content
        assert DataSource.objects.filter(project=second_project).count() == 1

    def test_it_stays_within_its_users_rights(self, tenant):
        client = key_client(tenant.project_viewer, tenant.project)
        created = client.post("/api/v1/data-sources/", {**SOURCE, "project": tenant.project.pk})
        assert created.status_code == 403
        assert not DataSource.objects.exists()

    def test_a_user_who_leaves_the_project_takes_the_key_out(self, tenant):
        client = key_client(tenant.project_developer, tenant.project)
        assert ids(client.get("/api/v1/projects/")) == {tenant.project.pk}
        membership = ProjectMembership.objects.get(
            project=tenant.project, user=tenant.project_developer
        )
        tenancy.remove_project_member(tenant.owner, membership)
        organization_membership = tenant.organization.memberships.get(user=tenant.project_developer)
        tenancy.remove_organization_member(tenant.owner, organization_membership)
        assert ids(client.get("/api/v1/projects/")) == set()


class TestNoEscalation:
    def test_the_project_and_its_members_are_read_only(self, tenant):
        client = key_client(tenant.owner, tenant.project)
        project_url = f"/api/v1/projects/{tenant.project.pk}/"
        assert client.patch(project_url, {"name": "Renamed"}).status_code == 403
        assert client.delete(project_url).status_code == 403
        added = client.post(
            f"{project_url}members/", {"email": tenant.viewer.email, "role": "owner"}
        )
        assert added.status_code == 403
        member = tenant.project.memberships.get(user=tenant.project_developer)
        assert (
            client.patch(f"{project_url}members/{member.pk}/", {"role": "owner"}).status_code == 403
        )
        assert client.delete(f"{project_url}members/{member.pk}/").status_code == 403
        member.refresh_from_db()
        assert member.role == "developer"
        assert Project.objects.get(pk=tenant.project.pk).name == tenant.project.name
        assert not tenant.project.memberships.filter(user=tenant.viewer).exists()

    def test_no_new_tenants_or_projects(self, tenant):
        client = key_client(tenant.owner, tenant.project)
        organization = client.post("/api/v1/organizations/", {"name": "Escape", "slug": "escape"})
        assert organization.status_code == 403
        assert organization.json()["error"]["message"] == (
            "A project key acts only inside its project."
        )
        project = client.post(
            "/api/v1/projects/",
            {"organization": tenant.organization.pk, "name": "Side", "slug": "side"},
        )
        assert project.status_code == 400
        assert "organization" in project.json()["error"]["details"]
        assert not Organization.objects.filter(slug="escape").exists()
        assert not Project.objects.filter(slug="side").exists()

    def test_keys_it_makes_stay_in_the_project_and_within_its_lifetime(
        self, tenant, second_project
    ):
        expiry = timezone.now() + timedelta(hours=1)
        _key, secret = create_api_key(
            tenant.owner,
            name="bound",
            scopes=["read", "write", "admin"],
            project=tenant.project,
            expires_at=expiry,
        )
        client = client_for(token=secret)
        create_api_key(tenant.owner, name="personal", scopes=["admin"])
        assert {item["name"] for item in client.get("/api/v1/api-keys/").json()["results"]} == {
            "bound"
        }

        other = client.post(
            "/api/v1/api-keys/", {"name": "o", "scopes": ["read"], "project": second_project.pk}
        )
        assert other.status_code == 400
        assert "project" in other.json()["error"]["details"]
        too_late = (expiry + timedelta(days=1)).isoformat()
        later = client.post(
            "/api/v1/api-keys/", {"name": "l", "scopes": ["read"], "expires_at": too_late}
        )
        assert later.status_code == 400
        assert "expires_at" in later.json()["error"]["details"]

        child = client.post("/api/v1/api-keys/", {"name": "child", "scopes": ["read"]})
        assert child.status_code == 201, child.content
        stored = ApiKey.objects.get(pk=child.json()["id"])
        assert (stored.project_id, stored.expires_at) == (tenant.project.pk, expiry)
        assert {key.name for key in ApiKey.objects.filter(project=None)} == {"personal"}

    def test_an_operators_project_key_is_no_operator(self, tenant, staff):
        tenancy.add_organization_member(
            tenant.owner, tenant.organization, email=staff.email, role="viewer"
        )
        client = key_client(staff, tenant.project)
        assert client.get("/api/v1/users/").status_code == 403
        made = client.post(
            "/api/v1/users/", {"email": "evil@example.com", "password": PASSWORD, "is_staff": True}
        )
        assert made.status_code == 403
        assert not User.objects.filter(email="evil@example.com").exists()
        assert ids(client.get("/api/v1/projects/")) == {tenant.project.pk}


class TestJobKeys:
    def test_a_job_key_works_in_its_project_until_revoked(self, tenant):
        api_key, secret = issue_job_key(
            tenant.project_developer, tenant.project, name="job 7", ttl=timedelta(minutes=30)
        )
        assert api_key.project_id == tenant.project.pk
        assert sorted(api_key.scopes) == ["read", "write"]
        assert (
            timedelta(minutes=29)
            < api_key.expires_at - timezone.now()  # type: ignore[operator]
            <= timedelta(minutes=30)
        )
        client = client_for(token=secret)
        assert ids(client.get("/api/v1/projects/")) == {tenant.project.pk}
        created = client.post("/api/v1/data-sources/", {**SOURCE, "project": tenant.project.pk})
        assert created.status_code == 201
        keys = client.post("/api/v1/api-keys/", {"name": "more", "scopes": ["read"]})
        assert keys.status_code == 403

        revoke_api_key(None, api_key)
        assert client.get("/api/v1/projects/").status_code == 401

    def test_a_job_key_expires(self, tenant):
        api_key, secret = issue_job_key(
            tenant.owner, tenant.project, name="job", ttl=timedelta(minutes=5)
        )
        ApiKey.objects.filter(pk=api_key.pk).update(expires_at=timezone.now())
        assert client_for(token=secret).get("/api/v1/projects/").status_code == 401

    @pytest.mark.parametrize("ttl", [timedelta(0), timedelta(seconds=-1), timedelta(days=8)])
    def test_the_lifetime_is_bounded(self, tenant, ttl):
        from platform_core.errors import InvalidInput

        with pytest.raises(InvalidInput) as refused:
            issue_job_key(tenant.owner, tenant.project, name="job", ttl=ttl)
        assert "ttl" in refused.value.details
        assert not ApiKey.objects.exists()

    def test_only_members_get_job_keys(self, tenant, other_tenant):
        from platform_core.errors import InvalidInput

        with pytest.raises(InvalidInput):
            issue_job_key(other_tenant.owner, tenant.project, name="job", ttl=timedelta(hours=1))
        assert not ApiKey.objects.exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.list_url)
def test_a_key_of_another_project_never_reaches_the_object(endpoint: Endpoint, tenant):
    obj = load_app_samples()[endpoint.model](tenant)
    elsewhere = make_project(tenant.owner, tenant.organization, slug="elsewhere")
    client = key_client(tenant.owner, elsewhere)

    assert obj.pk not in ids(client.get(endpoint.list_url, {"page_size": 1000}))
    assert client.get(endpoint.detail_url(obj.pk)).status_code == 404
    for method in ("PATCH", "PUT", "DELETE"):
        if method in endpoint.methods:
            response = getattr(client, method.lower())(endpoint.detail_url(obj.pk), {})
            assert response.status_code == 404, f"{method} {endpoint.list_url}"
    assert type(obj)._default_manager.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.list_url)
def test_a_key_of_the_objects_project_sees_it_only_when_it_lives_there(endpoint: Endpoint, tenant):
    obj = load_app_samples()[endpoint.model](tenant)
    client = key_client(tenant.owner, tenant.project)
    scope = getattr(endpoint.model, "scope", None)
    in_the_project = (
        scope is not None
        and scope.project is not None
        and type(obj)
        ._default_manager.filter(**{scope.project_id_path(): tenant.project.pk})
        .filter(pk=obj.pk)
        .exists()
    )
    visible = obj.pk in ids(client.get(endpoint.list_url, {"page_size": 1000}))
    assert visible == in_the_project
    assert client.get(endpoint.detail_url(obj.pk)).status_code == (200 if visible else 404)


def test_the_walker_sees_project_and_organization_level_endpoints():
    levels = {
        getattr(getattr(endpoint.model, "scope", None), "project", None) is None
        for endpoint in ENDPOINTS
    }
    assert levels == {True, False}


def test_a_bound_users_other_keys_are_untouched(tenant):
    personal, _secret = create_api_key(tenant.owner, name="personal", scopes=["read"])
    client = key_client(tenant.owner, tenant.project)
    assert client.delete(f"/api/v1/api-keys/{personal.pk}/").status_code == 404
    personal.refresh_from_db()
    assert personal.revoked_at is None
