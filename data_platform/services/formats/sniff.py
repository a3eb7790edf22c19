"""Cheap checks of a file's name and first bytes, made before anything of it is stored.

They catch the clearly wrong upload (a zip sent to a CSV dataset, a binary blob,
an empty file) at once; everything else is for the validation task to find.
"""

from __future__ import annotations

from data_platform.choices import DatasetFormat
from platform_core.errors import InvalidInput

#: Leading bytes needed by ``check_leading_bytes``.
SNIFF_BYTES = 8192

EXTENSIONS: dict[str, tuple[str, ...]] = {
    DatasetFormat.CSV: (".csv",),
    DatasetFormat.PARQUET: (".parquet", ".pq"),
    DatasetFormat.JSONL: (".jsonl", ".ndjson"),
    DatasetFormat.IMAGE_ZIP: (".zip",),
}
_UTF8_BOM = b"\xef\xbb\xbf"
_BINARY_SIGNATURES = {
    b"\x1f\x8b": "gzip-compressed",
    b"PK\x03\x04": "a zip archive",
    b"PAR1": "Parquet",
}


def check_file_name(dataset_format: str, path: str) -> None:
    extensions = EXTENSIONS[dataset_format]
    if not path.lower().endswith(extensions):
        raise InvalidInput(
            f"{path!r} is not a {DatasetFormat(dataset_format).label} file: "
            f"its name must end with {' or '.join(extensions)}.",
            details={"file": path, "expected_extensions": list(extensions)},
        )


def check_leading_bytes(dataset_format: str, path: str, head: bytes) -> None:
    """Raise InvalidInput unless ``head`` (a file's first bytes) can start such a file."""
    if not head:
        raise InvalidInput(f"{path!r} is empty.", details={"file": path})
    problem = _problem(dataset_format, head[:SNIFF_BYTES])
    if problem:
        raise InvalidInput(
            f"{path!r} is not a {DatasetFormat(dataset_format).label} file: {problem}.",
            details={"file": path},
        )


def _problem(dataset_format: str, head: bytes) -> str | None:
    if dataset_format == DatasetFormat.PARQUET:
        return None if head.startswith(b"PAR1") else "it does not start with the Parquet magic"
    if dataset_format == DatasetFormat.IMAGE_ZIP:
        return None if head.startswith(b"PK\x03\x04") else "it is not a zip archive"
    for signature, kind in _BINARY_SIGNATURES.items():
        if head.startswith(signature):
            return f"it is {kind}"
    if b"\x00" in head:
        return "it holds binary data (NUL bytes), not UTF-8 text"
    if dataset_format == DatasetFormat.JSONL:
        text = head.removeprefix(_UTF8_BOM).lstrip()
        if text and not text.startswith(b"{"):
            return "each line must be a JSON object"
    return None
