from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from platform_core.admin import AuditedAdmin

from .models import Note


@admin.register(Note)
class NoteAdmin(AuditedAdmin):
    list_display = ["title", "project", "organization", "created_at"]
    search_fields = ["title", "project__slug", "organization__slug"]
    list_select_related = ["project", "organization"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    raw_id_fields = ["project", "organization"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fixed = ["project", "organization"] if obj is not None else []
        return [*self.readonly_fields, *fixed]
