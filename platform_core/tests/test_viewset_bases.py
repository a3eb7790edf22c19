"""The scoped bases refuse viewsets that could create unchecked, and check what they declare."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate

from platform_core.api.serializers import ScopedPrimaryKeyRelatedField, StrictModelSerializer
from platform_core.api.viewsets import (
    Adds,
    ScopedGenericViewSet,
    ScopedModelViewSet,
    UnscopedAPIView,
)
from platform_core.models import Organization, Project
from platform_core.permissions.scope import Action
from platform_core.tenancy.api.serializers import ProjectSerializer


class ProjectNameSerializer(serializers.Serializer):
    organization = ScopedPrimaryKeyRelatedField(Organization)


class ProjectsBase(ScopedModelViewSet):
    serializer_class = ProjectSerializer

    def base_queryset(self) -> Any:
        return Project.objects.all()


def test_a_create_that_does_not_say_where_it_adds_is_never_routed():
    class Forgetful(ProjectsBase):
        pass

    with pytest.raises(ImproperlyConfigured, match="does not say where"):
        Forgetful.as_view({"post": "create"})


def test_a_hand_written_create_is_refused():
    with pytest.raises(TypeError, match="must not override create"):

        class Sneaky(ProjectsBase):
            adds = {"create": Adds(Project, into="organization")}

            def create(self, request: Any, *args: Any, **kwargs: Any) -> Any:
                return Response()


def test_drf_create_mixin_is_refused():
    class Plain(mixins.CreateModelMixin, ScopedGenericViewSet):
        serializer_class = ProjectSerializer
        dangerously_unscoped_create = "says why, but still skips the check"

    with pytest.raises(ImproperlyConfigured, match="ScopedCreateMixin"):
        Plain.as_view({"post": "create"})


def test_adds_must_name_routes_that_exist():
    class Typo(ProjectsBase):
        adds = {"create": Adds(Project, into="organization"), "clone": Adds(Project)}

    with pytest.raises(ImproperlyConfigured, match="'clone': not an @action"):
        Typo.as_view({"post": "create"})

    class Nowhere(ProjectsBase):
        adds = {"create": Adds(Project)}

    with pytest.raises(ImproperlyConfigured, match="into=<field>"):
        Nowhere.as_view({"post": "create"})


def test_an_unscoped_view_must_say_why():
    class Quiet(UnscopedAPIView):
        pass

    with pytest.raises(ImproperlyConfigured, match="dangerously_not_tenant_scoped"):
        Quiet.as_view()

    class Inherits(UnscopedAPIView):
        dangerously_not_tenant_scoped = "a reason"

    class Child(Inherits):
        pass

    Inherits.as_view()
    with pytest.raises(ImproperlyConfigured):
        Child.as_view()  # every view states its own reason


class Copier(ScopedGenericViewSet):
    """Copies organizations' projects: the check follows the validated ``organization``."""

    object_actions = {"copy": Action.VIEW, "forget": Action.VIEW}
    adds = {
        "copy": Adds(Project, into="organization"),
        "forget": Adds(Project, into="organization"),
    }

    def base_queryset(self) -> Any:
        return Project.objects.all()

    @action(detail=True, methods=["post"])
    def copy(self, request: Any, pk: str | None = None) -> Response:
        self.get_object()
        data = self.action_input(ProjectNameSerializer)
        return Response({"into": data["organization"].slug})

    @action(detail=True, methods=["post"])
    def forget(self, request: Any, pk: str | None = None) -> Response:
        self.get_object()
        return Response({"checked": False})


def post(view: Any, user: Any, pk: int, body: dict[str, Any]) -> Any:
    request = APIRequestFactory().post("/", body, format="json")
    force_authenticate(request, user=user)
    return view(request, pk=pk)


@pytest.mark.django_db
def test_an_action_adding_into_a_field_is_checked_there(tenant, other_tenant):
    copy = Copier.as_view({"post": "copy"})
    # A member may add projects to their organization; a viewer may not.
    body = {"organization": tenant.organization.pk}
    assert post(copy, tenant.member, tenant.project.pk, body).data == {"into": "acme"}
    refused = post(copy, tenant.viewer, tenant.project.pk, body)
    assert refused.status_code == 403
    assert refused.data["error"]["message"] == "You may not add a project in organization 'acme'."
    # Another tenant's organization is unseen, so the field refuses it before any check.
    elsewhere = post(
        copy, tenant.member, tenant.project.pk, {"organization": other_tenant.organization.pk}
    )
    assert elsewhere.status_code == 400


@pytest.mark.django_db
def test_an_action_that_skips_its_declared_check_fails_loudly(tenant):
    forget = Copier.as_view({"post": "forget"})
    with pytest.raises(ImproperlyConfigured, match="without checking it"):
        post(forget, tenant.owner, tenant.project.pk, {})


@pytest.mark.django_db
def test_fields_fixed_after_create_are_writable_on_create_only(tenant):
    class Fixed(StrictModelSerializer):
        class Meta:
            model = Project
            fields = ["id", "organization", "name", "slug"]
            fixed_after_create = ["organization", "slug"]

    assert not Fixed().fields["organization"].read_only
    update = Fixed(tenant.project, data={"slug": "moved"}, partial=True)
    assert not update.is_valid()
    assert update.errors == {"slug": ["Unknown field."]}
    assert Fixed(tenant.project, data={"name": "Renamed"}, partial=True).is_valid()
