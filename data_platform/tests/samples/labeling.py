from __future__ import annotations

import itertools
from typing import Any

from data_platform.models import LabelingProject, LabelTask
from data_platform.services import labeling
from data_platform.tests.ready_versions import make_ready_version
from tests.isolation import sample_for

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
