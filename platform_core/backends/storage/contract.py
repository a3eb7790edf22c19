"""The behaviour every storage backend must have, as a pytest test-class mixin.

Subclass ``StorageContract`` and provide a ``storage`` fixture returning an empty
store. Presigned URLs are fetched with ``requests`` from the ``http_storage``
fixture, which defaults to ``storage``; override it when the backend's URLs are
served by a web server the test must start (the local backend's are Django's).
"""

from __future__ import annotations

import hashlib
import io
import random
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests

from platform_core.backends.storage.base import (
    MIN_PART_SIZE,
    IncompleteStream,
    InvalidKey,
    InvalidPart,
    MiB,
    ObjectNotFound,
    Storage,
    UploadedPart,
    UploadNotFound,
)

HTTP_TIMEOUT = 60
INVALID_KEYS = [
    "",
    "/absolute",
    "..",
    "a/../b",
    "./a",
    "a//b",
    "trailing/",
    "nul\x00byte",
    "new\nline",
    "k" * 1025,
    "long/" + "s" * 256,
]


class StreamBroke(Exception):
    pass


class ChunkStream:
    """A non-seekable stream of unknown length that records how it is read and can fail."""

    def __init__(self, chunks: Iterable[bytes], fail_after: int | None = None) -> None:
        self._chunks = iter(chunks)
        self._buffer = b""
        self._position = 0
        self._fail_after = fail_after
        self.read_sizes: list[int] = []

    def read(self, size: int = -1, /) -> bytes:
        self.read_sizes.append(size)
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        cut = len(self._buffer) if size < 0 else size
        data, self._buffer = self._buffer[:cut], self._buffer[cut:]
        self._position += len(data)
        if self._fail_after is not None and self._position > self._fail_after:
            raise StreamBroke(f"stream broke after {self._position} bytes")
        return data


def random_chunks(total: int, seed: int = 0, chunk_size: int = MiB) -> Iterator[bytes]:
    rng = random.Random(seed)
    for start in range(0, total, chunk_size):
        yield rng.randbytes(min(chunk_size, total - start))


