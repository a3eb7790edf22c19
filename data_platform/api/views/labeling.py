"""``/api/v1/labeling-projects/`` and ``/api/v1/label-tasks/``: label a version's rows or images."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from data_platform.api.serializers.datasets import DatasetVersionSerializer
from data_platform.api.serializers.labeling import (
    AnnotationRequestSerializer,
    AssignRequestSerializer,
    ExportRequestSerializer,
    LabelingProjectSerializer,
    LabelTaskSerializer,
)
from data_platform.choices import LabelTaskStatus
from data_platform.filtersets import LabelingProjectFilter, LabelTaskFilter
from data_platform.models import (
    Annotation,
    Dataset,
    DatasetVersion,
    LabelingProject,
    LabelTask,
)
from data_platform.services import label_export, labeling
from platform_core.api.viewsets import Adds, ScopedModelViewSet, ScopedReadOnlyViewSet
from platform_core.permissions.scope import Action


class LabelingProjectViewSet(ScopedModelViewSet):
    """Labeling projects: tasks from a ready version's rows or images, and their export."""

    serializer_class = LabelingProjectSerializer
    filterset_class = LabelingProjectFilter
    search_fields = ["name"]
    ordering_fields = ["id", "name", "created_at"]
    object_actions = {"export": Action.VIEW}
    # An export makes the labels' dataset on its first run, and a version every time.
    adds = {
        "create": Adds(LabelingProject, into="version"),
        "export": Adds(Dataset, DatasetVersion),
    }

    def base_queryset(self) -> Any:
        return LabelingProject.objects.annotate(
            task_count=Count("tasks"),
            done_count=Count("tasks", filter=Q(tasks__status=LabelTaskStatus.DONE)),
            skipped_count=Count("tasks", filter=Q(tasks__status=LabelTaskStatus.SKIPPED)),
        )

    def _counted(self, project: LabelingProject) -> LabelingProject:
        return self.base_queryset().get(pk=project.pk)  # type: ignore[no-any-return]

    def perform_create(self, serializer: Any) -> None:
        project = labeling.create_project(self.acting_user, **serializer.validated_data)
        serializer.instance = self._counted(project)

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
        params = self.action_input(ExportRequestSerializer)
        version = label_export.export_project(
            self.acting_user,
            project,
            dataset=params.get("dataset"),
            message=params.get("message", ""),
        )
        return Response(DatasetVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class LabelTaskViewSet(ScopedReadOnlyViewSet):
    """Tasks of labeling projects: assign them and annotate them."""

    serializer_class = LabelTaskSerializer
    filterset_class = LabelTaskFilter
    ordering_fields = ["id", "status", "updated_at"]
    object_actions = {"annotations": Action.VIEW, "skip": Action.VIEW, "assign": Action.CHANGE}
    # Skipping is the labeler's call, as annotating is: both need the right to annotate.
    adds = {"annotations": Adds(Annotation), "skip": Adds(Annotation)}

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
        params = self.action_input(AnnotationRequestSerializer)
        labeling.annotate(self.acting_user, task, params["value"])
        return Response(self.get_serializer(self._fresh(task)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=LabelTaskSerializer, summary="Skip (set aside)")
    @action(detail=True, methods=["post"])
    def skip(self, request: Request, pk: str | None = None) -> Response:
        task = self.get_object()
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
