"""Uploading a version's files: streamed through the platform, or straight to storage.

Streamed (``VersionUpload``): the request body is pushed file by file into storage
as it arrives (multipart uploads with a SHA-256 computed on the way), after a quota
check against the request's length. Resumable (``start_resumable_upload``): the
client PUTs parts to presigned URLs, then completes. Either way the version moves
to ``validating`` only when every file has fully landed, and a failed upload leaves
nothing in storage.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.utils import timezone

from data_platform.choices import VersionStatus
from data_platform.models import Dataset, DatasetVersion, Job, UploadSession
from data_platform.services.dataset_files import (
    MAX_VERSION_BYTES,
    ObjectWriter,
    StoredFile,
    part_size_for,
)
from data_platform.services.formats.sniff import check_file_name, check_leading_bytes
from data_platform.services.versions import (
    check_quota,
    create_version,
    mark_failed,
    mark_validating,
)
from platform_core.backends import get_backend
from platform_core.backends.storage.base import (
    InvalidKey,
    InvalidPart,
    MiB,
    StorageError,
    UploadedPart,
    UploadNotFound,
    validate_key,
)
from platform_core.errors import (
    Conflict,
    InvalidInput,
    PlatformError,
    QuotaExceeded,
    ServiceUnavailable,
    TooLarge,
)
from platform_core.models import Organization, User
from platform_core.queue import enqueue
from platform_core.services import create_object, delete_object

MAX_FILES_PER_VERSION = 1000
#: Parts a resumable upload's client PUTs (bigger for files that would need over 10,000).
RESUMABLE_PART_SIZE = 16 * MiB
UPLOAD_SESSION_LIFETIME = timedelta(hours=24)


def check_file_path(dataset: Dataset, path: str) -> str:
    """A file path inside a version: a portable relative key with the format's extension."""
    try:
        validate_key(path)
    except InvalidKey as exc:
        raise InvalidInput(
            f"{path!r} is not a usable file path: {exc}", details={"file": path}
        ) from exc
    if "\\" in path:
        raise InvalidInput(f"{path!r} must use '/' between folders.", details={"file": path})
    check_file_name(dataset.format, path)
    return path


def _start_version(
    actor: User | None,
    dataset: Dataset,
    expected_bytes: int,
    *,
    message: str = "",
    parents: list[DatasetVersion] | None = None,
    produced_by: Job | None = None,
) -> DatasetVersion:
    """Check the quota and create the version, reserving ``expected_bytes`` of the quota
    until its files are in (concurrent uploads of one organization queue on its row)."""
    if expected_bytes > MAX_VERSION_BYTES:
        raise TooLarge(
            f"A version holds at most {MAX_VERSION_BYTES:,} bytes; "
            f"this upload is {expected_bytes:,}.",
            details={"limit": MAX_VERSION_BYTES, "size": expected_bytes},
        )
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=dataset.organization_id)
        check_quota(organization, expected_bytes)
        version = create_version(
            actor, dataset, message=message, parents=parents, produced_by=produced_by
        )
        version.total_bytes = expected_bytes
        version.save(update_fields=["total_bytes", "updated_at"])
    return version


def _enter_validation(
    version: DatasetVersion, files: list[dict[str, Any]], *, queue: bool = True
) -> DatasetVersion:
    """All files are in: check the quota exactly, then queue validation (unless the
    caller validates at once)."""
    with transaction.atomic():
        locked = DatasetVersion.objects.select_for_update().filter(pk=version.pk).first()
        if locked is None or locked.status != VersionStatus.UPLOADING:
            raise Conflict("This upload was aborted or deleted while it was in progress.")
        mark_validating(locked, files=files)
        check_quota(version.organization, 0)
        if queue:
            enqueue("data_platform.validate_dataset_version", locked.pk)
    return locked


def fail_upload(version: DatasetVersion, reason: str) -> None:
    """Fail a version whose upload went wrong, unless it is gone or already failed."""
    if DatasetVersion.objects.filter(pk=version.pk, status=VersionStatus.UPLOADING).exists():
        mark_failed(version, reason)


