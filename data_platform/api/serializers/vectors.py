"""Vector collections and their search."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from data_platform.choices import CollectionStatus
from data_platform.models import DatasetVersion, VectorCollection
from data_platform.services import vectors as services
from platform_core.api.serializers import (
    ScopedPrimaryKeyRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)


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
        # What a collection holds is fixed; a different one is a new collection.
        fixed_after_create = ["version", "text_column", "metadata_columns"]

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
