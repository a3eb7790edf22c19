"""Labeling in the admin: projects can be renamed or deleted; tasks and annotations are read-only
(they are made through the API, which validates them against the project)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from data_platform.models import Annotation, LabelingProject, LabelTask
from data_platform.services import labeling
from platform_core.admin import AuditedAdmin, ViewOnlyAdmin

READ_ONLY = [
    "organization",
    "project",
    "version",
    "kind",
    "labels",
    "text_column",
    "status",
    "error",
]


@admin.register(LabelingProject)
class LabelingProjectAdmin(AuditedAdmin):
    list_display = ["name", "kind", "status", "project", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "project__slug", "organization__slug"]
    list_select_related = ["project"]
    fields = ["name", "instructions", *READ_ONLY]
    readonly_fields = READ_ONLY

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: LabelingProject) -> None:
        labeling.delete_project(request.user, obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for project in queryset:
            labeling.delete_project(request.user, project)  # type: ignore[arg-type]


@admin.register(LabelTask)
class LabelTaskAdmin(ViewOnlyAdmin):  # they go with their labeling project
    list_display = ["item_ref", "labeling_project", "status", "assignee", "updated_at"]
    list_filter = ["status"]
    search_fields = ["item_ref", "labeling_project__name", "assignee__email"]
    list_select_related = ["labeling_project", "assignee"]


@admin.register(Annotation)
class AnnotationAdmin(ViewOnlyAdmin):  # they go with their labeling project
    list_display = ["task", "annotator", "created_at"]
    search_fields = ["task__item_ref", "annotator__email"]
    list_select_related = ["task", "annotator"]
