"""Samples of datasets and versions, made through the services (a tiny validated CSV)."""

from __future__ import annotations

import io
import itertools
from typing import Any

from data_platform.models import Dataset, DatasetVersion
from data_platform.services.datasets import create_dataset, create_version_from_files
from tests.isolation import CreateRequest, create_request_for, sample_for

_counter = itertools.count(1)
SAMPLE_CSV = b"id,name,score\n1,ada,9.5\n2,grace,8\n"


def new_dataset(tenant: Any, format: str = "csv") -> Dataset:
    return create_dataset(
        tenant.owner, project=tenant.project, name=f"sample-{next(_counter)}", format=format
    )


def new_version(tenant: Any) -> DatasetVersion:
    """A ready version (of a new dataset) holding a tiny CSV."""
    return create_version_from_files(
        tenant.owner,
        new_dataset(tenant),
        [("data.csv", io.BytesIO(SAMPLE_CSV), len(SAMPLE_CSV))],
        validate_now=True,
    )


sample_for(Dataset)(new_dataset)
sample_for(DatasetVersion)(new_version)


@create_request_for("dataset-list")
def dataset_request(tenant: Any) -> CreateRequest:
    data = {"project": tenant.project.pk, "name": f"created-{next(_counter)}", "format": "csv"}
    return CreateRequest("/api/v1/datasets/", data)


@create_request_for("dataset-versions")
def version_upload_request(tenant: Any) -> CreateRequest:
    from django.core.files.uploadedfile import SimpleUploadedFile

    dataset = new_dataset(tenant)
    files = [SimpleUploadedFile("data.csv", SAMPLE_CSV)]
    return CreateRequest(f"/api/v1/datasets/{dataset.pk}/versions/", {"file": files}, "multipart")


@create_request_for("dataset-uploads")
def resumable_upload_request(tenant: Any) -> CreateRequest:
    dataset = new_dataset(tenant)
    files = [{"path": "data.csv", "size": len(SAMPLE_CSV)}]
    return CreateRequest(f"/api/v1/datasets/{dataset.pk}/uploads/", {"files": files})


# --- test data and helpers shared by the datasets tests -------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    lines = [",".join(header)] + [
        ",".join("" if v is None else str(v) for v in row) for row in rows
    ]
    return ("\n".join(lines) + "\n").encode()


def parquet_bytes(columns: dict[str, list[Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.table(columns), sink)
    return sink.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A deflated zip; entry names are kept exactly as given (even unsafe ones)."""
    import zipfile

    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return sink.getvalue()


def upload(client: Any, dataset_id: int, files: list[tuple[str, bytes]], **fields: Any) -> Any:
    """POST files as ``file`` parts of a multipart form, as a browser or curl -F would."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    parts = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(
        f"/api/v1/datasets/{dataset_id}/versions/", {"file": parts, **fields}, format="multipart"
    )


def stored_keys(organization: Any) -> list[str]:
    """Every object the organization has in storage."""
    from platform_core.backends import get_backend

    return sorted(info.key for info in get_backend("storage").list(f"org/{organization.pk}/"))
