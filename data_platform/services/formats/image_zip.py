"""Image folders as zip archives: checked, then unpacked so each image is one stored file.

An archive is refused as a whole, before anything of it is unpacked, when an entry's
path is absolute or climbs out with ``..``, an entry is encrypted or a symlink, it has
too many entries, or it would unpack to too many bytes or at too high a compression
ratio (a zip bomb). Every other entry must be an image, recognised by its magic
bytes; macOS/Windows folder clutter (``__MACOSX/``, ``._*``, ``.DS_Store``,
``Thumbs.db``) is skipped. Unpacked images replace the archives in the manifest.
"""

from __future__ import annotations

import hashlib
import re
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, Any

import pandas as pd

from data_platform.services.formats.base import (
    PREVIEW_ROWS,
    InvalidData,
    Report,
    Validated,
    copy_to_file,
    limit,
    profile_sample_rows,
)
from data_platform.services.formats.tabular import RowSample, preview_of_rows
from platform_core.backends.storage.base import InvalidKey, Storage, validate_key

MiB = 1024 * 1024
#: Entries smaller than this are not held to the per-entry ratio (tiny files compress well).
RATIO_FLOOR_BYTES = MiB
HEAD_BYTES = 16
SCHEMA = [
    {"name": "path", "type": "string"},
    {"name": "size", "type": "int64"},
    {"name": "type", "type": "string"},
]
_DRIVE = re.compile(r"^[A-Za-z]:")
_CLUTTER_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
)


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int
    max_total_bytes: int
    max_ratio: int

    @classmethod
    def from_settings(cls) -> ZipLimits:
        return cls(
            max_entries=limit("ZIP_MAX_ENTRIES", 100_000),
            max_total_bytes=limit("ZIP_MAX_UNCOMPRESSED_BYTES", 8 * 1024 * MiB),
            max_ratio=limit("ZIP_MAX_RATIO", 100),
        )


def image_type(head: bytes) -> str | None:
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return next((kind for signature, kind in _SIGNATURES if head.startswith(signature)), None)


def entry_path_problem(name: str) -> str | None:
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "is an absolute path"
    if "\\" in name:
        return "contains a backslash"
    if ".." in name.split("/"):
        return "climbs out of the archive with '..'"
    try:
        validate_key(name.rstrip("/"))
    except InvalidKey as exc:
        return f"is not a usable path ({exc})"
    return None


