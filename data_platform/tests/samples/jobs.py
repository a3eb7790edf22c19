"""Samples of jobs, and ready input versions made straight through the version services
(no upload API involved), for the jobs and pipeline tests."""

from __future__ import annotations

import hashlib
import io
import itertools
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pajson
import pyarrow.parquet as pq

from data_platform.models import Dataset, DatasetVersion, Job
from data_platform.services.jobs import create_processing_job
from data_platform.services.pipeline.schema import from_arrow
from data_platform.services.versions import create_version, mark_ready, mark_validating
from platform_core.backends import get_backend
from platform_core.services import create_object
from tests.isolation import CreateRequest, create_request_for, sample_for

_counter = itertools.count(1)
PEOPLE = {
    "id": [1, 2, 3, 4, 5, 6],
    "name": ["ada", "grace", "linus", None, "ada", "barbara"],
    "age": [36, 45, None, 29, 36, 51],
    "city": ["london", "new york", "helsinki", "paris", "london", None],
}


def make_dataset(tenant: Any, file_format: str = "csv", name: str | None = None) -> Dataset:
    return create_object(
        tenant.owner,
        Dataset,
        project=tenant.project,
        organization_id=tenant.organization.pk,
        name=name or f"jobs-sample-{next(_counter)}",
        format=file_format,
        created_by=tenant.owner,
    )


def encode(table: pa.Table, file_format: str) -> bytes:
    sink = io.BytesIO()
    if file_format == "parquet":
        pq.write_table(table, sink)
    else:
        pacsv.write_csv(table, sink)
    return sink.getvalue()


def make_ready_version(
    tenant: Any,
    columns: dict[str, list[Any]] | pa.Table | None = None,
    *,
    file_format: str = "csv",
    dataset: Dataset | None = None,
    files: int = 1,
) -> DatasetVersion:
    """A ready version holding ``columns`` (split over ``files`` files), as an upload makes it."""
    table = columns if isinstance(columns, pa.Table) else pa.table(columns or PEOPLE)
    dataset = dataset or make_dataset(tenant, file_format)
    version = create_version(tenant.owner, dataset)
    storage = get_backend("storage")
    manifest = []
    per_file = -(-table.num_rows // files)
    for number in range(files):
        data = encode(table.slice(number * per_file, per_file), file_format)
        path = f"part-{number}.{file_format}"
        storage.put(version.storage_prefix + path, io.BytesIO(data), length=len(data))
        manifest.append(
            {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        )
    mark_validating(version, files=manifest)
    return mark_ready(
        version, row_count=table.num_rows, schema=from_arrow(table.schema), validation_report={}
    )


def sample_job(tenant: Any) -> Job:
    """A queued processing job (its start task runs only on commit)."""
    source = make_ready_version(tenant)
    return create_processing_job(
        tenant.owner,
        project=tenant.project,
        inputs=[source],
        target_dataset=make_dataset(tenant, "parquet"),
        spec={"steps": [{"op": "select", "columns": ["id", "name"]}]},
    )


sample_for(Job)(sample_job)


@create_request_for("job-list")
def job_request(tenant: Any) -> CreateRequest:
    data = {
        "project": tenant.project.pk,
        "inputs": [make_ready_version(tenant).pk],
        "target_dataset": make_dataset(tenant, "parquet").pk,
        "spec": {"steps": [{"op": "select", "columns": ["id", "name"]}]},
    }
    return CreateRequest("/api/v1/jobs/", data)


# --- helpers shared by the jobs tests --------------------------------------------------------


def read_version(version: DatasetVersion) -> pa.Table:
    """Everything a ready version holds, read back from storage."""
    storage = get_backend("storage")
    tables = []
    for item in version.files:
        with storage.open(version.storage_prefix + item["path"]) as chunks:
            data = b"".join(chunks)
        if item["path"].endswith(".parquet"):
            tables.append(pq.read_table(io.BytesIO(data)))
        elif item["path"].endswith(".csv"):
            tables.append(pacsv.read_csv(io.BytesIO(data)))
        else:
            tables.append(pajson.read_json(io.BytesIO(data)))
    return pa.concat_tables(tables)


def stored_keys(prefix: str) -> list[str]:
    return sorted(info.key for info in get_backend("storage").list(prefix))
