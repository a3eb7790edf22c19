from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from guardian.shortcuts import assign_perm

from platform_core.models import Organization, Project, ProjectMembership
from platform_core.permissions import user_can, user_can_add
from platform_core.permissions.access import forget_access
from platform_core.permissions.scope import Action
from tests.factories import client_for, make_project, make_user

pytestmark = pytest.mark.django_db


def visible_projects(user, action=Action.VIEW):
    return set(Project.objects.restrict(user, action).values_list("slug", flat=True))


def test_org_roles_see_every_project_but_only_owners_and_admins_change_them(tenant):
    second = make_project(tenant.owner, tenant.organization, slug="second")
    everything = {tenant.project.slug, second.slug}
    for user in (tenant.owner, tenant.admin, tenant.member, tenant.viewer):
        assert visible_projects(user) == everything
    assert visible_projects(tenant.admin, Action.CHANGE) == everything
    assert visible_projects(tenant.member, Action.CHANGE) == set()
    assert visible_projects(tenant.viewer, Action.DELETE) == set()


def test_project_roles_grant_rights_in_their_project_only(tenant):
    make_project(tenant.owner, tenant.organization, slug="second")
    assert user_can(tenant.project_developer, Action.VIEW, tenant.project)
    assert not user_can(tenant.project_developer, Action.CHANGE, tenant.project)
    membership = ProjectMembership.objects.get(
        project=tenant.project, user=tenant.project_developer
    )
    membership.role = "maintainer"
    membership.save()
    forget_access(tenant.project_developer)
    assert visible_projects(tenant.project_developer, Action.CHANGE) == {tenant.project.slug}


def test_add_rights_follow_roles(tenant):
    org = tenant.organization
    assert user_can_add(tenant.member, Project, org)
    assert not user_can_add(tenant.viewer, Project, org)
    assert user_can_add(tenant.owner, ProjectMembership, org, tenant.project)
    assert not user_can_add(tenant.project_developer, ProjectMembership, org, tenant.project)


def test_strangers_and_anonymous_users_see_nothing(tenant):
    from django.contrib.auth.models import AnonymousUser

    assert visible_projects(make_user()) == set()
    assert not Organization.objects.restrict(AnonymousUser()).exists()


def test_staff_operate_the_whole_platform(tenant, other_tenant, staff):
    assert visible_projects(staff, Action.DELETE) == {
        tenant.project.slug,
        other_tenant.project.slug,
    }


def test_inactive_users_lose_access(tenant):
    tenant.admin.is_active = False
    assert visible_projects(tenant.admin) == set()


def test_per_object_grants_to_users_and_groups(tenant):
    second = make_project(tenant.owner, tenant.organization, slug="second")
    developer = tenant.project_developer  # sees every project, changes none outside their own
    assert not user_can(developer, Action.CHANGE, second)
    assign_perm("change_project", developer, second)
    forget_access(developer)
    assert user_can(developer, Action.CHANGE, second)
    assert not user_can(developer, Action.DELETE, second)

    reviewers = Group.objects.create(name="reviewers")
    tenant.viewer.groups.add(reviewers)
    assign_perm("change_project", reviewers, second)
    response = client_for(tenant.viewer).patch(
        f"/api/v1/projects/{second.pk}/", {"description": "reviewed"}, format="json"
    )
    assert response.status_code == 200, response.content


def test_grants_count_only_inside_the_users_organizations(tenant, other_tenant):
    outsider = other_tenant.member
    assign_perm("view_project", outsider, tenant.project)
    assert tenant.project.slug not in visible_projects(outsider)

    leaver = tenant.member
    assign_perm("change_project", leaver, tenant.project)
    forget_access(leaver)
    assert user_can(leaver, Action.CHANGE, tenant.project)
    membership = tenant.organization.memberships.get(user=leaver)
    response = client_for(tenant.owner).delete(
        f"/api/v1/organizations/{tenant.organization.pk}/members/{membership.pk}/"
    )
    assert response.status_code == 204
    forget_access(leaver)
    assert client_for(leaver).get(f"/api/v1/projects/{tenant.project.pk}/").status_code == 404


def test_viewsets_cannot_override_the_scoped_queryset():
    from platform_core.api.viewsets import ScopedModelViewSet

    with pytest.raises(TypeError, match="get_queryset"):

        class Leaky(ScopedModelViewSet):
            def get_queryset(self):
                return Project.objects.all()
