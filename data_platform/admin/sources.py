"""Data sources in the admin: read their settings, rename, test, delete.

Settings are changed through the API or portal only, where they are validated and their
secrets encrypted; the encrypted column never shows here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from data_platform.models import DataSource
from data_platform.services.sources import check_connection
from platform_core.admin import AuditedAdmin
from platform_core.models import User


@admin.register(DataSource)
class DataSourceAdmin(AuditedAdmin):
    list_display = ["name", "kind", "project", "organization", "last_test_ok", "last_tested_at"]
    list_filter = ["kind", "last_test_ok"]
    search_fields = ["name", "project__slug", "organization__slug"]
    list_select_related = ["project", "organization"]
    fields = [
        "name",
        "description",
        "kind",
        "organization",
        "project",
        "config",
        "last_tested_at",
        "last_test_ok",
        "last_test_message",
    ]
    readonly_fields = [
        "kind",
        "organization",
        "project",
        "config",
        "last_tested_at",
        "last_test_ok",
        "last_test_message",
    ]
    actions = ["test_connections"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # created through the API, which validates settings and encrypts secrets

    @admin.action(description="Test the connection of the selected sources")
    def test_connections(self, request: HttpRequest, queryset: Any) -> None:
        assert isinstance(request.user, User)  # the admin lets only staff users in
        for source in queryset:
            result = check_connection(request.user, source)
            level = messages.SUCCESS if result.ok else messages.WARNING
            self.message_user(request, f"{source.name}: {result.message}", level)
