"""Reading what a ready dataset version holds: rows of a table, or image files.

Files are read one at a time through a temporary local copy (Parquet needs
random access), in batches, so memory stays bounded whatever the version's size.
Values come out JSON-safe, ready for JSON columns and API responses.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import PurePosixPath
from typing import Any, TypeVar

import pandas as pd
import pyarrow.parquet as pq

from data_platform.choices import DatasetFormat, VersionStatus
from data_platform.models import DatasetVersion
from data_platform.services.formats.base import copy_to_file
from data_platform.services.formats.tabular import json_safe
from platform_core.backends import get_backend
from platform_core.errors import InvalidInput

TABULAR_FORMATS = (DatasetFormat.CSV, DatasetFormat.PARQUET, DatasetFormat.JSONL)
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".tif", ".tiff"})
BATCH_ROWS = 1000
T = TypeVar("T")


def require_ready(version: DatasetVersion) -> None:
    if version.status != VersionStatus.READY:
        raise InvalidInput(
            f"Dataset version {version.pk} is {version.status}; only ready versions can be used.",
            details={"version": [f"Version is {version.status}, not ready."]},
        )


def is_tabular(version: DatasetVersion) -> bool:
    return version.dataset.format in TABULAR_FORMATS


def column_names(version: DatasetVersion) -> list[str]:
    return [str(column["name"]) for column in version.schema]


def image_files(version: DatasetVersion) -> list[dict[str, Any]]:
    """Manifest entries of the version's image files, in manifest order."""
    return [
        entry
        for entry in version.files
        if PurePosixPath(entry["path"]).suffix.lower() in IMAGE_SUFFIXES
    ]


def object_key(version: DatasetVersion, path: str) -> str:
    return f"{version.storage_prefix}{path}"


def iter_rows(
    version: DatasetVersion, columns: list[str] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(row index, row)`` over every file of a tabular version, in manifest order."""
    index = 0
    for entry in version.files:
        with _local_copy(object_key(version, entry["path"])) as path:
            for row in _read_rows(path, version.dataset.format, columns):
                yield index, row
                index += 1


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """itertools.batched (Python 3.12) for 3.11."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def _local_copy(key: str) -> Iterator[str]:
    with tempfile.NamedTemporaryFile(prefix="zt-version-") as file:
        copy_to_file(get_backend("storage"), key, file)
        yield file.name


def _read_rows(path: str, fmt: str, columns: list[str] | None) -> Iterator[dict[str, Any]]:
    if fmt == DatasetFormat.PARQUET:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns):
            yield from map(json_safe, batch.to_pylist())
    elif fmt == DatasetFormat.CSV:
        for frame in pd.read_csv(path, usecols=columns, chunksize=BATCH_ROWS):
            yield from map(json_safe, frame.to_dict("records"))
    elif fmt == DatasetFormat.JSONL:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    yield json_safe({k: row.get(k) for k in columns} if columns else row)
    else:
        raise InvalidInput(f"Rows cannot be read from a {fmt} dataset.")
