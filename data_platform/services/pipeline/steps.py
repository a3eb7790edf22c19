"""The pipeline's steps: each checks itself against its input schema, then runs on chunks.

A step is built from its JSON and the schema of the rows reaching it
(``build``), which validates every column and value and computes the schema it
passes on. At run time it turns an iterator of Arrow tables (chunks) into
another; every step yields at least one chunk when it receives one, so the
output keeps its schema even when no row survives.

Memory, per step, beyond the chunk being processed:

- select, rename, filter, fill_missing, cast, split, sample by fraction: nothing.
- drop_duplicates: a 128-bit hash per distinct row seen (about 100 bytes each).
- join: the whole joined version (the right side), held in memory.
- sample by n: the n rows kept so far.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data_platform.services.pipeline.conditions import Condition, ConditionParser
from data_platform.services.pipeline.fields import RESERVED_PREFIX, StepFields
from data_platform.services.pipeline.schema import CAST_TYPES, Family, Schema, family

Chunks = Iterator[pa.Table]
#: Columns steps add for a while and drop again (see RESERVED_PREFIX).
POSITION = f"{RESERVED_PREFIX}position"
RIGHT_POSITION = f"{RESERVED_PREFIX}right_position"
_SECOND_HASH_KEY = "zhongtai-dedup-2"


class Runtime(Protocol):
    def load_version(self, version_id: int) -> pa.Table:
        """The whole of another input version (for joins)."""


@dataclass(frozen=True)
class BuildContext:
    #: Schemas of the job's inputs by version id; ``primary`` is the one transformed.
    inputs: dict[int, Schema]
    primary: int


@dataclass
class Step:
    op: ClassVar[str]
    fields: StepFields
    output_schema: Schema

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        raise NotImplementedError

    def label(self) -> str:
        return self.op

    def transform(self, chunks: Chunks, runtime: Runtime) -> Chunks:
        for chunk in chunks:
            yield self.apply(chunk)

    def apply(self, chunk: pa.Table) -> pa.Table:
        raise NotImplementedError


@dataclass
class Select(Step):
    op = "select"
    columns: list[str]

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        fields.only("columns")
        columns = fields.names("columns")
        for i, column in enumerate(columns):
            fields.known(schema, column, f"columns[{i}]")
        return cls(fields, {column: schema[column] for column in columns}, columns)

    def label(self) -> str:
        return f"select {', '.join(self.columns)}"

    def apply(self, chunk: pa.Table) -> pa.Table:
        return chunk.select(self.columns)


@dataclass
class Rename(Step):
    op = "rename"
    columns: dict[str, str]

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        fields.only("columns")
        mapping = fields.mapping("columns")
        for old, new in mapping.items():
            fields.known(schema, old, f"columns.{old}")
            fields.name(new, f"columns.{old}")
        renamed = [mapping.get(name, name) for name in schema]
        duplicates = sorted({name for name in renamed if renamed.count(name) > 1})
        if duplicates:
            raise fields.error(
                f"renaming would give two columns the name {duplicates[0]!r}.", "columns"
            )
        output = {mapping.get(name, name): kind for name, kind in schema.items()}
        return cls(fields, output, mapping)

    def label(self) -> str:
        return "rename " + ", ".join(f"{old} → {new}" for old, new in self.columns.items())

    def apply(self, chunk: pa.Table) -> pa.Table:
        return chunk.rename_columns([self.columns.get(name, name) for name in chunk.column_names])


@dataclass
class Filter(Step):
    op = "filter"
    condition: Condition
    expression: Any = field(repr=False)

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        fields.only("where")
        condition = ConditionParser(fields, schema).parse(
            fields.get("where", required=True), "where"
        )
        return cls(fields, dict(schema), condition, condition.expression())

    def apply(self, chunk: pa.Table) -> pa.Table:
        return chunk.filter(self.expression)


def _decoded(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Dictionary-encoded columns hash by value, not by their per-file codes."""
    if pa.types.is_dictionary(column.type):
        return pc.cast(column, column.type.value_type)
    return column


def row_hashes(table: pa.Table) -> list[int]:
    """A 128-bit hash of each row, the same for equal rows in any chunk."""
    frame = pa.table({name: _decoded(table[name]) for name in table.column_names}).to_pandas(
        types_mapper=pd.ArrowDtype
    )
    low = pd.util.hash_pandas_object(frame, index=False).to_numpy(dtype=np.uint64)
    high = pd.util.hash_pandas_object(frame, index=False, hash_key=_SECOND_HASH_KEY).to_numpy(
        dtype=np.uint64
    )
    return [(int(a) << 64) | int(b) for a, b in zip(high, low, strict=True)]


