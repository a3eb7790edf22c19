"""Labeling projects over a ready version: one task per row (tables) or image, assigned to
members, annotated by them.

A project is created ``preparing``; a Celery task generates its tasks in one
transaction and ends it ``ready`` (or ``failed``, with no tasks). A project holds at
most ``max_tasks()`` tasks, checked before anything is created.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import transaction

from data_platform import events
from data_platform.choices import LabelingProjectStatus, LabelKind, LabelTaskStatus
from data_platform.models import Annotation, DatasetVersion, LabelingProject, LabelTask
from data_platform.services.background_state import finish_unless_moved_on
from data_platform.services.label_values import clean_value
from data_platform.services.version_rows import (
    batched,
    column_names,
    image_files,
    is_tabular,
    iter_rows,
    require_ready,
)
from platform_core.errors import Conflict, InvalidInput, PlatformError
from platform_core.events import emit
from platform_core.models import User
from platform_core.permissions import user_can, user_can_add
from platform_core.queue import enqueue
from platform_core.services import create_object, delete_object, update_object

logger = logging.getLogger(__name__)

MAX_LABELS = 200
MAX_LABEL_LENGTH = 100
TASK_BATCH = 1000


class NotAssignee(PlatformError):
    status_code = 403
    code = "permission_denied"


def max_tasks() -> int:
    return int(getattr(settings, "ZT_LABELING_MAX_TASKS", 10_000))


# --- projects -------------------------------------------------------------------------------


@transaction.atomic
def create_project(
    actor: User | None,
    *,
    version: DatasetVersion,
    name: str,
    kind: str,
    labels: list[str],
    text_column: str = "",
    instructions: str = "",
) -> LabelingProject:
    labels = clean_labels(labels)
    _validate_source(version, LabelKind(kind), text_column)
    project = create_object(
        actor,
        LabelingProject,
        organization_id=version.organization_id,
        project_id=version.project_id,
        name=name,
        version=version,
        kind=kind,
        labels=labels,
        text_column=text_column,
        instructions=instructions,
        status=LabelingProjectStatus.PREPARING,
    )
    enqueue("data_platform.generate_label_tasks", project.pk)
    return project


def update_project(actor: User | None, project: LabelingProject, **changes: Any) -> LabelingProject:
    """Name, instructions and labels change (existing annotations stay as they were)."""
    if "labels" in changes:
        changes["labels"] = clean_labels(changes["labels"])
    return update_object(actor, project, **changes)


def delete_project(actor: User | None, project: LabelingProject) -> None:
    delete_object(actor, project)  # its tasks and annotations go with it


def clean_labels(labels: list[str]) -> list[str]:
    cleaned = [label.strip() for label in labels]
    problems = []
    if not 1 <= len(cleaned) <= MAX_LABELS:
        problems.append(f"Give 1 to {MAX_LABELS} labels.")
    if any(not label or len(label) > MAX_LABEL_LENGTH for label in cleaned):
        problems.append(f"Labels are 1 to {MAX_LABEL_LENGTH} characters.")
    if len(set(cleaned)) != len(cleaned):
        problems.append("Labels must be distinct.")
    if problems:
        raise InvalidInput(f"labels: {problems[0]}", details={"labels": problems})
    return cleaned


def _validate_source(version: DatasetVersion, kind: LabelKind, text_column: str) -> None:
    require_ready(version)
    tabular = is_tabular(version)
    errors: dict[str, list[str]] = {}
    if kind == LabelKind.BOUNDING_BOXES and tabular:
        errors["kind"] = ["Bounding boxes are drawn on images; this version is a table."]
    if kind == LabelKind.TEXT_SPANS and not tabular:
        errors["kind"] = ["Text spans are marked in a text column of a table."]
    if tabular and kind == LabelKind.TEXT_SPANS and not text_column:
        errors["text_column"] = ["Text spans need the column that holds the text."]
    elif tabular and text_column and text_column not in column_names(version):
        errors["text_column"] = [
            f"No column {text_column!r}; the version has {column_names(version)}."
        ]
    elif not tabular and text_column:
        errors["text_column"] = ["An image version has no columns."]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], details=errors)
    items = (version.row_count or 0) if tabular else len(image_files(version))
    if not items:
        raise InvalidInput(
            "The version holds nothing to label.", details={"version": ["No rows or images."]}
        )
    if items > max_tasks():
        raise InvalidInput(
            f"The version has {items:,} items; a labeling project takes at most {max_tasks():,}. "
            "Label a sample of it (a processing job can make one).",
            details={"version": [f"{items:,} items, over the limit of {max_tasks():,}."]},
        )


# --- task generation (runs in a worker) -----------------------------------------------------


def generate_tasks(project_id: int) -> None:
    project = (
        LabelingProject.objects.select_related("version__dataset")
        .filter(pk=project_id, status=LabelingProjectStatus.PREPARING)
        .first()
    )
    if project is None:
        return  # deleted, or already done by an earlier delivery of this task
    try:
        with transaction.atomic():
            project.tasks.all().delete()
            count = 0
            for batch in batched(islice(_items(project), max_tasks() + 1), TASK_BATCH):
                count += len(batch)
                if count > max_tasks():
                    raise InvalidInput(f"The version has more than {max_tasks():,} items.")
                LabelTask.objects.bulk_create(
                    LabelTask(
                        organization_id=project.organization_id,
                        project_id=project.project_id,
                        labeling_project=project,
                        item_ref=item_ref,
                        data=data,
                    )
                    for item_ref, data in batch
                )
    except Exception as exc:  # any failure ends the generation as failed, with its reason
        logger.exception("Generating tasks of labeling project %s failed", project.pk)
        _finish(project.pk, status=LabelingProjectStatus.FAILED, error=f"{exc}")
        return
    _finish(project.pk, status=LabelingProjectStatus.READY)


def _items(project: LabelingProject) -> Iterator[tuple[str, dict[str, Any]]]:
    """(item_ref, data) per row with a text (when the project names a text column), or per image."""
    version = project.version
    if not is_tabular(version):
        for entry in image_files(version):
            yield entry["path"], {"path": entry["path"], "size": entry["size"]}
        return
    for index, row in iter_rows(version):
        if not project.text_column or row.get(project.text_column) not in (None, ""):
            yield str(index), row


@transaction.atomic
def _finish(project_id: int, **fields: Any) -> None:
    project = finish_unless_moved_on(
        LabelingProject, project_id, LabelingProjectStatus.PREPARING, **fields
    )
    if project is not None:
        emit(
            events.LABELING_READY
            if project.status == LabelingProjectStatus.READY
            else events.LABELING_FAILED,
            organization=project.organization_id,
            project=project.project_id,
            subject=project,
            data=events.labeling_finished(project),
        )


# --- assignment and annotation --------------------------------------------------------------


def assign_task(actor: User | None, task: LabelTask, assignee_id: int | None) -> LabelTask:
    """Assign to a member who can see the labeling project and annotate in it (or nobody)."""
    assignee = None
    if assignee_id is not None:
        assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
        labeling_project = task.labeling_project
        if assignee is None or not user_can(assignee, "view", labeling_project):
            raise InvalidInput(
                "The assignee must be a member who can see this labeling project.",
                details={"assignee": ["Not a member who can see this labeling project."]},
            )
        if not user_can_add(assignee, Annotation, task.organization, task.project):
            raise InvalidInput(
                f"{assignee.email} may see this labeling project but not annotate in it.",
                details={"assignee": ["May not annotate in this project."]},
            )
    return update_object(actor, task, assignee=assignee)


def _check_assignee(actor: User, task: LabelTask) -> None:
    if task.assignee_id is not None and task.assignee_id != actor.pk:
        raise NotAssignee("This task is assigned to someone else.")


@transaction.atomic
def annotate(actor: User, task: LabelTask, value: Any) -> Annotation:
    """Add an annotation (the newest one is the task's answer) and mark the task done."""
    _check_assignee(actor, task)
    annotation = create_object(
        actor,
        Annotation,
        organization_id=task.organization_id,
        project_id=task.project_id,
        task=task,
        value=clean_value(task.labeling_project, task, value),
        annotator=actor,
    )
    update_object(actor, task, status=LabelTaskStatus.DONE)
    return annotation


def skip_task(actor: User, task: LabelTask) -> LabelTask:
    """Set an open task aside (it cannot be labeled, say); annotating it later marks it done."""
    _check_assignee(actor, task)
    if task.status == LabelTaskStatus.DONE:
        raise Conflict("This task is already annotated.", details={"status": task.status})
    return update_object(actor, task, status=LabelTaskStatus.SKIPPED)
