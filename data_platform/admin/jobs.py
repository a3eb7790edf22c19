"""Admin for jobs: read-only records with their log; operators may cancel running ones.

Jobs are created through the API (which validates their pipeline), never here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from data_platform.choices import JobStatus
from data_platform.models import Job, JobLogLine
from data_platform.services.jobs import cancel_job
from platform_core.admin import ViewOnlyAdmin


class JobLogLineInline(admin.TabularInline):
    model = JobLogLine
    fields = ("time", "level", "message")
    readonly_fields = ("time", "level", "message")
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(ViewOnlyAdmin):
    list_display = ["__str__", "kind", "status", "project", "orchestrator", "created_at"]
    list_filter = ["status", "kind", "orchestrator"]
    search_fields = ["name", "external_id", "project__slug", "organization__slug"]
    list_select_related = ["project"]
    inlines = [JobLogLineInline]
    actions = ["cancel_selected"]

    @admin.action(description="Cancel the selected queued or running jobs")
    def cancel_selected(self, request: HttpRequest, queryset: Any) -> None:
        active = list(queryset.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]))
        for job in active:
            cancel_job(request.user, job)  # type: ignore[arg-type]
        self.message_user(request, f"Cancelled {len(active)} job(s).", messages.SUCCESS)