@dataclass
class DropDuplicates(Step):
    op = "drop_duplicates"
    columns: list[str]

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        fields.only("columns")
        columns = fields.names("columns", required=False)
        for i, column in enumerate(columns):
            fields.known(schema, column, f"columns[{i}]")
        return cls(fields, dict(schema), columns)

    def label(self) -> str:
        return "drop duplicates" + (f" by {', '.join(self.columns)}" if self.columns else "")

    def transform(self, chunks: Chunks, runtime: Runtime) -> Chunks:
        """Keeps each row whose key was not seen before, in order (the first one wins)."""
        seen: set[int] = set()
        for chunk in chunks:
            keys = row_hashes(chunk.select(self.columns) if self.columns else chunk)
            keep = []
            for key in keys:
                keep.append(key not in seen)
                seen.add(key)
            yield chunk.filter(pa.array(keep, pa.bool_()))


def _fill_value(fields: StepFields, kind: Family, value: Any, path: str) -> Any:
    checks = {
        Family.INTEGER: lambda v: isinstance(v, int) and not isinstance(v, bool),
        Family.FLOAT: lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        Family.STRING: lambda v: isinstance(v, str),
        Family.BOOLEAN: lambda v: isinstance(v, bool),
    }
    if value is None or (kind in checks and not checks[kind](value)):
        raise fields.error(f"{value!r} cannot fill a {kind} column.", path)
    fields.storable(value, path)
    if kind in (Family.DATETIME, Family.DATE):
        parse = dt.datetime.fromisoformat if kind == Family.DATETIME else dt.date.fromisoformat
        try:
            return parse(value)
        except (TypeError, ValueError):
            raise fields.error(
                f"a {kind} column is filled with an ISO 8601 string.", path
            ) from None
    return value


@dataclass
class FillMissing(Step):
    op = "fill_missing"
    values: dict[str, Any]

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        fields.only("values")
        values = {}
        for column, value in fields.mapping("values").items():
            fields.known(schema, column, f"values.{column}")
            values[column] = _fill_value(fields, family(schema[column]), value, f"values.{column}")
        return cls(fields, dict(schema), values)

    def label(self) -> str:
        return f"fill missing in {', '.join(self.values)}"

    def apply(self, chunk: pa.Table) -> pa.Table:
        for column, value in self.values.items():
            index = chunk.schema.get_field_index(column)
            filled = pc.fill_null(chunk[column], pa.scalar(value, chunk[column].type))
            chunk = chunk.set_column(index, column, filled)
        return chunk


@dataclass
class Cast(Step):
    op = "cast"
    columns: dict[str, str]

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        fields.only("columns")
        columns = fields.mapping("columns")
        output = dict(schema)
        for column, target in columns.items():
            fields.known(schema, column, f"columns.{column}")
            if not isinstance(target, str) or target not in CAST_TYPES:
                raise fields.error(
                    f"cannot cast to {target!r}; the types are {', '.join(CAST_TYPES)}.",
                    f"columns.{column}",
                )
            output[column] = str(CAST_TYPES[target])
        return cls(fields, output, columns)

    def label(self) -> str:
        return "cast " + ", ".join(f"{column} to {kind}" for column, kind in self.columns.items())

    def apply(self, chunk: pa.Table) -> pa.Table:
        for column, target in self.columns.items():
            index = chunk.schema.get_field_index(column)
            try:
                converted = pc.cast(chunk[column], CAST_TYPES[target], safe=True)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                raise ValueError(f"cannot cast column {column!r} to {target}: {exc}") from exc
            chunk = chunk.set_column(index, pa.field(column, converted.type), converted)
        return chunk


def _joinable(left: str, right: str) -> bool:
    a, b = family(left), family(right)
    return a == b or (a.numeric and b.numeric) or Family.OTHER in (a, b)


@dataclass
class Join(Step):
    op = "join"
    version: int
    on: list[str]
    how: str
    #: The other version's column names after the rename that avoids collisions.
    right_names: dict[str, str]

    JOIN_TYPES: ClassVar[dict[str, str]] = {"inner": "inner", "left": "left outer"}

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        fields.only("version", "on", "how", "suffix")
        version = fields.get("version", required=True)
        others = [pk for pk in context.inputs if pk != context.primary]
        if isinstance(version, bool) or not isinstance(version, int) or version not in others:
            raise fields.error(
                "'version' must be one of the job's other inputs "
                f"({', '.join(map(str, others)) or 'there are none'}).",
                "version",
                version=version,
            )
        right = context.inputs[version]
        on = fields.names("on")
        for i, key in enumerate(on):
            fields.known(schema, key, f"on[{i}]")
            if key not in right:
                raise fields.error(
                    f"version {version} has no column {key!r}.", f"on[{i}]", column=key
                )
            if not _joinable(schema[key], right[key]):
                raise fields.error(
                    f"cannot join {schema[key]} column {key!r} with version {version}'s "
                    f"{right[key]} column.",
                    f"on[{i}]",
                )
        how = fields.choice("how", cls.JOIN_TYPES, "inner")
        suffix = fields.get("suffix", "_right")
        if not isinstance(suffix, str) or not suffix:
            raise fields.error("'suffix' must be a non-empty string.", "suffix")
        right_names = {
            name: f"{name}{suffix}" if name in schema else name for name in right if name not in on
        }
        output = dict(schema)
        for name, renamed in right_names.items():
            if renamed in output:
                raise fields.error(
                    f"version {version}'s column {name!r} would be called {renamed!r}, which "
                    "is taken; choose another suffix.",
                    "suffix",
                )
            output[renamed] = right[name]
        return cls(fields, output, version, on, how, right_names)

    def label(self) -> str:
        return f"{self.how} join version {self.version} on {', '.join(self.on)}"

    def _right_side(self, runtime: Runtime, left: pa.Schema) -> pa.Table:
        right = runtime.load_version(self.version)
        columns = {key: right[key].cast(left.field(key).type) for key in self.on}
        columns.update({new: right[old] for old, new in self.right_names.items()})
        columns[RIGHT_POSITION] = pa.array(np.arange(right.num_rows), pa.int64())
        return pa.table(columns)

    def transform(self, chunks: Chunks, runtime: Runtime) -> Chunks:
        right: pa.Table | None = None
        offset = 0
        for chunk in chunks:
            if right is None:
                right = self._right_side(runtime, chunk.schema)
            positions = pa.array(np.arange(offset, offset + chunk.num_rows), pa.int64())
            offset += chunk.num_rows
            joined = chunk.append_column(POSITION, positions).join(
                right, keys=self.on, join_type=self.JOIN_TYPES[self.how]
            )
            # Arrow's hash join does not keep row order; the positions restore it.
            ordered = joined.sort_by([(POSITION, "ascending"), (RIGHT_POSITION, "ascending")])
            yield ordered.select(list(self.output_schema))


