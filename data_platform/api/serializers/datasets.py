"""Datasets and their versions, uploads, previews, profiles and lineage."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from data_platform.models import Dataset, DatasetVersion
from platform_core.api.serializers import (
    ScopedPrimaryKeyRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)
from platform_core.models import Project


class DatasetSerializer(StrictModelSerializer):
    project = ScopedPrimaryKeyRelatedField(Project)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50, min_length=1),
        max_length=20,
        required=False,
    )
    version_count = serializers.SerializerMethodField()

    class Meta:
        model = Dataset
        fields = [
            "id",
            "organization",
            "project",
            "name",
            "description",
            "format",
            "tags",
            "version_count",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "organization", "created_by", "created_at", "updated_at"]
        # A dataset's versions are validated against its format and stored in its project.
        fixed_after_create = ["project", "format"]

    def validate_tags(self, tags: list[str]) -> list[str]:
        return list(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))

    @extend_schema_field(serializers.IntegerField())
    def get_version_count(self, dataset: Dataset) -> int:
        return getattr(dataset, "version_count", 0)


class ManifestFileSerializer(serializers.Serializer):
    path = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField(help_text="Empty until validated, for resumable uploads.")


class ColumnSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField(help_text="An Arrow type name: int64, double, string, ...")


@extend_schema_field(ManifestFileSerializer(many=True))
class ManifestField(serializers.JSONField):
    pass


@extend_schema_field(ColumnSerializer(many=True))
class SchemaField(serializers.JSONField):
    pass


class DatasetVersionSerializer(serializers.ModelSerializer):
    files = ManifestField(read_only=True)
    schema = SchemaField(read_only=True)
    parents: serializers.PrimaryKeyRelatedField[DatasetVersion] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )

    class Meta:
        model = DatasetVersion
        fields = [
            "id",
            "organization",
            "project",
            "dataset",
            "number",
            "status",
            "message",
            "failure_reason",
            "files",
            "total_bytes",
            "row_count",
            "schema",
            "validation_report",
            "parents",
            "produced_by",
            "created_by",
            "created_at",
            "updated_at",
            "ready_at",
        ]
        read_only_fields = fields


class VersionUploadFormSerializer(StrictSerializer):
    file = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        help_text="One or more files (repeat the part); streamed to storage as they arrive.",
    )
    message = serializers.CharField(max_length=500, required=False, allow_blank=True)


class DownloadQuerySerializer(StrictSerializer):
    file = serializers.CharField(
        required=False,
        max_length=900,
        help_text="Path of the file in the version (optional when it has one file).",
    )
    redirect = serializers.BooleanField(
        default=True,
        help_text="Redirect to the URL (default), or answer it as JSON (`false`), for "
        "clients that open it themselves.",
    )


class DownloadUrlSerializer(serializers.Serializer):
    url = serializers.URLField()
    expires_at = serializers.DateTimeField()


class ResumableFileSerializer(StrictSerializer):
    path = serializers.CharField(max_length=900)
    size = serializers.IntegerField(min_value=1)


class ResumableUploadRequestSerializer(StrictSerializer):
    files = ResumableFileSerializer(many=True, allow_empty=False)
    message = serializers.CharField(max_length=500, required=False, allow_blank=True)


class PartUrlSerializer(serializers.Serializer):
    part_number = serializers.IntegerField()
    url = serializers.URLField()


class ResumableFilePartsSerializer(serializers.Serializer):
    path = serializers.CharField()
    size = serializers.IntegerField()
    part_size = serializers.IntegerField()
    parts = PartUrlSerializer(many=True)


class ResumableUploadSerializer(serializers.Serializer):
    version = DatasetVersionSerializer()
    expires_at = serializers.DateTimeField()
    files = ResumableFilePartsSerializer(many=True)


class UploadedPartSerializer(StrictSerializer):
    part_number = serializers.IntegerField(min_value=1, max_value=10_000)
    etag = serializers.CharField(max_length=200)


class CompleteUploadSerializer(StrictSerializer):
    parts = serializers.DictField(
        child=UploadedPartSerializer(many=True, allow_empty=False),
        help_text="Per file path, its parts' numbers and the ETags their PUTs answered.",
    )


class PreviewSerializer(serializers.Serializer):
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.JSONField()))


class HistogramSerializer(serializers.Serializer):
    bins = serializers.ListField(child=serializers.FloatField())
    counts = serializers.ListField(child=serializers.IntegerField())


class ValueCountSerializer(serializers.Serializer):
    value = serializers.JSONField()
    count = serializers.IntegerField()


class ColumnProfileSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField()
    kind = serializers.ChoiceField(choices=["numeric", "boolean", "datetime", "string"])
    count = serializers.IntegerField()
    nulls = serializers.IntegerField()
    distinct = serializers.IntegerField()
    min = serializers.JSONField(required=False)
    max = serializers.JSONField(required=False)
    mean = serializers.FloatField(required=False, allow_null=True)
    histogram = HistogramSerializer(required=False, allow_null=True)
    top_values = ValueCountSerializer(many=True, required=False)
    min_length = serializers.IntegerField(required=False)
    max_length = serializers.IntegerField(required=False)


class ProfileSerializer(serializers.Serializer):
    row_count = serializers.IntegerField()
    sampled = serializers.BooleanField(help_text="Whether the statistics come from a sample.")
    sample_rows = serializers.IntegerField()
    columns = ColumnProfileSerializer(many=True)


class VersionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dataset = serializers.IntegerField()
    dataset_name = serializers.CharField()
    number = serializers.IntegerField()
    status = serializers.CharField()


class JobSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    name = serializers.CharField()
    status = serializers.CharField()


class LineageSerializer(serializers.Serializer):
    version = VersionSummarySerializer()
    parents = VersionSummarySerializer(many=True)
    children = VersionSummarySerializer(many=True)
    produced_by = JobSummarySerializer(allow_null=True)
