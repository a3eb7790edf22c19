"""Data sources, connection tests, snapshots and Kafka windows."""

from __future__ import annotations

from rest_framework import serializers

from data_platform.models import Dataset, DataSource
from data_platform.services.ingestion.windows import DEFAULT_MAX_MESSAGES, MAX_MESSAGES
from platform_core.api.serializers import (
    ScopedPrimaryKeyRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)
from platform_core.models import Project

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
        # A source stays in its project and keeps its kind (its settings depend on it).
        fixed_after_create = ["project", "kind"]

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
