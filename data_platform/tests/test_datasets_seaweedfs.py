"""The upload paths against a real S3 server (SeaweedFS): streamed, resumable, refused."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
import requests
from minio import Minio

from data_platform.services.datasets import create_dataset
from data_platform.tests.samples.datasets import PNG, csv_bytes, stored_keys, upload, zip_bytes
from platform_core.backends.storage.base import MiB
from tests.factories import client_for
from tests.servers.seaweedfs import S3Endpoint

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BUCKET = "zt-datasets"


@pytest.fixture(autouse=True)
def s3_storage(seaweedfs: S3Endpoint, settings: Any) -> S3Endpoint:
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "storage": {
            "BACKEND": "platform_core.backends.storage.minio.MinioStorage",
            "OPTIONS": {
                "endpoint": seaweedfs.endpoint,
                "access_key": seaweedfs.access_key,
                "secret_key": seaweedfs.secret_key,
                "bucket": BUCKET,
                "secure": False,
                "region": "us-east-1",
            },
        },
    }
    return seaweedfs


def pending_multipart_uploads(server: S3Endpoint, organization: Any) -> list[Any]:
    client = Minio(server.endpoint, server.access_key, server.secret_key, secure=False)
    listing = client._list_multipart_uploads(BUCKET, prefix=f"org/{organization.pk}/")
    return list(listing.uploads)


def many_rows(size: int) -> bytes:
    row = b"1234567,a value that is long enough,3.25,true\n"
    return b"id,text,score,flag\n" + row * (size // len(row))


def test_a_streamed_upload_in_parts_then_a_presigned_download(
    tenant, django_capture_on_commit_callbacks
):
    dataset = create_dataset(tenant.owner, project=tenant.project, name="big", format="csv")
    data = many_rows(12 * MiB)  # three 5 MiB parts, uploaded in parallel
    client = client_for(tenant.owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, dataset.pk, [("big.csv", data)])

    assert response.status_code == 202, response.content
    version = client.get(f"/api/v1/dataset-versions/{response.json()['id']}/").json()
    assert version["status"] == "ready", version["failure_reason"]
    assert version["files"][0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert version["row_count"] == data.count(b"\n") - 1
    redirect = client.get(f"/api/v1/dataset-versions/{version['id']}/download/")
    assert redirect.status_code == 302
    downloaded = requests.get(redirect["Location"], timeout=60)
    assert downloaded.status_code == 200
    assert hashlib.sha256(downloaded.content).hexdigest() == version["files"][0]["sha256"]


def test_a_resumable_upload_with_real_presigned_part_puts(
    tenant, s3_storage, django_capture_on_commit_callbacks
):
    dataset = create_dataset(tenant.owner, project=tenant.project, name="big", format="csv")
    data = many_rows(20 * MiB)
    client = client_for(tenant.owner)
    session = client.post(
        f"/api/v1/datasets/{dataset.pk}/uploads/",
        {"files": [{"path": "part/of/big.csv", "size": len(data)}]},
        format="json",
    ).json()
    entry = session["files"][0]
    assert len(entry["parts"]) == 2

    parts = []
    for part in entry["parts"]:
        start = (part["part_number"] - 1) * entry["part_size"]
        put = requests.put(part["url"], data=data[start : start + entry["part_size"]], timeout=60)
        assert put.status_code == 200, put.text
        parts.append({"part_number": part["part_number"], "etag": put.headers["ETag"]})
    with django_capture_on_commit_callbacks(execute=True):
        completed = client.post(
            f"/api/v1/dataset-versions/{session['version']['id']}/complete/",
            {"parts": {"part/of/big.csv": parts}},
            format="json",
        )

    assert completed.status_code == 202, completed.content
    version = client.get(f"/api/v1/dataset-versions/{session['version']['id']}/").json()
    assert version["status"] == "ready", version["failure_reason"]
    assert version["files"][0] == {
        "path": "part/of/big.csv",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    assert pending_multipart_uploads(s3_storage, tenant.organization) == []


def test_an_aborted_resumable_upload_leaves_nothing(tenant, s3_storage):
    dataset = create_dataset(tenant.owner, project=tenant.project, name="big", format="csv")
    client = client_for(tenant.owner)
    session = client.post(
        f"/api/v1/datasets/{dataset.pk}/uploads/",
        {"files": [{"path": "a.csv", "size": 6 * MiB}, {"path": "b.csv", "size": 10}]},
        format="json",
    ).json()
    first = session["files"][0]["parts"][0]
    assert requests.put(first["url"], data=b"x" * 5 * MiB, timeout=60).status_code == 200
    assert len(pending_multipart_uploads(s3_storage, tenant.organization)) == 2

    aborted = client.post(f"/api/v1/dataset-versions/{session['version']['id']}/abort/")

    assert aborted.json()["status"] == "failed"
    assert pending_multipart_uploads(s3_storage, tenant.organization) == []
    assert stored_keys(tenant.organization) == []


def test_refused_uploads_leave_nothing_in_the_bucket(
    tenant, s3_storage, django_capture_on_commit_callbacks
):
    client = client_for(tenant.owner)
    tables = create_dataset(tenant.owner, project=tenant.project, name="t", format="csv")
    # The first file is stored (as a multipart upload) before the second is refused.
    refused = upload(client, tables.pk, [("a.csv", many_rows(11 * MiB)), ("b.txt", b"x")])
    assert refused.status_code == 400
    images = create_dataset(tenant.owner, project=tenant.project, name="i", format="image_zip")
    with django_capture_on_commit_callbacks(execute=True):
        unsafe = upload(client, images.pk, [("x.zip", zip_bytes({"../up.png": PNG}))])
    version = client.get(f"/api/v1/dataset-versions/{unsafe.json()['id']}/").json()

    assert version["status"] == "failed"
    assert "climbs out" in version["failure_reason"]
    assert stored_keys(tenant.organization) == []
    assert pending_multipart_uploads(s3_storage, tenant.organization) == []


def test_bad_csv_rows_fail_the_version_and_remove_its_objects(
    tenant, django_capture_on_commit_callbacks
):
    dataset = create_dataset(tenant.owner, project=tenant.project, name="t", format="csv")
    client = client_for(tenant.owner)
    broken = csv_bytes(["a", "b"], [[1, 2]]) + b"3\n"

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, dataset.pk, [("a.csv", broken)])

    version = client.get(f"/api/v1/dataset-versions/{response.json()['id']}/").json()
    assert version["status"] == "failed"
    assert version["validation_report"]["bad_rows"][0]["line"] == 3
    assert stored_keys(tenant.organization) == []
