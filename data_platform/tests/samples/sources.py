"""Sample data sources for the generic tenant-isolation and query-count tests."""

from __future__ import annotations

import itertools
from typing import Any

from data_platform.models import DataSource
from data_platform.services.sources import create_source
from tests.isolation import sample_for

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
