"""Filters of the data platform's list endpoints."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from rest_framework import serializers

from data_platform.choices import (
    DatasetFormat,
    JobKind,
    JobStatus,
    VersionStatus,
)
from data_platform.models import (
    Dataset,
    DatasetVersion,
    Job,
    LabelingProject,
    LabelTask,
    VectorCollection,
)
from platform_core.api.filters import TenantSafeFilterSet
from platform_core.api.params import parse_id


class DatasetFilter(TenantSafeFilterSet):
    format = django_filters.ChoiceFilter(choices=DatasetFormat.choices)
    tags = django_filters.CharFilter(
        method="filter_tags", help_text="Comma-separated; datasets having all of them."
    )

    class Meta:
        model = Dataset
        fields = ["project", "format", "tags"]

    def filter_tags(self, queryset: QuerySet[Dataset], name: str, value: str) -> Any:
        wanted = [tag.strip() for tag in value.split(",") if tag.strip()]
        return queryset.filter(tags__contains=wanted) if wanted else queryset


class DatasetVersionFilter(TenantSafeFilterSet):
    status = django_filters.ChoiceFilter(choices=VersionStatus.choices)

    class Meta:
        model = DatasetVersion
        fields = ["project", "dataset", "status"]


class JobFilter(TenantSafeFilterSet):
    project = django_filters.NumberFilter(field_name="project_id")
    status = django_filters.MultipleChoiceFilter(choices=JobStatus.choices)
    kind = django_filters.MultipleChoiceFilter(choices=JobKind.choices)

    class Meta:
        model = Job
        fields: list[str] = []


class LabelingProjectFilter(TenantSafeFilterSet):
    class Meta:
        model = LabelingProject
        fields = ["project", "version", "kind", "status"]


class LabelTaskFilter(TenantSafeFilterSet):
    assignee = django_filters.CharFilter(
        method="filter_assignee", help_text='"me", "none", or a user id.'
    )

    class Meta:
        model = LabelTask
        fields = ["labeling_project", "status", "assignee"]

    def filter_assignee(self, queryset: QuerySet[LabelTask], name: str, value: str) -> Any:
        if value == "me":
            return queryset.filter(assignee_id=self.request.user.pk)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if (user_id := parse_id(value)) is not None:
            return queryset.filter(assignee_id=user_id)
        raise serializers.ValidationError({"assignee": ['Use "me", "none" or a user id.']})


class VectorCollectionFilter(TenantSafeFilterSet):
    class Meta:
        model = VectorCollection
        fields = ["project", "version", "status", "name"]
