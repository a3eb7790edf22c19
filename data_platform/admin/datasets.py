"""Admin for datasets: datasets are edited through the audited admin; versions are read-only
(they are immutable) and deleted through the service that also removes their files."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from data_platform.models import Dataset, DatasetVersion, UploadSession
from data_platform.services.datasets import delete_dataset, delete_version
from platform_core.admin import AuditedAdmin, ImmutableAdmin, ViewOnlyAdmin


@admin.register(Dataset)
class DatasetAdmin(AuditedAdmin):
    list_display = ["name", "format", "project", "organization", "created_at"]
    list_filter = ["format"]
    search_fields = ["name", "description", "project__slug", "organization__slug"]
    list_select_related = ["project", "organization"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    raw_id_fields = ["project", "organization"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fixed = ["project", "organization", "format"] if obj is not None else []
        return [*self.readonly_fields, *fixed]

    def delete_model(self, request: HttpRequest, obj: Dataset) -> None:
        delete_dataset(request.user, obj)  # type: ignore[arg-type]


@admin.register(DatasetVersion)
class DatasetVersionAdmin(ImmutableAdmin):
    list_display = ["__str__", "status", "row_count", "total_bytes", "project", "created_at"]
    list_filter = ["status"]
    search_fields = ["dataset__name", "storage_prefix", "message"]
    list_select_related = ["dataset", "project"]

    def delete_model(self, request: HttpRequest, obj: DatasetVersion) -> None:
        delete_version(request.user, obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for version in queryset:
            delete_version(request.user, version)  # type: ignore[arg-type]


@admin.register(UploadSession)
class UploadSessionAdmin(ViewOnlyAdmin):
    """Abort an upload through the API: that also frees its storage."""

    list_display = ["version", "expires_at", "created_at"]
    list_select_related = ["version__dataset"]
