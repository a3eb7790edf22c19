"""Every kind of bad upload: a clear 4xx or a failed version, and never anything in storage."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from data_platform.models import Dataset, DatasetVersion
from data_platform.services.datasets import create_dataset
from data_platform.tests.samples.datasets import (
    PNG,
    csv_bytes,
    parquet_bytes,
    stored_keys,
    upload,
    zip_bytes,
)
from platform_core.services import update_object
from tests.factories import client_for

pytestmark = pytest.mark.django_db

GOOD_CSV = csv_bytes(["a", "b"], [[1, 2], [3, 4]])
#: A valid file of each format, uploaded before the bad one so that something was stored.
GOOD_FILE = {
    "csv": ("ok.csv", GOOD_CSV),
    "jsonl": ("ok.jsonl", b'{"a": 1}\n'),
    "parquet": ("ok.parquet", parquet_bytes({"a": [1]})),
    "image_zip": ("ok.zip", zip_bytes({"a.png": PNG})),
}


@pytest.fixture(autouse=True)
def _eager_tasks(settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def client(tenant: Any) -> Any:
    return client_for(tenant.owner)


def dataset_of(tenant: Any, format: str) -> Dataset:
    return create_dataset(tenant.owner, project=tenant.project, name=format, format=format)


def staged_uploads(settings: Any) -> list[Path]:
    """Multipart uploads the local backend still holds (none once aborted or completed)."""
    root = Path(settings.PLATFORM_BACKENDS["storage"]["OPTIONS"]["root"])
    return list((root / ".zhongtai" / "uploads").glob("*"))


def assert_nothing_stored(tenant: Any, settings: Any) -> None:
    assert stored_keys(tenant.organization) == []
    assert staged_uploads(settings) == []


def rejected_at_once(response: Any, status: int = 400) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error: dict[str, Any] = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    return error


def failed_version(client: Any, captured: Any, dataset: Dataset, files: Any) -> dict[str, Any]:
    with captured(execute=True):
        response = upload(client, dataset.pk, files)
    assert response.status_code == 202, response.content
    version: dict[str, Any] = client.get(
        f"/api/v1/dataset-versions/{response.json()['id']}/"
    ).json()
    assert version["status"] == "failed"
    assert version["failure_reason"]
    assert version["total_bytes"] == 0
    return version


# --- refused at once (4xx) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "name", "data", "fragment"),
    [
        ("csv", "data.txt", GOOD_CSV, "must end with .csv"),
        ("csv", "data.csv", zip_bytes({"a.png": PNG}), "zip archive"),
        ("csv", "data.csv", b"\x1f\x8b\x08\x00compressed", "gzip"),
        ("csv", "data.csv", b"a,b\n\x00\x01\x02", "binary data"),
        ("jsonl", "data.jsonl", b"[1, 2, 3]\n", "JSON object"),
        ("parquet", "data.parquet", GOOD_CSV, "Parquet magic"),
        ("parquet", "data.csv", parquet_bytes({"a": [1]}), "must end with .parquet"),
        ("image_zip", "images.zip", PNG, "not a zip archive"),
        ("csv", "empty.csv", b"", "is empty"),
    ],
)
def test_clearly_wrong_files_are_refused_before_anything_is_stored(
    tenant, client, settings, format, name, data, fragment
):
    dataset = dataset_of(tenant, format)

    error = rejected_at_once(upload(client, dataset.pk, [GOOD_FILE[format], (name, data)]))

    assert fragment in error["message"]
    version = DatasetVersion.objects.get(pk=error["details"]["version"])
    assert version.status == "failed" and fragment in version.failure_reason
    assert_nothing_stored(tenant, settings)


def test_a_big_file_with_a_wrong_head_is_refused_before_its_first_part_is_stored(
    tenant, client, settings
):
    dataset = dataset_of(tenant, "parquet")
    big = b"not parquet" + b"x" * (12 * 1024 * 1024)

    rejected_at_once(upload(client, dataset.pk, [("big.parquet", big)]))

    assert_nothing_stored(tenant, settings)


def test_quota_exceeded_is_a_413_before_anything_is_stored(tenant, client, settings):
    update_object(tenant.owner, tenant.organization, storage_quota_bytes=100)
    dataset = dataset_of(tenant, "csv")

    error = rejected_at_once(upload(client, dataset.pk, [("a.csv", GOOD_CSV * 20)]), 413)

    assert error["code"] == "quota_exceeded"
    assert error["details"]["quota_bytes"] == 100
    assert not DatasetVersion.objects.exists()
    assert_nothing_stored(tenant, settings)


def test_a_content_length_beyond_the_largest_version_is_a_413(tenant, client, settings):
    dataset = dataset_of(tenant, "csv")

    response = client.post(
        f"/api/v1/datasets/{dataset.pk}/versions/",
        {"file": [_file("a.csv", GOOD_CSV)]},
        format="multipart",
        CONTENT_LENGTH=str(10**23),
    )

    assert rejected_at_once(response, 413)["code"] == "too_large"
    assert not DatasetVersion.objects.exists()
    assert_nothing_stored(tenant, settings)


def test_unknown_form_fields_are_refused(tenant, client, settings):
    dataset = dataset_of(tenant, "csv")

    error = rejected_at_once(upload(client, dataset.pk, [("a.csv", GOOD_CSV)], colour="red"))
    assert error["details"]["colour"] == ["Unknown field."]

    response = client.post(
        f"/api/v1/datasets/{dataset.pk}/versions/",
        {"attachment": [_file("a.csv", GOOD_CSV)]},
        format="multipart",
    )
    assert rejected_at_once(response)["details"]["attachment"] == ["Unknown field."]
    assert_nothing_stored(tenant, settings)
    assert set(DatasetVersion.objects.values_list("status", flat=True)) == {"failed"}


def test_an_upload_without_files_is_refused(tenant, client, settings):
    dataset = dataset_of(tenant, "csv")

    error = rejected_at_once(upload(client, dataset.pk, [], message="nothing"))

    assert "at least one file" in error["message"]
    assert_nothing_stored(tenant, settings)


def test_the_same_file_twice_is_refused(tenant, client, settings):
    dataset = dataset_of(tenant, "csv")

    error = rejected_at_once(upload(client, dataset.pk, [("a.csv", GOOD_CSV), ("a.csv", GOOD_CSV)]))

    assert "twice" in error["message"]
    assert_nothing_stored(tenant, settings)


def test_uploads_need_multipart_and_a_length(tenant, client):
    dataset = dataset_of(tenant, "csv")
    url = f"/api/v1/datasets/{dataset.pk}/versions/"

    assert rejected_at_once(client.post(url, {"file": "a.csv"}, format="json"), 415)
    no_length = client.post(
        url, {"file": [_file("a.csv", GOOD_CSV)]}, format="multipart", CONTENT_LENGTH=""
    )
    assert rejected_at_once(no_length, 411)["code"] == "length_required"
    assert not DatasetVersion.objects.exists()


def _file(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


# --- refused by validation (the version fails, its files are removed) ----------------------


def test_csv_that_does_not_parse(tenant, client, settings, django_capture_on_commit_callbacks):
    dataset = dataset_of(tenant, "csv")
    broken = b"a,b\n1,2\n3\n4,5,6\n7,8\n"

    version = failed_version(
        client, django_capture_on_commit_callbacks, dataset, [("x.csv", broken)]
    )

    report = version["validation_report"]
    assert report["bad_row_count"] == 2
    assert [(row["line"], row["text"]) for row in report["bad_rows"]] == [(3, "3"), (4, "4,5,6")]
    assert "2 rows could not be read, first at x.csv line 3" in version["failure_reason"]
    assert_nothing_stored(tenant, settings)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"a,b\n1,\xff\xfe\n", "UTF8"),
        (b"a,a\n1,2\n", "duplicate column names"),
        (b"\n\n", "Empty CSV file"),
    ],
)
def test_csv_files_that_cannot_be_read(
    tenant, client, settings, django_capture_on_commit_callbacks, data, fragment
):
    dataset = dataset_of(tenant, "csv")

    version = failed_version(client, django_capture_on_commit_callbacks, dataset, [("x.csv", data)])

    assert fragment in version["failure_reason"]
    assert_nothing_stored(tenant, settings)


def test_csv_files_with_different_headers(
    tenant, client, settings, django_capture_on_commit_callbacks
):
    dataset = dataset_of(tenant, "csv")
    other = csv_bytes(["a", "c"], [[1, 2]])

    version = failed_version(
        client, django_capture_on_commit_callbacks, dataset, [("1.csv", GOOD_CSV), ("2.csv", other)]
    )

    mismatch = version["validation_report"]["schema_mismatches"][0]
    assert (mismatch["file"], mismatch["expected"], mismatch["found"]) == (
        "2.csv",
        ["a", "b"],
        ["a", "c"],
    )
    assert "do not share one schema" in version["failure_reason"]
    assert_nothing_stored(tenant, settings)


def test_corrupt_parquet(tenant, client, settings, django_capture_on_commit_callbacks):
    dataset = dataset_of(tenant, "parquet")
    good = parquet_bytes({"a": list(range(1000))})
    truncated = good[: len(good) // 2]
    garbled = good[:4] + b"\x00" * (len(good) - 8) + good[-4:]

    for name, data in (("truncated.parquet", truncated), ("garbled.parquet", garbled)):
        version = failed_version(
            client, django_capture_on_commit_callbacks, dataset, [(name, data)]
        )
        assert f"{name} is not a readable Parquet file" in version["failure_reason"]
    assert_nothing_stored(tenant, settings)


def test_parquet_files_with_different_schemas(
    tenant, client, settings, django_capture_on_commit_callbacks
):
    dataset = dataset_of(tenant, "parquet")
    first = parquet_bytes({"a": [1, 2]})
    second = parquet_bytes({"a": ["x", "y"]})

    version = failed_version(
        client, django_capture_on_commit_callbacks, dataset, [("1.pq", first), ("2.pq", second)]
    )

    assert version["validation_report"]["schema_mismatches"][0]["file"] == "2.pq"
    assert_nothing_stored(tenant, settings)


def test_jsonl_with_bad_lines(tenant, client, settings, django_capture_on_commit_callbacks):
    dataset = dataset_of(tenant, "jsonl")
    data = b'{"a": 1}\n{"a": 2\n[1]\n\n{"a": 3}\n'

    version = failed_version(
        client, django_capture_on_commit_callbacks, dataset, [("x.jsonl", data)]
    )

    rows = version["validation_report"]["bad_rows"]
    assert [(row["line"], row["message"].split(":")[0]) for row in rows] == [
        (2, "not valid JSON"),
        (3, "not a JSON object"),
    ]
    assert_nothing_stored(tenant, settings)


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ("../escape.png", "climbs out of the archive"),
        ("cats/../../escape.png", "climbs out of the archive"),
        ("/etc/cron.d/evil.png", "is an absolute path"),
        ("C:/evil.png", "is an absolute path"),
        ("cats\\tom.png", "backslash"),
    ],
)
def test_zip_entries_with_unsafe_paths(
    tenant, client, settings, django_capture_on_commit_callbacks, entry, fragment
):
    dataset = dataset_of(tenant, "image_zip")
    archive = zip_bytes({"ok.png": PNG, entry: PNG})

    version = failed_version(
        client, django_capture_on_commit_callbacks, dataset, [("pets.zip", archive)]
    )

    assert fragment in version["failure_reason"]
    assert version["validation_report"]["bad_rows"][0]["text"] == entry
    assert_nothing_stored(tenant, settings)


@pytest.mark.parametrize(
    ("limits", "fragment"),
    [
        ({"ZT_DATASET_ZIP_MAX_UNCOMPRESSED_BYTES": 4 * 1024 * 1024}, "would unpack to"),
        ({"ZT_DATASET_ZIP_MAX_RATIO": 50}, "compressed more than 50:1"),
        ({"ZT_DATASET_ZIP_MAX_ENTRIES": 1}, "entries; at most 1"),
    ],
)
def test_zip_bombs(tenant, client, settings, django_capture_on_commit_callbacks, limits, fragment):
    for name, value in limits.items():
        setattr(settings, name, value)
    dataset = dataset_of(tenant, "image_zip")
    bomb = zip_bytes({"ok.png": PNG, "bomb.png": PNG + b"\x00" * (8 * 1024 * 1024)})

    version = failed_version(client, django_capture_on_commit_callbacks, dataset, [("b.zip", bomb)])

    assert fragment in version["failure_reason"]
    assert_nothing_stored(tenant, settings)


def test_zip_entries_that_are_not_images(
    tenant, client, settings, django_capture_on_commit_callbacks
):
    dataset = dataset_of(tenant, "image_zip")
    archive = zip_bytes({"a.png": PNG, "notes.png": b"just text", "inner.zip": zip_bytes({})})

    version = failed_version(
        client, django_capture_on_commit_callbacks, dataset, [("pets.zip", archive)]
    )

    assert [row["text"] for row in version["validation_report"]["bad_rows"]] == [
        "notes.png",
        "inner.zip",
    ]
    assert_nothing_stored(tenant, settings)


def test_encrypted_and_symlinked_zip_entries(
    tenant, client, settings, django_capture_on_commit_callbacks
):
    dataset = dataset_of(tenant, "image_zip")
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        archive.writestr("secret.png", PNG)
        link = zipfile.ZipInfo("link.png")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, b"/etc/passwd")

    version = failed_version(
        client,
        django_capture_on_commit_callbacks,
        dataset,
        [("x.zip", flagged_encrypted(sink.getvalue(), "secret.png"))],
    )

    messages = [row["message"] for row in version["validation_report"]["bad_rows"]]
    assert messages == ["entry 'secret.png' is encrypted", "entry 'link.png' is a symbolic link"]
    assert_nothing_stored(tenant, settings)


def flagged_encrypted(archive: bytes, name: str) -> bytes:
    """Set the "encrypted" flag of an entry in the central directory (zipfile cannot write it)."""
    data = bytearray(archive)
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:
        name_length = int.from_bytes(data[start + 28 : start + 30], "little")
        if data[start + 46 : start + 46 + name_length] == name.encode():
            data[start + 8] |= 0x1
        start += 46
    return bytes(data)


def test_unpacked_images_over_the_quota(
    tenant, client, settings, django_capture_on_commit_callbacks
):
    dataset = dataset_of(tenant, "image_zip")
    archive = zip_bytes({f"{n}.png": PNG + b"\x00" * 20_000 for n in range(5)})
    assert len(archive) < 20_000
    update_object(tenant.owner, tenant.organization, storage_quota_bytes=50_000)

    version = failed_version(
        client, django_capture_on_commit_callbacks, dataset, [("x.zip", archive)]
    )

    assert "bytes left" in version["failure_reason"]
    assert_nothing_stored(tenant, settings)
