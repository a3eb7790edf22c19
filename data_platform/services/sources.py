"""Data sources: create, update, delete, test the connection, and start ingestion jobs."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from data_platform import events
from data_platform.choices import DatasetFormat, JobKind, SourceKind
from data_platform.models import Dataset, DataSource, Job
from data_platform.services.ingestion import database, kafka, objectstore
from data_platform.services.ingestion.kinds import DATABASE_KINDS, scrub, split_settings
from data_platform.services.ingestion.probes import ProbeResult
from data_platform.services.ingestion.queries import check_read_only
from data_platform.services.ingestion.windows import KafkaWindow
from platform_core.errors import InvalidInput
from platform_core.events import emit
from platform_core.models import Project, User
from platform_core.queue import enqueue
from platform_core.secrets import encrypt_json
from platform_core.services import create_object, delete_object, update_object


def _secret_fields(source: DataSource | None, secrets: dict[str, Any]) -> dict[str, Any]:
    """The encrypted column's new value, unchanged unless the secrets changed.

    Fernet tokens differ on every encryption, so re-encrypting equal secrets would show
    a change in the audit log that never happened.
    """
    if source is not None and source.secrets() == secrets:
        return {}
    return {"encrypted_secrets": encrypt_json(secrets) if secrets else ""}


def create_source(
    actor: User | None,
    *,
    project: Project,
    name: str,
    kind: str,
    description: str = "",
    config: dict[str, Any] | None = None,
) -> DataSource:
    settings = split_settings(kind, config or {}, {})
    return create_object(
        actor,
        DataSource,
        project=project,
        organization_id=project.organization_id,
        name=name,
        kind=kind,
        description=description,
        config=settings.config,
        **_secret_fields(None, settings.secrets),
    )


def update_source(
    actor: User | None, source: DataSource, *, config: dict[str, Any] | None = None, **fields: Any
) -> DataSource:
    """Change name/description and, if given, the settings (the kind never changes)."""
    changes = dict(fields)
    if config is not None:
        settings = split_settings(source.kind, config, source.secrets())
        changes["config"] = settings.config
        changes.update(_secret_fields(source, settings.secrets))
    return update_object(actor, source, **changes)


def delete_source(actor: User | None, source: DataSource) -> None:
    delete_object(actor, source)


def _probe(source: DataSource) -> ProbeResult:
    if source.kind in DATABASE_KINDS:
        return database.probe(source)
    if source.kind == SourceKind.S3:
        return objectstore.probe(source)
    if source.kind == SourceKind.KAFKA:
        return kafka.probe(source)
    return ProbeResult(True, "Upload sources have nothing to connect to.")


def check_connection(actor: User | None, source: DataSource) -> ProbeResult:
    """Try to reach the source (with a short timeout) and record the outcome on it.

    A source that cannot be reached is a result (``ok`` false, with the reason), not an error.
    """
    result = _probe(source)
    result = ProbeResult(result.ok, scrub(result.message, source.secrets())[:500])
    with transaction.atomic():
        update_object(
            actor,
            source,
            last_tested_at=timezone.now(),
            last_test_ok=result.ok,
            last_test_message=result.message,
        )
        emit(
            events.SOURCE_TESTED,
            organization=source.organization_id,
            project=source.project_id,
            subject=source,
            data=events.source_tested(source),
        )
    return result


def _check_target(source: DataSource, dataset: Dataset, fmt: DatasetFormat) -> None:
    if dataset.project_id != source.project_id:
        raise InvalidInput(
            "The dataset must be in the same project as the data source.",
            details={"dataset": ["Not in the data source's project."]},
        )
    if dataset.format != fmt:
        raise InvalidInput(
            f"This ingestion writes {fmt.label}, but the dataset's format is {dataset.format}.",
            details={"dataset": [f"Needs a dataset of format {fmt.value}."]},
        )


def _start(actor: User | None, source: DataSource, dataset: Dataset, **fields: Any) -> Job:
    job = create_object(
        actor,
        Job,
        project=source.project,
        organization_id=source.organization_id,
        source=source,
        target_dataset=dataset,
        created_by=actor,
        **fields,
    )
    enqueue("data_platform.run_ingestion", job.pk)
    return job


@transaction.atomic
def start_snapshot(actor: User | None, source: DataSource, dataset: Dataset, query: str) -> Job:
    """Queue a job that snapshots a read-only query's result into a new Parquet version."""
    if source.kind not in DATABASE_KINDS:
        raise InvalidInput(
            f"Snapshots read from PostgreSQL or MySQL sources, not {source.get_kind_display()}."
        )
    _check_target(source, dataset, DatasetFormat.PARQUET)
    return _start(
        actor,
        source,
        dataset,
        kind=JobKind.DATABASE_SNAPSHOT,
        name=f"Snapshot of {source.name}"[:100],
        spec={"query": check_read_only(query)},
    )


@transaction.atomic
def start_kafka_window(
    actor: User | None, source: DataSource, dataset: Dataset, window: KafkaWindow
) -> Job:
    """Queue a job that consumes a window of the source's topic into a new JSONL version."""
    if source.kind != SourceKind.KAFKA:
        raise InvalidInput(f"Only Kafka sources can be consumed, not {source.get_kind_display()}.")
    _check_target(source, dataset, DatasetFormat.JSONL)
    return _start(
        actor,
        source,
        dataset,
        kind=JobKind.KAFKA_WINDOW,
        name=f"Window of {source.config['topic']}"[:100],
        spec=window.to_spec(),
    )