class VersionUpload:
    """A new version's files, pushed chunk by chunk into storage as they arrive."""

    def __init__(self, version: DatasetVersion) -> None:
        self.version = version
        self.dataset = version.dataset
        self.storage = get_backend("storage")
        self.files: list[StoredFile] = []
        self._writer: ObjectWriter | None = None
        self._path = ""
        # Sized so that even a single file of the whole request fits in S3's 10,000 parts.
        self._part_size = part_size_for(version.total_bytes)

    @classmethod
    def start(
        cls,
        actor: User | None,
        dataset: Dataset,
        *,
        expected_bytes: int,
        message: str = "",
        parents: list[DatasetVersion] | None = None,
        produced_by: Job | None = None,
    ) -> VersionUpload:
        """``expected_bytes`` bounds what will arrive (a request's Content-Length)."""
        version = _start_version(
            actor,
            dataset,
            expected_bytes,
            message=message,
            parents=parents,
            produced_by=produced_by,
        )
        return cls(version)

    def open_file(self, path: str) -> None:
        if self._writer is not None:
            raise InvalidInput(f"{self._path!r} was not finished before {path!r} began.")
        check_file_path(self.dataset, path)
        if path in {stored.path for stored in self.files}:
            raise InvalidInput(f"{path!r} was sent twice.", details={"file": path})
        if len(self.files) >= MAX_FILES_PER_VERSION:
            raise InvalidInput(f"A version holds at most {MAX_FILES_PER_VERSION} files.")
        dataset_format = self.dataset.format
        self._path = path
        self._writer = ObjectWriter(
            self.storage,
            self.version.storage_prefix + path,
            check_head=lambda head: check_leading_bytes(dataset_format, path, head),
            part_size=self._part_size,
        )

    def write(self, data: bytes) -> None:
        assert self._writer is not None, "open_file() first"
        self._writer.write(data)

    def close_file(self) -> StoredFile:
        assert self._writer is not None, "open_file() first"
        writer = self._writer
        sha256 = writer.close()
        self._writer = None
        stored = StoredFile(self._path, writer.size, sha256)
        self.files.append(stored)
        return stored

    def finish(self, *, message: str | None = None, queue: bool = True) -> DatasetVersion:
        """Every file is in: the version moves to validating, and validation is queued
        (unless ``queue`` is false: the caller validates at once)."""
        if self._writer is not None:
            raise InvalidInput(f"The upload of {self._path!r} was interrupted.")
        if not self.files:
            raise InvalidInput("Send at least one file (as 'file' parts).")
        if message is not None:
            self.version.message = message
            self.version.save(update_fields=["message", "updated_at"])
        self.version = _enter_validation(
            self.version, [stored.as_manifest_entry() for stored in self.files], queue=queue
        )
        return self.version

    def fail(self, reason: str) -> None:
        """Abort what is in progress and fail the version; nothing stays in storage."""
        if self._writer is not None:
            self._writer.abort()
            self._writer = None
        fail_upload(self.version, reason)
        # Also when the version was aborted or deleted meanwhile: files may have landed since.
        self.storage.delete_prefix(self.version.storage_prefix)

    @contextmanager
    def failing_on_error(self) -> Iterator[None]:
        """Fail the version on any error inside the block, re-raised as a platform error
        (naming the failed version) where it is the client's or the store's fault."""
        try:
            yield
        except PlatformError as exc:
            self.fail(exc.message)
            exc.details = {**exc.details, "version": self.version.pk}
            raise
        except SuspiciousOperation as exc:  # too many files or fields for Django
            self.fail(str(exc))
            raise InvalidInput(str(exc), details={"version": self.version.pk}) from exc
        except (StorageError, OSError) as exc:  # the local backend lets disk errors through
            self.fail(f"Storage failed: {exc}")
            raise ServiceUnavailable(
                "The object store failed during the upload; try again.",
                details={"version": self.version.pk},
            ) from exc
        except BaseException as exc:
            self.fail(f"The upload failed: {exc or type(exc).__name__}")
            raise


# --- resumable uploads: the client PUTs parts to presigned URLs ----------------------------


def start_resumable_upload(
    actor: User, dataset: Dataset, files: list[dict[str, Any]], *, message: str = ""
) -> UploadSession:
    """Create a version in ``uploading`` and one storage multipart upload per file."""
    paths = [check_file_path(dataset, entry["path"]) for entry in files]
    if not files:
        raise InvalidInput("List at least one file.")
    if len(files) > MAX_FILES_PER_VERSION:
        raise InvalidInput(f"A version holds at most {MAX_FILES_PER_VERSION} files.")
    if len(set(paths)) != len(paths):
        raise InvalidInput("Each file path may be listed once.")
    for entry in files:
        if entry["size"] <= 0:
            raise InvalidInput(f"{entry['path']!r} is empty.", details={"file": entry["path"]})
    total = sum(entry["size"] for entry in files)
    version = _start_version(actor, dataset, total, message=message)
    # One part size for the whole upload keeps all files together near S3's 10,000 parts
    # (so near that many presigned URLs), however many files there are.
    part_size = part_size_for(total, RESUMABLE_PART_SIZE)
    storage = get_backend("storage")
    uploads: list[dict[str, Any]] = []
    try:
        for entry in files:
            key = version.storage_prefix + entry["path"]
            uploads.append(
                {
                    "path": entry["path"],
                    "key": key,
                    "upload_id": storage.create_multipart(key),
                    "size": entry["size"],
                    "part_size": part_size,
                }
            )
        return create_object(
            actor,
            UploadSession,
            version=version,
            project_id=version.project_id,
            organization_id=version.organization_id,
            uploads=uploads,
            expires_at=timezone.now() + UPLOAD_SESSION_LIFETIME,
        )
    except BaseException as exc:
        _abort_multiparts(uploads)
        fail_upload(version, f"The upload could not start: {exc}")
        if isinstance(exc, StorageError):
            raise ServiceUnavailable("The object store cannot take uploads now.") from exc
        raise


