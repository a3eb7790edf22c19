"""The data platform's events (see platform_core.events): their types and payloads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from data_platform.models import DatasetVersion, DataSource, LabelingProject, VectorCollection

VERSION_READY = "dataset_version.ready"
VERSION_FAILED = "dataset_version.failed"
LABELING_READY = "labeling_project.ready"
LABELING_FAILED = "labeling_project.failed"
LABELING_EXPORTED = "labeling_project.exported"
COLLECTION_READY = "vector_collection.ready"
COLLECTION_FAILED = "vector_collection.failed"
SOURCE_TESTED = "data_source.tested"

EVENT_TYPES = {
    VERSION_READY: "A dataset version was validated and can be read.",
    VERSION_FAILED: "A dataset version failed (validation, quota, its job); nothing of it is kept.",
    LABELING_READY: "A labeling project's tasks were generated; annotators can start.",
    LABELING_FAILED: "Generating a labeling project's tasks failed.",
    LABELING_EXPORTED: "A labeling project was exported as a new dataset version.",
    COLLECTION_READY: "A vector collection was embedded and can be searched.",
    COLLECTION_FAILED: "Building a vector collection failed.",
    SOURCE_TESTED: "A data source's connection was tested (ok or not).",
}


def version_ready(version: DatasetVersion) -> dict[str, Any]:
    return {
        "dataset": version.dataset_id,
        "dataset_name": version.dataset.name,
        "version": version.pk,
        "number": version.number,
        "format": version.dataset.format,
        "row_count": version.row_count,
        "total_bytes": version.total_bytes,
        "produced_by_job": version.produced_by_id,
    }


def version_failed(version: DatasetVersion) -> dict[str, Any]:
    return {
        "dataset": version.dataset_id,
        "dataset_name": version.dataset.name,
        "version": version.pk,
        "number": version.number,
        "reason": version.failure_reason,
        "produced_by_job": version.produced_by_id,
    }


def labeling_finished(project: LabelingProject) -> dict[str, Any]:
    return {
        "labeling_project": project.pk,
        "name": project.name,
        "version": project.version_id,
        "task_count": project.tasks.count(),
        "error": project.error,
    }


def labeling_exported(project: LabelingProject, version: DatasetVersion) -> dict[str, Any]:
    return {
        "labeling_project": project.pk,
        "name": project.name,
        "dataset": version.dataset_id,
        "version": version.pk,
        "number": version.number,
    }


def collection_finished(collection: VectorCollection) -> dict[str, Any]:
    return {
        "vector_collection": collection.pk,
        "name": collection.name,
        "version": collection.version_id,
        "item_count": collection.item_count,
        "embedding_model": collection.embedding_model,
        "error": collection.error,
    }


def source_tested(source: DataSource) -> dict[str, Any]:
    return {
        "data_source": source.pk,
        "name": source.name,
        "kind": source.kind,
        "ok": source.last_test_ok,
        "message": source.last_test_message,
    }
