"""Building blocks of the table formats (CSV, Parquet, JSONL): samples, previews, schemas."""

from __future__ import annotations

import base64
import datetime
import decimal
import math
import random
from typing import Any

import numpy as np
import pyarrow as pa

from data_platform.services.formats.base import PREVIEW_ROWS


def json_safe(value: Any) -> Any:
    """A value as JSON can carry it (NaN and infinities become null)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, np.generic):
        return json_safe(value.item())
    return value


def preview_of_rows(columns: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    return {"columns": columns, "rows": [[json_safe(v) for v in row] for row in rows]}


def preview_of_table(table: pa.Table) -> dict[str, Any]:
    head = table.slice(0, PREVIEW_ROWS)
    columns = [head.column(i).to_pylist() for i in range(head.num_columns)]
    return preview_of_rows(head.column_names, [list(row) for row in zip(*columns, strict=True)])


def schema_of(arrow_schema: pa.Schema) -> list[dict[str, str]]:
    return [{"name": field.name, "type": str(field.type)} for field in arrow_schema]


class TableSample:
    """A uniform random sample of at most ``size`` rows of a stream of record batches.

    Bottom-k sampling: every row draws a random key and the ``size`` smallest keys
    stay, which is a uniform sample without replacement whatever the stream's length.
    """

    def __init__(self, size: int, seed: int = 0) -> None:
        self.size = size
        self._rng = np.random.default_rng(seed)
        self._tables: list[pa.Table] = []
        self._keys = np.empty(0)
        self.seen = 0

    def add(self, batch: pa.RecordBatch | pa.Table) -> None:
        table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
        self.seen += table.num_rows
        self._tables.append(table)
        self._keys = np.concatenate([self._keys, self._rng.random(table.num_rows)])
        if len(self._keys) > 2 * self.size:
            self._shrink()

    def _shrink(self) -> None:
        table = pa.concat_tables(self._tables, promote_options="permissive")
        keep = np.sort(np.argpartition(self._keys, self.size)[: self.size])
        self._tables, self._keys = [table.take(keep)], self._keys[keep]

    def table(self) -> pa.Table | None:
        if not self._tables:
            return None
        if len(self._keys) > self.size:
            self._shrink()
        return pa.concat_tables(self._tables, promote_options="permissive")


class RowSample:
    """A uniform random sample (reservoir) of at most ``size`` Python rows."""

    def __init__(self, size: int, seed: int = 0) -> None:
        self.size = size
        self._rng = random.Random(seed)
        self.rows: list[dict[str, Any]] = []
        self.seen = 0

    def add(self, row: dict[str, Any]) -> None:
        self.seen += 1
        if len(self.rows) < self.size:
            self.rows.append(row)
            return
        slot = self._rng.randrange(self.seen)
        if slot < self.size:
            self.rows[slot] = row