def part_urls(session: UploadSession) -> list[dict[str, Any]]:
    """Per file, presigned PUT URLs of its parts, valid until the session expires."""
    storage = get_backend("storage")
    expires = max(session.expires_at - timezone.now(), timedelta(seconds=1))
    result = []
    for upload in session.uploads:
        count = max(1, math.ceil(upload["size"] / upload["part_size"]))
        parts = [
            {
                "part_number": number,
                "url": storage.presigned_upload_part_url(
                    upload["key"], upload["upload_id"], number, expires
                ),
            }
            for number in range(1, count + 1)
        ]
        result.append(
            {
                "path": upload["path"],
                "size": upload["size"],
                "part_size": upload["part_size"],
                "parts": parts,
            }
        )
    return result


def session_of(version: DatasetVersion) -> UploadSession:
    session = UploadSession.objects.filter(version=version).first()
    if version.status != VersionStatus.UPLOADING or session is None:
        raise Conflict(
            f"Version {version.number} has no upload in progress (it is {version.status}).",
            details={"status": version.status},
        )
    return session


def complete_resumable_upload(
    actor: User, version: DatasetVersion, parts: dict[str, list[dict[str, Any]]]
) -> DatasetVersion:
    """Assemble every file from its parts; then the version moves to validating.

    A wrong part list is a 400 the client may retry with the right one; files already
    assembled stay assembled. A file whose size differs from the declared one fails
    the version.
    """
    session = session_of(version)
    expected = {upload["path"] for upload in session.uploads}
    if set(parts) != expected:
        raise InvalidInput(
            "List the parts of every file of the upload, and only those.",
            details={
                "missing": sorted(expected - set(parts)),
                "unknown": sorted(set(parts) - expected),
            },
        )
    storage = get_backend("storage")
    for upload in session.uploads:
        if upload.get("completed"):
            continue
        uploaded = [UploadedPart(p["part_number"], p["etag"]) for p in parts[upload["path"]]]
        try:
            info = storage.complete_multipart(upload["key"], upload["upload_id"], uploaded)
        except (InvalidPart, UploadNotFound) as exc:
            raise InvalidInput(
                f"{upload['path']!r} cannot be assembled: {exc}", details={"file": upload["path"]}
            ) from exc
        except StorageError as exc:
            raise ServiceUnavailable(f"The object store failed: {exc}") from exc
        upload["completed"] = True
        session.save(update_fields=["uploads", "updated_at"])
        if info.size != upload["size"]:
            reason = f"{upload['path']!r} has {info.size:,} bytes, {upload['size']:,} declared."
            abort_upload(actor, version, reason=reason)
            raise InvalidInput(reason, details={"file": upload["path"], "version": version.pk})
    files = [{"path": u["path"], "size": u["size"], "sha256": ""} for u in session.uploads]
    try:
        version = _enter_validation(version, files)
    except QuotaExceeded as exc:
        abort_upload(actor, version, reason=exc.message)
        raise
    delete_object(actor, session)
    return version


def abort_upload(actor: User, version: DatasetVersion, *, reason: str = "") -> DatasetVersion:
    """Abort an upload in progress: its parts are discarded and the version fails.

    Works for streamed uploads too (one left ``uploading`` by a crashed server, say).
    """
    if version.status != VersionStatus.UPLOADING:
        raise Conflict(
            f"Version {version.number} has no upload in progress (it is {version.status}).",
            details={"status": version.status},
        )
    session = UploadSession.objects.filter(version=version).first()
    if session is not None:
        _abort_multiparts([u for u in session.uploads if not u.get("completed")])
        delete_object(actor, session)
    mark_failed(version, reason or f"The upload was aborted by {actor.email}.")
    return version


def _abort_multiparts(uploads: list[dict[str, Any]]) -> None:
    storage = get_backend("storage")
    for upload in uploads:
        storage.abort_multipart(upload["key"], upload["upload_id"])


def abort_expired_uploads() -> int:
    """Abort resumable uploads whose session expired; returns how many."""
    expired = UploadSession.objects.filter(expires_at__lt=timezone.now()).select_related("version")
    count = 0
    for session in expired:
        _abort_multiparts([u for u in session.uploads if not u.get("completed")])
        version = session.version
        delete_object(None, session)
        fail_upload(version, "The upload expired before it was completed.")
        count += 1
    return count
