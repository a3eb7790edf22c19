from __future__ import annotations

import pytest

from platform_core.backends.registry import get_backend
from platform_core.backends.vectors.base import VectorRecord, VectorStoreError
from platform_core.backends.vectors.contract import VectorStoreContract, unit, usable_or_skip
from platform_core.backends.vectors.pgvector import PgVectorStore

pytestmark = pytest.mark.django_db


class TestPgVectorStore(VectorStoreContract):
    @pytest.fixture
    def store(self) -> PgVectorStore:
        return usable_or_skip(PgVectorStore())  # type: ignore[return-value]


def test_is_the_default_vectors_backend() -> None:
    assert isinstance(get_backend("vectors"), PgVectorStore)


def test_collections_are_tables_with_an_hnsw_index(django_db_blocker) -> None:
    store = usable_or_skip(PgVectorStore())
    store.create_collection("indexed", 3)
    store.add("indexed", [VectorRecord(1, unit(1, 2, 3), "x")])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'zt_vectors_indexed'")
        definitions = [row[0] for row in cursor.fetchall()]

    assert any("USING hnsw (embedding vector_cosine_ops)" in item for item in definitions)


def test_database_errors_become_store_errors() -> None:
    store = usable_or_skip(PgVectorStore())
    store.create_collection("nul_text", 3)

    with pytest.raises(VectorStoreError, match="pgvector"):
        store.add("nul_text", [VectorRecord(1, unit(1, 0, 0), "nul \x00 byte")])
