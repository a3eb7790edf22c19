"""What every format validator shares: the result, the failure, the report and the limits."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd
from django.conf import settings

from platform_core.backends.storage.base import CHUNK_SIZE, Storage

#: Rows shown by the preview endpoint.
PREVIEW_ROWS = 50
#: Bad rows (and other problems) listed one by one in a report; the rest are only counted.
MAX_LISTED_PROBLEMS = 100
MAX_PROBLEM_TEXT = 200


def limit(name: str, default: int) -> int:
    """A validation limit, overridable in settings as ``ZT_DATASET_<NAME>``."""
    return int(getattr(settings, f"ZT_DATASET_{name}", default))


def profile_sample_rows() -> int:
    """Rows the profile is computed on: a uniform random sample when a version has more."""
    return limit("PROFILE_SAMPLE_ROWS", 50_000)


class InvalidData(Exception):
    """The files do not hold valid data of the dataset's format; the version fails."""

    def __init__(self, reason: str, report: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.report = report or {}


@dataclass
class Report:
    """Problems found while reading a version's files, listed up to MAX_LISTED_PROBLEMS."""

    files: list[dict[str, Any]] = field(default_factory=list)
    bad_rows: list[dict[str, Any]] = field(default_factory=list)
    bad_row_count: int = 0
    schema_mismatches: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def bad_row(self, path: str, line: int | None, message: str, text: str = "") -> None:
        self.bad_row_count += 1
        if len(self.bad_rows) < MAX_LISTED_PROBLEMS:
            self.bad_rows.append(
                {"file": path, "line": line, "message": message, "text": text[:MAX_PROBLEM_TEXT]}
            )

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "bad_row_count": self.bad_row_count,
            "bad_rows": self.bad_rows,
            "schema_mismatches": self.schema_mismatches,
            "warnings": self.warnings,
        }

    def raise_if_invalid(self) -> None:
        if self.schema_mismatches:
            first = self.schema_mismatches[0]
            raise InvalidData(
                f"The files do not share one schema: {first['file']} {first['message']}",
                self.as_dict(),
            )
        if self.bad_row_count:
            first = self.bad_rows[0]
            where = f"{first['file']} line {first['line']}" if first["line"] else first["file"]
            raise InvalidData(
                f"{self.bad_row_count} rows could not be read, first at {where}: "
                f"{first['message']}",
                self.as_dict(),
            )


@dataclass
class Validated:
    """A version's files, read through: what ``mark_ready`` and the preview/profile store."""

    row_count: int
    schema: list[dict[str, str]]
    files: list[dict[str, Any]]
    report: dict[str, Any]
    preview: dict[str, Any]
    #: The rows the profile is computed on (all of them, or a uniform sample).
    sample: pd.DataFrame


class StorageFile(io.RawIOBase):
    """A read-only, non-seekable file over a stored object, hashing what it reads."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = memoryview(b"")
        self.sha256 = hashlib.sha256()
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self.sha256.update(chunk)
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self.bytes_read += size
        return size


def copy_to_file(storage: Storage, key: str, target: Any) -> str:
    """Copy an object into an open binary file; return its SHA-256 (hex)."""
    digest = hashlib.sha256()
    with storage.open(key, chunk_size=CHUNK_SIZE) as chunks:
        for chunk in chunks:
            digest.update(chunk)
            target.write(chunk)
    target.flush()
    return digest.hexdigest()


class VersionReader(Protocol):
    """Reads a version's files one by one, accumulating what ``result`` returns."""

    report: Report

    def read_file(self, storage: Storage, key: str, path: str) -> str | None:
        """Read one file through; return its SHA-256 (None when it was not read to the end)."""

    def result(self, files: list[dict[str, Any]]) -> Validated: ...


def read_version(
    reader: VersionReader, storage: Storage, prefix: str, files: list[dict[str, Any]]
) -> Validated:
    """Read every file; fill in the SHA-256 of files uploaded without one."""
    checked = []
    for entry in files:
        sha256 = reader.read_file(storage, prefix + entry["path"], entry["path"])
        checked.append({**entry, "sha256": entry.get("sha256") or sha256 or ""})
    reader.report.raise_if_invalid()
    return reader.result(checked)
