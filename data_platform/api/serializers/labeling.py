"""Labeling projects, their tasks and annotations."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from data_platform.choices import DatasetFormat
from data_platform.models import (
    Annotation,
    Dataset,
    DatasetVersion,
    LabelingProject,
    LabelTask,
)
from data_platform.services import labeling
from data_platform.services.version_rows import object_key
from platform_core.api.serializers import (
    ScopedPrimaryKeyRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)
from platform_core.backends import get_backend
from platform_core.identity.api.serializers import UserSummarySerializer


class LabelingProjectSerializer(StrictModelSerializer):
    version = ScopedPrimaryKeyRelatedField(DatasetVersion)
    labels = serializers.ListField(
        child=serializers.CharField(max_length=labeling.MAX_LABEL_LENGTH),
        min_length=1,
        max_length=labeling.MAX_LABELS,
        help_text="The label vocabulary.",
    )
    task_count = serializers.IntegerField(read_only=True)
    done_count = serializers.IntegerField(read_only=True)
    skipped_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LabelingProject
        fields = [
            "id",
            "organization",
            "project",
            "name",
            "version",
            "kind",
            "labels",
            "text_column",
            "instructions",
            "status",
            "error",
            "task_count",
            "done_count",
            "skipped_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "organization",
            "project",
            "status",
            "error",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "text_column": {
                "help_text": "The column with the text to classify or mark spans in (tables)."
            }
        }
        # Tasks were generated from these; a different source is a new project.
        fixed_after_create = ["version", "kind", "text_column"]


class ExportRequestSerializer(StrictSerializer):
    dataset = ScopedPrimaryKeyRelatedField(
        Dataset,
        required=False,
        allow_null=True,
        help_text="A JSON Lines dataset of the same project; by default '<name> labels'.",
    )
    message = serializers.CharField(max_length=500, required=False, allow_blank=True)


class AnnotationSerializer(serializers.ModelSerializer):
    annotator = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Annotation
        fields = ["id", "value", "annotator", "created_at"]
        read_only_fields = fields


class AnnotationRequestSerializer(StrictSerializer):
    value = serializers.JSONField(
        help_text=(
            'classification: "label"; text_spans: [{"start", "end", "label"}] (character '
            'offsets, end exclusive); bounding_boxes: [{"x", "y", "width", "height", "label"}] '
            "as fractions of the image's width and height from its top-left corner."
        )
    )


class AssignRequestSerializer(StrictSerializer):
    assignee = serializers.IntegerField(
        allow_null=True, help_text="A user id; null leaves the task unassigned."
    )


class LabelTaskSerializer(serializers.ModelSerializer):
    assignee = UserSummarySerializer(read_only=True, allow_null=True)
    annotations = AnnotationSerializer(many=True, read_only=True)
    item_url = serializers.SerializerMethodField(
        help_text="A short-lived download URL of the image, for image tasks."
    )

    class Meta:
        model = LabelTask
        fields = [
            "id",
            "organization",
            "project",
            "labeling_project",
            "item_ref",
            "data",
            "item_url",
            "status",
            "assignee",
            "annotations",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_item_url(self, task: LabelTask) -> str | None:
        version = task.labeling_project.version
        if version.dataset.format != DatasetFormat.IMAGE_ZIP:
            return None
        return str(get_backend("storage").presigned_get_url(object_key(version, task.item_ref)))
