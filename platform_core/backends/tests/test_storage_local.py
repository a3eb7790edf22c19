from __future__ import annotations

import http.client
import io
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from platform_core.backends.registry import get_backend
from platform_core.backends.storage.base import (
    MIN_PART_SIZE,
    InvalidKey,
    Storage,
    StorageError,
    UploadNotFound,
)
from platform_core.backends.storage.contract import (
    ChunkStream,
    StorageContract,
    StreamBroke,
    keys,
    put_bytes,
    random_chunks,
    read_all,
)
from platform_core.backends.storage.local import INTERNAL_DIR, LocalStorage

# This module is also the URLconf of its tests, so they do not depend on the project's.


def configure_local_storage(settings: Any, root: Path, public_base_url: str = "") -> LocalStorage:
    settings.PLATFORM_BACKENDS = {
        "storage": {
            "BACKEND": "platform_core.backends.storage.local.LocalStorage",
            "OPTIONS": {"root": str(root), "public_base_url": public_base_url},
        }
    }
    storage = get_backend("storage")
    assert isinstance(storage, LocalStorage)
    return storage


def internal_files(root: Path, area: str) -> list[Path]:
    return [p for p in (root / INTERNAL_DIR / area).rglob("*") if p.is_file()]


class TestLocalStorage(StorageContract):
    @pytest.fixture
    def storage(self, tmp_path: Path) -> LocalStorage:
        return LocalStorage(root=str(tmp_path / "objects"))

    @pytest.fixture
    def http_storage(self, tmp_path: Path, live_server: Any, settings: Any) -> Storage:
        return configure_local_storage(settings, tmp_path / "served", live_server.url)


def test_objects_are_plain_files_under_root(tmp_path: Path) -> None:
    storage = LocalStorage(root=str(tmp_path))

    put_bytes(storage, "datasets/iris.csv", b"5.1,3.5\n")

    assert (tmp_path / "datasets" / "iris.csv").read_bytes() == b"5.1,3.5\n"


def test_internal_directory_is_reserved_and_hidden(tmp_path: Path) -> None:
    storage = LocalStorage(root=str(tmp_path))
    put_bytes(storage, "a.txt", b"a")
    storage.create_multipart("b.bin")

    for key in (INTERNAL_DIR, f"{INTERNAL_DIR}/meta/a.txt"):
        with pytest.raises(InvalidKey):
            storage.stat(key)
    with pytest.raises(InvalidKey):
        list(storage.list(f"{INTERNAL_DIR}/"))
    assert keys(storage) == ["a.txt"]
    assert keys(storage, ".z") == []


@pytest.mark.parametrize("fail_after", [10, 3 * 1024 * 1024])
def test_failed_put_leaves_no_temp_files(tmp_path: Path, fail_after: int) -> None:
    storage = LocalStorage(root=str(tmp_path))

    with pytest.raises(StreamBroke):
        storage.put("x.bin", ChunkStream(random_chunks(8 * 1024 * 1024), fail_after=fail_after))

    assert internal_files(tmp_path, "tmp") == []
    assert not (tmp_path / "x.bin").exists()


def test_multipart_staging_is_removed_on_complete_and_abort(tmp_path: Path) -> None:
    storage = LocalStorage(root=str(tmp_path))
    done = storage.create_multipart("done.bin")
    part = storage.upload_part("done.bin", done, 1, io.BytesIO(b"d" * MIN_PART_SIZE), MIN_PART_SIZE)
    dropped = storage.create_multipart("dropped.bin")
    storage.upload_part("dropped.bin", dropped, 1, io.BytesIO(b"x"), 1)
    assert len(internal_files(tmp_path, "uploads")) == 4  # two upload.json, two parts

    storage.complete_multipart("done.bin", done, [part])
    storage.abort_multipart("dropped.bin", dropped)

    assert internal_files(tmp_path, "uploads") == []
    assert internal_files(tmp_path, "tmp") == []


