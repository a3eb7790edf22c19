"""Vector collections in PostgreSQL with pgvector (the embedded default).

Each collection is one table ``zt_vectors_<name>`` (id, text, metadata jsonb,
embedding vector(n)) with an HNSW index for cosine distance. The backend owns
these tables, as Weaviate owns its classes: they are not Django models, so the
platform's own schema (and its migrations) also works on a PostgreSQL server
without pgvector; only this backend then reports itself unavailable.

HNSW rather than IVFFlat: it needs no training data (IVFFlat's lists are fixed
from the rows present when the index is built, so an index made on a fresh table
recalls poorly), and it answers well as rows arrive batch by batch. Filtered
searches that use the index scan it iteratively, so a selective filter still
returns ``top_k`` rows when that many match: this needs pgvector 0.8 or later.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import DatabaseError, connections, transaction
from pgvector import Vector

from platform_core.backends.vectors.base import (
    CollectionNotFound,
    DimensionMismatch,
    FilterOp,
    MetadataFilter,
    SearchHit,
    VectorRecord,
    VectorStore,
    VectorStoreError,
    validate_collection_name,
    validate_dimensions,
    validate_filter,
)

# Serializes CREATE EXTENSION between processes creating their first collection at once.
_EXTENSION_LOCK = 0x7A7645  # "ztv"
_NOT_AVAILABLE = (
    "The pgvector extension is not available on this PostgreSQL server "
    "(install the server's pgvector package, or configure another vectors backend)."
)


class PgVectorStore(VectorStore):
    name = "pgvector"

    def __init__(self, database: str = "default", ef_search: int = 100) -> None:
        self.database = database
        self.ef_search = ef_search

    # --- collections ----------------------------------------------------------------------

    def create_collection(self, name: str, dimensions: int) -> None:
        table = self._table(name)
        validate_dimensions(dimensions)
        with self._cursor() as cursor:
            self._ensure_extension(cursor)
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(
                f"CREATE TABLE {table} (id bigint PRIMARY KEY, text text NOT NULL, "
                f"metadata jsonb NOT NULL, embedding vector({dimensions}) NOT NULL)"
            )
            cursor.execute(f"CREATE INDEX ON {table} USING hnsw (embedding vector_cosine_ops)")

    def delete_collection(self, name: str) -> None:
        with self._cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self._table(name)}")

    def count(self, name: str) -> int:
        table = self._table(name)
        with self._cursor() as cursor:
            self._dimensions(cursor, name)
            cursor.execute(f"SELECT count(*) FROM {table}")
            return int(cursor.fetchone()[0])

    # --- records --------------------------------------------------------------------------

    def add(self, name: str, records: Sequence[VectorRecord]) -> None:
        table = self._table(name)
        with self._cursor() as cursor:
            dimensions = self._dimensions(cursor, name)
            rows = []
            for record in records:
                self._check_length(record.vector, dimensions)
                rows.append(
                    (
                        record.id,
                        record.text,
                        json.dumps(record.metadata),
                        Vector(list(record.vector)).to_text(),
                    )
                )
            cursor.executemany(
                f"INSERT INTO {table} (id, text, metadata, embedding) "
                "VALUES (%s, %s, %s::jsonb, %s::vector) ON CONFLICT (id) DO UPDATE SET "
                "text = EXCLUDED.text, metadata = EXCLUDED.metadata, "
                "embedding = EXCLUDED.embedding",
                rows,
            )

    def search(
        self,
        name: str,
        vector: Sequence[float],
        top_k: int,
        filters: Sequence[MetadataFilter] = (),
    ) -> list[SearchHit]:
        table = self._table(name)
        if top_k < 1:
            raise ValueError("top_k must be at least 1.")
        where, where_params = _where(filters)
        with self._cursor() as cursor:
            self._check_length(vector, self._dimensions(cursor, name))
            query = Vector(list(vector)).to_text()
            cursor.execute(
                "SELECT set_config('hnsw.ef_search', %s, true), "
                "set_config('hnsw.iterative_scan', 'strict_order', true)",
                [str(max(self.ef_search, top_k))],
            )
            cursor.execute(
                f"SELECT id, text, metadata::text, 1 - (embedding <=> %s::vector) FROM {table} "
                f"WHERE {where} ORDER BY embedding <=> %s::vector LIMIT %s",
                [query, *where_params, query, top_k],
            )
            return [
                SearchHit(id=row[0], text=row[1], metadata=json.loads(row[2]), score=float(row[3]))
                for row in cursor.fetchall()
            ]

    def health(self) -> None:
        with self._cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
            if cursor.fetchone() is None:
                raise VectorStoreError(_NOT_AVAILABLE)

    # --- helpers --------------------------------------------------------------------------

    def _table(self, name: str) -> str:
        validate_collection_name(name)
        return str(connections[self.database].ops.quote_name(f"zt_vectors_{name}"))

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        try:
            with transaction.atomic(using=self.database), connections[self.database].cursor() as c:
                yield c
        except DatabaseError as exc:
            raise VectorStoreError(f"pgvector: {str(exc).splitlines()[0]}") from exc

    @staticmethod
    def _ensure_extension(cursor: Any) -> None:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'")
        if cursor.fetchone() is not None:
            return
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_EXTENSION_LOCK])
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        if cursor.fetchone() is None:
            raise VectorStoreError(_NOT_AVAILABLE)
        cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")

    def _dimensions(self, cursor: Any, name: str) -> int:
        """The collection's dimensions (pgvector keeps them as the column's type modifier)."""
        cursor.execute(
            "SELECT atttypmod FROM pg_attribute "
            "WHERE attrelid = to_regclass(%s) AND attname = 'embedding'",
            [self._table(name)],
        )
        row = cursor.fetchone()
        if row is None:
            raise CollectionNotFound(name)
        return int(row[0])

    @staticmethod
    def _check_length(vector: Sequence[float], dimensions: int) -> None:
        if len(vector) != dimensions:
            raise DimensionMismatch(
                f"The collection holds {dimensions}-dimensional vectors, not {len(vector)}."
            )


def _where(filters: Sequence[MetadataFilter]) -> tuple[str, list[Any]]:
    clauses, params = ["TRUE"], []
    for item in filters:
        validate_filter(item)
        if item.op == FilterOp.EQ:
            clauses.append("metadata -> %s = %s::jsonb")
            params += [item.key, json.dumps(item.value)]
        elif item.op == FilterOp.IN:
            clauses.append("metadata -> %s IN (SELECT jsonb_array_elements(%s::jsonb))")
            params += [item.key, json.dumps(list(item.value))]  # type: ignore[arg-type]
        else:
            operator = ">=" if item.op == FilterOp.GTE else "<="
            # jsonb orders numbers numerically and strings by collation, but ranks all
            # numbers above all strings: compare only values of the bound's own type.
            clauses.append(
                f"jsonb_typeof(metadata -> %s) = jsonb_typeof(%s::jsonb) "
                f"AND metadata -> %s {operator} %s::jsonb"
            )
            bound = json.dumps(item.value)
            params += [item.key, bound, item.key, bound]
    return " AND ".join(clauses), params