def sha256_of(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def read_all(storage: Storage, key: str) -> bytes:
    with storage.open(key) as chunks:
        return b"".join(chunks)


def put_bytes(storage: Storage, key: str, data: bytes) -> None:
    storage.put(key, io.BytesIO(data), length=len(data))


def keys(storage: Storage, prefix: str = "", recursive: bool = True) -> list[str]:
    """Listed keys, sorted: listing order is backend-defined (see Storage.list)."""
    return sorted(info.key for info in storage.list(prefix, recursive=recursive))


class StorageContract:
    @pytest.fixture
    def http_storage(self, storage: Storage) -> Storage:
        return storage

    # --- put / open / stat ---------------------------------------------------------------

    def test_put_then_read_back(self, storage: Storage) -> None:
        info = storage.put("docs/hello.txt", io.BytesIO(b"hello world"), length=11)

        assert (info.key, info.size, info.content_type) == ("docs/hello.txt", 11, "text/plain")
        assert info.etag
        assert read_all(storage, "docs/hello.txt") == b"hello world"

    def test_streams_a_multi_megabyte_object_of_unknown_length(self, storage: Storage) -> None:
        size = 40 * MiB + 123
        stream = ChunkStream(random_chunks(size, seed=1))

        info = storage.put("big/blob.bin", stream)

        assert info.size == size
        assert storage.stat("big/blob.bin").size == size
        # Bounded memory: read in pieces, never "everything at once".
        assert -1 not in stream.read_sizes
        assert max(stream.read_sizes) < size // 2
        with storage.open("big/blob.bin") as chunks:
            received = list(chunks)
        assert len(received) > 1
        assert sha256_of(received) == sha256_of(random_chunks(size, seed=1))

    def test_open_yields_chunks_of_at_most_chunk_size(self, storage: Storage) -> None:
        put_bytes(storage, "chunks.bin", b"x" * (3 * MiB + 5))

        with storage.open("chunks.bin", chunk_size=MiB) as chunks:
            sizes = [len(chunk) for chunk in chunks]

        assert sum(sizes) == 3 * MiB + 5
        assert len(sizes) >= 4
        assert max(sizes) <= MiB

    def test_empty_object(self, storage: Storage) -> None:
        assert storage.put("empty", io.BytesIO(b"")).size == 0
        assert read_all(storage, "empty") == b""

    def test_put_reads_only_the_declared_length(self, storage: Storage) -> None:
        storage.put("exact.txt", io.BytesIO(b"abcdef"), length=3)

        assert read_all(storage, "exact.txt") == b"abc"

    def test_stream_shorter_than_declared_length_is_rejected(self, storage: Storage) -> None:
        with pytest.raises(IncompleteStream):
            storage.put("short.txt", io.BytesIO(b"abc"), length=10)

        assert not storage.exists("short.txt")

    @pytest.mark.parametrize("fail_after", [1000, 20 * MiB], ids=["small", "multipart"])
    def test_failed_put_keeps_the_previous_object(self, storage: Storage, fail_after: int) -> None:
        put_bytes(storage, "model/weights.bin", b"version one")
        broken = ChunkStream(random_chunks(30 * MiB), fail_after=fail_after)

        with pytest.raises(StreamBroke):
            storage.put("model/weights.bin", broken)
        with pytest.raises(StreamBroke):
            storage.put("model/other.bin", ChunkStream(random_chunks(30 * MiB), fail_after))

        assert read_all(storage, "model/weights.bin") == b"version one"
        assert keys(storage) == ["model/weights.bin"]

    def test_put_overwrites(self, storage: Storage) -> None:
        first = storage.put("notes.txt", io.BytesIO(b"first"))
        second = storage.put("notes.txt", io.BytesIO(b"second version"))

        assert read_all(storage, "notes.txt") == b"second version"
        assert second.size == 14
        assert second.etag != first.etag

    def test_stat_and_exists(self, storage: Storage) -> None:
        before = datetime.now(UTC) - timedelta(minutes=5)
        put_info = storage.put("a/b.dat", io.BytesIO(b"12345"), content_type="application/x-zt")

        info = storage.stat("a/b.dat")

        assert info == put_info
        assert (info.key, info.size, info.content_type) == ("a/b.dat", 5, "application/x-zt")
        assert info.last_modified.tzinfo is not None
        assert before < info.last_modified < datetime.now(UTC) + timedelta(minutes=5)
        assert storage.exists("a/b.dat")

    def test_content_type_is_guessed_from_the_key(self, storage: Storage) -> None:
        put_bytes(storage, "config.json", b"{}")
        put_bytes(storage, "no-extension", b"?")

        assert storage.stat("config.json").content_type == "application/json"
        assert storage.stat("no-extension").content_type == "application/octet-stream"

    def test_missing_objects_raise_object_not_found(self, storage: Storage) -> None:
        put_bytes(storage, "dir/file.txt", b"x")

        for missing in ("nope.txt", "dir", "dir/file.txt/deeper"):
            assert not storage.exists(missing)
            with pytest.raises(ObjectNotFound):
                storage.stat(missing)
            with pytest.raises(ObjectNotFound), storage.open(missing):
                pass

    @pytest.mark.parametrize("key", INVALID_KEYS, ids=lambda key: repr(key)[:24])
    def test_invalid_keys_are_rejected(self, storage: Storage, key: str) -> None:
        operations = [
            lambda: storage.put(key, io.BytesIO(b"x")),
            lambda: storage.stat(key),
            lambda: storage.exists(key),
            lambda: storage.delete(key),
            lambda: read_all(storage, key),
            lambda: storage.create_multipart(key),
            lambda: storage.presigned_get_url(key),
            lambda: storage.presigned_put_url(key),
        ]
        for operation in operations:
            with pytest.raises(InvalidKey):
                operation()
        assert issubclass(InvalidKey, ValueError)
        assert keys(storage) == []

    # --- list / delete -------------------------------------------------------------------

    @pytest.fixture
    def tree(self, storage: Storage) -> Storage:
        for key in ("ds/b/d/e.txt", "ds/a.txt", "ds/b/c.txt", "ds/b-c.txt", "ds0.txt", "o/x"):
            put_bytes(storage, key, key.encode())
        return storage

    def test_list_recursive(self, tree: Storage) -> None:
        infos = sorted(tree.list("ds/"), key=lambda info: info.key)

        assert [info.key for info in infos] == [
            "ds/a.txt",
            "ds/b-c.txt",
            "ds/b/c.txt",
            "ds/b/d/e.txt",
        ]
        assert [info.size for info in infos] == [len(info.key) for info in infos]
        assert all(info.etag for info in infos)
        assert keys(tree) == [
            "ds/a.txt",
            "ds/b-c.txt",
            "ds/b/c.txt",
            "ds/b/d/e.txt",
            "ds0.txt",
            "o/x",
        ]

    def test_list_non_recursive_yields_only_direct_objects(self, tree: Storage) -> None:
        assert keys(tree, "ds/", recursive=False) == ["ds/a.txt", "ds/b-c.txt"]
        assert keys(tree, "", recursive=False) == ["ds0.txt"]

    def test_prefix_is_a_string_prefix(self, tree: Storage) -> None:
        assert keys(tree, "ds/b") == ["ds/b-c.txt", "ds/b/c.txt", "ds/b/d/e.txt"]
        assert keys(tree, "ds/b", recursive=False) == ["ds/b-c.txt"]
        assert keys(tree, "ds") == keys(tree)[:5]
        assert keys(tree, "nothing/") == []

    def test_invalid_prefixes_are_rejected(self, storage: Storage) -> None:
        for prefix in ("/abs", "a/../", "a//", ".."):
            with pytest.raises(InvalidKey):
                list(storage.list(prefix))
            with pytest.raises(InvalidKey):
                storage.delete_prefix(prefix)
        with pytest.raises(InvalidKey):
            storage.delete_prefix("")

    def test_delete(self, tree: Storage) -> None:
        tree.delete("ds/b/c.txt")
        tree.delete("ds/b/c.txt")  # deleting a missing object is fine
        tree.delete("ds/b")  # a prefix, not an object: nothing happens

        assert not tree.exists("ds/b/c.txt")
        assert keys(tree, "ds/b") == ["ds/b-c.txt", "ds/b/d/e.txt"]

    def test_delete_prefix(self, tree: Storage) -> None:
        tree.delete_prefix("ds/b/")
        assert keys(tree) == ["ds/a.txt", "ds/b-c.txt", "ds0.txt", "o/x"]

        tree.delete_prefix("ds")
        assert keys(tree) == ["o/x"]

    # --- multipart -----------------------------------------------------------------------

    def test_multipart_through_presigned_part_urls(self, http_storage: Storage) -> None:
        key = "uploads/model.onnx"
        blobs = [random.Random(n).randbytes(MIN_PART_SIZE) for n in (1, 2)] + [b"tail" * 250]
        upload_id = http_storage.create_multipart(key, content_type="application/x-onnx")

        parts = []
        for number in (3, 1, 2):  # parts may arrive in any order
            url = http_storage.presigned_upload_part_url(key, upload_id, number)
            response = requests.put(url, data=blobs[number - 1], timeout=HTTP_TIMEOUT)
            assert response.status_code == 200, response.text
            parts.append(UploadedPart(number, response.headers["ETag"]))
        assert not http_storage.exists(key)
        parts.sort(key=lambda part: part.part_number)

        info = http_storage.complete_multipart(key, upload_id, parts)

        assert info.size == sum(map(len, blobs))
        assert info.content_type == "application/x-onnx"
        assert read_all(http_storage, key) == b"".join(blobs)

    def test_multipart_with_server_side_parts(self, storage: Storage) -> None:
        blobs = [b"a" * MIN_PART_SIZE, b"b" * 10]
        upload_id = storage.create_multipart("dataset.csv")
        parts = [
            storage.upload_part("dataset.csv", upload_id, n, io.BytesIO(blob), len(blob))
            for n, blob in enumerate(blobs, start=1)
        ]

        info = storage.complete_multipart("dataset.csv", upload_id, parts)

        assert [part.part_number for part in parts] == [1, 2]
        assert (info.size, info.content_type) == (MIN_PART_SIZE + 10, "text/csv")
        assert read_all(storage, "dataset.csv") == b"".join(blobs)

    def test_complete_rejects_bad_part_lists(self, storage: Storage) -> None:
        upload_id = storage.create_multipart("bad.bin")
        big, small, tiny = (
            storage.upload_part("bad.bin", upload_id, number, io.BytesIO(data), len(data))
            for number, data in enumerate([b"1" * MIN_PART_SIZE, b"22", b"3"], start=1)
        )

        for bad in (
            [UploadedPart(1, "0" * 32), small],  # wrong ETag
            [small, big],  # descending
            [big, small, tiny],  # a non-final part under the minimum size
            [big, UploadedPart(4, small.etag)],  # never uploaded
        ):
            with pytest.raises(InvalidPart):
                storage.complete_multipart("bad.bin", upload_id, bad)
        assert not storage.exists("bad.bin")

        storage.complete_multipart("bad.bin", upload_id, [big, small])  # still usable
        assert storage.stat("bad.bin").size == MIN_PART_SIZE + 2

    def test_abort_leaves_nothing(self, storage: Storage) -> None:
        upload_id = storage.create_multipart("aborted.bin")
        part = storage.upload_part("aborted.bin", upload_id, 1, io.BytesIO(b"x" * 100), 100)

        storage.abort_multipart("aborted.bin", upload_id)

        assert not storage.exists("aborted.bin")
        assert keys(storage) == []
        with pytest.raises(UploadNotFound):
            storage.complete_multipart("aborted.bin", upload_id, [part])
        with pytest.raises(UploadNotFound):
            storage.upload_part("aborted.bin", upload_id, 2, io.BytesIO(b"y"), 1)
        storage.abort_multipart("aborted.bin", upload_id)  # aborting again is a no-op

    # --- presigned URLs ------------------------------------------------------------------

    def test_presigned_get(self, http_storage: Storage) -> None:
        put_bytes(http_storage, "reports/q1.csv", b"a,b\n1,2\n")

        plain = requests.get(http_storage.presigned_get_url("reports/q1.csv"), timeout=HTTP_TIMEOUT)
        named = requests.get(
            http_storage.presigned_get_url("reports/q1.csv", filename="report.csv"),
            timeout=HTTP_TIMEOUT,
        )

        assert (plain.status_code, plain.content) == (200, b"a,b\n1,2\n")
        assert plain.headers["Content-Type"].startswith("text/csv")
        assert (named.status_code, named.content) == (200, b"a,b\n1,2\n")
        assert named.headers["Content-Disposition"] == 'attachment; filename="report.csv"'

    def test_presigned_urls_are_bound_to_key_method_and_time(self, http_storage: Storage) -> None:
        put_bytes(http_storage, "private/a.txt", b"a")
        put_bytes(http_storage, "private/b.txt", b"b")
        get_a = http_storage.presigned_get_url("private/a.txt")
        put_a = http_storage.presigned_put_url("private/a.txt")
        short = http_storage.presigned_get_url("private/a.txt", expires=timedelta(seconds=1))

        other_key = requests.get(get_a.replace("a.txt", "b.txt"), timeout=HTTP_TIMEOUT)
        other_method = requests.get(put_a, timeout=HTTP_TIMEOUT)
        time.sleep(2.5)
        expired = requests.get(short, timeout=HTTP_TIMEOUT)

        assert [other_key.status_code, other_method.status_code, expired.status_code] == [403] * 3
        assert read_all(http_storage, "private/a.txt") == b"a"

    def test_presigned_put(self, http_storage: Storage) -> None:
        url = http_storage.presigned_put_url("incoming/data.csv")

        response = requests.put(
            url, data=b"x,y\n", headers={"Content-Type": "text/csv"}, timeout=HTTP_TIMEOUT
        )

        assert response.status_code == 200, response.text
        info = http_storage.stat("incoming/data.csv")
        assert (info.size, info.content_type) == (4, "text/csv")
        assert response.headers["ETag"].strip('"') == info.etag
        assert read_all(http_storage, "incoming/data.csv") == b"x,y\n"

    def test_presigned_expiry_is_limited(self, storage: Storage) -> None:
        for expires in (timedelta(0), timedelta(days=8)):
            with pytest.raises(ValueError):
                storage.presigned_get_url("k", expires=expires)

    # --- health --------------------------------------------------------------------------

    def test_health(self, storage: Storage) -> None:
        assert storage.health() is None
