"""Datasets and versions through the API: CRUD, uploads of every format, reads, deletes."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime
from typing import Any, cast

import pytest
from django.http import FileResponse
from django.utils import timezone

from data_platform.choices import JobKind
from data_platform.models import Dataset, DatasetVersion, Job
from data_platform.services.dataset_uploads import VersionUpload
from data_platform.services.datasets import create_dataset, create_version_from_files
from data_platform.tests.samples.datasets import (
    JPEG,
    PNG,
    csv_bytes,
    parquet_bytes,
    stored_keys,
    upload,
    zip_bytes,
)
from platform_core.errors import Conflict
from platform_core.models import AuditEvent
from platform_core.services import create_object
from tests.factories import client_for

pytestmark = pytest.mark.django_db

PEOPLE = csv_bytes(
    ["id", "name", "score", "active", "joined"],
    [
        [1, "ada", 9.5, "true", "2024-01-02"],
        [2, "grace", 8, "false", "2024-02-03 10:00:00"],
        [3, "", None, "true", "2024-03-04"],
    ],
)


@pytest.fixture(autouse=True)
def _eager_tasks(settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def dataset(tenant: Any) -> Dataset:
    return create_dataset(tenant.owner, project=tenant.project, name="people", format="csv")


def make_dataset(tenant: Any, format: str, name: str | None = None) -> Dataset:
    return create_dataset(tenant.owner, project=tenant.project, name=name or format, format=format)


def body_of(response: Any) -> bytes:
    """What a streamed (file) response sends."""
    return b"".join(cast(FileResponse, response).streaming_content)  # type: ignore[arg-type]


def uploaded(
    client: Any, captured: Any, dataset: Dataset, files: list[tuple[str, bytes]], **fields: Any
) -> dict[str, Any]:
    """Upload, let the validation task run, and return the version as the API shows it."""
    with captured(execute=True):
        response = upload(client, dataset.pk, files, **fields)
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "validating"
    detail = client.get(f"/api/v1/dataset-versions/{response.json()['id']}/")
    assert detail.status_code == 200
    return detail.json()


# --- datasets -----------------------------------------------------------------------------


def test_create_list_filter_and_change_a_dataset(tenant):
    client = client_for(tenant.project_developer)
    created = client.post(
        "/api/v1/datasets/",
        {
            "project": tenant.project.pk,
            "name": "clicks",
            "format": "parquet",
            "description": "Web clicks",
            "tags": ["web", "raw", "web"],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["tags"] == ["web", "raw"]
    assert body["organization"] == tenant.organization.pk
    assert body["version_count"] == 0
    assert AuditEvent.objects.filter(
        object_type="data_platform.dataset", object_id=str(body["id"]), action="create"
    ).exists()
    make_dataset(tenant, "csv", "other")

    def names(**query: Any) -> set[str]:
        return {d["name"] for d in client.get("/api/v1/datasets/", query).json()["results"]}

    assert names(format="parquet") == {"clicks"}
    assert names(tags="web,raw") == {"clicks"}
    assert names(tags="web,nope") == set()
    assert names(search="clicks") == {"clicks"}
    assert names(project=tenant.project.pk) == {"clicks", "other"}

    renamed = client.patch(
        f"/api/v1/datasets/{body['id']}/", {"name": "clickstream", "tags": []}, format="json"
    )
    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["name"] == "clickstream" and renamed.json()["tags"] == []
    refused = client.patch(f"/api/v1/datasets/{body['id']}/", {"format": "csv"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["details"] == {"format": ["Unknown field."]}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "x", "format": "csv", "colour": "red"}, "colour"),
        ({"name": "x", "format": "xlsx"}, "format"),
        ({"format": "csv"}, "name"),
    ],
)
def test_bad_dataset_input_is_a_400(tenant, payload, field):
    response = client_for(tenant.owner).post(
        "/api/v1/datasets/", {"project": tenant.project.pk, **payload}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


def test_dataset_rules_of_projects_names_and_roles(tenant, other_tenant, dataset):
    payload = {"project": tenant.project.pk, "name": "people", "format": "csv"}
    assert client_for(tenant.owner).post("/api/v1/datasets/", payload).status_code == 409
    denied = client_for(tenant.viewer).post(
        "/api/v1/datasets/", {**payload, "name": "new"}, format="json"
    )
    assert denied.status_code == 403
    elsewhere = client_for(tenant.owner).post(
        "/api/v1/datasets/", {**payload, "project": other_tenant.project.pk}, format="json"
    )
    assert elsewhere.status_code == 400
    assert "project" in elsewhere.json()["error"]["details"]


def test_a_dataset_with_versions_cannot_be_deleted(
    tenant, dataset, django_capture_on_commit_callbacks
):
    client = client_for(tenant.owner)
    uploaded(client, django_capture_on_commit_callbacks, dataset, [("people.csv", PEOPLE)])

    refused = client.delete(f"/api/v1/datasets/{dataset.pk}/")

    assert refused.status_code == 409
    assert refused.json()["error"]["details"]["blocked_by"] == ["dataset versions"]
    empty = make_dataset(tenant, "jsonl")
    assert client.delete(f"/api/v1/datasets/{empty.pk}/").status_code == 204


# --- uploads of each format ---------------------------------------------------------------


def test_csv_upload_of_several_files_becomes_ready(
    tenant, dataset, django_capture_on_commit_callbacks
):
    client = client_for(tenant.project_developer)
    more = csv_bytes(["id", "name", "score", "active", "joined"], [[4, "alan", 7, "false", ""]])

    version = uploaded(
        client,
        django_capture_on_commit_callbacks,
        dataset,
        [("people.csv", PEOPLE), ("more/people-2.csv", more)],
        message="first import",
    )

    assert version["status"] == "ready", version["failure_reason"]
    assert version["message"] == "first import"
    assert version["row_count"] == 4
    assert version["schema"] == [
        {"name": "id", "type": "int64"},
        {"name": "name", "type": "string"},
        {"name": "score", "type": "double"},
        {"name": "active", "type": "bool"},
        {"name": "joined", "type": "timestamp[us]"},
    ]
    # Django keeps only the base name of an uploaded file.
    assert version["files"] == [
        {"path": "people.csv", "size": len(PEOPLE), "sha256": hashlib.sha256(PEOPLE).hexdigest()},
        {"path": "people-2.csv", "size": len(more), "sha256": hashlib.sha256(more).hexdigest()},
    ]
    assert version["total_bytes"] == len(PEOPLE) + len(more)
    assert version["validation_report"]["bad_row_count"] == 0
    prefix = f"org/{tenant.organization.pk}/project/{tenant.project.pk}/dataset/{dataset.pk}/"
    assert stored_keys(tenant.organization) == [
        f"{prefix}version/1/people-2.csv",
        f"{prefix}version/1/people.csv",
    ]

    preview = client.get(f"/api/v1/dataset-versions/{version['id']}/preview/").json()
    assert preview["columns"] == ["id", "name", "score", "active", "joined"]
    assert preview["rows"][0] == [1, "ada", 9.5, True, "2024-01-02T00:00:00"]
    assert len(preview["rows"]) == 4

    profile = client.get(f"/api/v1/dataset-versions/{version['id']}/profile/").json()
    assert (profile["row_count"], profile["sampled"]) == (4, False)
    columns = {column["name"]: column for column in profile["columns"]}
    assert columns["score"]["kind"] == "numeric"
    assert (columns["score"]["min"], columns["score"]["max"], columns["score"]["nulls"]) == (
        7.0,
        9.5,
        1,
    )
    assert sum(columns["score"]["histogram"]["counts"]) == 3
    assert columns["name"]["top_values"][0]["count"] == 1
    assert columns["active"]["kind"] == "boolean"
    assert columns["joined"]["min"] == "2024-01-02T00:00:00"


def test_parquet_upload(tenant, django_capture_on_commit_callbacks):
    dataset = make_dataset(tenant, "parquet")
    data = parquet_bytes({"x": [1, 2, 3], "label": ["a", "b", None]})

    version = uploaded(
        client_for(tenant.owner), django_capture_on_commit_callbacks, dataset, [("t.parquet", data)]
    )

    assert version["status"] == "ready", version["failure_reason"]
    assert version["row_count"] == 3
    assert version["schema"] == [
        {"name": "x", "type": "int64"},
        {"name": "label", "type": "string"},
    ]


def test_jsonl_upload(tenant, django_capture_on_commit_callbacks):
    dataset = make_dataset(tenant, "jsonl")
    rows = [{"text": "hi", "n": 1, "meta": {"a": 1}}, {"text": "yo", "n": 2.5}, {}, {"n": None}]
    data = "\n".join(json.dumps(row) for row in rows).encode() + b"\n\n"
    client = client_for(tenant.owner)

    version = uploaded(client, django_capture_on_commit_callbacks, dataset, [("t.jsonl", data)])

    assert version["status"] == "ready", version["failure_reason"]
    assert version["row_count"] == 4
    assert version["schema"] == [
        {"name": "text", "type": "string"},
        {"name": "n", "type": "double"},
        {"name": "meta", "type": "json"},
    ]
    preview = client.get(f"/api/v1/dataset-versions/{version['id']}/preview/").json()
    assert preview["rows"][0] == ["hi", 1, {"a": 1}]


def test_image_zip_is_unpacked_into_one_file_per_image(tenant, django_capture_on_commit_callbacks):
    dataset = make_dataset(tenant, "image_zip")
    archive = zip_bytes(
        {
            "cats/": b"",
            "cats/tom.png": PNG,
            "dogs/rex.jpg": JPEG,
            "__MACOSX/cats/._tom.png": b"junk",
            "cats/.DS_Store": b"junk",
        }
    )
    client = client_for(tenant.owner)

    version = uploaded(client, django_capture_on_commit_callbacks, dataset, [("pets.zip", archive)])

    assert version["status"] == "ready", version["failure_reason"]
    assert version["row_count"] == 2
    assert version["files"] == [
        {"path": "cats/tom.png", "size": len(PNG), "sha256": hashlib.sha256(PNG).hexdigest()},
        {"path": "dogs/rex.jpg", "size": len(JPEG), "sha256": hashlib.sha256(JPEG).hexdigest()},
    ]
    assert [key.rsplit("/version/1/", 1)[1] for key in stored_keys(tenant.organization)] == [
        "cats/tom.png",
        "dogs/rex.jpg",
    ]
    preview = client.get(f"/api/v1/dataset-versions/{version['id']}/preview/").json()
    assert preview == {
        "columns": ["path", "size", "type"],
        "rows": [["cats/tom.png", len(PNG), "png"], ["dogs/rex.jpg", len(JPEG), "jpeg"]],
    }
    download = client.get(f"/api/v1/dataset-versions/{version['id']}/download/?file=cats/tom.png")
    assert download.status_code == 302
    assert body_of(client.get(download["Location"])) == PNG


# --- reading versions ---------------------------------------------------------------------


def test_download_redirects_to_a_presigned_url(tenant, dataset, django_capture_on_commit_callbacks):
    client = client_for(tenant.project_viewer)
    version = uploaded(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        dataset,
        [("a.csv", PEOPLE), ("b.csv", PEOPLE)],
    )
    url = f"/api/v1/dataset-versions/{version['id']}/download/"

    response = client.get(url, {"file": "b.csv"})

    assert response.status_code == 302
    assert "/storage/o/org/" in response["Location"]
    fetched = client.get(response["Location"])
    assert fetched.status_code == 200
    assert body_of(fetched) == PEOPLE
    assert 'filename="b.csv"' in fetched["Content-Disposition"]
    assert client.get(url).status_code == 400  # two files: name one
    assert client.get(url, {"file": "nope.csv"}).status_code == 400
    assert client.get(url, {"file": "b.csv", "colour": "red"}).status_code == 400


def test_download_url_as_json_for_clients_that_open_it_themselves(
    tenant, dataset, django_capture_on_commit_callbacks
):
    client = client_for(tenant.project_viewer)
    version = uploaded(
        client_for(tenant.owner), django_capture_on_commit_callbacks, dataset, [("a.csv", PEOPLE)]
    )
    url = f"/api/v1/dataset-versions/{version['id']}/download/"

    response = client.get(url, {"redirect": "false"})

    assert response.status_code == 200
    link = response.json()
    assert set(link) == {"url", "expires_at"}
    assert body_of(client.get(link["url"])) == PEOPLE
    assert datetime.fromisoformat(link["expires_at"]) > timezone.now()
    assert client.get(url, {"redirect": "maybe"}).status_code == 400


def test_reads_of_a_version_that_is_not_ready_are_409(tenant, dataset):
    response = upload(client_for(tenant.owner), dataset.pk, [("people.csv", PEOPLE)])
    assert response.status_code == 202  # validation is queued on commit, which never comes
    client = client_for(tenant.owner)
    for action in ("preview", "profile", "download"):
        refused = client.get(f"/api/v1/dataset-versions/{response.json()['id']}/{action}/")
        assert refused.status_code == 409, action
        assert refused.json()["error"]["details"]["status"] == "validating"


def test_lineage_shows_parents_children_and_the_producing_job(tenant, other_tenant, dataset):
    def version_of(parents: list[DatasetVersion], job: Job | None = None) -> DatasetVersion:
        return create_version_from_files(
            tenant.owner,
            dataset,
            [("p.csv", io.BytesIO(PEOPLE), len(PEOPLE))],
            parents=parents,
            produced_by=job,
            validate_now=True,
        )

    job = create_object(
        tenant.owner,
        Job,
        kind=JobKind.PROCESSING,
        name="dedupe",
        project=tenant.project,
        organization_id=tenant.organization.pk,
    )
    source = version_of([])
    derived = version_of([source], job)
    client = client_for(tenant.viewer)

    lineage = client.get(f"/api/v1/dataset-versions/{derived.pk}/lineage/").json()
    assert [parent["id"] for parent in lineage["parents"]] == [source.pk]
    assert lineage["children"] == []
    assert lineage["produced_by"] == {
        "id": job.pk,
        "kind": "processing",
        "name": "dedupe",
        "status": "queued",
    }
    upstream = client.get(f"/api/v1/dataset-versions/{source.pk}/lineage/").json()
    assert [child["id"] for child in upstream["children"]] == [derived.pk]
    assert upstream["children"][0]["dataset_name"] == "people"
    detail = client.get(f"/api/v1/dataset-versions/{derived.pk}/").json()
    assert (detail["parents"], detail["produced_by"]) == ([source.pk], job.pk)
    assert (
        client_for(other_tenant.owner)
        .get(f"/api/v1/dataset-versions/{derived.pk}/lineage/")
        .status_code
        == 404
    )


def test_versions_list_filters(tenant, dataset):
    first = create_version_from_files(
        tenant.owner, dataset, [("a.csv", io.BytesIO(PEOPLE), len(PEOPLE))], validate_now=True
    )
    create_version_from_files(
        tenant.owner, dataset, [("b.csv", io.BytesIO(b"x,y\n1\n"), 6)], validate_now=True
    )
    other = make_dataset(tenant, "csv", "other")
    create_version_from_files(
        tenant.owner, other, [("c.csv", io.BytesIO(PEOPLE), len(PEOPLE))], validate_now=True
    )
    client = client_for(tenant.owner)

    def numbers(**query: Any) -> list[tuple[str, int]]:
        results = client.get("/api/v1/dataset-versions/", query).json()["results"]
        return [(item["status"], item["number"]) for item in results]

    assert numbers(dataset=dataset.pk) == [("failed", 2), ("ready", 1)]
    assert numbers(dataset=dataset.pk, status="ready") == [("ready", 1)]
    assert len(numbers(project=tenant.project.pk)) == 3
    assert first.number == 1


# --- deleting versions --------------------------------------------------------------------


def test_deleting_a_version_removes_its_files(tenant, dataset, django_capture_on_commit_callbacks):
    client = client_for(tenant.owner)
    version = uploaded(client, django_capture_on_commit_callbacks, dataset, [("p.csv", PEOPLE)])
    assert stored_keys(tenant.organization)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/dataset-versions/{version['id']}/")

    assert response.status_code == 204
    assert stored_keys(tenant.organization) == []
    assert not DatasetVersion.objects.filter(pk=version["id"]).exists()
    assert AuditEvent.objects.filter(
        object_type="data_platform.datasetversion", object_id=str(version["id"]), action="delete"
    ).exists()
    assert client.delete(f"/api/v1/datasets/{dataset.pk}/").status_code == 204


def test_a_parent_version_cannot_be_deleted(tenant, dataset):
    parent = create_version_from_files(
        tenant.owner, dataset, [("a.csv", io.BytesIO(PEOPLE), len(PEOPLE))], validate_now=True
    )
    child = create_version_from_files(
        tenant.owner,
        dataset,
        [("b.csv", io.BytesIO(PEOPLE), len(PEOPLE))],
        parents=[parent],
        validate_now=True,
    )

    response = client_for(tenant.owner).delete(f"/api/v1/dataset-versions/{parent.pk}/")

    assert response.status_code == 409
    assert response.json()["error"]["details"] == {"children": [child.pk]}
    assert len(stored_keys(tenant.organization)) == 2


def test_versions_cannot_be_changed_and_viewers_cannot_delete(tenant, dataset):
    version = create_version_from_files(
        tenant.owner, dataset, [("a.csv", io.BytesIO(PEOPLE), len(PEOPLE))], validate_now=True
    )
    url = f"/api/v1/dataset-versions/{version.pk}/"
    assert client_for(tenant.owner).patch(url, {"message": "x"}, format="json").status_code == 405
    assert client_for(tenant.viewer).delete(url).status_code == 403
    assert client_for(tenant.project_developer).delete(url).status_code == 403


def test_viewers_cannot_upload(tenant, dataset):
    response = upload(client_for(tenant.project_viewer), dataset.pk, [("p.csv", PEOPLE)])

    assert response.status_code == 403
    assert not DatasetVersion.objects.exists()
    assert stored_keys(tenant.organization) == []


def test_an_upload_left_uploading_can_be_aborted(tenant, dataset):
    stuck = VersionUpload.start(tenant.owner, dataset, expected_bytes=100)
    with stuck.failing_on_error():
        stuck.open_file("a.csv")
        stuck.write(PEOPLE)
        stuck.close_file()
    assert stored_keys(tenant.organization)
    client = client_for(tenant.owner)
    url = f"/api/v1/dataset-versions/{stuck.version.pk}/"
    assert client.delete(url).status_code == 409  # abort it instead

    aborted = client.post(f"{url}abort/")

    assert aborted.status_code == 200
    assert aborted.json()["status"] == "failed"
    assert stored_keys(tenant.organization) == []
    with pytest.raises(Conflict), stuck.failing_on_error():
        stuck.open_file("late.csv")
        stuck.write(PEOPLE)
        stuck.close_file()  # lands after the abort...
        stuck.finish()
    assert stored_keys(tenant.organization) == []  # ...and is removed all the same
