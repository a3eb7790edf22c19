"""Writing one stored file from chunks pushed at it: bounded memory, no temp file."""

from __future__ import annotations

import hashlib
import io
import math
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from platform_core.backends.storage.base import (
    MAX_PART_NUMBER,
    MIN_PART_SIZE,
    MiB,
    Storage,
    UploadedPart,
)

#: Parts of a streamed upload (S3 wants at least MIN_PART_SIZE for all but the last).
PART_SIZE = MIN_PART_SIZE
#: Parts uploaded at once: object stores take parallel parts faster than serial ones.
PARTS_IN_FLIGHT = 3
#: The most one version may hold: S3's largest object, so any one of its files fits (in
#: parts well under S3's 5 GiB limit).
MAX_VERSION_BYTES = 5 * 1024 * 1024 * MiB


def part_size_for(size: int, smallest: int = PART_SIZE) -> int:
    """Whole MiB parts of at least ``smallest`` bytes, few enough for ``size`` bytes."""
    needed = math.ceil(math.ceil(size / MAX_PART_NUMBER) / MiB) * MiB
    return max(smallest, needed)


@dataclass(frozen=True)
class StoredFile:
    path: str
    size: int
    sha256: str

    def as_manifest_entry(self) -> dict[str, object]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


class ObjectWriter:
    """Writes one object from pushed chunks, computing its SHA-256 on the way.

    An object smaller than a part is stored with one put when it ends. A larger one
    becomes a multipart upload whose parts go up in background threads while the next
    part arrives, so memory stays at a few parts whatever the object's size.
    ``check_head`` is shown the object's first bytes (its first part, or all of a small
    object) before anything is stored, and may raise.
    """

    def __init__(
        self,
        storage: Storage,
        key: str,
        *,
        check_head: Callable[[bytes], None] | None = None,
        part_size: int = PART_SIZE,
        parts_in_flight: int = PARTS_IN_FLIGHT,
    ) -> None:
        self.storage = storage
        self.key = key
        self.size = 0
        self._check_head = check_head
        self._part_size = max(part_size, MIN_PART_SIZE)
        self._parts_in_flight = parts_in_flight
        self._chunks: list[bytes] = []
        self._buffered = 0
        self._digest = hashlib.sha256()
        self._upload_id: str | None = None
        self._parts: list[UploadedPart] = []
        self._in_flight: deque[Future[UploadedPart]] = deque()
        self._executor: ThreadPoolExecutor | None = None

    def write(self, data: bytes) -> None:
        self._chunks.append(data)
        self._buffered += len(data)
        self.size += len(data)
        while self._buffered >= self._part_size:
            buffered = b"".join(self._chunks)
            part, rest = buffered[: self._part_size], buffered[self._part_size :]
            self._chunks, self._buffered = [rest], len(rest)
            self._send_part(part)

    def close(self) -> str:
        """Store what is left; return the object's SHA-256 (hex)."""
        tail = b"".join(self._chunks)
        self._chunks, self._buffered = [], 0
        if self._upload_id is None:
            self._head_checked(tail)
            self._digest.update(tail)
            self.storage.put(self.key, io.BytesIO(tail), length=len(tail))
        else:
            if tail:
                self._send_part(tail)
            while self._in_flight:
                self._collect_part()
            self.storage.complete_multipart(self.key, self._upload_id, self._parts)
            self._upload_id = None
            self._shutdown()
        return self._digest.hexdigest()

    def abort(self) -> None:
        """Discard an unfinished multipart upload; the caller deletes finished objects."""
        try:
            for future in self._in_flight:
                future.exception()  # wait for it; its error no longer matters
            self._in_flight.clear()
            if self._upload_id is not None:
                self.storage.abort_multipart(self.key, self._upload_id)
                self._upload_id = None
        finally:
            self._shutdown()

    def _head_checked(self, data: bytes) -> None:
        if self._check_head is not None:
            self._check_head(data)
            self._check_head = None

    def _send_part(self, part: bytes) -> None:
        if self._upload_id is None:
            self._head_checked(part)
            self._upload_id = self.storage.create_multipart(self.key)
            self._executor = ThreadPoolExecutor(
                max_workers=self._parts_in_flight, thread_name_prefix="upload-part"
            )
        if len(self._in_flight) >= self._parts_in_flight:
            self._collect_part()
        self._digest.update(part)
        number = len(self._parts) + len(self._in_flight) + 1
        assert self._executor is not None
        self._in_flight.append(
            self._executor.submit(
                self.storage.upload_part,
                self.key,
                self._upload_id,
                number,
                io.BytesIO(part),
                len(part),
            )
        )

    def _collect_part(self) -> None:
        """Wait for the oldest part in flight (parts are collected in order)."""
        self._parts.append(self._in_flight.popleft().result())

    def _shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