def _new_column(fields: StepFields, schema: Schema, default: str) -> str:
    column = fields.name(fields.get("column", default), "column")
    if column in schema:
        raise fields.error(f"there is already a column {column!r}; name another.", "column")
    return column


@dataclass
class Split(Step):
    """Labels each row train or test; the test share is a probability, as Spark's
    randomSplit, so it is close to, not exactly, ``test_fraction``."""

    op = "split"
    test_fraction: float
    seed: int
    column: str

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        fields.only("test_fraction", "seed", "column")
        fraction = fields.fraction("test_fraction")
        seed = fields.integer("seed", 0)
        column = _new_column(fields, schema, "split")
        return cls(fields, {**schema, column: "string"}, fraction, seed, column)

    def label(self) -> str:
        return f"split {1 - self.test_fraction:.0%} train / {self.test_fraction:.0%} test"

    def transform(self, chunks: Chunks, runtime: Runtime) -> Chunks:
        # One generator for the whole run: the draws do not depend on the chunk size.
        generator = np.random.default_rng(self.seed)
        for chunk in chunks:
            test = generator.random(chunk.num_rows) < self.test_fraction
            labels = pa.array(np.where(test, "test", "train"), pa.string())
            yield chunk.append_column(self.column, labels)


@dataclass
class Sample(Step):
    """``n`` rows exactly (uniformly, in their original order), or each row with
    probability ``fraction``."""

    op = "sample"
    n: int | None
    fraction: float | None
    seed: int

    @classmethod
    def build(cls, fields: StepFields, schema: Schema, context: BuildContext) -> Step:
        fields.only("n", "fraction", "seed")
        if ("n" in fields.raw) == ("fraction" in fields.raw):
            raise fields.error("give either 'n' or 'fraction'.", "n")
        n = fields.integer("n", minimum=1) if "n" in fields.raw else None
        fraction = fields.fraction("fraction") if "fraction" in fields.raw else None
        return cls(fields, dict(schema), n, fraction, fields.integer("seed", 0))

    def label(self) -> str:
        return f"sample {self.n} rows" if self.n else f"sample {self.fraction:.0%}"

    def transform(self, chunks: Chunks, runtime: Runtime) -> Chunks:
        generator = np.random.default_rng(self.seed)
        if self.n is None:
            for chunk in chunks:
                yield chunk.filter(pa.array(generator.random(chunk.num_rows) < self.fraction))
            return
        yield from self._bottom_n(chunks, generator, self.n)

    @staticmethod
    def _bottom_n(chunks: Chunks, generator: np.random.Generator, n: int) -> Chunks:
        """The n rows with the smallest random keys: a uniform sample in bounded memory."""
        kept: pa.Table | None = None
        kept_keys = np.empty(0)
        offset = 0
        for chunk in chunks:
            positions = pa.array(np.arange(offset, offset + chunk.num_rows), pa.int64())
            offset += chunk.num_rows
            candidates = chunk.append_column(POSITION, positions)
            if kept is not None:
                candidates = pa.concat_tables([kept, candidates])
            keys = np.concatenate([kept_keys, generator.random(chunk.num_rows)])
            if len(keys) > n:
                best = np.argpartition(keys, n)[:n]
                candidates, keys = candidates.take(pa.array(best)), keys[best]
            kept, kept_keys = candidates, keys
        if kept is not None:
            yield kept.sort_by(POSITION).drop_columns([POSITION])


STEP_TYPES: dict[str, type[Step]] = {
    step.op: step
    for step in (Select, Rename, Filter, DropDuplicates, FillMissing, Cast, Join, Split, Sample)
}
