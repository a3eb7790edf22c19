"""Platform events: the outbox the relay publishes from, project webhooks and their deliveries."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from platform_core.backends.events.base import PlatformEvent
from platform_core.models.scoped import ProjectScopedModel
from platform_core.models.tenancy import Organization, Project
from platform_core.secrets import decrypt_json


class OutboxEvent(models.Model):
    """One domain event, written in the transaction of the change it describes.

    The relay publishes rows in id order and stamps ``published_at``; a row whose
    transaction rolled back never existed. Foreign keys carry no database constraint, so
    events outlive what they describe (as audit events do).
    """

    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(max_length=100, db_index=True)
    occurred_at = models.DateTimeField(default=timezone.now)
    organization = models.ForeignKey(
        Organization, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    subject_type = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    published_at = models.DateTimeField(null=True, blank=True)
    publish_attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "outbox event"
        indexes = [
            models.Index(
                fields=["id"],
                condition=models.Q(published_at__isnull=True),
                name="outbox_unpublished",
            ),
            models.Index(fields=["published_at"], name="outbox_published_at"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.subject_type}:{self.subject_id}"

    def as_event(self) -> PlatformEvent:
        return PlatformEvent(
            id=str(self.event_id),
            type=self.type,
            occurred_at=self.occurred_at,
            organization=self.organization_id,
            project=self.project_id,
            subject_type=self.subject_type,
            subject_id=self.subject_id,
            data=self.data,
        )


class Webhook(ProjectScopedModel):
    """An HTTPS (or HTTP) endpoint that receives the project's events, signed with its secret."""

    name = models.CharField(max_length=100)
    url = models.CharField(max_length=2000)
    encrypted_secret = models.TextField()
    event_types = ArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        help_text="Only these event types; empty means every type.",
    )
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="unique_webhook_name_per_project"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def secret(self) -> str:
        return str(decrypt_json(self.encrypted_secret)["secret"])

    def wants(self, event_type: str) -> bool:
        return self.is_active and (not self.event_types or event_type in self.event_types)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class WebhookDelivery(ProjectScopedModel):
    """One event sent to one webhook: attempted until a 2xx answer or the last retry.

    ``event`` is empty for pings (sent at once, never retried). While an attempt is in
    flight ``next_attempt_at`` holds its lease: a worker lost mid-attempt leaves the
    delivery due again once the lease ends.
    """

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(
        OutboxEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_uuid = models.UUIDField(default=uuid.uuid4)
    event_type = models.CharField(max_length=100)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=1000, blank=True)
    attempt_log = models.JSONField(
        default=list, blank=True, help_text="Every attempt: time, HTTP status, error, duration."
    )

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="delivery_due",
            ),
            models.Index(fields=["webhook", "-id"], name="delivery_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.webhook_id} ({self.status})"
