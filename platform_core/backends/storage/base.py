"""The storage backend kind: an object store addressed by ``/``-separated keys.

Implementations take and return the plain dataclasses below, never SDK objects,
and raise the errors below, never SDK errors.
"""

from __future__ import annotations

import abc
import mimetypes
import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

MiB = 1024 * 1024
MAX_KEY_BYTES = 1024
# One path segment becomes one file name in the local backend (NAME_MAX).
MAX_SEGMENT_BYTES = 255
# S3 rules, enforced by every backend so that code working locally works on S3.
MIN_PART_SIZE = 5 * MiB
MAX_PART_NUMBER = 10_000
MAX_PRESIGN_EXPIRY = timedelta(days=7)
DEFAULT_EXPIRY = timedelta(hours=1)
DEFAULT_CONTENT_TYPE = "application/octet-stream"
CHUNK_SIZE = MiB

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


class StorageError(Exception):
    """Base class of every error a storage backend raises."""


class InvalidKey(StorageError, ValueError):
    pass


class ObjectNotFound(StorageError):
    def __init__(self, key: str) -> None:
        super().__init__(f"Object {key!r} does not exist.")
        self.key = key


class UploadNotFound(StorageError):
    def __init__(self, upload_id: str) -> None:
        super().__init__(f"Multipart upload {upload_id!r} does not exist or is finished.")
        self.upload_id = upload_id


class InvalidPart(StorageError):
    """A completed part list names a missing part, a wrong ETag, bad order or a too-small part."""


class IncompleteStream(StorageError):
    """The stream ended before the declared length."""


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    etag: str
    # Listings leave it None: S3 ListObjects does not return it; stat() does.
    content_type: str | None
    last_modified: datetime


@dataclass(frozen=True)
class UploadedPart:
    part_number: int
    etag: str


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def validate_key(key: str) -> str:
    """Return ``key`` if it is a portable object key, else raise InvalidKey."""
    if not isinstance(key, str) or not key:
        raise InvalidKey("Object key must be a non-empty string.")
    if len(key.encode()) > MAX_KEY_BYTES:
        raise InvalidKey(f"Object key is longer than {MAX_KEY_BYTES} bytes.")
    if key.startswith("/"):
        raise InvalidKey(f"Object key {key!r} must not start with '/'.")
    if _CONTROL_CHARS.search(key):
        raise InvalidKey(f"Object key {key!r} contains control characters.")
    for segment in key.split("/"):
        if segment in ("", ".", ".."):
            raise InvalidKey(f"Object key {key!r} has an empty, '.' or '..' segment.")
        if len(segment.encode()) > MAX_SEGMENT_BYTES:
            raise InvalidKey(f"Object key {key!r} has a segment over {MAX_SEGMENT_BYTES} bytes.")
    return key


def validate_prefix(prefix: str) -> str:
    """A prefix is empty, or a key optionally followed by one '/'."""
    if prefix:
        validate_key(prefix.removesuffix("/"))
    return prefix


def validate_part_number(part_number: int) -> int:
    if not 1 <= part_number <= MAX_PART_NUMBER:
        raise ValueError(f"Part number must be between 1 and {MAX_PART_NUMBER}.")
    return part_number


def validate_expiry(expires: timedelta) -> timedelta:
    if not timedelta(seconds=1) <= expires <= MAX_PRESIGN_EXPIRY:
        raise ValueError("Presigned URL expiry must be between one second and seven days.")
    return expires


def resolve_content_type(key: str, content_type: str | None) -> str:
    return content_type or mimetypes.guess_type(key)[0] or DEFAULT_CONTENT_TYPE


