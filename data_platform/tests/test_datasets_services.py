"""The services under the datasets API: streaming writes, validation rules, profile, quota."""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import pytest

from data_platform.models import Dataset, DatasetVersion
from data_platform.services import dataset_validation
from data_platform.services.dataset_files import ObjectWriter, part_size_for
from data_platform.services.dataset_uploads import VersionUpload
from data_platform.services.datasets import create_dataset, create_version_from_files
from data_platform.tests.samples.datasets import (
    PNG,
    csv_bytes,
    parquet_bytes,
    stored_keys,
    zip_bytes,
)
from platform_core.backends import get_backend
from platform_core.backends.storage.base import MIN_PART_SIZE, MiB, StorageError
from platform_core.errors import InvalidInput, QuotaExceeded, ServiceUnavailable
from platform_core.services import update_object
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def make(tenant: Any, format: str, name: str | None = None) -> Dataset:
    return create_dataset(tenant.owner, project=tenant.project, name=name or format, format=format)


def version_of(tenant: Any, dataset: Dataset, files: dict[str, bytes]) -> DatasetVersion:
    return create_version_from_files(
        tenant.owner,
        dataset,
        [(path, io.BytesIO(data), len(data)) for path, data in files.items()],
        validate_now=True,
    )


# --- the streaming writer -----------------------------------------------------------------


