from platform_core.models.api_keys import ApiKey
from platform_core.models.audit import AuditAction, AuditEvent
from platform_core.models.events import DeliveryStatus, OutboxEvent, Webhook, WebhookDelivery
from platform_core.models.scoped import OrganizationScopedModel, ProjectScopedModel
from platform_core.models.tenancy import (
    Organization,
    OrganizationMembership,
    Project,
    ProjectMembership,
    TimestampedModel,
)
from platform_core.models.users import User

__all__ = [
    "ApiKey",
    "AuditAction",
    "AuditEvent",
    "DeliveryStatus",
    "Organization",
    "OrganizationMembership",
    "OrganizationScopedModel",
    "OutboxEvent",
    "Project",
    "ProjectMembership",
    "ProjectScopedModel",
    "TimestampedModel",
    "User",
    "Webhook",
    "WebhookDelivery",
]
