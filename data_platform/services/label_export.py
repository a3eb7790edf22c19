"""A labeling project exported as a new dataset version: JSON Lines, one line per task.

Each line is ``{"item_ref", "item", "status", "assignee", "annotations"}``: ``item``
is what the task showed (the row, or the image's path and size), ``assignee`` an
email or null, and ``annotations`` every annotation, oldest first, as
``{"value", "annotator", "created_at"}`` (the last one is the task's answer).
The new version's parent is the labeled version; it is stored and validated like
any upload (quota, preview, profile).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from data_platform import events
from data_platform.choices import DatasetFormat, LabelingProjectStatus, VersionStatus
from data_platform.models import Annotation, Dataset, DatasetVersion, LabelingProject, LabelTask
from data_platform.services.datasets import create_dataset, create_version_from_files
from platform_core.errors import Conflict, InvalidInput
from platform_core.events import emit
from platform_core.models import User

EXPORT_FILE = "annotations.jsonl"
SPOOL_BYTES = 8 * 1024 * 1024


def default_dataset_name(project: LabelingProject) -> str:
    return f"{project.name} labels"[:100]


def export_project(
    actor: User | None,
    project: LabelingProject,
    *,
    dataset: Dataset | None = None,
    message: str = "",
) -> DatasetVersion:
    """Export into ``dataset`` (a JSON Lines dataset of the same project), by default one
    named after the labeling project, created on first export."""
    if project.status != LabelingProjectStatus.READY:
        raise Conflict(f"This labeling project is {project.status}; export it once ready.")
    dataset = dataset or _default_dataset(actor, project)
    if dataset.format != DatasetFormat.JSONL or dataset.project_id != project.project_id:
        raise InvalidInput(
            "Exports go to a JSON Lines dataset of the labeling project's project.",
            details={"dataset": ["Not a jsonl dataset of this project."]},
        )
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as file:
        for line in _lines(project):
            file.write(line)
        size = file.tell()
        file.seek(0)
        version = create_version_from_files(
            actor,
            dataset,
            [(EXPORT_FILE, file, size)],  # type: ignore[list-item]
            message=message or f"Export of labeling project {project.name!r}",
            parents=[project.version],
            validate_now=True,
        )
    if version.status != VersionStatus.READY:
        raise Conflict(f"The exported version failed validation: {version.failure_reason}")
    emit(
        events.LABELING_EXPORTED,
        organization=project.organization_id,
        project=project.project_id,
        subject=project,
        data=events.labeling_exported(project, version),
    )
    return version


def _default_dataset(actor: User | None, project: LabelingProject) -> Dataset:
    name = default_dataset_name(project)
    existing = Dataset.objects.filter(project_id=project.project_id, name=name).first()
    return existing or create_dataset(
        actor,
        project=project.project,
        name=name,
        format=DatasetFormat.JSONL,
        description=f"Annotations exported from labeling project {project.name!r}.",
    )


def _lines(project: LabelingProject) -> Iterator[bytes]:
    annotations = Annotation.objects.select_related("annotator").order_by("id")
    tasks = (
        LabelTask.objects.filter(labeling_project=project)
        .select_related("assignee")
        .prefetch_related(Prefetch("annotations", queryset=annotations))
        .order_by("id")
    )
    for task in tasks.iterator(chunk_size=500):
        yield json.dumps(_line(task), ensure_ascii=False).encode() + b"\n"


def _line(task: LabelTask) -> dict[str, Any]:
    return {
        "item_ref": task.item_ref,
        "item": task.data,
        "status": task.status,
        "assignee": task.assignee.email if task.assignee else None,
        "annotations": [
            {
                "value": annotation.value,
                "annotator": annotation.annotator.email if annotation.annotator else None,
                "created_at": annotation.created_at.isoformat(),
            }
            for annotation in task.annotations.all()
        ],
    }
