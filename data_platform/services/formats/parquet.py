"""Parquet: every file is read through (so a corrupt page is found), all with one schema.

A Parquet file's footer is at its end and the storage interface has no ranged reads,
so each file is copied to a local temporary file first, one file at a time.
"""

from __future__ import annotations

import tempfile
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from data_platform.services.formats.base import (
    PREVIEW_ROWS,
    InvalidData,
    Report,
    Validated,
    copy_to_file,
    profile_sample_rows,
    read_version,
)
from data_platform.services.formats.tabular import TableSample, preview_of_table, schema_of
from platform_core.backends.storage.base import Storage

BATCH_ROWS = 65_536


class _Version:
    def __init__(self) -> None:
        self.report = Report()
        self.schema: pa.Schema | None = None
        self.sample = TableSample(profile_sample_rows())
        self.preview: pa.Table | None = None
        self.row_count = 0

    def read_file(self, storage: Storage, key: str, path: str) -> str:
        with tempfile.NamedTemporaryFile(suffix=".parquet") as local:
            sha256 = copy_to_file(storage, key, local)
            try:
                self._read(local.name, path)
            except (pa.ArrowException, OSError) as exc:
                raise InvalidData(
                    f"{path} is not a readable Parquet file: {exc}", self.report.as_dict()
                ) from exc
        return sha256

    def _read(self, local_path: str, path: str) -> None:
        parquet = pq.ParquetFile(local_path)
        if not self._accept_schema(parquet.schema_arrow, path):
            return
        rows = 0
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
            rows += batch.num_rows
            self.sample.add(batch)
            if self.preview is None:
                self.preview = pa.Table.from_batches([batch]).slice(0, PREVIEW_ROWS)
        self.report.files.append({"path": path, "rows": rows})
        self.row_count += rows

    def _accept_schema(self, schema: pa.Schema, path: str) -> bool:
        if self.schema is None:
            self.schema = schema
            return True
        problem = None
        if sorted(schema.names) != sorted(self.schema.names):
            problem = f"has columns {schema.names}, the version's first file {self.schema.names}"
        else:
            try:
                self.schema = pa.unify_schemas([self.schema, schema], promote_options="permissive")
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
                problem = f"has column types that do not match the first file's: {exc}"
        if problem is None:
            return True
        self.report.schema_mismatches.append(
            {"file": path, "message": problem, "expected": schema_of(self.schema)}
        )
        return False

    def result(self, files: list[dict[str, Any]]) -> Validated:
        assert self.schema is not None
        sample = self.sample.table()
        return Validated(
            row_count=self.row_count,
            schema=schema_of(self.schema),
            files=files,
            report=self.report.as_dict(),
            preview=preview_of_table(
                self.schema.empty_table() if self.preview is None else self.preview
            ),
            sample=(self.schema.empty_table() if sample is None else sample).to_pandas(),
        )


def validate(storage: Storage, prefix: str, files: list[dict[str, Any]]) -> Validated:
    return read_version(_Version(), storage, prefix, files)
