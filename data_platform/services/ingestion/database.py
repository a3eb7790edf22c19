"""PostgreSQL and MySQL sources through SQLAlchemy: the connection probe and query snapshots.

A snapshot streams the result with a server-side cursor (``stream_results``), CHUNK_ROWS rows
at a time, into a Parquet file. The first chunk settles each column's Arrow type; later
chunks are cast to it, and a column whose values stop fitting fails the job with a hint.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from data_platform.models import DataSource, Job
from data_platform.services.ingestion.output import Output, Progress, Written
from data_platform.services.ingestion.probes import ProbeResult, reason
from platform_core.errors import ServiceUnavailable

CONNECT_TIMEOUT_SECONDS = 10
CHUNK_ROWS = 10_000
OUTPUT = Output("data.parquet", "application/vnd.apache.parquet")
_ARROW_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError)


def engine_for(source: DataSource) -> Engine:
    # The URL is kept with the secrets only when it has some.
    url = make_url(source.secrets().get("url") or source.config["url"])
    try:
        return create_engine(
            url, poolclass=NullPool, connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS}
        )
    except ImportError as exc:
        raise ServiceUnavailable(
            f"The {url.get_driver_name()} driver is not installed; MySQL sources need the "
            "optional 'mysql' extra: pip install 'zhongtai[mysql]'."
        ) from exc


def _read_only(connection: Connection) -> Connection:
    """The connection with its transaction (begun on first use) read-only."""
    if connection.dialect.name == "postgresql":
        return connection.execution_options(postgresql_readonly=True)
    connection.exec_driver_sql("SET SESSION TRANSACTION READ ONLY")
    return connection


def _statement(query: str) -> Any:
    # text() escapes '%' for the drivers' paramstyle; escaped colons are not bind parameters.
    return text(query.replace(":", r"\:"))


def probe(source: DataSource) -> ProbeResult:
    try:
        engine = engine_for(source)
    except ServiceUnavailable as exc:
        return ProbeResult(False, exc.message)
    try:
        with engine.connect() as connection:
            _read_only(connection).execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        return ProbeResult(False, f"Cannot query the database: {reason(exc)}")
    finally:
        engine.dispose()
    return ProbeResult(True, f"Connected to {source.config['url']}.")


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=str)
    return str(value)


def _column(values: Sequence[Any]) -> pa.Array:
    """Values as an Arrow array; nested, extension and unknown values become text."""
    try:
        array = pa.array(values)
    except _ARROW_ERRORS:
        return pa.array([_as_text(value) for value in values], type=pa.string())
    kind = array.type
    if pa.types.is_nested(kind) or isinstance(kind, pa.BaseExtensionType):
        return pa.array([_as_text(value) for value in values], type=pa.string())
    return array


def _settled(kind: pa.DataType) -> pa.DataType:
    """The type a column keeps for the whole file, from what its first chunk held."""
    if pa.types.is_null(kind):
        return pa.string()
    if pa.types.is_decimal(kind):
        # Leave room for later chunks with more digits on either side of the point.
        return pa.decimal128(38, max(kind.scale, min(18, 38 - (kind.precision - kind.scale))))
    return kind


class _ParquetSink:
    def __init__(self, file: IO[bytes], names: list[str]) -> None:
        self.file = file
        self.names = names
        self.schema: pa.Schema | None = None
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0

    def write(self, rows: Sequence[Sequence[Any]]) -> None:
        columns = [_column(values) for values in zip(*rows, strict=True)]
        if self.writer is None:
            self.schema = pa.schema(
                [
                    pa.field(name, _settled(c.type))
                    for name, c in zip(self.names, columns, strict=True)
                ]
            )
            self.writer = pq.ParquetWriter(self.file, self.schema)
        assert self.schema is not None
        arrays = [
            self._conform(column, field) for column, field in zip(columns, self.schema, strict=True)
        ]
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows += len(rows)

    def _conform(self, column: pa.Array, field: pa.Field) -> pa.Array:
        try:
            return column.cast(field.type)
        except _ARROW_ERRORS as exc:
            raise ValueError(
                f"Column {field.name!r} holds {column.type} values after row {self.rows:,}, where "
                f"earlier rows were {field.type} ({exc}). Cast it in the query to one type."
            ) from exc

    def close(self) -> None:
        """Finish the file (also after a failure: the writer must not outlive the file)."""
        if self.writer is None:  # no rows: the columns are known, their types are not
            self.schema = pa.schema([pa.field(name, pa.string()) for name in self.names])
            self.writer = pq.ParquetWriter(self.file, self.schema)
        self.writer.close()


def write_snapshot(job: Job, file: IO[bytes], progress: Progress) -> Written:
    assert job.source is not None
    engine = engine_for(job.source)
    try:
        with engine.connect() as connection:
            result = (
                _read_only(connection)
                .execution_options(stream_results=True, max_row_buffer=CHUNK_ROWS)
                .execute(_statement(job.spec["query"]))
            )
            sink = _ParquetSink(file, list(result.keys()))
            try:
                for rows in result.partitions(CHUNK_ROWS):
                    sink.write(rows)
                    progress(sink.rows, file.tell())
            finally:
                sink.close()
    finally:
        engine.dispose()
    return Written(sink.rows, f"The query returned {sink.rows:,} rows")
