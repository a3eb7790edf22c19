"""Vector collections: a text column of a ready version, embedded and searchable by similarity.

A collection is created ``building``; a Celery task embeds the rows in batches
(``item_count`` grows as they land) and ends it ``ready`` or ``failed``. The
vectors live in the ``vectors`` backend under ``collection_<id>``; the row here
is the metadata and the permission anchor.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from django.db import transaction

from data_platform import events
from data_platform.choices import CollectionStatus
from data_platform.models import DatasetVersion, VectorCollection
from data_platform.services.background_state import finish_unless_moved_on
from data_platform.services.version_rows import (
    batched,
    column_names,
    is_tabular,
    iter_rows,
    require_ready,
)
from platform_core.backends import get_backend
from platform_core.backends.embeddings.base import Embedder, EmbeddingError
from platform_core.backends.vectors.base import (
    CollectionNotFound,
    FilterOp,
    MetadataFilter,
    SearchHit,
    VectorRecord,
    VectorStore,
    VectorStoreError,
    is_scalar,
    validate_filter,
)
from platform_core.errors import Conflict, InvalidInput, ServiceUnavailable
from platform_core.events import emit
from platform_core.models import User
from platform_core.queue import enqueue
from platform_core.services import create_object, delete_object, update_object

logger = logging.getLogger(__name__)

BATCH_SIZE = 256
MAX_METADATA_COLUMNS = 20
MAX_TOP_K = 100
MAX_IN_VALUES = 100
RANGE_OPS = {"gte": FilterOp.GTE, "lte": FilterOp.LTE}


def collection_key(collection: VectorCollection) -> str:
    return f"collection_{collection.pk}"


# --- writes ---------------------------------------------------------------------------------


@transaction.atomic
def create_collection(
    actor: User | None,
    *,
    version: DatasetVersion,
    name: str,
    text_column: str,
    metadata_columns: list[str] | None = None,
) -> VectorCollection:
    metadata_columns = list(metadata_columns or [])
    _validate_source(version, text_column, metadata_columns)
    collection = create_object(
        actor,
        VectorCollection,
        organization_id=version.organization_id,
        project_id=version.project_id,
        name=name,
        version=version,
        text_column=text_column,
        metadata_columns=metadata_columns,
        embedding_model=get_backend("embeddings").model_name,
        backend=get_backend("vectors").name,
        status=CollectionStatus.BUILDING,
    )
    _enqueue_build(collection)
    return collection


def rename_collection(
    actor: User | None, collection: VectorCollection, name: str
) -> VectorCollection:
    return update_object(actor, collection, name=name)


@transaction.atomic
def rebuild_collection(actor: User | None, collection: VectorCollection) -> VectorCollection:
    """Embed the version again, with the platform's current model and backend."""
    collection = VectorCollection.objects.select_for_update().get(pk=collection.pk)
    if collection.status == CollectionStatus.BUILDING:
        raise Conflict("This collection is already being built.")
    collection = update_object(
        actor,
        collection,
        status=CollectionStatus.BUILDING,
        error="",
        item_count=0,
        embedding_model=get_backend("embeddings").model_name,
        backend=get_backend("vectors").name,
    )
    _enqueue_build(collection)
    return collection


@transaction.atomic
def delete_collection(actor: User | None, collection: VectorCollection) -> None:
    key, backend = collection_key(collection), collection.backend
    delete_object(actor, collection)

    def drop_vectors() -> None:
        store = get_backend("vectors")
        if store.name == backend:
            store.delete_collection(key)

    transaction.on_commit(drop_vectors)


def _enqueue_build(collection: VectorCollection) -> None:
    enqueue("data_platform.build_vector_collection", collection.pk)


def _validate_source(
    version: DatasetVersion, text_column: str, metadata_columns: list[str]
) -> None:
    require_ready(version)
    if not is_tabular(version):
        raise InvalidInput(
            "Vector collections are built from tables (CSV, Parquet, JSON Lines), "
            f"not from a {version.dataset.format} dataset.",
            details={"version": ["Not a tabular version."]},
        )
    columns = column_names(version)
    errors: dict[str, list[str]] = {}
    if text_column not in columns:
        errors["text_column"] = [f"No column {text_column!r} in the version; it has {columns}."]
    unknown = [name for name in metadata_columns if name not in columns]
    if unknown:
        errors.setdefault("metadata_columns", []).append(f"Not columns of the version: {unknown}.")
    if text_column in metadata_columns:
        errors.setdefault("metadata_columns", []).append("The text column is not metadata.")
    if len(set(metadata_columns)) != len(metadata_columns):
        errors.setdefault("metadata_columns", []).append("Columns are listed more than once.")
    if len(metadata_columns) > MAX_METADATA_COLUMNS:
        errors.setdefault("metadata_columns", []).append(
            f"At most {MAX_METADATA_COLUMNS} metadata columns."
        )
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], details=errors)


# --- building (runs in a worker) ------------------------------------------------------------


