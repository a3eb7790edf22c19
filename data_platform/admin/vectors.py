"""Vector collections in the admin: read them, rename, rebuild, delete (which drops their vectors).

They are created through the API, which checks the version and its columns.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from data_platform.models import VectorCollection
from data_platform.services import vectors
from platform_core.admin import AuditedAdmin
from platform_core.errors import Conflict
from platform_core.models import User

READ_ONLY = [
    "organization",
    "project",
    "version",
    "text_column",
    "metadata_columns",
    "embedding_model",
    "dimensions",
    "backend",
    "status",
    "error",
    "item_count",
]


@admin.register(VectorCollection)
class VectorCollectionAdmin(AuditedAdmin):
    list_display = ["name", "status", "item_count", "embedding_model", "backend", "project"]
    list_filter = ["status", "backend"]
    search_fields = ["name", "project__slug", "organization__slug"]
    list_select_related = ["project"]
    fields = ["name", *READ_ONLY]
    readonly_fields = READ_ONLY
    actions = ["rebuild"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: VectorCollection) -> None:
        vectors.delete_collection(request.user, obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for collection in queryset:
            vectors.delete_collection(request.user, collection)  # type: ignore[arg-type]

    @admin.action(description="Rebuild the selected collections")
    def rebuild(self, request: HttpRequest, queryset: Any) -> None:
        assert isinstance(request.user, User)  # the admin lets only staff users in
        for collection in queryset:
            try:
                vectors.rebuild_collection(request.user, collection)
            except Conflict as exc:
                self.message_user(request, f"{collection.name}: {exc.message}", messages.WARNING)
