from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from platform_core.api.serializers import (
    ScopedPrimaryKeyRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)
from platform_core.identity.api.serializers import UserSummarySerializer
from platform_core.models import Organization, OrganizationMembership, Project, ProjectMembership
from platform_core.permissions.access import access_for
from platform_core.tenancy.choices import OrganizationRole, ProjectRole


class OrganizationSerializer(StrictModelSerializer):
    role = serializers.SerializerMethodField(
        help_text="The caller's role in this organization, if any."
    )

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "slug",
            "description",
            "storage_quota_bytes",
            "role",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "storage_quota_bytes", "created_at", "updated_at"]

    @extend_schema_field(serializers.ChoiceField(choices=OrganizationRole.choices, allow_null=True))
    def get_role(self, organization: Organization) -> str | None:
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return None
        return access_for(request.user).organization_roles.get(organization.pk)


class ProjectSerializer(StrictModelSerializer):
    organization = ScopedPrimaryKeyRelatedField(Organization)
    role = serializers.SerializerMethodField(help_text="The caller's role in this project, if any.")

    class Meta:
        model = Project
        fields = [
            "id",
            "organization",
            "name",
            "slug",
            "description",
            "role",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        fixed_after_create = ["organization"]  # projects do not move between tenants

    @extend_schema_field(serializers.ChoiceField(choices=ProjectRole.choices, allow_null=True))
    def get_role(self, project: Project) -> str | None:
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return None
        entry = access_for(request.user).project_roles.get(project.pk)
        return entry[1] if entry else None


class OrganizationMemberSerializer(serializers.ModelSerializer):
    user = UserSummarySerializer(read_only=True)

    class Meta:
        model = OrganizationMembership
        fields = ["id", "user", "role", "created_at"]
        read_only_fields = fields


class ProjectMemberSerializer(serializers.ModelSerializer):
    user = UserSummarySerializer(read_only=True)

    class Meta:
        model = ProjectMembership
        fields = ["id", "user", "role", "created_at"]
        read_only_fields = fields


class OrganizationMemberAddSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=OrganizationRole.choices)


class OrganizationMemberRoleSerializer(StrictSerializer):
    role = serializers.ChoiceField(choices=OrganizationRole.choices)


class ProjectMemberAddSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=ProjectRole.choices)


class ProjectMemberRoleSerializer(StrictSerializer):
    role = serializers.ChoiceField(choices=ProjectRole.choices)
