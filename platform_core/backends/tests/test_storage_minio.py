from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from minio import Minio

from platform_core.backends.registry import get_backend
from platform_core.backends.storage.base import StorageError
from platform_core.backends.storage.contract import (
    ChunkStream,
    StorageContract,
    StreamBroke,
    put_bytes,
    random_chunks,
    read_all,
)
from platform_core.backends.storage.minio import PART_SIZE, MinioStorage
from tests.servers.ports import free_port
from tests.servers.seaweedfs import S3Endpoint

pytestmark = pytest.mark.integration

# Until the root conftest registers tests.servers.fixtures as a plugin.

CONTRACT_BUCKET = "zt-contract"


def options(server: S3Endpoint, bucket: str, **overrides: Any) -> dict[str, Any]:
    """The OPTIONS the settings module builds from MINIO_* environment variables."""
    return {
        "endpoint": server.endpoint,
        "access_key": server.access_key,
        "secret_key": server.secret_key,
        "bucket": bucket,
        "secure": False,
        "region": "us-east-1",
        **overrides,
    }


def sdk_client(server: S3Endpoint) -> Minio:
    return Minio(server.endpoint, server.access_key, server.secret_key, secure=False)


class TestMinioStorage(StorageContract):
    @pytest.fixture
    def storage(self, seaweedfs: S3Endpoint) -> Iterator[MinioStorage]:
        storage = MinioStorage(**options(seaweedfs, CONTRACT_BUCKET))
        # One bucket for the session (each SeaweedFS bucket reserves volumes), emptied per test.
        for info in storage.list():
            storage.delete(info.key)
        yield storage


def test_bucket_is_created_on_first_use(seaweedfs: S3Endpoint) -> None:
    bucket = f"zt-{uuid.uuid4().hex[:12]}"
    storage = MinioStorage(**options(seaweedfs, bucket))
    storage.health()  # checking health must not create it
    assert not sdk_client(seaweedfs).bucket_exists(bucket)

    put_bytes(storage, "first.txt", b"1")

    assert sdk_client(seaweedfs).bucket_exists(bucket)
    assert read_all(storage, "first.txt") == b"1"


def test_failed_streamed_put_leaves_no_pending_upload(seaweedfs: S3Endpoint) -> None:
    storage = MinioStorage(**options(seaweedfs, CONTRACT_BUCKET))
    broken = ChunkStream(random_chunks(3 * PART_SIZE), fail_after=2 * PART_SIZE)

    with pytest.raises(StreamBroke):
        storage.put("pending/blob.bin", broken)

    pending = sdk_client(seaweedfs)._list_multipart_uploads(CONTRACT_BUCKET, prefix="pending/")
    assert pending.uploads == []
    assert not storage.exists("pending/blob.bin")


def test_registry_builds_it_from_settings(seaweedfs: S3Endpoint, settings: Any) -> None:
    settings.PLATFORM_BACKENDS = {
        "storage": {
            "BACKEND": "platform_core.backends.storage.minio.MinioStorage",
            "OPTIONS": options(seaweedfs, CONTRACT_BUCKET),
        }
    }

    storage = get_backend("storage")

    assert isinstance(storage, MinioStorage)
    put_bytes(storage, "via-settings.txt", b"ok")
    assert read_all(storage, "via-settings.txt") == b"ok"
    storage.delete("via-settings.txt")


def test_health_fails_on_wrong_credentials(seaweedfs: S3Endpoint) -> None:
    storage = MinioStorage(**options(seaweedfs, CONTRACT_BUCKET, secret_key="wrong"))

    with pytest.raises(StorageError, match="AccessDenied"):
        storage.health()
    with pytest.raises(StorageError):
        put_bytes(storage, "nope.txt", b"x")


def test_health_fails_fast_when_unreachable(seaweedfs: S3Endpoint) -> None:
    nowhere = f"127.0.0.1:{free_port()}"
    storage = MinioStorage(**options(seaweedfs, CONTRACT_BUCKET, endpoint=nowhere))
    started = time.monotonic()

    with pytest.raises(StorageError, match="request failed"):
        storage.health()

    assert time.monotonic() - started < 10
