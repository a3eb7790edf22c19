"""``/api/v1/vector-collections/``: collections over a version's text column, and their search."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from data_platform.api.serializers.vectors import (
    SearchRequestSerializer,
    SearchResponseSerializer,
    VectorCollectionSerializer,
)
from data_platform.filtersets import VectorCollectionFilter
from data_platform.models import VectorCollection
from data_platform.services import vectors as services
from platform_core.api.viewsets import Adds, ScopedModelViewSet
from platform_core.identity.choices import ApiKeyScope
from platform_core.permissions.scope import Action


class VectorCollectionViewSet(ScopedModelViewSet):
    """Vector collections: a text column of a ready version, embedded and searchable."""

    serializer_class = VectorCollectionSerializer
    filterset_class = VectorCollectionFilter
    search_fields = ["name"]
    ordering_fields = ["id", "name", "created_at"]
    object_actions = {"search": Action.VIEW, "rebuild": Action.CHANGE}
    adds = {"create": Adds(VectorCollection, into="version")}

    def base_queryset(self) -> Any:
        return VectorCollection.objects.select_related("version")

    def api_key_scope(self, request: Request) -> ApiKeyScope | None:
        return ApiKeyScope.READ if getattr(self, "action", None) == "search" else None

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.create_collection(
            self.acting_user, **serializer.validated_data
        )

    def perform_update(self, serializer: Any) -> None:
        collection = serializer.instance
        name = serializer.validated_data.get("name", collection.name)
        serializer.instance = services.rename_collection(self.acting_user, collection, name)

    def perform_destroy(self, instance: VectorCollection) -> None:
        services.delete_collection(self.acting_user, instance)

    @extend_schema(
        request=SearchRequestSerializer,
        responses=SearchResponseSerializer,
        summary="Search by similarity",
    )
    @action(detail=True, methods=["post"])
    def search(self, request: Request, pk: str | None = None) -> Response:
        collection = self.get_object()
        params = SearchRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        hits = services.search(collection, **params.validated_data)
        return Response(SearchResponseSerializer({"results": hits}).data)

    @extend_schema(request=None, responses={202: VectorCollectionSerializer}, summary="Rebuild")
    @action(detail=True, methods=["post"])
    def rebuild(self, request: Request, pk: str | None = None) -> Response:
        collection = services.rebuild_collection(self.acting_user, self.get_object())
        return Response(self.get_serializer(collection).data, status=status.HTTP_202_ACCEPTED)
