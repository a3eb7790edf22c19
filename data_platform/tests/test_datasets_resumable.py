"""Resumable uploads on the local backend: parts PUT to presigned URLs, then complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from data_platform.models import DatasetVersion, UploadSession
from data_platform.services.dataset_files import MAX_VERSION_BYTES
from data_platform.services.dataset_uploads import abort_expired_uploads
from data_platform.services.datasets import create_dataset
from data_platform.tests.samples.datasets import csv_bytes, stored_keys
from platform_core.backends.storage.base import MAX_PART_NUMBER, MiB
from platform_core.services import update_object
from tests.factories import client_for

pytestmark = pytest.mark.django_db

SMALL = csv_bytes(["a", "b"], [[1, "x"], [2, "y"]])


@pytest.fixture(autouse=True)
def _eager_tasks(settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def dataset(tenant: Any) -> Any:
    return create_dataset(tenant.owner, project=tenant.project, name="big", format="csv")


@pytest.fixture
def client(tenant: Any) -> Any:
    return client_for(tenant.project_developer)


def big_csv(size: int) -> bytes:
    row = b"123456,some text that repeats,42.5\n"
    return b"id,text,value\n" + row * (size // len(row))


def staged_uploads(settings: Any) -> list[Path]:
    root = Path(settings.PLATFORM_BACKENDS["storage"]["OPTIONS"]["root"])
    return list((root / ".zhongtai" / "uploads").glob("*"))


def start(client: Any, dataset: Any, files: dict[str, bytes]) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/datasets/{dataset.pk}/uploads/",
        {"files": [{"path": path, "size": len(data)} for path, data in files.items()]},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def put_parts(client: Any, session: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
    """PUT every part to its presigned URL, as a browser would; return what complete wants."""
    parts: dict[str, list[dict[str, Any]]] = {}
    for entry in session["files"]:
        data, size = files[entry["path"]], entry["part_size"]
        for part in entry["parts"]:
            start = (part["part_number"] - 1) * size
            response = client.put(
                part["url"], data[start : start + size], content_type="application/octet-stream"
            )
            assert response.status_code == 200, response.content
            parts.setdefault(entry["path"], []).append(
                {"part_number": part["part_number"], "etag": response["ETag"]}
            )
    return parts


def test_a_large_file_in_parts_then_complete(
    tenant, client, dataset, settings, django_capture_on_commit_callbacks
):
    files = {
        "big.csv": big_csv(17 * MiB),
        "folder/small.csv": csv_bytes(["id", "text", "value"], [[1, "a", 2]]),
    }
    session = start(client, dataset, files)

    assert session["version"]["status"] == "uploading"
    assert [(f["path"], f["part_size"], len(f["parts"])) for f in session["files"]] == [
        ("big.csv", 16 * MiB, 2),
        ("folder/small.csv", 16 * MiB, 1),
    ]
    assert session["files"][0]["parts"][0]["url"].startswith("http://testserver/storage/o/org/")
    version_id = session["version"]["id"]
    parts = put_parts(client, session, files)

    with django_capture_on_commit_callbacks(execute=True):
        completed = client.post(
            f"/api/v1/dataset-versions/{version_id}/complete/", {"parts": parts}, format="json"
        )

    assert completed.status_code == 202, completed.content
    version = client.get(f"/api/v1/dataset-versions/{version_id}/").json()
    assert version["status"] == "ready", version["failure_reason"]
    assert version["row_count"] == len(files["big.csv"].splitlines()) - 1 + 1
    assert [(f["path"], f["size"]) for f in version["files"]] == [
        (path, len(data)) for path, data in files.items()
    ]
    assert all(len(f["sha256"]) == 64 for f in version["files"])
    assert not UploadSession.objects.exists()
    assert staged_uploads(settings) == []
    assert len(stored_keys(tenant.organization)) == 2


def test_a_wrong_part_list_can_be_retried(client, dataset, django_capture_on_commit_callbacks):
    files = {"a.csv": SMALL}
    session = start(client, dataset, files)
    url = f"/api/v1/dataset-versions/{session['version']['id']}/complete/"
    parts = put_parts(client, session, files)

    wrong = client.post(
        url, {"parts": {"a.csv": [{"part_number": 1, "etag": '"0000"'}]}}, format="json"
    )
    assert wrong.status_code == 400
    assert "cannot be assembled" in wrong.json()["error"]["message"]
    missing = client.post(url, {"parts": {"b.csv": parts["a.csv"]}}, format="json")
    assert missing.json()["error"]["details"] == {"missing": ["a.csv"], "unknown": ["b.csv"]}

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"parts": parts}, format="json").status_code == 202
    assert DatasetVersion.objects.get().status == "ready"


def test_fresh_part_urls_while_uploading(client, dataset):
    session = start(client, dataset, {"a.csv": SMALL})

    again = client.get(f"/api/v1/dataset-versions/{session['version']['id']}/upload/")

    assert again.status_code == 200
    assert [f["path"] for f in again.json()["files"]] == ["a.csv"]


def test_abort_leaves_nothing(tenant, client, dataset, settings):
    files = {"big.csv": big_csv(17 * MiB)}
    session = start(client, dataset, files)
    put_parts(client, session, files)
    assert len(staged_uploads(settings)) == 1
    version_id = session["version"]["id"]

    aborted = client.post(f"/api/v1/dataset-versions/{version_id}/abort/")

    assert aborted.status_code == 200
    assert aborted.json()["status"] == "failed"
    assert "aborted by" in aborted.json()["failure_reason"]
    assert staged_uploads(settings) == []
    assert stored_keys(tenant.organization) == []
    again = client.post(f"/api/v1/dataset-versions/{version_id}/abort/")
    assert again.status_code == 409


def test_a_file_of_another_size_than_declared_fails_the_version(tenant, client, dataset, settings):
    session = start(client, dataset, {"a.csv": SMALL})
    parts = put_parts(client, session, {"a.csv": SMALL + b"3,z\n"})

    response = client.post(
        f"/api/v1/dataset-versions/{session['version']['id']}/complete/",
        {"parts": parts},
        format="json",
    )

    assert response.status_code == 400
    assert "declared" in response.json()["error"]["message"]
    assert DatasetVersion.objects.get().status == "failed"
    assert stored_keys(tenant.organization) == []
    assert staged_uploads(settings) == []


@pytest.mark.parametrize(
    ("files", "fragment"),
    [
        ([{"path": "../escape.csv", "size": 10}], "not a usable file path"),
        ([{"path": "/abs.csv", "size": 10}], "not a usable file path"),
        ([{"path": "a\\b.csv", "size": 10}], "'/' between folders"),
        ([{"path": "a.parquet", "size": 10}], "must end with .csv"),
        ([{"path": "a.csv", "size": 10}, {"path": "a.csv", "size": 10}], "listed once"),
        ([], "files"),
        ([{"path": "a.csv", "size": 0}], "size"),
        ([{"path": "a.csv", "size": 10, "sha": "x"}], "sha"),
    ],
)
def test_bad_resumable_requests(tenant, client, dataset, settings, files, fragment):
    response = client.post(
        f"/api/v1/datasets/{dataset.pk}/uploads/", {"files": files}, format="json"
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert fragment in error["message"] or fragment in str(error["details"])
    assert not DatasetVersion.objects.exists()
    assert staged_uploads(settings) == []


def test_a_resumable_upload_over_the_quota_is_a_413(tenant, client, dataset, settings):
    update_object(tenant.owner, tenant.organization, storage_quota_bytes=MiB)

    response = client.post(
        f"/api/v1/datasets/{dataset.pk}/uploads/",
        {"files": [{"path": "a.csv", "size": 2 * MiB}]},
        format="json",
    )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "quota_exceeded"
    assert staged_uploads(settings) == []


@pytest.mark.parametrize(
    "files",
    [
        [{"path": "a.csv", "size": 10**30}],
        [{"path": f"{i}.csv", "size": MAX_VERSION_BYTES // 2 + 1} for i in range(2)],
    ],
)
def test_a_version_larger_than_the_largest_object_is_a_413(client, dataset, settings, files):
    response = client.post(
        f"/api/v1/datasets/{dataset.pk}/uploads/", {"files": files}, format="json"
    )

    assert response.status_code == 413, response.content
    assert response.json()["error"]["code"] == "too_large"
    assert response.json()["error"]["details"]["limit"] == MAX_VERSION_BYTES
    assert not DatasetVersion.objects.exists()
    assert staged_uploads(settings) == []


def test_many_large_files_share_one_part_size_so_part_urls_stay_few(client, dataset):
    files = [{"path": f"{i}.csv", "size": 10 * 1024 * MiB} for i in range(100)]

    response = client.post(
        f"/api/v1/datasets/{dataset.pk}/uploads/", {"files": files}, format="json"
    )

    assert response.status_code == 201, response.content
    uploads = response.json()["files"]
    assert {entry["part_size"] for entry in uploads} == {103 * MiB}
    assert sum(len(entry["parts"]) for entry in uploads) <= MAX_PART_NUMBER + len(files)


def test_an_uploading_version_reserves_its_quota(tenant, client, dataset):
    update_object(tenant.owner, tenant.organization, storage_quota_bytes=3 * MiB)
    start(client, dataset, {"a.csv": b"x" * 2 * MiB})

    second = client.post(
        f"/api/v1/datasets/{dataset.pk}/uploads/",
        {"files": [{"path": "b.csv", "size": 2 * MiB}]},
        format="json",
    )

    assert second.status_code == 413


def test_expired_uploads_are_aborted(tenant, client, dataset, settings):
    files = {"big.csv": big_csv(6 * MiB)}
    session = start(client, dataset, files)
    put_parts(client, session, files)
    update_object(None, UploadSession.objects.get(), expires_at="2000-01-01T00:00:00Z")

    assert abort_expired_uploads() == 1

    assert DatasetVersion.objects.get().status == "failed"
    assert staged_uploads(settings) == []
    assert stored_keys(tenant.organization) == []


def test_uploads_of_others_cannot_be_completed_or_aborted(tenant, other_tenant, client, dataset):
    session = start(client, dataset, {"a.csv": SMALL})
    url = f"/api/v1/dataset-versions/{session['version']['id']}/"
    outsider, viewer = client_for(other_tenant.owner), client_for(tenant.project_viewer)

    assert outsider.post(f"{url}abort/").status_code == 404
    assert viewer.post(f"{url}abort/").status_code == 403
    assert viewer.post(f"{url}complete/", {"parts": {}}, format="json").status_code == 403
    assert DatasetVersion.objects.get().status == "uploading"
