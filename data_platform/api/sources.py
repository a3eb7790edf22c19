"""``/api/v1/data-sources/``: sources, their connection test, and ingestion into datasets."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from data_platform.api.jobs import JobSerializer
from data_platform.models import Dataset, DatasetVersion, DataSource, Job
from data_platform.services import sources as services
from data_platform.services.ingestion.windows import DEFAULT_MAX_MESSAGES, MAX_MESSAGES, KafkaWindow
from platform_core.api.serializers import (
    ScopedPrimaryKeyRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)
from platform_core.api.viewsets import ScopedModelViewSet
from platform_core.models import Project
from platform_core.permissions.scope import Action

CONFIG_HELP = (
    "Settings by kind. postgresql/mysql: url (SQLAlchemy URL, e.g. "
    "postgresql://user:password@host:5432/db). s3: endpoint (http(s) URL), bucket, prefix, "
    "region, access_key, secret_key. kafka: bootstrap_servers (list of host:port), topic, "
    "security_protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL), sasl_mechanism, "
    "sasl_username, sasl_password. upload: nothing. Secrets (the database URL, secret_key, "
    "sasl_password) are stored encrypted and never returned: the URL comes back with its "
    "password as ***. On update, a secret left out or sent as *** keeps its stored value."
)


class DataSourceSerializer(StrictModelSerializer):
    project = ScopedPrimaryKeyRelatedField(Project)
    config = serializers.JSONField(required=False, help_text=CONFIG_HELP)
    has_secrets = serializers.SerializerMethodField(
        help_text="Whether secrets (password, keys) are stored for this source."
    )

    class Meta:
        model = DataSource
        fields = [
            "id",
            "project",
            "name",
            "kind",
            "description",
            "config",
            "has_secrets",
            "last_tested_at",
            "last_test_ok",
            "last_test_message",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "last_tested_at",
            "last_test_ok",
            "last_test_message",
            "created_at",
            "updated_at",
        ]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            # A source stays in its project and keeps its kind (its settings depend on it).
            fields["project"].read_only = True
            fields["kind"].read_only = True
        return fields

    def get_has_secrets(self, source: DataSource) -> bool:
        return bool(source.encrypted_secrets)


class ConnectionTestSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    message = serializers.CharField()


class SnapshotSerializer(StrictSerializer):
    query = serializers.CharField(help_text="One SELECT (or WITH ... SELECT) statement.")
    dataset = ScopedPrimaryKeyRelatedField(
        Dataset, help_text="A Parquet dataset in the source's project; gets the new version."
    )


class KafkaWindowSerializer(StrictSerializer):
    dataset = ScopedPrimaryKeyRelatedField(
        Dataset, help_text="A JSONL dataset in the source's project; gets the new version."
    )
    start_offset = serializers.IntegerField(min_value=0, required=False)
    end_offset = serializers.IntegerField(
        min_value=1, required=False, help_text="Exclusive; default: the end when the job starts."
    )
    start_time = serializers.DateTimeField(required=False)
    end_time = serializers.DateTimeField(
        required=False, help_text="Exclusive; default: the end when the job starts."
    )
    partitions = serializers.ListField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        min_length=1,
        max_length=1000,
        help_text="Default: every partition of the topic.",
    )
    max_messages = serializers.IntegerField(
        min_value=1, max_value=MAX_MESSAGES, default=DEFAULT_MAX_MESSAGES
    )


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

    def base_queryset(self) -> Any:
        return DataSource.objects.all()

    def perform_create(self, serializer: Any) -> None:
        project = serializer.validated_data["project"]
        self.require_add(DataSource, project.organization, project)
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

    def _target(self, request: Request, serializer_class: type[StrictSerializer]) -> dict[str, Any]:
        data = serializer_class(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        dataset = data.validated_data["dataset"]
        for model in (Job, DatasetVersion):
            self.require_add(model, dataset.organization, dataset.project)
        return dict(data.validated_data)

    @extend_schema(
        request=SnapshotSerializer,
        responses={202: JobSerializer},
        summary="Snapshot a query into a Parquet version",
    )
    @action(detail=True, methods=["post"])
    def snapshot(self, request: Request, pk: str | None = None) -> Response:
        source = self.get_object()
        data = self._target(request, SnapshotSerializer)
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
        data = self._target(request, KafkaWindowSerializer)
        dataset = data.pop("dataset")
        job = services.start_kafka_window(self.acting_user, source, dataset, KafkaWindow(**data))
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
