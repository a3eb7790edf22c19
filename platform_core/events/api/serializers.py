from __future__ import annotations

from rest_framework import serializers

from platform_core.api.serializers import ScopedPrimaryKeyRelatedField, StrictModelSerializer
from platform_core.events.webhooks import MAX_SECRET_LENGTH, MIN_SECRET_LENGTH
from platform_core.models import Project, Webhook, WebhookDelivery


class WebhookSerializer(StrictModelSerializer):
    project = ScopedPrimaryKeyRelatedField(Project)
    url = serializers.CharField(
        max_length=2000,
        help_text="https:// (or http://) URL that receives the events as signed JSON POSTs; "
        "no credentials in it.",
    )
    event_types = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        max_length=100,
        help_text="Only these event types (see event-types/); empty or left out: every type.",
    )
    secret = serializers.CharField(
        write_only=True,
        required=False,
        min_length=MIN_SECRET_LENGTH,
        max_length=MAX_SECRET_LENGTH,
        trim_whitespace=False,
        help_text="The HMAC key of the signatures. Left out on create: one is generated and "
        "returned once. Never returned otherwise; send a new one to replace it.",
    )

    class Meta:
        model = Webhook
        fields = [
            "id",
            "project",
            "name",
            "url",
            "event_types",
            "is_active",
            "secret",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            fields["project"].read_only = True  # a webhook stays in its project
        return fields


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="The signing secret. Shown only in this response."
    )


class DeliveryAttemptSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    status = serializers.IntegerField(allow_null=True, help_text="The HTTP status, if any.")
    error = serializers.CharField(help_text="Why the attempt failed; empty when it succeeded.")
    duration_ms = serializers.IntegerField()


class WebhookDeliverySerializer(serializers.ModelSerializer):
    event_id = serializers.UUIDField(source="event_uuid", read_only=True)
    attempt_log = DeliveryAttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "response_status",
            "error",
            "created_at",
            "next_attempt_at",
            "delivered_at",
            "attempt_log",
        ]
        read_only_fields = fields


class EventTypeSerializer(serializers.Serializer):
    type = serializers.CharField()
    description = serializers.CharField()
