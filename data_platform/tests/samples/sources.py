"""Sample data sources for the generic tenant-isolation and query-count tests."""

from __future__ import annotations

import itertools
from typing import Any

from data_platform.models import DataSource
from data_platform.services.sources import create_source
from data_platform.tests.samples.datasets import new_dataset
from tests.isolation import CreateRequest, create_request_for, sample_for

_counter = itertools.count(1)


@sample_for(DataSource)
def data_source(tenant: Any) -> DataSource:
    return create_source(
        tenant.owner,
        project=tenant.project,
        name=f"bucket-{next(_counter)}",
        kind="s3",
        config={
            "endpoint": "http://127.0.0.1:9000",
            "bucket": "samples",
            "access_key": "sample-access",
            "secret_key": "sample-secret",
        },
    )


@create_request_for("data-source-list")
def source_request(tenant: Any) -> CreateRequest:
    data = {"project": tenant.project.pk, "name": f"drop-{next(_counter)}", "kind": "upload"}
    return CreateRequest("/api/v1/data-sources/", data)


@create_request_for("data-source-snapshot")
def snapshot_request(tenant: Any) -> CreateRequest:
    source = create_source(
        tenant.owner,
        project=tenant.project,
        name=f"sales-{next(_counter)}",
        kind="postgresql",
        config={"url": "postgresql://reader:secret@db.example.com:5432/sales"},
    )
    dataset = new_dataset(tenant, format="parquet")
    return CreateRequest(
        f"/api/v1/data-sources/{source.pk}/snapshot/",
        {"dataset": dataset.pk, "query": "SELECT 1 AS one"},
    )


@create_request_for("data-source-consume")
def consume_request(tenant: Any) -> CreateRequest:
    source = create_source(
        tenant.owner,
        project=tenant.project,
        name=f"events-{next(_counter)}",
        kind="kafka",
        config={"bootstrap_servers": ["kafka.example.com:9092"], "topic": "events"},
    )
    dataset = new_dataset(tenant, format="jsonl")
    window = {"dataset": dataset.pk, "start_offset": 0, "end_offset": 10}
    return CreateRequest(f"/api/v1/data-sources/{source.pk}/consume/", window)
