"""What a processing job may read and write, and its pipeline checked against them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from data_platform.choices import VersionStatus
from data_platform.models import Dataset, DatasetVersion, Job
from data_platform.services.pipeline.io import EXTENSIONS, OUTPUT_NAMES
from data_platform.services.pipeline.schema import from_version
from data_platform.services.pipeline.spec import Pipeline, build_pipeline
from platform_core.errors import InvalidInput
from platform_core.models import Project

MAX_INPUTS = 10


def check_inputs(
    project: Project, inputs: Sequence[DatasetVersion], target_dataset: Dataset
) -> None:
    """Inputs are ready tabular versions of the project's organization; the target is a
    tabular dataset of the project."""
    if not inputs or len(inputs) > MAX_INPUTS:
        raise InvalidInput(
            f"A job reads between 1 and {MAX_INPUTS} versions.", details={"field": "inputs"}
        )
    if len({version.pk for version in inputs}) != len(inputs):
        raise InvalidInput("An input version is listed twice.", details={"field": "inputs"})
    for version in inputs:
        problem = None
        if version.organization_id != project.organization_id:
            problem = "belongs to another organization"
        elif version.status != VersionStatus.READY:
            problem = f"is {version.status}, not ready"
        elif version.dataset.format not in EXTENSIONS:
            problem = f"is in the {version.dataset.format} format, which jobs cannot read"
        elif not version.schema:
            problem = "has no recorded schema"
        if problem:
            raise InvalidInput(
                f"Input version {version.pk} {problem}.",
                details={"field": "inputs", "version": version.pk},
            )
    if target_dataset.project_id != project.pk:
        raise InvalidInput(
            "The target dataset must be in the job's project.",
            details={"field": "target_dataset"},
        )
    if target_dataset.format not in OUTPUT_NAMES:
        raise InvalidInput(
            f"Jobs cannot write the {target_dataset.format} format.",
            details={"field": "target_dataset"},
        )


def plan(inputs: Sequence[DatasetVersion], spec: Any) -> Pipeline:
    """The pipeline of ``spec`` over ``inputs``; it transforms the one no step joins in."""
    ordered = transformed_first(inputs, spec)
    schemas = {version.pk: from_version(version.schema) for version in ordered}
    return build_pipeline(spec, schemas, primary=ordered[0].pk)


def transformed_first(inputs: Sequence[DatasetVersion], spec: Any) -> list[DatasetVersion]:
    """The inputs, the one the steps transform (the only one not joined in) first."""
    steps = spec.get("steps") if isinstance(spec, dict) else None
    joined = {
        step.get("version")
        for step in (steps if isinstance(steps, list) else [])
        if isinstance(step, dict)
        and step.get("op") == "join"
        and isinstance(step.get("version"), int)
    }
    return sorted(inputs, key=lambda version: (version.pk in joined, version.pk))


def ordered_inputs(job: Job) -> list[DatasetVersion]:
    return transformed_first(list(job.inputs.select_related("dataset")), job.spec)
