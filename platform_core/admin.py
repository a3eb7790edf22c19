"""Django Admin for operators. Writes go through the same audited service functions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from guardian.admin import GuardedModelAdminMixin

from platform_core.audit import record_event, snapshot, tracked_changes
from platform_core.models import (
    ApiKey,
    AuditAction,
    AuditEvent,
    Organization,
    OrganizationMembership,
    OutboxEvent,
    Project,
    ProjectMembership,
    User,
    Webhook,
    WebhookDelivery,
)
from platform_core.services import delete_object


class AuditedAdmin(admin.ModelAdmin):
    """Records an audit event for every save and delete made in the admin."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = list(form.changed_data) if change else [f.name for f in obj._meta.concrete_fields]
        fields = [
            name
            for name in fields
            if hasattr(obj, name) or name in {f.name for f in obj._meta.fields}
        ]
        before = snapshot(type(obj).objects.get(pk=obj.pk), fields) if change else {}
        super().save_model(request, obj, form, change)
        record_event(
            AuditAction.UPDATE if change else AuditAction.CREATE,
            actor=request.user,
            obj=obj,
            changes=tracked_changes(before, snapshot(obj, fields)),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        delete_object(request.user, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows (memberships and the like) are audited one by one too."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_object(request.user, obj)
        changed = {id(obj): fields for obj, fields in formset.changed_objects}
        for obj in instances:
            fields = changed.get(id(obj))
            before = snapshot(type(obj).objects.get(pk=obj.pk), fields) if fields else {}
            obj.save()
            names = fields or [f.name for f in obj._meta.concrete_fields if not f.primary_key]
            record_event(
                AuditAction.UPDATE if fields else AuditAction.CREATE,
                actor=request.user,
                obj=obj,
                changes=tracked_changes(before, snapshot(obj, names)),
            )
        formset.save_m2m()

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            delete_object(request.user, obj)


class OrganizationMembershipInline(admin.TabularInline):
    model = OrganizationMembership
    extra = 0
    autocomplete_fields = ["user"]


class ProjectMembershipInline(admin.TabularInline):
    model = ProjectMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "oidc_subject")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            record_event(
                AuditAction.UPDATE,
                actor=request.user,
                obj=user,
                changes={"password": ["********"] * 2},
            )
        return response


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin, GuardedModelAdminMixin):  # type: ignore[misc]
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [OrganizationMembershipInline]


@admin.register(Project)
class ProjectAdmin(AuditedAdmin, GuardedModelAdminMixin):  # type: ignore[misc]
    list_display = ["name", "slug", "organization", "created_at"]
    list_filter = ["organization"]
    search_fields = ["name", "slug", "organization__slug"]
    list_select_related = ["organization"]
    inlines = [ProjectMembershipInline]


@admin.register(OrganizationMembership)
class OrganizationMembershipAdmin(AuditedAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organization__slug"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]


@admin.register(ProjectMembership)
class ProjectMembershipAdmin(AuditedAdmin):
    list_display = ["user", "project", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "project__slug"]
    autocomplete_fields = ["user", "project"]
    list_select_related = ["user", "project__organization"]


@admin.register(ApiKey)
class ApiKeyAdmin(AuditedAdmin):
    list_display = [
        "name",
        "prefix",
        "user",
        "project",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__email"]
    readonly_fields = ["prefix", "key_hash", "project", "created_at", "last_used_at"]
    list_select_related = ["user", "project__organization"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # keys are created by their owners, who must see the secret once


class ImmutableAdmin(admin.ModelAdmin):
    """Records the platform writes: operators browse them and, unless a subclass forbids
    it, delete them; nobody adds or edits them here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ViewOnlyAdmin(ImmutableAdmin):
    """Records that only go away with what owns them (or never): no delete either."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ViewOnlyAdmin):
    list_display = [
        "time",
        "action",
        "actor_email",
        "object_type",
        "object_repr",
        "organization_id",
        "ip",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_email", "object_repr", "object_id", "request_id"]
    date_hierarchy = "time"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in AuditEvent._meta.fields]


@admin.register(OutboxEvent)
class OutboxEventAdmin(ViewOnlyAdmin):
    list_display = [
        "id",
        "type",
        "subject_type",
        "subject_id",
        "organization_id",
        "project_id",
        "occurred_at",
        "published_at",
        "publish_attempts",
    ]
    list_filter = ["type", ("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["event_id", "subject_id", "last_error"]
    date_hierarchy = "occurred_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in OutboxEvent._meta.fields]


@admin.register(Webhook)
class WebhookAdmin(AuditedAdmin):
    """Operators rename, pause or delete webhooks; URL, filter and secret change through the
    API or portal, where they are checked (the secret never shows here)."""

    list_display = ["name", "url", "project", "organization", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "url", "project__slug", "organization__slug"]
    list_select_related = ["project", "organization"]
    fields = ["name", "is_active", "url", "event_types", "organization", "project", "created_by"]
    readonly_fields = ["url", "event_types", "organization", "project", "created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ViewOnlyAdmin):
    list_display = [
        "id",
        "webhook",
        "event_type",
        "status",
        "attempts",
        "response_status",
        "created_at",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event_type"]
    search_fields = ["event_uuid", "webhook__name", "error"]
    list_select_related = ["webhook"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in WebhookDelivery._meta.fields]
