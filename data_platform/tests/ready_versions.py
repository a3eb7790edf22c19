"""Ready dataset versions for tests, made through the services (no upload API needed)."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
from typing import Any

import pyarrow as pa

from data_platform.choices import DatasetFormat
from data_platform.models import Dataset, DatasetVersion
from data_platform.services import versions
from data_platform.services.formats.tabular import schema_of
from platform_core.backends import get_backend
from platform_core.models import Project, User
from platform_core.services import create_object

_names = itertools.count(1)


def make_dataset(actor: User, project: Project, fmt: str = DatasetFormat.JSONL) -> Dataset:
    return create_object(
        actor,
        Dataset,
        project=project,
        organization_id=project.organization_id,
        name=f"dataset-{next(_names)}",
        format=fmt,
        created_by=actor,
    )


def make_ready_version(
    actor: User,
    project: Project,
    *,
    rows: list[dict[str, Any]] | None = None,
    files: dict[str, bytes] | None = None,
    fmt: str = DatasetFormat.JSONL,
    columns: list[str] | None = None,
) -> DatasetVersion:
    """A ready version holding ``rows`` (as one JSON Lines file), or the given ``files``
    whose table has ``columns``."""
    dataset = make_dataset(actor, project, fmt)
    version = versions.create_version(actor, dataset)
    if rows is not None:
        files = {"data.jsonl": b"".join(json.dumps(row).encode() + b"\n" for row in rows)}
    manifest = []
    for path, data in (files or {}).items():
        get_backend("storage").put(version.storage_prefix + path, io.BytesIO(data), len(data))
        manifest.append(
            {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        )
    versions.mark_validating(version, files=manifest)
    schema = (
        schema_of(pa.Table.from_pylist(rows).schema)
        if rows
        else [{"name": name, "type": "string"} for name in columns or []]
    )
    return versions.mark_ready(
        version,
        row_count=len(rows) if rows is not None else None,
        schema=schema,
        validation_report={},
    )