def is_clutter(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return name.startswith("__MACOSX/") or base.startswith("._") or base in _CLUTTER_NAMES


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def check_archive(
    archive: zipfile.ZipFile, path: str, limits: ZipLimits, report: Report, unpacked: int = 0
) -> None:
    """Refuse unsafe archives (paths, bombs) before anything of them is unpacked.

    ``unpacked`` bytes came out of the version's earlier archives: the byte limit is
    for the whole version.
    """
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise InvalidData(f"{path} has {len(entries):,} entries; at most {limits.max_entries:,}.")
    total = sum(info.file_size for info in entries)
    packed = sum(info.compress_size for info in entries)
    if unpacked + total > limits.max_total_bytes:
        raise InvalidData(
            f"{path} would unpack to {total:,} bytes; the version may hold at most "
            f"{limits.max_total_bytes:,} (zip bomb?)."
        )
    if total > RATIO_FLOOR_BYTES and total > limits.max_ratio * max(packed, 1):
        raise InvalidData(
            f"{path} is compressed more than {limits.max_ratio}:1 (zip bomb?).", report.as_dict()
        )
    for info in entries:
        problem = entry_path_problem(info.filename)
        if problem is None and info.flag_bits & 0x1:
            problem = "is encrypted"
        if problem is None and _is_symlink(info):
            problem = "is a symbolic link"
        if (
            problem is None
            and info.file_size > RATIO_FLOOR_BYTES
            and info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            problem = f"is compressed more than {limits.max_ratio}:1 (zip bomb?)"
        if problem:
            report.bad_row(path, None, f"entry {info.filename!r} {problem}", info.filename)
    if report.bad_row_count:
        first = report.bad_rows[0]["message"]
        raise InvalidData(f"{path} is refused: {first}.", report.as_dict())


class _Unpacker:
    def __init__(self, storage: Storage, prefix: str, archives: list[str]) -> None:
        self.storage = storage
        self.prefix = prefix
        self.archives = set(archives)
        self.report = Report()
        self.limits = ZipLimits.from_settings()
        self.images: list[dict[str, Any]] = []
        self.head: list[list[Any]] = []
        self.sample = RowSample(profile_sample_rows())

    def unpack(self, archive_path: str) -> None:
        with tempfile.NamedTemporaryFile(suffix=".zip") as local:
            copy_to_file(self.storage, self.prefix + archive_path, local)
            try:
                with zipfile.ZipFile(local) as archive:
                    unpacked = sum(image["size"] for image in self.images)
                    check_archive(archive, archive_path, self.limits, self.report, unpacked)
                    members = self._images(archive, archive_path)
                    self.report.raise_if_invalid()
                    for info, kind in members:
                        self._store(archive, info, kind)
            except (
                zipfile.BadZipFile,
                zipfile.LargeZipFile,
                zlib.error,
                EOFError,
                NotImplementedError,
            ) as exc:
                raise InvalidData(
                    f"{archive_path} is not a readable zip archive: {exc}", self.report.as_dict()
                ) from exc
        self.report.files.append({"path": archive_path, "images": len(members)})

    def _images(
        self, archive: zipfile.ZipFile, archive_path: str
    ) -> list[tuple[zipfile.ZipInfo, str]]:
        members = []
        taken = {image["path"] for image in self.images} | self.archives
        for info in archive.infolist():
            if info.is_dir() or is_clutter(info.filename):
                continue
            with archive.open(info) as entry:
                kind = image_type(entry.read(HEAD_BYTES))
            if kind is None:
                self.report.bad_row(
                    archive_path, None, f"entry {info.filename!r} is not an image", info.filename
                )
            elif info.filename in taken:
                self.report.bad_row(
                    archive_path, None, f"entry {info.filename!r} is there twice", info.filename
                )
            else:
                taken.add(info.filename)
                members.append((info, kind))
        return members

    def _store(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str) -> None:
        with archive.open(info) as entry:
            hashing = _HashingReader(entry)
            self.storage.put(self.prefix + info.filename, hashing, length=info.file_size)
        image = {"path": info.filename, "size": info.file_size, "sha256": hashing.hexdigest()}
        self.images.append(image)
        if len(self.head) < PREVIEW_ROWS:
            self.head.append([info.filename, info.file_size, kind])
        self.sample.add({"path": info.filename, "size": info.file_size, "type": kind})

    def result(self) -> Validated:
        if not self.images:
            raise InvalidData("The archives hold no images.", self.report.as_dict())
        columns = [column["name"] for column in SCHEMA]
        return Validated(
            row_count=len(self.images),
            schema=SCHEMA,
            files=self.images,
            report=self.report.as_dict(),
            preview=preview_of_rows(columns, self.head),
            sample=pd.DataFrame(self.sample.rows, columns=columns),
        )


class _HashingReader:
    def __init__(self, source: IO[bytes]) -> None:
        self._source = source
        self._digest = hashlib.sha256()

    def read(self, size: int = -1, /) -> bytes:
        data = self._source.read(size)
        self._digest.update(data)
        return data

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def validate(storage: Storage, prefix: str, files: list[dict[str, Any]]) -> Validated:
    archives = [entry["path"] for entry in files]
    unpacker = _Unpacker(storage, prefix, archives)
    for archive_path in archives:
        unpacker.unpack(archive_path)
    result = unpacker.result()
    for archive_path in archives:
        storage.delete(prefix + archive_path)
    return result