class BoundedReader:
    """Reads a stream, at most ``length`` bytes when given, failing if it ends early."""

    def __init__(self, source: Readable, length: int | None) -> None:
        if length is not None and length < 0:
            raise ValueError("Length must not be negative.")
        self.source = source
        self.length = length
        self.bytes_read = 0

    def read(self, size: int = -1, /) -> bytes:
        if self.length is not None:
            remaining = self.length - self.bytes_read
            size = remaining if size < 0 else min(size, remaining)
            if size == 0:
                return b""
        data = self.source.read(size)
        if self.length is not None and not data:
            raise IncompleteStream(
                f"Stream ended after {self.bytes_read} of {self.length} declared bytes."
            )
        self.bytes_read += len(data)
        return data


class Storage(abc.ABC):
    """An object store. Keys are validated with ``validate_key``; prefixes with
    ``validate_prefix`` and match as plain string prefixes, as in S3."""

    @abc.abstractmethod
    def put(
        self,
        key: str,
        stream: Readable,
        length: int | None = None,
        content_type: str | None = None,
    ) -> ObjectInfo:
        """Store the stream in bounded memory; ``length=None`` reads to EOF.

        A put that fails (including the stream raising) leaves any previous object intact
        and no partial one. ``content_type=None`` guesses from the key's extension.
        """

    @abc.abstractmethod
    def open(
        self, key: str, chunk_size: int = CHUNK_SIZE
    ) -> AbstractContextManager[Iterator[bytes]]:
        """``with storage.open(key) as chunks: for chunk in chunks: ...``"""

    @abc.abstractmethod
    def stat(self, key: str) -> ObjectInfo: ...

    def exists(self, key: str) -> bool:
        try:
            self.stat(key)
        except ObjectNotFound:
            return False
        return True

    @abc.abstractmethod
    def delete(self, key: str) -> None:
        """Delete the object; deleting a missing object is not an error."""

    @abc.abstractmethod
    def delete_prefix(self, prefix: str) -> None:
        """Delete every object whose key starts with the non-empty ``prefix``."""

    @abc.abstractmethod
    def list(self, prefix: str = "", recursive: bool = True) -> Iterator[ObjectInfo]:
        """Objects under ``prefix``. Non-recursive listings yield only the objects with no
        '/' after the prefix (sub-prefixes are not yielded).

        The order is the backend's: key (byte) order on S3, MinIO and the local backend,
        but SeaweedFS lists a directory's contents right after its name (``a/x`` before
        ``a-b``), so callers must not rely on it.
        """

    @abc.abstractmethod
    def create_multipart(self, key: str, content_type: str | None = None) -> str:
        """Start a multipart upload and return its upload id."""

    @abc.abstractmethod
    def presigned_upload_part_url(
        self, key: str, upload_id: str, part_number: int, expires: timedelta = DEFAULT_EXPIRY
    ) -> str:
        """A URL a client PUTs one part's bytes to; the response's ETag header is the
        part's ETag for ``complete_multipart``."""

    @abc.abstractmethod
    def upload_part(
        self, key: str, upload_id: str, part_number: int, stream: Readable, length: int
    ) -> UploadedPart:
        """Upload one part from the server side (the S3 backend buffers the part in memory)."""

    @abc.abstractmethod
    def complete_multipart(
        self, key: str, upload_id: str, parts: Sequence[UploadedPart]
    ) -> ObjectInfo:
        """Assemble the parts, in ascending part order; all but the last must be at least
        ``MIN_PART_SIZE`` bytes."""

    @abc.abstractmethod
    def abort_multipart(self, key: str, upload_id: str) -> None:
        """Discard the upload's parts; aborting an unknown or finished upload is a no-op."""

    @abc.abstractmethod
    def presigned_get_url(
        self, key: str, expires: timedelta = DEFAULT_EXPIRY, filename: str | None = None
    ) -> str:
        """A URL that downloads the object, as an attachment named ``filename`` if given."""

    @abc.abstractmethod
    def presigned_put_url(self, key: str, expires: timedelta = DEFAULT_EXPIRY) -> str:
        """A URL a client PUTs the whole object to (Content-Type header is kept)."""

    @abc.abstractmethod
    def health(self) -> None:
        """Raise StorageError if the store cannot be used."""