def test_upload_ids_are_bound_to_their_key(tmp_path: Path) -> None:
    storage = LocalStorage(root=str(tmp_path))
    upload_id = storage.create_multipart("mine.bin")

    for key, bad_id in (("other.bin", upload_id), ("mine.bin", "../../../etc")):
        with pytest.raises(UploadNotFound):
            storage.upload_part(key, bad_id, 1, io.BytesIO(b"x"), 1)


def test_a_key_cannot_be_both_object_and_prefix(tmp_path: Path) -> None:
    storage = LocalStorage(root=str(tmp_path))
    put_bytes(storage, "runs/1", b"object")
    put_bytes(storage, "models/m/weights", b"w")

    with pytest.raises(StorageError, match="clashes"):
        put_bytes(storage, "runs/1/metrics.json", b"{}")
    with pytest.raises(StorageError, match="clashes"):
        put_bytes(storage, "models/m", b"m")

    assert keys(storage) == ["models/m/weights", "runs/1"]
    assert internal_files(tmp_path, "tmp") == []


def test_deleting_the_last_object_frees_the_prefix(tmp_path: Path) -> None:
    storage = LocalStorage(root=str(tmp_path))
    put_bytes(storage, "a/b/c.txt", b"c")

    storage.delete("a/b/c.txt")
    put_bytes(storage, "a", b"now an object")

    assert not (tmp_path / "a").is_dir()
    assert read_all(storage, "a") == b"now an object"


def test_files_placed_by_hand_are_objects(tmp_path: Path) -> None:
    storage = LocalStorage(root=str(tmp_path))
    (tmp_path / "imported").mkdir()
    (tmp_path / "imported" / "table.json").write_bytes(b"[]")
    put_bytes(storage, "replaced.txt", b"old")
    (tmp_path / "replaced.txt").write_bytes(b"edited by hand")

    info = storage.stat("imported/table.json")
    replaced = storage.stat("replaced.txt")

    assert (info.size, info.content_type) == (2, "application/json")
    assert info.etag
    assert replaced.size == len(b"edited by hand")
    assert keys(storage) == ["imported/table.json", "replaced.txt"]


def test_health_fails_when_root_is_not_usable(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")

    with pytest.raises(StorageError, match="not writable"):
        LocalStorage(root=str(tmp_path / "file")).health()


def test_presigned_urls_use_the_public_base_url(tmp_path: Path) -> None:
    relative = LocalStorage(root=str(tmp_path))
    absolute = LocalStorage(root=str(tmp_path), public_base_url="https://zt.example.com/")

    assert relative.presigned_get_url("a b/ü.txt").startswith("/storage/o/a%20b/%C3%BC.txt?token=")
    assert absolute.presigned_put_url("k").startswith("https://zt.example.com/storage/o/k?token=")


def test_presigned_put_needs_a_content_length(
    tmp_path: Path, live_server: Any, settings: Any
) -> None:
    storage = configure_local_storage(settings, tmp_path, live_server.url)
    url = urlsplit(storage.presigned_put_url("chunked.bin"))
    connection = http.client.HTTPConnection(url.netloc, timeout=10)

    connection.request("PUT", f"{url.path}?{url.query}", body=iter([b"abc"]), encode_chunked=True)

    assert connection.getresponse().status == 411
    assert not storage.exists("chunked.bin")


def test_presigned_urls_are_not_served_for_other_backends(
    tmp_path: Path, client: Any, settings: Any
) -> None:
    url = configure_local_storage(settings, tmp_path).presigned_get_url("a.txt")
    settings.PLATFORM_BACKENDS = {
        "storage": {
            "BACKEND": "platform_core.backends.storage.minio.MinioStorage",
            "OPTIONS": {
                "endpoint": "127.0.0.1:9",
                "access_key": "key",
                "secret_key": "secret",
                "bucket": "unused",
            },
        }
    }

    assert client.get(url).status_code == 404


def test_downloads_cannot_run_scripts_in_the_platform_origin(
    tmp_path: Path, client: Any, settings: Any
) -> None:
    storage = configure_local_storage(settings, tmp_path)
    put_bytes(storage, "page.html", b"<script>alert(document.cookie)</script>")

    response = client.get(storage.presigned_get_url("page.html"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == b"<script>alert(document.cookie)</script>"