def test_a_large_object_goes_up_in_parts_with_its_digest(tmp_path):
    storage = get_backend("storage")
    data = bytes(range(256)) * (12 * MiB // 256 + 7)
    writer = ObjectWriter(storage, "big/blob.bin")

    for start in range(0, len(data), 300_000):
        writer.write(data[start : start + 300_000])
    sha256 = writer.close()

    assert sha256 == hashlib.sha256(data).hexdigest()
    assert storage.stat("big/blob.bin").size == len(data)
    assert storage.stat("big/blob.bin").etag.endswith("-3")  # three multipart parts
    with storage.open("big/blob.bin") as chunks:
        assert hashlib.sha256(b"".join(chunks)).hexdigest() == sha256


def test_the_head_check_runs_before_anything_is_stored(tmp_path):
    storage = get_backend("storage")

    def refuse(head: bytes) -> None:
        raise InvalidInput(f"no: {head[:3]!r}")

    writer = ObjectWriter(storage, "refused.bin", check_head=refuse)
    with pytest.raises(InvalidInput, match="no: b'abc'"):
        writer.write(b"abc" * (3 * MiB))
    writer.abort()

    assert list(storage.list("")) == []
    assert not (tmp_path / "objects" / ".zhongtai" / "uploads").exists() or not list(
        (tmp_path / "objects" / ".zhongtai" / "uploads").iterdir()
    )


def test_an_aborted_multipart_write_leaves_nothing(tmp_path):
    storage = get_backend("storage")
    writer = ObjectWriter(storage, "partial.bin")
    writer.write(b"x" * (2 * MIN_PART_SIZE + 1))

    writer.abort()

    assert list(storage.list("")) == []
    assert list((tmp_path / "objects" / ".zhongtai" / "uploads").iterdir()) == []


def test_part_sizes_grow_for_files_too_large_for_ten_thousand_parts():
    assert part_size_for(1024 * MiB) == MIN_PART_SIZE
    assert part_size_for(100 * 1024 * MiB) == 11 * MiB


# --- validation rules ---------------------------------------------------------------------


def test_csv_column_types_are_inferred_over_every_row(tenant, settings):
    rows = [[n, n, n % 2, "2024-01-01", "x"] for n in range(5000)]
    rows.append([1.5, "abc", "true", "2024-01-01T10:00:00Z", None])
    data = csv_bytes(["int_then_float", "int_then_text", "bits", "times", "text"], rows)

    version = version_of(tenant, make(tenant, "csv"), {"a.csv": data})

    assert version.status == "ready", version.failure_reason
    # 0/1 then "true" is boolean; a date then a zoned time has no one timestamp type.
    assert [column["type"] for column in version.schema] == [
        "double",
        "string",
        "bool",
        "string",
        "string",
    ]
    assert version.row_count == 5001


def test_a_header_only_csv_is_an_empty_table(tenant):
    version = version_of(tenant, make(tenant, "csv"), {"a.csv": b"x,y\n"})

    assert version.status == "ready"
    assert version.row_count == 0
    assert version.preview == {"columns": ["x", "y"], "rows": []}
    assert version.profile["columns"][0]["count"] == 0


def test_large_versions_are_profiled_on_a_uniform_sample(tenant, settings):
    settings.ZT_DATASET_PROFILE_SAMPLE_ROWS = 500
    data = csv_bytes(["n"], [[n] for n in range(20_000)])

    version = version_of(tenant, make(tenant, "csv"), {"a.csv": data})

    profile = version.profile
    assert (profile["row_count"], profile["sampled"], profile["sample_rows"]) == (20_000, True, 500)
    column = profile["columns"][0]
    assert column["count"] == 500
    # A uniform sample spreads over the whole range, not the first rows only.
    assert column["min"] < 2_000 and column["max"] > 18_000
    assert len(version.preview["rows"]) == 50 and version.preview["rows"][0] == [0]


def test_jsonl_keys_may_come_and_go_but_not_change_type(tenant):
    first = b'{"a": 1, "b": "x"}\n{"a": 2.5, "c": [1]}\n{"c": "mixed"}\n'
    second = b'{"a": 3}\n{"b": 7}\n'
    dataset = make(tenant, "jsonl")

    version = version_of(tenant, dataset, {"1.jsonl": first, "2.jsonl": second})

    assert version.status == "failed"
    mismatch = version.validation_report["schema_mismatches"][0]
    assert (mismatch["file"], mismatch["column"], mismatch["expected"], mismatch["found"]) == (
        "2.jsonl",
        "b",
        "string",
        "int64",
    )
    ok = version_of(tenant, dataset, {"1.jsonl": first, "2.jsonl": b'{"a": 4}\n{"d": null}\n'})
    assert ok.status == "ready", ok.failure_reason
    assert ok.schema == [
        {"name": "a", "type": "double"},
        {"name": "b", "type": "string"},
        {"name": "c", "type": "json"},
        {"name": "d", "type": "null"},
    ]


def test_jsonl_lines_over_the_limit_are_bad_rows(tenant, settings):
    settings.ZT_DATASET_JSONL_MAX_LINE_BYTES = 100
    data = b'{"a": 1}\n{"a": "' + b"x" * 300 + b'"}\n{"a": 2}\n'

    version = version_of(tenant, make(tenant, "jsonl"), {"a.jsonl": data})

    assert version.status == "failed"
    assert [(row["line"], row["message"]) for row in version.validation_report["bad_rows"]] == [
        (2, "longer than 100 bytes")
    ]


def test_parquet_files_may_widen_numeric_types(tenant):
    import pyarrow as pa

    narrow = parquet_bytes({"n": pa.array([1, 2], pa.int32())})
    wide = parquet_bytes({"n": pa.array([3.5], pa.float64())})

    version = version_of(tenant, make(tenant, "parquet"), {"a.parquet": narrow, "b.parquet": wide})

    assert version.status == "ready", version.failure_reason
    assert version.schema == [{"name": "n", "type": "double"}]
    assert version.row_count == 3
    profile = version.profile["columns"][0]
    assert (profile["min"], profile["max"]) == (1.0, 3.5)


def test_the_same_image_path_in_two_archives_is_refused(tenant):
    version = version_of(
        tenant,
        make(tenant, "image_zip"),
        {"a.zip": zip_bytes({"x/1.png": PNG}), "b.zip": zip_bytes({"x/1.png": PNG})},
    )

    assert version.status == "failed"
    assert "is there twice" in version.failure_reason
    assert stored_keys(tenant.organization) == []


def test_image_versions_are_profiled_like_a_table_of_files(tenant):
    version = version_of(
        tenant,
        make(tenant, "image_zip"),
        {"a.zip": zip_bytes({"1.png": PNG, "2.png": PNG + b"\x00", "3.gif": b"GIF89a..."})},
    )

    assert version.status == "ready", version.failure_reason
    columns = {column["name"]: column for column in version.profile["columns"]}
    assert columns["type"]["top_values"] == [
        {"value": "png", "count": 2},
        {"value": "gif", "count": 1},
    ]
    assert columns["size"]["max"] == len(PNG) + 1


def test_validating_a_deleted_or_finished_version_does_nothing(tenant):
    version = version_of(tenant, make(tenant, "csv"), {"a.csv": b"a\n1\n"})

    again = dataset_validation.validate_version(version.pk)
    assert again is not None and again.status == "ready"
    assert dataset_validation.validate_version(987654) is None


# --- streamed uploads: quota and failures -------------------------------------------------


def test_an_upload_reserves_its_declared_size_until_its_files_are_in(tenant):
    update_object(tenant.owner, tenant.organization, storage_quota_bytes=1000)
    dataset = make(tenant, "csv")
    first = VersionUpload.start(tenant.owner, dataset, expected_bytes=600)

    with pytest.raises(QuotaExceeded):
        VersionUpload.start(tenant.owner, dataset, expected_bytes=600)

    first.open_file("a.csv")
    first.write(b"a,b\n1,2\n")
    first.close_file()
    first.finish()
    assert DatasetVersion.objects.get().total_bytes == 8  # the reservation became the real size
    VersionUpload.start(tenant.owner, dataset, expected_bytes=600)


def test_a_storage_failure_during_an_upload_is_a_503_and_fails_the_version(tenant, settings):
    dataset = make(tenant, "csv")
    upload = VersionUpload.start(tenant.owner, dataset, expected_bytes=100)
    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "storage": {
            "BACKEND": "platform_core.backends.storage.local.LocalStorage",
            "OPTIONS": {"root": "/proc/zt-not-writable"},
        },
    }
    upload.storage = get_backend("storage")

    with pytest.raises(ServiceUnavailable) as raised, upload.failing_on_error():
        upload.open_file("a.csv")
        upload.write(b"a\n1\n")
        upload.close_file()

    assert raised.value.details == {"version": upload.version.pk}
    assert isinstance(raised.value.__cause__, StorageError | OSError)
    upload.version.refresh_from_db()
    assert upload.version.status == "failed"


def test_versions_made_by_services_carry_the_manifest(tenant):
    rows = [{"q": "why", "n": 1}]
    data = "\n".join(json.dumps(row) for row in rows).encode()

    version = version_of(tenant, make(tenant, "jsonl"), {"qa.jsonl": data})

    assert version.files == [
        {"path": "qa.jsonl", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    ]
    assert version.storage_prefix.endswith(f"dataset/{version.dataset_id}/version/1/")


def test_admin_lists_datasets_and_deletes_versions_with_their_files(
    tenant, client, django_capture_on_commit_callbacks
):
    version = version_of(tenant, make(tenant, "csv"), {"a.csv": b"a\n1\n"})
    client.force_login(make_user("root@example.com", is_staff=True, is_superuser=True))
    for page in ("dataset", "datasetversion", "uploadsession"):
        assert client.get(f"/admin/data_platform/{page}/").status_code == 200, page
    assert (
        client.get(f"/admin/data_platform/datasetversion/{version.pk}/change/").status_code == 200
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/data_platform/datasetversion/{version.pk}/delete/", {"post": "yes"}
        )

    assert response.status_code == 302
    assert not DatasetVersion.objects.filter(pk=version.pk).exists()
    assert stored_keys(tenant.organization) == []
