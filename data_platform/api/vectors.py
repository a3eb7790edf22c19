"""``/api/v1/vector-collections/``: collections over a version's text column, and their search."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from data_platform.choices import CollectionStatus
from data_platform.models import DatasetVersion, VectorCollection
from data_platform.services import vectors as services
from platform_core.api.filters import TenantSafeFilterSet
from platform_core.api.serializers import (
    ScopedPrimaryKeyRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)
from platform_core.api.viewsets import ScopedModelViewSet
from platform_core.identity.choices import ApiKeyScope
from platform_core.permissions.scope import Action


class VectorCollectionSerializer(StrictModelSerializer):
    version = ScopedPrimaryKeyRelatedField(DatasetVersion)
    metadata_columns = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=services.MAX_METADATA_COLUMNS,
        help_text="Columns kept with each vector, to filter searches by.",
    )
    progress = serializers.SerializerMethodField(
        help_text="Share of the version's rows embedded so far (0 to 1), while building."
    )

    class Meta:
        model = VectorCollection
        fields = [
            "id",
            "organization",
            "project",
            "name",
            "version",
            "text_column",
            "metadata_columns",
            "embedding_model",
            "dimensions",
            "backend",
            "status",
            "error",
            "item_count",
            "progress",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "organization",
            "project",
            "embedding_model",
            "dimensions",
            "backend",
            "status",
            "error",
            "item_count",
            "created_at",
            "updated_at",
        ]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            # What a collection holds is fixed; a different one is a new collection.
            for name in ("version", "text_column", "metadata_columns"):
                fields[name].read_only = True
        return fields

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_progress(self, collection: VectorCollection) -> float | None:
        if collection.status == CollectionStatus.READY:
            return 1.0
        rows = collection.version.row_count
        if collection.status != CollectionStatus.BUILDING or not rows:
            return None
        return min(collection.item_count / rows, 1.0)


class SearchRequestSerializer(StrictSerializer):
    query = serializers.CharField(max_length=2000)
    top_k = serializers.IntegerField(min_value=1, max_value=services.MAX_TOP_K, default=10)
    filters = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text=(
            'Per metadata column: a value, {"in": [values]}, or {"gte": bound, "lte": bound} '
            "(numbers, or strings such as ISO dates)."
        ),
    )


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The row's index in the version.")
    score = serializers.FloatField(help_text="Cosine similarity to the query; higher is nearer.")
    text = serializers.CharField()
    metadata = serializers.DictField()


class SearchResponseSerializer(serializers.Serializer):
    results = SearchHitSerializer(many=True)


class VectorCollectionFilter(TenantSafeFilterSet):
    class Meta:
        model = VectorCollection
        fields = ["project", "version", "status", "name"]


class VectorCollectionViewSet(ScopedModelViewSet):
    """Vector collections: a text column of a ready version, embedded and searchable."""

    serializer_class = VectorCollectionSerializer
    filterset_class = VectorCollectionFilter
    search_fields = ["name"]
    ordering_fields = ["id", "name", "created_at"]
    object_actions = {"search": Action.VIEW, "rebuild": Action.CHANGE}

    def base_queryset(self) -> Any:
        return VectorCollection.objects.select_related("version")

    def api_key_scope(self, request: Request) -> ApiKeyScope | None:
        return ApiKeyScope.READ if getattr(self, "action", None) == "search" else None

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        version = data["version"]
        self.require_add(VectorCollection, version.organization, version.project)
        serializer.instance = services.create_collection(self.acting_user, **data)

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