def build_collection(collection_id: int) -> None:
    collection = (
        VectorCollection.objects.select_related("version__dataset")
        .filter(pk=collection_id, status=CollectionStatus.BUILDING)
        .first()
    )
    if collection is None:
        return  # deleted, or already finished by an earlier delivery of this task
    store: VectorStore = get_backend("vectors")
    embedder: Embedder = get_backend("embeddings")
    key = collection_key(collection)
    try:
        dimensions = embedder.dimensions
        store.create_collection(key, dimensions)
        count = 0
        for batch in batched(_items(collection), BATCH_SIZE):
            vectors = embedder.embed([text for _, text, _ in batch])
            store.add(
                key,
                [
                    VectorRecord(index, vector, text, metadata)
                    for (index, text, metadata), vector in zip(batch, vectors, strict=True)
                ],
            )
            count += len(batch)
            VectorCollection.objects.filter(pk=collection.pk).update(item_count=count)
    except Exception as exc:  # any failure ends the build as failed, with its reason
        logger.exception("Building vector collection %s failed", collection.pk)
        _discard(store, key)
        _finish(collection.pk, status=CollectionStatus.FAILED, error=f"{type(exc).__name__}: {exc}")
        return
    _finish(collection.pk, status=CollectionStatus.READY, item_count=count, dimensions=dimensions)


def _items(collection: VectorCollection) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(row index, text, metadata) of rows with a non-blank text; the others are skipped."""
    columns = [collection.text_column, *collection.metadata_columns]
    for index, row in iter_rows(collection.version, columns):
        text = row.get(collection.text_column)
        if text is not None and str(text).strip():
            yield index, str(text), {name: row.get(name) for name in collection.metadata_columns}


@transaction.atomic
def _finish(collection_id: int, **fields: Any) -> None:
    collection = finish_unless_moved_on(
        VectorCollection, collection_id, CollectionStatus.BUILDING, **fields
    )
    if collection is not None:
        emit(
            events.COLLECTION_READY
            if collection.status == CollectionStatus.READY
            else events.COLLECTION_FAILED,
            organization=collection.organization_id,
            project=collection.project_id,
            subject=collection,
            data=events.collection_finished(collection),
        )


def _discard(store: VectorStore, key: str) -> None:
    try:
        store.delete_collection(key)
    except VectorStoreError:
        logger.exception("Could not remove the vectors of failed collection %s", key)


# --- search ---------------------------------------------------------------------------------


def search(
    collection: VectorCollection,
    *,
    query: str,
    top_k: int = 10,
    filters: dict[str, Any] | None = None,
) -> list[SearchHit]:
    if collection.status != CollectionStatus.READY:
        raise Conflict(f"This collection is {collection.status}; it can be searched once ready.")
    if not 1 <= top_k <= MAX_TOP_K:
        raise InvalidInput(
            f"top_k must be between 1 and {MAX_TOP_K}.", details={"top_k": ["Out of range."]}
        )
    parsed = parse_filters(collection, filters or {})
    store, embedder = _backends_for(collection)
    try:
        vector = embedder.embed([query])[0]
        return store.search(collection_key(collection), vector, top_k, parsed)
    except CollectionNotFound as exc:
        raise Conflict("This collection's vectors are missing; rebuild it.") from exc
    except (VectorStoreError, EmbeddingError) as exc:
        raise ServiceUnavailable(str(exc)) from exc


def _backends_for(collection: VectorCollection) -> tuple[VectorStore, Embedder]:
    store: VectorStore = get_backend("vectors")
    embedder: Embedder = get_backend("embeddings")
    if store.name != collection.backend:
        raise ServiceUnavailable(
            f"This collection is stored in {collection.backend}, but the platform now uses "
            f"{store.name}; rebuild it."
        )
    if embedder.model_name != collection.embedding_model:
        raise ServiceUnavailable(
            f"This collection was embedded with {collection.embedding_model}, but the platform "
            f"now embeds with {embedder.model_name}; rebuild it."
        )
    return store, embedder


def parse_filters(collection: VectorCollection, filters: dict[str, Any]) -> list[MetadataFilter]:
    """``{column: value | {"in": [...]} | {"gte": x, "lte": y}}`` → backend filters."""
    parsed: list[MetadataFilter] = []
    errors: dict[str, list[str]] = {}
    for column, condition in filters.items():
        if column not in collection.metadata_columns:
            known = collection.metadata_columns
            errors[column] = [f"Not a metadata column of this collection; these are: {known}."]
            continue
        try:
            parsed.extend(_column_filters(column, condition))
        except ValueError as exc:
            errors[column] = [str(exc)]
    if errors:
        raise InvalidInput(
            f"Invalid filter on {next(iter(errors))!r}: {next(iter(errors.values()))[0]}",
            details={"filters": errors},
        )
    return parsed


def _column_filters(column: str, condition: Any) -> list[MetadataFilter]:
    if is_scalar(condition):
        return [validate_filter(MetadataFilter(column, FilterOp.EQ, condition))]
    if not isinstance(condition, dict) or not condition:
        raise ValueError('Use a value, {"in": [values]}, or {"gte": bound, "lte": bound}.')
    unknown = sorted(set(condition) - {"in", *RANGE_OPS})
    if unknown:
        raise ValueError(f"Unknown operators {unknown}; use in, gte or lte.")
    result = []
    if "in" in condition:
        values = condition["in"]
        if not isinstance(values, list) or len(values) > MAX_IN_VALUES:
            raise ValueError(f'"in" needs a list of at most {MAX_IN_VALUES} values.')
        result.append(MetadataFilter(column, FilterOp.IN, tuple(values)))
    result += [
        MetadataFilter(column, op, condition[name])
        for name, op in RANGE_OPS.items()
        if name in condition
    ]
    return [validate_filter(item) for item in result]
