"""Per-format validation of a version's stored files: one module per dataset format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from data_platform.choices import DatasetFormat
from data_platform.services.formats import csv, image_zip, jsonl, parquet
from data_platform.services.formats.base import InvalidData, Validated
from platform_core.backends.storage.base import Storage

Validator = Callable[[Storage, str, list[dict[str, Any]]], Validated]

VALIDATORS: dict[str, Validator] = {
    DatasetFormat.CSV: csv.validate,
    DatasetFormat.PARQUET: parquet.validate,
    DatasetFormat.JSONL: jsonl.validate,
    DatasetFormat.IMAGE_ZIP: image_zip.validate,
}


def validate(
    dataset_format: str, storage: Storage, prefix: str, files: list[dict[str, Any]]
) -> Validated:
    """Read the files under ``prefix`` through; raise InvalidData when they are not valid."""
    return VALIDATORS[dataset_format](storage, prefix, files)


__all__ = ["InvalidData", "Validated", "validate"]
