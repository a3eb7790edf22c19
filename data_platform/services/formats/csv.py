"""CSV: UTF-8, comma-separated, a header row; every file of a version has the same header.

Files are streamed through pyarrow's CSV reader with every column read as text,
so one odd value never aborts the read; column types are inferred over all rows
(the narrowest of int64, double, bool and timestamp every value parses as, else
string). Rows with the wrong number of fields are bad rows, reported with their
row number (the line number, unless quoted values span lines).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

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
from data_platform.services.formats.tabular import TableSample, preview_of_table, schema_of
from platform_core.backends.storage.base import Storage

BLOCK_SIZE = 1024 * 1024
CANDIDATE_TYPES = (
    pa.int64(),
    pa.float64(),
    pa.bool_(),
    pa.timestamp("us"),
    pa.timestamp("us", tz="UTC"),
)


def max_columns() -> int:
    return limit("CSV_MAX_COLUMNS", 2000)


class TypeInference:
    """Per column, the candidate types every value seen so far parses as."""

    def __init__(self, width: int) -> None:
        self.survivors = [list(CANDIDATE_TYPES) for _ in range(width)]

    def observe(self, batch: pa.RecordBatch) -> None:
        for index, column in enumerate(batch.columns):
            alive = self.survivors[index]
            if alive and column.null_count < len(column):
                self.survivors[index] = _fitting(column, alive)

    def types(self) -> list[pa.DataType]:
        return [alive[0] if alive else pa.string() for alive in self.survivors]


def _fitting(column: pa.Array, candidates: list[pa.DataType]) -> list[pa.DataType]:
    fitting = []
    for candidate in candidates:
        if candidate == pa.float64() and pa.int64() in fitting:
            fitting.append(candidate)  # every int64 text parses as a double too
            continue
        try:
            pc.cast(column, candidate)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        fitting.append(candidate)
    return fitting


def _open(stream: StorageFile, path: str, report: Report) -> pa_csv.CSVStreamingReader:
    def bad_row(row: Any) -> str:
        report.bad_row(
            path,
            row.number,
            f"expected {row.expected_columns} fields, found {row.actual_columns}",
            row.text,
        )
        return "skip"

    # Auto-generated names (f0, f1, ...) all typed as text: the header is read as row 1.
    text_columns = {f"f{index}": pa.string() for index in range(max_columns())}
    return pa_csv.open_csv(
        stream,
        read_options=pa_csv.ReadOptions(
            use_threads=False, block_size=BLOCK_SIZE, autogenerate_column_names=True
        ),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True, invalid_row_handler=bad_row),
        convert_options=pa_csv.ConvertOptions(column_types=text_columns, strings_can_be_null=True),
    )


def _header(first: pa.RecordBatch, path: str) -> list[str]:
    if first.num_columns > max_columns():
        raise InvalidData(f"{path} has more than {max_columns()} columns.")
    names = [
        "" if value is None else str(value) for value in first.slice(0, 1).to_pylist()[0].values()
    ]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InvalidData(f"{path} has duplicate column names in its header: {duplicates}.")
    return names


class _Version:
    """What is accumulated over all files of a version."""

    def __init__(self) -> None:
        self.report = Report()
        self.header: list[str] | None = None
        self.inference: TypeInference | None = None
        self.sample = TableSample(profile_sample_rows())
        self.preview: pa.Table | None = None
        self.row_count = 0

    def read_file(self, storage: Storage, key: str, path: str) -> str | None:
        """Read one file through; return its SHA-256, or None when its header does not match."""
        with storage.open(key) as chunks:
            stream = StorageFile(chunks)
            try:
                reader = _open(stream, path, self.report)
                if not self._read_batches(reader, path):
                    return None
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                raise InvalidData(f"{path} is not valid CSV: {exc}", self.report.as_dict()) from exc
            return stream.sha256.hexdigest()

    def _read_batches(self, reader: pa_csv.CSVStreamingReader, path: str) -> bool:
        header: list[str] | None = None
        rows = 0
        for batch in reader:
            if header is None:
                if batch.num_rows == 0:
                    continue
                header = _header(batch, path)
                if not self._accept_header(header, path):
                    return False
                batch = batch.slice(1)
            named = pa.RecordBatch.from_arrays(batch.columns, names=header)
            assert self.inference is not None
            self.inference.observe(named)
            self.sample.add(named)
            if self.preview is None or self.preview.num_rows < PREVIEW_ROWS:
                self.preview = pa.concat_tables(
                    [t for t in (self.preview, pa.Table.from_batches([named])) if t is not None]
                ).slice(0, PREVIEW_ROWS)
            rows += named.num_rows
        if header is None:
            raise InvalidData(f"{path} has no header row.", self.report.as_dict())
        self.report.files.append({"path": path, "rows": rows})
        self.row_count += rows
        return True

    def _accept_header(self, header: list[str], path: str) -> bool:
        if self.header is None:
            self.header = header
            self.inference = TypeInference(len(header))
            return True
        if header == self.header:
            return True
        self.report.schema_mismatches.append(
            {
                "file": path,
                "message": f"has columns {header}, the version's first file {self.header}",
                "expected": self.header,
                "found": header,
            }
        )
        return False

    def result(self, files: list[dict[str, Any]]) -> Validated:
        assert self.header is not None and self.inference is not None
        schema = pa.schema(list(zip(self.header, self.inference.types(), strict=True)))
        sample = self.sample.table()
        typed_sample = (schema.empty_table() if sample is None else sample).cast(schema)
        preview = (schema.empty_table() if self.preview is None else self.preview).cast(schema)
        return Validated(
            row_count=self.row_count,
            schema=schema_of(schema),
            files=files,
            report=self.report.as_dict(),
            preview=preview_of_table(preview),
            sample=typed_sample.to_pandas(),
        )


def validate(storage: Storage, prefix: str, files: list[dict[str, Any]]) -> Validated:
    return read_version(_Version(), storage, prefix, files)
