"""Jobs: the processing pipeline spec, jobs as answered, and their log lines."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from data_platform.choices import JobKind
from data_platform.models import Dataset, DatasetVersion, Job, JobLogLine
from data_platform.services.pipeline.conditions import OPERATORS
from data_platform.services.pipeline.schema import CAST_TYPES
from data_platform.services.pipeline.spec import MAX_STEPS
from data_platform.services.pipeline.steps import STEP_TYPES
from platform_core.api.serializers import ScopedPrimaryKeyRelatedField, StrictSerializer
from platform_core.models import Project

SPEC_DESCRIPTION = f"""The pipeline: ``{{"steps": [...]}}``, at most {MAX_STEPS} steps, run in order
on the one input no ``join`` step reads. Steps:

- ``{{"op": "select", "columns": [names]}}``
- ``{{"op": "rename", "columns": {{old: new}}}}``
- ``{{"op": "filter", "where": condition}}``; a condition is ``{{"column", "op", "value"}}``
  with op one of {", ".join(OPERATORS)}, or ``{{"all": [conditions]}}``,
  ``{{"any": [conditions]}}``, ``{{"not": condition}}``. Nulls never match a comparison.
- ``{{"op": "drop_duplicates", "columns": [names]}}`` (columns optional: whole rows)
- ``{{"op": "fill_missing", "values": {{column: value}}}}``
- ``{{"op": "cast", "columns": {{column: type}}}}``; types: {", ".join(CAST_TYPES)}
- ``{{"op": "join", "version": id, "on": [names], "how": "inner"|"left", "suffix": "_right"}}``
- ``{{"op": "split", "test_fraction": 0.2, "seed": 0, "column": "split"}}``: adds a column
  of "train"/"test", each row being test with that probability
- ``{{"op": "sample", "n": 1000, "seed": 0}}`` or ``{{"op": "sample", "fraction": 0.1}}``
"""


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "steps": {
                "type": "array",
                "maxItems": MAX_STEPS,
                "items": {
                    "type": "object",
                    "required": ["op"],
                    "properties": {"op": {"type": "string", "enum": list(STEP_TYPES)}},
                    "additionalProperties": True,
                },
            }
        },
        "required": ["steps"],
        "example": {
            "steps": [
                {"op": "filter", "where": {"column": "age", "op": ">=", "value": 18}},
                {"op": "select", "columns": ["name", "age"]},
            ]
        },
    }
)
class PipelineSpecField(serializers.JSONField):
    pass


class JobSerializer(serializers.ModelSerializer):
    inputs = serializers.PrimaryKeyRelatedField[DatasetVersion](many=True, read_only=True)
    outputs = serializers.PrimaryKeyRelatedField[DatasetVersion](
        many=True, read_only=True, help_text="Versions this job produced."
    )
    spec = PipelineSpecField(read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "organization",
            "project",
            "kind",
            "name",
            "status",
            "spec",
            "inputs",
            "target_dataset",
            "outputs",
            "source",
            "orchestrator",
            "external_id",
            "error",
            "created_by",
            "created_at",
            "updated_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class JobCreateSerializer(StrictSerializer):
    """A processing job: ready input versions, a pipeline spec and the dataset to write to."""

    project = ScopedPrimaryKeyRelatedField(Project)
    kind = serializers.ChoiceField(
        choices=[JobKind.PROCESSING],
        default=JobKind.PROCESSING,
        help_text="Only processing jobs are submitted here; ingestion jobs start from sources.",
    )
    name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    inputs = ScopedPrimaryKeyRelatedField(
        DatasetVersion,
        many=True,
        allow_empty=False,
        help_text="Ready versions to read: one is transformed, the others are read by join steps.",
    )
    target_dataset = ScopedPrimaryKeyRelatedField(
        Dataset, help_text="The dataset (of the same project) that gets the new version."
    )
    spec = PipelineSpecField(help_text=SPEC_DESCRIPTION)


class JobLogLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobLogLine
        fields = ["id", "time", "level", "message"]
        read_only_fields = fields
