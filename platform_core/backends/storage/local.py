"""Object storage on the local filesystem: the embedded default.

Objects are plain files under ``root``; the backend's own state lives in
``root/.zhongtai`` (metadata sidecars, temp files, multipart staging), so the
temp file of every write is on the same filesystem and ``os.replace`` makes it
appear atomically. Presigned URLs point at ``views.presigned_object``, which
checks a Django signature instead of S3's.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import stat
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlencode

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from platform_core.backends.storage.base import (
    CHUNK_SIZE,
    DEFAULT_EXPIRY,
    MIN_PART_SIZE,
    BoundedReader,
    InvalidKey,
    InvalidPart,
    ObjectInfo,
    ObjectNotFound,
    Readable,
    Storage,
    StorageError,
    UploadedPart,
    UploadNotFound,
    resolve_content_type,
    validate_expiry,
    validate_key,
    validate_part_number,
    validate_prefix,
)

INTERNAL_DIR = ".zhongtai"
TOKEN_SALT = "platform_core.backends.storage.local.presigned"
_UPLOAD_ID = re.compile(r"[0-9a-f]{32}")


def _md5(data: bytes = b"") -> Any:
    return hashlib.md5(data, usedforsecurity=False)


def _stamp(st: os.stat_result) -> list[int]:
    """Identifies one version of a file: a metadata sidecar is trusted only if it matches."""
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _chunks(stream: Readable) -> Iterator[bytes]:
    return iter(partial(stream.read, CHUNK_SIZE), b"")


def _check_not_reserved(path: str) -> str:
    if path.split("/", 1)[0] == INTERNAL_DIR:
        raise InvalidKey(f"Keys under {INTERNAL_DIR!r} are reserved by the local backend.")
    return path


class LocalStorage(Storage):
    def __init__(self, root: str, public_base_url: str = "") -> None:
        self.root = Path(root)
        self.public_base_url = public_base_url.rstrip("/")
        internal = self.root / INTERNAL_DIR
        self._meta_root = internal / "meta"
        self._tmp_root = internal / "tmp"
        self._uploads_root = internal / "uploads"

    def _path(self, key: str) -> Path:
        return self.root / _check_not_reserved(validate_key(key))

    # --- writing -----------------------------------------------------------------------

    def _write_temp(self, chunks: Iterable[bytes]) -> tuple[Path, Any]:
        """Write chunks to a new temp file; return it and its MD5, or leave nothing."""
        self._tmp_root.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self._tmp_root)
        digest = _md5()
        try:
            with os.fdopen(fd, "wb") as file:
                for chunk in chunks:
                    digest.update(chunk)
                    file.write(chunk)
                file.flush()
                os.fsync(file.fileno())
        except BaseException as exc:
            os.unlink(name)
            if isinstance(exc, OSError):  # a full disk, a quota, a read-only mount
                raise StorageError(f"The object store could not write: {exc.strerror}") from exc
            raise
        return Path(name), digest

    def _install(self, key: str, tmp: Path, content_type: str, etag: str) -> None:
        """Move a finished temp file to ``key``, data first: a sidecar whose stamp does not
        match its file is ignored, so a crash between the two replaces is harmless."""
        meta = {"content_type": content_type, "etag": etag, "stamp": _stamp(tmp.stat())}
        try:
            meta_tmp, _ = self._write_temp([json.dumps(meta).encode()])
            try:
                (self.root / key).parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, self.root / key)
                (self._meta_root / key).parent.mkdir(parents=True, exist_ok=True)
                os.replace(meta_tmp, self._meta_root / key)
            finally:
                meta_tmp.unlink(missing_ok=True)
        except (FileExistsError, NotADirectoryError, IsADirectoryError) as exc:
            raise StorageError(
                f"Key {key!r} clashes with an existing object or prefix: on a filesystem a "
                "key cannot be both an object and a prefix of other objects."
            ) from exc
        finally:
            tmp.unlink(missing_ok=True)

    def put(
        self,
        key: str,
        stream: Readable,
        length: int | None = None,
        content_type: str | None = None,
    ) -> ObjectInfo:
        self._path(key)
        tmp, digest = self._write_temp(_chunks(BoundedReader(stream, length)))
        self._install(key, tmp, resolve_content_type(key, content_type), digest.hexdigest())
        return self.stat(key)

    # --- reading -----------------------------------------------------------------------

    def open_file(self, key: str) -> BinaryIO:
        try:
            return self._path(key).open("rb")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            raise ObjectNotFound(key) from None

    @contextmanager
    def open(self, key: str, chunk_size: int = CHUNK_SIZE) -> Iterator[Iterator[bytes]]:
        with self.open_file(key) as file:
            yield iter(partial(file.read, chunk_size), b"")

    def _info(self, key: str, st: os.stat_result, with_content_type: bool) -> ObjectInfo:
        try:
            meta = json.loads((self._meta_root / key).read_bytes())
        except (FileNotFoundError, NotADirectoryError, ValueError):
            meta = None
        if meta is None or meta.get("stamp") != _stamp(st):
            # A file put there by hand (or mid-replace): describe it from the file itself.
            meta = {
                "etag": f"{st.st_mtime_ns:x}-{st.st_size:x}",
                "content_type": resolve_content_type(key, None),
            }
        return ObjectInfo(
            key=key,
            size=st.st_size,
            etag=meta["etag"],
            content_type=meta["content_type"] if with_content_type else None,
            last_modified=datetime.fromtimestamp(st.st_mtime, UTC),
        )

    def stat(self, key: str) -> ObjectInfo:
        try:
            st = self._path(key).stat()
        except (FileNotFoundError, NotADirectoryError):
            raise ObjectNotFound(key) from None
        if not stat.S_ISREG(st.st_mode):
            raise ObjectNotFound(key)
        return self._info(key, st, with_content_type=True)

    def _entries(self, prefix: str, recursive: bool) -> Iterator[tuple[str, os.DirEntry[str]]]:
        head, sep, name_prefix = validate_prefix(prefix).rpartition("/")
        _check_not_reserved(head)
        return self._walk(self.root / head, head + sep, name_prefix, recursive)

    def _walk(
        self, directory: Path, key_prefix: str, name_prefix: str, recursive: bool
    ) -> Iterator[tuple[str, os.DirEntry[str]]]:
        try:
            with os.scandir(directory) as scan:
                # A directory sorts as "name/", which yields keys in S3's (byte) order.
                children = sorted(
                    (
                        (
                            entry.name + "/" if entry.is_dir(follow_symlinks=False) else entry.name,
                            entry,
                        )
                        for entry in scan
                        if entry.name.startswith(name_prefix)
                    ),
                    key=itemgetter(0),
                )
        except (FileNotFoundError, NotADirectoryError):
            return
        for name, entry in children:
            if not name.endswith("/"):
                if entry.is_file(follow_symlinks=False):
                    yield key_prefix + name, entry
            elif recursive and (key_prefix or name != INTERNAL_DIR + "/"):
                yield from self._walk(Path(entry.path), key_prefix + name, "", recursive)

    def list(self, prefix: str = "", recursive: bool = True) -> Iterator[ObjectInfo]:
        for key, entry in self._entries(prefix, recursive):
            try:
                st = entry.stat(follow_symlinks=False)
            except FileNotFoundError:  # deleted while we were listing
                continue
            yield self._info(key, st, with_content_type=False)

    # --- deleting ----------------------------------------------------------------------

    def _prune(self, directory: Path, top: Path) -> None:
        """Remove now-empty parent directories, so the prefix can become a key again."""
        while directory != top:
            try:
                directory.rmdir()
            except OSError:
                return
            directory = directory.parent

    def delete(self, key: str) -> None:
        path = self._path(key)
        for file, top in ((path, self.root), (self._meta_root / key, self._meta_root)):
            try:
                file.unlink(missing_ok=True)
            except (IsADirectoryError, NotADirectoryError):  # a prefix, not an object
                return
            self._prune(file.parent, top)

    def delete_prefix(self, prefix: str) -> None:
        if not prefix:
            raise InvalidKey("delete_prefix needs a non-empty prefix.")
        for key in [key for key, _ in self._entries(prefix, recursive=True)]:
            self.delete(key)

    # --- multipart ---------------------------------------------------------------------

    def _upload(self, key: str, upload_id: str) -> tuple[Path, dict[str, str]]:
        self._path(key)
        if not _UPLOAD_ID.fullmatch(upload_id):
            raise UploadNotFound(upload_id)
        directory = self._uploads_root / upload_id
        try:
            upload: dict[str, str] = json.loads((directory / "upload.json").read_text())
        except FileNotFoundError:
            raise UploadNotFound(upload_id) from None
        if upload["key"] != key:
            raise UploadNotFound(upload_id)
        return directory, upload

    def create_multipart(self, key: str, content_type: str | None = None) -> str:
        self._path(key)
        upload_id = uuid.uuid4().hex
        directory = self._uploads_root / upload_id
        directory.mkdir(parents=True)
        upload = {"key": key, "content_type": resolve_content_type(key, content_type)}
        (directory / "upload.json").write_text(json.dumps(upload))
        return upload_id

    def upload_part(
        self, key: str, upload_id: str, part_number: int, stream: Readable, length: int
    ) -> UploadedPart:
        validate_part_number(part_number)
        directory, _ = self._upload(key, upload_id)
        tmp, digest = self._write_temp(_chunks(BoundedReader(stream, length)))
        try:
            os.replace(tmp, directory / f"{part_number:05d}")
        except FileNotFoundError:  # aborted while the part was being written
            tmp.unlink()
            raise UploadNotFound(upload_id) from None
        return UploadedPart(part_number, digest.hexdigest())

    def complete_multipart(
        self, key: str, upload_id: str, parts: Sequence[UploadedPart]
    ) -> ObjectInfo:
        directory, upload = self._upload(key, upload_id)
        numbers = [part.part_number for part in parts]
        if not numbers or numbers != sorted(set(numbers)):
            raise InvalidPart("Parts must be listed once each, in ascending part number order.")
        files = [directory / f"{number:05d}" for number in numbers]
        for number, file in zip(numbers, files, strict=True):
            try:
                size = file.stat().st_size
            except FileNotFoundError:
                raise InvalidPart(f"Part {number} was not uploaded.") from None
            if size < MIN_PART_SIZE and file != files[-1]:
                raise InvalidPart(f"Part {number} is smaller than {MIN_PART_SIZE} bytes.")
        part_digests: MutableSequence[bytes] = []
        tmp, _ = self._write_temp(self._verified_parts(parts, files, part_digests))
        # The S3 multipart ETag: MD5 of the parts' MD5s, then the part count.
        etag = f"{_md5(b''.join(part_digests)).hexdigest()}-{len(parts)}"
        self._install(key, tmp, upload["content_type"], etag)
        shutil.rmtree(directory, ignore_errors=True)
        return self.stat(key)

    @staticmethod
    def _verified_parts(
        parts: Sequence[UploadedPart], files: Sequence[Path], digests: MutableSequence[bytes]
    ) -> Iterator[bytes]:
        for part, file in zip(parts, files, strict=True):
            digest = _md5()
            with file.open("rb") as stream:
                for chunk in _chunks(stream):
                    digest.update(chunk)
                    yield chunk
            if digest.hexdigest() != part.etag.strip('"'):
                raise InvalidPart(f"Part {part.part_number} does not match ETag {part.etag!r}.")
            digests.append(digest.digest())

    def abort_multipart(self, key: str, upload_id: str) -> None:
        try:
            directory, _ = self._upload(key, upload_id)
        except UploadNotFound:
            return
        shutil.rmtree(directory, ignore_errors=True)

    # --- presigned URLs ----------------------------------------------------------------

    def _signed_url(self, key: str, expires: timedelta, **grant: Any) -> str:
        self._path(key)
        validate_expiry(expires)
        grant.update(key=key, exp=math.ceil(time.time() + expires.total_seconds()))
        token = signing.dumps(grant, salt=TOKEN_SALT, compress=True)
        path = reverse("storage:object", kwargs={"key": key})
        return f"{self.public_base_url}{path}?{urlencode({'token': token})}"

    def presigned_get_url(
        self, key: str, expires: timedelta = DEFAULT_EXPIRY, filename: str | None = None
    ) -> str:
        return self._signed_url(key, expires, method="GET", filename=filename)

    def presigned_put_url(self, key: str, expires: timedelta = DEFAULT_EXPIRY) -> str:
        return self._signed_url(key, expires, method="PUT")

    def presigned_upload_part_url(
        self, key: str, upload_id: str, part_number: int, expires: timedelta = DEFAULT_EXPIRY
    ) -> str:
        validate_part_number(part_number)
        return self._signed_url(
            key, expires, method="PUT", upload_id=upload_id, part_number=part_number
        )

    def health(self) -> None:
        try:
            self._tmp_root.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self._tmp_root):
                pass
        except OSError as exc:
            raise StorageError(f"Local storage root {self.root} is not writable: {exc}") from exc


def read_grant(token: str, key: str, method: str) -> dict[str, Any]:
    """The grant signed into a presigned URL, if it is valid for this request."""
    try:
        grant: dict[str, Any] = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise PermissionDenied("Invalid storage URL signature.") from None
    if grant.get("key") != key or grant.get("method") != method:
        raise PermissionDenied("This storage URL is for another object or method.")
    if grant["exp"] < time.time():
        raise PermissionDenied("This storage URL has expired.")
    return grant
