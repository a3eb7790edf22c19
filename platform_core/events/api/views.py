"""``/api/v1/webhooks/``: project webhooks, their delivery log and a test ping."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from platform_core.api.pagination import RecentFirstCursorPagination
from platform_core.api.viewsets import Adds, ScopedModelViewSet
from platform_core.events import catalog, delivery, webhooks
from platform_core.events.api.serializers import (
    EventTypeSerializer,
    WebhookCreatedSerializer,
    WebhookDeliverySerializer,
    WebhookSerializer,
)
from platform_core.models import Webhook, WebhookDelivery
from platform_core.permissions.scope import Action


@extend_schema_view(create=extend_schema(responses={201: WebhookCreatedSerializer}))
class WebhookViewSet(ScopedModelViewSet):
    """Endpoints that receive a project's events as signed JSON POSTs, retried with backoff."""

    serializer_class = WebhookSerializer
    filterset_fields = ["project", "is_active"]
    search_fields = ["name", "url"]
    ordering_fields = ["id", "name", "created_at"]
    object_actions = {"deliveries": Action.VIEW, "ping": Action.CHANGE}
    adds = {"create": Adds(Webhook, into="project")}

    def base_queryset(self) -> Any:
        return Webhook.objects.all()

    def perform_create(self, serializer: Any) -> None:
        serializer.instance, self.secret = webhooks.create_webhook(
            self.acting_user, **serializer.validated_data
        )

    def created_response(self, serializer: Any) -> Response:
        data = WebhookCreatedSerializer(serializer.instance).data
        data["secret"] = self.secret  # shown only in this response; stored encrypted
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = webhooks.update_webhook(
            self.acting_user, serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: Webhook) -> None:
        webhooks.delete_webhook(self.acting_user, instance)

    @extend_schema(responses=WebhookDeliverySerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        pagination_class=RecentFirstCursorPagination,
        filter_backends=[],
    )
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        """The webhook's deliveries, newest first, cursor-paginated."""
        webhook = self.get_object()
        log = WebhookDelivery.objects.filter(webhook=webhook).restrict(
            self.acting_user, Action.VIEW
        )
        page = self.paginate_queryset(log)
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)

    @extend_schema(request=None, responses=WebhookDeliverySerializer)
    @action(detail=True, methods=["post"])
    def ping(self, request: Request, pk: str | None = None) -> Response:
        """Send a ``webhook.ping`` event now, once; the delivery says how the receiver answered."""
        sent = delivery.ping(self.get_object())
        return Response(WebhookDeliverySerializer(sent).data)

    @extend_schema(responses=EventTypeSerializer(many=True))
    @action(
        detail=False,
        methods=["get"],
        url_path="event-types",
        pagination_class=None,
        filter_backends=[],
    )
    def event_types(self, request: Request) -> Response:
        """The event types webhooks can filter on, with what each one means."""
        rows = [{"type": name, "description": text} for name, text in catalog.event_types().items()]
        return Response(EventTypeSerializer(rows, many=True).data)
