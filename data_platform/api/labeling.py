"""``/api/v1/labeling-projects/`` and ``/api/v1/label-tasks/``: label a version's rows or images."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Count, Prefetch, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from data_platform.api.dataset_serializers import DatasetVersionSerializer
from data_platform.choices import DatasetFormat, LabelTaskStatus
from data_platform.models import (
    Annotation,
    Dataset,
    DatasetVersion,
    LabelingProject,
    LabelTask,
)
from data_platform.services import label_export, labeling
from data_platform.services.version_rows import object_key
from platform_core.api.filters import TenantSafeFilterSet
from platform_core.api.params import parse_id
from platform_core.api.serializers import (
    ScopedPrimaryKeyRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)
from platform_core.api.viewsets import ScopedModelViewSet, ScopedReadOnlyViewSet
from platform_core.backends import get_backend
from platform_core.identity.api.serializers import UserSummarySerializer
from platform_core.permissions.scope import Action

# --- labeling projects ----------------------------------------------------------------------


class LabelingProjectSerializer(StrictModelSerializer):
    version = ScopedPrimaryKeyRelatedField(DatasetVersion)
    labels = serializers.ListField(
        child=serializers.CharField(max_length=labeling.MAX_LABEL_LENGTH),
        min_length=1,
        max_length=labeling.MAX_LABELS,
        help_text="The label vocabulary.",
    )
    task_count = serializers.IntegerField(read_only=True)
    done_count = serializers.IntegerField(read_only=True)
    skipped_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LabelingProject
        fields = [
            "id",
            "organization",
            "project",
            "name",
            "version",
            "kind",
            "labels",
            "text_column",
            "instructions",
            "status",
            "error",
            "task_count",
            "done_count",
            "skipped_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "organization",
            "project",
            "status",
            "error",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "text_column": {
                "help_text": "The column with the text to classify or mark spans in (tables)."
            }
        }

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            # Tasks were generated from these; a different source is a new project.
            for name in ("version", "kind", "text_column"):
                fields[name].read_only = True
        return fields


class ExportRequestSerializer(StrictSerializer):
    dataset = ScopedPrimaryKeyRelatedField(
        Dataset,
        required=False,
        allow_null=True,
        help_text="A JSON Lines dataset of the same project; by default '<name> labels'.",
    )
    message = serializers.CharField(max_length=500, required=False, allow_blank=True)


class LabelingProjectFilter(TenantSafeFilterSet):
    class Meta:
        model = LabelingProject
        fields = ["project", "version", "kind", "status"]


class LabelingProjectViewSet(ScopedModelViewSet):
    """Labeling projects: tasks from a ready version's rows or images, and their export."""

    serializer_class = LabelingProjectSerializer
    filterset_class = LabelingProjectFilter
    search_fields = ["name"]
    ordering_fields = ["id", "name", "created_at"]
    object_actions = {"export": Action.VIEW}

    def base_queryset(self) -> Any:
        return LabelingProject.objects.annotate(
            task_count=Count("tasks"),
            done_count=Count("tasks", filter=Q(tasks__status=LabelTaskStatus.DONE)),
            skipped_count=Count("tasks", filter=Q(tasks__status=LabelTaskStatus.SKIPPED)),
        )

    def _counted(self, project: LabelingProject) -> LabelingProject:
        return self.base_queryset().get(pk=project.pk)  # type: ignore[no-any-return]

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        version = data["version"]
        self.require_add(LabelingProject, version.organization, version.project)
        serializer.instance = self._counted(labeling.create_project(self.acting_user, **data))

    def perform_update(self, serializer: Any) -> None:
        project = labeling.update_project(
            self.acting_user, serializer.instance, **serializer.validated_data
        )
        serializer.instance = self._counted(project)

    def perform_destroy(self, instance: LabelingProject) -> None:
        labeling.delete_project(self.acting_user, instance)

    @extend_schema(
        request=ExportRequestSerializer,
        responses={201: DatasetVersionSerializer},
        summary="Export as a dataset version",
    )
    @action(detail=True, methods=["post"])
    def export(self, request: Request, pk: str | None = None) -> Response:
        project = self.get_object()
        params = ExportRequestSerializer(data=request.data, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        if not params.validated_data.get("dataset"):
            self.require_add(Dataset, project.organization, project.project)
        self.require_add(DatasetVersion, project.organization, project.project)
        version = label_export.export_project(
            self.acting_user,
            project,
            dataset=params.validated_data.get("dataset"),
            message=params.validated_data.get("message", ""),
        )
        return Response(DatasetVersionSerializer(version).data, status=status.HTTP_201_CREATED)


# --- label tasks ----------------------------------------------------------------------------


class AnnotationSerializer(serializers.ModelSerializer):
    annotator = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Annotation
        fields = ["id", "value", "annotator", "created_at"]
        read_only_fields = fields


class AnnotationRequestSerializer(StrictSerializer):
    value = serializers.JSONField(
        help_text=(
            'classification: "label"; text_spans: [{"start", "end", "label"}] (character '
            'offsets, end exclusive); bounding_boxes: [{"x", "y", "width", "height", "label"}] '
            "as fractions of the image's width and height from its top-left corner."
        )
    )


class AssignRequestSerializer(StrictSerializer):
    assignee = serializers.IntegerField(
        allow_null=True, help_text="A user id; null leaves the task unassigned."
    )


class LabelTaskSerializer(serializers.ModelSerializer):
    assignee = UserSummarySerializer(read_only=True, allow_null=True)
    annotations = AnnotationSerializer(many=True, read_only=True)
    item_url = serializers.SerializerMethodField(
        help_text="A short-lived download URL of the image, for image tasks."
    )

    class Meta:
        model = LabelTask
        fields = [
            "id",
            "organization",
            "project",
            "labeling_project",
            "item_ref",
            "data",
            "item_url",
            "status",
            "assignee",
            "annotations",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_item_url(self, task: LabelTask) -> str | None:
        version = task.labeling_project.version
        if version.dataset.format != DatasetFormat.IMAGE_ZIP:
            return None
        return str(get_backend("storage").presigned_get_url(object_key(version, task.item_ref)))


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


class LabelTaskViewSet(ScopedReadOnlyViewSet):
    """Tasks of labeling projects: assign them and annotate them."""

    serializer_class = LabelTaskSerializer
    filterset_class = LabelTaskFilter
    ordering_fields = ["id", "status", "updated_at"]
    object_actions = {"annotations": Action.VIEW, "skip": Action.VIEW, "assign": Action.CHANGE}

    def base_queryset(self) -> Any:
        annotations = Annotation.objects.select_related("annotator").order_by("id")
        return LabelTask.objects.select_related(
            "assignee", "labeling_project__version__dataset"
        ).prefetch_related(Prefetch("annotations", queryset=annotations))

    def _fresh(self, task: LabelTask) -> LabelTask:
        return self.base_queryset().get(pk=task.pk)  # type: ignore[no-any-return]

    @extend_schema(
        request=AnnotationRequestSerializer,
        responses={201: LabelTaskSerializer},
        summary="Annotate (marks the task done)",
    )
    @action(detail=True, methods=["post"])
    def annotations(self, request: Request, pk: str | None = None) -> Response:
        task = self.get_object()
        self.require_add(Annotation, task.organization, task.project)
        params = AnnotationRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        labeling.annotate(self.acting_user, task, params.validated_data["value"])
        return Response(self.get_serializer(self._fresh(task)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=LabelTaskSerializer, summary="Skip (set aside)")
    @action(detail=True, methods=["post"])
    def skip(self, request: Request, pk: str | None = None) -> Response:
        task = self.get_object()
        self.require_add(Annotation, task.organization, task.project)
        labeling.skip_task(self.acting_user, task)
        return Response(self.get_serializer(self._fresh(task)).data)

    @extend_schema(request=AssignRequestSerializer, responses=LabelTaskSerializer, summary="Assign")
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        task = self.get_object()
        params = AssignRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        labeling.assign_task(self.acting_user, task, params.validated_data["assignee"])
        return Response(self.get_serializer(self._fresh(task)).data)
