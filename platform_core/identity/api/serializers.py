from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.base_user import BaseUserManager
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_simplejwt.tokens import RefreshToken

from platform_core.api.serializers import (
    ScopedPrimaryKeyRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)
from platform_core.identity.choices import ApiKeyScope
from platform_core.models import ApiKey, OrganizationMembership, Project, User
from platform_core.permissions.access import bound_project_id


class TokenObtainSerializer(StrictSerializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=256, trim_whitespace=False, write_only=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = authenticate(
            self.context.get("request"), email=attrs["email"], password=attrs["password"]
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                "The email or password is incorrect.", code="invalid_credentials"
            )
        attrs["user"] = user
        return attrs


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField(read_only=True)
    refresh = serializers.CharField(read_only=True)

    @staticmethod
    def for_user(user: User) -> dict[str, str]:
        refresh = RefreshToken.for_user(user)
        return {"access": str(refresh.access_token), "refresh": str(refresh)}


class RefreshSerializer(StrictSerializer):
    refresh = serializers.CharField(max_length=2000)


class OidcExchangeSerializer(StrictSerializer):
    id_token = serializers.CharField(max_length=20000, required=False)
    access_token = serializers.CharField(max_length=20000, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("id_token") and not attrs.get("access_token"):
            raise serializers.ValidationError("Send the provider's id_token or access_token.")
        return attrs


class OidcConfigSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    issuer = serializers.CharField(allow_blank=True)
    client_id = serializers.CharField(allow_blank=True)
    authorization_endpoint = serializers.CharField(allow_blank=True)
    token_endpoint = serializers.CharField(allow_blank=True)
    end_session_endpoint = serializers.CharField(allow_blank=True)
    scopes = serializers.ListField(child=serializers.CharField())


class AuthConfigSerializer(serializers.Serializer):
    oidc = OidcConfigSerializer()


class UserSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name"]


class MyOrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organization.id")
    name = serializers.CharField(source="organization.name")
    slug = serializers.CharField(source="organization.slug")
    role = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    organizations = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "is_staff",
            "is_superuser",
            "date_joined",
            "last_login",
            "organizations",
        ]
        read_only_fields = fields

    @extend_schema_field(MyOrganizationSerializer(many=True))
    def get_organizations(self, user: User) -> list[dict[str, Any]]:
        if bound_project_id(user) is not None:
            return []  # a project-bound key shows no organization
        # convention: allow raw-queryset -- the user's own memberships
        memberships = OrganizationMembership.objects.filter(user=user).select_related(
            "organization"
        )
        return list(
            MyOrganizationSerializer(memberships.order_by("organization__name"), many=True).data
        )


class MeUpdateSerializer(StrictModelSerializer):
    class Meta:
        model = User
        fields = ["full_name"]


class UserSerializer(StrictModelSerializer):
    password = serializers.CharField(
        write_only=True, required=False, max_length=256, trim_whitespace=False
    )

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "date_joined",
            "last_login",
        ]
        read_only_fields = ["id", "is_superuser", "date_joined", "last_login"]

    def validate_email(self, value: str) -> str:
        email = BaseUserManager.normalize_email(value).lower()
        # convention: allow raw-queryset -- addresses are unique across the whole platform
        others = User.objects.filter(email__iexact=email)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError(
                "A user with this email already exists.", code="unique"
            )
        return email


class ApiKeySerializer(StrictModelSerializer):
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=ApiKeyScope.choices), min_length=1, max_length=3
    )
    project = ScopedPrimaryKeyRelatedField(
        Project,
        required=False,
        allow_null=True,
        help_text="Bind the key to this project: it acts only inside it (any other project or "
        "organization answers 404), never changes the project or its members, and never "
        "outlives the key that made it. You must be a member who sees the project.",
    )
    project_name = serializers.CharField(
        source="project.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = ApiKey
        fields = [
            "id",
            "name",
            "prefix",
            "scopes",
            "project",
            "project_name",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
        ]
        read_only_fields = ["id", "prefix", "created_at", "last_used_at", "revoked_at"]


class ApiKeyCreatedSerializer(ApiKeySerializer):
    key = serializers.CharField(
        read_only=True, help_text="The secret. Shown only in this response."
    )

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "key"]
