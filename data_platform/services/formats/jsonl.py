"""JSON Lines: UTF-8, one JSON object per line (blank lines are skipped).

Columns are the union of the objects' keys, in order of first appearance. A key's
type is the one JSON type its values share (int64 and double widen to double);
values of several types make it ``json``. Files may leave keys out, but a key must
not change type from one file to the next.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from data_platform.services.formats.base import (
    PREVIEW_ROWS,
    InvalidData,
    Report,
    StorageFile,
    Validated,
    limit,
    profile_sample_rows,
    read_version,
)
from data_platform.services.formats.tabular import RowSample, preview_of_rows
from platform_core.backends.storage.base import Storage

NUMERIC = {"int64", "double"}
MIXED = "json"


def max_line_bytes() -> int:
    return limit("JSONL_MAX_LINE_BYTES", 16 * 1024 * 1024)


def type_of(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    return MIXED  # objects and arrays


def merge_types(first: str | None, second: str | None) -> str | None:
    if first is None or first == second:
        return second
    if second is None:
        return first
    if {first, second} <= NUMERIC:
        return "double"
    return MIXED


def _flat(value: Any) -> Any:
    """Nested values as JSON text, so the profile can count them like strings."""
    return json.dumps(value, sort_keys=True) if isinstance(value, dict | list) else value


class _Version:
    def __init__(self) -> None:
        self.report = Report()
        self.types: dict[str, str | None] = {}
        self.sample = RowSample(profile_sample_rows())
        self.preview: list[dict[str, Any]] = []
        self.row_count = 0

    def read_file(self, storage: Storage, key: str, path: str) -> str:
        file_types: dict[str, str | None] = {}
        rows = 0
        with storage.open(key) as chunks:
            stream = StorageFile(chunks)
            for number, line in _lines(io.BufferedReader(stream, 1024 * 1024), path, self.report):
                row = self._parse(line, path, number)
                if row is None:
                    continue
                rows += 1
                for name, value in row.items():
                    file_types[name] = merge_types(file_types.get(name), type_of(value))
                self.sample.add({name: _flat(value) for name, value in row.items()})
                if len(self.preview) < PREVIEW_ROWS:
                    self.preview.append(row)
        self._merge_file_types(file_types, path)
        self.report.files.append({"path": path, "rows": rows})
        self.row_count += rows
        return stream.sha256.hexdigest()

    def _parse(self, line: bytes, path: str, number: int) -> dict[str, Any] | None:
        if not line.strip():
            return None
        try:
            row = json.loads(line)
        except UnicodeDecodeError:
            self.report.bad_row(path, number, "not valid UTF-8", line.decode(errors="replace"))
            return None
        except ValueError as exc:
            self.report.bad_row(
                path, number, f"not valid JSON: {exc}", line.decode(errors="replace")
            )
            return None
        if not isinstance(row, dict):
            self.report.bad_row(path, number, "not a JSON object", line.decode(errors="replace"))
            return None
        return row

    def _merge_file_types(self, file_types: dict[str, str | None], path: str) -> None:
        for name, found in file_types.items():
            expected = self.types.get(name)
            merged = merge_types(expected, found)
            if expected is not None and found is not None and merged not in (expected, found):
                self.report.schema_mismatches.append(
                    {
                        "file": path,
                        "message": f"has {found} values in {name!r}, earlier files {expected}",
                        "column": name,
                        "expected": expected,
                        "found": found,
                    }
                )
            self.types[name] = merged

    def result(self, files: list[dict[str, Any]]) -> Validated:
        if not self.row_count:
            raise InvalidData("The files hold no JSON objects.", self.report.as_dict())
        columns = list(self.types)
        return Validated(
            row_count=self.row_count,
            schema=[{"name": name, "type": self.types[name] or "null"} for name in columns],
            files=files,
            report=self.report.as_dict(),
            preview=preview_of_rows(
                columns, [[row.get(name) for name in columns] for row in self.preview]
            ),
            sample=pd.DataFrame(self.sample.rows, columns=columns),
        )


def _lines(stream: io.BufferedReader, path: str, report: Report) -> Any:
    """(line number, line) pairs; a line over the limit is a bad row and is skipped."""
    longest = max_line_bytes()
    number = 0
    while line := stream.readline(longest + 1):
        number += 1
        if len(line) > longest and not line.endswith(b"\n"):
            report.bad_row(
                path, number, f"longer than {longest} bytes", line[:200].decode(errors="replace")
            )
            while (rest := stream.readline(longest)) and not rest.endswith(b"\n"):
                pass
            continue
        yield number, line


def validate(storage: Storage, prefix: str, files: list[dict[str, Any]]) -> Validated:
    return read_version(_Version(), storage, prefix, files)
