from __future__ import annotations

from typing import Any

import django_filters
from rest_framework import serializers

from platform_core.api.filters import TenantSafeFilterSet
from platform_core.api.pagination import RecentFirstCursorPagination
from platform_core.api.viewsets import ScopedReadOnlyViewSet
from platform_core.models import AuditAction, AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_email", allow_null=True, read_only=True)
    actor_id = serializers.IntegerField(allow_null=True, read_only=True)
    actor_api_key = serializers.CharField(source="actor_api_key_prefix", read_only=True)
    organization = serializers.IntegerField(
        source="organization_id", allow_null=True, read_only=True
    )
    project = serializers.IntegerField(source="project_id", allow_null=True, read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "time",
            "action",
            "actor",
            "actor_id",
            "actor_api_key",
            "organization",
            "project",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "request_id",
            "ip",
        ]
        read_only_fields = fields


class AuditEventFilter(TenantSafeFilterSet):
    organization = django_filters.NumberFilter(field_name="organization_id")
    project = django_filters.NumberFilter(field_name="project_id")
    actor = django_filters.CharFilter(field_name="actor_email", lookup_expr="iexact")
    actor_id = django_filters.NumberFilter(field_name="actor_id")
    action = django_filters.MultipleChoiceFilter(choices=AuditAction.choices)
    object_type = django_filters.CharFilter()
    object_id = django_filters.CharFilter()
    since = django_filters.IsoDateTimeFilter(field_name="time", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="time", lookup_expr="lt")

    class Meta:
        model = AuditEvent
        fields: list[str] = []


class AuditEventViewSet(ScopedReadOnlyViewSet):
    """Who changed what. Organization owners and admins see their organizations' events."""

    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter
    pagination_class = RecentFirstCursorPagination
    ordering_fields: list[str] = []
    search_fields = ["object_repr"]

    def base_queryset(self) -> Any:
        return AuditEvent.objects.all()
