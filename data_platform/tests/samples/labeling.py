from __future__ import annotations

import itertools
from typing import Any

from data_platform.models import LabelingProject, LabelTask
from data_platform.services import labeling
from data_platform.tests.ready_versions import make_ready_version
from tests.isolation import CreateRequest, create_request_for, sample_for

_counter = itertools.count(1)


@sample_for(LabelingProject)
def labeling_project(tenant: Any) -> LabelingProject:
    version = make_ready_version(
        tenant.owner, tenant.project, rows=[{"text": "great product"}, {"text": "awful"}]
    )
    return labeling.create_project(
        tenant.owner,
        version=version,
        name=f"sentiment-{next(_counter)}",
        kind="classification",
        labels=["positive", "negative"],
        text_column="text",
    )


@sample_for(LabelTask)
def label_task(tenant: Any) -> LabelTask:
    project = labeling_project(tenant)
    labeling.generate_tasks(project.pk)
    return LabelTask.objects.filter(labeling_project_id=project.pk).earliest("id")


@create_request_for("labeling-project-list")
def labeling_project_request(tenant: Any) -> CreateRequest:
    version = make_ready_version(tenant.owner, tenant.project, rows=[{"text": "fine"}])
    data = {
        "version": version.pk,
        "name": f"created-{next(_counter)}",
        "kind": "classification",
        "labels": ["positive", "negative"],
        "text_column": "text",
    }
    return CreateRequest("/api/v1/labeling-projects/", data)


@create_request_for("labeling-project-export")
def export_request(tenant: Any) -> CreateRequest:
    project = label_task(tenant).labeling_project  # its tasks are generated: it is ready
    return CreateRequest(f"/api/v1/labeling-projects/{project.pk}/export/", {})


@create_request_for("label-task-annotations")
def annotation_request(tenant: Any) -> CreateRequest:
    task = label_task(tenant)
    return CreateRequest(f"/api/v1/label-tasks/{task.pk}/annotations/", {"value": "positive"})


@create_request_for("label-task-skip")
def skip_request(tenant: Any) -> CreateRequest:
    return CreateRequest(f"/api/v1/label-tasks/{label_task(tenant).pk}/skip/")
