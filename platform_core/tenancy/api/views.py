from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response

from platform_core.api.viewsets import Adds, ScopedGenericViewSet, ScopedModelViewSet
from platform_core.identity.choices import ApiKeyScope
from platform_core.models import Organization, OrganizationMembership, Project, ProjectMembership
from platform_core.permissions.access import may_create_organizations, user_can
from platform_core.permissions.scope import Action
from platform_core.tenancy import services
from platform_core.tenancy.api.serializers import (
    OrganizationMemberAddSerializer,
    OrganizationMemberRoleSerializer,
    OrganizationMemberSerializer,
    OrganizationSerializer,
    ProjectMemberAddSerializer,
    ProjectMemberRoleSerializer,
    ProjectMemberSerializer,
    ProjectSerializer,
)

MEMBER_ID = OpenApiParameter("member_id", int, OpenApiParameter.PATH, description="Membership id.")


class MembersEndpointsMixin(ScopedGenericViewSet):
    """``{parent}/members/`` and ``{parent}/members/{member_id}/`` of organizations and projects."""

    member_serializer: ClassVar[type[serializers.Serializer]]
    member_add_serializer: ClassVar[type[serializers.Serializer]]
    member_role_serializer: ClassVar[type[serializers.Serializer]]
    member_services: ClassVar[dict[str, Callable[..., Any]]]

    object_actions = {"members": Action.VIEW, "member": Action.VIEW}

    def api_key_scope(self, request: Request) -> ApiKeyScope | None:
        if request.method not in SAFE_METHODS and getattr(self, "action", None) in {
            "members",
            "member",
            "destroy",
        }:
            return ApiKeyScope.ADMIN
        return None

    def _memberships(self, parent: Any) -> Any:
        return (
            parent.memberships.select_related("user")
            .order_by("id")
            .restrict(self.acting_user, Action.VIEW)
        )

    @action(detail=True, methods=["get", "post"])
    def members(self, request: Request, pk: str | None = None) -> Response:
        parent = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(self._memberships(parent))
            return self.get_paginated_response(self.member_serializer(page, many=True).data)
        data = self.action_input(self.member_add_serializer)
        membership = self.member_services["add"](self.acting_user, parent, **data)
        return Response(self.member_serializer(membership).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["patch", "delete"], url_path=r"members/(?P<member_id>\d+)")
    def member(
        self, request: Request, pk: str | None = None, member_id: str | None = None
    ) -> Response:
        parent = self.get_object()
        membership = self._memberships(parent).filter(pk=member_id).first()
        if membership is None:
            raise exceptions.NotFound("No such member.")
        needed = Action.DELETE if request.method == "DELETE" else Action.CHANGE
        if not user_can(self.acting_user, needed, membership):
            raise exceptions.PermissionDenied("You may not manage members here.")
        if request.method == "DELETE":
            self.member_services["remove"](self.acting_user, membership)
            return Response(status=status.HTTP_204_NO_CONTENT)
        data = self.member_role_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = self.member_services["change_role"](
            self.acting_user, membership, **data.validated_data
        )
        return Response(self.member_serializer(membership).data)


def members_schema(member: Any, add: Any, role: Any) -> dict[str, Any]:
    return {
        "members": [
            extend_schema(methods=["GET"], responses=member(many=True), summary="List members"),
            extend_schema(
                methods=["POST"], request=add, responses={201: member}, summary="Add a member"
            ),
        ],
        "member": [
            extend_schema(
                methods=["PATCH"],
                parameters=[MEMBER_ID],
                request=role,
                responses=member,
                summary="Change a role",
            ),
            extend_schema(
                methods=["DELETE"],
                parameters=[MEMBER_ID],
                request=None,
                responses={204: None},
                summary="Remove",
            ),
        ],
    }


@extend_schema_view(
    **members_schema(
        OrganizationMemberSerializer,
        OrganizationMemberAddSerializer,
        OrganizationMemberRoleSerializer,
    )
)
class OrganizationViewSet(MembersEndpointsMixin, ScopedModelViewSet):
    """Organizations (tenants). The creator becomes the owner."""

    dangerously_unscoped_create = (
        "an organization is a new tenant: any signed-in user may found one, and owns it"
    )
    adds = {"members": Adds(OrganizationMembership)}

    serializer_class = OrganizationSerializer
    search_fields = ["name", "slug"]
    filterset_fields = ["slug"]
    ordering_fields = ["id", "name", "slug", "created_at"]

    member_serializer = OrganizationMemberSerializer
    member_add_serializer = OrganizationMemberAddSerializer
    member_role_serializer = OrganizationMemberRoleSerializer
    member_services = {
        "add": services.add_organization_member,
        "change_role": services.change_organization_member_role,
        "remove": services.remove_organization_member,
    }

    def base_queryset(self) -> Any:
        return Organization.objects.all()

    def perform_create(self, serializer: Any) -> None:
        if not may_create_organizations(self.acting_user):
            raise exceptions.PermissionDenied("A project key acts only inside its project.")
        serializer.instance = services.create_organization(
            self.acting_user, **serializer.validated_data
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.update_organization(
            self.acting_user, serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: Organization) -> None:
        services.delete_organization(self.acting_user, instance)


@extend_schema_view(
    **members_schema(
        ProjectMemberSerializer, ProjectMemberAddSerializer, ProjectMemberRoleSerializer
    )
)
class ProjectViewSet(MembersEndpointsMixin, ScopedModelViewSet):
    """Projects inside an organization. The creator becomes the project owner."""

    adds = {"create": Adds(Project, into="organization"), "members": Adds(ProjectMembership)}

    serializer_class = ProjectSerializer
    search_fields = ["name", "slug"]
    filterset_fields = ["organization", "slug"]
    ordering_fields = ["id", "name", "slug", "created_at"]

    member_serializer = ProjectMemberSerializer
    member_add_serializer = ProjectMemberAddSerializer
    member_role_serializer = ProjectMemberRoleSerializer
    member_services = {
        "add": services.add_project_member,
        "change_role": services.change_project_member_role,
        "remove": services.remove_project_member,
    }

    def base_queryset(self) -> Any:
        return Project.objects.all()

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.create_project(self.acting_user, **serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.update_project(
            self.acting_user, serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: Project) -> None:
        services.delete_project(self.acting_user, instance)
