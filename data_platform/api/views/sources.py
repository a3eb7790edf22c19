"""``/api/v1/data-sources/``: sources, their connection test, and ingestion into datasets."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from data_platform.api.serializers.jobs import JobSerializer
from data_platform.api.serializers.sources import (
    ConnectionTestSerializer,
    DataSourceSerializer,
    KafkaWindowSerializer,
    SnapshotSerializer,
)
from data_platform.models import DatasetVersion, DataSource, Job
from data_platform.services import sources as services
from data_platform.services.ingestion.windows import KafkaWindow
from platform_core.api.viewsets import Adds, ScopedModelViewSet
from platform_core.permissions.scope import Action


class DataSourceViewSet(ScopedModelViewSet):
    """Where data comes from: databases, S3 buckets, Kafka topics, uploads."""

    serializer_class = DataSourceSerializer
    filterset_fields = ["project", "kind"]
    search_fields = ["name", "description"]
    ordering_fields = ["id", "name", "kind", "created_at", "last_tested_at"]
    object_actions = {
        "test_connection": Action.CHANGE,
        "snapshot": Action.CHANGE,
        "consume": Action.CHANGE,
    }
    adds = {
        "create": Adds(DataSource, into="project"),
        "snapshot": Adds(Job, DatasetVersion, into="dataset"),
        "consume": Adds(Job, DatasetVersion, into="dataset"),
    }

    def base_queryset(self) -> Any:
        return DataSource.objects.all()

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.create_source(self.acting_user, **serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.update_source(
            self.acting_user, serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: DataSource) -> None:
        services.delete_source(self.acting_user, instance)

    @extend_schema(
        request=None,
        responses=ConnectionTestSerializer,
        summary="Test the connection",
        description="Reaches the source with a short timeout. A source that cannot be reached "
        'answers 200 {"ok": false, "message": <reason>}; the outcome is kept on the source.',
    )
    @action(detail=True, methods=["post"], url_path="test-connection")
    def test_connection(self, request: Request, pk: str | None = None) -> Response:
        result = services.check_connection(self.acting_user, self.get_object())
        return Response(ConnectionTestSerializer(result).data)

    @extend_schema(
        request=SnapshotSerializer,
        responses={202: JobSerializer},
        summary="Snapshot a query into a Parquet version",
    )
    @action(detail=True, methods=["post"])
    def snapshot(self, request: Request, pk: str | None = None) -> Response:
        source = self.get_object()
        data = self.action_input(SnapshotSerializer)
        job = services.start_snapshot(self.acting_user, source, data["dataset"], data["query"])
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=KafkaWindowSerializer,
        responses={202: JobSerializer},
        summary="Consume a topic window into a JSONL version",
    )
    @action(detail=True, methods=["post"])
    def consume(self, request: Request, pk: str | None = None) -> Response:
        source = self.get_object()
        data = self.action_input(KafkaWindowSerializer)
        dataset = data.pop("dataset")
        job = services.start_kafka_window(self.acting_user, source, dataset, KafkaWindow(**data))
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
