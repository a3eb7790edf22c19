"""The data platform's events: what each change writes to the outbox, with its payload."""

from __future__ import annotations

from typing import Any

import pytest

from data_platform.models import DatasetVersion
from data_platform.services import versions
from data_platform.services.sources import check_connection, create_source
from data_platform.tests.ready_versions import make_ready_version
from data_platform.tests.samples.datasets import upload
from platform_core.backends import get_backend
from platform_core.backends.vectors.contract import usable_or_skip
from platform_core.models import OutboxEvent
from tests.factories import client_for

pytestmark = pytest.mark.django_db

ROWS = [{"text": "good", "stars": 5}, {"text": "bad", "stars": 1}]


@pytest.fixture(autouse=True)
def _eager(settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True


def emitted(event_type: str) -> list[OutboxEvent]:
    return list(OutboxEvent.objects.filter(type=event_type).order_by("id"))


def test_a_ready_version(tenant):
    version = make_ready_version(tenant.owner, tenant.project, rows=ROWS)
    [event] = emitted("dataset_version.ready")
    assert (event.organization_id, event.project_id) == (tenant.organization.pk, tenant.project.pk)
    assert (event.subject_type, event.subject_id) == (
        "data_platform.datasetversion",
        str(version.pk),
    )
    assert event.data == {
        "dataset": version.dataset_id,
        "dataset_name": version.dataset.name,
        "version": version.pk,
        "number": 1,
        "format": "jsonl",
        "row_count": 2,
        "total_bytes": version.total_bytes,
        "produced_by_job": None,
    }


def test_a_failed_version_is_announced_once(tenant):
    version = make_ready_version(tenant.owner, tenant.project, rows=ROWS)
    failing = versions.create_version(tenant.owner, version.dataset)
    versions.mark_failed(failing, "The file is not JSON Lines.")
    versions.mark_failed(DatasetVersion.objects.get(pk=failing.pk), "Reaped again.")
    [event] = emitted("dataset_version.failed")
    assert event.data == {
        "dataset": version.dataset_id,
        "dataset_name": version.dataset.name,
        "version": failing.pk,
        "number": 2,
        "reason": "The file is not JSON Lines.",
        "produced_by_job": None,
    }


def test_an_upload_validated_by_the_worker(tenant, django_capture_on_commit_callbacks):
    client = client_for(tenant.owner)
    dataset = client.post(
        "/api/v1/datasets/", {"project": tenant.project.pk, "name": "d", "format": "jsonl"}
    ).json()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, dataset["id"], [("rows.jsonl", b'{"a": 1}\n{"a": 2}\n')])
    assert response.status_code == 202, response.content
    [event] = emitted("dataset_version.ready")
    assert (event.data["row_count"], event.published_at is not None) == (2, True)


def test_labeling_projects_ready_failed_and_exported(tenant, django_capture_on_commit_callbacks):
    version = make_ready_version(tenant.owner, tenant.project, rows=ROWS)
    broken = make_ready_version(tenant.owner, tenant.project, rows=ROWS)
    get_backend("storage").delete(broken.storage_prefix + "data.jsonl")
    client = client_for(tenant.owner)
    body = {"kind": "classification", "labels": ["pos", "neg"], "text_column": "text"}
    with django_capture_on_commit_callbacks(execute=True):
        ready = client.post(
            "/api/v1/labeling-projects/", {**body, "name": "ok", "version": version.pk}
        ).json()
        failed = client.post(
            "/api/v1/labeling-projects/", {**body, "name": "broken", "version": broken.pk}
        ).json()

    [event] = emitted("labeling_project.ready")
    assert event.data == {
        "labeling_project": ready["id"],
        "name": "ok",
        "version": version.pk,
        "task_count": 2,
        "error": "",
    }
    [event] = emitted("labeling_project.failed")
    assert (event.data["labeling_project"], event.data["task_count"]) == (failed["id"], 0)
    assert "data.jsonl" in event.data["error"]

    exported = client.post(f"/api/v1/labeling-projects/{ready['id']}/export/", {}).json()
    [event] = emitted("labeling_project.exported")
    assert event.data == {
        "labeling_project": ready["id"],
        "name": "ok",
        "dataset": exported["dataset"],
        "version": exported["id"],
        "number": 1,
    }
    assert emitted("dataset_version.ready")[-1].subject_id == str(exported["id"])


def test_a_source_test(tenant):
    source = create_source(tenant.owner, project=tenant.project, name="uploads", kind="upload")
    check_connection(tenant.owner, source)
    [event] = emitted("data_source.tested")
    assert event.data == {
        "data_source": source.pk,
        "name": "uploads",
        "kind": "upload",
        "ok": True,
        "message": "Upload sources have nothing to connect to.",
    }


def test_vector_collections_ready_and_failed(tenant, django_capture_on_commit_callbacks):
    usable_or_skip(get_backend("vectors"))
    version = make_ready_version(tenant.owner, tenant.project, rows=ROWS)
    broken = make_ready_version(tenant.owner, tenant.project, rows=ROWS)
    get_backend("storage").delete(broken.storage_prefix + "data.jsonl")
    client = client_for(tenant.owner)
    with django_capture_on_commit_callbacks(execute=True):
        ready = client.post(
            "/api/v1/vector-collections/",
            {"name": "ok", "version": version.pk, "text_column": "text"},
        ).json()
        failed = client.post(
            "/api/v1/vector-collections/",
            {"name": "broken", "version": broken.pk, "text_column": "text"},
        ).json()
    [event] = emitted("vector_collection.ready")
    assert event.data == {
        "vector_collection": ready["id"],
        "name": "ok",
        "version": version.pk,
        "item_count": 2,
        "embedding_model": ready["embedding_model"],
        "error": "",
    }
    [event] = emitted("vector_collection.failed")
    assert event.data["vector_collection"] == failed["id"]
    assert "data.jsonl" in event.data["error"]
